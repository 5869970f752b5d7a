"""Cards: the answer that comes before any release (help channels, a partner)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from bot.helplines import HelpChannel
from bot.partners import Partner


@dataclass(frozen=True)
class HelpCard:
    """Where to get help, in Thailand (`channels`) and from outside it (`abroad`);
    `reassure` adds one calm line (for someone in danger)."""

    channels: tuple[HelpChannel, ...]
    abroad: tuple[HelpChannel, ...] = ()
    reassure: bool = False
    # The situations it answers (bot/situations.py), those whose note it carries,
    # and the releases that state the notes.
    situations: tuple[str, ...] = ()
    # The situation whose own calm line replaces the general one ("": none).
    calm: str = ""
    notes: tuple[str, ...] = ()
    note_sources: tuple[str, ...] = ()
    kind: str = "help"

    def key(self, lang: str) -> str:
        """What the card is, in a few ids (no message text): the outbox keeps it until
        the card is delivered, and Core.help_card_from_key makes it again."""
        return json.dumps([lang, self.reassure, list(self.situations),
                           [c.id for c in self.channels], [c.id for c in self.abroad]],
                          separators=(",", ":"))

    def as_json(self, lang: str) -> dict[str, object]:
        return {
            "kind": self.kind,
            "reassure": self.reassure,
            "situations": list(self.situations),
            "channels": [
                {"id": c.id, "name": c.name(lang), "contact": c.contact, "tel": c.tel or None,
                 "always_open": c.always_open, "free": c.free, "languages": list(c.languages),
                 "source_url": c.source_url}
                for c in self.channels
            ],
            "abroad": [
                {"id": c.id, "name": c.name(lang), "contact": c.abroad,
                 "source_url": c.abroad_source_url}
                for c in self.abroad
            ],
        }


@dataclass(frozen=True)
class PartnerCard:
    """A partner organisation, and how many indexed releases mention it."""

    partner: Partner
    releases: int
    latest: date | None
    kind: str = "partner"

    def as_json(self, lang: str) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.partner.id,
            "name": self.partner.name(lang),
            "name_th": self.partner.name_th,
            "name_en": self.partner.name_en,
            "abbr": list(self.partner.abbr),
            "description": self.partner.description(lang),
            "releases": self.releases,
            "latest": self.latest.isoformat() if self.latest else None,
            "source_url": self.partner.source_url,
        }


Card = HelpCard | PartnerCard
