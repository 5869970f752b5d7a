"""Help and reporting channels (data/help_channels.toml), each with its source.

Every number, name and hour comes from a release named in the file; the
test suite checks each against the cited release.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class HelpChannel:
    """One way to ask for help or report a case."""

    id: str
    name_th: str
    name_en: str
    kind: str
    contact: str
    priority: int
    source_url: str
    source_quote: str
    tel: str = ""
    hours_th: str = ""
    hours_en: str = ""
    free: bool = False
    topics: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    def hours(self, lang: str) -> str:
        return self.hours_th if lang == "th" else self.hours_en

    @property
    def link(self) -> str:
        """A URL that opens the channel, where Telegram can open one."""
        if self.kind == "web":
            return self.contact if "://" in self.contact else f"https://{self.contact}"
        if self.kind == "line" and self.contact.startswith("@"):
            return f"https://line.me/R/ti/p/{self.contact}"
        return ""


def load_help_channels(path: Path) -> list[HelpChannel]:
    """Channels sorted by priority (the 1300 hotline first)."""
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    channels = [
        HelpChannel(
            id=entry["id"], name_th=entry["name_th"], name_en=entry["name_en"],
            kind=entry["kind"], contact=entry["contact"], priority=int(entry["priority"]),
            source_url=entry["source_url"], source_quote=entry["source_quote"],
            tel=entry.get("tel", ""), hours_th=entry.get("hours_th", ""),
            hours_en=entry.get("hours_en", ""), free=bool(entry.get("free", False)),
            topics=tuple(entry.get("topics", ())),
        )
        for entry in data.get("channel", [])
    ]
    return sorted(channels, key=lambda c: c.priority)
