"""The bot under load: a steady rate of updates, then a burst, against the fake Bot API
(tests/e2e/fake_bot_api.py), the bot a real process on a copy of an index.

    python benchmarks/load.py [--db INDEX] [--rate N] [--seconds S] [--burst N]
                              [--distress SHARE] [--no-limiter]

The mix: searches from benchmarks/eval/queries.tsv and, for a share of the updates
(default 10%), distress messages from tests/data/distress_messages.tsv, each from a
chat of its own. Printed for each phase: updates answered per second, the time from
an update's arrival to its first reply (p50 / p99, per kind: help card, search), lost
and duplicated replies, and the bot's CPU time and peak RSS. --no-limiter sends
without Telegram's 30 messages/s (ATBOT_RATE_LIMIT=off): the bot's own capacity.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import SAMPLE_DIR, build_index  # noqa: E402
from tests.e2e.conftest import TOKEN, start_bot  # noqa: E402
from tests.e2e.fake_bot_api import FakeBotAPI, text_message  # noqa: E402

QUERIES = ROOT / "benchmarks" / "eval" / "queries.tsv"
DISTRESS = ROOT / "tests" / "data" / "distress_messages.tsv"
# How long to wait, after the last update, for the replies still coming.
DRAIN_SECONDS = 60.0


@dataclass
class Sent:
    chat: int
    kind: str  # "help" or "search"
    at: float


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="index to copy (default: the sample)")
    parser.add_argument("--rate", type=float, default=20.0, help="updates per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="of the steady phase")
    parser.add_argument("--burst", type=int, default=600, help="updates at once")
    parser.add_argument("--distress", type=float, default=0.1, help="share of pleas")
    parser.add_argument("--no-limiter", action="store_true")
    args = parser.parse_args()
    chance = random.Random(7)
    searches = _column(QUERIES, "query", lambda row: True)
    pleas = _column(DISTRESS, "text", lambda row: row["label"] == "distress")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "load.sqlite3"
        if args.db:
            shutil.copy(args.db, db)
        else:
            asyncio.run(build_index(db, [str(SAMPLE_DIR)]))
        with FakeBotAPI(TOKEN) as api:
            bot = start_bot(api, db, Path(folder) / "bot.log", env={
                "ATBOT_RATE_LIMIT": "off" if args.no_limiter else "on",
                "ATBOT_LOG_LEVEL": "WARNING"}).process
            try:
                chats = iter(range(100_000, 10_000_000))
                count = round(args.rate * args.seconds)
                steady = _phase(api, bot, chats, chance, searches, pleas, args.distress,
                                count, interval=1.0 / args.rate)
                _report(f"steady {args.rate:g} updates/s for {args.seconds:g} s", *steady)
                burst = _phase(api, bot, chats, chance, searches, pleas, args.distress,
                               args.burst, interval=0.0)
                _report(f"burst of {args.burst}", *burst)
            finally:
                bot.terminate()
                bot.wait(timeout=30)
    return 0


def _column(path: Path, name: str, keep: object) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [row[name] for row in csv.DictReader(handle, delimiter="\t")
                if keep(row)]  # type: ignore[operator]


def _phase(api: FakeBotAPI, bot: subprocess.Popen[bytes], chats: object, chance: random.Random,
           searches: list[str], pleas: list[str], share: float, count: int,
           interval: float) -> tuple[list[Sent], FakeBotAPI, float, float, tuple[float, int]]:
    """Push `count` updates, `interval` s apart; wait for their replies."""
    cpu_before = _cpu_seconds(bot.pid)
    sent: list[Sent] = []
    started = time.monotonic()
    for number in range(count):
        kind = "help" if chance.random() < share else "search"
        text = chance.choice(pleas if kind == "help" else searches)
        chat = next(chats)  # type: ignore[call-overload]
        due = started + number * interval
        time.sleep(max(0.0, due - time.monotonic()))
        sent.append(Sent(chat, kind, time.monotonic()))
        api.push(text_message(chat, text))
    wanted = {s.chat for s in sent}
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        answered = {int(c.params["chat_id"]) for c in api.calls_to("sendMessage")}
        if wanted <= answered:
            break
        time.sleep(0.2)
    finished = time.monotonic()
    time.sleep(2)  # a late duplicate would show now
    return (sent, api, finished - started, _cpu_seconds(bot.pid) - cpu_before,
            (_peak_rss_mib(bot.pid), len(wanted)))


def _report(title: str, sent: list[Sent], api: FakeBotAPI, elapsed: float, cpu: float,
            extra: tuple[float, int]) -> None:
    rss, chats = extra
    by_chat: dict[int, list[tuple[float, str]]] = {}
    for call in api.calls_to("sendMessage"):
        by_chat.setdefault(int(call.params["chat_id"]), []).append((call.at, call.params["text"]))
    lost = [s for s in sent if s.chat not in by_chat]
    duplicated = sum(1 for s in sent
                     if max(Counter(t for _, t in by_chat.get(s.chat, [])).values(),
                            default=0) > 1)
    print(f"== {title}: {len(sent)} updates ({Counter(s.kind for s in sent)['help']} pleas)")
    print(f"answered:   {chats - len(lost)} in {elapsed:.1f} s "
          f"({(chats - len(lost)) / elapsed:.1f} updates/s)")
    for kind in ("help", "search"):
        waits = sorted(by_chat[s.chat][0][0] - s.at for s in sent
                       if s.kind == kind and s.chat in by_chat)
        if waits:
            print(f"{kind:7}     first reply p50 {_pct(waits, 50):.2f} s, "
                  f"p99 {_pct(waits, 99):.2f} s, max {waits[-1]:.2f} s")
    print(f"lost:       {len(lost)}   duplicated: {duplicated}")
    print(f"bot CPU:    {cpu:.1f} s ({cpu / elapsed * 100:.0f}% of one core); "
          f"peak RSS {rss:.0f} MiB")


def _pct(values: list[float], percent: float) -> float:
    return values[min(len(values) - 1, round(percent / 100 * (len(values) - 1)))]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
