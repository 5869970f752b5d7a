"""Benchmark: query latency in process, and `atbot ask` cold start.

    python benchmarks/latency.py --db FILE

Runs every query of benchmarks/eval/queries.tsv plus more mixed Thai and
English questions (at least 200 in all) through the search engine twice
(read the message, parse it, rank: SearchEngine.parse and .search),
after the start-up warm the bot does (vocabulary, romaniser, every lexicon
concept's matches), and prints p50/p95/p99 of both passes (the second with
the plain words' matches of the first pass cached too, as in a bot that has
run a while). Then times `atbot ask` as a new process (median of 7).
Targets: p50 <= 10 ms, p99 <= 50 ms, cold start <= 1.5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings, state_path_beside  # noqa: E402
from bot.core import open_core  # noqa: E402
from bot.data import load_data  # noqa: E402
from bot.message import read_message  # noqa: E402

EXTRA = [
    "ค้ามนุษย์", "ค้ามนุษย์ เวียดนาม", "สายด่วน 1300", "IOM cooperation 2024", "trafficking",
    "แก๊งคอลเซ็นเตอร์ เมียวดี", "scam compound Myawaddy", "แรงงานบังคับ ประมง",
    "forced labour fishing", "ผู้เสียหาย ค้ามนุษย์ 2566", "victims rescued Cambodia",
    "UNODC", "ศรส. ช่วยเหลือเด็ก", "TIP report tier 2", "ค้าประเวณี เด็ก", "child labour",
    "ปลัด พม. ประชุม", "MOU แรงงาน กัมพูชา", "ลาว ค้ามนุษย์", "Myanmar border",
    "กันยายน 2567", "June 2023", "ก.ย. 67 ค้ามนุษย์", "trafficing", "ค้ามนุษ", "วราวุธ",
    "Varawut", "Anukul", "ดาลัด", "Dalat", "KK Park", "ชเวโก๊กโก่", "ปอยเปต", "Poipet",
    "ILO", "UNICEF", "Caritas", "embassy", "สถานทูต", "DSI ค้ามนุษย์", "ตำรวจ ค้ามนุษย์",
    "human trafficking police", "กรมการจัดหางาน หลอกไปทำงาน", "job scam abroad",
    "แรงงานไทย อิสราเอล", "Thai workers Israel", "ประชุมอาเซียน ค้ามนุษย์", "ASEAN trafficking",
    "ไทย มาเลเซีย", "Malaysia", "ศูนย์ช่วยเหลือสังคม", "hotline number", "1191", "1300",
    "การค้ามนุษย์ทางออนไลน์", "online sexual exploitation children", "แสวงประโยชน์ทางเพศเด็ก",
    "บัญชีม้า", "mule accounts", "ยึดหนังสือเดินทาง", "passport confiscated",
]


def load_queries() -> list[str]:
    path = ROOT / "benchmarks" / "eval" / "queries.tsv"
    queries: list[str] = []
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            queries = [row["query"] for row in csv.DictReader(handle, delimiter="\t")]
    return queries + EXTRA


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(db: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    """Timings of a first pass (after the start-up warm) and a second one."""
    data_dir = ROOT / "data"
    settings = Settings(db_path=db, data_dir=data_dir, state_path=state_path_beside(db))
    core = await open_core(settings, load_data(data_dir))
    try:
        await core.warm()  # as the bot does when it starts
        passes: list[list[float]] = []
        for _ in range(2):
            timings: list[float] = []
            for query in queries:
                start = time.perf_counter()
                parsed = await core.engine.parse(read_message(query))
                await core.engine.search(parsed, limit=10)
                timings.append((time.perf_counter() - start) * 1000)
            passes.append(timings)
        return passes[0], passes[1]
    finally:
        await core.close()


def cold_start(db: Path, runs: int = 7) -> list[float]:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "ค้ามนุษย์ เวียดนาม", "--db", str(db)],
                       cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--db", required=True, type=Path, help="an index built by atbot ingest")
    args = parser.parse_args()
    queries = load_queries()
    first, timings = asyncio.run(measure(args.db, queries))
    thai = sum(1 for q in queries if any("\u0e00" <= c <= "\u0e7f" for c in q))
    print(f"queries:    {len(queries)} ({thai} Thai, {len(queries) - thai} English/other),"
          " 10 results each")
    print("            first pass   second pass (every word's matches cached)")
    for p in (50, 95, 99):
        print(f"p{p}:        {percentile(first, p):6.1f} ms    {percentile(timings, p):6.1f} ms")
    print(f"max:        {max(first):6.1f} ms    {max(timings):6.1f} ms")
    slowest = sorted(zip(timings, queries, strict=True), reverse=True)[:3]
    print("slowest:    " + "; ".join(f"{q!r} {t:.0f} ms" for t, q in slowest))
    starts = cold_start(args.db)
    print(f"cold start: {statistics.median(starts):.2f} s median of {len(starts)} "
          f"(min {min(starts):.2f}, max {max(starts):.2f}) for `atbot ask`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
