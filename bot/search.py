"""Questions in, ranked releases out.

Ranking, for the releases FTS5 finds for any part of the question:

    score = 0.45 * coverage   share of the question's groups the release contains,
                              each weighted by its rarity (idf; an English word
                              without a concept weighs less in a Thai release,
                              see weights_in), scaled down for very long releases
                              (cabinet summaries name everything)
          + 0.20 * bm25       FTS5 bm25, title words weighted 8x, scaled to the best
          + 0.15 * in_title   share of the groups named in the title
          + 0.05 * in_summary share of the groups named in the summary (the lead)
          + 0.10 * fuzzy      rapidfuzz similarity of question and title
          + 0.05 * recency    newer first when all else is equal
          + 0.30 * in_year    the question names a year and the release is of that year
          + 0.10 * near       the question's two or three subjects come within
                              NEAR_WORDS words of each other in the release (a
                              question of the lexicon's concepts only: "ค้ามนุษย์
                              แม่สอด" wants trafficking at Mae Sot, not a release
                              that names Mae Sot in one story and trafficking in another)
          - 0.05 * lacks_topic one of the lexicon's topics (trafficking, forced
                              labour...) is one of a question's two or three
                              subjects, and the release lacks it: common in the
                              index, a topic weighs little in coverage, yet "ค้ามนุษย์
                              แม่สอด" is not answered by COVID-19 testing at Mae Sot

so a release about every part of the question beats one that repeats a
single word, and a title that says it beats a body that mentions it.

A question that is not about what the releases cover gets no releases (the
message "off_topic"), rather than five that share a word with it: when it names
no term of the topic rule (data/topics.toml) and no partner, organisation or
person of the lexicon, the best release must hold MIN_FIT of the question (its
words weighted by rarity), and one of the words it holds must be specific (in
SPECIFIC_DOCS releases or fewer; a Thai name the dictionary splits into common
words, "มิตรผล", counts whole), the question must name a month or a day, or
IN_TERMS_SHARE of its groups must be the lexicon's concepts ("แรงงานเมียนมา"): a
fit counts half when every word is common ("ราคาทองวันนี้", "gold price today").
benchmarks/eval/abstain.py measures the threshold on questions the releases
cannot answer against the judged ones.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import math
import time
from collections.abc import Sequence
from datetime import date, timedelta

from rapidfuzz import fuzz

from bot.answers import Answer, Result
from bot.dates import DateRange
from bot.facts import Ask, Asks, Fact, Source, find_facts
from bot.index import Candidate, ReleaseIndex
from bot.lexicon import Lexicon, TopicRule
from bot.matcher import TermMatcher
from bot.message import Message
from bot.passages import snippet
from bot.query import MAX_QUERY_CHARS, Group, Query, QueryParser, Vocabulary, fts_phrase
from bot.thai import Segmenter, fts_terms, has_thai, unsegment

CANDIDATES = 150
DEFAULT_LIMIT = 10
WEIGHTS = {"coverage": 0.45, "bm25": 0.20, "in_title": 0.15, "in_summary": 0.05, "fuzzy": 0.10,
           "recency": 0.05, "preferred_dates": 0.30, "near": 0.10,
           "lacks_topic": -0.05}
# What a kind of concept says about what is wanted, beside its rarity: "Dalat"
# narrows a question more than "meeting" does.
KIND_PRIOR = {"general": 0.5, "time": 0.5, "role": 0.7, "country": 0.8, "topic": 1.0,
              "province": 1.2, "place": 1.2, "person": 1.2, "org": 1.1, "partner": 1.1}
# Concepts that say how news is told rather than what it is about.
_EVERYDAY_KINDS = frozenset({"general", "time"})
# The subjects of a question are near in a release when all come within this many words
# (FTS5 NEAR, title or body); each is looked for in its first _NEAR_FORMS indexed forms
# (_NEAR_FORMS ** 3 = 64 phrases at most). Nearness and a topic lacking count for a
# question of two to _FEW_SUBJECTS subjects: in a longer one, a release may well lack one.
NEAR_WORDS = 30
_NEAR_FORMS = 4
_FEW_SUBJECTS = 3
# Releases longer than this (characters) have their coverage scaled down by
# sqrt(LONG_TEXT / length): a cabinet summary names everything once.
LONG_TEXT = 15_000
# How often to look whether an ingest ran meanwhile (then reload the vocabulary).
_INGEST_CHECK_SECONDS = 60.0
# How much of a release's text is read for the snippet (the longest cabinet
# summaries run to 235,000 characters).
SNIPPET_SCAN = 40_000
# How many of the best candidates get the (costly) fuzzy title comparison.
_FUZZY_FRONT = 40
# A year's figures are reported up to two years later ("สถิติคดี ปี 2565" in mid-2566,
# the annual report to the cabinet in late 2566).
_REPORTED_LATER = timedelta(days=731)
# A question's day also takes releases this much later (reported the next day)...
_REPORTED_WITHIN = timedelta(days=2)
# ...and widens to its month when fewer releases than this match.
_FEW_FOR_A_DAY = 3
# How many release ids the per-group match cache holds, about 60 bytes each
# (the 725 lexicon concepts take 120,000 over the topic-filtered corpus); warm()
# fills at most half of it.
_MATCH_CACHE_IDS = 1_000_000
# How many releases' ranking facts (title, summary, date...) are kept, about 2 KB each:
# the same few hundred releases come back as candidates question after question.
_CANDIDATE_CACHE = 5_000
# What a question off the releases' topics must share with the best release to be
# answered (see the module docstring; measured by benchmarks/eval/abstain.py).
MIN_FIT = 0.7
SPECIFIC_DOCS = 60
# A question whose groups are this share or more the lexicon's concepts is as specific.
IN_TERMS_SHARE = 2 / 3
# A Thai run of this many dictionary words or fewer may be one name (see `fit`).
COMPOUND_PARTS = 3
# What a plain word of the question in Latin letters only weighs in a Thai release
# (see `weights_in`).
FOREIGN_WORD = 0.3
# How many of the best releases are read for an answer line.
FACT_SOURCES = 10
# A timeline shows at most this many releases (the newest of those about it).
TIMELINE_MAX = 20
# A question asking for the newest lists, newest first, the releases scored at least
# this share of the best one.
NEWEST_SHARE = 0.75
# Concepts that alone say a question is about what the releases cover.
_ON_TOPIC_KINDS = frozenset({"topic", "partner", "org", "person"})
# A group found in more than this share of releases does not select candidates
# (bm25 over 2,000 releases for ไทย costs time and says little); it still counts
# in coverage.
_COMMON_SHARE = 0.4


class SearchEngine:
    """Understands questions and ranks releases of an open `ReleaseIndex`."""

    def __init__(self, index: ReleaseIndex, lexicon: Lexicon, segmenter: Segmenter,
                 topics: TopicRule) -> None:
        self.index = index
        self.lexicon = lexicon
        self.segmenter = segmenter
        self.topics = topics
        self.asks = Asks()
        self.parser = QueryParser(lexicon, segmenter, self._vocabulary)
        self._vocabulary_cache: Vocabulary | None = None
        self._checked = 0.0
        self._ingest_seen: str | None = None
        self._matches: dict[str, frozenset[int]] = {}
        self._held = 0  # release ids in self._matches
        self._candidates: dict[int, Candidate] = {}
        self._total_docs = 0

    async def refresh(self) -> None:
        """(Re)load what search keeps in memory from the index: the vocabulary, the
        romanised names, the release count."""
        vocabulary = Vocabulary(await self.index.vocabulary(), await self.index.names())
        if self._vocabulary_cache is not None:  # a running bot: keep lookups warm
            await asyncio.to_thread(vocabulary.warm)
        self._vocabulary_cache = vocabulary
        self._matches.clear()
        self._held = 0
        self._candidates.clear()
        self._total_docs = await self.index.count()
        self._ingest_seen = await self.index.get_meta("last_ingest")
        self._checked = time.monotonic()

    async def warm(self) -> None:
        """Build what the first questions would otherwise wait for: the romanisation
        model and fuzzy lookups (in a thread), then the releases each lexicon concept
        matches. For the bot, not for one-off asks."""
        await asyncio.to_thread(self._vocabulary().warm)
        await asyncio.to_thread(self.parser.warm)
        for concept in self.lexicon.concepts:
            if self._held >= _MATCH_CACHE_IDS // 2:
                break
            await self._matching(self.parser.concept_group(concept).expression)

    async def _refresh_if_ingested(self) -> None:
        """Reload after an ingest ran (another process may write the index)."""
        if self._vocabulary_cache is None:
            await self.refresh()
            return
        if time.monotonic() - self._checked < _INGEST_CHECK_SECONDS:
            return
        self._checked = time.monotonic()
        if await self.index.get_meta("last_ingest") != self._ingest_seen:
            await self.refresh()

    async def _matching(self, expression: str) -> frozenset[int]:
        """Releases matching one group, cached until the next refresh: the same
        concepts (trafficking, Thailand, Cambodia...) come back in most questions."""
        found = self._matches.get(expression)
        if found is None:
            found = frozenset(await self.index.matching_ids(expression))
            self._matches[expression] = found
            self._held += len(found)
            while self._held > _MATCH_CACHE_IDS and len(self._matches) > 1:
                self._held -= len(self._matches.pop(next(iter(self._matches))))
        return found

    async def _candidates_of(self, ids: list[int]) -> dict[int, Candidate]:
        """What ranking reads of each release, cached until the next refresh."""
        missing = [rowid for rowid in ids if rowid not in self._candidates]
        if missing:
            self._candidates.update(await self.index.candidates(missing))
            while len(self._candidates) > _CANDIDATE_CACHE:
                del self._candidates[next(iter(self._candidates))]
        return {rowid: self._candidates[rowid] for rowid in ids if rowid in self._candidates}

    def _vocabulary(self) -> Vocabulary:
        if self._vocabulary_cache is None:
            raise RuntimeError("SearchEngine.refresh() was not awaited")
        return self._vocabulary_cache

    async def parse(self, message: Message) -> Query:
        """What a message asks for, understood with the index's current vocabulary."""
        await self._refresh_if_ingested()
        return self.parser.parse(message)

    async def search(self, query: Query, *, limit: int = DEFAULT_LIMIT,
                     offset: int = 0) -> Answer:
        """Releases that answer a parsed question, best first."""
        answer = Answer(query=query.text, lang=query.lang, offset=offset,
                        corrections=query.corrections)
        if query.date_range:
            answer.date_from, answer.date_to = query.date_range.start, query.date_range.end
        if not query.groups:
            return await self._without_words(query, answer, limit, offset)
        ask = self.asks.ask(query.text)
        if ask is not None and query.date_range and query.date_range.precision == "year":
            # "ปี 2565 กี่คดี" asks for the year's figures: the year is one of its subjects
            # (a release of the next year may report them), not only when it was news.
            query.groups.append(self.parser.year_group(query.date_range.start.year))
        needles = _needle_matcher(query.groups)
        ranked = await self._rank_with_dates(query, answer, needles, ask)
        answer.fit = await self.fit(query, ranked[0][0]) if ranked else 0.0
        if ranked and answer.fit < MIN_FIT:
            answer.message = "off_topic"
            return answer
        if query.timeline and ranked:
            ranked = await self._timeline(query, ranked)
            answer.intent, answer.offset, offset, limit = "timeline", 0, 0, TIMELINE_MAX
        elif query.newest and ranked:
            ranked = await self._about(ranked, query.date_range)
        elif any(group.first for group in query.groups):
            ranked = await self._holding_first(query, ranked)
        answer.total = len(ranked)
        answer.capped = len(ranked) >= CANDIDATES
        answer.results = await self._results(ranked[offset:offset + limit], query, needles)
        # "ล่าสุดเมื่อไหร่" (when was the latest): the newest release's date, first in the
        # list, answers it; a date in a release of before would not.
        if ask is not None and offset == 0 and ranked and not (query.newest and ask.kind == "when"):
            answer.facts = await self._facts(ask, ranked[:FACT_SOURCES], query, needles)
        if not ranked:
            answer.message = "no_results"
        return answer

    async def _facts(self, ask: Ask, best: list[tuple[int, float]], query: Query,
                     needles: TermMatcher[int]) -> list[Fact]:
        """The answer line (bot/facts.py) from the best releases."""
        ids = [rowid for rowid, _ in best]
        releases = await self.index.releases(ids)
        bodies = await self.index.bodies(ids, limit=SNIPPET_SCAN)
        weights = query.group_weights()
        sources = [Source(releases[rowid].url, releases[rowid].date,
                          unsegment(bodies.get(rowid, "")),
                          weights_in(releases[rowid].lang, query.groups, weights),
                          releases[rowid].title)
                   for rowid in ids]
        year = query.date_range is not None and query.date_range.precision == "year"
        must = [number for number, group in enumerate(query.groups)
                if year and group.concept is None and group.label.isdigit()]
        # What an English count question counts ("victims" of "how many victims"): the
        # groups that hold the noun.
        noun = ask.unit.split()[-1].removesuffix("s") if ask.unit and not has_thai(ask.unit) else ""
        counted = [number for number, group in enumerate(query.groups)
                   if noun and any(noun in needle for needle in group.needles)]
        return find_facts(ask, sources, needles, must, counted, newest=query.newest)

    async def _timeline(self, query: Query,
                        ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The TIMELINE_MAX best releases that hold every subject of the question
        ("matching"), oldest first (those about it when none holds them all)."""
        scores = dict(ranked)
        held = await self.matching(query, [rowid for rowid, _ in ranked])
        chosen = [(rowid, scores[rowid]) for rowid in held][:TIMELINE_MAX] \
            or (await self._about(ranked))[:TIMELINE_MAX]
        dates = await self.index.candidates(rowid for rowid, _ in chosen)
        return sorted(chosen, key=lambda item: dates[item[0]].date)

    async def _holding_first(self, query: Query,
                             ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The releases that hold every group marked `first` (a help channel and the
        province a hotline question names), then the others, each in rank order. A
        group that none of them holds is passed over."""
        held = {rowid for rowid, _ in ranked}
        for group in query.groups:
            if group.first:
                held = held & await self._matching(group.expression) or held
        return ([item for item in ranked if item[0] in held]
                + [item for item in ranked if item[0] not in held])

    async def _about(self, ranked: list[tuple[int, float]],
                     named: DateRange | None = None) -> list[tuple[int, float]]:
        """The releases about the question (scored within NEWEST_SHARE of the best),
        newest first: not every release that mentions its words in passing. Those of
        the time a question names come first ("ผอ. ... ปี 2566 คือใคร": who was, then)."""
        best = ranked[0][1]
        about = [(rowid, score) for rowid, score in ranked if score >= best * NEWEST_SHARE]
        dates = await self.index.candidates(rowid for rowid, _ in about)

        def order(item: tuple[int, float]) -> tuple[bool, date, float]:
            day = dates[item[0]].date
            return (named is None or named.start <= day <= named.end, day, item[1])

        return sorted(about, key=order, reverse=True)

    async def fit(self, query: Query, best: int) -> float:
        """How well the best release fits the question, from 0 to 1 (1: the question
        is about what the releases cover); see the module docstring."""
        if self.topics.mentions(query.text) or any(
                g.concept is not None and g.concept.kind in _ON_TOPIC_KINDS
                for g in query.groups):
            return 1.0
        weights = query.group_weights()
        # A month or a day narrows a question as a rare word does.
        held, specific = 0.0, query.date_range is not None and query.date_range.precision != "year"
        # A question mostly of the lexicon's concepts ("แรงงานเมียนมา", "Thais helped
        # Cambodia") is in the releases' own terms, however many releases use them.
        in_terms = sum(g.concept is not None and g.concept.kind != "time" for g in query.groups)
        specific |= in_terms >= IN_TERMS_SHARE * len(query.groups)
        for group, weight in zip(query.groups, weights, strict=True):
            found = await self._matching(group.expression)
            if best in found:
                held += weight
                specific |= (len(found) <= SPECIFIC_DOCS and _says_something(group))
        share = held / (sum(weights) or 1.0)
        return share if specific or await self._names_a_compound(query.text, best) else share / 2

    async def _names_a_compound(self, text: str, best: int) -> bool:
        """Whether the question has a Thai run the dictionary splits into COMPOUND_PARTS
        everyday words ("มิตรผล": มิตร + ผล, a company) that the best release holds
        whole, as SPECIFIC_DOCS releases or fewer do: a name, as specific as a rare word."""
        for run in text.split():
            if not has_thai(run):
                continue
            words = [word for word in self.segmenter.words(run) if not word.isspace()]
            if 2 <= len(words) <= COMPOUND_PARTS:
                found = await self._matching(fts_phrase(" ".join(words)))
                if best in found and len(found) <= SPECIFIC_DOCS:
                    return True
        return False

    async def matching(self, query: Query, among: Sequence[int]) -> list[int]:
        """Those of `among` that hold every group of the question that says what it is
        about, in their order: what a subscription to these words is sent. A release
        about one of two subjects is not what was asked for; an everyday news word
        ("meeting", "cooperation") ranks but does not decide."""
        groups = [g for g in query.groups
                  if g.concept is None or g.concept.kind not in _EVERYDAY_KINDS] or query.groups
        wanted = set(among)
        for group in groups:
            wanted &= await self._matching(group.expression)
        return [rowid for rowid in among if rowid in wanted] if groups else []

    async def _rank_with_dates(self, query: Query, answer: Answer, needles: TermMatcher[int],
                               ask: Ask | None) -> list[tuple[int, float]]:
        """Rank within the question's dates: a month or day is a limit, a year a preference.

        A bare year often names the subject ("results of 2564") rather than the
        release date, so it only lifts releases of that year. A day also takes
        the next two (a release often reports the day before), and widens to its
        month, that day first, when few releases match it; a limit with no match
        at all becomes a preference.
        """
        found = query.date_range
        if found is None:
            return await self._rank(query, needles)
        if found.precision == "year":
            # A question that asks for a figure, a name... of that year ("ปี 2565 กี่คดี")
            # wants the release that reports it, often published the next year; other
            # questions ("IOM 2023") want that year's news first.
            if ask is not None:
                return await self._rank(query, needles,
                                        prefer=(found.start, found.end + _REPORTED_LATER))
            return await self._rank(query, needles, prefer=(found.start, found.end))
        if found.precision == "day":
            days = (found.start, found.end + _REPORTED_WITHIN)
            ranked = await self._rank(query, needles, within=days)
            if len(ranked) < _FEW_FOR_A_DAY:
                month = found.month()
                answer.date_from, answer.date_to = month.start, max(month.end, days[1])
                ranked = await self._rank(query, needles, within=(answer.date_from, answer.date_to),
                                          prefer=days)
        else:
            ranked = await self._rank(query, needles, within=(found.start, found.end))
        if not ranked:
            ranked = await self._rank(query, needles, prefer=(found.start, found.end))
            if ranked:
                answer.message = "outside_range"
        return ranked

    async def _without_words(self, query: Query, answer: Answer, limit: int,
                             offset: int) -> Answer:
        """A question with only a date ("กันยายน 2567") or only "latest news": the
        newest releases (of its dates). One with words none of which the bot knows (in a
        language the releases are not written in, words the lexicon lacks) is off the
        releases' topics; one with no words at all is empty."""
        if not (query.date_range or query.stopwords_only or query.newest):
            has_words = any(char.isalpha() for char in query.text)
            answer.message = "off_topic" if has_words else "empty_query"
            return answer
        start = query.date_range.start if query.date_range else None
        end = query.date_range.end if query.date_range else None
        releases, total = await self.index.newest(start=start, end=end, limit=limit,
                                                  offset=offset)
        answer.total = total
        answer.results = [Result.from_stored(r) for r in releases]
        if not releases:
            answer.message = "no_results"
        return answer

    async def _rank(
        self, query: Query, needles: TermMatcher[int], *,
        within: tuple[date, date] | None = None, prefer: tuple[date, date] | None = None,
    ) -> list[tuple[int, float]]:
        """Candidates from FTS5 (bm25), then scored as the module docstring says."""
        start, end = within or (None, None)
        total_docs = max(1, self._total_docs)
        group_ids = [await self._matching(g.expression) for g in query.groups]
        expression = _selective_expression(query.groups, group_ids, total_docs)
        matches = await self.index.ranked_matches(expression, start=start, end=end,
                                                  limit=CANDIDATES)
        if not matches:
            return []
        query.weights = [g.weight * _prior(g) * _idf(total_docs, len(ids))
                         for g, ids in zip(query.groups, group_ids, strict=True)]
        info = await self._candidates_of([rowid for rowid, _ in matches])
        near = await self._near(query.groups, group_ids)
        scored = _score(matches, info, query.groups, query.weights, group_ids, needles, prefer,
                        near)
        # The fuzzy title match is the costliest part: only for the front runners.
        words = " ".join(g.needles[0] for g in query.groups if g.needles)
        scored = [
            (rowid, score + WEIGHTS["fuzzy"]
             * fuzz.token_set_ratio(words, info[rowid].title_words) / 100.0)
            for rowid, score in scored[:_FUZZY_FRONT]
        ] + scored[_FUZZY_FRONT:]
        scored.sort(key=lambda item: (-item[1], -info[item[0]].date.toordinal()))
        return scored

    async def _near(self, groups: list[Group],
                    group_ids: list[frozenset[int]]) -> frozenset[int]:
        """The releases where the question's subjects come near each other, for a
        question whose every group that says something is a concept of the lexicon
        found in the index, two to _FEW_SUBJECTS of them; else none. A plain word
        (perhaps a typo) or a longer question leaves ranking as it was."""
        subjects = _few_subjects(groups)
        if not subjects or any(groups[n].concept is None or not group_ids[n] for n in subjects):
            return frozenset()
        # A concept's tag (`extra:"zc..."`) has no place in the text: its written forms do.
        forms = [[form for form in groups[n].alternatives if ":" not in form][:_NEAR_FORMS]
                 for n in subjects]
        if not all(forms):
            return frozenset()
        return await self._matching(" OR ".join(
            f"NEAR({' '.join(phrases)}, {NEAR_WORDS})" for phrases in itertools.product(*forms)))

    async def _results(self, page: list[tuple[int, float]], query: Query,
                       needles: TermMatcher[int]) -> list[Result]:
        releases = await self.index.releases(rowid for rowid, _ in page)
        weights = query.group_weights()
        bodies = await self.index.bodies((rowid for rowid, _ in page), limit=SNIPPET_SCAN)
        links = await self.index.other_links(rowid for rowid, _ in page)
        results: list[Result] = []
        for rowid, score in page:
            release = releases[rowid]
            body = bodies.get(rowid, "")
            text = (snippet(body.split("\n"), needles, weights, release.lang, release.title)
                    if body else "")
            results.append(Result.from_stored(release, text, score,
                                              tuple(links.get(rowid, ()))))
        return results


class BaselineEngine:
    """The plain baseline for evaluation: segmented words OR'ed, FTS5 bm25, nothing else.

    No lexicon, no typo correction, no dates, no re-ranking: it shows what
    the real engine adds (benchmarks/eval/run.py prints both side by side).
    """

    def __init__(self, index: ReleaseIndex, segmenter: Segmenter) -> None:
        self.index = index
        self.segmenter = segmenter

    async def search(self, message: Message, *, limit: int = DEFAULT_LIMIT) -> Answer:
        query = message.text[:MAX_QUERY_CHARS]
        answer = Answer(query=query, lang=message.lang or "th")
        words = {t for w in self.segmenter.words(query) for t in fts_terms(w)}
        if not words:
            answer.message = "empty_query"
            return answer
        expression = " OR ".join(fts_phrase(w) for w in sorted(words))
        ranked = await self.index.ranked_matches(expression, start=None, end=None,
                                                 limit=CANDIDATES)
        answer.total = len(ranked)
        page = [(rowid, -score) for rowid, score in ranked[:limit]]
        releases = await self.index.releases(rowid for rowid, _ in page)
        answer.results = [Result.from_stored(releases[rowid], score=score)
                          for rowid, score in page]
        if not ranked:
            answer.message = "no_results"
        return answer


def _selective_expression(groups: list[Group], found: list[frozenset[int]], total: int) -> str:
    """The MATCH expression for candidates: the groups that are not everywhere."""
    pairs = list(zip(groups, found, strict=True))
    chosen = [g for g, ids in pairs if 0 < len(ids) <= total * _COMMON_SHARE]
    present = [g for g, ids in pairs if ids]
    return " OR ".join(g.rank_expression for g in (chosen or present or groups))


def _says_something(group: Group) -> bool:
    """Not a number, a lone letter, or an everyday news word."""
    if group.concept is not None:
        return group.concept.kind not in _EVERYDAY_KINDS
    return len(group.label) > 1 and not group.label.isdigit()


def _few_subjects(groups: list[Group]) -> list[int]:
    """Where the groups that say something are, for a question of two to _FEW_SUBJECTS
    of them (where nearness and a topic lacking count); else none."""
    subjects = [n for n, group in enumerate(groups) if _says_something(group)]
    return subjects if 2 <= len(subjects) <= _FEW_SUBJECTS else []


def _needle_matcher(groups: list[Group]) -> TermMatcher[int]:
    """Every form of every group (valued by the group's place), to find in titles,
    leads and snippets."""
    return TermMatcher(((needle, number) for number, group in enumerate(groups)
                        for needle in group.needles), prefixes=True)


def weights_in(lang: str, groups: Sequence[Group], weights: Sequence[float]) -> list[float]:
    """What each group of a question weighs in a release in `lang`: in a Thai release,
    a plain word written only in Latin letters (no concept, no Thai name) weighs
    FOREIGN_WORD of itself. A Thai release does not hold "blueberry harvesters" but may
    well be about them. Not the other way: a Thai question wants Thai releases."""
    if lang != "th":
        return list(weights)
    return [weight * FOREIGN_WORD if group.concept is None and not group.label.isdigit()
            and not any(has_thai(needle) for needle in group.needles) else weight
            for group, weight in zip(groups, weights, strict=True)]


def _score(matches: list[tuple[int, float]], info: dict[int, Candidate], groups: list[Group],
           weights: list[float], group_ids: list[frozenset[int]], needles: TermMatcher[int],
           prefer: tuple[date, date] | None,
           near: frozenset[int]) -> list[tuple[int, float]]:
    """Every part of the score but the fuzzy title match, best first."""
    total = sum(weights) or 1.0
    by_lang = {lang: (own := weights_in(lang, groups, weights), sum(own) or 1.0)
               for lang in {c.lang for c in info.values()}}
    best_bm25 = min(score for _, score in matches) or -1.0
    days = [c.date for c in info.values()]
    oldest, span = min(days), max(1, (max(days) - min(days)).days)
    in_title = _named_in([info[rowid].title for rowid, _ in matches], weights, needles)
    in_summary = _named_in([info[rowid].summary for rowid, _ in matches], weights, needles)
    topics = [group_ids[n] for n in _few_subjects(groups) if group_ids[n]
              and (concept := groups[n].concept) is not None and concept.kind == "topic"]
    scored: list[tuple[int, float]] = []
    for index, (rowid, bm25) in enumerate(matches):
        release = info[rowid]
        focus = min(1.0, (LONG_TEXT / release.length) ** 0.5) if release.length else 1.0
        own, own_total = by_lang[release.lang]
        covered = sum(w for w, ids in zip(own, group_ids, strict=True) if rowid in ids)
        parts = {
            "coverage": covered / own_total * focus,
            "bm25": bm25 / best_bm25,
            "in_title": in_title[index] / total,
            "in_summary": in_summary[index] / total,
            "recency": (release.date - oldest).days / span,
            "preferred_dates": float(prefer is not None
                                     and prefer[0] <= release.date <= prefer[1]),
            "near": float(rowid in near),
            "lacks_topic": float(any(rowid not in ids for ids in topics)),
        }
        scored.append((rowid, sum(WEIGHTS[k] * v for k, v in parts.items())))
    return sorted(scored, key=lambda item: -item[1])


def _named_in(texts: list[str], weights: list[float], needles: TermMatcher[int]) -> list[float]:
    """For each text, the weight of the groups it names. One pass over all the texts
    joined (150 titles), rather than one per text."""
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    named = {(bisect.bisect_right(starts, found.start) - 1, found.value)
             for found in needles.find("\n".join(texts))}
    totals = [0.0] * len(texts)
    for index, group in named:
        totals[index] += weights[group]
    return totals


def _prior(group: Group) -> float:
    return KIND_PRIOR.get(group.concept.kind, 1.0) if group.concept else 1.0


def _idf(total: int, found: int) -> float:
    return math.log(1.0 + (total - found + 0.5) / (found + 0.5))


