"""The summary shown under a release's title, made once at ingest: what the
release reports, in its own language, without the date, venue and spokesperson
that open most releases, cut at a sentence or phrase boundary to at most
SUMMARY_MAX characters. (What is cut per question is bot/passages.py's.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice, tee

from bot.news_lead import (
    TH_CASE_OPENINGS,
    after_dateline,
    outcomes,
    says_title,
    title_clause,
    title_share,
)
from bot.news_lead import event as lead_event
from bot.passages import ELLIPSIS, RE_ITEM, cut, sentences
from bot.thai import NON_BASE, squash

# Blind readers judged summaries of 440 characters to tell what happened more often than
# of 320 (63% against 56% of 180 releases; see the README), at 100 characters more each.
SUMMARY_MAX = 440
# How much of a passage a reader takes in first: where its news is weighed (the weights
# were fitted on this), what a list's introduction may be, and so what a summary starts at.
_FIRST_READ = 320
# A lead that announces the gist of a meeting ("... disclosed gist as follows:", "...
# เปิดเผยสาระสำคัญ ดังนี้") is an introduction: it has no edge over what follows.
_GISTS = ("ดังนี้", "as follows", "As follows")
# Opening lines that carry no content: a bare date, a photo credit.
_RE_BORING = re.compile(r"^(?:\d{1,2}/\d{1,2}/\d{2,4}|ภาพ\s*:|photo\s*:)", re.IGNORECASE)
_MIN_LEAD = 60

# --- what a summary leaves out (see `summarize`) ------------------------------------

# Only this much of a paragraph is read: room for a date, a venue and a speaker with
# all their titles, and a bound on the work for a 200 KB cabinet summary.
_LEAD_WINDOW = 4 * _FIRST_READ
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
# Where the news is looked for: the lead and the paragraphs after it (a courtesy call's
# outcome may come after five of pleasantries).
_NEWS_PARAGRAPHS = 8
# How much of a passage is weighed for what it tells: what a reader sees of it first.
_NEWS_WINDOW = _FIRST_READ
# The summary each start gives is worth the share of the title's pieces of
# _TITLE_WORDS_PIECE letters (one every _TITLE_WORDS_STEP) it holds: the title names
# the event, and readers judge a summary by whether it tells that event rather than
# background, figures on something else or a side matter. What its first passage tells
# (`outcomes`) adds _NEWS_WEIGHT a point, and each paragraph after the first later one
# costs _NEWS_DISTANCE. Fitted on 1,335 summaries of 290 releases (every start each
# may take), each judged blind "does this tell me what happened?": with the rule for
# the title again below, the start chosen so is judged "yes" for 166 of 200 random
# releases (136 as chosen before) and 76 of the 90 of the standard 100 that have a
# choice (68 before).
_TITLE_WORDS_PIECE, _TITLE_WORDS_STEP = 4, 2
_NEWS_WEIGHT = 0.02
_NEWS_DISTANCE = 0.02
# A summary that opens with the title again (_REPEAT_SHARE of its pieces of
# _REPEAT_PIECE letters within the title's length and _REPEAT_ROOM characters more, for
# a name and a venue: "นายวิษณุ เครืองาม <the title> ณ ห้องประชุม...") tells nothing
# more where it starts: it costs a whole share, so it is the summary only when every
# other start repeats the title too or tells next to nothing (how the case arose, a
# line of phone numbers: a cost of 2.0 put a call centre's numbers in place of a
# project's figures). A title under _REPEAT_TITLE_MIN letters
# ("ตำรวจบุกค้นสถานบริการ") is too short to tell a repeat from a report. An English
# summary whose first sentence tells a deed the title lacks ("The cabinet approved
# the draft <the plan the title names>...") says more than the title: an English
# title names a plan, a summit or a report that makes up most of it, and the
# release's own sentence gives the news. (A Thai lead repeats the headline word for
# word and then goes on: its first clause is no such unit.)
_REPEAT_SHARE, _REPEAT_PIECE, _REPEAT_ROOM = 0.7, 5, 100
_REPEAT_TITLE_MIN = 40
_TITLE_AGAIN_COST = 1.0
# A lead that introduces the gist of a meeting ("<spokesperson> disclosed gist of the
# meeting as follows:", "... เปิดเผยสาระสำคัญ ดังนี้") opens with a speaker: it costs this,
# a fifth of a whole title's share. (Judged so: 79 of the 90 and 164 of the 200
# releases above, against 76 and 166.)
_GIST_COST = 0.2
# English readouts and speeches ("PM meets with ...") open with welcomes and thanks and
# come to what was agreed paragraphs later: an English start pays no _NEWS_DISTANCE,
# and a summary whose first sentence tells only a courtesy or a background story
# (`outcomes` below nothing: "expressed pleasure", "conveyed his regards", "every
# year") pays _COURTESY_COST. Judged blind, every start of 43 English releases drawn at
# random: the start chosen is "yes" for 33 (28 before); the 90 above, 80 (79), the
# 200, the same. The same cost for a Thai first clause that tells only a courtesy
# was tried: no gain.
_COURTESY_COST = 0.1
# A Thai passage that opens with how the case arose ("สืบเนื่องจาก...", "following
# from") is background, whatever else it says: it pays _BACKSTORY_COST, half a title's
# share. Judged blind, old and new mixed, on the 6 of 2,333 summaries it changes: 1
# "yes" before, 3 and 4 after (two readers; two others, 3 and 4 no to yes, none back).
# Openings with a concession ("แม้ว่า..."), "ที่ผ่านมา" or "อนึ่ง" were charged so too:
# of the 21 summaries that changed, two readers judged 12 "yes" before and 8 and 9
# after, as what such a paragraph goes on to say was often the news.
_RE_TH_BACKSTORY = re.compile(r"สืบเนื่อง")
_BACKSTORY_COST = 0.5
# A summary that starts at a later paragraph opens with the lead's first sentence or
# clause (up to this many characters) when that tells news of its own: "ครม.เห็นชอบ
# ร่างเอกสาร 15 ฉบับ … เอกสารฉบับที่ 2 คือ...". Readers take in a summary's opening
# first; judged blind on 56 releases it changed: 45 "yes" before, 51 after.
_LEAD_NEWS_MAX = 200

# Paragraphs that are never a summary, of any length...
_RE_BOILERPLATE = re.compile(
    r"^(?:your browser does not support"  # the audio player
    r"|(?:ภาพ|ภาพข่าว|ภาพประกอบ|ที่มาภาพ|photos?|credits?)\s*:"  # photo credits
    r"|\(โปรดตรวจสอบ|อ่านเพิ่มเติม|ข่าวที่เกี่ยวข้อง|อัลบั้มภาพ"  # the site's notes and links
    r"|some of the resolutions are as follows|title\s*:"  # cabinet summaries' headings
    r"|#\s?\S+(?:\s+#\s?\S+)*$)",  # hashtags, "# บ้านพักเด็กและครอบครัว" too
    re.IGNORECASE,
)
# ...and short ones (up to _SHORT_LINE characters).
_SHORT_LINE = 150
_RE_SHORT_BOILERPLATE = re.compile(
    r"^(?:.{0,20}ขอเชิญ(?:รับฟัง|ติดตาม)|.{0,40}กับสำนักโฆษก"  # radio intros and sign-offs
    r"|(?:\S+\s+){0,3}(?:>>\s*)?(?:https?://|www\.)\S+$"  # a link, alone or with a label
    r"|(?:โทร|tel\b|fax\b|e-?mail|อีเมล|สอบถาม|ติดต่อสอบถาม)"  # contact lines
    r"|(?:กลุ่ม|กอง|ฝ่าย|สำนัก)\S*(?:ประชาสัมพันธ์|เผยแพร่|สารนิเทศ)"  # press office
    r"|\S{1,20}$|เศรษฐกิจ\s*-?\s*สังคม$)",  # a heading: "กฎหมาย", "Gist", "เศรษฐกิจ สังคม"
    re.IGNORECASE,
)
# A digest of decisions (a cabinet meeting's) is a run of items, each headed
# "12. เรื่อง ..." or "Title: ..." and followed by its decision; a table of contents
# may list the headings first. Each item is weighed by up to _ITEM_READ characters.
_RE_ITEM_HEADING = re.compile(r"(?:\d{1,3}\.\s*เรื่อง\s*|title\s*:\s*)", re.IGNORECASE)
_DIGEST_ITEMS = 3
_ITEM_READ = 4_000
# How much of the heading the decision must repeat to be shown without it.
_HEADING_SAID = 30
# A decision's note of the law or resolution it acts under, in brackets: "(เป็นการ
# ดำเนินการตามพระราชบัญญัติ... มาตรา 6 ที่บัญญัติให้...)", "[เป็นการดำเนินการตามมติคณะ
# รัฐมนตรี (17 มิถุนายน 2545) ...]". Procedure, not what was decided: left out.
_RE_LEGAL_BASIS = re.compile(r"\s*([(\[])\s*เป็นการดำเนินการ(?:ตาม|สืบเนื่อง)")
# A Latin letter or a Thai consonant: a paragraph without one is a rule or a number.
_RE_LETTER = re.compile(r"[A-Za-z\u0e01-\u0e2e]")
# A line of a speech's salutations: "...ท่านผู้มีเกียรติทุกท่าน", "Excellencies,", "Madam Chair,".
_RE_SALUTATION = re.compile(
    r".*(?:ทุกท่าน|ผู้มีเกียรติ)[\s,.:!]*$"
    r"|(?:your|excellenc|madam|mr\.?|distinguished|ladies|honou?rable|dear|fellow|colleagues)\b"
    r"[^.!?]*,\s*$", re.IGNORECASE)
# The words that announce a list are where a summary of its items starts when they
# are this short; longer, they open with something else.
_LIST_INTRO_MAX = _FIRST_READ // 2
_LIST_STEPS = 2
_LIST_INTROS = ("ดังนี้", "ได้แก่", "ประกอบด้วย", "อาทิ", "as follows", "following")
# A paragraph that goes on with the sentence before it (a line broken off): "และ...",
# "หรือ...", "ว่าด้วย...", "โดยตรงจาก..." (directly from), "and ..."; or refers back to it:
# "ยังพบว่า..." (also found), "ตน..." (the speaker), "He also...", "This...".
_RE_GOES_ON = re.compile(r"(?:และ|หรือ|ซึ่ง|แต่|รวมถึง|ตลอดจน|ตน|ยัง|ว่า(?!ที่)|โดยตรง|[a-z]"
                         r"|(?:He|She|It|They|This|These|Those|His|Her|Its|Their)\b)")
# A later item of a list ("2. ...", "3) ...", "(4) ...", "คดีที่ 2 ...", "Second is ..."): not
# where a summary starts, which would leave out the first item and what the list is of. (A
# cabinet meeting's agenda item, "5. เรื่อง ...", is a heading that says what was decided.)
_RE_LATER_ITEM = re.compile(
    r"(?:\(?(?:[2-9]|[1-9]\d)[.)](?!\d)|\((?:[2-9]|[1-9]\d)\))(?!\s*เรื่อง)"
    r"|(?:คดี|จุด|ข้อ|ประเด็น|กรณี|ด้าน|เรื่อง)ที่\s?(?:[2-9]|[1-9]\d)(?!\d)"
    r"|(?:Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(?:ly)?\b")
# A link to what came before that a Thai summary does not open with: "โดย" (not "โดยเฉพาะ",
# "โดยรวม"...), "จึง", "ทั้งนี้", "นอกจากนี้ (ยัง)", written without a space after them.
_RE_TH_OPENING_LINK = re.compile(
    r"(?:โดย(?!เฉพาะ|รวม|สรุป|ทั่วไป|ปกติ|ตรง|ส่วนใหญ่|เฉลี่ย|ประมาณ)|จึง|ทั้งนี้"
    r"|นอกจากนี้(?:\s*ยัง(?=ได้|มี))?)\s*")
# A line of a text broken at a fixed width: this long, ending in a word, a figure or a
# comma (not a full stop, a colon, a closing quote or bracket).
_BROKEN_MIN, _BROKEN_MAX, _BROKEN_LINES = 40, 120, 5
_RE_BROKEN_END = re.compile(r"[a-z0-9,]$")
# A sentence that only names who came along: "Accompanying the Prime Minister were ...",
# "Also attending were ...", "The meeting was attended by ...". Not the first of a summary.
_RE_EN_COMPANY = re.compile(
    r"(?:Accompanying|Also (?:present|attending|joining|in attendance)|Joining|Attending|Present)"
    r"\b[^.]{0,200}?\b(?:were|was)\b|[^.]{0,80}\b(?:was|were) (?:accompanied|attended|joined) by\b")
# A Thai opening that recalls the case a release answers ("จากกรณี...", "ตามที่มีข่าว..."),
# and where the answer begins, _CASE_MIN to _LEAD_WINDOW characters in: after the case
# ("...นั้น", not "จากนั้น"; "ในเรื่องนี้"; "...กรณี X ว่า ..." when a speaker answers it), or
# at "ล่าสุด", "ขณะนี้". The answer is kept when it has _MIN_LEAD characters or more.
_RE_TH_CASE = re.compile(TH_CASE_OPENINGS)
_RE_TH_ANSWER = re.compile(r"(?<=\S)(?<!จาก)(?<!ดัง)(?<!ก่อน)(?<!ใน)นั้น\s+(?:ทาง)?"
                           r"|\s+ในเรื่องนี้(?:นั้น)?\s*|\s+(?=ล่าสุด|ขณะนี้)|\sว่า\s")
_CASE_MIN = 40
# A passage that says again this many characters of what the summary said (compared
# loose, see `_loose`) is read from after them: a sub-headline the lead sets again, the
# complaint a case's paragraph recalls. A shorter run, such as a name with its post, is
# kept; at 60 the items of a digest's list were cut too.
_SAID_SPAN = 80
# A letter or figure of a Latin word; a Thai vowel or tone mark written over or under
# the consonant before it, or that consonant after a vowel written before it ("เ|ส").
_RE_LATIN_END = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")
_RE_TH_NEEDS_BEFORE = re.compile(f"[{NON_BASE}]|(?<=[เแโใไ])")
# A part the next sentence opens with, this long or more (loose), is that sentence cut
# short: the site's sub-headline, broken off ("...ได้รับผลกระทบจากก").
_CUT_SHORT_MIN = 12

# What titles are compared without: spaces, quotes and punctuation.
_LOOSE_MARKS = " \t\n\r\u00a0\"'“”‘’«».,:;!?()[]{}-–—…/|*#"
_RE_LOOSE = re.compile(f"[\\s{re.escape(_LOOSE_MARKS)}]+")


def summarize(title: str, paragraphs: Sequence[str], lang: str,
              on_topic: Callable[[str], int] | None = None) -> str:
    """What the release reports beyond its title, up to SUMMARY_MAX characters.

    A digest of decisions (see `_digest_summary`) is summarised by its item most
    on topic, as `on_topic` (the topic rule's score) weighs them: a cabinet
    meeting's first item is rarely why the release was indexed.

    Most releases open with a preamble (a date, a venue, a spokesperson, officials)
    and some with a ceremony, a courtesy call or a background story; the summary is
    the passage, among the first, that tells what happened:

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
    4. A paragraph is read from its event (see `news_lead.event`): without the date,
       time and venue it opens with, the "<speaker> เปิดเผยว่า" / "said that"
       before it, "ณ ... ทำเนียบรัฐบาล" wherever it is; without the officials who
       came along ("<actor> พร้อมด้วย <officials> ลงพื้นที่", "โดยมี <officials>
       เข้าร่วม", "X, together with Y, paid"), the minister who assigned the actor
       ("<minister> มอบหมายให้ ..."), and with a post's short form where the
       release gives one ("ปลัด พม."). A paragraph that is all preamble is skipped.
    5. The lead is the first paragraph left. When it says the title again (see
       `news_lead.says_title`) and its first sentence or clause tells nothing more, it
       is read from the next one ("... ให้การต้อนรับ X โดย|ทั้งสองฝ่ายได้หารือ..."), from
       its event as in 4 ("... โดย|ระบุว่า ขณะนี้..." from "ขณะนี้").
    6. The summary may start at the lead or at one of the _NEWS_PARAGRAPHS - 1 after
       it (see `_starts`), each read from its event as in 4; not at a paragraph that
       refers back ("He also...", "ยังพบว่า...") or finishes a broken line
       ("ว่าด้วย..."), nor at a later item of a list ("3. ...", "คดีที่ 4 ...",
       "Second is ..."). The summary each start gives (made as in 7 and 8) is
       weighed, and the best is kept: the share of the title's words it tells, a
       little for what its first passage tells (`news_lead.outcomes`: figures,
       arrests, approvals, agreements for it; a chair's opening, a courtesy, a
       background opening, the appeal that closes a release, the penalties a law
       sets against it) and a little against each paragraph further on (not in
       English), a lead that only introduces the gist of a meeting a little more,
       an English one whose first sentence is only a courtesy as much, a Thai one
       that opens with how the case arose ("สืบเนื่องจาก...") a good deal; one
       that opens with the title again (with a name and a venue) costs a whole
       share of the title, unless an English one's first sentence tells a deed the
       title lacks.
    7. A Thai start that recalls the case the release answers ("จากกรณี X นั้น",
       "กรณี X ว่า ...") is read from where the answer begins (see `_past_case`).
       Paragraphs are joined until half of SUMMARY_MAX is reached (one that ends
       "ดังนี้", "ได้แก่" or "as follows:", or a short numbered item, brings the
       next with it), leaving out a sentence said already (a lead the site set twice),
       what a passage says again (see `_unsaid`), a sub-headline cut short that the
       next sentence says whole, and an English sentence that only names who came
       along ("Accompanying the Prime Minister were..."), then `cut` (which leaves no
       word that leads on to what it cut off: "... และ…", "... 2.…"). A Thai summary
       does not open with a link to what came before ("โดย", "จึง", "ทั้งนี้",
       "นอกจากนี้ยัง" run on into the next word). The start is chosen as in 6 on the
       passages as given; only the summary kept leaves out what is said again.
    8. A summary that starts after the lead opens with the lead's first sentence or
       clause when that tells news of its own (see `_lead_news`), then "…".
    9. When nothing is left, the old summary: the opening as it is (without what it
       says twice), else the title.

    An English text broken into lines at a fixed width is read with its lines
    joined again (see `_rejoined`).

    Only the first paragraphs are read, each up to _LEAD_WINDOW characters, with
    regular expressions and one term matcher: no segmentation, so ingest stays fast.
    """
    if lang == "en":
        paragraphs = _rejoined(paragraphs)
    if on_topic is not None and (digest := _digest_summary(paragraphs, lang, on_topic)):
        return digest
    content = _from_lead(_content(title, paragraphs))
    head = list(islice(content, _NEWS_PARAGRAPHS))
    lead, lead_text = _lead(head, lang)
    later = [lead_event(paragraph[:_LEAD_WINDOW], lang) for paragraph in head[lead + 1:]]
    starts, lead_text = _starts(lead_text, later, title, lang) if lead_text else ({0: 0.0}, "")
    rest = (lead_event(paragraph[:_LEAD_WINDOW], lang) for paragraph in content)
    long_title = len("".join(title.split())) >= _REPEAT_TITLE_MIN
    context = _lead_news(lead_text, title, lang) if len(starts) > 1 else ""
    best, best_worth, best_start = "", 0.0, 0
    # Each start is weighed on its passages as the release gives them (a passage that
    # says the title's words again is still about the title); the one kept is shown
    # without what it says twice.
    tails = tee(rest, len(starts) + 1)
    for (start, news), tail in zip(starts.items(), tails[1:], strict=True):
        summary = _from_start(start, lead_text, later, tail, context if start else "", lang,
                              repeats=True)
        worth = title_share(summary, title, 2 * SUMMARY_MAX, _TITLE_WORDS_PIECE,
                            _TITLE_WORDS_STEP) + news
        # What an English summary's first sentence tells beyond the title.
        told = (outcomes(sentences(summary, lang)[:1], lang, title)[0]
                if lang == "en" and summary else 0.0)
        if long_title and told <= 0 and title_share(
                summary, title, len(title) + _REPEAT_ROOM, _REPEAT_PIECE,
                _REPEAT_PIECE) >= _REPEAT_SHARE:
            worth -= _TITLE_AGAIN_COST
        if told < 0:
            worth -= _COURTESY_COST
        if summary and (not best or worth > best_worth):
            best, best_worth, best_start = summary, worth, start
    if not best:
        return _opening(title, paragraphs, lang)
    return _from_start(best_start, lead_text, later, tails[0], context if best_start else "",
                       lang, repeats=False)


def _from_start(start: int, lead: str, later: Sequence[str], rest: Iterable[str],
                context: str, lang: str, *, repeats: bool) -> str:
    """The summary that starts at `lead` (0) or at `later[start - 1]`, going on with
    the paragraphs after it and `rest`, opened by `context` (the lead's news, see
    `_lead_news`) unless it holds it; "" when they hold nothing. With `repeats`, what
    a passage says again is kept (see `_gathered`)."""
    opening = lead if start == 0 else later[start - 1]
    events = chain([_past_case(opening, lang)], later[start:], rest)
    parts = _gathered(events, lang, lists=True, repeats=repeats)
    if not parts:
        return ""
    if lang != "en" and (link := _RE_TH_OPENING_LINK.match(parts[0])):
        parts[0] = lead_event(parts[0][link.end():], lang) or parts[0]
    if context and context not in parts[0]:
        parts.insert(0, f"{context} {ELLIPSIS}")
    return cut(" ".join(parts), SUMMARY_MAX)


def _digest_summary(paragraphs: Sequence[str], lang: str,
                    on_topic: Callable[[str], int]) -> str:
    """For a digest of _DIGEST_ITEMS items or more, the item `on_topic` weighs most
    (the first of those, an item with its decision before a bare heading): its
    decision ("คณะรัฐมนตรีมีมติเห็นชอบ...", "The cabinet approved...", with the list
    it announces, without the law it acts under: "[เป็นการดำเนินการตาม...]"), after
    its heading unless the decision says it: the heading's first words, or most of
    the heading (see `says_title`) in a decision that does not go on from it ("และ
    การประชุมที่เกี่ยวข้อง ..."). "" when this is no digest or no item is on topic."""
    items: list[tuple[str, list[str]]] = []
    for paragraph in paragraphs:
        if found := _RE_ITEM_HEADING.match(paragraph):
            items.append((paragraph[found.end():].strip(), []))
        elif items and not _is_boilerplate(paragraph):
            items[-1][1].append(paragraph)
    if len(items) < _DIGEST_ITEMS:
        return ""
    scored = [(on_topic(f"{heading}\n" + "\n".join(body)[:_ITEM_READ]), bool(body), -n)
              for n, (heading, body) in enumerate(items)]
    score, _, first = max(scored)  # the first of the best
    if score <= 0:
        return ""
    heading, body = items[-first]
    decision = " ".join(_gathered(map(_without_legal_basis, body), lang, lists=True,
                                  repeats=False))
    said = _loose(heading)[:_HEADING_SAID] in _loose(decision) or (
        says_title(decision, heading, SUMMARY_MAX) and not _RE_GOES_ON.match(decision))
    if not said:
        decision = f"{heading}: {decision}" if decision else heading
    return cut(decision, SUMMARY_MAX)


def _without_legal_basis(decision: str) -> str:
    """`decision` without the bracketed note of the law it acts under (see
    _RE_LEGAL_BASIS), up to its closing bracket, brackets within it counted.

    >>> _without_legal_basis("ครม.รับทราบรายงาน (เป็นการดำเนินการตามมาตรา 6 (1) ที่บัญญัติให้...) ดังนี้")
    'ครม.รับทราบรายงาน ดังนี้'
    """
    found = _RE_LEGAL_BASIS.search(decision)
    if found is None:
        return decision
    depth = 0
    for end in range(found.start(1), len(decision)):
        if decision[end] in "([":
            depth += 1
        elif decision[end] in ")]":
            depth -= 1
            if depth == 0:
                return decision[:found.start()] + decision[end + 1:]
    return decision[:found.start()]  # cut off unclosed: all the rest is the note


def _gathered(texts: Iterable[str], lang: str, *, lists: bool, repeats: bool) -> list[str]:
    """The sentences of `texts`, in order, until SUMMARY_MAX characters, or until a
    text ends with half of it gathered (with `lists`, not one that announces a list:
    its first item comes too). Empty texts are skipped, and so is a sentence said
    already; unless `repeats`, a sentence replaces the part before it when that is its
    opening cut short and it says nothing else again, and is otherwise read without
    what it says again (see `_unsaid`)."""
    parts: list[str] = []
    length = 0
    for text in texts:
        if not text:
            continue
        for sentence in sentences(text, lang):
            said = sentence in parts or (lang == "en" and _RE_EN_COMPANY.match(sentence))
            if parts and said:
                continue
            if parts and not repeats:
                last = _loose(parts[-1])
                if (len(last) >= _CUT_SHORT_MIN and _loose(sentence).startswith(last)
                        and _unsaid(sentence, _loose(" ".join(parts[:-1])), lang) == sentence):
                    length -= len(parts.pop()) + 1
                elif not (sentence := _unsaid(sentence, _loose(" ".join(parts)), lang)):
                    continue
            parts.append(sentence)
            length += len(sentence) + 1
            if length >= SUMMARY_MAX:
                return parts
        if length >= max(_MIN_LEAD, SUMMARY_MAX // 2) and not (
                lists and (_announces_list(text) or _is_item_heading(text))):
            return parts
    return parts


def _unsaid(sentence: str, said: str, lang: str) -> str:
    """`sentence` from after its last run of _SAID_SPAN characters or more that `said`
    (loose, see `_loose`) holds too, without a Thai link word it then opens with (see
    _RE_TH_OPENING_LINK); whole when it says nothing again, "" when less than _MIN_LEAD
    is left. What comes before a run leads up to it (a speaker's preamble, how a case
    arose) and goes with it. A run that ends inside a Latin word or a figure
    ("Cambodia|'s", "30|,000") is left at the last space within it, so the rest opens
    with a word said already rather than a piece of one; a Thai one is not left on a
    vowel or tone mark that needs the consonant before it.

    >>> said = _loose("มีผู้แอบอ้างชื่อสำนักงานสลากกินแบ่งรัฐบาล หลอกลวงประชาชนว่ามีเลขรางวัลล็อก "
    ...               "ผ่านบัญชีไลน์และเฟซบุ๊กหลายบัญชี เป็นเหตุให้ประชาชนได้รับความเสียหายจำนวนมาก")
    >>> _unsaid("ดีเอสไอรับคำร้องทุกข์ว่ามีผู้แอบอ้างชื่อสำนักงานสลากกินแบ่งรัฐบาล หลอกลวงประชาชน"
    ...         "ว่ามีเลขรางวัลล็อก ผ่านบัญชีไลน์และเฟซบุ๊กหลายบัญชี เป็นเหตุให้ประชาชนได้รับความ"
    ...         "เสียหายจำนวนมาก โดยเจ้าหน้าที่ได้จับกุมผู้ต้องหาพร้อมยึดทรัพย์สินมูลค่ากว่า 37 "
    ...         "ล้านบาท", said, "th")
    'เจ้าหน้าที่ได้จับกุมผู้ต้องหาพร้อมยึดทรัพย์สินมูลค่ากว่า 37 ล้านบาท'
    >>> said = _loose("The Ministry of Labour and the IOM signed an agreement to protect migrant "
    ...               "workers from Cambodia")
    >>> _unsaid("On Monday the Ministry of Labour and the IOM signed an agreement to protect "
    ...         "migrant workers from Cambodia's brokers, who charge each worker fees of up to "
    ...         "30,000 baht before the journey", said, "en")
    "Cambodia's brokers, who charge each worker fees of up to 30,000 baht before the journey"
    """
    loose: list[str] = []
    where: list[int] = []  # where in `sentence` each loose character comes from
    for at, char in enumerate(sentence):
        if not char.isspace() and char not in _LOOSE_MARKS:
            folded = char.casefold()
            loose.append(folded)
            where += [at] * len(folded)
    text = "".join(loose)
    first = at = -1  # where in `sentence` the last run said again begins and ends
    start = 0
    while start + _SAID_SPAN <= len(text):
        if text[start:start + _SAID_SPAN] not in said:
            start += 1
            continue
        end = start + _SAID_SPAN
        while end < len(text) and text[start:end + 1] in said:
            end += 1
        first, at = where[start], where[end - 1] + 1
        start = end
    if at < 0:
        return sentence
    if not _at_word_end(sentence, at) and _RE_LATIN_END.match(sentence, at - 1):
        space = sentence.rfind(" ", first, at)
        at = space if space >= 0 else sentence.find(" ", at)
    while first < at < len(sentence) and _RE_TH_NEEDS_BEFORE.match(sentence, at):
        at -= 1
    rest = sentence[at:].lstrip(_LOOSE_MARKS) if at >= 0 else ""
    if lang != "en" and (link := _RE_TH_OPENING_LINK.match(rest)):
        rest = rest[link.end():]
    return rest if len(_loose(rest)) >= _MIN_LEAD else ""


def _at_word_end(text: str, at: int) -> bool:
    """Whether `text` has a word's end at `at`: its end, a space, or a mark a space
    follows ("Cambodia, the..." but not "Cambodia's", "30,000")."""
    return at >= len(text) or text[at].isspace() or (
        text[at] in _LOOSE_MARKS and (at + 1 >= len(text) or text[at + 1].isspace()))


def _rejoined(paragraphs: Sequence[str]) -> Sequence[str]:
    """English `paragraphs` with the lines of a text broken at a fixed width (most of
    its lines, and at least _BROKEN_LINES, are _BROKEN_MIN to _BROKEN_MAX characters
    long and end in a word, a figure or a comma) joined again where a line ends so,
    unless the next is an item of a list. Other texts are returned as they are."""
    ends = [bool(_RE_BROKEN_END.search(p)) for p in paragraphs]
    broken = sum(end and _BROKEN_MIN <= len(p) <= _BROKEN_MAX
                 for end, p in zip(ends, paragraphs, strict=True))
    if broken < max(_BROKEN_LINES, len(paragraphs) // 2):
        return paragraphs
    joined: list[str] = []
    goes_on = False
    for paragraph, end in zip(paragraphs, ends, strict=True):
        if goes_on and not RE_ITEM.match(paragraph):
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
        goes_on = end
    return joined


def _past_case(text: str, lang: str) -> str:
    """A Thai `text` that recalls a case ("จากกรณี...นั้น", "กรณี X ว่า ...") from where
    the answer to it begins, when that comes soon (see _RE_TH_ANSWER); else `text`.

    >>> _past_case("จากกรณีมีผู้โพสต์ว่าพบเด็กนั่งขอทานที่สถานีรถไฟฟ้าเอกมัยนั้น ขณะนี้ทีม พม. "
    ...            "ได้ลงพื้นที่ช่วยเหลือเด็กและส่งตัวเข้าบ้านพักเด็กและครอบครัวเรียบร้อยแล้ว", "th")
    'ขณะนี้ทีม พม. ได้ลงพื้นที่ช่วยเหลือเด็กและส่งตัวเข้าบ้านพักเด็กและครอบครัวเรียบร้อยแล้ว'
    """
    if lang == "en" or not _RE_TH_CASE.match(text):
        return text
    answer = _RE_TH_ANSWER.search(text, _CASE_MIN, _LEAD_WINDOW)
    if answer is None or len(text) - answer.end() < _MIN_LEAD:
        return text
    return text[answer.end():]


def _lead(paragraphs: Sequence[str], lang: str) -> tuple[int, str]:
    """The first of `paragraphs` that is more than a preamble, and its event."""
    for index, paragraph in enumerate(paragraphs):
        if event := lead_event(paragraph[:_LEAD_WINDOW], lang):
            return index, event
    return len(paragraphs), ""


def _starts(lead: str, later: Sequence[str], title: str,
            lang: str) -> tuple[dict[int, float], str]:
    """Where a summary may start, the `lead` (0) or one of the `later` paragraphs (1,
    2...), each with what it tells in the units of the title's share (see `summarize`);
    and the lead, read past its opening when that only says the title.

    Each is worth what it tells (`outcomes`, all in one pass) times _NEWS_WEIGHT; a
    later Thai paragraph pays _NEWS_DISTANCE a paragraph after the first. It may start a
    summary when it has _MIN_LEAD characters or more (or announces a list) and does
    not go on with the sentence before it or refer back to it (_RE_GOES_ON), nor is a
    later item of a list; the `later` paragraphs are given from their event. An item
    of a list starts at the words that announce it (see `_list_start`). A lead that
    only introduces the gist of a meeting pays _GIST_COST, a Thai passage that opens
    with how the case arose _BACKSTORY_COST.
    """
    found = title_clause(lead, lang) if says_title(lead, title) else None
    if found and len(lead) - found.end() < _MIN_LEAD:
        found = None
    openings = ([lead[:found.start()], lead[found.end():][:_NEWS_WINDOW]] if found
                else [lead[:_NEWS_WINDOW]])
    candidates = [(distance, paragraph) for distance, paragraph in enumerate(later, 1)
                  if not _RE_GOES_ON.match(paragraph) and not _RE_LATER_ITEM.match(paragraph)
                  and (len(paragraph) >= _MIN_LEAD or _announces_list(paragraph))]
    scores = outcomes([*openings, *(paragraph[:_NEWS_WINDOW] for _, paragraph in candidates)],
                      lang, title)
    if found and scores[0] <= 0:
        lead, news = lead_event(lead[found.end():], lang), scores[1]
    else:
        news = sum(scores[:len(openings)])
    starts = {0: _NEWS_WEIGHT * news - (_GIST_COST if _announces_gist(lead) else 0.0)
              - (_BACKSTORY_COST if _RE_TH_BACKSTORY.match(lead) else 0.0)}
    for (distance, paragraph), news in zip(candidates, scores[len(openings):], strict=True):
        start = _list_start([lead, *later], distance)
        further = 0.0 if lang == "en" else _NEWS_DISTANCE * (distance - 1)
        backstory = _BACKSTORY_COST if _RE_TH_BACKSTORY.match(paragraph) else 0.0
        starts.setdefault(start, _NEWS_WEIGHT * news - further - backstory)
    return starts, lead


def _lead_news(lead: str, title: str, lang: str) -> str:
    """The first sentence or clause of `lead` (up to _LEAD_NEWS_MAX characters; an
    English sentence whole, as words cut off read as broken) when it tells news of
    its own (`outcomes` weighs it above nothing: a decision, an order, a figure) and
    does not say the title again; else "". Nor an introduction to a list or to the
    gist of a meeting.

    >>> _lead_news("ครม.เห็นชอบร่างเอกสารผลลัพธ์การประชุมอาเซียน 15 ฉบับ โดยฉบับแรกคือ...",
    ...            "ไทยร่วมประชุมรัฐมนตรีต่างประเทศ", "th")
    'ครม.เห็นชอบร่างเอกสารผลลัพธ์การประชุมอาเซียน 15 ฉบับ'
    >>> _lead_news("The Prime Minister arrived in Phnom Penh. He met...", "PM in Cambodia", "en")
    ''
    """
    if says_title(lead, title):
        return ""
    found = title_clause(lead, lang)
    if found and found.start() <= _LEAD_NEWS_MAX:
        clause = lead[:found.start()].rstrip(" ,;:")
    elif lang == "en":
        clause = sentences(lead, lang)[0]
        if len(clause) > _LEAD_NEWS_MAX:
            return ""
    else:
        clause = cut(lead, _LEAD_NEWS_MAX).removesuffix(ELLIPSIS)
    if _announces_list(clause) or _announces_gist(clause):
        return ""
    return clause if outcomes([clause], lang, title)[0] > 0 else ""


def _list_start(paragraphs: Sequence[str], best: int) -> int:
    """Where the summary starts when `paragraphs[best]` is an item of a list: at the
    short words that announce the list (under _LIST_INTRO_MAX characters) when they
    come at most _LIST_STEPS paragraphs before, items between; else at it."""
    for back in range(_LIST_STEPS):
        if best - back < 1 or not RE_ITEM.match(paragraphs[best - back]):
            break
        intro = paragraphs[best - back - 1]
        if _announces_list(intro) and len(intro) <= _LIST_INTRO_MAX:
            return best - back - 1
    return best


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
    """`paragraphs` from the first after a speech's salutations (which begin within
    the first few and may run to _SALUTATION_PARAGRAPHS), and from the lead (the one
    opening with a date and going on) when it comes within the first few."""
    head = list(islice(paragraphs, _HEADLINE_PARAGRAPHS))
    start = 0
    if any(_is_salutation(paragraph) for paragraph in head):
        head += islice(paragraphs, _SALUTATION_PARAGRAPHS - _HEADLINE_PARAGRAPHS)
        for index, paragraph in enumerate(head):
            if _is_salutation(paragraph):
                start = index + 1
    for index, paragraph in enumerate(head[start:start + _HEADLINE_PARAGRAPHS]):
        if after_dateline(paragraph) >= _MIN_LEAD:
            start += index
            break
    return chain(head[start:], paragraphs)


def _is_salutation(paragraph: str) -> bool:
    return len(paragraph) <= _SALUTATION_MAX and bool(_RE_SALUTATION.match(paragraph))


def _announces_list(text: str) -> bool:
    """Whether `text` ends "ดังนี้", "ได้แก่", "ประกอบด้วย" or "as follows:": the summary
    goes on to the first item."""
    text = text.rstrip()
    return text.endswith(":") or text.casefold().endswith(_LIST_INTROS)


def _announces_gist(text: str) -> bool:
    """Whether `text` introduces the gist of a meeting ("... as follows", "... ดังนี้")."""
    return any(gist in text for gist in _GISTS)


def _is_item_heading(text: str) -> bool:
    """Whether `text` is a short numbered item with no full stop: the heading of a
    list's item ("1.การปราบปราม... (ข้อมูล ตร.)"), whose first line comes with it, or one
    point of a list, which the next point follows."""
    return (len(text) <= _LIST_INTRO_MAX and bool(RE_ITEM.match(text))
            and text.lstrip("(")[:1].isdigit() and not text.rstrip().endswith((".", "!", "?")))


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
    if paragraph.lstrip(_LOOSE_MARKS)[:1].casefold() != loose_title[:1]:
        return paragraph  # the usual case, told cheaply
    head = _loose(paragraph[:_TITLE_PIECE_MIN])
    if not head or head[:len(loose_title)] != loose_title[:len(head)]:
        return paragraph
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
    dropped) but for what it says twice, or the title when there is no body."""
    squashed_title = squash(title)
    parts = _gathered((p for p in paragraphs
                       if not _RE_BORING.match(p) and squash(p) != squashed_title),
                      lang, lists=False, repeats=False)
    if not parts:
        return cut(title, SUMMARY_MAX)
    return cut(" ".join(parts), SUMMARY_MAX)
