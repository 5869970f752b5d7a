"""A question, understood: language, date limit, concepts and words.

`QueryParser.parse` turns what a person typed into `Query.groups`: each
group is one thing the answer should contain (a lexicon concept in all its
Thai and English forms, or a plain word), written as FTS5 alternatives.
Typos are corrected first (bot/spelling.py); a name typed in one script
also searches its spelling in the other (bot/romanize.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from bot.dates import DateRange, find_date_range
from bot.lexicon import Concept, Lexicon, longest_mentions
from bot.matcher import TermMatcher
from bot.message import Message
from bot.romanize import Romanizer, sound_key
from bot.spelling import Speller, Spelling, english_words, stem
from bot.thai import (
    WORD_SEP,
    Segmenter,
    fts_terms,
    has_thai,
    is_latin_word,
    script_runs,
)

# Longer questions are cut: nobody types 300 characters to search.
MAX_QUERY_CHARS = 300
# The language of a question with no letters ("2567"): most releases are Thai.
QUERY_LANG = "th"
# The languages releases are written in.
INDEX_LANGS = ("th", "en")
MAX_GROUPS = 12
# How close (rapidfuzz, on sound keys) a name typed in one script must be to one
# romanised from the other (exactly, for a word of NAME_MIN_CHARS); how long a
# Latin word must be ("Banh", "Xing") and in how many releases it may appear to be
# taken for a possible name.
NAME_CUTOFF = 85
NAME_MIN_CHARS = 4
NAME_MAX_DOCS = 3
# Longest piece a transliterated name is cut into (ดาลัด -> ดา + ลัด).
_SYLLABLE = 3
# A name romanised as several words ("Phaya Ngam Mueang", "Mitr Phol") that a
# release writes as one Thai name (พญางำเมือง, มิตรผล): up to this many Latin
# words in a row, joined, are looked up among the romanised names.
_NAME_WORDS = 3
# Joining words is a guess, so the joined name must sound closer ("Tajit TIP" is
# not ไตรทิพย์, 86); an acronym ("TIP", "GLP") is never a syllable of one.
JOINED_NAME_CUTOFF = 90
_RE_LATIN_WORDS = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)+")
# How many of a group's alternatives bm25 ranking looks at.
_RANKED_ALTERNATIVES = 4
# Words that ask for the newest news on a subject ("who is" asks who is now).
RECENCY_TERMS = ("ล่าสุด", "ตอนนี้", "ปัจจุบัน", "ขณะนี้", "คือใคร", "latest", "newest", "current",
                 "currently", "now", "recent", "recently", "who is", "who's",
                 # my, km, lo, vi, zh, id: written by the project, awaiting native review.
                 "နောက်ဆုံး", "ចុងក្រោយ", "ថ្មីៗ", "ລ່າສຸດ", "mới nhất", "最新", "terbaru")
# "Today": on its own ("ข่าววันนี้", "news today") it asks for the newest news, as no
# release may be of today; with other words it is one of them ("ราคาทองวันนี้").
TODAY_TERMS = ("วันนี้", "today",
               # my, km, lo, vi, zh, id: written by the project, awaiting native review.
               "ဒီနေ့", "ថ្ងៃនេះ", "ມື້ນີ້", "hôm nay", "今天", "hari ini")
# "News" beside "today" in a language whose other words are not read ("tin tức hôm nay"):
# still today's news alone. (Thai and English read "ข่าว", "news" as stopwords.)
# my, km, lo, vi, zh, id: written by the project, awaiting native review.
NEWS_TERMS = ("သတင်း", "ព័ត៌មាន", "ຂ່າວ", "tin tức", "tin", "新闻", "berita")
# Words that ask for the releases on a subject in order of time.
TIMELINE_TERMS = ("ลำดับเหตุการณ์", "ไทม์ไลน์", "timeline", "chronology")
# Buddhist era = common era + 543 (2568 = 2025).
BE_OFFSET = 543


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
    # Releases that hold every group marked so come first (see SearchEngine.search).
    first: bool = False

    @property
    def expression(self) -> str:
        """Every way of writing it: which releases contain it."""
        return "(" + " OR ".join(self.alternatives) + ")"

    @property
    def rank_expression(self) -> str:
        """The main ways of writing it, for bm25: a concept's indexed token and its
        first forms carry the signal; the long tail of variants only costs time."""
        return "(" + " OR ".join(self.alternatives[:_RANKED_ALTERNATIVES]) + ")"


@dataclass
class Query:
    """What `QueryParser` understood of a question."""

    text: str
    lang: str
    date_range: DateRange | None
    groups: list[Group] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    stopwords_only: bool = False
    # The question asks for the newest ("ล่าสุด", "latest", "who is"): newest first.
    newest: bool = False
    # The question asks for a timeline ("ลำดับเหตุการณ์", "timeline"): oldest first, by month.
    timeline: bool = False
    # How much each group counts (its rarity in the index), set when ranking.
    weights: list[float] = field(default_factory=list)

    def group_weights(self) -> list[float]:
        """`weights`, or 1 for each group before ranking has set them."""
        return self.weights or [1.0] * len(self.groups)


class Vocabulary:
    """The index's words with their document counts, and the romanised Thai names
    found in releases, ready for fuzzy lookup."""

    def __init__(self, counts: dict[str, int], names: dict[str, str] | None = None) -> None:
        self.counts = counts
        self.names = names or {}

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def warm(self) -> None:
        """Build the lookups now rather than during a question."""
        _ = self._name_keys, self._latin_keys

    @cached_property
    def latin(self) -> list[str]:
        return [t for t in self.counts if is_latin_word(t)]

    @cached_property
    def _name_keys(self) -> tuple[list[str], list[str]]:
        thai = list(self.names)
        return [sound_key(self.names[t]) for t in thai], thai

    @cached_property
    def _latin_keys(self) -> list[str]:
        return [sound_key(t) for t in self.latin]

    def thai_names_sounding_like(self, word: str, cutoff: float = NAME_CUTOFF) -> list[str]:
        """Thai names whose romanisation sounds like the Latin `word` ("Anukul"); a
        short word must sound the same ("Banh" บันห์, not "sold" สด)."""
        keys, thai = self._name_keys
        cutoff = cutoff if len(word) > NAME_MIN_CHARS else 100
        found = process.extract(sound_key(word), keys, scorer=fuzz.ratio, limit=3,
                                score_cutoff=cutoff)
        return [thai[index] for _, _, index in found]

    def latin_words_sounding_like(self, latin: str) -> list[str]:
        """Indexed Latin words that sound like a romanised Thai word ("ดาลัด" -> dalat)."""
        found = process.extract(sound_key(latin), self._latin_keys, scorer=fuzz.ratio,
                                limit=2, score_cutoff=NAME_CUTOFF)
        return [self.latin[index] for _, _, index in found]


class QueryParser:
    """Understands questions with the lexicon, the segmenter and the index vocabulary."""

    def __init__(self, lexicon: Lexicon, segmenter: Segmenter,
                 vocabulary: Callable[[], Vocabulary]) -> None:
        self.lexicon = lexicon
        self.segmenter = segmenter
        self.vocabulary = vocabulary
        self.romanizer = Romanizer()
        self.speller = Speller(lexicon, segmenter, lambda: self.vocabulary().counts,
                               lambda word: bool(self._other_script_names(word)))
        self._phrases: dict[str, str] = {}
        self._recency = TermMatcher((term, term) for term in RECENCY_TERMS)
        self._today = TermMatcher((term, term) for term in TODAY_TERMS)
        self._news = TermMatcher((term, term) for term in NEWS_TERMS)
        self._timeline = TermMatcher((term, term) for term in TIMELINE_TERMS)

    def warm(self) -> None:
        """Load the romanisation model and the speller's views of the vocabulary."""
        self.romanizer("ทดสอบ")
        self.speller.warm()

    def parse(self, message: Message) -> Query:
        """A question in the index's languages is searched for its concepts and its
        words; one in another language for the concepts the lexicon knows in it (its
        other words would only find look-alike Thai or English words)."""
        text = message.text[:MAX_QUERY_CHARS]
        query = Query(text=text, lang=message.lang or QUERY_LANG,
                      date_range=find_date_range(text))
        rest = query.date_range.rest if query.date_range else text
        # "ล่าสุด", "timeline"...: how to list the answer, not what to search for.
        recency, timeline = self._recency.find(rest), self._timeline.find(rest)
        query.newest, query.timeline = bool(recency), bool(timeline)
        rest = blank(rest, [(found.start, found.end) for found in [*recency, *timeline]])
        in_index_language = query.lang in INDEX_LANGS
        if in_index_language:
            names = self._names_in_words(rest)
            for _, group in names:
                self._add(query, group)
            rest = blank(rest, [span for span, _ in names])
        spelling = self.speller.correct(rest) if in_index_language else Spelling(rest)
        query.corrections = spelling.corrections
        segmented = self.segmenter.index_text(spelling.text)
        leftover = list(segmented.replace(WORD_SEP, ""))
        for mention in longest_mentions(self.lexicon.finder.find(segmented)):
            self._add(query, self.concept_group(mention.value))
            leftover[mention.start:mention.end] = " " * (mention.end - mention.start)
        words = list(dict.fromkeys(self._words("".join(leftover)))) if in_index_language else []
        content = [w for w in words if w not in self.lexicon.stopwords]
        query.stopwords_only = bool(words) and not content and not query.groups
        for word in content:
            self._add(query, self._word_group(word))
        query.groups = query.groups[:MAX_GROUPS]
        if self._only_today(text, query.groups, in_index_language):
            query.groups, query.newest = [], True
        elif query.newest and not query.groups and not in_index_language:
            query.newest = self._only_listing_words(rest)
        return query

    def _only_today(self, text: str, groups: Sequence[Group], read_words: bool) -> bool:
        """Whether `text` asks only for today's news (TODAY_TERMS): "today" is all its
        groups; in another language, whose other words are not read (`read_words`
        false), all its letters but words for news (`_only_listing_words`): "hôm nay",
        "tin tức hôm nay", not "giá vàng hôm nay" (gold price today)."""
        today = self._today.find(text)
        words = {found.value for found in today}
        if not words or not all(group.label in words for group in groups):
            return False
        return read_words or self._only_listing_words(text)

    def _only_listing_words(self, text: str) -> bool:
        """Whether `text`, in a language whose words are not read, has no letters but
        words for how to list the news (RECENCY_TERMS, TODAY_TERMS, NEWS_TERMS): any
        other word is a subject the bot cannot read ("giá vàng mới nhất", the latest
        gold price), not the newest releases."""
        finders = (self._recency, self._today, self._news)
        spans = [(found.start, found.end) for finder in finders for found in finder.find(text)]
        return not any(char.isalpha() for char in blank(text, spans))

    def year_group(self, year: int) -> Group:
        """A year as releases write it: Buddhist era in Thai, common era in English."""
        forms = (str(year + BE_OFFSET), str(year))
        return Group(forms[1], tuple(fts_phrase(f) for f in forms), forms)

    # --- groups ----------------------------------------------------------------

    def concept_group(self, concept: Concept, weight: float = 1.0) -> Group:
        """A concept as alternatives: its indexed token and every variant as a phrase
        (the first Thai and the first English form first)."""
        alternatives = [f"extra:{fts_phrase(concept.token)}"]
        firsts = [*concept.th[:1], *concept.en[:1]]
        alternatives += [self._phrase(v) for v in [*firsts, *concept.indexed]]
        needles = [variant.lower() for variant in concept.indexed]
        return Group(concept.id, tuple(dict.fromkeys(alternatives)),
                     tuple(dict.fromkeys(needles)), concept, weight)

    def _phrase(self, text: str) -> str:
        """Text as an FTS5 phrase of its segmented words (cached)."""
        if text not in self._phrases:
            words = [t for w in self.segmenter.words(text) for t in fts_terms(w)]
            self._phrases[text] = fts_phrase(" ".join(words))
        return self._phrases[text]

    def _word_group(self, word: str) -> Group:
        """A plain word, and the same name in the other script if it is one."""
        words = [word, *self._other_script_names(word)]
        return Group(word, tuple(self._phrase(w) for w in words), tuple(words))

    def _other_script_names(self, word: str) -> list[str]:
        """The same name in the other script: อนุกูล for "anukul", dalat for "ดาลัด"."""
        vocabulary = self.vocabulary()
        if has_thai(word):
            # Only a word no release writes in Thai may be written in Latin letters.
            if len(word) < 3 or word in vocabulary:
                return []
            return vocabulary.latin_words_sounding_like(self.romanizer(word))
        if (len(word) < NAME_MIN_CHARS or word.isdigit()
                or vocabulary.counts.get(stem(word), 0) > NAME_MAX_DOCS):
            return []
        return vocabulary.thai_names_sounding_like(word)

    def _names_in_words(self, text: str) -> list[tuple[tuple[int, int], Group]]:
        """Names typed as several Latin words that sound like one romanised Thai name
        ("Phaya Ngam Mueang": พญางำเมือง), the longest first, with where they are. The
        words must not be stopwords, acronyms, all English words, or part of what
        names a lexicon concept ("Chiang Mai", "call center")."""
        found: list[tuple[tuple[int, int], Group]] = []
        for run in _RE_LATIN_WORDS.finditer(text):
            concepts = [(m.start, m.end) for m in self.lexicon.finder.find(run.group().lower())]
            free = blank(run.group(), concepts, "\x00")
            for stretch in re.finditer("[^\x00]+", free):
                found += self._names_in_run(text, run.start() + stretch.start(),
                                            run.start() + stretch.end())
        return found

    def _names_in_run(self, text: str, start: int,
                      end: int) -> list[tuple[tuple[int, int], Group]]:
        """The names of `_names_in_words` in text[start:end], Latin words in a row."""
        found: list[tuple[tuple[int, int], Group]] = []
        spans = [(m.start() + start, m.end() + start)
                 for m in re.finditer("[A-Za-z]+", text[start:end])]
        first = 0
        while first < len(spans) - 1:
            for stop in range(min(len(spans), first + _NAME_WORDS), first + 1, -1):
                words = [text[a:b] for a, b in spans[first:stop]]
                thai = self._name_of_words(words)
                if thai:
                    label = " ".join(words)
                    group = Group(label, tuple(self._phrase(w) for w in [label, *thai]),
                                  (label, *thai))
                    found.append(((spans[first][0], spans[stop - 1][1]), group))
                    first = stop
                    break
            else:
                first += 1
        return found

    def _name_of_words(self, words: list[str]) -> list[str]:
        """The romanised Thai names `words` joined sound like, if they may be a name."""
        lowered = [word.lower() for word in words]
        if any(w in self.lexicon.stopwords for w in lowered) \
                or any(len(w) > 1 and w.isupper() for w in words) \
                or all(w in english_words() for w in lowered):
            return []
        return self.vocabulary().thai_names_sounding_like("".join(lowered), JOINED_NAME_CUTOFF)

    @staticmethod
    def _add(query: Query, group: Group) -> None:
        if all(g.label != group.label for g in query.groups):
            query.groups.append(group)

    # --- words -----------------------------------------------------------------

    def _words(self, text: str) -> Iterator[str]:
        """Search words of `text` (Thai segmented, the rest as FTS5 would cut it)."""
        for run in script_runs(text):
            if has_thai(run):
                yield from self._thai_words(run)
            else:
                yield from fts_terms(run)

    def _thai_words(self, run: str) -> list[str]:
        pieces = [w for w in self.segmenter.words(run) if not w.isspace()]
        # A foreign name in Thai letters may fall apart into short words
        # (ดาลัด -> ดา + ลัด): kept whole if it is found in Latin letters.
        short = len(pieces) > 1 and all(len(p) <= _SYLLABLE for p in pieces)
        if short and not any(p in self.lexicon.stopwords for p in pieces) \
                and self._other_script_names(run):
            return [run]
        return pieces


def blank(text: str, spans: list[tuple[int, int]], fill: str = " ") -> str:
    """`text` with the [start, end) spans made spaces (or `fill`)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = fill * (end - start)
    return "".join(chars)
