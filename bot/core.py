"""The service every front end shares (CLI, terminal chat, Telegram).

`open_core(settings)` opens the index (building it from the releases bundled
in data/records the first time) and loads what data/ holds. `Core.ask` is
the one question-answering entry point:

    distress (someone in danger)  -> help card with a calm line, then releases
    hotline (how to get help)     -> help card, then releases naming the channel
    partner (just a partner name) -> partner card, then its releases, newest first
    anything else                 -> ranked releases
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.cards import HelpCard, PartnerCard
from bot.config import Settings
from bot.helplines import HelpChannel, load_help_channels
from bot.ingest import IngestReport, ingest
from bot.intents import SignalRule
from bot.lexicon import Lexicon
from bot.partners import Partner, load_partners
from bot.query import Group, Query, fts_phrase
from bot.search import Answer, Result, SearchEngine
from bot.store import Store
from bot.thai import Segmenter

# Words that may stand next to a partner's name and still ask only about it.
_PARTNER_FILLER = frozenset({
    "thailand", "คือ", "ใคร", "อะไร", "ทำอะไร", "บทบาท", "ภาคี", "องค์กร", "หน่วยงาน",
    "partner", "partners", "organisation", "organization", "agency", "role", "work",
})
# How many help channels a card shows.
CARD_CHANNELS = 4
# How much naming a help channel counts when ranking releases for a hotline question.
CHANNEL_WEIGHT = 0.5


@dataclass
class Core:
    settings: Settings
    store: Store
    lexicon: Lexicon
    segmenter: Segmenter
    engine: SearchEngine
    help_channels: list[HelpChannel]
    partners: dict[str, Partner]
    distress_rule: SignalRule
    hotline_rule: SignalRule

    async def close(self) -> None:
        await self.store.close()

    def help_card(self, *, reassure: bool = False) -> HelpCard:
        """The help channels, one per number, the 1300 hotline first."""
        seen: set[str] = set()
        chosen: list[HelpChannel] = []
        for channel in self.help_channels:
            if channel.contact not in seen:
                seen.add(channel.contact)
                chosen.append(channel)
        return HelpCard(tuple(chosen[:CARD_CHANNELS]), reassure)

    async def partner_card(self, partner_id: str) -> PartnerCard:
        count, latest = (await self.store.partner_stats()).get(partner_id, (0, None))
        return PartnerCard(self.partners[partner_id], count, latest)

    async def ask(self, text: str, *, limit: int = 10, offset: int = 0) -> Answer:
        """Answer a question: find its intent, then the card and the releases."""
        if self.distress_rule.judge(text).distress:
            answer = await self.engine.search(text, limit=limit, offset=offset)
            answer.intent, answer.card = "distress", self.help_card(reassure=True)
            return answer
        if self.hotline_rule.judge(text).distress:
            return await self._hotline(text, limit, offset)
        query = self.engine.parser.parse(text)
        partner_id = self._partner_only(query)
        if partner_id is not None:
            return await self._partner(query, partner_id, limit, offset)
        return await self.engine.search(text, limit=limit, offset=offset, parsed=query)

    async def _hotline(self, text: str, limit: int, offset: int) -> Answer:
        """The help card, then releases on the question that name a help channel."""
        card = self.help_card()
        contacts = tuple(dict.fromkeys(c.contact for c in self.help_channels))
        channels = Group("help_channels", tuple(fts_phrase(c) for c in contacts),
                         tuple(c.lower() for c in contacts), weight=CHANNEL_WEIGHT)
        answer = await self.engine.search(text, limit=limit, offset=offset, also=channels)
        if not answer.results and offset == 0:
            answer = await self.engine.search(card.channels[0].contact, limit=limit)
        answer.query, answer.intent, answer.card = text, "hotline", card
        answer.message = None
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

    async def _partner(self, query: Query, partner_id: str, limit: int, offset: int) -> Answer:
        group = self.engine.parser.concept_group(self.lexicon.by_id[partner_id])
        releases, total = await self.store.newest_matching(group.expression, limit=limit,
                                                           offset=offset)
        return Answer(
            query=query.text, lang=query.lang, intent="partner", total=total, offset=offset,
            card=await self.partner_card(partner_id),
            results=[Result(r.id, r.url, r.title, r.date, r.lang, r.summary, "", 0.0, r.concepts)
                     for r in releases],
        )


async def index_bundled_records(store: Store, settings: Settings) -> IngestReport:
    """Index the releases shipped in data/records (all of them, on topic or not)."""
    return await ingest(store, [str(settings.records_dir)], settings.data_dir,
                        all_topics=True, workers=0)


async def open_core(settings: Settings, *, build_if_empty: bool = True) -> Core:
    store = await Store.open(settings.db_path)
    try:
        if build_if_empty and await store.count() == 0 and settings.records_dir.is_dir():
            await index_bundled_records(store, settings)
        data = settings.data_dir
        lexicon = Lexicon.load(data)
        segmenter = Segmenter(lexicon.segmenter_words())
        engine = SearchEngine(store, lexicon, segmenter)
        await engine.refresh()
        channels = load_help_channels(data / "help_channels.toml")
        numbers = [c.contact for c in channels if c.kind == "phone"]
        hotline_rule = SignalRule.from_toml(data / "hotline.toml", extra={
            "name": "a help channel's number", "weight": 3, "situation": True, "en": numbers,
        })
    except BaseException:
        await store.close()
        raise
    return Core(
        settings, store, lexicon, segmenter, engine, channels,
        {p.id: p for p in load_partners(data / "partners.toml")},
        SignalRule.from_toml(data / "distress.toml"), hotline_rule,
    )
