"""The bilingual lexicon and the topic rule, as read from `data/` (bot/data.py).

A `Concept` is one thing people name in either language (trafficking /
ค้ามนุษย์, Vietnam / เวียดนาม, IOM / ไอโอเอ็ม). `Lexicon.finder` finds every
concept named in a segmented text, with the word boundaries of
bot/matcher.py: พม. does not fire inside พม่า, nor ไทย inside ไทยรัฐ.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Annotated

import msgspec

from bot.matcher import Found, TermMatcher
from bot.partners import Partner
from bot.thai import has_thai, normalize_text, strip_tone_marks

_RE_ID = re.compile(r"^[a-z0-9_]+$")
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
    """One named thing with its Thai and English variants (first = display form),
    and its forms in the other languages people write in (`regional`: pairs of a
    language and its forms, from data/lexicon_regional.tsv)."""

    id: str
    kind: str
    th: tuple[str, ...]
    en: tuple[str, ...]
    regional: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def label(self, lang: str) -> str:
        """The display form in `lang`: Thai or English, else the language's own."""
        if lang == "th":
            return (self.th or self.en)[0]
        forms = dict(self.regional).get(lang, ())
        return (forms or self.en or self.th)[0]

    @property
    def indexed(self) -> tuple[str, ...]:
        """The forms releases are written in (Thai and English): what search looks for."""
        return self.th + self.en

    @property
    def variants(self) -> tuple[str, ...]:
        """Every form, in every language: what a question may name it by."""
        return self.indexed + tuple(form for _, forms in self.regional for form in forms)

    @property
    def token(self) -> str:
        """The word indexed for this concept in a release's `extra` column."""
        return "zc" + self.id.replace("_", "")


def _split_variants(cell: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in cell.split("|"):
        part = normalize_text(part)
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


LEXICON_COLUMNS = ("id", "kind", "th", "en", "note")


def parse_lexicon(text: str) -> list[Concept]:
    """Concepts from the lexicon TSV (id, kind, th, en, note; variants split by '|');
    '#' lines are comments. Raises ValueError naming the line of a bad row."""
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
                if line.strip() and not line.startswith("#")]
    if not numbered or tuple(numbered[0][1].split("\t")) != LEXICON_COLUMNS:
        raise ValueError(f"the first line must be the header {' '.join(LEXICON_COLUMNS)}")
    rows = csv.reader((line for _, line in numbered[1:]), delimiter="\t",
                      quoting=csv.QUOTE_NONE)
    concepts: list[Concept] = []
    for (number, _), row in zip(numbered[1:], rows, strict=True):
        concept_id, kind, th, en = ([*row, "", "", "", ""])[:4]
        if not _RE_ID.match(concept_id) or kind not in KINDS:
            raise ValueError(f"line {number}: bad id {concept_id!r} or kind {kind!r}")
        concept = Concept(concept_id, kind, _split_variants(th), _split_variants(en))
        if not concept.variants:
            raise ValueError(f"line {number}: {concept_id} has no Thai or English form")
        concepts.append(concept)
    if not concepts:
        raise ValueError("no concepts")
    return concepts


def partner_concepts(partners: Iterable[Partner]) -> list[Concept]:
    """Partners as concepts (kind 'partner'), so search and ingest know their names."""
    concepts: list[Concept] = []
    for partner in partners:
        variants = _split_variants("|".join(partner.names))
        th = tuple(v for v in variants if has_thai(v))
        en = tuple(v for v in variants if not has_thai(v))
        concepts.append(Concept(partner.id, "partner", th, en))
    return concepts


REGIONAL_COLUMNS = ("concept", "lang", "forms", "reviewed")


@dataclass(frozen=True)
class RegionalForms:
    """data/lexicon_regional.tsv: concept id -> ((lang, forms), ...), and the
    (concept, lang) pairs a native speaker has not reviewed yet."""

    forms: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    unreviewed: frozenset[tuple[str, str]]


def parse_regional_lexicon(text: str, langs: Iterable[str]) -> RegionalForms:
    """The forms of concepts in other languages than Thai and English; one row per
    concept and language, variants split by '|', reviewed "yes" or "no"."""
    allowed = set(langs)
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
                if line.strip() and not line.startswith("#")]
    if not numbered or tuple(numbered[0][1].split("\t")) != REGIONAL_COLUMNS:
        raise ValueError(f"the first line must be the header {' '.join(REGIONAL_COLUMNS)}")
    forms: dict[str, dict[str, tuple[str, ...]]] = {}
    unreviewed: set[tuple[str, str]] = set()
    for number, line in numbered[1:]:
        concept_id, lang, cell, reviewed = ([*line.split("\t"), "", "", ""])[:4]
        variants = _split_variants(cell)
        if lang not in allowed or not variants or reviewed not in ("yes", "no"):
            raise ValueError(f"line {number}: expected a language of {sorted(allowed)}, "
                             "forms, and reviewed yes or no")
        if lang in forms.setdefault(concept_id, {}):
            raise ValueError(f"line {number}: {concept_id} {lang} is given twice")
        forms[concept_id][lang] = variants
        if reviewed == "no":
            unreviewed.add((concept_id, lang))
    return RegionalForms({c: tuple(by_lang.items()) for c, by_lang in forms.items()},
                         frozenset(unreviewed))


Mention = Found[Concept]


def longest_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions, preferring the longest, in text order."""
    chosen: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= s or mention.start >= e for s, e in taken):
            chosen.append(mention)
            taken.append((mention.start, mention.end))
    return sorted(chosen, key=lambda m: m.start)


class TopicGroupSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One [[group]] of data/topics.toml."""

    name: str
    weight: int
    terms: Annotated[list[str], msgspec.Meta(min_length=1)]


class TopicRuleSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """data/topics.toml."""

    threshold: Annotated[int, msgspec.Meta(ge=1)]
    group: Annotated[list[TopicGroupSpec], msgspec.Meta(min_length=1)]


class TopicRule:
    """Weighted terms and a threshold that decide if a release is on topic: the
    weights of the distinct terms a text contains must add up to the threshold."""

    def __init__(self, spec: TopicRuleSpec) -> None:
        self.threshold = spec.threshold
        self._weights: dict[str, int] = {}
        for group in spec.group:
            for term in group.terms:
                key = normalize_text(term).lower()
                self._weights[key] = max(self._weights.get(key, 0), group.weight)
        self._matcher = TermMatcher((term, term) for term in self._weights)

    def score(self, text: str) -> int:
        """The weight of the rule's terms in `text` (zero-width characters ignored)."""
        clean = text.replace("\u200b", "").replace("\ufeff", "")
        return sum(self._weights[term] for term in self._matcher.values(clean))

    def accepts(self, text: str) -> bool:
        return self.score(text) >= self.threshold if text else False

    def mentions(self, text: str) -> bool:
        """Whether a question names any of the rule's terms, Thai ones also typed
        without their tone marks or mai taikhu ("คามนุษย" for ค้ามนุษย์, "เดก" for
        เด็ก)."""
        return bool(self._matcher.values(text) or self._bare.values(_without_marks(text)))

    @cached_property
    def _bare(self) -> TermMatcher[str]:
        return TermMatcher((_without_marks(term), term) for term in self._weights if has_thai(term))


def _without_marks(text: str) -> str:
    return strip_tone_marks(text).replace("\u0e47", "")


@dataclass(frozen=True)
class Lexicon:
    """The concepts (data/lexicon.tsv and the partners) and the word lists that
    shape how text is understood."""

    concepts: tuple[Concept, ...]
    thai_terms: tuple[str, ...]
    stopwords: frozenset[str]
    # Abbreviations partners go by ("IOM"), for short describing lines.
    short_names: dict[str, str]

    @classmethod
    def of(cls, concepts: Iterable[Concept], partners: Iterable[Partner],
           thai_terms: Iterable[str], stopwords: Iterable[str],
           regional: RegionalForms) -> Lexicon:
        partners = list(partners)
        every = [*concepts, *partner_concepts(partners)]
        return cls(
            concepts=tuple(replace(c, regional=regional.forms.get(c.id, ())) for c in every),
            thai_terms=tuple(thai_terms),
            stopwords=frozenset(stopwords),
            short_names={p.id: p.short for p in partners if p.short},
        )

    @cached_property
    def by_id(self) -> dict[str, Concept]:
        return {concept.id: concept for concept in self.concepts}

    @cached_property
    def finder(self) -> TermMatcher[Concept]:
        """Finds the concepts a segmented text names (see bot/matcher.py)."""
        return TermMatcher(((variant, concept) for concept in self.concepts
                            for variant in concept.variants), segmented=True)

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

