"""Thai text: normalisation, script detection and word segmentation.

Everything that turns raw Thai (or mixed Thai/English) text into comparable
pieces lives here, so ingest and search treat text exactly the same way.

>>> normalize_text("ค้ามนุษย์\u200b ๒๕๖๗")
'ค้ามนุษย์ 2567'
>>> detect_language("IOM ความร่วมมือ")
'th'
>>> detect_language("IOM cooperation")
'en'
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

# pythainlp must never try to download anything: set before it is imported.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.util import normalize as _thai_normalize
from pythainlp.util import remove_tonemark, thai_digit_to_arabic_digit

# Separator put between Thai words in indexed text. FTS5 (unicode61 with
# categories L* M* N* Co) treats it as a token boundary, and it is invisible,
# so stripping it gives back the original text.
WORD_SEP = "\u200b"

# Zero-width and bidi characters pasted from web pages and chat apps.
_RE_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e]")
# Control characters other than tab and newline.
_RE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RE_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_RE_ANY_SPACE = re.compile(r"\s+")
_RE_THAI_DIGIT = re.compile("[๐-๙]")
# Characters NFKC may change: anything but ASCII and Thai (full-width letters,
# ligatures, compatibility forms). Plain Thai and ASCII lines skip NFKC.
_RE_NEEDS_NFKC = re.compile("[^\x00-\x7f\u0e01-\u0e5b]")
_RE_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
# Thai vowels and tone marks written over or under the consonant before them.
NON_BASE = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
# Any place where pythainlp's normalize() would change Thai text: a vowel or
# tone mark dangling at the start or after a space, two Sara E for Sara Ae,
# a tone mark typed before its vowel, Nikhahit + Sara Aa for Sara Am, a
# Lakkhangyao used as Sara Aa, or a vowel or tone mark typed twice. Most
# lines have none, and skipping them makes ingest many times faster.
_RE_NEEDS_THAI_FIX = re.compile(
    f"(?:^|\\s)[{NON_BASE}]"
    "|\u0e40\u0e40"
    "|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e3a\u0e47]"
    "|\u0e4d[\u0e48-\u0e4b]*\u0e32"
    "|[\u0e30\u0e32\u0e33\u0e45][\u0e48-\u0e4b]"
    "|(?<![\u0e24\u0e26])\u0e45"
    f"|([\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e])\\s*\\1"
    "|[\u0e48-\u0e4b]{2}"
)
_RE_LATIN_LETTER = re.compile("[A-Za-z]")
# A run of Thai script (letters, vowels, tone marks) with no space inside.
RE_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
# What FTS5's unicode61 tokenizer keeps as one token with our settings:
# letters, digits and combining marks (Thai vowels and tone marks are marks).
RE_TOKEN = re.compile(f"(?:[^\\W_]|[\u0300-\u036f{NON_BASE}])+")


def normalize_text(text: str) -> str:
    """Normalise one line of text for indexing and matching.

    Unicode NFKC (full-width forms, ligatures), no invisible or control
    characters, Thai digits as Arabic digits, Thai vowel/tone order fixed
    (pythainlp), runs of spaces collapsed. Case is kept.
    """
    if _RE_NEEDS_NFKC.search(text):
        # NFKC splits Sara Am into Nikhahit + Sara Aa; put it back at once.
        text = unicodedata.normalize("NFKC", text).replace("\u0e4d\u0e32", "\u0e33")
    text = _RE_INVISIBLE.sub("", text)
    text = _RE_CONTROL.sub(" ", text)
    if _RE_THAI_DIGIT.search(text):
        text = thai_digit_to_arabic_digit(text)
    if _RE_NEEDS_THAI_FIX.search(text):
        text = _thai_normalize(text)
    return _RE_SPACES.sub(" ", text).strip()


def normalize_lines(text: str) -> list[str]:
    """`normalize_text` for every line of a document at once, blank lines dropped."""
    return [line for line in (part.strip() for part in
                              normalize_text(text.replace("\r", "")).split("\n")) if line]


def squash(text: str) -> str:
    """Text with no spaces and no case, to tell whether two lines say the same.

    >>> squash("ข่าว  ทดสอบ Title") == squash("ข่าวทดสอบ title")
    True
    """
    return _RE_ANY_SPACE.sub("", text).casefold()


def strip_tone_marks(text: str) -> str:
    """Thai text without tone marks and thanthakhat, for typo-tolerant matching.

    >>> strip_tone_marks("ค้ามนุษย์")
    'คามนุษย'
    """
    return remove_tonemark(text).replace("\u0e4c", "")


# Enough text to tell the language of a release from its opening.
_LANGUAGE_SAMPLE = 3000


def detect_language(text: str) -> str | None:
    """'th' or 'en' by which script has more letters; None if there are none."""
    text = text[:_LANGUAGE_SAMPLE]
    thai = len(_RE_THAI_LETTER.findall(text))
    latin = len(_RE_LATIN_LETTER.findall(text))
    if thai == 0 and latin == 0:
        return None
    # Thai letters carry more meaning each; a Thai query with an English
    # acronym ("IOM ความร่วมมือ") is still a Thai query.
    return "th" if thai * 2 >= latin else "en"


def has_thai(text: str) -> bool:
    """True if `text` contains a Thai letter (it may contain other scripts too)."""
    return bool(_RE_THAI_LETTER.search(text))


def script_runs(text: str) -> list[str]:
    """`text` cut where it changes between Thai and anything else; joined, the
    pieces give `text` back.

    >>> script_runs("IOMประจำ ไทย, 2024")
    ['IOM', 'ประจำ', ' ', 'ไทย', ', 2024']
    """
    pieces: list[str] = []
    cursor = 0
    for match in RE_THAI_RUN.finditer(text):
        if match.start() > cursor:
            pieces.append(text[cursor:match.start()])
        pieces.append(match.group())
        cursor = match.end()
    if cursor < len(text):
        pieces.append(text[cursor:])
    return pieces


def is_latin_word(term: str) -> bool:
    """An indexed term worth matching by spelling or sound: not Thai, not a number,
    longer than three letters ("iom" and "sea" are matched exactly or not at all)."""
    return len(term) > 3 and not term.isdigit() and not has_thai(term)


def fts_terms(text: str) -> list[str]:
    """Split text the way the FTS5 tokenizer does (before stemming), lower-cased."""
    return [term.casefold() for term in RE_TOKEN.findall(text)]


class Segmenter:
    """Thai word segmentation (pythainlp's newmm, in Rust via nlpo3).

    The dictionary is pythainlp's Thai word list plus the project's own
    terms, so words such as ค้ามนุษย์, ศรส. or เมียวดี stay whole.
    """

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _loaded: ClassVar[dict[frozenset[str], tuple[str, frozenset[str]]]] = {}

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        extra = frozenset(w.strip() for w in extra_words if w.strip())
        self.dict_name, self.dictionary = self._load(extra)

    @classmethod
    def _load(cls, extra_words: frozenset[str]) -> tuple[str, frozenset[str]]:
        """Load the dictionary into nlpo3 once per process and word list."""
        with cls._lock:
            if extra_words in cls._loaded:
                return cls._loaded[extra_words]
            from pythainlp.corpus import thai_words
            from pythainlp.tokenize.nlpo3 import load_dict

            name = f"atbot_{len(cls._loaded)}_{os.getpid()}"
            words = frozenset(thai_words()) | extra_words
            with tempfile.TemporaryDirectory(prefix="atbot-dict-") as tmp:
                path = Path(tmp) / "words.txt"
                path.write_text("\n".join(sorted(words)), encoding="utf-8")
                if not load_dict(str(path), name):
                    raise RuntimeError("could not load the Thai word dictionary")
            cls._loaded[extra_words] = (name, words)
            return name, words

    def words(self, text: str) -> list[str]:
        """Words and the spaces between them, in order (joined they give `text`)."""
        from pythainlp.tokenize.nlpo3 import segment

        if not text:
            return []
        # nlpo3's safe_mode scrambles some texts (seen with 1.4.0): not used.
        words: list[str] = segment(text, custom_dict=self.dict_name, safe_mode=False)
        return words if "".join(words) == text else [text]

    def index_text(self, text: str) -> str:
        """Text with an invisible separator between adjacent words.

        >>> Segmenter(["ค้ามนุษย์"]).index_text("ต่อต้านการค้ามนุษย์ IOM").split(WORD_SEP)
        ['ต่อต้าน', 'การ', 'ค้ามนุษย์ IOM']
        """
        if not has_thai(text):
            return text
        out: list[str] = []
        previous_word = False
        for word in self.words(text):
            current_word = not word.isspace()
            if previous_word and current_word:
                out.append(WORD_SEP)
            out.append(word)
            previous_word = current_word
        return "".join(out)


def unsegment(text: str) -> str:
    """Remove the word separators `Segmenter.index_text` put in."""
    return text.replace(WORD_SEP, "")
