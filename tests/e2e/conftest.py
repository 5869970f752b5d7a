"""The bot as a real process (`python -m bot run`) against a local Bot API server."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.fake_bot_api import FakeBotAPI

TOKEN = "7000000001:AAHk3dQf_testtoken-NotReal-0123456789ab"


@dataclass
class BotProcess:
    api: FakeBotAPI
    process: subprocess.Popen[str]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()  # leave no bot behind
            self.process.wait()
            raise


def start_bot(api: FakeBotAPI, db: Path, log_path: Path, *extra: str,
              env: dict[str, str] | None = None, wait_for_commands: bool = True) -> BotProcess:
    """The bot in a process of its own, once it has registered its commands (or, without
    `wait_for_commands`, once it polls)."""
    full_env = {
        **os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url, "ATBOT_DB": str(db),
        "ATBOT_LOG_LEVEL": "DEBUG", **(env or {}),
    }
    handle = log_path.open("a", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "bot", "run", *extra], env=full_env,
                               stdout=handle, stderr=subprocess.STDOUT, text=True)
    bot = BotProcess(api, process, log_path)
    try:
        if wait_for_commands:
            api.wait_for(lambda: len(api.calls_to("setMyCommands")) >= 9
                         or process.poll() is not None, timeout=60)
        else:
            api.wait_for(lambda: api.calls_to("getUpdates") or process.poll() is not None,
                         timeout=60)
        assert process.poll() is None, bot.log()
    except BaseException:
        process.kill()  # a bot that did not start as expected is not left running
        process.wait()
        raise
    return bot


@pytest.fixture
def bot_db(sample_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "bot.sqlite3"
    shutil.copy(sample_db, target)
    return target


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(TOKEN) as server:
        yield server


@pytest.fixture
def bot(api: FakeBotAPI, bot_db: Path, tmp_path: Path) -> Iterator[BotProcess]:
    running = start_bot(api, bot_db, tmp_path / "bot.log")
    try:
        yield running
    finally:
        running.stop()
