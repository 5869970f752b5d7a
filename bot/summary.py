"""Short texts shown under a release's title.

`summarize` is made once at ingest: what the release reports, in its own
language, without the date, venue and spokesperson that open most releases,
cut at a sentence or phrase boundary to at most SUMMARY_MAX characters.
`snippet` is made per question: the passage around the sentence that best
matches the question's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

from pythainlp.util.date import thai_abbr_months, thai_full_months

from bot.dates import ENGLISH_MONTHS
from bot.matcher import TermMatcher
from bot.thai import squash

SUMMARY_MAX = 320
SNIPPET_MAX = 240
ELLIPSIS = "…"

# English sentence ends; Thai marks sentences and phrases with a space.
_RE_EN_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-Z0-9])")
# Opening lines that carry no content: a bare date, a photo credit.
_RE_BORING = re.compile(r"^(?:\d{1,2}/\d{1,2}/\d{2,4}|ภาพ\s*:|photo\s*:)", re.IGNORECASE)
_MIN_LEAD = 60

# --- what a summary leaves out (see `summarize`) ------------------------------------

# Only this much of a paragraph is read: room for a date, a venue and a speaker with
# all their titles, and a bound on the work for a 200 KB cabinet summary.
_LEAD_WINDOW = 4 * SUMMARY_MAX
# A speaker's name and titles before "เปิดเผยว่า" or "said that" fit in this; when more
# comes before the verb, it is the event itself ("นายกฯ สั่งการ ... และกล่าวว่า").
_SPEAKER_MAX = 200
# The lead (the paragraph that opens with the date) comes within this many paragraphs;
# what the site put before it is the headline again, or a sub-headline.
_HEADLINE_PARAGRAPHS = 3
# A speech's salutations ("ท่านรัฐมนตรี", "Excellencies,") end within this many
# paragraphs, on a short line such as "...ท่านผู้มีเกียรติทุกท่าน" or "Ladies and Gentlemen,".
_SALUTATION_PARAGRAPHS = 10
_SALUTATION_MAX = 120
# A paragraph this long or longer that is part of the title: the title broken over lines.
_TITLE_PIECE_MIN = 12
# A paragraph about as long as the title that shares this much of its start is the
# title again with its last words changed.
_TITLE_ALIKE = 0.8

_TH_MONTH = "|".join([*map(re.escape, thai_full_months),
                      *(re.escape(short[:-1]) + r"\.?" for short in thai_abbr_months)])
_TH_WEEKDAY = "จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์"
# "(ตามเวลาท้องถิ่น)", "(เวลาที่กรุงพนมเปญเท่ากับเวลาที่กรุงเทพฯ)" after a date or a time.
_TH_LOCAL_TIME = r"(?:\s*\((?:ตาม)?เวลา[^()]{0,80}\))?"
# A time: "เวลา 13.30 น.", "เมื่อเวลาประมาณ 22.20 น.", "เวลา 1400 น.", "ระหว่างเวลา 08.00-
# 19.00 น. ตามเวลาท้องถิ่น", "เวลา 17.35 น. (ตามเวลาท้องถิ่นกรุงปักกิ่ง ...)", "เมื่อ 0930".
_TH_TIME = (r"(?:(?:เมื่อ|ระหว่าง|ตั้งแต่|ช่วง)?เวลา\s*(?:ประมาณ)?\s*\d{1,2}(?:[.:]?\d{2})?"
            r"(?:\s*[-–]\s*\d{1,2}[.:]?\d{2})?\s*(?:นาฬิกา|น\.?)?(?:\s*ตามเวลาท้องถิ่น\S*)?"
            rf"|เมื่อ\s?\d{{4}}(?=\s)){_TH_LOCAL_TIME}")
# A day or days: "6 พ.ย. 63", "วันที่ 15 ต.ค. 63", "วันอังคารที่ 7 มีนาคม 2566", "อาทิตย์ที่
# 2 ก.พ." ("ที่" may be spaced or mistyped "ทัี่"), "18 – 24 พฤศจิกายน 2567",
# "28 ตุลาคม – 3 พฤศจิกายน 2567".
_TH_DAY = (rf"(?:วัน)?(?:{_TH_WEEKDAY})?\s?(?:ที่|ทัี่)?\s*"
           rf"\d{{1,2}}\s*(?:(?:{_TH_MONTH})\s*(?:\d{{4}}\s*)?)?(?:[-–]\s*\d{{1,2}}\s*)?"
           rf"(?:{_TH_MONTH})\s*(?:พ\.ศ\.\s*)?(?:\d{{4}}|\d{{2}})?")
_TH_RELATIVE = r"วันนี้|วานนี้|เมื่อวานนี้|คืนนี้|เมื่อคืนนี้|วันพรุ่งนี้|พรุ่งนี้|เมื่อเร็ว\s?ๆ\s?นี้"
# "in the evening of": "เมื่อช่วงค่ำของ", "เช้า".
_TH_WHEN = r"(?:เมื่อ|ใน)?(?:ช่วง)?(?:เช้า|บ่าย|เย็น|ค่ำ)?(?:ของ)?"
# "วันนี้ (6 พ.ย. 63)", "เมื่อวันที่ 16 มี.ค. 65 ที่ผ่านมา", "ในวันพุธที่ 28 สิงหาคม 2567",
# "เช้าวันนี้ (วันที่ 26 กรกฎาคม 2565 เวลา 09.30น.)", "ในช่วงวันที่ 18 – 24 ...", "วันนี้".
_TH_DATE = (rf"{_TH_WHEN}(?:{_TH_RELATIVE})?\s*(?:\(\s*{_TH_DAY}(?:\s*{_TH_TIME})?\s*\)|{_TH_DAY})"
            rf"(?:\s*ที่ผ่านมา)?{_TH_LOCAL_TIME}|{_TH_WHEN}(?:{_TH_RELATIVE})(?=\s)")
# Where "ที่" names a place (it also means "that"): "ที่ห้องประชุม...", "ที่กระทรวง...".
_TH_PLACE = ("ห้อง|ตึก|อาคาร|ศาลา|ทำเนียบ|หอ|โรงแรม|ศูนย์|สำนักงาน|กระทรวง|กรม|บริเวณ|สนาม|"
             "มหาวิทยาลัย|จังหวัด|อำเภอ|ท่าอากาศยาน|รัฐสภา|สถาน|พระที่นั่ง|ลาน|วัด|โรงเรียน|เรือน|"
             "สโมสร|ค่าย|ด่าน|ท่าเรือ|ตลาด|เมือง|กรุง|ประเทศ|สาธารณรัฐ|ราชอาณาจักร|นคร|จ\\.|"
             "โรงพยาบาล|ชุมชน|บ้าน|เทศบาล|อบต|อบจ|บริษัท")
# Who comes after a venue: a person's title or a post ("นาย", "พล.อ.", "รัฐมนตรี"...).
_TH_ACTOR = (r"นา[ยง]|น\.ส\.|ดร\.|พล\.?\s?[อทตร]\.|พล(?:เอก|โท|ตรี|ตำรวจ|เรือ|อากาศ)|พ\.[ตทอ]\.|พัน|"
             r"ร\.[ตทอ]\.|ร้อย|ส\.ต\.|จ\.ส\.|ศ\.|รศ\.|ผศ\.|ศาสตราจารย์|ม\.[รล]\.|หม่อม|คุณ|ท่าน|"
             r"สมเด็จ|พระบาท|รอง|รัฐมนตรี|ปลัด|อธิบดี|ผู้ว่า|ผู้อำนวยการ|ผู้บัญชาการ|เลขาธิการ|โฆษก|"
             r"เอกอัครราชทูต|ประธาน|ที่ปรึกษา")
# What a venue does not hold: the start of what happened there ("มีการจัดงาน", "ได้มีพิธี",
# "โดยมี", "เพื่อ...") or of another clause; "ว่า" only in "ศาลาว่าการ", "ผู้ว่าราชการ".
_TH_VENUE_PART = r"(?:(?!มีการ|ได้|โดย|เพื่อ|ภายหลัง|ซึ่ง|ในการ|ว่า(?!การ|ราชการ)).)"
# "ณ ห้องสีงาช้าง ตึกไทยคู่ฟ้า ทำเนียบรัฐบาล", "ที่ห้องประชุมราชสีห์ ชั้น 2 อาคาร...": up to
# Government House, to the person who follows or to the end of a venue line; else it stays.
_TH_VENUE = (rf"(?:ณ\s*|ที่\s*(?={_TH_PLACE}))\S{_TH_VENUE_PART}{{0,160}}?"
             rf"(?:ทำเนียบรัฐบาล|(?=\s+(?:{_TH_ACTOR}))|$)")
# Right after a date or a time "ที่" is a venue whatever the place ("ที่อิมแพคฟอรั่ม ...").
_TH_WHEN_WHERE = (rf"(?:{_TH_DATE}|{_TH_TIME})(?:\s*ที่\s*\S{_TH_VENUE_PART}{{0,120}}?"
                  rf"(?=\s+(?:{_TH_ACTOR})))?")

_EN_MONTH = "|".join(name.capitalize() for name in ENGLISH_MONTHS)
_EN_DAY = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_EN_MONTH}),?\s+\d{{4}}"
           rf"|(?:{_EN_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
_EN_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_EN_RELATIVE = "(?i:today|yesterday|tonight|this morning|this afternoon|this evening|last night)"
# "On 24 April 2023", "November 8, 2021", "Today (24 April 2023)", "Sunday, 7 September 2025".
_EN_DATE = (rf"(?:(?i:on|as of)\s+)?(?:{_EN_RELATIVE}"
            rf"(?:\s*\(\s*(?:(?:{_EN_WEEKDAY}),?\s*)?{_EN_DAY}\s*\))?"
            rf"|(?:(?:{_EN_WEEKDAY}),?\s*)?{_EN_DAY}|(?:{_EN_WEEKDAY})(?=,))")
# "at 1100hrs", "at 08.45 hrs", "At 11:30 a.m. today", "at 0900hrs (Kuala Lumpur local time)".
_EN_TIME = (r"(?i:at|from|around)\s+\d{1,2}(?:[.:]?\d{2})?\s*"
            r"(?:hrs\b\.?|hours\b|a\.m\.|p\.m\.|am\b|pm\b)"
            r"(?:\s*\([^()]{0,60}\))?(?:\s+(?i:today|tonight))?")
# Who comes after a venue's parts: "Mr.", "H.E.", "Prime Minister", "Government Spokesperson".
_EN_ACTOR = (r"Mr|Mrs|Ms|Miss|Dr|Gen|Pol|Lt|Col|Adm|H\.E|His|Her|Their|Prime|Deputy|Minister|"
             r"Government(?! House)|President|Vice|Chair|Ambassador|Secretary|Senator|Governor|"
             r"King|Queen|Prince|The |Both|Members|Thailand\b|Spokesperson|Director|Chief|Head")
# "at the Purple Room, Thai Khu Fah Building, Government House": the parts up to the actor;
# "At the weekly cabinet meeting," too.
_EN_VENUE = (r"(?i:at)\s+(?:the\s+\S|[A-Z0-9])[^,]{0,80}"
             rf"(?:,\s*(?!{_EN_ACTOR})(?:the\s+)?[A-Z][^,]{{0,60}}(?=,))*")
# "prior to the weekly cabinet meeting,", "following the cabinet meeting on 29 June, 2021,".
_EN_CONTEXT = (r"(?i:prior to|following|after|before|during|on the sidelines of|"
               r"on (?:the )?occasion of)\s+[^,]{0,80}(?:,\s*\d{4})?(?=,)")

# A venue at Government House anywhere in a sentence: "... เป็นประธานการประชุมคณะรัฐมนตรี
# ณ ตึกสันติไมตรี (หลังนอก) ทำเนียบรัฐบาล ซึ่ง...".
_RE_GOVERNMENT_HOUSE = re.compile(
    rf"\s(?:ณ|ที่)\s*(?:{_TH_PLACE}){_TH_VENUE_PART}{{0,80}}?ทำเนียบรัฐบาล")
# The date, time and venue a paragraph opens with, in either language, after any
# rule of dots or dashes.
_RE_PREAMBLE = re.compile(
    rf"^[-*_=+.~—–•·\s]*(?:(?:{_TH_WHEN_WHERE}|{_TH_VENUE}|{_EN_DATE}|{_EN_TIME}|{_EN_VENUE}"
    rf"|{_EN_CONTEXT})(?:\s*,\s*|\s+|$|(?<=\)))(?:\s*,\s*)?)+")
# A paragraph that opens with a date or a time: the lead of a news release.
_RE_DATELINE = re.compile(rf"^[-*_=+.~—–•·\s]*(?:{_TH_DATE}|{_TH_TIME}|{_EN_DATE}|{_EN_TIME})")
# "<speaker> เปิดเผยว่า <event>": the verb (not in "เผยแพร่", "สระบุรี"), what it may carry
# ("กล่าวเพิ่มเติมว่า", "เปิดเผยหลังการประชุม ครม. ว่า"), and "ว่า" (not in "ว่าการ", "กว่า",
# "ระหว่าง"); or "<speaker> เปิดเผยถึง <what the release is about>". The verb comes first
# in the pattern, which keeps the search fast.
_RE_TH_SAYS = re.compile(
    r"(?:เปิดเผย|กล่าว|แถลง|ระบุ(?!รี)|เผย(?!แพร่)|ชี้แจง|ให้สัมภาษณ์)"
    r"(?:(?:\S{0,12}?|\s?(?:หลัง|ภายหลัง|ผล|กับ|ใน)[^\n]{0,120}?)\s?(?<!ก)ว่า(?!การ|ด้วย|จ้าง|ง)\s*"
    r"|ถึง\s*)")
# "<speaker> disclosed that <event>", "<speaker>, said on Monday that <event>".
_RE_EN_SAYS = re.compile(
    r"\b(?:said|disclosed|stated|announced|revealed|reported|explained|noted|added|affirmed|"
    r"emphasi[sz]ed|clarified)(?:\s+(?:on|in|at|after|following|during)\s+[^,]{0,80}?)?,?\s+that\s+")
# What makes the words before a reporting verb more than a speaker with titles: a verb's
# marks ("ได้" but for "ได้กล่าวว่า", "โดย", "ซึ่ง"), a question, another "ว่า" (not in
# "ผู้ว่าราชการ", "ว่าที่"), a dangling "และ", "ดัง" of "ดังกล่าว", an English sentence's end.
_RE_NOT_SPEAKER = re.compile(
    r".โดย|ได้(?!\s*$)|ซึ่ง|นั้น|ถาม|(?<!ก)ว่า(?!การ|ราชการ|ที่|ง)|(?:และ|ดัง)\s*$"
    r"|(?:[a-z]{4,}|\d{4})[.!?]\s+[A-Z]")
# Paragraphs that are never a summary, of any length...
_RE_BOILERPLATE = re.compile(
    r"^(?:your browser does not support"  # the audio player
    r"|(?:ภาพ|ภาพข่าว|ภาพประกอบ|ที่มาภาพ|photos?|credits?)\s*:"  # photo credits
    r"|\(โปรดตรวจสอบ|อ่านเพิ่มเติม|ข่าวที่เกี่ยวข้อง|อัลบั้มภาพ"  # the site's notes and links
    r"|some of the resolutions are as follows|title\s*:)",  # cabinet summaries' headings
    re.IGNORECASE,
)
# ...and short ones (up to _SHORT_LINE characters).
_SHORT_LINE = 150
_RE_SHORT_BOILERPLATE = re.compile(
    r"^(?:.{0,20}ขอเชิญ(?:รับฟัง|ติดตาม)|.{0,40}กับสำนักโฆษก"  # radio intros and sign-offs
    r"|(?:\S+\s+){0,3}(?:>>\s*)?(?:https?://|www\.)\S+$"  # a link, alone or with a label
    r"|#\S+(?:\s+#\S+)*$"  # hashtags
    r"|(?:โทร|tel\b|fax\b|e-?mail|อีเมล|สอบถาม|ติดต่อสอบถาม)"  # contact lines
    r"|(?:กลุ่ม|กอง|ฝ่าย|สำนัก)\S*(?:ประชาสัมพันธ์|เผยแพร่|สารนิเทศ)"  # press office
    r"|\S{1,20}$|เศรษฐกิจ\s*-?\s*สังคม$)",  # a heading: "กฎหมาย", "Gist", "เศรษฐกิจ สังคม"
    re.IGNORECASE,
)
# A Latin letter or a Thai consonant: a paragraph without one is a rule or a number.
_RE_LETTER = re.compile(r"[A-Za-z\u0e01-\u0e2e]")
# A line of a speech's salutations: "...ท่านผู้มีเกียรติทุกท่าน", "Excellencies,", "Madam Chair,".
_RE_SALUTATION = re.compile(
    r".*(?:ทุกท่าน|ผู้มีเกียรติ)[\s,.:!]*$"
    r"|(?:your|excellenc|madam|mr\.?|distinguished|ladies|honou?rable|dear|fellow|colleagues)\b"
    r"[^.!?]*,\s*$", re.IGNORECASE)
# What titles are compared without: spaces, quotes and punctuation.
_RE_LOOSE = re.compile(r"[\s\"'“”‘’«».,:;!?()\[\]{}\-–—…/|*#]+")


def _sentences(paragraph: str, lang: str) -> list[str]:
    if lang == "en":
        return [s for s in _RE_EN_SENTENCE.split(paragraph) if s]
    return [paragraph]


def cut(text: str, limit: int) -> str:
    """`text` shortened to `limit` characters at a space, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    head = text[:room]
    space = head.rfind(" ")
    if space >= room * 0.6:
        head = head[:space]
    return head.rstrip(" ,;:-") + ELLIPSIS


def summarize(title: str, paragraphs: Sequence[str], lang: str) -> str:
    """What the release reports, up to SUMMARY_MAX characters, leading with the event.

    Most releases open with a preamble: a date, a time, a venue, a spokesperson
    with titles and "เปิดเผยว่า" / "said that". The summary is the text after it:

    1. Boilerplate is never a summary: the audio player's text, radio intros and
       sign-offs ("ขอเชิญรับฟัง..."), links, "ภาพ:" / "Photo:" credits, hashtags,
       rules of dashes or dots, contact and press-office lines, one-word headings.
    2. The title is not said again: a paragraph that is the title, a piece of it
       or the title with its end reworded is skipped; one that opens with it loses
       that part (spaces and punctuation ignored), unless the title runs on into
       a word and so is the subject of a sentence.
    3. A speech starts after its salutations (up to "...ทุกท่าน", "Ladies and
       Gentlemen,"), and a release at its lead, the paragraph that opens with a
       date or time and goes on, when that comes within _HEADLINE_PARAGRAPHS:
       what precedes it is the headline set again or a sub-headline.
    4. A paragraph loses the date, time and venue it opens with ("วันนี้ (6 พ.ย.
       63) เวลา 10.00 น. ณ ... ทำเนียบรัฐบาล", "November 8, 2021, at 1100hrs, at
       the Purple Room, ..."), then "<speaker> เปิดเผยว่า" / "<speaker> said that"
       when the words before the verb are only a speaker (at most _SPEAKER_MAX
       characters, no verb of their own), and then the date of what was said.
       "<speaker> เปิดเผยถึง <topic>" keeps the topic; "ณ ... ทำเนียบรัฐบาล" goes
       wherever it is. A paragraph with nothing left was all preamble (a date
       line, a venue line): the next one is read.
    5. Paragraphs are joined until half of SUMMARY_MAX is reached (one that ends
       "ดังนี้" / "as follows:" brings the next with it), then `cut`.
    6. When nothing is left, the old summary: the opening as it is, else the title.

    Only the first paragraphs are read, each up to _LEAD_WINDOW characters, with
    regular expressions: no segmentation, so ingest stays fast.
    """
    parts: list[str] = []
    length = 0
    for paragraph in _from_lead(_content(title, paragraphs)):
        event = _event(paragraph[:_LEAD_WINDOW], lang)
        if not event:
            continue
        for sentence in _sentences(event, lang):
            parts.append(sentence)
            length += len(sentence) + 1
            if length >= SUMMARY_MAX:
                break
        enough = length >= max(_MIN_LEAD, SUMMARY_MAX // 2)
        if length >= SUMMARY_MAX or (enough and not _announces_list(event)):
            break
    if not parts:
        return _opening(title, paragraphs, lang)
    return cut(" ".join(parts), SUMMARY_MAX)


def _content(title: str, paragraphs: Iterable[str]) -> Iterator[str]:
    """The paragraphs that may tell the event: no boilerplate, no title again."""
    loose_title = _loose(title)
    for paragraph in paragraphs:
        rest = _without_title(paragraph, loose_title)
        if rest and _RE_LETTER.search(rest) and not _is_boilerplate(rest):
            yield rest


def _is_boilerplate(paragraph: str) -> bool:
    return bool(_RE_BOILERPLATE.match(paragraph) or (
        len(paragraph) <= _SHORT_LINE and _RE_SHORT_BOILERPLATE.match(paragraph)))


def _from_lead(paragraphs: Iterator[str]) -> Iterator[str]:
    """`paragraphs` from the first after a speech's salutations, and from the
    lead (the one opening with a date and going on) when it comes within the first few."""
    head = list(islice(paragraphs, _SALUTATION_PARAGRAPHS))
    start = 0
    for index, paragraph in enumerate(head):
        if len(paragraph) <= _SALUTATION_MAX and _RE_SALUTATION.match(paragraph):
            start = index + 1
    for index, paragraph in enumerate(head[start:start + _HEADLINE_PARAGRAPHS]):
        dateline = _RE_DATELINE.match(paragraph)
        if dateline and len(paragraph) - dateline.end() >= _MIN_LEAD:
            start += index
            break
    return chain(head[start:], paragraphs)


def _event(paragraph: str, lang: str) -> str:
    """`paragraph` from where its event begins: without the date, time and venue
    it opens with, nor its speaker and reporting verb ("... เปิดเผยว่า", "... said that")."""
    text = _RE_PREAMBLE.sub("", paragraph, count=1)
    says = (_RE_EN_SAYS if lang == "en" else _RE_TH_SAYS).search(text, 0, 2 * _SPEAKER_MAX)
    if (says and says.start() <= _SPEAKER_MAX
            and not _RE_NOT_SPEAKER.search(text, 0, says.start())):
        # What is said may open with the event's own date: "เปิดเผยว่า เมื่อวันที่ 19 ...".
        text = _RE_PREAMBLE.sub("", text[says.end():], count=1)
    text = _RE_GOVERNMENT_HOUSE.sub("", text).lstrip(" ,:;-")
    if lang == "en" and len(text) < len(paragraph):
        # "... disclosed that the cabinet approved" begins a sentence: "The cabinet approved".
        return text[:1].upper() + text[1:]
    return text


def _announces_list(text: str) -> bool:
    """Whether `text` ends "ดังนี้" or "as follows:": the summary goes on to the first item."""
    text = text.rstrip()
    return text.endswith(":") or text.casefold().endswith(("ดังนี้", "as follows"))


def _loose(text: str) -> str:
    """`text` without spaces, quotes and punctuation, case folded: titles compared so."""
    return _RE_LOOSE.sub("", text).casefold()


def _without_title(paragraph: str, loose_title: str) -> str:
    """`paragraph` without the title it opens with; "" when it is the title, a piece
    of it, or the title with its end reworded ("...เสี่ยงคุก 5 ปี" for "...3 ปี").

    A title that runs on into a word ("นโยบาย...ของแรงงานของรัฐบาล ที่...") is the
    subject of a sentence, not a repeat: the paragraph is kept whole.
    """
    if not loose_title:
        return paragraph
    if len(paragraph) <= len(loose_title) + _TITLE_PIECE_MIN:
        whole = _loose(paragraph)
        piece = len(whole) >= min(_TITLE_PIECE_MIN, len(loose_title)) and whole in loose_title
        alike = int(len(loose_title) * _TITLE_ALIKE)
        reworded = len(whole) >= alike and whole[:alike] == loose_title[:alike]
        if piece or reworded:
            return ""
    head = _loose(paragraph[:_TITLE_PIECE_MIN])
    if not head or head[:len(loose_title)] != loose_title[:len(head)]:
        return paragraph  # the usual case, told cheaply
    words = paragraph.split(maxsplit=len(loose_title))
    spelled = ""
    for taken, word in enumerate(words, 1):
        spelled += _loose(word)
        if not loose_title.startswith(spelled):
            return paragraph
        if len(spelled) == len(loose_title):
            return " ".join(words[taken:])
    return paragraph


def _opening(title: str, paragraphs: Sequence[str], lang: str) -> str:
    """The opening of the release as it is (the summary before preambles were
    dropped), or the title when there is no body."""
    squashed_title = squash(title)
    parts: list[str] = []
    length = 0
    for paragraph in paragraphs:
        if _RE_BORING.match(paragraph) or squash(paragraph) == squashed_title:
            continue
        for sentence in _sentences(paragraph, lang):
            parts.append(sentence)
            length += len(sentence) + 1
            if length >= SUMMARY_MAX:
                break
        if length >= max(_MIN_LEAD, SUMMARY_MAX // 2):
            break
    if not parts:
        return cut(title, SUMMARY_MAX)
    return cut(" ".join(parts), SUMMARY_MAX)


def snippet(paragraphs: Sequence[str], needles: TermMatcher[int], weights: Sequence[float],
            lang: str) -> str:
    """The passage that best matches the question: the sentence holding the most
    weight of its groups (`needles` finds each group's forms, valued by the
    group's place in `weights`), cut around the stretch where most of them appear.

    Returns "" when no paragraph names any group.
    """
    best: tuple[float, int, str, list[tuple[int, int]]] | None = None
    for index, paragraph in enumerate(paragraphs):
        for sentence in _sentences(paragraph, lang):
            hits = [(found.start, found.value) for found in needles.find(sentence)]
            score = sum(weights[group] for group in {group for _, group in hits})
            if score > 0 and (best is None or (score, -index) > (best[0], best[1])):
                best = (score, -index, sentence, hits)
    if best is None:
        return ""
    _, _, sentence, hits = best
    return _window(sentence, _densest(hits, weights, SNIPPET_MAX), SNIPPET_MAX)


def _densest(hits: list[tuple[int, int]], weights: Sequence[float], width: int) -> int:
    """The hit position from which `width` characters cover the most group weight."""
    def covered(start: int) -> float:
        inside = {group for position, group in hits if start <= position < start + width * 0.8}
        return sum(weights[g] for g in inside)

    return max(sorted({p for p, _ in hits}), key=lambda p: (covered(p), -p))


def _window(text: str, focus: int, limit: int) -> str:
    """About `limit` characters of `text` around `focus`, cut at spaces."""
    if len(text) <= limit:
        return text
    start = max(0, focus - limit // 3)
    if start > 0:
        space = text.find(" ", start, focus)
        start = space + 1 if space >= 0 else start
    piece = cut(text[start:], limit - (len(ELLIPSIS) if start else 0))
    return (ELLIPSIS if start else "") + piece
