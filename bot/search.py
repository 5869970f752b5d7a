"""Questions in, ranked releases out.

Ranking, for the releases FTS5 finds for any part of the question:

    score = 0.50 * coverage   share of the question's groups the release contains,
                              each weighted by its rarity (idf)
          + 0.20 * bm25       FTS5 bm25, title words weighted 8x, scaled to the best
          + 0.15 * in_title   share of the groups named in the title
          + 0.10 * fuzzy      rapidfuzz similarity of question and title
          + 0.05 * recency    newer first when all else is equal

so a release about every part of the question beats one that repeats a
single word, and a title that says it beats a body that mentions it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from bot.lexicon import Lexicon
from bot.query import Query, QueryParser, Vocabulary
from bot.store import Store, StoredRelease
from bot.summary import snippet
from bot.thai import WORD_SEP, Segmenter, unsegment

CANDIDATES = 150
DEFAULT_LIMIT = 10
WEIGHTS = {"coverage": 0.50, "bm25": 0.20, "in_title": 0.15, "fuzzy": 0.10, "recency": 0.05}
# Reload the vocabulary at most this often, in case an ingest ran meanwhile.
_VOCABULARY_TTL = 60.0


@dataclass(frozen=True)
class Result:
    """One release in an answer."""

    id: int
    url: str
    title: str
    date: date
    lang: str
    summary: str
    snippet: str
    score: float

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "url": self.url, "title": self.title,
            "date": self.date.isoformat(), "lang": self.lang, "summary": self.summary,
            "snippet": self.snippet, "score": round(self.score, 4),
        }


@dataclass
class Answer:
    """What the bot says to a question: an intent, results, and maybe a message."""

    query: str
    lang: str
    intent: str = "search"
    results: list[Result] = field(default_factory=list)
    total: int = 0
    offset: int = 0
    message: str | None = None
    corrections: dict[str, str] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.results) < self.total

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "query": self.query, "lang": self.lang, "intent": self.intent,
            "results": [r.as_json() for r in self.results], "total": self.total,
        }
        if self.date_from and self.date_to:
            data["date_range"] = [self.date_from.isoformat(), self.date_to.isoformat()]
        if self.corrections:
            data["corrections"] = self.corrections
        if self.message:
            data["message"] = self.message
        return data


class SearchEngine:
    """Answers questions from an open `Store`."""

    def __init__(self, store: Store, lexicon: Lexicon, segmenter: Segmenter) -> None:
        self.store = store
        self.lexicon = lexicon
        self.segmenter = segmenter
        self.parser = QueryParser(lexicon, segmenter, self._vocabulary)
        self._vocabulary_cache: Vocabulary | None = None
        self._vocabulary_loaded = 0.0

    async def refresh(self) -> None:
        """(Re)load the index vocabulary; called at start and after ingests."""
        self._vocabulary_cache = Vocabulary(await self.store.vocabulary())
        self._vocabulary_loaded = time.monotonic()

    def _vocabulary(self) -> Vocabulary:
        if self._vocabulary_cache is None:
            raise RuntimeError("SearchEngine.refresh() was not awaited")
        return self._vocabulary_cache

    async def search(self, text: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Answer:
        """Releases that answer `text`, best first."""
        if self._vocabulary_cache is None or (
            time.monotonic() - self._vocabulary_loaded > _VOCABULARY_TTL
        ):
            await self.refresh()
        query = self.parser.parse(text)
        answer = Answer(query=query.text, lang=query.lang, offset=offset,
                        corrections=query.corrections)
        if query.date_range:
            answer.date_from, answer.date_to = query.date_range.start, query.date_range.end
        if not query.groups:
            return await self._without_words(query, answer, limit, offset)
        ranked = await self._rank(query)
        answer.total = len(ranked)
        page = ranked[offset:offset + limit]
        answer.results = await self._results(page, query)
        if not ranked:
            answer.message = "no_results"
        return answer

    async def _without_words(self, query: Query, answer: Answer, limit: int,
                             offset: int) -> Answer:
        """A question with only a date ("กันยายน 2567") or only "latest news"."""
        if not query.date_range and not query.stopwords_only:
            answer.message = "empty_query"
            return answer
        start = query.date_range.start if query.date_range else None
        end = query.date_range.end if query.date_range else None
        releases, total = await self.store.newest(start=start, end=end, limit=limit,
                                                  offset=offset)
        answer.total = total
        answer.results = [_result(r, "", 0.0) for r in releases]
        if not releases:
            answer.message = "no_results"
        return answer

    async def _rank(self, query: Query) -> list[tuple[int, float]]:
        start = query.date_range.start if query.date_range else None
        end = query.date_range.end if query.date_range else None
        matches = await self.store.ranked_matches(query.expression, start=start, end=end,
                                                  limit=CANDIDATES)
        if not matches:
            return []
        total_docs = max(1, await self.store.count())
        group_ids = [await self.store.matching_ids(g.expression) for g in query.groups]
        idf = [g.weight * _idf(total_docs, len(ids)) for g, ids in zip(query.groups, group_ids,
                                                                        strict=True)]
        idf_total = sum(idf) or 1.0
        info = await self.store.titles_and_dates([rowid for rowid, _ in matches])
        titles = {rowid: title for rowid, (title, _) in info.items()}
        dates = {rowid: day for rowid, (_, day) in info.items()}
        best_bm25 = min(score for _, score in matches) or -1.0
        newest, oldest = max(dates.values()), min(dates.values())
        span = max(1, (newest - oldest).days)
        query_words = " ".join(n for g in query.groups for n in g.needles[:1])
        scored: list[tuple[int, float]] = []
        for rowid, bm25 in matches:
            title = titles.get(rowid, "")
            folded_title = title.replace(WORD_SEP, " ").lower()
            coverage = sum(w for w, ids in zip(idf, group_ids, strict=True) if rowid in ids)
            in_title = sum(
                w for w, g in zip(idf, query.groups, strict=True)
                if any(n in folded_title for n in g.needles)
            )
            parts = {
                "coverage": coverage / idf_total,
                "bm25": bm25 / best_bm25,
                "in_title": in_title / idf_total,
                "fuzzy": fuzz.token_set_ratio(query_words, folded_title) / 100.0,
                "recency": (dates[rowid] - oldest).days / span,
            }
            scored.append((rowid, sum(WEIGHTS[k] * v for k, v in parts.items())))
        scored.sort(key=lambda item: (-item[1], -dates[item[0]].toordinal()))
        return scored

    async def _results(self, page: list[tuple[int, float]], query: Query) -> list[Result]:
        releases = await self.store.releases(rowid for rowid, _ in page)
        needles = query.needles
        results: list[Result] = []
        for rowid, score in page:
            release = releases[rowid]
            body = unsegment(await self.store.body_text(rowid))
            text = snippet(body.split("\n"), needles, release.lang) if body else ""
            results.append(_result(release, text, score))
        return results


def _idf(total: int, found: int) -> float:
    return math.log(1.0 + (total - found + 0.5) / (found + 0.5))


def _result(release: StoredRelease, snippet_text: str, score: float) -> Result:
    return Result(
        id=release.id, url=release.url, title=release.title, date=release.date,
        lang=release.lang, summary=release.summary, snippet=snippet_text, score=score,
    )
