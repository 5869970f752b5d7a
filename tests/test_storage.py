"""Storage faults are named: a full disk, a locked database (real SQLite errors)."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.index import ReleaseIndex
from bot.ingest import ingest
from bot.sqlite import storage_problem
from tests.conftest import DATA, SAMPLE_DIR, needs_sample
from tests.test_cli import atbot


@needs_sample
async def test_a_full_disk_is_named_and_the_index_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "full.sqlite3"
    index = await ReleaseIndex.open(path)
    try:
        # SQLite's own limit on the file's size: the same error as a full disk.
        async with index.db.execute("PRAGMA page_count") as cursor:
            pages = (await cursor.fetchone() or (0,))[0]
        await index.db.execute(f"PRAGMA max_page_count = {pages + 40}")
        with pytest.raises(sqlite3.OperationalError) as raised:
            await ingest(index, [str(SAMPLE_DIR)], DATA, workers=0, batch_size=20)
        problem = storage_problem(raised.value, path) or ""
        assert problem.startswith(f"the disk holding {path} is full")
        stored = await index.count()
    finally:
        await index.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM release_text").fetchone() == (stored,)


def test_a_locked_index_is_named_in_one_line(bundled_copy: Path, tmp_path: Path) -> None:
    holder = sqlite3.connect(bundled_copy, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        done = atbot("ingest", str(tmp_path), "--db", str(bundled_copy))
        assert time.monotonic() - started < 30
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode in (1, 2)
    [line] = done.stderr.strip().splitlines()
    assert "is locked by another process" in line and "Traceback" not in done.stderr


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MiB filesystem (tmpfs), where this machine lets the tests mount one."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the size-limit test stands in")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@needs_sample
def test_a_really_full_disk_is_named_at_ingest_and_at_every_later_start(
        tiny_disk: Path, tmp_path: Path) -> None:
    db = tiny_disk / "index.sqlite3"
    env = {"ATBOT_STATE_DB": str(tmp_path / "state.sqlite3")}
    filled = atbot("ingest", str(SAMPLE_DIR), "--db", str(db), env=env)
    assert filled.returncode == 1
    [line] = filled.stderr.strip().splitlines()
    assert line == (f"atbot: the disk holding {db} is full: free some space and run the "
                    "command again (what was written is kept; a batch in flight is rolled back)")
    # SQLite rebuilds its shared-memory file on open; on a full tmpfs that used to
    # end in SIGBUS. Now every command says the disk is full, in one line.
    for leftover in tiny_disk.glob("*-shm"):
        leftover.unlink()
    for command in (("ask", "ค้ามนุษย์"), ("stats",)):
        done = atbot(*command, "--db", str(db), env=env)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [line]
