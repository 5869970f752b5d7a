"""The bilingual lexicon and the topic rule, both read from `data/`.

A `Concept` is one thing people name in either language (trafficking /
ค้ามนุษย์, Vietnam / เวียดนาม, IOM / ไอโอเอ็ม). `ConceptFinder` finds every
concept named in a text, in one pass (Aho-Corasick), accepting a Thai
match only where the word segmenter puts word boundaries, so พม. does not
fire inside พม่า and ไทย does not fire inside ไทยรัฐ.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import ahocorasick

from bot.partners import Partner, load_partners
from bot.thai import WORD_SEP, is_thai, normalize_text

_RE_ID = re.compile(r"^[a-z0-9_]+$")
_RE_WORD_CHAR = re.compile(r"[^\W_]|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
KINDS = frozenset(
    {"topic", "country", "province", "place", "org", "role", "person", "general", "time",
     "partner"}
)
# How many places, organisations and topics a describing line names.
_LINE_ITEMS = 3
# Kinds whose Thai names are proper nouns the segmenter should keep whole. Only
# short ones: a long name kept whole (กองต่อต้านการค้ามนุษย์) would hide the
# words inside it (ค้ามนุษย์) from search; long names are matched as phrases.
_NAME_KINDS = frozenset({"country", "province", "place", "person"})
_LONGEST_SEGMENTER_WORD = 12


@dataclass(frozen=True)
class Concept:
    """One named thing with its Thai and English variants (first = display form)."""

    id: str
    kind: str
    th: tuple[str, ...]
    en: tuple[str, ...]

    @property
    def label_en(self) -> str:
        return self.en[0] if self.en else self.th[0]

    @property
    def label_th(self) -> str:
        return self.th[0] if self.th else self.en[0]

    def label(self, lang: str) -> str:
        return self.label_th if lang == "th" else self.label_en

    @property
    def variants(self) -> tuple[str, ...]:
        return self.th + self.en

    @property
    def token(self) -> str:
        """The word indexed for this concept in a release's `extra` column."""
        return "zc" + self.id.replace("_", "")


@dataclass(frozen=True)
class Mention:
    """Where a text names a concept: [start, end) in the text searched."""

    concept: Concept
    start: int
    end: int


def _split_variants(cell: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in cell.split("|"):
        part = normalize_text(part)
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def read_lexicon_tsv(path: Path) -> list[Concept]:
    """Concepts from a lexicon TSV (id, kind, th, en, note); '#' lines are comments."""
    concepts: list[Concept] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            concept_id = (row.get("id") or "").strip()
            kind = (row.get("kind") or "").strip()
            if not _RE_ID.match(concept_id) or kind not in KINDS:
                raise ValueError(f"{path.name}: bad id or kind in row {row!r}")
            th = _split_variants(row.get("th") or "")
            en = _split_variants(row.get("en") or "")
            if th or en:
                concepts.append(Concept(concept_id, kind, th, en))
    return concepts


def partner_concepts(partners: Iterable[Partner]) -> list[Concept]:
    """Partners as concepts (kind 'partner'), so search and ingest know their names."""
    concepts: list[Concept] = []
    for partner in partners:
        variants = _split_variants("|".join(partner.names))
        th = tuple(v for v in variants if is_thai(v))
        en = tuple(v for v in variants if not is_thai(v))
        concepts.append(Concept(partner.id, "partner", th, en))
    return concepts


class ConceptFinder:
    """Finds the concepts a text names, with word-boundary checks."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, list[tuple[Concept, int]]] = {}
        for concept in concepts:
            for variant in concept.variants:
                key = variant.lower()
                keys.setdefault(key, []).append((concept, len(key)))
        for key, value in keys.items():
            self._automaton.add_word(key, value)
        self._empty = not keys
        if keys:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Mentions in `text`, which may carry WORD_SEP between Thai words.

        Offsets refer to the text with the separators removed. Overlapping
        mentions are all kept; `longest_mentions` picks a tiling.
        """
        plain, breaks = _plain_and_breaks(text)
        if self._empty or not plain:
            return []
        lowered = plain.lower()
        if len(lowered) != len(plain):  # a few letters change length when lowered
            lowered = plain
        mentions: list[Mention] = []
        for end_index, matches in self._automaton.iter(lowered):
            end = end_index + 1
            for concept, length in matches:
                start = end - length
                if _is_boundary(plain, start, breaks) and _is_boundary(plain, end, breaks):
                    mentions.append(Mention(concept, start, end))
        return mentions


def longest_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions, preferring the longest, in text order."""
    chosen: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= s or mention.start >= e for s, e in taken):
            chosen.append(mention)
            taken.append((mention.start, mention.end))
    return sorted(chosen, key=lambda m: m.start)


def _plain_and_breaks(text: str) -> tuple[str, frozenset[int]]:
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


def _char_class(char: str) -> str:
    if not _RE_WORD_CHAR.match(char):
        return "space"
    if is_thai(char):
        return "thai"
    return "digit" if char.isdigit() else "latin"


def _is_boundary(text: str, index: int, breaks: frozenset[int]) -> bool:
    """True if a word may start or end at `index` of `text`."""
    if index <= 0 or index >= len(text) or index in breaks:
        return True
    before, after = _char_class(text[index - 1]), _char_class(text[index])
    return before != after or before == "space"


class TopicRule:
    """Weighted terms and a threshold that decide if a release is on topic.

    All terms are found in one pass (Aho-Corasick) over the lower-cased text;
    a term that starts or ends with a Latin letter or digit must stand as a
    whole word there ("iom" not in "biomass", "1300" not in "21300").
    """

    def __init__(self, threshold: int, weighted_terms: dict[str, int]) -> None:
        self.threshold = threshold
        self.weighted_terms = weighted_terms
        self._automaton = ahocorasick.Automaton()
        for term, weight in weighted_terms.items():
            self._automaton.add_word(term, (term, weight, bool(_RE_LATIN_EDGE.search(term))))
        self._automaton.make_automaton()

    @classmethod
    def from_toml(cls, path: Path) -> TopicRule:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        terms: dict[str, int] = {}
        for group in data["group"]:
            for term in group["terms"]:
                key = normalize_text(term).lower()
                terms[key] = max(terms.get(key, 0), int(group["weight"]))
        return cls(int(data["threshold"]), terms)

    def matched_terms(self, text: str) -> dict[str, int]:
        """The rule's terms found in `text` (any case, zero-width characters removed)."""
        lowered = text.replace("\u200b", "").replace("\ufeff", "").lower()
        found: dict[str, int] = {}
        for end, (term, weight, whole_word) in self._automaton.iter(lowered):
            if term in found:
                continue
            start = end - len(term) + 1
            if whole_word and not _stands_alone(lowered, start, end + 1):
                continue
            found[term] = weight
        return found

    def score(self, text: str) -> int:
        return sum(self.matched_terms(text).values())

    def accepts(self, text: str) -> bool:
        return self.score(text) >= self.threshold if text else False


_RE_LATIN_EDGE = re.compile(r"^[a-z0-9]|[a-z0-9]$")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """No Latin letter or digit touches text[start:end] on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


@dataclass
class Lexicon:
    """Everything read from data/ that shapes how text is understood."""

    concepts: list[Concept]
    topic_rule: TopicRule
    thai_terms: tuple[str, ...]
    stopwords: frozenset[str]
    # Abbreviations partners go by ("IOM"), for short describing lines.
    short_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Lexicon:
        concepts: list[Concept] = []
        if (data_dir / "lexicon.tsv").exists():
            concepts += read_lexicon_tsv(data_dir / "lexicon.tsv")
        partners = load_partners(data_dir / "partners.toml")
        concepts += partner_concepts(partners)
        return cls(
            concepts=concepts,
            topic_rule=TopicRule.from_toml(data_dir / "topics.toml"),
            thai_terms=tuple(_read_word_list(data_dir / "thai_terms.txt")),
            stopwords=frozenset(_read_word_list(data_dir / "stopwords.txt")),
            short_names={p.id: p.short for p in partners if p.short},
        )

    @cached_property
    def by_id(self) -> dict[str, Concept]:
        return {concept.id: concept for concept in self.concepts}

    @cached_property
    def finder(self) -> ConceptFinder:
        return ConceptFinder(self.concepts)

    def describe(self, concept_ids: Iterable[str], lang: str = "en") -> str:
        """A line saying where, who and what, from the concepts recognised in a
        release (most mentioned first): "Vietnam, Dalat · IOM · human trafficking".

        There is no machine translation offline; this is how an English reader
        learns what a Thai release is about before opening it.
        """
        places: list[str] = []
        partners: list[str] = []
        topics: list[str] = []
        for concept_id in concept_ids:
            concept = self.by_id.get(concept_id)
            if concept is None or concept.id == "thailand":
                continue
            label = concept.label(lang)
            if concept.kind in ("country", "province", "place") and len(places) < _LINE_ITEMS:
                places.append(label)
            elif concept.kind in ("partner", "org") and len(partners) < _LINE_ITEMS:
                partners.append(self.short_names.get(concept.id, label))
            elif concept.kind == "topic" and len(topics) < _LINE_ITEMS - 1:
                topics.append(label)
        return " · ".join(", ".join(part) for part in (places, partners, topics) if part)

    def segmenter_words(self) -> list[str]:
        """Thai words to keep whole: the curated list and names from the lexicon."""
        words = list(self.thai_terms)
        for concept in self.concepts:
            if concept.kind not in _NAME_KINDS:
                continue
            for variant in concept.th:
                # A person's name is two words (given name, family name).
                parts = variant.split() if concept.kind == "person" else [variant]
                words += [p for p in parts if " " not in p and len(p) <= _LONGEST_SEGMENTER_WORD]
        return words


def _read_word_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [normalize_text(line) for line in lines if line.strip() and not line.startswith("#")]
