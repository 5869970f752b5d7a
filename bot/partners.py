"""Partner organisations (data/partners.toml): names in both scripts, a one-line
description, and the release that names them. How many indexed releases mention
each partner is computed at ingest (Store.refresh_partner_stats), never typed in."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Partner:
    id: str
    kind: str
    name_th: str
    name_en: str
    abbr: tuple[str, ...]
    aliases: tuple[str, ...]
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


def load_partners(path: Path) -> list[Partner]:
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Partner(
            id=entry["id"], kind=entry["kind"], name_th=entry.get("name_th", ""),
            name_en=entry.get("name_en", ""), abbr=tuple(entry.get("abbr", ())),
            aliases=tuple(entry.get("aliases", ())),
            description_th=entry.get("description_th", ""),
            description_en=entry.get("description_en", ""),
            source_url=entry["source_url"], source_quote=entry["source_quote"],
        )
        for entry in data.get("partner", [])
    ]
