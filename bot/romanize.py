"""Thai names in Latin letters, so "Anukul" finds อนุกูล and "ดาลัด" finds Dalat.

At ingest, the names releases give after a title (นาย, นางสาว, พล.อ., ...)
are collected; at the end of an ingest they are romanised with pythainlp's
thai2rom_onnx model (royin rules if onnxruntime is missing) and stored as
(Thai, Latin) pairs. Questions then match either way through `sound_key`,
which forgets the spelling choices romanisation systems differ on.

>>> sound_key("Anukul"), sound_key("anukun"), sound_key("Srettha"), sound_key("settha")
('anukun', 'anukun', 'sreta', 'seta')
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

logger = logging.getLogger("atbot.romanize")

# Person titles and place words before a name, as the segmenter cuts them.
_TITLES = frozenset({
    "นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "พล.อ.", "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.",
    "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.", "ร.ต.อ.", "พลเอก", "พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี",
    "พันตำรวจเอก", "พันตำรวจโท", "พันเอก", "เมือง", "จังหวัด", "อำเภอ", "แขวง",
})
_RE_THAI_ONLY = re.compile("^[\u0e01-\u0e4e]{2,18}$")
# Words before the name of an operation, a company or a group ("ปฏิบัติการพญางำเมือง",
# "กลุ่มมิตรผล"): the name is the rest of the run when it is more than one
# dictionary word and none of its words is a stopword ("กลุ่มเปราะบาง", "ปฏิบัติการในครั้งนี้").
_NAMERS = frozenset({"ปฏิบัติการ", "ยุทธการ", "บริษัท", "กลุ่ม"})
# A quoted stretch of Thai ("“ธวัชบุรีโมเดล”") is a nickname, an operation, a
# campaign, under the same rule.
_RE_QUOTED = re.compile("[\"“”]([^\"“”\n]{2,80}?)[\"“”]")
# Words that often run on after a name without a space ("นายอนุกูลกล่าวว่า").
_AFTER_NAME = frozenset({"กล่าว", "กล่าวว่า", "เปิดเผย", "เปิดเผยว่า", "ระบุ", "ระบุว่า", "เป็น",
                         "ได้", "และ", "ว่า", "ที่", "ซึ่ง", "ผู้", "ฯ", "จึง", "ยัง", "ก็"})
_MAX_NAME_WORDS = 4


# Spelling differences between romanisations of the same Thai sound.
_SOUND_RULES = (
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"ph"), "p"), (re.compile(r"th"), "t"), (re.compile(r"kh"), "k"),
    (re.compile(r"ch"), "c"), (re.compile(r"j"), "c"), (re.compile(r"v"), "w"),
    (re.compile(r"ee|ii"), "i"), (re.compile(r"oo|uu|ou"), "u"), (re.compile(r"ae"), "e"),
    (re.compile(r"y"), "i"), (re.compile(r"ew$"), "eo"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"l$"), "n"),  # final ล sounds n: Anukul / Anukun
    (re.compile(r"d$"), "t"),  # final ด sounds t
    (re.compile(r"h$"), ""),
)


def sound_key(latin: str) -> str:
    """A romanised word reduced to how it sounds, for matching spellings."""
    key = latin.lower()
    for pattern, replacement in _SOUND_RULES:
        key = pattern.sub(replacement, key)
    return key


def name_candidates(segmented: str, known_words: frozenset[str], stopwords: frozenset[str],
                    separator: str) -> set[str]:
    """Names in `segmented` text (words joined by `separator`): the words after a
    title up to the next space (a given name, a place), and the next run too (a
    family name), each kept when a dictionary word is not all it is. A title may
    also stand apart ("พลเอก เตีย บันห์"): then the next two runs are the name.
    Also the names of operations, companies and groups (_NAMERS), and quoted ones."""
    found: set[str] = set()
    runs = [run.split(separator) for run in segmented.split()]
    for quoted in _RE_QUOTED.findall(segmented):
        _take_named([w for w in quoted.split(separator) if w.strip()], known_words,
                    stopwords, found)
    for number, words in enumerate(runs):
        for index, word in enumerate(words):
            if word in _NAMERS:  # the rest of the run is its name ("...งำเมือง" too)
                _take_named(words[index + 1:], known_words, stopwords, found)
                break
            if word not in _TITLES:
                continue
            after = [words[index + 1:]] if index + 1 < len(words) else []
            after += runs[number + 1:number + 3 - len(after)]
            if after and _take(after[0], known_words, found, given=True):
                if len(after) > 1:
                    _take(after[1], known_words, found, given=False)
                break
    return found


def _take(words: list[str], known_words: frozenset[str], found: set[str], *,
          given: bool) -> bool:
    """Add the name `words` spell (words such as กล่าว run on after it dropped).

    A given name right after a title may be a dictionary word (อนุกูล, สมชาย);
    a family name must not be a single dictionary word (รัฐมนตรี, ปลัดกระทรวง)."""
    words = list(words)
    while len(words) > 1 and words[-1] in _AFTER_NAME:
        words.pop()
    if len(words) > _MAX_NAME_WORDS or (not given and len(words) == 1
                                         and words[0] in known_words):
        return False
    name = "".join(words)
    if not _RE_THAI_ONLY.match(name):
        return False
    found.add(name)
    return True


def _take_named(words: list[str], known_words: frozenset[str], stopwords: frozenset[str],
                found: set[str]) -> None:
    """Add the name `words` spell after a _NAMERS word or in quotes: more than one
    word, none of them a stopword or a word that runs on after a name."""
    if len(words) > 1 and not any(w in stopwords or w in _AFTER_NAME for w in words):
        _take(words, known_words, found, given=False)


class Romanizer:
    """Romanises Thai words, loading the model on first use (thread-safe, cached)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engine = ""
        self._cache: dict[str, str] = {}

    def _load(self) -> str:
        from pythainlp.transliterate import romanize

        try:
            romanize("ทดสอบ", engine="thai2rom_onnx")
            return "thai2rom_onnx"
        except (ImportError, FileNotFoundError, OSError) as error:
            logger.warning("thai2rom_onnx unavailable (%s); using royin rules", error)
            return "royin"

    def __call__(self, word: str) -> str:
        with self._lock:
            if word in self._cache:
                return self._cache[word]
            from pythainlp.transliterate import romanize

            if not self._engine:
                self._engine = self._load()
            latin = romanize(word, engine=self._engine).strip().lower()
            self._cache[word] = latin
            return latin

    def many(self, words: Iterable[str]) -> dict[str, str]:
        return {word: self(word) for word in words}
