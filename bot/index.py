"""The release index: one SQLite file, its schema, ingest's writes and the reads
search needs.

Ingest updates the file in place while the bot answers from it (WAL mode: the
bot sees each batch once it is committed); the bot itself only reads it, so
the file can be built on one machine and copied to others. Releases live in
`releases`; their searchable text (Thai pre-segmented with an invisible
separator) lives in the FTS5 table `release_text` under the same rowid;
`release_terms` exposes the index vocabulary for typo correction. What the
bot keeps about people is not here: see bot/state.py.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.sqlite import SqliteFile, utc_now
from bot.thai import WORD_SEP

# FTS5 tokenizer: Porter stemming for English; Thai vowels and tone marks
# (Unicode marks) are part of words, or มนุษย์ would be indexed as มน + ษย.
TOKENIZER = "porter unicode61 remove_diacritics 2 categories 'L* M* N* Co'"
# bm25 column weights: a word in the title counts most; `extra` holds
# hashtags and the concepts recognised at ingest.
BM25_WEIGHTS = (8.0, 1.0, 3.0)

MIGRATIONS: tuple[str, ...] = (
    # 1: releases and their full-text index.
    f"""
    CREATE TABLE releases (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        lang TEXT NOT NULL,
        category TEXT NOT NULL,
        hashtags TEXT NOT NULL,
        summary TEXT NOT NULL,
        concepts TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        source_name TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX releases_by_date ON releases(date);
    CREATE VIRTUAL TABLE release_text USING fts5(title, body, extra, tokenize="{TOKENIZER}");
    CREATE VIRTUAL TABLE release_terms USING fts5vocab(release_text, 'row');
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: created the tables of what the bot kept about people, which live in
    # their own store now (bot/state.py; see 6).
    "SELECT 1;",
    # 3: how many indexed releases mention each partner, and the latest date;
    # recomputed at the end of every ingest.
    """
    CREATE TABLE partner_stats (
        partner_id TEXT PRIMARY KEY,
        releases INTEGER NOT NULL,
        latest TEXT
    );
    """,
    # 4: Thai names found in releases, romanised, so Latin spellings find them.
    """
    CREATE TABLE names (thai TEXT PRIMARY KEY, latin TEXT NOT NULL);
    """,
    # 5: what ranking reads for every candidate, kept out of the FTS table (whose
    # rows carry whole bodies): the text length, so that a 200,000-character
    # cabinet summary naming every topic once does not outrank a release about
    # the topic, and the title's words, for fuzzy title matching.
    """
    ALTER TABLE releases ADD COLUMN length INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE releases ADD COLUMN title_words TEXT NOT NULL DEFAULT '';
    """,
    # 6: people's state lives in its own store (bot/state.py, which takes over
    # what these tables held when it is created).
    """
    DROP TABLE IF EXISTS users;
    DROP TABLE IF EXISTS searches;
    """,
)


@dataclass(frozen=True)
class IndexEntry:
    """A release ready to be written: metadata plus its searchable text."""

    url: str
    title: str
    date: date
    lang: str
    category: str
    hashtags: tuple[str, ...]
    summary: str
    concepts: tuple[str, ...]
    content_hash: str
    source_name: str
    title_text: str
    body_text: str
    extra_text: str
    names: tuple[str, ...] = ()
    length: int = 0


@dataclass(frozen=True)
class StoredRelease:
    """A release as read back for an answer."""

    id: int
    url: str
    title: str
    date: date
    lang: str
    category: str
    summary: str
    concepts: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A release as ranking sees it (texts lower-cased)."""

    title: str
    title_words: str
    summary: str
    date: date
    length: int


@dataclass(frozen=True)
class Stats:
    releases: int
    languages: dict[str, int]
    first_date: date | None
    last_date: date | None
    size_bytes: int
    path: str
    last_ingest: str | None


class ReleaseIndex(SqliteFile):
    """An open release index. `await ReleaseIndex.open(path)`, then `await close()`."""

    migrations = MIGRATIONS

    # --- writing -------------------------------------------------------

    async def content_hashes(self) -> dict[str, str]:
        async with self.db.execute("SELECT url, content_hash FROM releases") as cursor:
            return {url: digest async for url, digest in cursor}

    async def upsert(self, entries: Sequence[IndexEntry]) -> None:
        """Insert or replace releases by URL, all in one transaction."""
        now = utc_now()
        async with self.transaction():
            for entry in entries:
                await self._upsert_one(entry, now)

    async def _upsert_one(self, entry: IndexEntry, now: str) -> None:
        values = (
            entry.title, entry.date.isoformat(), entry.lang, entry.category,
            " ".join(entry.hashtags), entry.summary, " ".join(entry.concepts),
            entry.content_hash, entry.source_name, now, entry.length,
            entry.title_text.replace(WORD_SEP, " "),
        )
        async with self.db.execute("SELECT id FROM releases WHERE url = ?", (entry.url,)) as cur:
            row = await cur.fetchone()
        if row:
            release_id = int(row[0])
            await self.db.execute(
                "UPDATE releases SET title=?, date=?, lang=?, category=?, hashtags=?, summary=?,"
                " concepts=?, content_hash=?, source_name=?, ingested_at=?, length=?, title_words=?"
                " WHERE id=?",
                (*values, release_id),
            )
            await self.db.execute("DELETE FROM release_text WHERE rowid = ?", (release_id,))
        else:
            cursor = await self.db.execute(
                "INSERT INTO releases (url, title, date, lang, category, hashtags, summary,"
                " concepts, content_hash, source_name, ingested_at, length, title_words)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (entry.url, *values),
            )
            release_id = int(cursor.lastrowid or 0)
        await self.db.execute(
            "INSERT INTO release_text (rowid, title, body, extra) VALUES (?,?,?,?)",
            (release_id, entry.title_text, entry.body_text, entry.extra_text),
        )

    async def set_meta(self, key: str, value: str) -> None:
        async with self.transaction() as db:
            await db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    async def get_meta(self, key: str) -> str | None:
        async with self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def optimize(self) -> None:
        """Merge FTS segments after a large ingest (smaller, faster index)."""
        async with self.transaction() as db:
            await db.execute("INSERT INTO release_text (release_text) VALUES ('optimize')")

    async def refresh_partner_stats(self, partner_ids: Iterable[str]) -> None:
        """Count, per partner, the releases whose recognised concepts include it."""
        wanted = set(partner_ids)
        counts: dict[str, tuple[int, str]] = {p: (0, "") for p in wanted}
        async with self.db.execute("SELECT concepts, date FROM releases") as cursor:
            async for concepts, day in cursor:
                for concept in wanted.intersection(concepts.split()):
                    count, latest = counts[concept]
                    counts[concept] = (count + 1, max(latest, day))
        async with self.transaction() as db:
            await db.execute("DELETE FROM partner_stats")
            await db.executemany(
                "INSERT INTO partner_stats (partner_id, releases, latest) VALUES (?, ?, ?)",
                [(p, n, latest or None) for p, (n, latest) in counts.items()],
            )

    async def names(self) -> dict[str, str]:
        """Thai name -> its romanisation."""
        async with self.db.execute("SELECT thai, latin FROM names") as cursor:
            return {thai: latin async for thai, latin in cursor}

    async def add_names(self, romanised: dict[str, str]) -> None:
        async with self.transaction() as db:
            await db.executemany("INSERT OR REPLACE INTO names (thai, latin) VALUES (?, ?)",
                                 list(romanised.items()))

    async def partner_stats(self) -> dict[str, tuple[int, date | None]]:
        async with self.db.execute("SELECT partner_id, releases, latest FROM partner_stats") as c:
            return {p: (int(n), date.fromisoformat(d) if d else None) async for p, n, d in c}

    async def newest_matching(self, expression: str, *, limit: int,
                              offset: int = 0) -> tuple[list[StoredRelease], int]:
        """Releases matching an FTS5 expression, newest first, and how many there are."""
        async with self.db.execute(
            "SELECT r.id, r.url, r.title, r.date, r.lang, r.category, r.summary, r.concepts"
            " FROM release_text JOIN releases r ON r.id = release_text.rowid"
            " WHERE release_text MATCH ? ORDER BY r.date DESC, r.id DESC LIMIT ? OFFSET ?",
            (expression, limit, offset),
        ) as cursor:
            releases = [_stored(row) async for row in cursor]
        async with self.db.execute(
            "SELECT count(*) FROM release_text WHERE release_text MATCH ?", (expression,)
        ) as cursor:
            row = await cursor.fetchone()
        return releases, int(row[0]) if row else 0

    # --- reading -------------------------------------------------------

    async def count(self) -> int:
        async with self.db.execute("SELECT count(*) FROM releases") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def ranked_matches(
        self, expression: str, *, start: date | None, end: date | None, limit: int
    ) -> list[tuple[int, float]]:
        """(id, bm25) of releases matching an FTS5 expression, best first."""
        params: list[Any] = [*BM25_WEIGHTS, expression]
        if start and end:
            sql = ("SELECT release_text.rowid, bm25(release_text, ?, ?, ?) AS score"
                   " FROM release_text JOIN releases r ON r.id = release_text.rowid"
                   " WHERE release_text MATCH ? AND r.date BETWEEN ? AND ?")
            params += [start.isoformat(), end.isoformat()]
        else:
            sql = ("SELECT rowid, bm25(release_text, ?, ?, ?) AS score FROM release_text"
                   " WHERE release_text MATCH ?")
        sql += " ORDER BY score LIMIT ?"
        params.append(limit)
        async with self.db.execute(sql, params) as cursor:
            return [(int(rowid), float(score)) async for rowid, score in cursor]

    async def matching_ids(self, expression: str) -> set[int]:
        async with self.db.execute(
            "SELECT rowid FROM release_text WHERE release_text MATCH ?", (expression,)
        ) as cursor:
            return {int(rowid) async for (rowid,) in cursor}

    async def _by_id(self, select: str, ids: Iterable[int],
                     *params: Any) -> list[sqlite3.Row | tuple[Any, ...]]:
        """Rows of `select ... WHERE id IN (...)`, for the given ids, in one query."""
        wanted = list(ids)
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        async with self.db.execute(select.format(ids=marks), [*params, *wanted]) as cursor:
            return list(await cursor.fetchall())

    async def releases(self, ids: Iterable[int]) -> dict[int, StoredRelease]:
        rows = await self._by_id(
            "SELECT id, url, title, date, lang, category, summary, concepts"
            " FROM releases WHERE id IN ({ids})", ids)
        return {int(row[0]): _stored(row) for row in rows}

    async def newest(
        self, *, start: date | None = None, end: date | None = None, limit: int, offset: int = 0
    ) -> tuple[list[StoredRelease], int]:
        """The newest releases (within [start, end] if given), and how many there are."""
        where, params = "", []
        if start and end:
            where, params = " WHERE date BETWEEN ? AND ?", [start.isoformat(), end.isoformat()]
        async with self.db.execute(
            "SELECT id, url, title, date, lang, category, summary, concepts FROM releases"
            f"{where} ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ) as cursor:
            releases = [_stored(row) async for row in cursor]
        async with self.db.execute(f"SELECT count(*) FROM releases{where}", params) as cursor:
            row = await cursor.fetchone()
        return releases, int(row[0]) if row else 0

    async def candidates(self, ids: Iterable[int]) -> dict[int, Candidate]:
        """What ranking reads about each release."""
        rows = await self._by_id(
            "SELECT id, title, title_words, summary, date, length FROM releases"
            " WHERE id IN ({ids})", ids)
        return {int(row[0]): Candidate(row[1].lower(), row[2].lower(), row[3].lower(),
                                       date.fromisoformat(row[4]), int(row[5]))
                for row in rows}

    async def bodies(self, ids: Iterable[int], *, limit: int) -> dict[int, str]:
        """The first `limit` characters of each indexed body (Thai words separated
        by WORD_SEP), in one query."""
        rows = await self._by_id(
            "SELECT rowid, substr(body, 1, ?) FROM release_text WHERE rowid IN ({ids})",
            ids, limit)
        return {int(row[0]): str(row[1]) for row in rows}

    async def vocabulary(self) -> dict[str, int]:
        """Every indexed term (English terms stemmed) with its document count."""
        async with self.db.execute("SELECT term, doc FROM release_terms") as cursor:
            return {term: int(doc) async for term, doc in cursor}

    async def stats(self) -> Stats:
        languages: dict[str, int] = {}
        async with self.db.execute("SELECT lang, count(*) FROM releases GROUP BY lang") as cur:
            async for lang, n in cur:
                languages[lang] = int(n)
        async with self.db.execute("SELECT min(date), max(date) FROM releases") as cursor:
            row = await cursor.fetchone()
        first, last = (row or (None, None))
        size = await asyncio.to_thread(_size_on_disk, self.path)
        return Stats(
            releases=sum(languages.values()),
            languages=languages,
            first_date=date.fromisoformat(first) if first else None,
            last_date=date.fromisoformat(last) if last else None,
            size_bytes=size,
            path=str(self.path),
            last_ingest=await self.get_meta("last_ingest"),
        )


def _size_on_disk(path: Path) -> int:
    """The database file with its write-ahead log and shared-memory index."""
    files = (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
    return sum(p.stat().st_size for p in files if p.exists())


def _stored(row: Sequence[Any]) -> StoredRelease:
    return StoredRelease(
        id=int(row[0]), url=row[1], title=row[2], date=date.fromisoformat(row[3]),
        lang=row[4], category=row[5], summary=row[6],
        concepts=tuple(row[7].split()) if row[7] else (),
    )
