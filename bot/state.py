"""What the bot keeps about people, apart from the release index.

People who write may be victims, so this holds only what a feature needs:
a language choice per user id (made with /lang, deleted by /forget), and
search texts with no user or chat id, for a week after their last use, so
that "More results" buttons keep working after a restart.

`PeopleState` is the interface the core service uses; `SqliteState` keeps
it in an SQLite file beside the index (another engine can implement the
same methods later). The index may be copied between machines; this file
never leaves the one that serves people.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import aiosqlite

from bot.sqlite import SqliteFile, utc_now

# Stored search texts are deleted this many days after their last use.
SEARCH_DAYS = 7

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE users (
        user_id INTEGER PRIMARY KEY,
        lang TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE searches (
        key TEXT PRIMARY KEY,
        query TEXT NOT NULL,
        used_at TEXT NOT NULL
    );
    CREATE INDEX searches_by_use ON searches(used_at);
    """,
)


class PeopleState(Protocol):
    """Language choices and saved searches."""

    async def user_language(self, user_id: int) -> str | None: ...

    async def set_user_language(self, user_id: int, lang: str) -> None: ...

    async def forget_user(self, user_id: int) -> None:
        """Delete everything stored with this user id."""

    async def save_search(self, query: str) -> str:
        """Keep a search text (with no user id) for paging; return its short key."""

    async def load_search(self, key: str) -> str | None: ...

    async def close(self) -> None: ...

    def close_without_loop(self) -> None:
        """Close from outside any event loop (at exit, after the loop is gone)."""


class SqliteState(SqliteFile):
    """`PeopleState` in an SQLite file."""

    migrations = MIGRATIONS
    what = "atbot state database"

    async def adopt(self, index_path: Path) -> None:
        """Take over the language choices and searches that an index made before
        its schema 6 holds, unless this store already holds some."""
        if await self._count("users") or await self._count("searches"):
            return
        await self.db.execute("ATTACH DATABASE ? AS old", (str(index_path),))
        try:
            async with self.db.execute(
                "SELECT name FROM old.sqlite_master WHERE name IN ('users', 'searches')"
            ) as cursor:
                tables = {name async for (name,) in cursor}
            async with self.transaction() as db:
                for table in sorted(tables):
                    await db.execute(f"INSERT INTO {table} SELECT * FROM old.{table}")
        finally:
            await self.db.execute("DETACH DATABASE old")

    async def _count(self, table: str) -> int:
        async with self.db.execute(f"SELECT count(*) FROM {table}") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def user_language(self, user_id: int) -> str | None:
        async with self.db.execute("SELECT lang FROM users WHERE user_id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    async def set_user_language(self, user_id: int, lang: str) -> None:
        async with self.transaction() as db:
            await db.execute(
                "INSERT INTO users (user_id, lang, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(user_id) DO UPDATE SET lang = excluded.lang,"
                " updated_at = excluded.updated_at",
                (user_id, lang, utc_now()),
            )

    async def forget_user(self, user_id: int) -> None:
        async with self.transaction() as db:
            await db.execute("DELETE FROM users WHERE user_id = ?", (user_id,))

    async def save_search(self, query: str) -> str:
        key = hashlib.blake2s(query.encode("utf-8"), digest_size=8).hexdigest()
        cutoff = (datetime.now(UTC) - timedelta(days=SEARCH_DAYS)).isoformat()
        async with self.transaction() as db:
            await db.execute(
                "INSERT INTO searches (key, query, used_at) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET used_at = excluded.used_at",
                (key, query, utc_now()),
            )
            await db.execute("DELETE FROM searches WHERE used_at < ?", (cutoff,))
        return key

    async def load_search(self, key: str) -> str | None:
        async with self.transaction() as db:
            async with db.execute("SELECT query FROM searches WHERE key = ?", (key,)) as cur:
                row = await cur.fetchone()
            if row is None:
                return None
            await db.execute("UPDATE searches SET used_at = ? WHERE key = ?", (utc_now(), key))
        return str(row[0])


async def take_over_people_state(state_path: Path, index_path: Path) -> None:
    """Move what an index made before its schema 6 kept about people into the
    state store at `state_path`; the index drops it when it is next opened, so
    call this first. Nothing to do for newer indexes."""
    if not await _holds_people(index_path):
        return
    state = await SqliteState.open(state_path)
    try:
        await state.adopt(index_path)
    finally:
        await state.close()


async def _holds_people(index_path: Path) -> bool:
    if not await asyncio.to_thread(index_path.is_file):
        return False
    try:
        async with aiosqlite.connect(index_path) as db, db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('users', 'searches')"
        ) as cursor:
            row = await cursor.fetchone()
    except sqlite3.DatabaseError:
        return False  # not a database: opening it as the index says so
    return bool(row and row[0])
