"""One way to find terms in text, with one idea of where a word begins and ends.

Every term finder of the bot is a `TermMatcher`: the lexicon's concepts in
releases and questions, the topic rule at ingest, the distress and hotline
signals, and the question's words in titles, leads and snippets. Terms are
found in one pass (Aho-Corasick), case-insensitively, and kept only where
both ends fall on a word boundary:

- at the start or end of the text, or where the script changes (Thai,
  letters, digits, anything else): "IOM" in "IOMประจำ", "1300" in "โทร1300";
- Latin letters and digits run on: "iom" is not in "biomass", "1300" not in
  "21300";
- Thai, Lao, Khmer, Burmese and Chinese are written without spaces between
  words. In *segmented* text (Thai words joined by WORD_SEP, as ingest and
  the query parser write it) a Thai term must end where the segmenter ended
  a word: ไทย is not in ไทยรัฐ. Elsewhere a term in these scripts may start
  and end anywhere but before a vowel sign or tone mark that belongs to the
  letter before it: พม. is not in พม่า.

With `prefixes`, a term may end inside a word ("victim" in "victims", ศูนย
typed without its mark in ศูนย์): for scoring and showing matches, never for
deciding what a text is about.

>>> sorted(TermMatcher([("iom", "iom"), ("ไทย", "th")]).values("IOM ประเทศไทย biomass"))
['iom', 'th']
>>> TermMatcher([("ไทย", "th")], segmented=True).values("ไทยรัฐ")
set()
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Hashable, Iterable
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from bot.thai import WORD_SEP

V = TypeVar("V", bound=Hashable)

# Scripts written without spaces between words, by their letters' code points
# (Thai and Lao vowel signs and tone marks, Burmese and Khmer signs included).
_UNSPACED = (
    ("thai", "\u0e01", "\u0e4e"),
    ("lao", "\u0e81", "\u0edf"),
    ("myanmar", "\u1000", "\u109f"),
    ("khmer", "\u1780", "\u17ff"),
    ("han", "\u3400", "\u9fff"),
)
_SCRIPTS_WITHOUT_SPACES = frozenset(script for script, _, _ in _UNSPACED)


class Found(NamedTuple, Generic[V]):
    """A term found: its value and where, [start, end) in the text without WORD_SEP."""

    value: V
    start: int
    end: int


class TermMatcher(Generic[V]):
    """Terms (each with a value) to find in texts; see the module docstring."""

    def __init__(self, terms: Iterable[tuple[str, V]], *, segmented: bool = False,
                 prefixes: bool = False) -> None:
        self.segmented = segmented
        self.prefixes = prefixes
        keys: dict[str, list[V]] = {}
        for term, value in terms:
            key = term.lower()
            if key and value not in keys.setdefault(key, []):
                keys[key].append(value)
        self._automaton = ahocorasick.Automaton()
        for key, values in keys.items():
            self._automaton.add_word(key, (len(key), tuple(values)))
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Found[V]]:
        """Every term in `text`, overlapping ones included, in order of their ends."""
        if self._empty or not text:
            return []
        plain, breaks = _without_breaks(text) if self.segmented else (text, frozenset[int]())
        folded = plain.lower()
        if len(folded) != len(plain):  # a few letters change length when lower-cased
            folded = plain
        found: list[Found[V]] = []
        segmented, check_end = self.segmented, not self.prefixes
        for last, (length, values) in self._automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            if start not in breaks and not _is_boundary(folded, start, segmented):
                continue
            if check_end and end not in breaks and not _is_boundary(folded, end, segmented):
                continue
            for value in values:
                found.append(Found(value, start, end))
        return found

    def values(self, text: str) -> set[V]:
        """The values of the terms in `text`."""
        return {found.value for found in self.find(text)}


@functools.lru_cache(maxsize=1 << 16)
def _kind(char: str) -> str:
    """A script without spaces, letter, digit or other: a word boundary lies
    between two kinds."""
    for script, first, last in _UNSPACED:
        if first <= char <= last:
            return script
    if char.isdigit():
        return "digit"
    if char.isalpha() or unicodedata.category(char).startswith("M"):
        return "letter"
    return "other"


def _is_boundary(text: str, index: int, segmented: bool) -> bool:
    """May a word begin or end at `index` of `text` (see the module docstring)?"""
    if index <= 0 or index >= len(text):
        return True
    before, after = _kind(text[index - 1]), _kind(text[index])
    if before != after or before == "other":
        return True
    if before in _SCRIPTS_WITHOUT_SPACES and not (segmented and before == "thai"):
        # A vowel sign or tone mark belongs to the letter before it: พม่า is not พม + ่า.
        return not unicodedata.category(text[index]).startswith("M")
    return False


def _without_breaks(text: str) -> tuple[str, frozenset[int]]:
    """Text without WORD_SEP, and the offsets in it where a separator stood."""
    if WORD_SEP not in text:
        return text, frozenset()
    parts = text.split(WORD_SEP)
    breaks: set[int] = set()
    offset = 0
    for part in parts[:-1]:
        offset += len(part)
        breaks.add(offset)
    return "".join(parts), frozenset(breaks)
