"""Short texts shown under a release's title.

`summarize` is made once at ingest: the opening of the release (news puts
the essentials first), in its own language, cut at a sentence or phrase
boundary to at most SUMMARY_MAX characters. `snippet` is made per question:
the passage around the sentence that best matches the question's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    """The opening of the release, up to SUMMARY_MAX characters."""
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
