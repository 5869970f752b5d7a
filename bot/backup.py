"""`atbot backup` and `atbot restore`: consistent copies of the index and the people
state, with SQLite's online backup (a running bot goes on answering and writing
meanwhile; a copy taken while a page changes starts again, so it is whole).

The state goes to a file named after the index's copy, as it sits beside the
index (state_path_beside: backup.sqlite3 -> backup.state.sqlite3). A copy is
written to a ".part" file first and renamed when complete: a backup cut short
leaves the previous one untouched. Restore checks each copy (SQLite's
quick_check, an atbot schema this version knows) before it puts anything back.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.config import state_path_beside
from bot.index import ReleaseIndex
from bot.sqlite import StoreError
from bot.state import SqliteState

# Pages copied at a time: between steps the bot's own writes go ahead.
PAGES_PER_STEP = 4096


@dataclass(frozen=True)
class Copied:
    """What a backup or restore wrote: each file and its size."""

    files: tuple[tuple[Path, int], ...]


def backup(index: Path, state: Path, target: Path) -> Copied:
    """Copy the index to `target` and the state (when there is one) beside it."""
    if not index.is_file():
        raise StoreError(f"{index}: no index to back up")
    written = [(target, _copy(index, target))]
    if state.is_file():
        state_target = state_path_beside(target)
        written.append((state_target, _copy(state, state_target)))
    return Copied(tuple(written))


def restore(source: Path, index: Path, state: Path) -> Copied:
    """Put the copies made by `backup` at `source` back as the index and the state.
    Run it with the bot stopped: a running bot would go on from what it read."""
    state_source = state_path_beside(source)
    _check(source, "release index", len(ReleaseIndex.migrations))
    copies = [(source, index)]
    if state_source.is_file():
        _check(state_source, "people state", len(SqliteState.migrations))
        copies.append((state_source, state))
    return Copied(tuple((target, _copy(origin, target)) for origin, target in copies))


def _copy(source: Path, target: Path) -> int:
    """Copy one SQLite file with the backup API; the size written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f"{target.name}.part")
    part.unlink(missing_ok=True)
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(part)) as copy:
        origin.backup(copy, pages=PAGES_PER_STEP)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    part.replace(target)
    return target.stat().st_size


def _check(path: Path, what: str, newest: int) -> None:
    """`path` is a whole atbot database of a schema this version knows, or StoreError."""
    if not path.is_file():
        raise StoreError(f"{path}: no such backup")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            checked = db.execute("PRAGMA quick_check").fetchone()
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a usable backup ({error})") from None
    if checked != ("ok",):
        raise StoreError(f"{path}: damaged ({checked[0] if checked else 'no answer'}); "
                         "nothing was restored")
    if not 0 < version <= newest:
        raise StoreError(f"{path}: not an atbot {what} this version can use (schema "
                         f"{version}, this one knows 1 to {newest}); nothing was restored")
