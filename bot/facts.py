"""The answer line: the passage of a release that answers a question asking for a
figure, a name, a date, a place or a rank.

A question asks for one when it holds a question word of ASKS ("กี่", "ใคร",
"เมื่อไร", "ที่ไหน", "how many", "who", "when", "which tier", ...). The best
releases, title first, then body, are read for that kind of answer (a number that
is not a date or a year, a person's title and name, a date, a place's preposition,
a tier), and each one is weighed by the question's words around it and in the
release's title: the passage must hold the question's most telling group (the one
of most weight) and, with the title, half of the question's weight, else there is
no answer line. Never a guess: a release that names the subject but no figure
gives none.

Two releases that give different figures for the same thing are both shown, each
with its date ("3,652" in March, "4,100" in May).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain

from pythainlp.util.date import thai_abbr_months, thai_full_months

from bot.dates import ENGLISH_MONTHS
from bot.matcher import Found, TermMatcher
from bot.passages import window
from bot.thai import has_thai

# Question words, by the kind of answer they ask for.
ASKS: dict[str, tuple[str, ...]] = {
    "figure": ("กี่", "เท่าไร", "เท่าไหร่", "จำนวนเท่า", "เฉลี่ย", "how many", "how much",
               "number of", "average", "total", "figure", "figures", "statistics", "สถิติ"),
    "who": ("ใคร", "who", "whom"),
    "when": ("เมื่อไร", "เมื่อไหร่", "เมื่อใด", "ตอนไหน", "วันไหน", "วันที่เท่าไร", "when",
             "what date"),
    "where": ("ที่ไหน", "ที่ใด", "where"),
    "rank": ("which tier", "what tier", "tier ไหน", "tier อะไร", "เทียร์ไหน", "เทียร์อะไร",
             "ระดับไหน", "ระดับใด", "ระดับอะไร", "อันดับที่เท่าไร", "อันดับเท่าไร", "ranking",
             "ranked"),
}
# How far around an answer the question's words count (characters each side), and
# how long the passage shown is.
_REACH = 160
_SHOWN = 260
# The passage must hold this share of the question's weight.
_MIN_SHARE = 0.5
# A tier said in a condition ("ถ้าประเทศไทยถูกจัดระดับไปอยู่ Tier 2 Watch List จะ...") is
# no ranking: a condition this close before it rules it out.
_RE_IF = re.compile(r"(?:ถ้า|หาก|\bif\b|\bshould\b|\bwould\b)", re.IGNORECASE)
_IF_REACH = 60
# Where a person's post is written: after the name, or right before it (characters).
_POST_AFTER = 120
_POST_BEFORE = 4
# How many of the question's groups the post must hold (all of a question of fewer).
_POST_GROUPS = 2
# A post that serves another ("เลขานุการรัฐมนตรี", "ผู้ช่วยรัฐมนตรี", "Secretary to the
# Minister", "ผู้แทนรัฐมนตรี" but not "คณะผู้แทน", a delegation) is not it; "และ", "and"
# or a comma begins another post of the same person ("รองนายกรัฐมนตรีและรัฐมนตรีว่าการ
# กระทรวงมหาดไทย").
_RE_SERVES = re.compile(r"เลขานุการ|ผู้ช่วย|ที่ปรึกษา|ปลัด|โฆษก|(?<!คณะ)ผู้แทน|\bspokesperson\b|"
                        r"\b(?:secretary|assistant|adviser|advisor|aide) to\b|\brepresentative",
                        re.IGNORECASE)
_RE_AND = re.compile(r"และ|\band\b|,")
# How close before the post it serves such a word is written ("เลขานุการรัฐมนตรี...",
# "Secretary to the Minister"); further back it is the person's own post ("รองปลัด
# กระทรวงการพัฒนาสังคมฯ หัวหน้าคณะผู้แทนฝ่ายไทย": head of the delegation).
_SERVES_REACH = 20
# Where a role taken at an event follows a person's post: "... เป็นประธาน", "... as chair".
_RE_ROLE = re.compile(r"\s?(?:เป็น|ทำหน้าที่)|\bas\b", re.IGNORECASE)
# What is this close to an answer is right beside it (characters each side).
_BESIDE = 40
# "ราย" after a figure: a classifier of people, cases and accounts alike.
_RE_RAI = re.compile(r"\s*ราย(?!การ|งาน|ได้|ละ)")
# A figure said to be a whole ("ทั้ง 8 แห่งทั่วประเทศ", "a total of 253"): what "how
# many are there" asks for, before a figure of some of them ("6 แห่ง เข้าร่วม").
_RE_WHOLE_BEFORE = re.compile(r"(?:(?<!รวม)ทั้ง|ทั้งหมด|ทั้งสิ้น|รวม|\btotal of|\ball)\s*$",
                              re.IGNORECASE)
_WHOLE_BEFORE = 12  # how far before a figure "ทั้ง", "total of" may be
_RE_WHOLE_AFTER = re.compile(r"\s*\S{0,12}?\s*(?:ทั่วประเทศ|ทั้งหมด|ทั้งสิ้น|nationwide|in total)",
                             re.IGNORECASE)
# A question of this many groups is answered by a passage holding all of them but
# one, even when the one is its most telling.
_ALL_BUT_ONE = 3
# A second figure is shown when its passage weighs this much of the first's.
_CLOSE = 0.9
# How many passages at most (a figure and a different one from another release).
MAX_FACTS = 2
# How far after a figure what it counts may be written.
_UNIT_REACH = 40
# How much of a release opens it: where the year its figures are of is said.
_OPENING = 600
# Those who take part in an event, named this close before a count of them.
_RE_AUDIENCE = re.compile(r"ผู้เข้าร่วม|ผู้เข้าอบรม|ผู้ร่วมงาน|ผู้ฟัง|ผู้ชม|\b(?:participants?|attendees?|"
                          r"trainees?|delegates?|audience)\b", re.IGNORECASE)
_AUDIENCE_BEFORE = 30
# ...or, where the paragraph tells of those who took part (_RE_ASKS_AUDIENCE within
# _REACH before), listed by name right after the count ("ผู้เข้าร่วมงาน ... และผ่านระบบ
# ออนไลน์ จำนวน 400 คน ประกอบด้วย นายอนุกูล ..."): who came, not what the question
# counts. Suspects listed by name after their count are counted ("ผู้ต้องหา 3 คน
# ประกอบด้วย นาย...").
_RE_NAMED_AFTER = re.compile(
    r"\s*(?:คน|ท่าน|ราย|persons|people|participants)?\s*,?\s*(?:ประกอบด้วย|ได้แก่|โดยมี|"
    r"including|comprising|consisting of)\s*(?:นาย|นาง|น\.ส\.|ดร\.|พล\.|พ\.[ตอท]\.|ผู้บริหาร"
    r"|Mr\b|Mrs\b|Ms\b|Dr\b|H\.E\b)", re.IGNORECASE)
# A question that asks how many took part: those words, or a verb of taking part
# ("มีคนเข้าร่วมกี่คน", "how many people attended").
_RE_ASKS_AUDIENCE = re.compile(rf"{_RE_AUDIENCE.pattern}|เข้าร่วม|\b(?:attend(?:ed|ing)?"
                               r"|took part|take part|participated|participating)\b",
                               re.IGNORECASE)
# A question about Thai people ("ช่วยเหลือคนไทยกี่คน", "how many Thais") is not answered
# with a count of another nationality named right before it ("แรงงานสัญชาติเมียนมา
# จำนวน 287 คน", "287 Myanmar workers").
_RE_ASKS_THAIS = re.compile(r"(?:คน|ชาว|แรงงาน|สัญชาติ)ไทย|\bthais\b|\bthai (?:nationals|people"
                            r"|citizens|workers|victims|women|men|children)\b", re.IGNORECASE)
_RE_OTHER_NATIONALS = re.compile(
    r"(?:สัญชาติ|ชาว|แรงงาน|คน)(?:เมียนมา|พม่า|กัมพูชา|เขมร|ลาว|เวียดนาม|จีน|อินเดีย|ศรีลังกา)"
    r"|ต่างด้าว|ต่างชาติ|\b(?:myanmar|burmese|cambodian|lao|laotian|vietnamese|chinese|indian"
    r"|sri lankan|foreign)\b", re.IGNORECASE)
_NATIONALS_BEFORE = 30
# A count of the dead, the sick, the hurt or the missing ("22 ราย เสียชีวิตจากโควิด-19",
# "ผู้บาดเจ็บจำนวน 35 ราย", "5 deaths"), named this close before or after it, answers only
# a question about them: a family asking how many were helped home is not told how many died.
_RE_HARMED = re.compile(r"เสียชีวิต|ติดเชื้อ|ป่วย|บาดเจ็บ|สูญหาย|\b(?:died|dead|deaths?|killed"
                        r"|fatalities|infected|injured|wounded|missing|sick)\b", re.IGNORECASE)
_HARMED_BEFORE, _HARMED_AFTER = 30, 25
# A year written out (Buddhist or common era), the one asked or another; one this
# close after a figure is its year ("253 คดี ในปี 2565").
_YEAR_AFTER = 16
_RE_YEAR = re.compile(r"(?<!\d)(?:25[4-9]\d|20[0-4]\d)(?!\d)")

_TH_MONTHS = "|".join([*map(re.escape, thai_full_months),
                       *(re.escape(short) for short in thai_abbr_months)])
_EN_MONTHS = "|".join(name.capitalize() for name in ENGLISH_MONTHS)
# A date: "24 เมษายน 2566", "15 ต.ค. 63", "24 April 2023", "April 24, 2023"; a day of
# every year has none ("5 มิถุนายน ของทุกปี", "30 July").
_DATE = (rf"\d{{1,2}}\s*(?:{_TH_MONTHS})(?:\s*(?:พ\.ศ\.\s*)?\d{{2,4}})?"
         rf"|\d{{1,2}}\s+(?:{_EN_MONTHS})(?:\s+\d{{4}})?|(?:{_EN_MONTHS})\s+\d{{1,2}}(?:,?\s+\d{{4}})?")
_RE_DATE = re.compile(_DATE)
# The units a small number is a figure with ("29 คน"; a number with commas is one alone).
_FIGURE_UNITS = (r"คน|ราย|คดี|แห่ง|ล้าน|พัน|หมื่น|แสน|บาท|ครั้ง|เรื่อง|ประเทศ|ลำ|ศูนย์|วัน|เดือน|"
                 r"ข้อ(?!มูล|ความ)|people|persons|victims|cases|workers|million|billion|baht|"
                 r"centres|centers|shelters|countries|suspects|days|months|%|เปอร์เซ็นต์|ร้อยละ")


def _figure_pattern(units: str) -> re.Pattern[str]:
    """A count or an amount: not a date, a year, a time, a phone number or an ordinal;
    a number without commas only with one of `units` after it."""
    return re.compile(
        rf"(?<![\d.,/:])(?<!ที่ )(?<!ครั้งที่ )(?!(?:{_DATE}))"
        r"(?!(?:19|20|25)\d\d(?![\d,]))\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d/:])"
        r"|(?<![\d.,/:])(?!(?:19|20|25)\d\d(?![\d,]))\d+(?:\.\d+)?"
        rf"(?=\s*(?:{units}))")


_ANSWERS: dict[str, re.Pattern[str]] = {
    "figure": _figure_pattern(_FIGURE_UNITS),
    "who": re.compile(
        # Not a trade ("นายจ้าง", "นายหน้า", "ทนาย", "นายทะเบียน"), nor a queen ("พระนางเจ้า"),
        # nor a piece of another word ("มิถุนายน", "ทำนาย", "พัฒนายุทธศาสตร์"). A post
        # ("นายกรัฐมนตรี") is one: it ends the post of the person before it.
        r"(?:(?<!มิถุ)(?<!ท)(?<!ทำ)(?<!พัฒ)นาย(?!จ้าง|หน้า|ทุน|ทะเบียน)"
        r"|นางสาว|(?<!พระ)นาง|น\.ส\.|ดร\.|พล\.\s?[อทต]\.|พล\.ต\.[อทต]\.|พ\.ต\.[อทต]\.|พ\.[อทต]\."
        r"|(?:พล|พัน)(?:ตำรวจ)?(?:เอก|โท|ตรี))"
        r"\s?[\u0e01-\u0e4e]{2,}"
        r"|\b(?:Mr|Mrs|Ms|Dr|(?:Pol\.\s?)?(?:(?:Lt|Maj)\.\s?)?(?:Gen|Col)|H\.E)\.?"
        r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z-]+)?"),
    "when": _RE_DATE,
    "where": re.compile(r"(?:ณ|ที่จังหวัด|จังหวัด|อำเภอ|เมือง|\bin|\bat)\s?[\u0e01-\u0e4eA-Z]"),
    "rank": re.compile(r"(?i:tier|เทียร์)\s*(?:2\s*watch\s*list|[123](?!\d))"),
}


# What a question counts: the Thai classifier after "กี่" ("กี่คดี", "กี่ แห่ง"), or the
# English noun after "how many" ("how many foreign victims": victims is two words on).
_UNITS_TH = ("คน", "ราย", "คดี", "แห่ง", "ครั้ง", "ประเทศ", "ลำ", "บาท", "ศูนย์", "เรื่อง",
             "จังหวัด", "หน่วยงาน", "ฉบับ", "ปี", "เดือน", "วัน")
_RE_UNIT_AFTER = re.compile(
    rf"\s*((?:{'|'.join(_UNITS_TH)})|(?:[A-Za-z-]+\s+){{0,2}}?[A-Za-z]+s(?![A-Za-z]))")
# A classifier after "กี่" that _UNITS_TH lacks ("กี่รางวัล", "กี่ระดับ"), up to the
# particles a question ends with.
_RE_TH_CLASSIFIER = re.compile(
    r"\s*([\u0e01-\u0e4e]{2,}?)(?=ครับ|คับ|ค่ะ|คะ|จ้ะ|จ้า|นะ|ไหม|มั้ย|บ้าง|แล้ว|กัน|\s|[?!.]|$)")
# "How much": the answer is money or a share, written right after the figure ("35,416
# ล้านบาท", "40.5 million baht", "12%") or right before it ("$5 million", "ร้อยละ 12").
_RE_HOW_MUCH = re.compile(r"\bhow much\b", re.IGNORECASE)
_RE_AMOUNT_AFTER = re.compile(
    r"\s*(?:(?:ล้าน|แสน|หมื่น|พัน|million|billion)\s*)?"
    r"(?:บาท|baht|ดอลลาร์|dollars?|usd|%|เปอร์เซ็นต์|percent)", re.IGNORECASE)
_RE_AMOUNT_BEFORE = re.compile(r"(?:\$|usd|us\$|฿|ร้อยละ)\s*$", re.IGNORECASE)
# People are counted in "คน" or "ราย" ("ผู้เสียหาย 52 ราย"): a question's one accepts the other.
_PEOPLE_TH = ("คน", "ราย")
_SAME_TH_UNITS = dict.fromkeys(_PEOPLE_TH, _PEOPLE_TH)
# The Thai classifiers an English question's noun is counted with in a Thai release
# ("how many victims": "52 คน", "52 ราย", not "400,000 คดี"); a noun not here is not checked.
_EN_UNITS_TH: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("victims", "people", "persons", "workers", "children", "women", "men",
                     "thais", "migrants", "suspects", "nationals", "foreigners", "survivors",
                     "labourers", "laborers", "fishermen", "beggars", "individuals",
                     "offenders", "perpetrators", "traffickers", "minors"), _PEOPLE_TH),
    "cases": ("คดี", "ราย", "เรื่อง", "กรณี"),
    **dict.fromkeys(("centres", "centers", "shelters", "sites", "places"), ("แห่ง", "ศูนย์")),
    **dict.fromkeys(("countries", "nations"), ("ประเทศ",)),
    "provinces": ("จังหวัด",),
    "boats": ("ลำ",),
}
# What those nouns count that nothing else is counted in: a noun not listed ("agencies",
# "recommendations") is not counted so ("141 คน", "188 ประเทศ"); "แห่ง", "เรื่อง" count
# many things ("บริษัทจัดหางาน 151 แห่ง").
_COUNTED_ONLY_SO = (*_PEOPLE_TH, "ประเทศ", "จังหวัด", "คดี", "ลำ")


@dataclass(frozen=True)
class Fact:
    """A passage that answers the question, and the release it comes from."""

    text: str
    url: str
    date: date
    value: str

    def as_json(self) -> dict[str, str]:
        return {"text": self.text, "url": self.url, "date": self.date.isoformat()}


@dataclass(frozen=True)
class Ask:
    """What a question asks for: a kind of answer, and for a count what it counts
    ("คดี" of "กี่คดี", "victims" of "how many victims"), when it says."""

    kind: str
    unit: str | None = None
    # It asks how many took part ("มีผู้เข้าร่วมกี่คน"): else a count of those who took
    # part in an event is no answer ("ผู้เข้าร่วมงานรวมจำนวน 400 คน" for victims).
    audience: bool = False
    # It asks how much ("how much damage"): an amount of money or a share, not a count.
    amount: bool = False
    # It asks about Thai people: a count of others is no answer (_RE_ASKS_THAIS).
    thais: bool = False
    # It asks about the dead, the sick, the hurt or the missing (_RE_HARMED): else a
    # count of them is no answer.
    harmed: bool = False


class Asks:
    """Finds what a question asks for."""

    def __init__(self) -> None:
        self._matcher = TermMatcher((term, kind) for kind, terms in ASKS.items()
                                    for term in terms)

    def ask(self, text: str) -> Ask | None:
        """What `text` asks for, if anything; the first question word when it has
        several, and for a count the unit after any of its words ("เฉลี่ยกี่วัน": วัน)."""
        found = sorted((f for f in self._matcher.find(text) if not _inside_a_word(text, f)),
                       key=lambda f: f.start)
        if not found:
            return None
        first = found[0]
        unit = None
        # "how much damage", "how much in assets": an amount, whatever it is of.
        amount = first.value == "figure" and bool(_RE_HOW_MUCH.search(text))
        if first.value == "figure" and not amount:
            after = (_RE_UNIT_AFTER.match(text, f.end) or _thai_classifier(text, f.end)
                     for f in found if f.value == "figure")
            unit = next((a.group(1).lower() for a in after if a), None)
        return Ask(first.value, unit, bool(_RE_ASKS_AUDIENCE.search(text)), amount,
                   bool(_RE_ASKS_THAIS.search(text)), bool(_RE_HARMED.search(text)))


def _counts_who_came(paragraph: str, start: int, end: int) -> bool:
    """Whether the count at [start, end) of `paragraph` counts those who took part in
    an event: named right before it, or listed by name after it where the paragraph
    tells of them (see _RE_NAMED_AFTER)."""
    if _RE_AUDIENCE.search(paragraph, max(0, start - _AUDIENCE_BEFORE), start):
        return True
    return bool(_RE_NAMED_AFTER.match(paragraph, end)
                and _RE_ASKS_AUDIENCE.search(paragraph, max(0, start - _REACH), start))


def _inside_a_word(text: str, found: Found[str]) -> bool:
    """Whether a question word found in `text` is a piece of another word: "กี่" of
    "เกี่ยวกับ" (about), "who" of "whole"."""
    word = text[found.start:found.end]
    before, after = text[found.start - 1:found.start], text[found.end:found.end + 1]
    if has_thai(word):  # Thai runs words together: only a vowel written before is a sign
        return before == "เ"
    return before.isalpha() or after.isalpha()


@functools.cache
def _counted_in(classifier: str) -> re.Pattern[str]:
    """A figure, or a small number with the Thai `classifier` after it ("29 รางวัล"),
    when the figures' own list of units lacks it."""
    return _figure_pattern(f"{_FIGURE_UNITS}|{re.escape(classifier)}")


def _thai_classifier(text: str, end: int) -> re.Match[str] | None:
    """The Thai word right after "กี่" that no list holds, as the question writes it,
    without the particles after it ("กี่รางวัลครับ": รางวัล)."""
    if not text[:end].endswith("กี่"):
        return None
    return _RE_TH_CLASSIFIER.match(text, end)


@dataclass(frozen=True)
class Source:
    """A release as the answer line reads it: where it is, when, its body, what each
    group of the question weighs in it (see search.weights_in), and its title."""

    url: str
    date: date
    body: str
    weights: Sequence[float]
    title: str = ""


def find_facts(ask: Ask, sources: Sequence[Source], needles: TermMatcher[int],
               must: Sequence[int] = (), counted: Sequence[int] = (),
               newest: bool = False) -> list[Fact]:
    """The passages of `sources` (best release first) that answer `ask`, for a
    question whose groups `needles` finds (valued by their place in each source's
    weights); groups `must` name (the year of "ปี 2565 กี่คดี") are near every answer,
    or open the release (a release on 2565's results) with no other year near it. A
    figure counted in "ราย", which counts people, cases and accounts alike, answers
    for what the groups `counted` name ("victims" of "how many victims") only with
    one of them right before it ("ผู้เสียหาย 52 ราย", not "บัญชีม้า 2,495 ราย"). For a
    question that asks for the newest ("who is ... now"), `sources` come newest first and
    the first that answers does."""
    kind = ask.kind
    pattern = (_counted_in(ask.unit) if kind == "figure" and ask.unit
               and has_thai(ask.unit) and ask.unit not in _UNITS_TH else _ANSWERS[kind])
    found: list[tuple[float, bool, int, Fact]] = []
    for rank, source in enumerate(sources):
        weights = source.weights
        total = sum(weights) or 1.0
        telling = max(range(len(weights)), key=lambda g: weights[g]) if weights else -1
        asked = sum(1 for weight in weights if weight > 0)
        best: tuple[float, bool, float, Fact] | None = None
        paragraphs = source.body.split("\n")
        # The year of a release's dateline ("วันนี้ (28 ส.ค. 2565)") is when it was news,
        # not what it reports on.
        opening = {h.value for h in needles.find(_RE_DATE.sub(" ", paragraphs[0][:_OPENING]))}
        title_hits = needles.find(source.title) if source.title else []
        titled = {h.value for h in title_hits}
        about_must = bool(must) and opening.issuperset(must)
        # The title is read first, as a passage of its own.
        read = chain([(source.title, title_hits)], ((p, needles.find(p)) for p in paragraphs))
        for paragraph, hits in read:
            if not hits:
                continue
            for match in pattern.finditer(paragraph):
                if ask.unit and not _counts(paragraph, match.end(), ask.unit):
                    continue
                if ask.amount and not _is_amount(paragraph, match.start(), match.end()):
                    continue
                if counted and _RE_RAI.match(paragraph, match.end()) and not set(counted) & {
                        hit.value for hit in hits
                        if match.start() - _BESIDE <= hit.end <= match.start()}:
                    continue
                if kind == "figure" and not ask.audience and _counts_who_came(
                        paragraph, match.start(), match.end()):
                    continue
                if kind == "figure" and ask.thais and _RE_OTHER_NATIONALS.search(
                        paragraph, max(0, match.start() - _NATIONALS_BEFORE), match.start()):
                    continue
                if kind == "figure" and not ask.harmed and _RE_HARMED.search(
                        paragraph, max(0, match.start() - _HARMED_BEFORE),
                        match.end() + _HARMED_AFTER):
                    continue
                if kind == "rank" and _RE_IF.search(
                        paragraph, max(0, match.start() - _IF_REACH), match.start()):
                    continue
                if kind == "who":
                    post = {g for g in _post(paragraph, hits, match.start(), match.end())
                            if weights[g] > 0}
                    if telling not in post or len(post) < min(_POST_GROUPS, asked):
                        continue
                near = _groups_near(hits, match.start(), match.end(), _REACH)
                dated = near.issuperset(must) or (
                    about_must and not _RE_YEAR.search(
                        paragraph, max(0, match.start() - _REACH), match.end() + _YEAR_AFTER))
                if dated:  # the year the release opens with holds here too
                    near |= set(must)
                weight = sum(weights[g] for g in near | titled)
                # The most telling group, or all the question's groups but one of three
                # or more ("foreigners ... Mae Sot" in a release about scam centres).
                held = telling in near or (asked >= _ALL_BUT_ONE and len(near) >= asked - 1)
                if not held or weight < total * _MIN_SHARE or not dated:
                    continue
                # Of a release's passages that weigh the same, the answer with more of
                # the question right beside it ("21 ประเทศที่ได้รับการปรับอันดับ" for "how
                # many were upgraded"); of any two, one said to be a whole ("ทั้ง 8 แห่ง").
                beside = sum(weights[g] for g in _groups_near(
                    hits, match.start(), match.end(), _BESIDE))
                whole = kind == "figure" and _whole(paragraph, match.start(), match.end())
                if best is None or (weight, whole, beside) > best[:3]:
                    text = window(paragraph, match.start(), _SHOWN)
                    best = (weight, whole, beside,
                            Fact(text, source.url, source.date, match.group().strip()))
        if best is not None:
            weight, whole, _, fact = best
            found.append((weight, whole, -rank, fact))
    if not found:
        return []
    found.sort(key=lambda item: (item[2],) if newest else item[:3], reverse=True)
    first = found[0][3]
    facts = [first]
    for weight, *_, fact in found[1:]:
        if len(facts) >= MAX_FACTS or weight < found[0][0] * _CLOSE:
            break
        if kind == "figure" and fact.value != first.value and fact.url != first.url:
            facts.append(fact)
    return facts


def _counts(paragraph: str, end: int, unit: str) -> bool:
    """Whether the figure ending at `end` counts `unit`: the classifier right after it
    (Thai), or the noun within a few words (English, "3,652 foreign nationals")."""
    after = paragraph[end:end + _UNIT_REACH].lower()
    if has_thai(unit):
        return _classified(after, _SAME_TH_UNITS.get(unit, (unit,)))
    noun = unit.split()[-1]
    if has_thai(after):  # an English question about a Thai release: its words are Thai
        classifiers = _EN_UNITS_TH.get(noun)
        if classifiers is None:  # a noun the list lacks counts none of its things, nor money
            return not _classified(after, _COUNTED_ONLY_SO) and not _RE_AMOUNT_AFTER.match(after)
        return _classified(after, classifiers)
    return noun[:-1] in after or noun in after


def _is_amount(text: str, start: int, end: int) -> bool:
    """Whether the figure at `start`-`end` of `text` is money or a share."""
    return bool(_RE_AMOUNT_AFTER.match(text, end)
                or _RE_AMOUNT_BEFORE.search(text, max(0, start - _UNIT_REACH), start))


def _classified(after: str, classifiers: tuple[str, ...]) -> bool:
    """Whether `after` (what follows a figure) opens with one of the Thai
    `classifiers`, as a word: "2,495 ราย", not "42,050 รายการ" (items)."""
    after = after.lstrip()
    if after.startswith("ราย"):
        return "ราย" in classifiers and _RE_RAI.match(after) is not None
    return after.startswith(classifiers)


def _post(paragraph: str, hits: Iterable[Found[int]], start: int, end: int) -> set[int]:
    """The question's groups in the post of the person named at `start`-`end`: written
    after the name, up to the next person ("นายพิพัฒน์ รัชกิจประการ รัฐมนตรีว่าการกระทรวง
    แรงงาน", "Mr. Tang Ping-keung, Secretary for Security of Hong Kong"), or right before
    it ("รมว.แรงงาน นายพิพัฒน์"); not a ministry named before the sentence goes on to
    someone else ("ตามที่กระทรวงแรงงานเสนอ โดยมีนายภูมิธรรม ... รัฐมนตรีว่าการกระทรวง
    มหาดไทย"), nor the post of who comes next ("นางพงษ์สวาท ปลัดกระทรวงยุติธรรม พร้อมด้วย
    นายกูเฮง เลขานุการรัฐมนตรีว่าการกระทรวงยุติธรรม"). One who serves a post
    ("เลขานุการรัฐมนตรีว่าการ...", "Secretary to the Minister", "เป็นผู้แทนรัฐมนตรี...")
    does not hold it, but may take a role at the event, read apart from the post:
    "นายธเนศพล ผู้ช่วยรัฐมนตรี... เป็นประธานเปิดงาน" chaired it."""
    following = _ANSWERS["who"].search(paragraph, end, end + _POST_AFTER)
    post_end = following.start() if following else end + _POST_AFTER
    role = _RE_ROLE.search(paragraph, end, post_end)
    parts = [(end, role.start()), (role.end(), post_end)] if role else [(end, post_end)]
    after: list[Found[int]] = []
    for part_start, part_end in parts:
        held = sorted((hit for hit in hits if part_start <= hit.start < part_end),
                      key=lambda h: h.start)
        if not held:
            continue
        title = _RE_AND.split(paragraph[part_start:held[0].start])[-1]
        if not _RE_SERVES.search(title[-_SERVES_REACH:]):
            after += held
    # A post right before the name is its own unless another person's name precedes it
    # ("...นายกูเฮง เลขานุการรัฐมนตรีว่าการกระทรวงยุติธรรม นายนิยม": that post is Kuheng's).
    before = [hit for hit in hits if start - _POST_BEFORE <= hit.end <= start]
    if before and _ANSWERS["who"].search(paragraph, max(0, start - _POST_AFTER), before[0].start):
        before = []
    return {hit.value for hit in after} | {hit.value for hit in before}


def _groups_near(hits: Iterable[Found[int]], start: int, end: int, reach: int) -> set[int]:
    """The question's groups found within `reach` characters of `start`-`end`."""
    return {hit.value for hit in hits if hit.end >= start - reach and hit.start <= end + reach}


def _whole(paragraph: str, start: int, end: int) -> bool:
    """Whether the figure at `start`-`end` is said to be a whole ("ทั้ง 8 แห่งทั่วประเทศ")."""
    return bool(_RE_WHOLE_BEFORE.search(paragraph[max(0, start - _WHOLE_BEFORE):start])
                or _RE_WHOLE_AFTER.match(paragraph, end, end + _UNIT_REACH))
