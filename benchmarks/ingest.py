"""Benchmark: ingest the whole corpus archive with the topic filter.

    python benchmarks/ingest.py [ARCHIVE] [--all]

Prints wall time, files/s, peak RSS of atbot and its worker processes
(sampled every 50 ms from /proc), and the database size. Targets on the
2-core project machine: <= 120 s and <= 400 MB with the topic filter.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _proc import tree_rss_mib

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpus" / "thaigov-v2.tar.xz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("archive", nargs="?", default=str(DEFAULT_ARCHIVE))
    parser.add_argument("--all", action="store_true", help="index every release")
    parser.add_argument("--keep", metavar="FILE", help="write the database here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.keep) if args.keep else Path(tmp) / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        command = [sys.executable, "-m", "bot", "ingest", args.archive, "--db", str(db)]
        if args.all:
            command.append("--all")
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, tree_rss_mib(process.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        output = process.stdout.read() if process.stdout else ""
        if process.returncode != 0:
            print(output)
            return process.returncode
        read = next(int(line.split()[2]) for line in output.splitlines()
                    if line.startswith("files read:"))
        size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal", "-shm")
                   if Path(f"{db}{s}").exists())
        print(output.rstrip())
        print(f"seconds:       {elapsed:.1f}")
        print(f"files/s:       {read / elapsed:,.0f}")
        print(f"peak RSS:      {peak:.0f} MiB (atbot and its workers)")
        print(f"database size: {size / 1_048_576:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
