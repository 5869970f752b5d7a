"""How often a summary starts where an editor would start it: a quick, offline proxy
for the blind reading of summaries ("does this tell me what happened?").

    python benchmarks/summary_starts.py [--corpus ARCHIVE] [--show]

`benchmarks/eval/summary_starts.tsv` holds, for 223 on-topic releases, the paragraph an
editor who had not read the code picked as the best start of a ~300-character summary
("best": p0, p1... of the release's paragraphs, or "none"), and whether even that
passage tells what happened beyond the title ("enough"). Two samples: "random", 150
Thai releases drawn at random; "rejected", 73 releases whose summary (pipeline 14)
blind readers judged "no". The script summarises each release as ingest does and finds
the paragraph the summary starts in (the one holding its first words); it prints how
often that is the editor's, where the editor found a passage that is enough. Several
paragraphs may serve about as well, so this measures closeness, not correctness: the
blind reading stays the judge.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summaries import on_topic  # noqa: E402

from bot.data import load_data  # noqa: E402
from bot.passages import ELLIPSIS  # noqa: E402
from bot.summary import summarize  # noqa: E402

ARCHIVE = ROOT.parent / "shared" / "corpus" / "thaigov-v2.tar.xz"
LABELS = ROOT / "benchmarks" / "eval" / "summary_starts.tsv"
# The summary's first letters, spaces squashed, found in the paragraph it starts in.
_PROBE = 14
_READ = 14
_RE_SPACE = re.compile(r"\s+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(ARCHIVE))
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    args = parser.parse_args()
    with LABELS.open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle, delimiter="\t"))
    wanted = {row["url"] for row in labels}
    rule = load_data(ROOT / "data").topic_rule
    releases = {release.url: release for release in on_topic(args.corpus, rule)
                if release.url in wanted}
    agree: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    for row in labels:
        found = releases.get(row["url"])
        if found is None:
            print(f"not in the corpus: {row['url']}", file=sys.stderr)
            continue
        if row["enough"] != "yes" or row["best"] == "none":
            continue
        summary = summarize(found.title, found.paragraphs, found.lang, rule.score)
        start = _paragraph_of(summary, found.paragraphs)
        counted[row["sample"]] += 1
        if start == row["best"]:
            agree[row["sample"]] += 1
        elif args.show:
            print(f"{row['url']}\teditor {row['best']}\tsummary {start}\t{summary[:80]}")
    print(f"labelled releases: {len(labels)} ({len(releases)} found in the corpus)")
    for sample in sorted(counted):
        share = agree[sample] / counted[sample]
        print(f"{sample:9} summary starts in the editor's paragraph: "
              f"{agree[sample]} of {counted[sample]} ({share:.1%})")
    return 0


def _paragraph_of(summary: str, paragraphs: Sequence[str]) -> str:
    """"p<n>", the first of the first _READ `paragraphs` that holds the summary's first
    _PROBE letters; "?" when none does. A summary that opens with the lead's own news
    and " … " (bot/summary.py, `_lead_news`) is found by the passage after it."""
    _, joined, passage = summary.partition(f" {ELLIPSIS} ")
    probe = _RE_SPACE.sub(" ", (passage if joined else summary)[:_PROBE])
    for index, paragraph in enumerate(paragraphs[:_READ]):
        if probe in _RE_SPACE.sub(" ", paragraph):
            return f"p{index}"
    return "?"


if __name__ == "__main__":
    raise SystemExit(main())
