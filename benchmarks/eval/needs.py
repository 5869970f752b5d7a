"""Information needs: questions as journalists, NGO staff and relatives ask them.

    python benchmarks/eval/needs.py --db FULL.sqlite3 [--misses]

Each question of needs.tsv (written by someone who had not read the code) comes
with the fact a good answer contains and the releases that state it. A question
is answered when the answer line holds the fact, or when one of the first three
releases is one that states it (for "latest", the newest such release). Prints
the share answered per kind and overall.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.config import Settings, state_path_beside  # noqa: E402
from bot.core import open_core  # noqa: E402
from bot.data import load_data  # noqa: E402

NEEDS = Path(__file__).with_name("needs.tsv")
TOP = 3


def loose(text: str) -> str:
    """Text compared without case and with one space for any run of them; a tier
    is the same fact in Thai or Latin letters ("เทียร์ 2" is "Tier 2"), and the watch list
    in one word or two ("Tier 2 Watchlist" is "Tier 2 Watch List")."""
    text = re.sub(r"\s+", " ", text).casefold().replace("เทียร์", "tier")
    return text.replace("watch list", "watchlist").strip()


async def answered(db: Path, misses: list[str]) -> dict[str, list[bool]]:
    data_dir = ROOT / "data"
    settings = Settings(db_path=db, data_dir=data_dir, state_path=state_path_beside(db))
    core = await open_core(settings, load_data(data_dir))
    kinds: dict[str, list[bool]] = defaultdict(list)
    try:
        with NEEDS.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                answer = await core.ask(core.read(row["question"]), limit=10)
                facts = getattr(answer, "facts", [])
                line = " ".join(fact.text for fact in facts)
                relevant = set(row["relevant"].split())
                found = (loose(row["fact"]) in loose(line)
                         or any(r.url in relevant for r in answer.results[:TOP]))
                kinds[row["kind"]].append(found)
                kinds["overall"].append(found)
                if not found:
                    shown = line[:80] if line else "-"
                    misses.append(f"{row['id']} {row['kind']:7} {row['question']} | want "
                                  f"{row['fact']} | line: {shown}")
    finally:
        await core.close()
    return kinds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--misses", action="store_true", help="list the needs not met")
    args = parser.parse_args()
    misses: list[str] = []
    kinds = asyncio.run(answered(args.db, misses))
    print(f"{'kind':10} {'n':>4}  answered")
    for kind in [*sorted(k for k in kinds if k != "overall"), "overall"]:
        found = kinds[kind]
        print(f"{kind:10} {len(found):>4}  {sum(found) / len(found):.3f}")
    if args.misses:
        print("\n".join(["", *misses]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
