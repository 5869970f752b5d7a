"""Retrieval quality on the judged query set, next to a plain bm25 baseline.

    python benchmarks/eval/run.py --db FULL.sqlite3            # the whole set
    python benchmarks/eval/run.py --db SAMPLE.sqlite3 --sample  # CI subset

Every query of queries.tsv is asked of the core service, as `atbot ask` asks
it, once with the engine and once with the baseline (segmented FTS5 bm25, no
expansion, no fuzziness), and the script prints Hit@1, Hit@3 and MRR@10 per
kind and overall.

With --sample, only queries with a relevant release in ../shared/corpus/sample
count, and only those releases are relevant (the sample index has no others).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.config import Settings, state_path_beside  # noqa: E402
from bot.core import Core, open_core  # noqa: E402
from bot.data import load_data  # noqa: E402

QUERIES = Path(__file__).with_name("queries.tsv")
SAMPLE_DIR = ROOT.parent / "shared" / "corpus" / "sample"
TOP = 10


@dataclass(frozen=True)
class Judged:
    id: str
    kind: str
    query: str
    relevant: tuple[str, ...]


@dataclass
class Scores:
    hit1: float = 0.0
    hit3: float = 0.0
    mrr: float = 0.0
    count: int = 0

    def add(self, rank: int | None) -> None:
        self.count += 1
        if rank is not None:
            self.hit1 += rank == 1
            self.hit3 += rank <= 3
            self.mrr += 1.0 / rank

    def row(self) -> tuple[float, float, float]:
        n = max(1, self.count)
        return self.hit1 / n, self.hit3 / n, self.mrr / n


def load_judged(sample_only: bool, path: Path = QUERIES) -> list[Judged]:
    sample_urls: set[str] = set()
    if sample_only:
        from bot.records import decode_release

        sample_urls = {decode_release(p.read_bytes(), str(p)).url
                       for p in SAMPLE_DIR.rglob("*.txt")}
    judged: list[Judged] = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            relevant = tuple(row["relevant"].split())
            if sample_only:
                relevant = tuple(u for u in relevant if u in sample_urls)
                if not relevant:
                    continue
            judged.append(Judged(row["id"], row["kind"], row["query"], relevant))
    return judged


async def ask(core: Core, query: str, *, baseline: bool) -> list[str]:
    """Result URLs for a question, best first, as `atbot ask` would give them."""
    message = core.read(query)
    if baseline:
        answer = await core.baseline(message, limit=TOP)
    else:
        answer = await core.ask(message, limit=TOP)
    return [result.url for result in answer.results]


def first_relevant_rank(urls: list[str], relevant: tuple[str, ...]) -> int | None:
    for rank, url in enumerate(urls[:TOP], start=1):
        if url in relevant:
            return rank
    return None


def evaluate(judged: list[Judged], db: Path, *, baseline: bool,
             misses: list[str] | None = None) -> dict[str, Scores]:
    """Scores per kind (and "overall") of the judged queries over the index `db`."""
    return asyncio.run(_evaluate(judged, db, baseline=baseline, misses=misses))


async def _evaluate(judged: list[Judged], db: Path, *, baseline: bool,
                    misses: list[str] | None) -> dict[str, Scores]:
    data_dir = ROOT / "data"
    settings = Settings(db_path=db, data_dir=data_dir, state_path=state_path_beside(db))
    core = await open_core(settings, load_data(data_dir))
    scores: dict[str, Scores] = defaultdict(Scores)
    try:
        for item in judged:
            urls = await ask(core, item.query, baseline=baseline)
            rank = first_relevant_rank(urls, item.relevant)
            scores[item.kind].add(rank)
            scores["overall"].add(rank)
            if misses is not None and rank != 1:
                misses.append(f"{item.id} {item.kind:12} rank={rank} {item.query}")
    finally:
        await core.close()
    return scores


def print_table(engine: dict[str, Scores], baseline: dict[str, Scores]) -> None:
    header = f"{'kind':14} {'n':>4}  {'Hit@1':>6} {'Hit@3':>6} {'MRR@10':>7}   " \
             f"{'base H@1':>8} {'base H@3':>8} {'base MRR':>8}"
    print(header)
    print("-" * len(header))
    kinds = [*sorted(k for k in engine if k != "overall"), "overall"]
    for kind in kinds:
        e, b = engine[kind].row(), baseline[kind].row()
        print(f"{kind:14} {engine[kind].count:>4}  {e[0]:>6.3f} {e[1]:>6.3f} {e[2]:>7.3f}   "
              f"{b[0]:>8.3f} {b[1]:>8.3f} {b[2]:>8.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--sample", action="store_true", help="the CI subset (sample index)")
    parser.add_argument("--misses", action="store_true", help="list queries not answered first")
    parser.add_argument("--queries", type=Path, default=QUERIES,
                        help="another judged set in the same format (a held-out one)")
    args = parser.parse_args()
    judged = load_judged(args.sample, args.queries)
    misses: list[str] = []
    engine = evaluate(judged, args.db, baseline=False, misses=misses)
    baseline = evaluate(judged, args.db, baseline=True)
    print_table(engine, baseline)
    if args.misses:
        print("\n".join(["", "not first:", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
