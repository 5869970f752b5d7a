"""Typo correction, before a question is understood: only of words that are not
words of their language.

English: a word of the English word list (symspellpy's, 82,765 words with their
frequencies) is never corrected ("quote" stays "quote", "Taylor" "Taylor"); any
other word is replaced by the nearest lexicon term ("traficked" -> trafficking),
else by the English word fewest edits away if the releases or the lexicon use it
("polise" -> police; "Uyghur" stays), else, for a word the index does not know
(after Porter stemming), by the nearest indexed word.
Thai: a typo leaves debris when segmented ("แรงงานบังคบ" -> แรงงาน + บัง + คบ);
each stretch of suspect pieces is tried with up to two neighbours on each side
against the lexicon and the index vocabulary, tone marks ignored, and the
closest match replaces it ("แรงงานบังคับ").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.lexicon import Lexicon
from bot.thai import RE_TOKEN, Segmenter, has_thai, is_latin_word, script_runs, strip_tone_marks

# rapidfuzz scores (0-100) a misspelt word must reach to be corrected. A word
# this close to a lexicon term is corrected even if the index knows its stem
# ("trafficing" stems to traffic, an indexed word).
LEXICON_CUTOFF = 84
SURE_CUTOFF = 90
VOCABULARY_CUTOFF = 80
THAI_CUTOFF = 78
# Lexicon terms are what people mean more often than a stray indexed word.
LEXICON_BONUS = 4
MIN_THAI_VOCABULARY_WORD = 4
# A two-letter Thai piece this rare in the index is likely typo debris.
RARE_PIECE_DOCS = 20
# How many neighbouring pieces a Thai window may take on each side, and in all.
_REACH = 2
_MAX_WINDOW = 6
# Closest known forms remembered, of each kind (a Thai window of a few pieces, an
# English word; a typo people make once they make again), until the vocabulary changes.
_CLOSEST_KEPT = 50_000

# A Latin word is corrected into one at most this many edits away (a short word
# one): "mitr" (of Mitr Phol) is a name, not "maitri" misspelt.
_MAX_EDITS = 2
_SHORT_WORD = 5
# How alike (rapidfuzz ratio) and how many English words are tried for one the
# index holds: a word with a letter wrong scores 83 ("polise", police).
ENGLISH_CUTOFF = 80
_ENGLISH_TRIED = 40
# The index stems English with Porter (FTS5 "porter"); this is the same algorithm.
stem = snowballstemmer.stemmer("porter").stemWord


@dataclass
class Spelling:
    """The corrected text, and what was changed into what (for "Searched for: ...")."""

    text: str
    corrections: dict[str, str] = field(default_factory=dict)


class Speller:
    def __init__(self, lexicon: Lexicon, segmenter: Segmenter,
                 counts: Callable[[], dict[str, int]],
                 is_name: Callable[[str], bool]) -> None:
        self.segmenter = segmenter
        self.stopwords = lexicon.stopwords
        self.counts = counts
        self.is_name = is_name
        variants = {v.lower() for c in lexicon.concepts for v in c.indexed}
        self.thai_variants = sorted(v for v in variants if has_thai(v) and " " not in v)
        self.thai_variants_bare = [strip_tone_marks(v) for v in self.thai_variants]
        self.latin_variants = sorted(v for v in variants if not has_thai(v))
        self.latin_words = {w for v in self.latin_variants for w in v.split()}
        self._thai_vocab: tuple[list[str], list[str]] | None = None
        self._latin_vocab: list[str] | None = None
        self._vocab_source: dict[str, int] | None = None
        self._closest: dict[str, tuple[float, str | None]] = {}
        self._closest_english_of: dict[str, tuple[str, float, int] | None] = {}

    def correct(self, text: str) -> Spelling:
        result = Spelling(text)
        pieces: list[str] = []
        for run in script_runs(text):
            if has_thai(run):
                pieces.append(self._correct_thai(run, result))
            else:
                pieces.append(RE_TOKEN.sub(lambda m: self._correct_latin(m.group(), result), run))
        result.text = "".join(pieces)
        return result

    # --- English ---------------------------------------------------------------

    def _correct_latin(self, word: str, result: Spelling) -> str:
        lowered = word.lower()
        if (len(lowered) < 4 or lowered.isdigit() or lowered in self.stopwords
                or lowered in self.latin_words or lowered in english_words()):
            return word
        known = self._known_latin(lowered)
        found = process.extractOne(lowered, self.latin_variants, scorer=fuzz.ratio,
                                   score_cutoff=SURE_CUTOFF if known else LEXICON_CUTOFF)
        if not found and not self.is_name(lowered):
            # Not an English word: the closest English word ("emergancy" is shown as
            # "emergency") if the releases or the lexicon use it; if not, the word as
            # typed ("Uyghur" is not made "uighur")...
            found = self._closest_english(lowered)
            if found and not self._used(found[0]):
                return word
            if not found and not known:  # ...else any indexed word (stemmed)
                found = process.extractOne(stem(lowered), self._latin(), scorer=fuzz.ratio,
                                           score_cutoff=VOCABULARY_CUTOFF)
        if found and found[0] not in (lowered, stem(lowered)) and _near(lowered, found[0]):
            result.corrections[word] = found[0]
            return str(found[0])
        return word

    def _used(self, word: str) -> bool:
        """Whether the lexicon or the releases (its stem) use the English `word`."""
        return word in self.latin_words or self._known_latin(word)

    def _known_latin(self, word: str) -> bool:
        counts = self.counts()
        return word in counts or stem(word) in counts

    # --- Thai ------------------------------------------------------------------

    def _correct_thai(self, run: str, result: Spelling) -> str:
        pieces = [p for p in self.segmenter.words(run) if not p.isspace()]
        suspect = [self._suspect(p) for p in pieces]
        if not any(suspect):
            return run
        out: list[str] = []
        index = 0
        while index < len(pieces):
            if not suspect[index]:
                out.append(pieces[index])
                index += 1
                continue
            end = index
            while end < len(pieces) and suspect[end]:
                end += 1
            start, stop, fixed = self._best_window(pieces, index, end)
            if fixed is None:
                out += pieces[index:end]
                index = end
                continue
            del out[len(out) - (index - start):]
            original = "".join(pieces[start:stop])
            result.corrections[original] = fixed
            out.append(fixed)
            index = stop
        return "".join(out)

    def _best_window(self, pieces: list[str], first: int,
                     end: int) -> tuple[int, int, str | None]:
        """The window around pieces[first:end] whose closest known form scores best."""
        best: tuple[float, int, int, int, str | None] = (0.0, 0, first, end, None)
        for start in range(max(0, first - _REACH), first + 1):
            for stop in range(end, min(len(pieces), end + _REACH) + 1):
                if stop - start > _MAX_WINDOW:
                    continue
                window = "".join(pieces[start:stop])
                score, fixed = self._closest_thai(window)
                key = (round(score), stop - start)
                if fixed is not None and key > (round(best[0]), best[1]):
                    best = (score, stop - start, start, stop, fixed)
        return best[2], best[3], best[4]

    def _closest_thai(self, window: str) -> tuple[float, str | None]:
        if len(window) < 3:
            return 0.0, None
        self._fresh()  # a new vocabulary forgets what was remembered
        known = self._closest.get(window)
        if known is None:
            if len(self._closest) >= _CLOSEST_KEPT:
                self._closest.clear()
            known = self._closest[window] = self._closest_thai_anew(window)
        return known

    def _closest_thai_anew(self, window: str) -> tuple[float, str | None]:
        bare = strip_tone_marks(window)
        candidates: list[tuple[float, str]] = []
        found = process.extractOne(bare, self.thai_variants_bare, scorer=fuzz.ratio,
                                   score_cutoff=THAI_CUTOFF - LEXICON_BONUS)
        if found:
            candidates.append((found[1] + LEXICON_BONUS, self.thai_variants[found[2]]))
        words, words_bare = self._thai()
        found = process.extractOne(bare, words_bare, scorer=fuzz.ratio,
                                   score_cutoff=THAI_CUTOFF)
        if found and len(words[found[2]]) >= MIN_THAI_VOCABULARY_WORD:
            candidates.append((found[1], words[found[2]]))
        if not candidates:
            return 0.0, None
        score, fixed = max(candidates)
        return (score, fixed) if fixed != window else (0.0, None)

    def _suspect(self, piece: str) -> bool:
        """Not a dictionary word, or a rare two-letter one: debris of a typo."""
        if len(piece) < 2 or piece not in self.segmenter.dictionary:
            return True
        return len(piece) == 2 and self.counts().get(piece, 0) < RARE_PIECE_DOCS

    # --- vocabulary views (rebuilt when the index vocabulary is reloaded) -------

    def warm(self) -> None:
        self._fresh()
        _ = self._english_words  # built now, not on a first question

    def _fresh(self) -> dict[str, int]:
        counts = self.counts()
        if counts is not self._vocab_source:
            self._vocab_source = counts
            thai = [t for t in counts if has_thai(t) and len(t) > 2]
            self._thai_vocab = (thai, [strip_tone_marks(t) for t in thai])
            self._latin_vocab = [t for t in counts if is_latin_word(t)]
            self._closest.clear()
            self._closest_english_of.clear()
        return counts

    def _thai(self) -> tuple[list[str], list[str]]:
        self._fresh()
        assert self._thai_vocab is not None
        return self._thai_vocab

    def _closest_english(self, word: str) -> tuple[str, float, int] | None:
        """The English word fewest edits from `word`; of those, a word of the lexicon,
        else the one most releases hold (its stem): "polise" is police, not polished
        (two edits); "laber" labor, not later."""
        counts = self._fresh()  # a new vocabulary forgets what was remembered
        if word in self._closest_english_of:
            return self._closest_english_of[word]
        close = process.extract(word, self._english_words, scorer=fuzz.ratio,
                                score_cutoff=ENGLISH_CUTOFF, limit=_ENGLISH_TRIED)
        found = min(close, default=None, key=lambda near: (
            Levenshtein.distance(word, near[0]), near[0] not in self.latin_words,
            -counts.get(stem(near[0]), 0), -near[1]))
        if len(self._closest_english_of) >= _CLOSEST_KEPT:
            self._closest_english_of.clear()
        self._closest_english_of[word] = found
        return found

    @functools.cached_property
    def _english_words(self) -> tuple[str, ...]:
        """The English word list and the lexicon's words ("labor" is not listed)."""
        return tuple(sorted(english_words() | self.latin_words))

    def _latin(self) -> list[str]:
        self._fresh()
        assert self._latin_vocab is not None
        return self._latin_vocab



@functools.cache
def english_words() -> frozenset[str]:
    """The English word list symspellpy ships (words and counts from Google Books,
    checked against SCOWL), read once, when a Latin word first needs it."""
    listed = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with listed.open(encoding="utf-8") as lines:
        return frozenset(line.split(" ", 1)[0] for line in lines if line.strip())


def _near(word: str, fixed: str) -> bool:
    """Whether `fixed` (a word, or an indexed stem) is few enough edits from `word`
    (or its stem) to be what was meant."""
    edits = 1 if len(word) <= _SHORT_WORD else _MAX_EDITS
    return any(Levenshtein.distance(form, fixed, score_cutoff=edits) <= edits
               for form in (word, stem(word)))
