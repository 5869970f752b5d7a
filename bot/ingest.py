"""Release files in, index entries out: read, filter, parse, segment, store.

    inputs -> [reader thread] decode, topic rule, parse, skip unchanged
           -> [worker processes] segment Thai, find concepts, summarise
           -> [event loop] one transaction per batch (aiosqlite)

A killed ingest loses at most the batch in flight; the database stays
consistent (WAL) and the next run skips what is already stored, unchanged.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import threading
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from bot.data import Data
from bot.index import IndexEntry, ReleaseIndex
from bot.lexicon import Lexicon, TopicRule
from bot.records import ParseError, Release, check_layout, decode_text, parse_release
from bot.romanize import Romanizer, name_candidates
from bot.sources import iter_items
from bot.sqlite import utc_now
from bot.summary import summarize
from bot.thai import WORD_SEP, Segmenter

# Bump when what ingest derives from a release changes (segmentation, summary...).
# 5: the names found in a release are stored with it.
PIPELINE_VERSION = 45
DEFAULT_BATCH_SIZE = 100
DEFAULT_WORKERS = 1
# Below this many releases, a worker pool costs more than it saves.
_POOL_THRESHOLD = 2
_MAX_REASONS = 20


@dataclass
class IngestReport:
    """What one ingest did; `failures` lists (file, reason)."""

    read: int = 0
    indexed: int = 0
    new: int = 0
    unchanged: int = 0
    off_topic: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary_lines(self) -> list[str]:
        lines = [
            f"files read:  {self.read}",
            f"indexed:     {self.indexed} ({self.new} new, {self.indexed - self.new} updated)",
            f"unchanged:   {self.unchanged}",
            f"off-topic:   {self.off_topic}",
            f"failed:      {self.failed}",
        ]
        reasons = Counter(reason for _, reason in self.failures)
        for name, reason in self.failures[:_MAX_REASONS]:
            lines.append(f"  {name}: {reason}")
        if self.failed > _MAX_REASONS:
            lines.append(f"  ... and {self.failed - _MAX_REASONS} more; by reason:")
            lines += [f"    {n} x {reason}" for reason, n in reasons.most_common()]
        return lines


# --- preparing entries (runs in worker processes) ----------------------------

_worker: _Preparer | None = None


class _Preparer:
    """Turns releases into index entries; one per process (dictionary loaded once)."""

    def __init__(self, lexicon: Lexicon, topic_rule: TopicRule) -> None:
        self.lexicon = lexicon
        self.topic_rule = topic_rule
        self.segmenter = Segmenter(self.lexicon.segmenter_words())
        self.finder = self.lexicon.finder

    def prepare(self, release: Release, digest: str) -> IndexEntry:
        segment = self.segmenter.index_text
        title_text = segment(release.title)
        body_text = "\n".join(segment(p) for p in release.paragraphs)
        tags_text = " ".join(segment(tag) for tag in release.hashtags)
        counts: Counter[str] = Counter()
        for part in (title_text, body_text, tags_text):
            counts.update(m.value.id for m in self.finder.find(part))
        concepts = tuple(concept for concept, _ in counts.most_common())
        tokens = " ".join(self.lexicon.by_id[c].token for c in concepts)
        return IndexEntry(
            url=release.url,
            title=release.title,
            date=release.date,
            lang=release.lang,
            category=release.category,
            hashtags=release.hashtags,
            summary=summarize(release.title, release.paragraphs, release.lang,
                              self.topic_rule.score),
            concepts=concepts,
            content_hash=digest,
            source_name=release.source_name,
            title_text=title_text,
            body_text=body_text,
            extra_text=f"{tags_text}\n{tokens}".strip(),
            names=tuple(sorted(name_candidates(f"{title_text}\n{body_text}",
                                               self.segmenter.dictionary,
                                               self.lexicon.stopwords, WORD_SEP))),
            length=len(release.title) + sum(len(p) for p in release.paragraphs),
        )


def _init_worker(lexicon: Lexicon, topic_rule: TopicRule) -> None:
    global _worker
    _worker = _Preparer(lexicon, topic_rule)


def _prepare_batch(batch: Sequence[tuple[Release, str]]) -> list[IndexEntry]:
    assert _worker is not None, "worker not initialised"
    return [_worker.prepare(release, digest) for release, digest in batch]


# --- reading (runs in a thread) ------------------------------------------------

Batch = list[tuple[Release, str]]


class _Reader:
    """Reads every input and hands over batches of new or changed releases."""

    def __init__(
        self, rule: TopicRule, known: dict[str, str], fingerprint: str,
        report: IngestReport, *, all_topics: bool, batch_size: int, user_agent: str = "atbot",
    ) -> None:
        self.rule = rule
        self.known = known
        self.fingerprint = fingerprint
        self.report = report
        self.all_topics = all_topics
        self.batch_size = batch_size
        self.user_agent = user_agent
        self.stop = threading.Event()

    def run(self, inputs: Sequence[str], emit: Callable[[Batch | None], None],
            progress: Callable[[int], None]) -> None:
        batch: Batch = []
        try:
            for spec in inputs:
                for item in iter_items(spec, progress, self.user_agent):
                    if self.stop.is_set():
                        return
                    found = self._take(item.name, item.data, item.error)
                    if found:
                        batch.append(found)
                    if len(batch) >= self.batch_size:
                        emit(batch)
                        batch = []
            if batch:
                emit(batch)
        finally:
            emit(None)

    def _take(self, name: str, data: bytes | None, error: str | None) -> tuple[Release, str] | None:
        if error is not None or data is None:
            self.report.failures.append((name, error or "no data"))
            return None
        self.report.read += 1
        try:
            text = decode_text(data, name)
            if not self.all_topics and not self.rule.accepts(text):
                check_layout(text, name)
                self.report.off_topic += 1
                return None
            release = parse_release(text, name)
        except ParseError as problem:
            self.report.failures.append((name, problem.reason))
            return None
        return self.take_release(release)

    def take_release(self, release: Release) -> tuple[Release, str] | None:
        """The release and its digest, unless it is stored unchanged."""
        digest = hashlib.sha1(f"{release.content_hash()} {self.fingerprint}".encode()).hexdigest()
        if self.known.get(release.url) == digest:
            self.report.unchanged += 1
            return None
        if release.url not in self.known:
            self.report.new += 1
        self.known[release.url] = digest
        return release, digest


# --- the whole run --------------------------------------------------------------


async def ingest(
    index: ReleaseIndex,
    inputs: Sequence[str],
    data: Data,
    *,
    all_topics: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    user_agent: str = "atbot",
) -> IngestReport:
    """Index the releases in `inputs` (files, folders, archives, URLs) into `index`."""
    loop = asyncio.get_running_loop()
    report = IngestReport()
    reader = await _reader(index, data, report, all_topics=all_topics, batch_size=batch_size,
                           user_agent=user_agent)
    queue: asyncio.Queue[Batch | None] = asyncio.Queue(maxsize=2)

    def emit(batch: Batch | None) -> None:
        asyncio.run_coroutine_threadsafe(queue.put(batch), loop).result()

    reading = loop.run_in_executor(None, reader.run, list(inputs), emit, progress or _ignore)
    writer = _Writer(index, data, workers)
    try:
        while (batch := await queue.get()) is not None:
            report.indexed += await writer.submit(batch)
        report.indexed += await writer.drain()
        await reading
        await asyncio.to_thread(writer.close, wait=True)
    finally:
        reader.stop.set()
        while not reading.done():  # let the reader thread see the stop and finish
            try:
                queue.get_nowait()
            except asyncio.QueueEmpty:
                await asyncio.sleep(0.01)
        writer.close()
    await _finish(index, data, report)
    return report


async def index_releases(index: ReleaseIndex, releases: Sequence[Release],
                         data: Data) -> IngestReport:
    """Index releases read elsewhere (news feeds), as ingest does its files: the
    topic rule decides, unchanged ones are skipped; prepared in a thread."""
    report = IngestReport(read=len(releases))
    reader = await _reader(index, data, report, all_topics=False, batch_size=len(releases))
    batch: Batch = []
    for release in releases:
        if not data.topic_rule.accepts(release.text):
            report.off_topic += 1
        elif (found := reader.take_release(release)) is not None:
            batch.append(found)
    if batch:
        writer = _Writer(index, data, workers=0)
        report.indexed = await writer.submit(batch) + await writer.drain()
    await _finish(index, data, report)
    return report


async def _reader(index: ReleaseIndex, data: Data, report: IngestReport, *,
                  all_topics: bool, batch_size: int, user_agent: str = "atbot") -> _Reader:
    return _Reader(
        data.topic_rule, await index.content_hashes(),
        f"pipeline {PIPELINE_VERSION} data {data.fingerprint}", report,
        all_topics=all_topics, batch_size=max(1, batch_size), user_agent=user_agent,
    )


async def _finish(index: ReleaseIndex, data: Data, report: IngestReport) -> None:
    """What every ingest ends with, whatever an earlier one left undone: names
    romanised, partner counts, then its time (readers reload)."""
    await _romanise_names(index)
    await index.set_meta("last_ingest", utc_now())
    await index.refresh_partner_stats(p.id for p in data.partners)
    if report.indexed >= DEFAULT_BATCH_SIZE:
        await index.optimize()


def _ignore(_n: int) -> None:
    return None


async def _romanise_names(index: ReleaseIndex) -> None:
    """Romanise the names of indexed releases not romanised yet (after the workers
    have exited: the model needs ~60 MB) and store them."""
    new = await index.names_to_romanise()
    if new:
        romanised = await asyncio.to_thread(Romanizer().many, new)
        await index.add_names(romanised)


class _Writer:
    """Prepares batches (in worker processes when there is work) and stores them in order."""

    def __init__(self, index: ReleaseIndex, data: Data, workers: int | None) -> None:
        self.index = index
        self.lexicon = data.lexicon
        self.topic_rule = data.topic_rule
        # One worker keeps up with the reader (the bottleneck: decompressing and
        # filtering 688 MB); a second one only adds ~120 MB of memory.
        self.workers = workers if workers is not None else DEFAULT_WORKERS
        self.pool: Executor | None = None
        self.pending: deque[asyncio.Future[list[IndexEntry]]] = deque()
        self.batches = 0

    async def submit(self, batch: Batch) -> int:
        """Queue a batch for preparation; store finished ones; return how many were stored."""
        self.batches += 1
        loop = asyncio.get_running_loop()
        if self.pool is None and self.workers > 0 and self.batches >= _POOL_THRESHOLD:
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(self.lexicon, self.topic_rule),
            )
        if self.pool is not None:
            future: Future[list[IndexEntry]] = self.pool.submit(_prepare_batch, batch)
            self.pending.append(asyncio.wrap_future(future, loop=loop))
        else:
            self.pending.append(asyncio.ensure_future(asyncio.to_thread(self._prepare_here, batch)))
        stored = 0
        while len(self.pending) > max(1, self.workers):
            stored += await self._store_oldest()
        return stored

    async def drain(self) -> int:
        stored = 0
        while self.pending:
            stored += await self._store_oldest()
        return stored

    async def _store_oldest(self) -> int:
        entries = await self.pending.popleft()
        await self.index.upsert(entries)
        return len(entries)

    def _prepare_here(self, batch: Batch) -> list[IndexEntry]:
        if _worker is None:
            _init_worker(self.lexicon, self.topic_rule)
        return _prepare_batch(batch)

    def close(self, *, wait: bool = False) -> None:
        for future in self.pending:
            future.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None
