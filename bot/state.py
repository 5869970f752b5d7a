"""What the bot keeps about people, apart from the release index.

People who write may be victims, so this holds only what a feature needs:
a language choice per user id (made with /lang, deleted by /forget); search
texts with no user or chat id, for a week after their last use, so that
"More results" buttons keep working after a restart; the searches a chat
subscribed to (/subscribe: the chat id and the words, deleted by
/unsubscribe or /forget); and alerts waiting to be sent (the chat id and
release ids, never a message text), deleted once delivered.

`PeopleState` is the interface the core service uses; `SqliteState` keeps
it in an SQLite file beside the index (another engine can implement the
same methods later). The index may be copied between machines; this file
never leaves the one that serves people.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
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
    # 2: subscriptions and their alerts (bot/alerts.py). An alert is queued with
    # the new releases' ids in the same transaction that moves the cursor past
    # them, and deleted once sent: each release reaches a chat once, across
    # restarts. Alert lists ("see them all") hold release ids, no chat id.
    """
    CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        words TEXT NOT NULL,
        lang TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (chat_id, words)
    );
    CREATE TABLE alert_outbox (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        lang TEXT NOT NULL,
        words TEXT NOT NULL,
        release_ids TEXT NOT NULL,
        list_key TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE alert_lists (key TEXT PRIMARY KEY, release_ids TEXT NOT NULL,
                              created_at TEXT NOT NULL);
    CREATE TABLE state_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 3: help cards not yet delivered: the chat id and which card (HelpCard.key, a
    # few ids), never the message that called for it; deleted once delivered, so a
    # restart sends those the last run could not.
    """
    CREATE TABLE card_outbox (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        card TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
)


@dataclass(frozen=True)
class Subscription:
    """A chat's saved search: new releases matching `words` are sent to it
    ("" : every new release)."""

    id: int
    chat_id: int
    words: str
    lang: str


@dataclass(frozen=True)
class PendingAlert:
    """New releases for a chat, not yet sent: the releases, the words of the
    subscriptions they matched, and the key of their whole list."""

    id: int
    chat_id: int
    lang: str
    words: tuple[str, ...]
    release_ids: tuple[int, ...]
    list_key: str


class Lead(Protocol):
    """Whether this process is the one of its replicas that runs the jobs that must
    run once (alerts, feed updates) and sets the webhook."""

    async def holds(self) -> bool: ...

    async def close(self) -> None: ...


class SoleLead:
    """The lead of a bot that has no replicas (its state is its own SQLite file)."""

    async def holds(self) -> bool:
        return True

    async def close(self) -> None:
        return None


class PeopleState(Protocol):
    """Language choices, saved searches, subscriptions and their alerts."""

    async def user_language(self, user_id: int) -> str | None: ...

    async def set_user_language(self, user_id: int, lang: str) -> None: ...

    async def forget_user(self, user_id: int) -> None:
        """Delete everything stored with this user id."""

    async def save_search(self, query: str) -> str:
        """Keep a search text (with no user id) for paging; return its short key."""

    async def load_search(self, key: str) -> str | None: ...

    async def subscribe(self, chat_id: int, words: str, lang: str) -> bool:
        """Save a subscription; False if the chat already has this one."""

    async def subscriptions(self, chat_id: int | None = None) -> list[Subscription]:
        """A chat's subscriptions (every chat's, without a chat id), oldest first."""

    async def unsubscribe(self, chat_id: int, subscription_id: int | None = None) -> int:
        """Remove one of the chat's subscriptions, or all of them; how many went."""

    async def alert_cursor(self) -> tuple[str, int] | None:
        """The index (its identity) and the last release of it that alerts looked at."""

    async def queue_alerts(self, cursor: tuple[str, int],
                           alerts: Sequence[PendingAlert]) -> None:
        """Queue alerts and move the cursor, in one transaction."""

    async def pending_alerts(self) -> list[PendingAlert]: ...

    async def alert_sent(self, alert_id: int) -> None: ...

    async def alert_list(self, key: str) -> list[int] | None:
        """The release ids behind an alert's "see them all" button."""

    async def forget_chat(self, chat_id: int) -> None:
        """Delete a chat's subscriptions and alerts (it blocked the bot, or is gone)."""

    async def hold_card(self, chat_id: int, card: str) -> int:
        """Keep a help card about to be sent until `card_sent`; its number."""

    async def card_sent(self, held: int) -> None: ...

    async def held_cards(self) -> list[tuple[int, int, str, datetime]]:
        """(number, chat id, card, when) of the help cards not delivered, oldest first."""

    async def lead(self) -> Lead:
        """Who of the replicas on this state runs the jobs that must run once."""

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

    async def lead(self) -> Lead:
        return SoleLead()  # an SQLite state has one bot

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
        # A private chat's id is its user's id: its subscriptions go too.
        async with self.transaction() as db:
            await db.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
            await self._forget_chat(db, user_id)

    async def forget_chat(self, chat_id: int) -> None:
        async with self.transaction() as db:
            await self._forget_chat(db, chat_id)

    @staticmethod
    async def _forget_chat(db: aiosqlite.Connection, chat_id: int) -> None:
        await db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
        await db.execute("DELETE FROM alert_outbox WHERE chat_id = ?", (chat_id,))
        await db.execute("DELETE FROM card_outbox WHERE chat_id = ?", (chat_id,))

    async def hold_card(self, chat_id: int, card: str) -> int:
        async with self.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO card_outbox (chat_id, card, created_at) VALUES (?, ?, ?)",
                (chat_id, card, utc_now()))
            return int(cursor.lastrowid or 0)

    async def card_sent(self, held: int) -> None:
        async with self.transaction() as db:
            await db.execute("DELETE FROM card_outbox WHERE id = ?", (held,))

    async def held_cards(self) -> list[tuple[int, int, str, datetime]]:
        async with self.db.execute(
            "SELECT id, chat_id, card, created_at FROM card_outbox ORDER BY id"
        ) as cursor:
            return [(int(i), int(chat), str(card), datetime.fromisoformat(when))
                    async for i, chat, card, when in cursor]

    async def subscribe(self, chat_id: int, words: str, lang: str) -> bool:
        async with self.transaction() as db:
            cursor = await db.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, words, lang, created_at)"
                " VALUES (?, ?, ?, ?)", (chat_id, words, lang, utc_now()))
            return cursor.rowcount > 0

    async def subscriptions(self, chat_id: int | None = None) -> list[Subscription]:
        where, params = ("WHERE chat_id = ?", (chat_id,)) if chat_id is not None else ("", ())
        async with self.db.execute(
            f"SELECT id, chat_id, words, lang FROM subscriptions {where} ORDER BY id", params
        ) as cursor:
            return [Subscription(int(i), int(c), str(w), str(lang))
                    async for i, c, w, lang in cursor]

    async def unsubscribe(self, chat_id: int, subscription_id: int | None = None) -> int:
        sql, params = "DELETE FROM subscriptions WHERE chat_id = ?", [chat_id]
        if subscription_id is not None:
            sql, params = sql + " AND id = ?", [chat_id, subscription_id]
        async with self.transaction() as db:
            cursor = await db.execute(sql, params)
            return max(0, cursor.rowcount)

    async def alert_cursor(self) -> tuple[str, int] | None:
        async with self.db.execute(
            "SELECT value FROM state_meta WHERE key = 'alert_cursor'"
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        identity, _, last = str(row[0]).partition(" ")
        return identity, int(last)

    async def queue_alerts(self, cursor: tuple[str, int],
                           alerts: Sequence[PendingAlert]) -> None:
        now = utc_now()
        cutoff = (datetime.now(UTC) - timedelta(days=SEARCH_DAYS)).isoformat()
        async with self.transaction() as db:
            for alert in alerts:
                ids = " ".join(map(str, alert.release_ids))
                await db.execute(
                    "INSERT OR IGNORE INTO alert_lists (key, release_ids, created_at)"
                    " VALUES (?, ?, ?)", (alert.list_key, ids, now))
                await db.execute(
                    "INSERT INTO alert_outbox (chat_id, lang, words, release_ids, list_key,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (alert.chat_id, alert.lang, "\n".join(alert.words), ids, alert.list_key,
                     now))
            await db.execute("DELETE FROM alert_lists WHERE created_at < ?", (cutoff,))
            await db.execute(
                "INSERT INTO state_meta (key, value) VALUES ('alert_cursor', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"{cursor[0]} {cursor[1]}",))

    async def pending_alerts(self) -> list[PendingAlert]:
        async with self.db.execute(
            "SELECT id, chat_id, lang, words, release_ids, list_key FROM alert_outbox"
            " ORDER BY id"
        ) as cursor:
            return [PendingAlert(int(i), int(chat), str(lang), tuple(str(words).split("\n")),
                                 tuple(int(r) for r in str(ids).split()), str(key))
                    async for i, chat, lang, words, ids, key in cursor]

    async def alert_sent(self, alert_id: int) -> None:
        async with self.transaction() as db:
            await db.execute("DELETE FROM alert_outbox WHERE id = ?", (alert_id,))

    async def alert_list(self, key: str) -> list[int] | None:
        async with self.db.execute(
            "SELECT release_ids FROM alert_lists WHERE key = ?", (key,)
        ) as cursor:
            row = await cursor.fetchone()
        return [int(r) for r in str(row[0]).split()] if row else None

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
