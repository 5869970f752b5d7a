"""Passages cut from a release at answer time: the snippet that best matches a
question, a window around a place in a text, and the cut at a space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.matcher import TermMatcher
from bot.news_lead import preamble_end

SNIPPET_MAX = 240
ELLIPSIS = "…"

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


def snippet(paragraphs: Sequence[str], needles: TermMatcher[int], weights: Sequence[float],
            lang: str) -> str:
    """The passage that best matches the question: the sentence holding the most
    weight of its groups (`needles` finds each group's forms, valued by the
    group's place in `weights`), cut around the stretch where most of them appear.
    A word found in the date, time and venue a sentence opens with does not count:
    "วันนี้ (...) ณ ทำเนียบรัฐบาลเวียดนาม" tells where, not what happened in Vietnam.

    Returns "" when no paragraph names any group.
    """
    best: tuple[float, int, str, list[tuple[int, int]]] | None = None
    for index, paragraph in enumerate(paragraphs):
        for sentence in sentences(paragraph, lang):
            opening = preamble_end(sentence)
            hits = [(found.start, found.value) for found in needles.find(sentence)
                    if found.start >= opening]
            score = sum(weights[group] for group in {group for _, group in hits})
            if score > 0 and (best is None or (score, -index) > (best[0], best[1])):
                best = (score, -index, sentence, hits)
    if best is None:
        return ""
    _, _, sentence, hits = best
    return window(sentence, _densest(hits, weights, SNIPPET_MAX), SNIPPET_MAX)


def _densest(hits: list[tuple[int, int]], weights: Sequence[float], width: int) -> int:
    """The hit position from which `width` characters cover the most group weight."""
    def covered(start: int) -> float:
        inside = {group for position, group in hits if start <= position < start + width * 0.8}
        return sum(weights[g] for g in inside)

    return max(sorted({p for p, _ in hits}), key=lambda p: (covered(p), -p))


def window(text: str, focus: int, limit: int) -> str:
    """About `limit` characters of `text` around `focus`, cut at spaces."""
    if len(text) <= limit:
        return text
    start = max(0, focus - limit // 3)
    if start > 0:
        space = text.find(" ", start, focus)
        start = space + 1 if space >= 0 else start
    piece = cut(text[start:], limit - (len(ELLIPSIS) if start else 0))
    return (ELLIPSIS if start else "") + piece
