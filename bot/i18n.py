"""User-facing strings: one gettext catalog per language, looked up by key.

The catalogs are `data/locale/<lang>/LC_MESSAGES/atbot.po`, the standard
layout translation tools (Poedit, Weblate) read. Each message's msgid is a
key ("no_results"), its msgstr the text, which may hold {placeholders}
filled by `Strings.text(key, lang, **values)`. Strings are plain text (the
renderer escapes them for Telegram's HTML). Facts such as hotline numbers
are not written here: they come from data/help_channels.toml with the
release that states them.

A string marked fuzzy (gettext's "needs review" flag) was written by the
project, not by a native speaker: it is used, and listed as awaiting review.
"""

from __future__ import annotations

import io
import string
from collections.abc import Mapping
from dataclasses import dataclass

from babel.messages.pofile import PoFileError, read_po

# The languages the bot speaks: Thai and English, and those of the migrant workers
# and scam-compound recruits who write to it (ISO 639-1).
LANGS = ("th", "en", "my", "km", "lo", "vi", "zh", "id")
# The languages releases are not written in (the lexicon adds their forms).
REGIONAL_LANGS = LANGS[2:]
DEFAULT_LANG = "th"
# The catalog every other one is checked against.
BASE_LANG = "en"


@dataclass(frozen=True)
class Strings:
    """The catalogs: language -> key -> text, and the keys awaiting native review."""

    catalogs: Mapping[str, Mapping[str, str]]
    awaiting_review: Mapping[str, frozenset[str]]

    def text(self, key: str, lang: str, **values: object) -> str:
        """The string `key` in `lang` (in the default language if `lang` has no
        catalog, in English if its catalog lacks the key), with values filled in."""
        catalog = self.catalogs.get(lang) or self.catalogs[DEFAULT_LANG]
        template = catalog.get(key) or self.catalogs[BASE_LANG][key]
        return template.format(**values) if values else template


def read_catalog(data: bytes) -> tuple[dict[str, str], frozenset[str]]:
    """Key -> text from the bytes of a .po file, and the keys marked fuzzy (awaiting
    review); ValueError says what is wrong."""
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError) as error:
        raise ValueError(f"not a valid gettext catalog ({error})") from None
    texts: dict[str, str] = {}
    fuzzy: set[str] = set()
    for message in catalog:
        if not message.id:
            continue  # the header
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            raise ValueError(f"{message.id!r}: plural forms are not used here")
        if not message.string.strip():
            raise ValueError(f"{message.id!r} has no text")
        if message.fuzzy:
            fuzzy.add(message.id)
        texts[message.id] = message.string
    if not texts:
        raise ValueError("no messages")
    return texts, frozenset(fuzzy)


def check_catalog(lang: str, catalog: Mapping[str, str], base: Mapping[str, str]) -> None:
    """A catalog has the base catalog's keys (all of them, for the languages the bot
    must speak), no others, and the same placeholders in each string."""
    missing = sorted(base.keys() - catalog.keys())
    if missing and lang in LANGS:
        raise ValueError(f"lacks {', '.join(missing)}")
    extra = sorted(catalog.keys() - base.keys())
    if extra:
        raise ValueError(f"has keys the {BASE_LANG} catalog lacks: {', '.join(extra)}")
    for key, text in catalog.items():
        if placeholders(text) != placeholders(base[key]):
            raise ValueError(f"{key!r} has placeholders {sorted(placeholders(text))}, "
                             f"not {sorted(placeholders(base[key]))}")


def placeholders(text: str) -> set[str]:
    """The {names} a string expects."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # an unpaired brace
        return {"<unpaired brace>"}

