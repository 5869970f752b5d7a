"""Time from an ingest to its alert: the bot as a real process against the fake Bot
API (tests/e2e/fake_bot_api.py), one chat subscribed, a new release ingested by the
CLI in another process, N times.

    python benchmarks/alerts.py [--db INDEX] [--runs N]

INDEX is copied first (default: an index of ../shared/corpus/sample, built here).
Prints, per run, how long `atbot ingest` took and the time from its end to the
alert reaching the fake Bot API; then the median, p90 and maximum. Each run
starts after a random pause, so that the ingests fall anywhere in the bot's
cycle of looking for new releases (every CHECK_SECONDS).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.alerts import CHECK_SECONDS  # noqa: E402
from tests.conftest import SAMPLE_DIR, build_index, release_text  # noqa: E402
from tests.e2e.conftest import TOKEN, start_bot  # noqa: E402
from tests.e2e.fake_bot_api import FakeBotAPI, text_message  # noqa: E402

CHAT = 4242
random.seed(12)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="index to copy (default: the sample)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "bench.sqlite3"
        if args.db:
            shutil.copy(args.db, db)
        else:
            asyncio.run(build_index(db, [str(SAMPLE_DIR)]))
        with FakeBotAPI(TOKEN) as api:
            bot = start_bot(api, db, work / "bot.log", env={"ATBOT_LOG_LEVEL": "WARNING"})
            try:
                api.push(text_message(CHAT, "/subscribe ค้ามนุษย์"))
                api.wait_message(CHAT, 1)
                delays = [_one_run(api, db, work, n) for n in range(1, args.runs + 1)]
            finally:
                bot.stop()
    ordered = sorted(delays)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    print(f"ingest -> alert: median {statistics.median(delays):.1f} s, p90 {p90:.1f} s, "
          f"max {max(delays):.1f} s over {len(delays)} runs")
    return 0


def _one_run(api: FakeBotAPI, db: Path, work: Path, number: int) -> float:
    path = work / f"release_{number}.txt"
    path.write_text(release_text(
        title=f"ข่าวทดสอบการต่อต้านการค้ามนุษย์ ฉบับที่ {number}",
        url=f"https://bench.example.org/releases/{number}"), encoding="utf-8")
    time.sleep(random.uniform(0, CHECK_SECONDS))
    before = len(api.messages_to(CHAT))
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "bot", "ingest", str(path), "--db", str(db)],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    ended = time.monotonic()
    api.wait_message(CHAT, before + 1, timeout=120)
    delay = time.monotonic() - ended
    print(f"run {number:2}: ingest {ended - started:4.1f} s, then alert after {delay:4.1f} s",
          flush=True)
    return delay


if __name__ == "__main__":
    sys.exit(main())
