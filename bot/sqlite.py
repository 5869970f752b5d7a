"""What both SQLite stores share: opening, schema migrations, transactions.

WAL mode, so readers go on while a writer commits; `user_version` numbers the
schema, each migration runs in its own transaction; `transaction()` commits
what its block wrote, or rolls all of it back if the block raises.
"""

from __future__ import annotations

import asyncio
import errno
import os
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

import aiosqlite

# How long a writer waits for another one before "database is locked".
BUSY_TIMEOUT_MS = 10_000
# Below this much free space, a disk counts as full: SQLite needs room for its
# write-ahead log and its shared-memory file even to read, and on a full tmpfs it
# can die of SIGBUS instead of reporting an error.
MIN_FREE_BYTES = 1 << 20


def utc_now() -> str:
    """Now, as stored: ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, not an atbot database...)."""


def storage_problem(error: BaseException, path: Path) -> str | None:
    """One line saying what stops the database at `path` and what to do, for the
    faults a person can fix (a full disk, a read-only file, a lock); None otherwise."""
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if ("disk is full" in text or code == errno.ENOSPC
            or ("i/o error" in text and disk_full(path))):
        return full_disk(path)
    if "readonly" in text or "read-only" in text or code in (errno.EROFS, errno.EACCES,
                                                             errno.EPERM):
        return (f"{path} cannot be written (a read-only file, folder or disk): give atbot "
                "write access to it, or choose another file with --db")
    if "database is locked" in text:
        return (f"{path} is locked by another process writing it (an ingest or update?): "
                "wait for it to end, or stop it, then run the command again")
    return None


def full_disk(path: Path) -> str:
    """The line that says the disk holding `path` is full."""
    return (f"the disk holding {path} is full: free some space and run the command "
            "again (what was written is kept; a batch in flight is rolled back)")


def disk_full(path: Path) -> bool:
    """Has the disk that holds (or would hold) `path` less than MIN_FREE_BYTES free?
    A read-only disk is not full (it always shows no free space)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        usage = os.statvfs(folder)
    except OSError:
        return False
    if usage.f_flag & os.ST_RDONLY:
        return False
    return usage.f_bavail * usage.f_frsize < MIN_FREE_BYTES


class SqliteFile:
    """An open SQLite file with a versioned schema. `await Kind.open(path)`, then
    `await close()`. Subclasses name their `migrations` and what the file is."""

    migrations: Sequence[str] = ()
    what = "atbot database"

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        # One connection serves every coroutine: its transactions take turns.
        self._writing = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Self:
        if disk_full(path):
            raise StoreError(full_disk(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(storage_problem(error, path) or f"{path}: {error}") from None
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            store = cls(db, path)
            await store._migrate()
        except sqlite3.DatabaseError as error:
            await db.close()
            problem = storage_problem(error, path)
            raise StoreError(problem or f"{path}: not a usable {cls.what} ({error})") from None
        except BaseException:
            await db.close()
            raise
        return store

    async def close(self) -> None:
        await self.db.close()

    def close_without_loop(self) -> None:
        """Close from outside any event loop (the loop that opened it is gone): the
        connection's thread would otherwise keep the process alive."""
        self.db.stop()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """`async with store.transaction() as db:` commits the block's writes, or
        rolls them all back if it raises."""
        async with self._writing:
            await self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                await self.db.execute("COMMIT")
            except BaseException:
                # SQLite may have ended the transaction itself (a full disk): then the
                # ROLLBACK fails, and the error to report is the first one.
                with suppress(sqlite3.Error):
                    await self.db.execute("ROLLBACK")
                raise

    async def _migrate(self) -> None:
        """Bring the schema up to the newest migration, one transaction per step."""
        async with self.db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        if version > len(self.migrations):
            raise StoreError(
                f"{self.path} was made by a newer atbot (schema {version}, this one "
                f"knows {len(self.migrations)}); upgrade atbot"
            )
        for number in range(version + 1, len(self.migrations) + 1):
            async with self.transaction() as db:
                for statement in _statements(self.migrations[number - 1]):
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {number}")


def _statements(script: str) -> list[str]:
    """The statements of a migration script, one by one (execute() takes one)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
