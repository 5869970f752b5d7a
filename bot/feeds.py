"""News feeds an operator adds: RSS 2.0, RSS 1.0 and Atom, read into releases.

thaigov.go.th forbids automated collection, so new releases come from feeds
(`atbot feeds add URL`). One update, for each feed in turn:

    feed     conditional GET (ETag / Last-Modified: a 304 costs nothing),
             parsed by feedparser (a broken feed is reported by name)
    entries  identity is the canonical link (tracking parameters removed);
             a page read before is not fetched again
    pages    fetched politely (bot/fetch.py: robots.txt, a delay per host),
             main text by trafilatura; the feed's summary when that fails
    records  title, date (as a day in Thailand), language from the text,
             the feed's name as source; the same title on the same day from
             another source is one release with both links; the rest goes
             through ingest's topic rule and preparation (bot/ingest.py)

A feed that fails is reported with its reason; the others still update.
"""

from __future__ import annotations

import asyncio
import calendar
import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import feedparser

from bot.data import Data
from bot.fetch import FetchError, FetchPolicy, PoliteClient
from bot.index import Feed, ReleaseIndex
from bot.ingest import IngestReport, index_releases
from bot.language import identify_language
from bot.records import Release, canonical_url, clean_url
from bot.sqlite import utc_now
from bot.thai import normalize_lines, squash

logger = logging.getLogger("atbot")

# Releases are dated as in Thailand (UTC+7), whatever the feed's timezone.
THAI_TIME = timezone(timedelta(hours=7))
# Sites whose policy forbids automated collection: never fetched, even when
# another feed links to them (the feed's own summary stands in).
NEVER_FETCHED = ("thaigov.go.th",)
_RE_TAG = re.compile(r"<[^>]+>")
# What an operator may name a feed.
RE_FEED_NAME = re.compile(r"[A-Za-z0-9._-]{1,40}")
# At most this many entries of one feed are read per update (a feed that lists
# its whole archive is read over several updates, newest first).
MAX_ENTRIES = 50
# A page whose main text is shorter than this says less than the feed's summary.
_MIN_PAGE_TEXT = 200


@dataclass
class FeedResult:
    """What one update did with one feed."""

    name: str
    entries: int = 0
    new: int = 0
    merged: int = 0
    not_modified: bool = False
    error: str | None = None
    pages_failed: int = 0
    report: IngestReport = field(default_factory=IngestReport)

    def line(self) -> str:
        if self.error:
            return f"{self.name}: failed: {self.error}"
        if self.not_modified:
            return f"{self.name}: not modified"
        parts = [f"{self.entries} entries", f"{self.new} new", f"{self.report.indexed} indexed",
                 f"{self.report.off_topic} off-topic"]
        if self.merged:
            parts.append(f"{self.merged} already published by another source")
        if self.pages_failed:
            parts.append(f"{self.pages_failed} pages unread (feed summary used)")
        return f"{self.name}: " + ", ".join(parts)


@dataclass(frozen=True)
class _Entry:
    url: str
    title: str
    summary: str
    day: date | None
    tags: tuple[str, ...]


def feed_name(url: str, taken: set[str]) -> str:
    """A short unique name for a feed, from its address.

    >>> feed_name("https://www.example.org/news/rss.xml", {"example-org"})
    'example-org-2'
    """
    host = urlsplit(url).hostname or "feed"
    base = re.sub(r"[^a-z0-9]+", "-", host.removeprefix("www.").lower()).strip("-") or "feed"
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def check_feed_url(url: str) -> str | None:
    """Why `url` cannot be a feed's address, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "a feed's address is a full http(s) URL, such as https://example.org/rss"
    if _forbidden(url):
        return ("thaigov.go.th forbids automated collection (its site policy since 2025); "
                "add another source's feed")
    return None


def _forbidden(url: str) -> bool:
    """Whether `url` is on a site atbot must never fetch from (thaigov.go.th)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return any(host == site or host.endswith(f".{site}") for site in NEVER_FETCHED)


async def update_feeds(index: ReleaseIndex, data: Data, policy: FetchPolicy) -> list[FeedResult]:
    """Fetch every feed once and index what is new; one result per feed."""
    results: list[FeedResult] = []
    async with PoliteClient(policy) as client:
        for feed in await index.feeds():
            results.append(await _update_feed(client, index, data, feed))
    return results


async def _update_feed(client: PoliteClient, index: ReleaseIndex, data: Data,
                       feed: Feed) -> FeedResult:
    result = FeedResult(feed.name)
    checked = replace(feed, checked_at=utc_now(), last_error=None)
    try:
        fetched = await client.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if fetched.status == 304:
            result.not_modified = True
        else:
            checked = replace(checked, etag=fetched.etag, last_modified=fetched.last_modified)
            entries = await asyncio.to_thread(_entries, fetched.content, fetched.url)
            await _take_entries(client, index, data, feed.name, entries, result)
    except (FetchError, FeedError) as error:
        result.error = str(error)
        checked = replace(checked, last_error=result.error)
    await index.feed_checked(checked)
    return result


class FeedError(ValueError):
    """A feed's content that is not a feed; the message says why, in one line."""


def _entries(content: bytes, base_url: str) -> list[_Entry]:
    """The feed's entries with a link, newest first (runs in a thread)."""
    parsed: Any = feedparser.parse(content, response_headers={"content-location": base_url})
    entries = [_entry(e) for e in parsed.entries if e.get("link")]
    if parsed.bozo and not entries:
        problem = str(parsed.get("bozo_exception", "")).splitlines()[0:1]
        raise FeedError(f"not a readable RSS or Atom feed ({problem[0] if problem else 'empty'})")
    entries.sort(key=lambda e: e.day or date.min, reverse=True)
    return entries[:MAX_ENTRIES]


def _entry(raw: Any) -> _Entry:
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    day = (datetime.fromtimestamp(calendar.timegm(stamp), UTC).astimezone(THAI_TIME).date()
           if stamp else None)
    summary = raw.get("summary") or ""
    if not summary and raw.get("content"):
        summary = raw["content"][0].get("value", "")
    return _Entry(
        # A thaigov.go.th link is spelt as the corpus spells it: the same release.
        url=canonical_url(clean_url(raw["link"])),
        title=_plain(raw.get("title", "")),
        summary=_plain(summary),
        day=day,
        tags=tuple(t["term"] for t in raw.get("tags", ()) if t.get("term")),
    )


def _plain(fragment: str) -> str:
    """Text of an HTML fragment (feed summaries are HTML), one paragraph a line."""
    text = re.sub(r"(?i)<\s*(br|/p|/div|/li)\b[^>]*>", "\n", fragment)
    return html.unescape(_RE_TAG.sub("", text)).strip()


async def _take_entries(client: PoliteClient, index: ReleaseIndex, data: Data, source: str,
                        entries: Sequence[_Entry], result: FeedResult) -> None:
    result.entries = len(entries)
    known = await index.known_urls(e.url for e in entries)
    new = [e for e in entries if e.url not in known]
    result.new = len(new)
    releases: list[Release] = []
    read: list[str] = []
    for entry in new:
        release = await _release(client, entry, source, result)
        if release is None:
            continue  # nothing to read in it now: tried again at the next update
        read.append(entry.url)
        same = await index.same_release(release.title, release.date)
        if same is not None or any(_same(release, r) for r in releases):
            if same is not None:
                await index.add_link(same, release.url, source)
            result.merged += 1
            continue
        releases.append(release)
    if releases:
        result.report = await index_releases(index, releases, data)
    await index.pages_seen(read, source)


def _same(one: Release, other: Release) -> bool:
    return one.date == other.date and squash(one.title) == squash(other.title)


async def _release(client: PoliteClient, entry: _Entry, source: str,
                   result: FeedResult) -> Release | None:
    """The entry as a release: its page's main text, else the feed's summary."""
    page: dict[str, str] = {}
    try:
        if not _forbidden(entry.url):
            fetched = await client.get(entry.url)
            if "html" in fetched.content_type or not fetched.content_type:
                page = await asyncio.to_thread(_main_text, fetched.content, fetched.url)
    except FetchError as error:
        logger.info("page not read (%s); the feed's summary stands in", error)
    text = page.get("text", "")
    if not page:
        result.pages_failed += 1
    if len(text) < _MIN_PAGE_TEXT and len(entry.summary) > len(text):
        text = entry.summary
    title = entry.title or page.get("title", "")
    lines = [line for line in normalize_lines(text) if line != title]
    if not title or not lines:
        return None
    day = entry.day or _page_day(page.get("date", "")) or datetime.now(THAI_TIME).date()
    return await asyncio.to_thread(_make_release, entry, title, lines, day, source)


def _make_release(entry: _Entry, title: str, lines: list[str], day: date,
                  source: str) -> Release:
    # Pages' lang attributes are often wrong: the text says what language it is in.
    lang = identify_language(" ".join([title, *lines])[:2000]) or "th"
    return Release(url=entry.url, title=title, date=day, lang=lang, category=source,
                   paragraphs=tuple(lines), hashtags=entry.tags, source_name=source)


def _main_text(content: bytes, url: str) -> dict[str, str]:
    """Title, date and main text of an article page (runs in a thread)."""
    # Imported here: it takes 0.3 s, which every other command (ask, chat) would pay.
    import trafilatura

    document = trafilatura.bare_extraction(content, url=url, with_metadata=True,
                                           favor_precision=True)
    if document is None:
        return {}
    found = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {k: str(found[k]) for k in ("title", "date", "text") if found.get(k)}


def _page_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
