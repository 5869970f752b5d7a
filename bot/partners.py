"""Partner organisations (data/partners.toml): names in both scripts, a one-line
description, and the release that names them. How many indexed releases mention
each partner is computed at ingest (ReleaseIndex.refresh_partner_stats), never
typed in."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec


class Partner(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """One [[partner]] of the file."""

    id: str
    kind: Literal["international", "ngo", "thai_agency", "police", "foreign_agency", "embassy"]
    name_th: str = ""
    name_en: str = ""
    abbr: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    description_th: str
    description_en: str
    source_url: str
    source_quote: str

    def name(self, lang: str) -> str:
        return (self.name_th or self.name_en) if lang == "th" else (self.name_en or self.name_th)

    def description(self, lang: str) -> str:
        return self.description_th if lang == "th" else self.description_en

    @property
    def short(self) -> str:
        """The abbreviation people use, if any ("IOM")."""
        latin = [a for a in self.abbr if a.isascii()]
        return (latin or list(self.abbr) or [""])[0]

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names the partner, in either script."""
        forms = (self.name_th, self.name_en, *self.abbr, *self.aliases)
        return tuple(dict.fromkeys(f for f in forms if f))


class PartnersFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """data/partners.toml."""

    partner: Annotated[list[Partner], msgspec.Meta(min_length=1)]
