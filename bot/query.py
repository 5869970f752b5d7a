"""A question, understood: language, date limit, concepts and words.

`QueryParser.parse` turns what a person typed into `Query.groups`: each
group is one thing the answer should contain (a lexicon concept in all its
Thai and English forms, or a plain word), written as FTS5 alternatives.
Words the index does not know are corrected against the lexicon and the
index vocabulary (typos, missing tone marks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from bot.dates import DateRange, find_date_range
from bot.lexicon import Concept, Lexicon, longest_mentions
from bot.romanize import Romanizer, sound_key
from bot.thai import (
    RE_THAI_RUN,
    WORD_SEP,
    Segmenter,
    detect_language,
    fts_terms,
    is_thai,
    normalize_text,
    strip_tone_marks,
)

# Longer questions are cut: nobody types 300 characters to search.
MAX_QUERY_CHARS = 300
MAX_GROUPS = 12
# rapidfuzz scores (0-100) a misspelt word must reach to be corrected.
FUZZY_LEXICON_CUTOFF = 84
FUZZY_VOCABULARY_CUTOFF = 80
# A corrected word counts a little less than one typed right.
CORRECTION_WEIGHT = 0.8
# How close (rapidfuzz, on sound keys) a name typed in one script must be to one
# romanised from the other; and how many releases a Latin word may appear in
# and still be treated as a possible name.
NAME_CUTOFF = 80
NAME_MAX_DOCS = 3
# Thai typos cut a word into pieces; look at up to this many pieces at once.
_MAX_WINDOW = 4
# Longest piece a transliterated name is cut into (ดาลัด -> ดา + ลัด).
_SYLLABLE = 3


def fts_phrase(text: str) -> str:
    """`text` as an FTS5 string: the only way user text reaches MATCH."""
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class Group:
    """One thing the answer should contain, with every way of writing it."""

    label: str
    alternatives: tuple[str, ...]
    needles: tuple[str, ...]
    concept: Concept | None = None
    weight: float = 1.0

    @property
    def expression(self) -> str:
        return "(" + " OR ".join(self.alternatives) + ")"


@dataclass
class Query:
    """What `QueryParser` understood of a question."""

    text: str
    lang: str
    date_range: DateRange | None
    groups: list[Group] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    stopwords_only: bool = False
    required: str = ""

    @property
    def expression(self) -> str:
        return " OR ".join(group.expression for group in self.groups)

    @property
    def concepts(self) -> list[Concept]:
        return [g.concept for g in self.groups if g.concept is not None]

    @property
    def needles(self) -> list[str]:
        return list(dict.fromkeys(n for group in self.groups for n in group.needles))


class Vocabulary:
    """The index's words with their document counts, and the romanised Thai names
    found in releases, ready for fuzzy lookup."""

    def __init__(self, counts: dict[str, int], names: dict[str, str] | None = None) -> None:
        self.counts = counts
        self.names = names or {}

    @cached_property
    def _name_keys(self) -> tuple[list[str], list[str]]:
        thai = list(self.names)
        return [sound_key(self.names[t]) for t in thai], thai

    @cached_property
    def _latin_keys(self) -> tuple[list[str], list[str]]:
        return [sound_key(t) for t in self.latin], self.latin

    def thai_names_sounding_like(self, word: str) -> list[str]:
        """Thai names whose romanisation sounds like the Latin `word` ("Anukul")."""
        keys, thai = self._name_keys
        found = process.extract(sound_key(word), keys, scorer=fuzz.ratio, limit=3,
                                score_cutoff=NAME_CUTOFF)
        return [thai[index] for _, _, index in found]

    def latin_words_sounding_like(self, latin: str) -> list[str]:
        """Indexed Latin words that sound like a romanised Thai word ("ดาลัด" -> dalat)."""
        keys, words = self._latin_keys
        found = process.extract(sound_key(latin), keys, scorer=fuzz.ratio, limit=2,
                                score_cutoff=NAME_CUTOFF)
        return [words[index] for _, _, index in found]

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    @cached_property
    def thai(self) -> list[str]:
        return [t for t in self.counts if is_thai(t) and len(t) > 2]

    @cached_property
    def thai_bare(self) -> list[str]:
        return [strip_tone_marks(t) for t in self.thai]

    @cached_property
    def latin(self) -> list[str]:
        return [t for t in self.counts if not is_thai(t) and len(t) > 3 and not t.isdigit()]

    def nearest(self, word: str) -> str | None:
        """The indexed word closest to `word` (tone marks ignored in Thai), if close enough."""
        thai = is_thai(word)
        if len(word) < (3 if thai else 4):
            return None
        if thai:
            found = process.extract(strip_tone_marks(word), self.thai_bare, scorer=fuzz.ratio,
                                    limit=5, score_cutoff=FUZZY_VOCABULARY_CUTOFF)
            hits = [(self.thai[index], score) for _, score, index in found]
        else:
            found = process.extract(word, self.latin, scorer=fuzz.ratio, limit=5,
                                    score_cutoff=FUZZY_VOCABULARY_CUTOFF)
            hits = [(term, score) for term, score, _ in found]
        if not hits:
            return None
        # Among close spellings, prefer the one more releases use.
        return max(hits, key=lambda hit: (round(hit[1] / 5), self.counts[hit[0]]))[0]


class QueryParser:
    """Understands questions with the lexicon, the segmenter and the index vocabulary."""

    def __init__(
        self, lexicon: Lexicon, segmenter: Segmenter,
        vocabulary: Callable[[], Vocabulary], default_lang: str = "th",
    ) -> None:
        self.lexicon = lexicon
        self.segmenter = segmenter
        self.vocabulary = vocabulary
        self.default_lang = default_lang
        self.romanizer = Romanizer()
        self._phrases: dict[str, str] = {}
        variants: dict[str, Concept] = {}
        for concept in lexicon.concepts:
            for variant in concept.variants:
                variants.setdefault(variant.lower(), concept)
        self._variant_concepts = variants
        self._thai_variants = [v for v in variants if is_thai(v)]
        self._thai_variants_bare = [strip_tone_marks(v) for v in self._thai_variants]
        self._latin_variants = [v for v in variants if not is_thai(v)]

    def parse(self, raw: str) -> Query:
        text = normalize_text(raw)[:MAX_QUERY_CHARS]
        query = Query(text=text, lang=detect_language(text) or self.default_lang,
                      date_range=find_date_range(text))
        rest = query.date_range.rest if query.date_range else text
        segmented = self.segmenter.index_text(rest)
        plain = segmented.replace(WORD_SEP, "")
        leftover = list(plain)
        for mention in longest_mentions(self.lexicon.finder.find(segmented)):
            self._add(query, self.concept_group(mention.concept))
            leftover[mention.start:mention.end] = " " * (mention.end - mention.start)
        words = list(dict.fromkeys(self._words("".join(leftover))))
        content = [w for w in words if w not in self.lexicon.stopwords]
        query.stopwords_only = bool(words) and not content and not query.groups
        for word in content:
            self._add(query, self._word_group(word, query))
        query.groups = query.groups[:MAX_GROUPS]
        return query

    # --- groups ----------------------------------------------------------------

    def concept_group(self, concept: Concept, weight: float = 1.0) -> Group:
        """A concept as alternatives: its indexed token and every variant as a phrase."""
        alternatives = [f"extra:{fts_phrase(concept.token)}"]
        alternatives += [self._phrase(variant) for variant in concept.variants]
        needles = [variant.lower() for variant in concept.variants]
        return Group(concept.id, tuple(dict.fromkeys(alternatives)),
                     tuple(dict.fromkeys(needles)), concept, weight)

    def _phrase(self, text: str) -> str:
        """A lexicon variant as an FTS5 phrase of its segmented words (cached)."""
        if text not in self._phrases:
            words = [t for w in self.segmenter.words(text) for t in fts_terms(w)]
            self._phrases[text] = fts_phrase(" ".join(words))
        return self._phrases[text]

    def _word_group(self, word: str, query: Query) -> Group:
        names = self._other_script_names(word)
        if self._known(word) or names:
            words = [word, *names]
            return Group(word, tuple(self._phrase(w) for w in words), tuple(words))
        concept = self._nearest_concept(word)
        if concept is not None:
            query.corrections[word] = concept.label(query.lang)
            return self.concept_group(concept, CORRECTION_WEIGHT)
        nearest = self.vocabulary().nearest(word)
        if nearest is not None:
            query.corrections[word] = nearest
            return Group(nearest, (fts_phrase(nearest),), (nearest,), weight=CORRECTION_WEIGHT)
        return Group(word, (fts_phrase(word),), (word,))

    def _other_script_names(self, word: str) -> list[str]:
        """The same name in the other script: อนุกูล for "anukul", dalat for "ดาลัด"."""
        vocabulary = self.vocabulary()
        if is_thai(word):
            # Only a word no release writes in Thai may be written in Latin letters.
            if len(word) < 3 or word in vocabulary:
                return []
            return vocabulary.latin_words_sounding_like(self.romanizer(word))
        if len(word) < 4 or word.isdigit() or vocabulary.counts.get(word, 0) > NAME_MAX_DOCS:
            return []
        return vocabulary.thai_names_sounding_like(word)

    @staticmethod
    def _add(query: Query, group: Group) -> None:
        if all(g.label != group.label for g in query.groups):
            query.groups.append(group)

    # --- words and typos -------------------------------------------------------

    def _words(self, text: str) -> Iterator[str]:
        """Search words of `text`; a misspelt Thai word comes back whole, not in pieces."""
        for chunk in text.split():
            for run_or_other in _split_thai_runs(chunk):
                if is_thai(run_or_other):
                    yield from self._thai_words(run_or_other)
                else:
                    yield from fts_terms(run_or_other)

    def _thai_words(self, run: str) -> list[str]:
        pieces = [w for w in self.segmenter.words(run) if not w.isspace()]
        if all(self._is_thai_word(p) for p in pieces):
            # A foreign name in Thai letters may fall apart into short words
            # (ดาลัด -> ดา + ลัด): kept whole if it is found in Latin letters.
            short = len(pieces) > 1 and all(len(p) <= _SYLLABLE for p in pieces)
            if short and not any(p in self.lexicon.stopwords for p in pieces) \
                    and self._other_script_names(run):
                return [run]
            return pieces
        # Join each stretch of unknown pieces with its neighbours, so that
        # "ค้ามนุด" is looked up as a whole rather than as ค้า + มนุ + ด.
        words: list[str] = []
        index = 0
        while index < len(pieces):
            if self._is_thai_word(pieces[index]):
                words.append(pieces[index])
                index += 1
                continue
            start = max(0, index - 1)
            end = index + 1
            while end < len(pieces) and not self._is_thai_word(pieces[end]):
                end += 1
            end = min(len(pieces), end + 1, start + _MAX_WINDOW)
            if words and start < index:
                words.pop()
            words.append("".join(pieces[start:end]))
            index = end
        return words

    def _is_thai_word(self, word: str) -> bool:
        return len(word) > 1 and word in self.segmenter.dictionary

    def _known(self, word: str) -> bool:
        vocabulary = self.vocabulary()
        if word.isdigit() or word in vocabulary:
            return True
        if is_thai(word):
            return False
        # English index terms are stemmed: "victims" is stored as "victim".
        return any(word[:n] in vocabulary for n in range(len(word) - 1, 3, -1))

    def _nearest_concept(self, word: str) -> Concept | None:
        if is_thai(word):
            found = process.extractOne(
                strip_tone_marks(word), self._thai_variants_bare, scorer=fuzz.ratio,
                score_cutoff=FUZZY_LEXICON_CUTOFF,
            )
            return self._variant_concepts[self._thai_variants[found[2]]] if found else None
        if len(word) < 4:
            return None
        found = process.extractOne(word, self._latin_variants, scorer=fuzz.ratio,
                                   score_cutoff=FUZZY_LEXICON_CUTOFF)
        return self._variant_concepts[found[0]] if found else None


def _split_thai_runs(chunk: str) -> Iterator[str]:
    """"IOMประจำ" -> "IOM", "ประจำ": Thai runs apart from the rest."""
    cursor = 0
    for match in RE_THAI_RUN.finditer(chunk):
        if match.start() > cursor:
            yield chunk[cursor:match.start()]
        yield match.group()
        cursor = match.end()
    if cursor < len(chunk):
        yield chunk[cursor:]
