"""A message, read once: every reader of a question (the distress and hotline
signals, the partner check, the query parser) takes the same `Message`.

Burmese typed in the Zawgyi encoding, still common on phones, is converted
to Unicode before anything else (bot/language.py).

>>> message = read_message("  ช่วยด้วย\u200b I CAN’T leave ")
>>> message.text, message.folded, message.lang
('ช่วยด้วย I CAN’T leave', "ช่วยด้วย i can't leave", 'th')
>>> message.loose
"ชวยดวย i can't leave"
>>> read_message("Cứu tôi với").loose
'cuu toi voi'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bot.language import from_zawgyi, identify_language
from bot.thai import normalize_text, strip_tone_marks

# Phones type curly or backtick apostrophes; terms are written with straight ones.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Latin letters without their accents (Vietnamese typed without them: "cuu toi"),
# and Lao without its tone marks, as Thai is without its own.
_LOOSE = str.maketrans({
    **{chr(c): "".join(d for d in unicodedata.normalize("NFD", chr(c))
                       if not unicodedata.combining(d))
       for c in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
       if unicodedata.category(chr(c)).startswith("L")},
    "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
    **{chr(c): None for c in range(0x0EC8, 0x0ECC)},
})


@dataclass(frozen=True)
class Message:
    """What a person wrote, normalised once, in the forms its readers need."""

    text: str
    """Normalised (bot/thai.py `normalize_text`), case kept: what search reads."""
    folded: str
    """Lower case with straight apostrophes: what signal rules read."""
    loose: str
    """`folded` without Thai or Lao tone marks and without Latin accents, so that
    "ชวยดวย" still reads as "ช่วยด้วย" and "cuu toi" as "cứu tôi"."""
    lang: str | None
    """The ISO 639-1 code of its language (bot/language.py); None without letters."""
    zawgyi: bool = False
    """It was typed in the Zawgyi encoding (and `text` is its Unicode form)."""


def fold(text: str) -> str:
    """Lower case with straight apostrophes (terms of the signal rules are folded so too)."""
    return text.translate(_APOSTROPHES).lower()


def loosen(folded: str) -> str:
    """A folded text without tone marks and accents (see `Message.loose`)."""
    return strip_tone_marks(folded.translate(_LOOSE))


def read_message(raw: str) -> Message:
    unicode = from_zawgyi(raw)
    text = normalize_text(unicode if unicode is not None else raw)
    folded = fold(text)
    return Message(text, folded, loosen(folded), identify_language(text),
                   zawgyi=unicode is not None)
