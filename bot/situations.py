"""Situations: help that fits what a person is going through (data/situations.toml).

Beside the distress rule (someone is in danger), a few situations each have
their own signals, written like the distress rule's (bot/intents.py), and
their own card: thoughts of suicide, someone abroad, work at sea, a job offer
that may be a lure, a returnee afraid of arrest, a missing relative. A message
may fit several; the card then carries each one's channels once, the most
urgent situation first (the file's order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Annotated

import msgspec

from bot.helplines import HelpChannel
from bot.intents import SignalGroupSpec, SignalRule, SignalRuleSpec
from bot.matcher import TermMatcher
from bot.message import Message

# What a release is mostly about: its most frequent concepts, this many.
SALIENT_CONCEPTS = 12


class Cite(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A release (its URL) and its exact words (tests/test_sources.py checks them)."""

    url: str
    quote: str


class SituationSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """One [[situation]] of the file."""

    id: str
    # Help channels (data/help_channels.toml ids), in the order the card lists them.
    channels: Annotated[list[str], msgspec.Meta(min_length=1)]
    # Whether releases may follow the card (never for thoughts of suicide).
    releases: bool = True
    # Lexicon concepts the releases under the card should be about (a release speaks
    # of one at least); needed when releases follow the card.
    topics: list[str] = []
    # The languages of the people it serves (none: everyone). The consular channels
    # serve Thai nationals: a Burmese worker held in Myawaddy is at home there.
    langs: list[str] = []
    # How much it counts that the distress rule (data/distress.toml) found someone
    # in danger: "stuck in Dubai, they took my passport" is someone abroad in trouble.
    distress_weight: int = 0
    # The releases stating what the card's note says (catalog key situation_<id>_note);
    # a situation without them has no note.
    note: list[Cite] = []
    # The card has its own calm line (catalog key situation_<id>_calm) in place of the
    # general one, and lists what works from outside Thailand.
    calm: bool = False
    abroad: bool = False
    threshold: int
    group: Annotated[list[SignalGroupSpec], msgspec.Meta(min_length=1)]


class SituationsFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """data/situations.toml."""

    # Languages whose terms await a native speaker's review.
    awaiting_review: list[str] = []
    # Groups that count in every situation (who writes; a news question).
    shared: list[SignalGroupSpec] = []
    # Lexicon concepts of help: a release under a card speaks of one at least
    # (rescue, return, protection, prevention), beside one of its situation's topics.
    help_topics: Annotated[list[str], msgspec.Meta(min_length=1)]
    # Words that keep a release from being shown under a help card (deaths, killings),
    # and longer words that hold one of them without that meaning (ศพดส., a police centre).
    harmful: Annotated[list[str], msgspec.Meta(min_length=1)]
    harmless: list[str] = []
    situation: Annotated[list[SituationSpec], msgspec.Meta(min_length=1)]


@dataclass(frozen=True)
class Situation:
    """A situation, ready to recognise and to answer."""

    id: str
    rule: SignalRule
    channels: tuple[HelpChannel, ...]
    releases: bool
    topics: tuple[str, ...]
    # The releases its note cites (none: no note).
    note_sources: tuple[str, ...]
    distress_weight: int
    langs: frozenset[str]
    calm: bool
    abroad: bool

    def fits(self, message: Message, *, distress: bool) -> bool:
        """Does the message fit (`distress`: the distress rule found someone in danger)?"""
        if self.langs and message.lang not in self.langs:
            return False
        verdict = self.rule.judge(message)
        score = verdict.score + (self.distress_weight if distress else 0)
        return verdict.situation and score >= self.rule.threshold


@dataclass(frozen=True)
class Situations:
    """Every situation, in order of urgency, and the words that keep a release off
    a help card."""

    situations: tuple[Situation, ...]
    harmful: TermMatcher[bool]
    awaiting_review: tuple[str, ...]
    help_topics: frozenset[str]

    @classmethod
    def of(cls, spec: SituationsFile, channels: Mapping[str, HelpChannel]) -> Situations:
        """Raises KeyError naming a channel the help channels lack."""
        return cls(
            tuple(Situation(
                s.id, SignalRule(SignalRuleSpec(threshold=s.threshold,
                                                group=[*s.group, *spec.shared])),
                tuple(channels[c] for c in s.channels), s.releases, tuple(s.topics),
                tuple(c.url for c in s.note), s.distress_weight, frozenset(s.langs),
                s.calm, s.abroad,
            ) for s in spec.situation),
            TermMatcher([*((w, True) for w in spec.harmful), *((w, False) for w in spec.harmless)],
                        prefixes=True),
            tuple(spec.awaiting_review),
            frozenset(spec.help_topics),
        )

    def of_message(self, message: Message, *, distress: bool) -> list[Situation]:
        """The situations a message fits, the most urgent first."""
        return [s for s in self.situations if s.fits(message, distress=distress)]

    def fit(self, topics: Set[str], texts: Iterable[str], concepts: Sequence[str]) -> int | None:
        """How well a release (its title, summary and snippet; the concepts it speaks
        of, the most frequent first) fits under a help card for these `topics` (those
        of its situations): 0 when it is mostly about help on one of them, 1 when it
        speaks of both, None when it may not follow the card (it lacks either, or it
        speaks of death). Without topics (someone in danger, in none of the
        situations), any release that does not speak of death fits."""
        if self.is_harmful(texts):
            return None
        if not topics:
            return 0
        salient = set(concepts[:SALIENT_CONCEPTS])
        if not self.help_topics.isdisjoint(salient) and not topics.isdisjoint(salient):
            return 0
        about = set(concepts)
        if not self.help_topics.isdisjoint(about) and not topics.isdisjoint(about):
            return 1
        return None

    def is_harmful(self, texts: Iterable[str]) -> bool:
        """Does any of these texts (a title, a summary, a snippet) speak of death?"""
        for text in texts:
            found = self.harmful.find(text)
            harmless = [(f.start, f.end) for f in found if not f.value]
            if any(f.value and not any(s <= f.start and f.end <= e for s, e in harmless)
                   for f in found):
                return True
        return False
