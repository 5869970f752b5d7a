"""The service every front end shares (CLI, terminal chat, Telegram).

`open_core(settings, data)` opens the release index (building it from the
releases bundled in data/records the first time) and the people state.
Front ends ask the core, never the stores. `Core.ask` is the one
question-answering entry point:

    distress (someone in danger)  -> help card with a calm line, then releases
    hotline (how to get help)     -> help card, then releases naming the channel
                                     (there first, for a province or a place)
    partner (just a partner name) -> partner card, then its releases, newest first
    anything else                 -> ranked releases
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from itertools import zip_longest
from typing import TYPE_CHECKING

from bot import language
from bot.alerts import collect_alerts, start_alerts
from bot.answers import Answer, Result
from bot.cards import HelpCard, PartnerCard
from bot.config import Settings
from bot.data import Data
from bot.followup import FollowUps
from bot.helplines import HelpChannel
from bot.i18n import REGIONAL_LANGS, Strings
from bot.index import TEXT_COLUMNS, ReleaseIndex, Stats
from bot.message import Message, read_message
from bot.query import QUERY_LANG, Group, Query, fts_phrase
from bot.records import canonical_url, clean_url
from bot.search import BaselineEngine, SearchEngine
from bot.situations import Situation
from bot.state import (
    SEARCH_DAYS,
    Lead,
    PendingAlert,
    PeopleState,
    SqliteState,
    Subscription,
    take_over_people_state,
)
from bot.thai import Segmenter

if TYPE_CHECKING:
    from bot.feeds import FeedResult
    from bot.fetch import FetchPolicy

# Words that may stand next to a partner's name and still ask only about it.
_PARTNER_FILLER = frozenset({
    "thailand", "คือ", "ใคร", "อะไร", "ทำอะไร", "บทบาท", "ภาคี", "องค์กร", "หน่วยงาน",
    "partner", "partners", "organisation", "organization", "agency", "role", "work",
})
# How many help channels a card shows, and one for a situation.
CARD_CHANNELS = 4
SITUATION_CHANNELS = 6
# Under a help card: at most this many releases, chosen among the best this many
# (only those about help for the situation, none that speaks of death), each topic
# of the situation counting this much beside the words of the message.
HELP_RELEASES = 3
HELP_RELEASES_SCANNED = 30
HELP_TOPIC_WEIGHT = 0.5
# The lexicon kinds that name a place: a release under a card is about the place named.
PLACE_KINDS = frozenset({"country", "province", "place"})
# ...and those of Thailand: a hotline question naming one wants releases that give a
# channel there ("แจ้งเบาะแสค้ามนุษย์ เชียงราย": the release that says to call 1567).
LOCAL_KINDS = frozenset({"province", "place"})
# How much naming a help channel counts when ranking releases for a hotline question.
CHANNEL_WEIGHT = 0.5
# ...and one for the kind of case the question names (see HelpChannel.cases).
CASE_CHANNEL_WEIGHT = 1.0
# A message that is only a link: a host with a dot, then a path.
_RE_LINK = re.compile(r"(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*", re.IGNORECASE)


@dataclass(frozen=True)
class _Need:
    """What a message calls for before any release (Core._need)."""

    distress: bool
    situations: list[Situation]
    hotline: bool

    @property
    def card(self) -> bool:
        return self.distress or bool(self.situations) or self.hotline


@dataclass
class Core:
    data: Data
    index: ReleaseIndex
    state: PeopleState
    engine: SearchEngine

    async def close(self) -> None:
        await asyncio.gather(self.index.close(), self.state.close())

    def close_without_loop(self) -> None:
        """Close from outside any event loop (see SqliteFile.close_without_loop)."""
        self.index.close_without_loop()
        self.state.close_without_loop()

    async def warm(self) -> None:
        """Build what the first questions would otherwise wait for (the bot does this)."""
        await asyncio.to_thread(language.warm)
        await self.engine.warm()

    @property
    def strings(self) -> Strings:
        return self.data.strings

    @cached_property
    def follow_ups(self) -> FollowUps:
        return FollowUps(self.engine.parser, self.data.lexicon, self.engine.segmenter)

    def read(self, text: str) -> Message:
        """A message as every reader of questions takes it (bot/message.py)."""
        return read_message(text)

    def follow_up(self, previous: str, text: str) -> str | None:
        """`text` as a follow-up of the question `previous` ("แล้วปี 2567 ล่ะ"): that
        question with the change; None when `text` is a question of its own or
        someone who needs help (bot/followup.py)."""
        merged = self.follow_ups.merge(previous, text)  # None at once without a mark
        if merged is None or self._need(self.read(text)).card:
            return None
        return merged

    def describe(self, concepts: Iterable[str], lang: str) -> str:
        """What a release is about, from the concepts recognised in it."""
        return self.data.lexicon.describe(concepts, lang)

    # --- answers -------------------------------------------------------------------

    async def ask(self, message: Message, *, limit: int = 10, offset: int = 0,
                  reader: str | None = None, timeline: bool = False) -> Answer:
        """Answer a question: find its intent, then the card and the releases (none for
        a greeting or a thank-you: see data/small_talk.toml). A card is made for the
        `reader`'s language (else the message's); `timeline` lists the releases by
        month as "timeline ..." would."""
        reader = reader or message.lang or QUERY_LANG
        need = self._need(message)
        if need.situations or need.distress:
            return await self._help_first(message, reader, need)
        if need.hotline:
            return await self._hotline(message, reader, limit, offset)
        talk = self.data.small_talk.kind(message)
        if talk is not None:  # the welcome shows the hotline's number
            return Answer(query=message.text, lang=message.lang or QUERY_LANG, intent=talk,
                          card=self.help_card(reader) if talk == "greeting" else None)
        link = release_link(message.text)
        if link is not None:
            return await self._linked(message, link)
        query = await self.engine.parse(message)
        query.timeline |= timeline
        partner_id = self._partner_only(query)
        if partner_id is not None:
            return await self._partner(query, partner_id, limit, offset)
        answer = await self.engine.search(query, limit=limit, offset=offset)
        partner_id = self._partner_asked(query)
        if partner_id is not None and answer.results:
            # "IOM partnership", "IOM ร่วมมือกับ พม. เรื่องอะไรบ้าง": who the partner is
            # comes first, then the releases about the question.
            answer.card = await self._partner_card(partner_id)
        return answer

    async def card_first(self, message: Message, reader: str) -> HelpCard | None:
        """The help card `ask` will put first for this message, if any: quick (rules
        and the question's places), so that it can be sent before the releases under
        it are searched."""
        need = self._need(message)
        if not need.card:
            return None
        return self._card(need, reader, await self.engine.parse(message))

    def needs_help(self, message: Message) -> bool:
        """Whether `ask` would answer with a help card first (quick: rules only)."""
        return self._need(message).card

    def _need(self, message: Message) -> _Need:
        """What the rules read in a message: distress, situations, a hotline question
        (asked only of a message that is neither)."""
        distress = self.data.distress_rule.judge(message).distress
        situations = self.data.situations.of_message(message, distress=distress)
        hotline = (not (distress or situations)
                   and self.data.hotline_rule.judge(message).distress)
        return _Need(distress, situations, hotline)

    def _card(self, need: _Need, reader: str, query: Query) -> HelpCard:
        """The card for what a message needs: the general card for a hotline question,
        else the one for its situations and the places it names, with a calm line."""
        if need.hotline:
            return self.help_card(reader, cases=_concepts(query))
        return self.help_card(reader, reassure=True, situations=need.situations,
                              places=_places(query))

    async def baseline(self, message: Message, *, limit: int) -> Answer:
        """The plain bm25 baseline the evaluation compares the engine with."""
        return await BaselineEngine(self.index, self.engine.segmenter).search(message,
                                                                              limit=limit)

    async def _linked(self, message: Message, link: str) -> Answer:
        """A message that is only a link: the release it links to, else "off_topic"."""
        answer = Answer(query=message.text, lang=message.lang or QUERY_LANG)
        found = await self.index.release_at(link)
        if found is None:
            answer.message = "off_topic"
            return answer
        releases = await self.index.releases([found])
        answer.results = [Result.from_stored(r) for r in releases.values()]
        answer.total = len(answer.results)
        return answer

    async def newest(self, *, limit: int, offset: int = 0) -> Answer:
        """The newest releases, a page at a time."""
        releases, total = await self.index.newest(limit=limit, offset=offset)
        return Answer(query="", lang="", offset=offset, total=total,
                      results=[Result.from_stored(r) for r in releases])

    def help_card(self, lang: str, *, reassure: bool = False,
                  situations: Sequence[Situation] = (), places: Set[str] = frozenset(),
                  cases: Set[str] = frozenset()) -> HelpCard:
        """The help channels, one per number, the 1300 hotline first; then those for
        the kinds of case `cases` names (lexicon concepts); for a reader of another
        language than Thai or English, those that speak it next. Then what works from
        outside Thailand. For situations, each one's channels first (a channel for
        some places only, an embassy, when the message names one of them)."""
        if situations:
            return self._situation_card(lang, situations, places)
        first = self.data.help_channels[0]
        ordered = sorted(self.data.help_channels, key=lambda c: (
            c is not first, cases.isdisjoint(c.cases),
            lang not in REGIONAL_LANGS or lang not in c.languages, c.priority))
        seen: set[str] = set()
        chosen: list[HelpChannel] = []
        for channel in ordered:
            if channel.contact not in seen:
                seen.add(channel.contact)
                chosen.append(channel)
        abroad = tuple(c for c in self.data.help_channels if c.abroad)
        return HelpCard(tuple(chosen[:CARD_CHANNELS]), abroad, reassure)

    def _situation_card(self, lang: str, situations: Sequence[Situation],
                        places: Set[str]) -> HelpCard:
        # Each situation's first channel, the most urgent situation's first; then each
        # one's second, and so on: every situation keeps its best channels on the card.
        lists = [[c for c in s.channels if not c.places or not places.isdisjoint(c.places)]
                 for s in situations]
        first = self.data.help_channels[0]  # the 1300 hotline stays on every card
        wanted = [c for rank in zip_longest(*lists) for c in rank if c is not None]
        wanted += [first, *(self.speaking(lang) if lang in REGIONAL_LANGS else [])]
        chosen: list[HelpChannel] = []
        for channel in wanted:
            if all(c.contact != channel.contact for c in chosen):
                chosen.append(channel)
        chosen = chosen[:SITUATION_CHANNELS]
        if first not in chosen:
            chosen[-1] = first
        abroad = tuple(c for c in self.data.help_channels
                       if c.abroad) if any(s.abroad for s in situations) else ()
        return _card_for(tuple(chosen), abroad, situations)

    def help_card_from_key(self, key: str) -> tuple[HelpCard, str] | None:
        """The help card a key names (HelpCard.key) and its language; None for a key
        this data cannot make again (a channel or situation since removed)."""
        try:
            lang, reassure, situation_ids, channel_ids, abroad_ids = json.loads(key)
            channels = {c.id: c for c in self.data.help_channels}
            by_id = {s.id: s for s in self.data.situations.situations}
            situations = [by_id[i] for i in situation_ids]
            card = _card_for(tuple(channels[i] for i in channel_ids),
                             tuple(channels[i] for i in abroad_ids), situations)
        except (ValueError, TypeError, KeyError):
            return None
        if not situations:
            card = HelpCard(card.channels, card.abroad, reassure=bool(reassure))
        return card, str(lang)

    async def _help_first(self, message: Message, reader: str, need: _Need) -> Answer:
        """The help card that fits, then at most a few releases about help for it: none
        for thoughts of suicide, none that speaks of death, no rewritten search."""
        query = await self.engine.parse(message)
        places = _places(query)
        situations = need.situations
        answer = Answer(query=message.text, lang=query.lang,
                        intent="distress" if need.distress else "situation",
                        card=self._card(need, reader, query),
                        situations=[s.id for s in situations])
        if not all(s.releases for s in situations):
            return answer
        topics = dict.fromkeys(t for s in situations for t in s.topics)
        query.groups = [*query.groups, *(
            self.engine.parser.concept_group(self.data.lexicon.by_id[t], HELP_TOPIC_WEIGHT)
            for t in topics)]
        found = await self.engine.search(query, limit=HELP_RELEASES_SCANNED)
        # Those about a place the message names first ("tricked into work in Taiwan"
        # wants what was said about Taiwan), those mostly about help on the topics
        # before those that speak of it; else in the order of the search.
        fits = [(places.isdisjoint(r.concepts), fit, n, r) for n, r in enumerate(found.results)
                if (fit := self.data.situations.fit(
                    set(topics), (r.title, r.summary, r.snippet), r.concepts)) is not None]
        answer.results = [r for *_, r in sorted(fits)[:HELP_RELEASES]]
        answer.total = len(answer.results)
        return answer

    def speaking(self, lang: str) -> list[HelpChannel]:
        """The help channels whose interpreters (or app) speak `lang`."""
        return [c for c in self.data.help_channels if lang in c.languages]

    async def partner_cards(self, lang: str) -> list[PartnerCard]:
        """Every partner's card, the most often named first."""
        stats = await self.index.partner_stats()
        cards = [PartnerCard(p, *stats.get(p.id, (0, None))) for p in self.data.partners]
        return sorted(cards, key=lambda c: (-c.releases, c.partner.name(lang)))

    async def partner_answer(self, partner_id: str, lang: str, *, limit: int) -> Answer | None:
        """A partner's card and its newest releases (None for an unknown partner)."""
        partner = self.data.partner(partner_id)
        if partner is None:
            return None
        return await self.ask(read_message(partner.short or partner.name(lang)), limit=limit)

    async def stats(self) -> Stats:
        return await self.index.stats()

    async def _hotline(self, message: Message, reader: str, limit: int, offset: int) -> Answer:
        """The help card, then releases on the question that name a help channel: one
        for the kind of case it names first ("where to report online child sexual
        abuse": the release that gives the TICAC website)."""
        query = await self.engine.parse(message)
        cases = _concepts(query)
        card = self.help_card(reader, cases=cases)
        if query.groups:
            query.groups[:] = [replace(g, first=True) if g.concept is not None
                               and g.concept.kind in LOCAL_KINDS else g for g in query.groups]
            local = any(g.first for g in query.groups)
            query.groups.append(_channels("help_channels", self.data.help_channels,
                                          CHANNEL_WEIGHT, first=local))
            for_case = [c for c in self.data.help_channels if not cases.isdisjoint(c.cases)]
            if for_case:
                query.groups.append(_channels("case_channels", for_case, CASE_CHANNEL_WEIGHT))
        answer = await self.engine.search(query, limit=limit, offset=offset)
        if not answer.results and offset == 0:
            fallback = await self.engine.parse(read_message(card.channels[0].contact))
            answer = await self.engine.search(fallback, limit=limit)
        answer.query, answer.intent, answer.card = message.text, "hotline", card
        # The card answers where to call; a passage about a venue would not.
        answer.message, answer.facts = None, []
        return answer

    def _partner_only(self, query: Query) -> str | None:
        """The partner a question names, if it asks about nothing else."""
        partners = [g.concept.id for g in query.groups
                    if g.concept is not None and g.concept.kind == "partner"]
        others = [g.label for g in query.groups
                  if g.concept is None or g.concept.kind != "partner"]
        if len(partners) == 1 and not query.date_range and set(others) <= _PARTNER_FILLER:
            return partners[0]
        return None

    def _partner_asked(self, query: Query) -> str | None:
        """The first partner a question names when the rest only says how partners
        work together (everyday news words: "partnership", "cooperation")."""
        partners = [g.concept.id for g in query.groups
                    if g.concept is not None and g.concept.kind == "partner"]
        rest = [g for g in query.groups if g.concept is None or g.concept.kind != "partner"]
        if partners and all(g.label in _PARTNER_FILLER or (
                g.concept is not None and g.concept.kind == "general") for g in rest):
            return partners[0]
        return None

    async def _partner(self, query: Query, partner_id: str, limit: int, offset: int) -> Answer:
        group = self.engine.parser.concept_group(self.data.lexicon.by_id[partner_id])
        releases, total = await self.index.newest_matching(group.expression, limit=limit,
                                                           offset=offset)
        return Answer(
            query=query.text, lang=query.lang, intent="partner", total=total, offset=offset,
            card=await self._partner_card(partner_id),
            results=[Result.from_stored(r) for r in releases],
        )

    async def _partner_card(self, partner_id: str) -> PartnerCard:
        partner = self.data.partner(partner_id)
        assert partner is not None, partner_id  # partners are lexicon concepts
        count, latest = (await self.index.partner_stats()).get(partner_id, (0, None))
        return PartnerCard(partner, count, latest)

    # --- what the bot keeps about people (bot/state.py) ----------------------------

    search_days = SEARCH_DAYS

    async def language_choice(self, user_id: int) -> str | None:
        return await self.state.user_language(user_id)

    async def choose_language(self, user_id: int, lang: str) -> None:
        await self.state.set_user_language(user_id, lang)

    async def forget(self, user_id: int) -> None:
        """Delete everything kept with this user id."""
        await self.state.forget_user(user_id)

    async def save_search(self, query: str) -> str:
        """Keep a search text, with no user id, for its page buttons; its key."""
        return await self.state.save_search(query)

    async def saved_search(self, key: str) -> str | None:
        return await self.state.load_search(key)

    # --- help cards not yet delivered ----------------------------------------------

    async def hold_card(self, chat_id: int, card: str) -> int:
        return await self.state.hold_card(chat_id, card)

    async def card_sent(self, held: int) -> None:
        await self.state.card_sent(held)

    async def held_cards(self) -> list[tuple[int, int, str, datetime]]:
        return await self.state.held_cards()

    # --- subscriptions and alerts (bot/alerts.py) ------------------------------------

    async def subscribe(self, chat_id: int, words: str, lang: str) -> bool:
        """Save a chat's subscription to `words` ("": every new release); False if
        it has it already."""
        return await self.state.subscribe(chat_id, words, lang)

    async def subscriptions(self, chat_id: int) -> list[Subscription]:
        return await self.state.subscriptions(chat_id)

    async def unsubscribe(self, chat_id: int, subscription_id: int | None = None) -> int:
        return await self.state.unsubscribe(chat_id, subscription_id)

    async def forget_chat(self, chat_id: int) -> None:
        await self.state.forget_chat(chat_id)

    async def lead(self) -> Lead:
        """Whether this process runs the jobs its replicas must run once."""
        return await self.state.lead()

    async def start_alerts(self) -> None:
        """Mark what the index holds as seen, unless alerts started on it before."""
        await start_alerts(self.index, self.state)

    async def collect_alerts(self) -> int:
        """Queue alerts for the releases indexed since the last look; how many."""
        return await collect_alerts(self.index, self.state, self.engine, self.read)

    async def pending_alerts(self) -> list[PendingAlert]:
        return await self.state.pending_alerts()

    async def alert_sent(self, alert_id: int) -> None:
        await self.state.alert_sent(alert_id)

    async def releases(self, ids: Sequence[int]) -> list[Result]:
        """These releases, newest first (those no longer indexed left out)."""
        found = await self.index.releases(ids)
        links = await self.index.other_links(found)
        return sorted((Result.from_stored(r, links=tuple(links.get(r.id, ())))
                       for r in found.values()), key=lambda r: (r.date, r.id), reverse=True)

    async def alert_list(self, key: str) -> list[int] | None:
        """The releases behind an alert's "see them all" button, in the order they were
        indexed (None once expired)."""
        return await self.state.alert_list(key)

    async def update_feeds(self, policy: FetchPolicy) -> list[FeedResult]:
        """Read every feed once and index what is new (the bot's scheduled update)."""
        # Imported here: feed parsing is for the bot's scheduled update, not for
        # every `atbot ask` (0.1 s of start-up).
        from bot.feeds import update_feeds

        return await update_feeds(self.index, self.data, policy)


def release_link(text: str) -> str | None:
    """For a message that is only a link, the link as releases are stored
    (`canonical_url` of `clean_url`); None for any other message.

    >>> release_link("thaigov.go.th/news/contents/details/87052/?utm_source=line")
    'https://www.thaigov.go.th/news/contents/details/87052'
    >>> release_link("IOM 2024") is None
    True
    """
    found = _RE_LINK.fullmatch(text.strip())
    if found is None:
        return None
    link = found.group()
    return canonical_url(clean_url(link if "://" in link else f"https://{link}"))


def _concepts(query: Query, kinds: Set[str] | None = None) -> set[str]:
    """The lexicon concepts a question names (of these kinds only, if given)."""
    return {g.concept.id for g in query.groups
            if g.concept is not None and (kinds is None or g.concept.kind in kinds)}


def _channels(label: str, channels: Sequence[HelpChannel], weight: float, *,
              first: bool = False) -> Group:
    """A group of the question that finds releases giving one of these channels in
    their text (not in a hashtag: "#1300" tags every release of the ministry)."""
    contacts = tuple(dict.fromkeys(c.contact for c in channels))
    return Group(label, tuple(f"{{{TEXT_COLUMNS}}} : {fts_phrase(c)}" for c in contacts),
                 tuple(c.lower() for c in contacts), weight=weight, first=first)


def _places(query: Query) -> set[str]:
    """The places a question names (a card lists the channels for those places)."""
    return _concepts(query, PLACE_KINDS)


def _card_for(channels: tuple[HelpChannel, ...], abroad: tuple[HelpChannel, ...],
              situations: Sequence[Situation]) -> HelpCard:
    """A situations' help card: their calm line and notes, with where the notes come from."""
    return HelpCard(channels, abroad, reassure=True,
                    situations=tuple(s.id for s in situations),
                    calm=next((s.id for s in situations if s.calm), ""),
                    notes=tuple(s.id for s in situations if s.note_sources),
                    note_sources=tuple(dict.fromkeys(
                        url for s in situations for url in s.note_sources)))


async def open_core(settings: Settings, data: Data) -> Core:
    """Open the stores (building the index from data/records if it is empty)."""
    state: PeopleState
    if settings.state_url:
        # asyncpg is loaded only where PostgreSQL is configured.
        from bot.state_pg import PostgresState

        state = await PostgresState.open(settings.state_url)
    else:
        await take_over_people_state(settings.state_path, settings.db_path)
        state = await SqliteState.open(settings.state_path)
    try:
        index = await ReleaseIndex.open(settings.db_path)
    except BaseException:
        await state.close()
        raise
    try:
        if await index.count() == 0:
            # The ingest pipeline is loaded only for this first build.
            from bot.ingest import ingest

            await ingest(index, [str(data.records)], data, all_topics=True, workers=0)
        engine = SearchEngine(index, data.lexicon, Segmenter(data.lexicon.segmenter_words()),
                              data.topic_rule)
        await engine.refresh()
    except BaseException:
        await asyncio.gather(index.close(), state.close())
        raise
    return Core(data, index, state, engine)
