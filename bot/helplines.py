"""Help and reporting channels (data/help_channels.toml), each with its source.

Every number, name and hour comes from a release named in the file; the
test suite checks each against the cited release.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec


class HelpChannel(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """One way to ask for help or report a case, as one [[channel]] of the file."""

    id: str
    name_th: str
    name_en: str
    kind: Literal["phone", "line", "web", "app"]
    contact: str
    # Cards list channels by priority: the 1300 hotline first.
    priority: int
    source_url: str
    source_quote: str
    tel: str = ""
    # Open day and night ("24 hours", in the reader's language).
    always_open: bool = False
    free: bool = False
    # The languages (ISO 639-1) its interpreters or its app speak, as a release states.
    languages: tuple[str, ...] = ()
    # How to reach it from outside Thailand, where a release states a way ("" if none).
    abroad: str = ""
    # Lexicon concepts (countries, towns) a situation card lists it for: an embassy.
    places: tuple[str, ...] = ()
    # Lexicon concepts of the kinds of case it is for (online child sexual abuse: the
    # TICAC website): a question on where to report one lists it first on the card,
    # and the releases that state it before others.
    cases: tuple[str, ...] = ()
    # Where a release other than `source_url` states a fact (a test checks each).
    source_en_url: str = ""
    source_en_quote: str = ""
    hours_source_url: str = ""
    hours_source_quote: str = ""
    free_source_url: str = ""
    free_source_quote: str = ""
    name_source_url: str = ""
    name_source_quote: str = ""
    languages_source_url: str = ""
    languages_source_quote: str = ""
    abroad_source_url: str = ""
    abroad_source_quote: str = ""

    def name(self, lang: str) -> str:
        """The name in Thai for Thai readers, else in English (names are not translated
        further: the card's other words are, in bot/i18n.py's catalogs)."""
        return self.name_th if lang == "th" else self.name_en

    @property
    def link(self) -> str:
        """A URL that opens the channel, where Telegram can open one."""
        if self.kind == "web":
            return self.contact if "://" in self.contact else f"https://{self.contact}"
        if self.kind == "line" and self.contact.startswith("@"):
            return f"https://line.me/R/ti/p/{self.contact}"
        return ""


class HelpChannelsFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """data/help_channels.toml."""

    channel: Annotated[list[HelpChannel], msgspec.Meta(min_length=1)]
