"""The summaries ingest writes, for a fixed sample of on-topic releases, as a table to
judge ("does this tell me what happened?").

    python benchmarks/summaries.py [--corpus DIR_OR_ARCHIVE] [--count N] > summaries.tsv

Releases are read as ingest reads them (bot/sources.py, the topic rule, the
parser), sorted by file name, and every k-th one is kept so that N are printed,
Thai and English alike. Columns: url, lang, title, summary (bot/summary.py).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.data import load_data  # noqa: E402
from bot.records import ParseError, decode_text, parse_release  # noqa: E402
from bot.sources import iter_items  # noqa: E402
from bot.summary import summarize  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "corpus" / "sample"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(SAMPLE))
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    rule = load_data(ROOT / "data").topic_rule
    releases = []
    for item in sorted(iter_items(args.corpus), key=lambda item: item.name):
        if item.data is None:
            continue
        text = decode_text(item.data, item.name)
        if not rule.accepts(text):
            continue
        try:
            releases.append(parse_release(text, item.name))
        except ParseError:
            continue
    step = max(1, len(releases) // args.count)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["url", "lang", "title", "summary"])
    for release in releases[::step][:args.count]:
        out.writerow([release.url, release.lang, release.title,
                      summarize(release.title, release.paragraphs, release.lang)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
