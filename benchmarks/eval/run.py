"""Retrieval quality on the judged query set, next to a plain bm25 baseline.

    python benchmarks/eval/run.py --db FULL.sqlite3            # the whole set
    python benchmarks/eval/run.py --db SAMPLE.sqlite3 --sample  # CI subset

Every query of queries.tsv goes through `atbot ask --json` (in process by
default, `--subprocess` for real processes), once with the engine and once
with `--baseline` (segmented FTS5 bm25, no expansion, no fuzziness), and the
script prints Hit@1, Hit@3 and MRR@10 per kind and overall.

With --sample, only queries with a relevant release in ../shared/corpus/sample
count, and only those releases are relevant (the sample index has no others).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
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


def ask(query: str, db: Path, *, baseline: bool, use_subprocess: bool) -> list[str]:
    """Result URLs from `atbot ask --json`, best first."""
    args = ["ask", query, "--json", "--limit", str(TOP), "--db", str(db)]
    if baseline:
        args.append("--baseline")
    if use_subprocess:
        done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, check=True,
                              capture_output=True, text=True)
        output = done.stdout
    else:
        from bot.__main__ import main

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            main(args)
        output = buffer.getvalue()
    return [result["url"] for result in json.loads(output)["results"]]


def first_relevant_rank(urls: list[str], relevant: tuple[str, ...]) -> int | None:
    for rank, url in enumerate(urls[:TOP], start=1):
        if url in relevant:
            return rank
    return None


def evaluate(judged: list[Judged], db: Path, *, baseline: bool, use_subprocess: bool,
             misses: list[str] | None = None) -> dict[str, Scores]:
    scores: dict[str, Scores] = defaultdict(Scores)
    for item in judged:
        urls = ask(item.query, db, baseline=baseline, use_subprocess=use_subprocess)
        rank = first_relevant_rank(urls, item.relevant)
        scores[item.kind].add(rank)
        scores["overall"].add(rank)
        if misses is not None and rank != 1:
            misses.append(f"{item.id} {item.kind:12} rank={rank} {item.query}")
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
    parser.add_argument("--subprocess", action="store_true", help="one atbot process per query")
    parser.add_argument("--misses", action="store_true", help="list queries not answered first")
    parser.add_argument("--queries", type=Path, default=QUERIES,
                        help="another judged set in the same format (a held-out one)")
    args = parser.parse_args()
    judged = load_judged(args.sample, args.queries)
    misses: list[str] = []
    engine = evaluate(judged, args.db, baseline=False, use_subprocess=args.subprocess,
                      misses=misses)
    baseline = evaluate(judged, args.db, baseline=True, use_subprocess=args.subprocess)
    print_table(engine, baseline)
    if args.misses:
        print("\n".join(["", "not first:", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
