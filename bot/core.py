"""The search service every front end shares (CLI, terminal chat, Telegram).

`open_core(settings)` opens the index, building it from the releases bundled
in data/records the first time, and loads the lexicon and the segmenter.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.ingest import IngestReport, ingest
from bot.lexicon import Lexicon
from bot.search import SearchEngine
from bot.store import Store
from bot.thai import Segmenter


@dataclass
class Core:
    settings: Settings
    store: Store
    lexicon: Lexicon
    segmenter: Segmenter
    engine: SearchEngine

    async def close(self) -> None:
        await self.store.close()


async def index_bundled_records(store: Store, settings: Settings) -> IngestReport:
    """Index the releases shipped in data/records (all of them, on topic or not)."""
    return await ingest(store, [str(settings.records_dir)], settings.data_dir,
                        all_topics=True, workers=0)


async def open_core(settings: Settings, *, build_if_empty: bool = True) -> Core:
    store = await Store.open(settings.db_path)
    try:
        if build_if_empty and await store.count() == 0 and settings.records_dir.is_dir():
            await index_bundled_records(store, settings)
        lexicon = Lexicon.load(settings.data_dir)
        segmenter = Segmenter(lexicon.segmenter_words())
        engine = SearchEngine(store, lexicon, segmenter)
        await engine.refresh()
    except BaseException:
        await store.close()
        raise
    return Core(settings, store, lexicon, segmenter, engine)
