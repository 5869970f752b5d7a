"""Questions in, ranked releases out.

Ranking, for the releases FTS5 finds for any part of the question:

    score = 0.50 * coverage   share of the question's groups the release contains,
                              each weighted by its rarity (idf)
          + 0.20 * bm25       FTS5 bm25, title words weighted 8x, scaled to the best
          + 0.15 * in_title   share of the groups named in the title
          + 0.10 * fuzzy      rapidfuzz similarity of question and title
          + 0.05 * recency    newer first when all else is equal
          + 0.30 * in_year    the question names a year and the release is of that year

so a release about every part of the question beats one that repeats a
single word, and a title that says it beats a body that mentions it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from bot.cards import Card
from bot.lexicon import Lexicon
from bot.query import Query, QueryParser, Vocabulary, fts_phrase
from bot.store import Store, StoredRelease
from bot.summary import snippet
from bot.thai import WORD_SEP, Segmenter, fts_terms, unsegment

CANDIDATES = 150
DEFAULT_LIMIT = 10
WEIGHTS = {"coverage": 0.50, "bm25": 0.20, "in_title": 0.15, "fuzzy": 0.10, "recency": 0.05,
           "preferred_dates": 0.30}
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
    card: Card | None = None

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
        if self.card is not None:
            data["card"] = self.card.as_json(self.lang)
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
        self._vocabulary_cache = Vocabulary(await self.store.vocabulary(),
                                            await self.store.names())
        self._vocabulary_loaded = time.monotonic()

    def _vocabulary(self) -> Vocabulary:
        if self._vocabulary_cache is None:
            raise RuntimeError("SearchEngine.refresh() was not awaited")
        return self._vocabulary_cache

    async def search(self, text: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0,
                     required: str | None = None) -> Answer:
        """Releases that answer `text`, best first; with `required` (words), only
        releases that contain them, ranked by the rest of the question."""
        if self._vocabulary_cache is None or (
            time.monotonic() - self._vocabulary_loaded > _VOCABULARY_TTL
        ):
            await self.refresh()
        query = self.parser.parse(text)
        if required:
            query.required = " AND ".join(fts_phrase(w) for w in fts_terms(required))
        answer = Answer(query=query.text, lang=query.lang, offset=offset,
                        corrections=query.corrections)
        if query.date_range:
            answer.date_from, answer.date_to = query.date_range.start, query.date_range.end
        if not query.groups:
            return await self._without_words(query, answer, limit, offset)
        ranked = await self._rank_with_dates(query, answer)
        answer.total = len(ranked)
        answer.results = await self._results(ranked[offset:offset + limit], query)
        if not ranked:
            answer.message = "no_results"
        return answer

    async def _rank_with_dates(self, query: Query, answer: Answer) -> list[tuple[int, float]]:
        """Rank within the question's dates: a month or day is a limit, a year a preference.

        A bare year often names the subject ("results of 2564") rather than the
        release date, so it only lifts releases of that year. When a day or
        month has no match, the limit widens to the month, then to a preference.
        """
        found = query.date_range
        if found is None:
            return await self._rank(query)
        if found.precision == "year":
            return await self._rank(query, prefer=(found.start, found.end))
        ranked = await self._rank(query, within=(found.start, found.end))
        if not ranked and found.precision == "day":
            month = found.month()
            answer.date_from, answer.date_to = month.start, month.end
            ranked = await self._rank(query, within=(month.start, month.end))
        if not ranked:
            ranked = await self._rank(query, prefer=(found.start, found.end))
            if ranked:
                answer.message = "outside_range"
        return ranked

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

    async def _rank(
        self, query: Query, *, within: tuple[date, date] | None = None,
        prefer: tuple[date, date] | None = None,
    ) -> list[tuple[int, float]]:
        start, end = within or (None, None)
        expression = query.expression
        if query.required:
            expression = f"({query.required}) AND ({expression})"
        matches = await self.store.ranked_matches(expression, start=start, end=end,
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
                "preferred_dates": float(prefer is not None
                                         and prefer[0] <= dates[rowid] <= prefer[1]),
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


class BaselineEngine:
    """The plain baseline for evaluation: segmented words OR'ed, FTS5 bm25, nothing else.

    No lexicon, no typo correction, no dates, no re-ranking: it shows what
    the real engine adds (benchmarks/eval/run.py prints both side by side).
    """

    def __init__(self, store: Store, segmenter: Segmenter) -> None:
        self.store = store
        self.segmenter = segmenter

    async def search(self, text: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Answer:
        from bot.thai import detect_language, normalize_text

        query = normalize_text(text)[:300]
        answer = Answer(query=query, lang=detect_language(query) or "th", offset=offset)
        words = {t for w in self.segmenter.words(query) for t in fts_terms(w)}
        if not words:
            answer.message = "empty_query"
            return answer
        expression = " OR ".join(fts_phrase(w) for w in sorted(words))
        ranked = await self.store.ranked_matches(expression, start=None, end=None,
                                                 limit=CANDIDATES)
        answer.total = len(ranked)
        page = [(rowid, -score) for rowid, score in ranked[offset:offset + limit]]
        releases = await self.store.releases(rowid for rowid, _ in page)
        answer.results = [_result(releases[rowid], "", score) for rowid, score in page]
        if not ranked:
            answer.message = "no_results"
        return answer


def _idf(total: int, found: int) -> float:
    return math.log(1.0 + (total - found + 0.5) / (found + 0.5))


def _result(release: StoredRelease, snippet_text: str, score: float) -> Result:
    return Result(
        id=release.id, url=release.url, title=release.title, date=release.date,
        lang=release.lang, summary=release.summary, snippet=snippet_text, score=score,
    )
