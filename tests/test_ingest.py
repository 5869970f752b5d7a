"""Ingest: topic filter, idempotence, archives, URLs, failures and crash safety."""

from __future__ import annotations

import functools
import http.server
import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.index import ReleaseIndex
from bot.ingest import IngestReport, ingest
from tests.conftest import DATA, ROOT, SAMPLE_DIR, needs_sample, release_text


def dump(db_path: Path) -> list[tuple[object, ...]]:
    """Everything an ingest stores about releases, in a stable order."""
    with sqlite3.connect(db_path) as db:
        return db.execute(
            "SELECT r.url, r.title, r.date, r.lang, r.category, r.hashtags, r.summary,"
            " r.concepts, r.content_hash, t.title, t.body, t.extra"
            " FROM releases r JOIN release_text t ON t.rowid = r.id ORDER BY r.url"
        ).fetchall()


async def run_ingest(db_path: Path, inputs: list[str], **options: object) -> IngestReport:
    index = await ReleaseIndex.open(db_path)
    try:
        return await ingest(index, inputs, DATA, **options)  # type: ignore[arg-type]
    finally:
        await index.close()


def trafficking_files() -> list[Path]:
    return [p for p in SAMPLE_DIR.rglob("*.txt")
            if any(t in p.read_text(encoding="utf-8").lower() for t in ("ค้ามนุษย์", "trafficking"))]


@needs_sample
async def test_sample_ingest_keeps_the_trafficking_releases(tmp_path: Path) -> None:
    report = await run_ingest(tmp_path / "a.sqlite3", [str(SAMPLE_DIR)])
    assert report.read == 201
    assert report.failed == 0
    assert report.indexed + report.off_topic == 201
    assert report.new == report.indexed
    assert len(trafficking_files()) == 151
    assert 151 <= report.indexed <= 160
    indexed_urls = {row[0] for row in dump(tmp_path / "a.sqlite3")}
    assert "https://www.thaigov.go.th/news/contents/details/88388" in indexed_urls


@needs_sample
async def test_second_ingest_changes_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "a.sqlite3"
    first = await run_ingest(db_path, [str(SAMPLE_DIR)])
    before = dump(db_path)
    second = await run_ingest(db_path, [str(SAMPLE_DIR)])
    assert second.indexed == 0
    assert second.unchanged == first.indexed
    assert second.off_topic == first.off_topic
    assert dump(db_path) == before


@needs_sample
async def test_all_indexes_off_topic_releases_too(tmp_path: Path) -> None:
    report = await run_ingest(tmp_path / "a.sqlite3", [str(SAMPLE_DIR)], all_topics=True)
    assert (report.indexed, report.off_topic, report.failed) == (201, 0, 0)


@pytest.mark.parametrize("mode", ["w:xz", "w:gz"])
async def test_archives_give_the_same_index_as_the_folder(
    tmp_path: Path, sample_db: Path, mode: str
) -> None:
    archive = tmp_path / ("sample.tar.xz" if mode == "w:xz" else "sample.tar.gz")
    with tarfile.open(archive, mode) as tar:
        tar.add(SAMPLE_DIR, arcname="data")
    db_path = tmp_path / "a.sqlite3"
    report = await run_ingest(db_path, [str(archive)])
    assert report.read == 201
    assert _comparable(dump(db_path)) == _comparable(dump(sample_db))


def _comparable(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [row[:8] + row[9:] for row in rows]


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving tmp_path."""
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


@needs_sample
async def test_ingest_streams_an_archive_from_a_url(tmp_path: Path, http_server: str) -> None:
    files = sorted(SAMPLE_DIR.rglob("*.txt"))[:40]
    with tarfile.open(tmp_path / "part.tar.gz", "w:gz") as tar:
        for path in files:
            tar.add(path, arcname=f"data/{path.relative_to(SAMPLE_DIR)}")
    report = await run_ingest(tmp_path / "a.sqlite3", [f"{http_server}/part.tar.gz"])
    assert report.read == 40
    assert report.failed == 0
    assert report.indexed > 0

    missing = await run_ingest(tmp_path / "b.sqlite3", [f"{http_server}/nothing.tar.gz"])
    assert missing.read == 0
    assert missing.failures == [(f"{http_server}/nothing.tar.gz", "download failed: HTTP 404")]


async def test_bad_files_are_reported_and_do_not_stop_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good_1.txt").write_text(release_text(), encoding="utf-8")
    (folder / "latin1_2.txt").write_bytes("ค้ามนุษย์".encode()[:4] + b"\xff\xfe")
    (folder / "nosource_3.txt").write_text(release_text().rsplit("\n", 1)[0], encoding="utf-8")
    (folder / "offtopic_nodate_4.txt").write_text("ข่าวทั่วไป\n\nไม่มีอะไร\n\nที่มา : http://x.org/1",
                                                  encoding="utf-8")
    report = await run_ingest(tmp_path / "a.sqlite3", [str(folder), str(tmp_path / "missing")])
    reasons = dict(report.failures)
    assert report.indexed == 1
    assert "not UTF-8" in reasons[str(folder / "latin1_2.txt")]
    assert "no source line" in reasons[str(folder / "nosource_3.txt")]
    assert "no Thai date line" in reasons[str(folder / "offtopic_nodate_4.txt")]
    assert reasons[str(tmp_path / "missing")] == "no such file, folder or URL"


@needs_sample
async def test_a_truncated_archive_keeps_what_was_read(tmp_path: Path) -> None:
    archive = tmp_path / "sample.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(SAMPLE_DIR, arcname="data")
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    report = await run_ingest(tmp_path / "a.sqlite3", [str(archive)])
    assert 0 < report.read < 201
    assert report.failures[-1][0] == str(archive)
    assert report.failures[-1][1].startswith(f"archive unreadable after {report.read} files")


async def test_a_changed_release_is_updated_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "ด้านสังคม_1.txt"
    path.write_text(release_text(body=("ข่าวแรกเรื่องการค้ามนุษย์",)), encoding="utf-8")
    db_path = tmp_path / "a.sqlite3"
    first = await run_ingest(db_path, [str(folder)])
    path.write_text(release_text(body=("ข่าวแก้ไขเรื่องการค้ามนุษย์",)), encoding="utf-8")
    second = await run_ingest(db_path, [str(folder)])
    assert (first.new, second.indexed, second.new) == (1, 1, 0)
    rows = dump(db_path)
    assert len(rows) == 1
    assert "ข่าวแก้ไข" in str(rows[0][6])


def test_a_killed_ingest_finishes_on_the_next_run(tmp_path: Path, sample_db: Path) -> None:
    """A real process killed mid-ingest, then re-run: same index as an uninterrupted run."""
    db_path = tmp_path / "killed.sqlite3"
    command = [sys.executable, "-m", "bot", "ingest", str(SAMPLE_DIR), "--db", str(db_path),
               "--batch-size", "5", "--workers", "0"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _count(db_path) < 20:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    stored = _count(db_path)
    assert 20 <= stored < 151, "the process was killed mid-ingest"
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM release_text").fetchone() == (stored,)

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                           check=True)
    assert f"unchanged:   {stored}" in rerun.stdout
    assert _comparable(dump(db_path)) == _comparable(dump(sample_db))


def _count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM releases").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


KILLS = 20


def every_table(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table an ingest writes, in a stable order, without times and ids."""
    queries = {
        "releases": "SELECT url, title, date, lang, category, hashtags, summary, concepts,"
                    " content_hash, source_name, length, title_words, names FROM releases",
        "release_text": "SELECT r.url, t.title, t.body, t.extra FROM releases r"
                        " JOIN release_text t ON t.rowid = r.id",
        "names": "SELECT thai, latin FROM names",
        "partner_stats": "SELECT partner_id, releases, latest FROM partner_stats",
        "meta": "SELECT key, value FROM meta WHERE key NOT IN ('last_ingest', 'identity')",
        "release_links": "SELECT l.url, r.url FROM release_links l JOIN releases r"
                         " ON r.id = l.release_id",
    }
    with sqlite3.connect(db_path) as db:
        return {table: sorted(db.execute(sql).fetchall(), key=repr)
                for table, sql in queries.items()}


@needs_sample
def test_an_ingest_killed_20_times_at_random_ends_as_a_clean_run(tmp_path: Path) -> None:
    """kill -9 at random moments (reading, preparing in the worker, writing, romanising
    names, counting partners), each run resuming the last until one reaches its end;
    then every table is as a clean run leaves it. 20 kills, over as many fresh indexes
    as that takes."""
    clean = tmp_path / "clean.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def command(db: Path) -> list[str]:
        return [sys.executable, "-m", "bot", "ingest", str(SAMPLE_DIR), "--db", str(db),
                "--batch-size", "10"]

    subprocess.run(command(clean), env=env, capture_output=True, timeout=300, check=True)
    expected = every_table(clean)
    chance = random.Random(13)
    kills = 0
    for attempt in itertools.count():
        killed = tmp_path / f"killed_{attempt}.sqlite3"
        while kills < KILLS:
            process = subprocess.Popen(command(killed), env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(chance.uniform(0.3, 4.0))
            if process.poll() is not None:
                break  # this one reached its end
            os.killpg(process.pid, signal.SIGKILL)  # the worker process too
            process.wait(timeout=30)
            kills += 1
        subprocess.run(command(killed), env=env, capture_output=True, timeout=300, check=True)
        with sqlite3.connect(killed) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert every_table(killed) == expected, f"after {kills} kills"
        if kills >= KILLS:
            break
