"""When the bot declines: questions the releases cannot answer against the judged ones.

    python benchmarks/eval/abstain.py --db FULL.sqlite3

Every question of unanswerable.tsv (other news, everyday questions, junk, code,
SQL; Thai and English) and of queries.tsv (answerable, judged) is asked of the
core service as `atbot ask` asks it. For each the search engine says how well
its best release fits (SearchEngine.fit: 1 for a question about what the
releases cover, a help card, a partner); the script prints, for thresholds from
0.1 to 1.0, the share of each set that would be declined, then what the bot
does at its own threshold (bot/search.py, MIN_FIT): the decline rate per kind
of unanswerable question and the answerable questions it declines (a greeting
answered with the welcome is declined: no releases). Last, the
same for heldout_fit.tsv, written by a helper after these rules, which no rule
was fitted on: questions the releases answer ("on") and everyday questions that
share a country, a province or a word with them ("off").
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from collections import defaultdict
from pathlib import Path
from typing import get_args

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.config import Settings, state_path_beside  # noqa: E402
from bot.core import open_core  # noqa: E402
from bot.data import load_data  # noqa: E402
from bot.intents import SmallTalkKind  # noqa: E402
from bot.search import MIN_FIT  # noqa: E402

HERE = Path(__file__).parent
THRESHOLDS = [round(0.1 * n, 1) for n in range(1, 11)]
SMALL_TALK = get_args(SmallTalkKind)


async def fits(db: Path, path: Path) -> list[tuple[dict[str, str], float, bool]]:
    """Each question of `path`, how well its best release fits, and whether the bot
    answered it with releases or a card."""
    data_dir = ROOT / "data"
    settings = Settings(db_path=db, data_dir=data_dir, state_path=state_path_beside(db))
    core = await open_core(settings, load_data(data_dir))
    found: list[tuple[dict[str, str], float, bool]] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                answer = await core.ask(core.read(row["query"]), limit=10)
                # A greeting's welcome carries the hotline card: small talk, not an answer.
                answered = bool(answer.results) or (answer.card is not None
                                                    and answer.intent not in SMALL_TALK)
                fit = answer.fit if answer.fit is not None else (1.0 if answered else 0.0)
                found.append((row, fit, answered))
    finally:
        await core.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, type=Path)
    args = parser.parse_args()
    unanswerable = asyncio.run(fits(args.db, HERE / "unanswerable.tsv"))
    answerable = asyncio.run(fits(args.db, HERE / "queries.tsv"))
    print(f"unanswerable: {len(unanswerable)} questions; answerable (judged): {len(answerable)}")
    print(f"{'threshold':>9}  {'unanswerable declined':>21}  {'answerable declined':>19}")
    for threshold in THRESHOLDS:
        bad = sum(fit < threshold for _, fit, _ in unanswerable) / len(unanswerable)
        good = sum(fit < threshold for _, fit, _ in answerable) / len(answerable)
        mark = "  <- MIN_FIT" if threshold == MIN_FIT else ""
        print(f"{threshold:>9.1f}  {bad:>21.3f}  {good:>19.3f}{mark}")
    print(f"\nat MIN_FIT = {MIN_FIT}, declined (no releases, no help card; small talk is):")
    kinds: dict[str, list[bool]] = defaultdict(list)
    for row, _, answered in unanswerable:
        kinds[row["kind"]].append(not answered)
        kinds["all"].append(not answered)
    for kind, declined in sorted(kinds.items()):
        share = sum(declined) / len(declined)
        print(f"  {kind:12} {sum(declined):>4} of {len(declined):<4} {share:.3f}")
    lost = [row for row, _, answered in answerable if not answered]
    print(f"  answerable declined: {len(lost)} of {len(answerable)}")
    for row in lost:
        print(f"    {row['id']} {row['kind']:12} {row['query']}")
    heldout = asyncio.run(fits(args.db, HERE / "heldout_fit.tsv"))
    print("\nheld out (heldout_fit.tsv), declined:")
    for kind, wanted in (("on", "answerable"), ("off", "unanswerable")):
        rows = [(row, answered) for row, _, answered in heldout if row["kind"] == kind]
        missed = [row for row, answered in rows if not answered]
        print(f"  {wanted:12} {len(missed):>4} of {len(rows):<4} {len(missed) / len(rows):.3f}")
    for row, _, answered in heldout:
        if answered == (row["kind"] == "off"):
            print(f"    {row['id']} {row['kind']:4} {row['query']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
