"""`atbot backup` while the bot runs and writes, then `atbot restore` with it stopped."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from tests.conftest import state_path_beside
from tests.e2e.conftest import BotProcess
from tests.e2e.test_alerts import say
from tests.test_cli import atbot


def test_a_backup_taken_while_the_bot_writes_is_whole_and_restores(
        bot: BotProcess, bot_db: Path, tmp_path: Path) -> None:
    api = bot.api
    assert "ติดตามแล้ว" in say(api, 301, "/subscribe ค้ามนุษย์ เวียดนาม")
    # The bot goes on writing (subscriptions, searches saved for their page buttons)
    # while backups are taken.
    stop = threading.Event()

    def keep_writing() -> None:
        chat = 400
        while not stop.is_set():
            say(api, chat, f"/subscribe แรงงาน {chat}")
            chat += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = [tmp_path / f"backup-{n}.sqlite3" for n in range(3)]
        for copy in copies:
            done = atbot("backup", str(copy), "--db", str(bot_db))
            assert done.returncode == 0, done.stderr
            assert f"backed up: {copy}" in done.stdout
    finally:
        stop.set()
        writer.join()
    for copy in copies:
        for path in (copy, state_path_beside(copy)):
            with sqlite3.connect(path) as db:
                assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        with sqlite3.connect(state_path_beside(copy)) as db:
            chats = {row[0] for row in db.execute("SELECT chat_id FROM subscriptions")}
        assert 301 in chats
    answered = atbot("ask", "ค้ามนุษย์ เวียดนาม", "--json", "--db", str(copies[-1]))
    assert answered.returncode == 0 and '"results": [' in answered.stdout

    assert bot.stop() == 0
    target = tmp_path / "restored" / "index.sqlite3"
    done = atbot("restore", str(copies[-1]), "--db", str(target))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(state_path_beside(target)) as db:
        assert db.execute("SELECT count(*) FROM subscriptions WHERE chat_id = 301").fetchone() \
            == (1,)
    assert atbot("stats", "--db", str(target)).returncode == 0


def test_a_damaged_backup_is_refused_and_nothing_is_put_back(
        bot_db: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(bot_db.read_bytes()[:8192] + b"\0" * 8192)
    before = bot_db.read_bytes()
    done = atbot("restore", str(damaged), "--db", str(bot_db))
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"atbot: {damaged}:") and "Traceback" not in done.stderr
    assert bot_db.read_bytes() == before
