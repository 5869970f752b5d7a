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
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.sqlite import SqliteFile, utc_now
from bot.thai import WORD_SEP, squash

# FTS5 tokenizer: Porter stemming for English; Thai vowels and tone marks
# (Unicode marks) are part of words, or มนุษย์ would be indexed as มน + ษย.
TOKENIZER = "porter unicode61 remove_diacritics 2 categories 'L* M* N* Co'"
# bm25 column weights: a word in the title counts most; `extra` holds
# hashtags and the concepts recognised at ingest.
BM25_WEIGHTS = (8.0, 1.0, 3.0)
# The columns of what a release says, for an FTS5 column filter ("{title body} : ...").
TEXT_COLUMNS = "title body"
# Ids in one `IN (...)` (SQLite allows 32,766 variables in a statement).
_IDS_PER_QUERY = 5_000

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
    # 7: news feeds an operator added (bot/feeds.py): the feeds, with what makes
    # their next fetch conditional; every entry page read from them, so it is
    # fetched once; and the other links of a release that several sources
    # published (same title, same day).
    """
    CREATE TABLE feeds (
        name TEXT PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        checked_at TEXT,
        last_error TEXT
    );
    CREATE TABLE feed_pages (url TEXT PRIMARY KEY, feed TEXT NOT NULL, seen_at TEXT NOT NULL);
    CREATE TABLE release_links (
        url TEXT PRIMARY KEY,
        release_id INTEGER NOT NULL REFERENCES releases(id),
        source_name TEXT NOT NULL
    );
    CREATE INDEX release_links_by_release ON release_links(release_id);
    """,
    # 8: the Thai names found in each release, written with it: an ingest killed
    # before it romanised them leaves them for the next run to finish.
    """
    ALTER TABLE releases ADD COLUMN names TEXT NOT NULL DEFAULT '';
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
class Feed:
    """A news feed an operator added, and how its last fetch went."""

    name: str
    url: str
    added_at: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A release as ranking sees it (texts lower-cased)."""

    title: str
    title_words: str
    summary: str
    date: date
    length: int
    lang: str


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
            entry.title_text.replace(WORD_SEP, " "), "\n".join(entry.names),
        )
        async with self.db.execute("SELECT id FROM releases WHERE url = ?", (entry.url,)) as cur:
            row = await cur.fetchone()
        if row:
            release_id = int(row[0])
            await self.db.execute(
                "UPDATE releases SET title=?, date=?, lang=?, category=?, hashtags=?, summary=?,"
                " concepts=?, content_hash=?, source_name=?, ingested_at=?, length=?,"
                " title_words=?, names=? WHERE id=?",
                (*values, release_id),
            )
            await self.db.execute("DELETE FROM release_text WHERE rowid = ?", (release_id,))
        else:
            cursor = await self.db.execute(
                "INSERT INTO releases (url, title, date, lang, category, hashtags, summary,"
                " concepts, content_hash, source_name, ingested_at, length, title_words, names)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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

    async def names_to_romanise(self) -> list[str]:
        """Names found in releases and not romanised yet (a killed ingest leaves some)."""
        found: set[str] = set()
        async with self.db.execute("SELECT names FROM releases WHERE names != ''") as cursor:
            async for (names,) in cursor:
                found.update(names.split("\n"))
        return sorted(found - (await self.names()).keys())

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

    # --- feeds (bot/feeds.py) -------------------------------------------

    async def add_feed(self, name: str, url: str) -> None:
        async with self.transaction() as db:
            await db.execute("INSERT INTO feeds (name, url, added_at) VALUES (?, ?, ?)",
                             (name, url, utc_now()))

    async def feeds(self) -> list[Feed]:
        async with self.db.execute(
            "SELECT name, url, added_at, etag, last_modified, checked_at, last_error"
            " FROM feeds ORDER BY name"
        ) as cursor:
            return [Feed(*row) async for row in cursor]

    async def remove_feed(self, name_or_url: str) -> Feed | None:
        """Forget a feed (the releases it brought stay indexed); the feed, if known."""
        found = [f for f in await self.feeds() if name_or_url in (f.name, f.url)]
        if not found:
            return None
        async with self.transaction() as db:
            await db.execute("DELETE FROM feeds WHERE name = ?", (found[0].name,))
        return found[0]

    async def feed_checked(self, feed: Feed) -> None:
        """Keep how a fetch went and what makes the next one conditional."""
        async with self.transaction() as db:
            await db.execute(
                "UPDATE feeds SET etag = ?, last_modified = ?, checked_at = ?, last_error = ?"
                " WHERE name = ?",
                (feed.etag, feed.last_modified, feed.checked_at, feed.last_error, feed.name),
            )

    async def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` already read: a release, another link of one, or a page
        a feed entry pointed at before (indexed or not)."""
        wanted = list(dict.fromkeys(urls))
        known: set[str] = set()
        for table in ("releases", "release_links", "feed_pages"):
            rows = await self._by_id(f"SELECT url FROM {table} WHERE url IN ({{ids}})", wanted)
            known.update(str(row[0]) for row in rows)
        return known

    async def release_at(self, url: str) -> int | None:
        """The release whose link, or another source's link to it, is `url`."""
        async with self.db.execute(
            "SELECT id FROM releases WHERE url = ?"
            " UNION SELECT release_id FROM release_links WHERE url = ?", (url, url),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def pages_seen(self, urls: Iterable[str], feed: str) -> None:
        async with self.transaction() as db:
            await db.executemany(
                "INSERT OR IGNORE INTO feed_pages (url, feed, seen_at) VALUES (?, ?, ?)",
                [(url, feed, utc_now()) for url in urls],
            )

    async def same_release(self, title: str, day: date) -> int | None:
        """The release of that day with the same title (case and spacing aside)."""
        wanted = squash(title)
        async with self.db.execute("SELECT id, title FROM releases WHERE date = ?",
                                   (day.isoformat(),)) as cursor:
            async for release_id, other in cursor:
                if squash(other) == wanted:
                    return int(release_id)
        return None

    async def add_link(self, release_id: int, url: str, source_name: str) -> None:
        """Another source's link to a release already indexed."""
        async with self.transaction() as db:
            await db.execute(
                "INSERT OR IGNORE INTO release_links (url, release_id, source_name)"
                " VALUES (?, ?, ?)", (url, release_id, source_name))

    async def other_links(self, ids: Iterable[int]) -> dict[int, list[str]]:
        """For each release another source also published, that source's links."""
        links: dict[int, list[str]] = {}
        rows = await self._by_id("SELECT release_id, url FROM release_links"
                                 " WHERE release_id IN ({ids}) ORDER BY url", ids)
        for release_id, url in rows:
            links.setdefault(int(release_id), []).append(str(url))
        return links

    # --- what is new (bot/alerts.py) --------------------------------------

    async def identity(self) -> str:
        """A name for this index file, made once: alerts know when it was replaced."""
        found = await self.get_meta("identity")
        if found is None:
            found = uuid.uuid4().hex
            await self.set_meta("identity", found)
        return found

    async def last_id(self) -> int:
        async with self.db.execute("SELECT coalesce(max(id), 0) FROM releases") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def last_written(self) -> str | None:
        """When the newest release was written (ingest records its end afterwards)."""
        async with self.db.execute(
            "SELECT ingested_at FROM releases ORDER BY id DESC LIMIT 1"
        ) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def ids_after(self, last_id: int) -> list[int]:
        """Releases indexed after release `last_id` (ids only grow: none is deleted)."""
        async with self.db.execute("SELECT id FROM releases WHERE id > ? ORDER BY id",
                                   (last_id,)) as cursor:
            return [int(rowid) async for (rowid,) in cursor]

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

    async def _by_id(self, select: str, ids: Iterable[int] | Iterable[str],
                     *params: Any) -> list[sqlite3.Row | tuple[Any, ...]]:
        """Rows of `select ... WHERE id IN (...)`, for the given ids: one query for a
        page of results, one per _IDS_PER_QUERY ids for more (an alert after a big
        import), under SQLite's limit on a statement's variables."""
        wanted = list(ids)
        rows: list[sqlite3.Row | tuple[Any, ...]] = []
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start:start + _IDS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            async with self.db.execute(select.format(ids=marks), [*params, *chunk]) as cursor:
                rows += await cursor.fetchall()
        return rows

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
            "SELECT id, title, title_words, summary, date, length, lang FROM releases"
            " WHERE id IN ({ids})", ids)
        return {int(row[0]): Candidate(row[1].lower(), row[2].lower(), row[3].lower(),
                                       date.fromisoformat(row[4]), int(row[5]), str(row[6]))
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
