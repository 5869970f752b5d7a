"""Distress routing and language identification on a labelled message set.

    python benchmarks/routing.py [FILE.tsv ...] [--misses]

Each file has the columns label (distress or ordinary), lang (ISO 639-1) and
text, as tests/data/distress_messages.tsv (the default). Per language the
script prints how many distress messages the rules route, how many ordinary
ones they misroute, and how many messages are identified as written in their
language. Used to measure a held-out set before the rules learn from it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.data import load_data  # noqa: E402
from bot.message import read_message  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "distress_messages.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--misses", action="store_true", help="list what was not right")
    args = parser.parse_args()
    rule = load_data(ROOT / "data").distress_rule
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    for path in args.files:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                lang, label, text = row["lang"], row["label"], row["text"]
                message = read_message(text)
                routed = rule.judge(message).distress
                tally = counts[lang]
                tally[label] += 1
                tally[f"{label} routed"] += routed
                tally["identified"] += message.lang == lang
                if routed != (label == "distress") or message.lang != lang:
                    misses.append(f"{lang} {label:8} routed={routed!s:5} read as "
                                  f"{message.lang}: {text}")
    print(f"{'lang':6} {'distress routed':>18} {'ordinary misrouted':>20} {'language':>12}")
    for lang, tally in sorted(counts.items()):
        total = tally["distress"] + tally["ordinary"]
        print(f"{lang:6} {tally['distress routed']:>9}/{tally['distress']:<8} "
              f"{tally['ordinary routed']:>10}/{tally['ordinary']:<9} "
              f"{tally['identified']:>6}/{total:<5}")
    if args.misses:
        print("\n".join(["", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
