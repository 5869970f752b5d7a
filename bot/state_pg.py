"""`PeopleState` in PostgreSQL (asyncpg), for more than one bot process on one
state: set ATBOT_STATE_URL=postgresql://user:password@host/database.

The same tables as the SQLite store (bot/state.py), in PostgreSQL's types,
with migrations of their own: atbot_schema holds the version, and a process
migrates under an advisory lock, so replicas starting together take turns. The
release index stays an SQLite file on each machine.

`AdvisoryLead` is the advisory lock that makes one replica the one that runs the jobs
that must run once (alerts, feed updates) and sets the webhook: a session lock,
held on a connection of its own for as long as the process lives, so another
replica takes over within a minute of the holder's death (bot/app.py tries).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from bot.sqlite import StoreError
from bot.state import SEARCH_DAYS, PendingAlert, Subscription

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE users (
        user_id BIGINT PRIMARY KEY,
        lang TEXT NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE searches (
        key TEXT PRIMARY KEY,
        query TEXT NOT NULL,
        used_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX searches_by_use ON searches(used_at);
    CREATE TABLE subscriptions (
        id BIGSERIAL PRIMARY KEY,
        chat_id BIGINT NOT NULL,
        words TEXT NOT NULL,
        lang TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        UNIQUE (chat_id, words)
    );
    CREATE TABLE alert_outbox (
        id BIGSERIAL PRIMARY KEY,
        chat_id BIGINT NOT NULL,
        lang TEXT NOT NULL,
        words TEXT NOT NULL,
        release_ids TEXT NOT NULL,
        list_key TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE alert_lists (key TEXT PRIMARY KEY, release_ids TEXT NOT NULL,
                              created_at TIMESTAMPTZ NOT NULL);
    CREATE TABLE state_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE card_outbox (
        id BIGSERIAL PRIMARY KEY,
        chat_id BIGINT NOT NULL,
        card TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
    );
    """,
)
logger = logging.getLogger("atbot")

# Advisory lock keys (any two numbers of the application's own).
_MIGRATION_LOCK = 0x61_74_62_01
LEAD_LOCK = 0x61_74_62_02
# Connections each process keeps open.
POOL_SIZE = 10


def _now() -> datetime:
    return datetime.now(UTC)


class PostgresState:
    """`PeopleState` in PostgreSQL. `await PostgresState.open(url)`, then `await close()`."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    @classmethod
    async def open(cls, url: str) -> PostgresState:
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=POOL_SIZE)
        except (OSError, asyncpg.PostgresError) as error:
            raise StoreError(f"the PostgreSQL state at ATBOT_STATE_URL cannot be opened "
                             f"({type(error).__name__}: {error})") from None
        store = cls(pool)
        try:
            await store._migrate()
        except BaseException:
            await pool.close()
            raise
        return store

    async def _migrate(self) -> None:
        async with self.pool.acquire() as db, db.transaction():
            await db.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await db.execute("CREATE TABLE IF NOT EXISTS atbot_schema (version INTEGER NOT NULL)")
            version = await db.fetchval("SELECT max(version) FROM atbot_schema") or 0
            if version > len(MIGRATIONS):
                raise StoreError(f"the PostgreSQL state was made by a newer atbot (schema "
                                 f"{version}, this one knows {len(MIGRATIONS)}); upgrade atbot")
            for number in range(version + 1, len(MIGRATIONS) + 1):
                await db.execute(MIGRATIONS[number - 1])
                await db.execute("INSERT INTO atbot_schema (version) VALUES ($1)", number)

    async def close(self) -> None:
        await self.pool.close()

    def close_without_loop(self) -> None:
        self.pool.terminate()

    async def user_language(self, user_id: int) -> str | None:
        lang = await self.pool.fetchval("SELECT lang FROM users WHERE user_id = $1", user_id)
        return str(lang) if lang is not None else None

    async def set_user_language(self, user_id: int, lang: str) -> None:
        await self.pool.execute(
            "INSERT INTO users (user_id, lang, updated_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang,"
            " updated_at = excluded.updated_at", user_id, lang, _now())

    async def forget_user(self, user_id: int) -> None:
        # A private chat's id is its user's id: its subscriptions go too.
        async with self.pool.acquire() as db, db.transaction():
            await db.execute("DELETE FROM users WHERE user_id = $1", user_id)
            await _forget_chat(db, user_id)

    async def forget_chat(self, chat_id: int) -> None:
        async with self.pool.acquire() as db, db.transaction():
            await _forget_chat(db, chat_id)

    async def hold_card(self, chat_id: int, card: str) -> int:
        return int(await self.pool.fetchval(
            "INSERT INTO card_outbox (chat_id, card, created_at) VALUES ($1, $2, $3)"
            " RETURNING id", chat_id, card, _now()))

    async def card_sent(self, held: int) -> None:
        await self.pool.execute("DELETE FROM card_outbox WHERE id = $1", held)

    async def held_cards(self) -> list[tuple[int, int, str, datetime]]:
        rows = await self.pool.fetch(
            "SELECT id, chat_id, card, created_at FROM card_outbox ORDER BY id")
        return [(int(r["id"]), int(r["chat_id"]), str(r["card"]), r["created_at"]) for r in rows]

    async def subscribe(self, chat_id: int, words: str, lang: str) -> bool:
        made = await self.pool.fetchval(
            "INSERT INTO subscriptions (chat_id, words, lang, created_at)"
            " VALUES ($1, $2, $3, $4) ON CONFLICT (chat_id, words) DO NOTHING RETURNING id",
            chat_id, words, lang, _now())
        return made is not None

    async def subscriptions(self, chat_id: int | None = None) -> list[Subscription]:
        if chat_id is None:
            rows = await self.pool.fetch(
                "SELECT id, chat_id, words, lang FROM subscriptions ORDER BY id")
        else:
            rows = await self.pool.fetch(
                "SELECT id, chat_id, words, lang FROM subscriptions WHERE chat_id = $1"
                " ORDER BY id", chat_id)
        return [Subscription(int(r["id"]), int(r["chat_id"]), str(r["words"]), str(r["lang"]))
                for r in rows]

    async def unsubscribe(self, chat_id: int, subscription_id: int | None = None) -> int:
        if subscription_id is None:
            done = await self.pool.execute("DELETE FROM subscriptions WHERE chat_id = $1",
                                           chat_id)
        else:
            done = await self.pool.execute(
                "DELETE FROM subscriptions WHERE chat_id = $1 AND id = $2", chat_id,
                subscription_id)
        return _count(done)

    async def alert_cursor(self) -> tuple[str, int] | None:
        value = await self.pool.fetchval(
            "SELECT value FROM state_meta WHERE key = 'alert_cursor'")
        if value is None:
            return None
        identity, _, last = str(value).partition(" ")
        return identity, int(last)

    async def queue_alerts(self, cursor: tuple[str, int],
                           alerts: Sequence[PendingAlert]) -> None:
        now = _now()
        async with self.pool.acquire() as db, db.transaction():
            for alert in alerts:
                ids = " ".join(map(str, alert.release_ids))
                await db.execute(
                    "INSERT INTO alert_lists (key, release_ids, created_at) VALUES ($1, $2, $3)"
                    " ON CONFLICT (key) DO NOTHING", alert.list_key, ids, now)
                await db.execute(
                    "INSERT INTO alert_outbox (chat_id, lang, words, release_ids, list_key,"
                    " created_at) VALUES ($1, $2, $3, $4, $5, $6)", alert.chat_id, alert.lang,
                    "\n".join(alert.words), ids, alert.list_key, now)
            await db.execute("DELETE FROM alert_lists WHERE created_at < $1",
                             now - timedelta(days=SEARCH_DAYS))
            await db.execute(
                "INSERT INTO state_meta (key, value) VALUES ('alert_cursor', $1)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                f"{cursor[0]} {cursor[1]}")

    async def pending_alerts(self) -> list[PendingAlert]:
        rows = await self.pool.fetch(
            "SELECT id, chat_id, lang, words, release_ids, list_key FROM alert_outbox"
            " ORDER BY id")
        return [PendingAlert(int(r["id"]), int(r["chat_id"]), str(r["lang"]),
                             tuple(str(r["words"]).split("\n")),
                             tuple(int(i) for i in str(r["release_ids"]).split()),
                             str(r["list_key"])) for r in rows]

    async def alert_sent(self, alert_id: int) -> None:
        await self.pool.execute("DELETE FROM alert_outbox WHERE id = $1", alert_id)

    async def alert_list(self, key: str) -> list[int] | None:
        ids = await self.pool.fetchval("SELECT release_ids FROM alert_lists WHERE key = $1", key)
        return [int(i) for i in str(ids).split()] if ids is not None else None

    async def save_search(self, query: str) -> str:
        key = hashlib.blake2s(query.encode("utf-8"), digest_size=8).hexdigest()
        now = _now()
        async with self.pool.acquire() as db, db.transaction():
            await db.execute(
                "INSERT INTO searches (key, query, used_at) VALUES ($1, $2, $3)"
                " ON CONFLICT (key) DO UPDATE SET used_at = excluded.used_at", key, query, now)
            await db.execute("DELETE FROM searches WHERE used_at < $1",
                             now - timedelta(days=SEARCH_DAYS))
        return key

    async def load_search(self, key: str) -> str | None:
        query = await self.pool.fetchval(
            "UPDATE searches SET used_at = $1 WHERE key = $2 RETURNING query", _now(), key)
        return str(query) if query is not None else None

    async def lead(self) -> AdvisoryLead:
        """The lock that makes one replica run the jobs that must run once."""
        return AdvisoryLead(self.pool, await self.pool.acquire())


class AdvisoryLead:
    """A PostgreSQL session advisory lock held on a connection of its own; given
    back (and so unlocked: asyncpg resets a connection it takes back) by close."""

    def __init__(self, pool: asyncpg.Pool, connection: Any) -> None:
        self._pool = pool
        self._db = connection
        self._held = False
        # Jobs ask at the same time; a connection runs one query at a time.
        self._asking = asyncio.Lock()

    async def close(self) -> None:
        await self._pool.release(self._db)

    async def holds(self) -> bool:
        """Whether this process leads, taking the lead when nobody holds it."""
        async with self._asking:
            if self._held:
                return True
            self._held = bool(await self._db.fetchval("SELECT pg_try_advisory_lock($1)",
                                                      LEAD_LOCK))
            if self._held:
                logger.info("this process leads its replicas: it sends alerts, reads feeds "
                            "and sets the webhook")
        return self._held


async def _forget_chat(db: Any, chat_id: int) -> None:
    for table in ("subscriptions", "alert_outbox", "card_outbox"):
        await db.execute(f"DELETE FROM {table} WHERE chat_id = $1", chat_id)


def _count(status: str) -> int:
    """The row count of a command's status ("DELETE 3")."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0
