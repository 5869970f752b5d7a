"""What the bot keeps about people: its own store, transactions that roll back,
and the hand-over from indexes that used to hold it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.core import open_core
from bot.index import MIGRATIONS
from bot.sqlite import StoreError
from bot.state import SqliteState
from tests.conftest import DATA, settings_for

# What index migration 2 created until the people state had its own store.
OLD_PEOPLE_TABLES = """
CREATE TABLE users (user_id INTEGER PRIMARY KEY, lang TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE searches (key TEXT PRIMARY KEY, query TEXT NOT NULL, used_at TEXT NOT NULL);
"""


@pytest.fixture
async def state(tmp_path: Path) -> SqliteState:
    store = await SqliteState.open(tmp_path / "state.sqlite3")
    yield store  # type: ignore[misc]
    await store.close()


async def test_saved_searches_have_no_user_and_expire(state: SqliteState) -> None:
    key = await state.save_search("ค้ามนุษย์")
    assert key == await state.save_search("ค้ามนุษย์") and len(key) == 16
    assert await state.load_search(key) == "ค้ามนุษย์"
    columns = [row[1] for row in await state.db.execute_fetchall("PRAGMA table_info(searches)")]
    assert columns == ["key", "query", "used_at"]
    await state.db.execute("UPDATE searches SET used_at = '2020-01-01T00:00:00+00:00'")
    await state.save_search("another")
    assert await state.load_search(key) is None


async def test_a_failed_write_leaves_nothing_behind(state: SqliteState) -> None:
    with pytest.raises(RuntimeError):
        async with state.transaction() as db:
            await db.execute("INSERT INTO users VALUES (7, 'en', 'now')")
            raise RuntimeError("disk full")
    assert await state.user_language(7) is None
    await state.set_user_language(7, "en")  # and the connection is usable again
    assert await state.user_language(7) == "en"


async def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer atbot"):
        await SqliteState.open(path)


async def test_an_older_index_hands_its_people_state_over(tmp_path: Path) -> None:
    db_path = tmp_path / "old.sqlite3"
    with sqlite3.connect(db_path) as db:  # an index as atbot made it before schema 6
        for script in MIGRATIONS[:5]:
            db.executescript(script)
        db.executescript(OLD_PEOPLE_TABLES)
        db.execute("PRAGMA user_version = 5")
        db.execute("INSERT INTO users VALUES (42, 'en', '2026-11-01T00:00:00+00:00')")
        db.execute("INSERT INTO searches VALUES ('00ff00ff00ff00ff', 'IOM', "
                   "'2999-01-01T00:00:00+00:00')")
    settings = settings_for(db_path)
    core = await open_core(settings, DATA)
    try:
        assert await core.language_choice(42) == "en"
        assert await core.saved_search("00ff00ff00ff00ff") == "IOM"
    finally:
        await core.close()
    assert settings.state_path == tmp_path / "old.state.sqlite3"
    with sqlite3.connect(db_path) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        assert not tables & {"users", "searches"}, "the index keeps nothing about people"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
