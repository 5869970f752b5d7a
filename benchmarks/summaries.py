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
from bot.lexicon import TopicRule  # noqa: E402
from bot.records import ParseError, Release, decode_text, parse_release  # noqa: E402
from bot.sources import iter_items  # noqa: E402
from bot.summary import summarize  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "corpus" / "sample"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(SAMPLE))
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--english", type=float, default=0.3,
                        help="share of English releases (fewer if there are not as many)")
    args = parser.parse_args()
    rule = load_data(ROOT / "data").topic_rule
    releases = on_topic(args.corpus, rule)
    english = round(args.count * args.english)
    chosen = [*_spread([r for r in releases if r.lang == "en"], english),
              *_spread([r for r in releases if r.lang != "en"], args.count - english)]
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["url", "lang", "title", "summary"])
    for release in chosen:
        out.writerow([release.url, release.lang, release.title,
                      summarize(release.title, release.paragraphs, release.lang, rule.score)])
    return 0


def on_topic(corpus: str, rule: TopicRule) -> list[Release]:
    """The releases of `corpus` the topic `rule` accepts, parsed as ingest parses
    them, in the order of their file names (a page that does not parse is left out)."""
    found = []
    for item in iter_items(corpus):
        if item.data is None:
            continue
        text = decode_text(item.data, item.name)
        if not rule.accepts(text):
            continue
        try:
            found.append((item.name, parse_release(text, item.name)))
        except ParseError:
            continue
    return [release for _, release in sorted(found, key=lambda pair: pair[0])]


def _spread(releases: list[Release], count: int) -> list[Release]:
    """`count` of `releases`, evenly spread (all of them when there are fewer)."""
    step = max(1, len(releases) // max(1, count))
    return releases[::step][:count]


if __name__ == "__main__":
    raise SystemExit(main())
