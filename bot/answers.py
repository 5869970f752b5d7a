"""What the core service answers: an intent, maybe a card, and releases.

Every front end (Telegram, `atbot chat`, `atbot ask --json`) renders these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.cards import Card
from bot.facts import Fact
from bot.index import StoredRelease


@dataclass(frozen=True)
class Result:
    """One release in an answer."""

    id: int
    url: str
    title: str
    date: date
    lang: str
    summary: str
    snippet: str
    score: float
    concepts: tuple[str, ...] = ()
    # Other sources' links to the same release (same title, same day).
    links: tuple[str, ...] = ()

    @classmethod
    def from_stored(cls, release: StoredRelease, snippet: str = "",
                    score: float = 0.0, links: tuple[str, ...] = ()) -> Result:
        """A release read from the index, with the passage matching the question."""
        return cls(release.id, release.url, release.title, release.date, release.lang,
                   release.summary, snippet, score, release.concepts, links)

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id, "url": self.url, "title": self.title,
            "date": self.date.isoformat(), "lang": self.lang, "summary": self.summary,
            "snippet": self.snippet, "score": round(self.score, 4),
        }
        if self.links:
            data["links"] = list(self.links)
        return data


@dataclass
class Answer:
    """What the bot says to a question: an intent, results, and maybe a message."""

    query: str
    lang: str
    intent: str = "search"
    results: list[Result] = field(default_factory=list)
    total: int = 0
    offset: int = 0
    message: str | None = None
    corrections: dict[str, str] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    card: Card | None = None
    # True when more releases matched than were ranked (CANDIDATES): "150+".
    capped: bool = False
    # The situations the message fits (bot/situations.py).
    situations: list[str] = field(default_factory=list)
    # How well the best release fits the question (bot/search.py, SearchEngine.fit).
    fit: float | None = None
    # The answer line: passages that answer a question for a figure, a name... (bot/facts.py).
    facts: list[Fact] = field(default_factory=list)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.results) < self.total

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "query": self.query, "lang": self.lang, "intent": self.intent,
            "results": [r.as_json() for r in self.results], "total": self.total,
            "situations": self.situations,
        }
        if self.facts:
            data["answer"] = self.facts[0].as_json()
            if len(self.facts) > 1:
                data["answers"] = [fact.as_json() for fact in self.facts]
        if self.date_from and self.date_to:
            data["date_range"] = [self.date_from.isoformat(), self.date_to.isoformat()]
        if self.corrections:
            data["corrections"] = self.corrections
        if self.card is not None:
            data["card"] = self.card.as_json(self.lang)
        if self.message:
            data["message"] = self.message
        return data
