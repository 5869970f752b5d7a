"""A message, read once: every reader of a question (the distress and hotline
signals, the partner check, the query parser) takes the same `Message`.

>>> message = read_message("  ช่วยด้วย\u200b I CAN’T leave ")
>>> message.text, message.folded, message.lang
('ช่วยด้วย I CAN’T leave', "ช่วยด้วย i can't leave", 'th')
>>> message.toneless
"ชวยดวย i can't leave"
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.thai import detect_language, normalize_text, strip_tone_marks

# Phones type curly or backtick apostrophes; terms are written with straight ones.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class Message:
    """What a person wrote, normalised once, in the forms its readers need."""

    text: str
    """Normalised (bot/thai.py `normalize_text`), case kept: what search reads."""
    folded: str
    """Lower case with straight apostrophes: what signal rules read."""
    toneless: str
    """`folded` without Thai tone marks, so "ชวยดวย" still reads as "ช่วยด้วย"."""
    lang: str | None
    """"th" or "en" by the script most of its letters are in; None without letters."""


def fold(text: str) -> str:
    """Lower case with straight apostrophes (terms of the signal rules are folded so too)."""
    return text.translate(_APOSTROPHES).lower()


def read_message(raw: str) -> Message:
    text = normalize_text(raw)
    folded = fold(text)
    return Message(text, folded, strip_tone_marks(folded), detect_language(text))
