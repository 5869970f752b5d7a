"""Situations: how often each is found, and what its card shows over an index.

    python benchmarks/situations.py [FILE.tsv ...] [--db INDEX] [--misses]

Each file has the columns situations (comma-separated ids of data/situations.toml,
or none), lang and text, as tests/data/situation_messages.tsv (the default). Per
situation the script prints how many of the messages that fit it are found, and
how many of the others get it wrongly. Used to measure a held-out set before the
rules learn from it.

With --db (an index, the whole corpus for a real figure) it also asks the bot each
message and counts what follows the cards: releases, those speaking of death (the
issue's words, checked apart from data/situations.toml), search rewrites, and the
time an answer takes.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.core import open_core  # noqa: E402
from bot.data import Data, load_data  # noqa: E402
from bot.message import read_message  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "situation_messages.tsv"
DEATH = re.compile(r"เสียชีวิต|ถูกฆ่า|ฆาตกรรม|ถูกยิง|ข่มขืน|พบศพ|\d\s*ศพ|"
                   r"\b(?:dead|killed|murdered|raped|bodies)\b", re.IGNORECASE)


def read(paths: list[Path]) -> list[tuple[set[str], str, str]]:
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                wanted = {s.strip() for s in row["situations"].split(",")} - {"none"}
                rows.append((wanted, row["lang"], row["text"]))
    return rows


def routing(data: Data, rows: list[tuple[set[str], str, str]], misses: bool) -> None:
    found: Counter[str] = Counter()
    wrongly: Counter[str] = Counter()
    fits: Counter[str] = Counter()
    wrong: list[str] = []
    for wanted, lang, text in rows:
        message = read_message(text)
        distress = data.distress_rule.judge(message).distress
        got = {s.id for s in data.situations.of_message(message, distress=distress)}
        for situation in data.situations.situations:
            sid = situation.id
            fits[sid] += sid in wanted
            found[sid] += sid in wanted and sid in got
            wrongly[sid] += sid in got and sid not in wanted
        if got != wanted:
            wrong.append(f"{lang} want {sorted(wanted) or 'none'} got {sorted(got) or 'none'}: "
                         f"{text}")
    print(f"{'situation':10} {'found':>10} {'wrongly':>10}")
    for situation in data.situations.situations:
        sid = situation.id
        others = len(rows) - fits[sid]
        print(f"{sid:10} {found[sid]:>4}/{fits[sid]:<5} {wrongly[sid]:>4}/{others:<5}")
    if misses:
        print("\n".join(["", *wrong]))


async def cards(data: Data, db: Path, rows: list[tuple[set[str], str, str]]) -> None:
    core = await open_core(Settings.from_env(db), data)
    tally: Counter[str] = Counter()
    took: list[float] = []
    try:
        for _, _, text in rows:
            start = time.perf_counter()
            answer = await core.ask(core.read(text))
            took.append((time.perf_counter() - start) * 1000)
            if not answer.situations:
                continue
            tally["cards"] += 1
            tally["releases"] += len(answer.results)
            tally["cards without releases"] += not answer.results
            tally["releases speaking of death"] += sum(
                bool(DEATH.search(" ".join((r.title, r.summary, r.snippet))))
                for r in answer.results)
            tally["rewrites"] += bool(answer.corrections)
    finally:
        await core.close()
    print(f"\nover {db.name}: " + ", ".join(f"{k} {v}" for k, v in tally.items()))
    print(f"answer time: p50 {statistics.median(took):.1f} ms, "
          f"p95 {statistics.quantiles(took, n=20)[18]:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--db", type=Path, help="an index to ask each message")
    parser.add_argument("--misses", action="store_true", help="list what was not right")
    args = parser.parse_args()
    data = load_data(ROOT / "data")
    rows = read(args.files)
    routing(data, rows, args.misses)
    if args.db:
        if not args.db.exists():
            print(f"{args.db}: no such index", file=sys.stderr)
            return 2
        asyncio.run(cards(data, args.db, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
