"""Passages cut from a release at answer time: the snippet that best matches a
question, a window around a place in a text, and the cut at a space or between
two Thai words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from bot.matcher import TermMatcher
from bot.news_lead import preamble_end, says_title
from bot.thai import WORD_SEP, has_thai

SNIPPET_MAX = 240
ELLIPSIS = "…"
# Words a cut passage does not end on: they lead on to what the cut left out ("... โดยมี…",
# "... ฝ่ายความมั่นคงรายงานว่า…", "... and…"), nor does a list's item mark ("... 7)…"); a
# Thai one is found as a word only where the index's segmentation tells where words begin.
_TH_DANGLING = frozenset((
    "โดยมี", "โดย", "และ", "หรือ", "ซึ่ง", "ว่า", "ที่", "ณ", "ของ", "ให้", "กับ", "จาก", "ใน",
    "เพื่อ", "ได้แก่", "ดังนี้", "อาทิ", "เช่น", "นอกจากนี้", "ทั้งนี้", "รวมทั้ง", "ตลอดจน", "แต่",
    "คือ", "ประกอบด้วย", "ระหว่าง", "ตาม", "ถึง", "ต่อ", "แก่", "เป็น", "สำหรับ", "เกี่ยวกับ",
    "ไปยัง", "โดยเฉพาะ", "ครั้งที่", "จำนวน", "กว่า", "ร่วมกับ", "พบ", "เมื่อ", "หาก"))
_EN_DANGLING = frozenset((
    "and", "or", "of", "the", "a", "an", "to", "that", "at", "by", "with", "for", "in", "on",
    "from", "as", "which", "who", "whose", "including", "into", "than", "such", "have", "has",
    "had", "is", "are", "was", "were", "will", "would", "be", "been", "can", "could", "may",
    "should", "must", "its", "their", "his", "her", "our", "this", "these", "those", "not",
    "about", "under", "between", "during", "after", "before", "through", "via", "per"))
# The mark of a list's item: "- ...", "1. ...", "2) ...", "(3) ...", "1.1 ...".
RE_ITEM = re.compile(r"[-•·*]|\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(\d{1,2}\)")
_DANGLING_WORDS = 3
# Nor does a passage open with a word that links it to what was left out before it.
_TH_LEADING = frozenset((
    "และ", "หรือ", "ซึ่ง", "ของ", "ใน", "ณ", "อาทิ", "เช่น", "ได้แก่", "รวมทั้ง", "อีกทั้ง",
    "ว่าด้วย", "กับ", "แก่", "ว่า", "ตลอดจน", "รวมถึง"))
_EN_LEADING = frozenset(("and", "or", "which", "of", "but"))
# A Thai phrase that leans on the one before it ("เนื่องจาก..." because, "เพื่อ..." so as to,
# "โดยใช้..." by using, "จึง..." so, "ไปสู่..." towards, "ๆ" the mark that repeats the word
# before it): a passage opens with the phrase before it, room allowing, else after it.
_TH_LEANING = frozenset((
    "เนื่องจาก", "เพื่อ", "โดย", "โดยใช้", "โดยเฉพาะ", "จึง", "ไปสู่", "ทำให้", "ทำให้เกิด", "ส่งผลให้",
    "ผ่าน", "ภายใต้", "ระหว่าง", "ให้", "ที่", "จน", "เพราะ", "พร้อมกับ", "พร้อมทั้ง", "ก็",
    "ยัง", "ไป", "แล้ว", "ด้วย", "คือ", "นั้น", "นี้"))
# A figure, or a count's unit, opens a phrase that ends the one before ("ใบละ | 95 บาท",
# "ปี | 2563 โดย...", "จำนวน 21 | ราย"): a passage opens with the phrase before, room allowing.
_TH_UNITS = frozenset(("บาท", "เปอร์เซ็นต์", "ราย", "คน", "วัน", "ครั้ง", "แห่ง", "ฉบับ", "ปี",
                       # a month ends a date begun before it: "1 ตุลาคม 2563 - | มีนาคม 2564"
                       "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
                       "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"))
# A first name with its title ("นายอนุกูล", "พล.ต.อ.ธัชชัย", "Mr."), the phrase before a
# surname that would open a passage: the passage opens with the name whole (and with a
# post so written, "นายกรัฐมนตรี", "นายอำเภอ...", before what it did).
_NAME_MAX = 40
_RE_TH_NAME_BEFORE = re.compile(
    r"(?:^| )(?:นาย|นางสาว|นาง|น\.ส\.|ดร\.|พล\.|พลตำรวจ|พลเอก|พลโท|พลตรี|พ\.ต\.|พันตำรวจ|ร\.ต\."
    r"|Mr\.|Mrs\.|Ms\.|H\.E\.)[^ ]{1,25} $")
_LEANING_BACK = 2 / 3  # the question's word stays within this share of the room
# Where an English clause begins: after a comma, a semicolon, a colon or "... that".
_RE_EN_CLAUSE = re.compile(r"(?:[,;:]|\bthat)\s+(?=\w)")
_RE_EN_SUBJECT = re.compile(r"[A-Z]|(?:the|a|an|both|all)\b")
# A clause that opens with one of these has its subject before the comma: "..., AOC, will".
_EN_AUXILIARIES = frozenset(("will", "would", "has", "have", "had", "is", "are", "was", "were",
                             "can", "could", "may", "should", "must", "be", "been"))
# A cut falls at the last space in this last share of the room; failing that, at the last
# word begun there (Thai, whose spaces end phrases, runs on without them).
_CUT_NEAR = 0.6
# A sentence that says the release's title again (a sub-headline, a lead that repeats it)
# shows nothing the title above it does not: it counts this much of its weight.
_TITLE_AGAIN = 0.5
_TITLE_PARAGRAPHS = 3  # where it comes: at the top
_TRIMMED = " ,;:-–—"

# English sentence ends, not after a title or another abbreviation ("Gen. Natthapon");
# Thai marks sentences and phrases with a space.
_EN_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt",
                     "Pol", "Prof", "Gov", "Sen", "Rep", "St", "No", "Jr", "Sr", "Co", "H.E")
_RE_EN_SENTENCE = re.compile(
    r"(?<=[.!?])" + "".join(rf"(?<!\b{re.escape(short)}\.)" for short in _EN_ABBREVIATIONS)
    + r"\s+(?=[\"“(A-Z0-9])")


def sentences(paragraph: str, lang: str) -> list[str]:
    if lang == "en":
        return [s for s in _RE_EN_SENTENCE.split(paragraph) if s]
    return [paragraph]


def words(segmented: str) -> tuple[str, tuple[int, ...]]:
    """A paragraph as the index keeps it (Thai words separated by WORD_SEP) as text,
    and where in it each word after the first begins: where Thai may be cut.

    >>> words("ค้า\u200bมนุษย์ IOM")
    ('ค้ามนุษย์ IOM', (3,))
    """
    pieces = segmented.split(WORD_SEP)
    return "".join(pieces), tuple(accumulate(map(len, pieces[:-1])))


def cut(text: str, limit: int, starts: Sequence[int] = ()) -> str:
    """`text` shortened to `limit` characters at its last space near the end (Thai
    spaces end phrases), else where a word begins (`starts`, ascending; see `words`),
    with an ellipsis if cut, and without a last word that leads on to what the cut
    left out ("... โดยมี…", "... and…", "... 7)…").

    >>> cut("the ministers met and", 20)
    'the ministers met…'
    """
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    end = text.rfind(" ", 0, room)
    if end < room * _CUT_NEAR:  # no space near the end: where a word begins, else anywhere
        at = bisect_right(starts, room) - 1
        end = starts[at] if at >= 0 and starts[at] >= room * _CUT_NEAR else room
    return _without_dangling(text[:end], starts) + ELLIPSIS


def _past_link(text: str, start: int, focus: int, starts: Sequence[int]) -> int:
    """`start`, or past the word there when that word links what it follows to what comes
    after ("และ...", "ซึ่ง...", "อาทิ...", "and ..."), so a passage does not open with it."""
    end = _word_end(text, start, focus, starts)
    word = text[start:end]
    if end >= 0 and (word in _TH_LEADING or word.casefold() in _EN_LEADING):
        return end + 1 if text[end:end + 1] == " " else end
    return start


def _word_end(text: str, start: int, focus: int, starts: Sequence[int]) -> int:
    """Where the word at `start` ends (at the next word's start or a space) when that is
    by `focus`; else -1."""
    at = bisect_right(starts, start)
    space = text.find(" ", start, focus + 1)
    ends = [end for end in (starts[at] if at < len(starts) else -1, space) if start < end <= focus]
    return min(ends) if ends else -1


def _clause_start(text: str, start: int, focus: int, limit: int, starts: Sequence[int]) -> int:
    """Where a window that would open at `start` opens instead: an English one at the
    first clause before `focus` (see _RE_EN_CLAUSE) from which the rest of the text fits,
    else at the first within half of `limit` before it; a Thai one that would open
    mid-sentence (on a phrase that leans on the one before, _TH_LEANING; on one that ends
    it, a figure or _TH_UNITS; on a surname, after _RE_TH_NAME_BEFORE) at the phrase
    before, when that opens with no leaning word and `focus` stays within _LEANING_BACK
    of `limit`, else at the next phrase (not past a figure); never on a comma or a dash,
    nor on a list item's number."""
    if not has_thai(text):
        clauses = [found.end() for found in _RE_EN_CLAUSE.finditer(text, 0, focus)
                   if not _leans(word := _first_word(text, found.end(), focus, starts))
                   and not word[:1].isdigit()  # "On 2 May, 2023, ..."
                   and word.casefold() not in _EN_AUXILIARIES]
        # The first from which the rest fits, else the first near; one that opens with
        # a subject ("the Ministry...", "Thailand...") before one that opens with a verb.
        fits = [at for at in clauses if len(text) - at <= limit] or [
            at for at in clauses if at >= focus - limit // 2]
        if fits:
            start = min(fits, key=lambda at: (not _RE_EN_SUBJECT.match(text, at), at))
    elif (_leans(word := _first_word(text, start, focus, starts)) or _ends_before(word)
          or _RE_TH_NAME_BEFORE.search(text, max(0, start - _NAME_MAX), start)):
        before = text.rfind(" ", 0, max(0, start - 1)) + 1
        after = text.find(" ", start, focus) + 1
        if (start > 0 and focus - before <= limit * _LEANING_BACK
                and not _leans(_first_word(text, before, focus, starts))):
            start = before
        elif (after > 0 and not _ends_before(word)
              and not _leans(_first_word(text, after, focus, starts))):
            start = after
    while start < focus and text[start] in _TRIMMED:
        start += 1
    if (mark := RE_ITEM.match(text, start)) and text[mark.end():mark.end() + 1] == " " \
            and mark.end() < focus:  # "…2. บันทึก..." opens with the item, not its number
        start = mark.end() + 1
    return start


def _first_word(text: str, start: int, focus: int, starts: Sequence[int]) -> str:
    """The word at `start`, or all up to `focus` when it ends later."""
    end = _word_end(text, start, focus, starts)
    return text[start:end if end >= 0 else focus]


def _leans(word: str) -> bool:
    """Whether a passage that opens with `word` opens mid-sentence."""
    return (word in _TH_LEANING or word in _TH_LEADING or word.startswith("ๆ")
            or word.casefold() in _EN_LEADING)


def _ends_before(word: str) -> bool:
    """Whether a Thai phrase that opens with `word` ends the one before it (see _TH_UNITS)."""
    return word in _TH_UNITS or word.replace(",", "").isdigit()


def _without_dangling(head: str, starts: Sequence[int]) -> str:
    """`head` without the words at its end that lead on to what was cut off."""
    for _ in range(_DANGLING_WORDS):
        head = head.rstrip(_TRIMMED)
        space = head.rfind(" ") + 1
        at = bisect_left(starts, len(head))
        # The last word, or the last two ("โดย|มี"), or all since the space ("7)", "and").
        begins = [*(begin for begin in reversed(starts[max(0, at - 2):at]) if begin > space),
                  space]
        last = next((begin for begin in begins if begin > 0 and (
            head[begin:] in _TH_DANGLING or head[begin:].casefold() in _EN_DANGLING
            or (begin == space and RE_ITEM.fullmatch(head[begin:])
                and head.count("(", 0, begin) <= head.count(")", 0, begin)))), 0)
        if last == 0:
            break
        head = head[:last]
    return head.rstrip(_TRIMMED)


def snippet(paragraphs: Sequence[str], needles: TermMatcher[int], weights: Sequence[float],
            lang: str, title: str = "") -> str:
    """The passage of `paragraphs` (as the index keeps them: see `words`) that best
    matches the question: the sentence holding the most weight of its groups
    (`needles` finds each group's forms, valued by the group's place in `weights`),
    cut around the stretch where most of them appear, between words.
    A word found in the date, time and venue a sentence opens with does not count:
    "วันนี้ (...) ณ ทำเนียบรัฐบาลเวียดนาม" tells where, not what happened in Vietnam;
    a sentence of the first _TITLE_PARAGRAPHS that says the release's `title` again
    counts _TITLE_AGAIN of its weight.

    Returns "" when no paragraph names any group.
    """
    best: tuple[float, int, str, list[tuple[int, int]]] | None = None
    for index, paragraph in enumerate(paragraphs):
        for sentence in sentences(paragraph.replace(WORD_SEP, ""), lang):
            found = needles.find(sentence)
            if not found:
                continue
            opening = preamble_end(sentence)
            hits = [(one.start, one.value) for one in found if one.start >= opening]
            score = sum(weights[group] for group in {group for _, group in hits})
            if score <= (best[0] if best else 0):  # the first of the best wins
                continue
            if title and index < _TITLE_PARAGRAPHS and says_title(sentence, title):
                score *= _TITLE_AGAIN
                if score <= (best[0] if best else 0):
                    continue
            best = (score, -index, sentence, hits)
    if best is None:
        return ""
    _, index, sentence, hits = best
    text, starts = words(paragraphs[-index])
    return window(sentence, _densest(hits, weights, SNIPPET_MAX), SNIPPET_MAX,
                  starts if sentence == text else ())


def _densest(hits: list[tuple[int, int]], weights: Sequence[float], width: int) -> int:
    """The hit position from which `width` characters cover the most group weight."""
    def covered(start: int) -> float:
        inside = {group for position, group in hits if start <= position < start + width * 0.8}
        return sum(weights[g] for g in inside)

    return max(sorted({p for p, _ in hits}), key=lambda p: (covered(p), -p))


def window(text: str, focus: int, limit: int, starts: Sequence[int] = ()) -> str:
    """About `limit` characters of `text` around `focus`, from a space before it, else
    where a word begins (`starts`, see `cut`), past a word that links it to what came
    before, at a clause (see `_clause_start`), and cut as `cut` does."""
    if len(text) <= limit:
        return text
    start = max(0, focus - limit // 3)
    if start > 0:
        space = text.find(" ", start, focus)
        if space >= 0:
            start = space + 1
        else:  # where a word begins, else at the question's word itself
            at = bisect_left(starts, start)
            start = starts[at] if at < len(starts) and starts[at] <= focus else focus
        start = _past_link(text, start, focus, starts)
        start = _clause_start(text, start, focus, limit, starts)
    rest = starts[bisect_right(starts, start):]
    piece = cut(text[start:], limit - (len(ELLIPSIS) if start else 0),
                [at - start for at in rest])
    return (ELLIPSIS if start else "") + piece
