"""Follow-ups: a short message that changes only the year, the country, the place or
the agency of the previous question ("แล้วปี 2567 ล่ะ", "and Cambodia?", "what
about IOM?") is asked as that question with the change.

A follow-up says it is one (MARKS: "แล้ว...ล่ะ", "and", "what about"...), is short,
and names nothing but what may change (CHANGEABLE kinds of concepts, a date). The
previous question loses what the follow-up replaces (its date, or its concepts
of the same kinds) and takes the follow-up's words. Which question came last is
the conversation's to keep (bot/conversation.py: in memory, for minutes).
"""

from __future__ import annotations

from bot.dates import find_date_range
from bot.lexicon import Lexicon, longest_mentions
from bot.matcher import TermMatcher
from bot.message import read_message
from bot.query import QueryParser, blank
from bot.thai import Segmenter, unsegment

# Words that mark a message as a follow-up of the one before.
MARKS = ("แล้ว", "ล่ะ", "หล่ะ", "and", "what about", "how about", "also")
# What a follow-up may change.
CHANGEABLE = frozenset({"country", "province", "place", "partner", "org"})
# Longer messages are questions of their own.
MAX_CHARS = 40


class FollowUps:
    """Reads a message as a follow-up of a previous question."""

    def __init__(self, parser: QueryParser, lexicon: Lexicon, segmenter: Segmenter) -> None:
        self.parser = parser
        self.lexicon = lexicon
        self.segmenter = segmenter
        self._marks = TermMatcher((mark, mark) for mark in MARKS)

    def merge(self, previous: str, text: str) -> str | None:
        """The previous question with the change `text` asks for, or None when `text`
        is not a follow-up."""
        marks = self._marks.find(text)
        if not marks or len(text) > MAX_CHARS:
            return None
        bare = blank(text, [(m.start, m.end) for m in marks]).replace("?", " ").strip()
        new = self.parser.parse(read_message(bare))
        kinds = {g.concept.kind for g in new.groups if g.concept is not None}
        if any(g.concept is None for g in new.groups) or not kinds <= CHANGEABLE:
            return None
        if not kinds and new.date_range is None:
            return None
        base = previous
        if new.date_range is not None:
            earlier = find_date_range(previous)
            base = earlier.rest if earlier else previous
        if kinds:
            base = self._without_kinds(base, kinds)
        return " ".join(f"{base} {bare}".split())

    def _without_kinds(self, text: str, kinds: set[str]) -> str:
        """`text` without its mentions of concepts of `kinds`."""
        segmented = self.segmenter.index_text(text)
        spans = [(m.start, m.end) for m in longest_mentions(self.lexicon.finder.find(segmented))
                 if m.value.kind in kinds]
        return blank(unsegment(segmented), spans)
