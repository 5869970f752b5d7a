"""Release records: one corpus file in, one `Release` out.

The corpus format (see ../shared/corpus/README.md): the page title, a Thai
date line, sometimes a dd/mm/BBBB line and the word "พิมพ์", the title repeated
zero to three times, body paragraphs, sometimes a line of hashtags, and a
"ที่มา : URL" source line. The source URL is a release's identity.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.dates import PLACEHOLDER_DATE, parse_thai_date_line
from bot.thai import detect_language, normalize_lines, squash

# Bump when parsing changes what a record holds, so re-ingest rewrites records.
PARSER_VERSION = 1

# The site name the collector put before every page title.
_RE_TITLE_PREFIX = re.compile(r"^รัฐบาลไทย\s*-\s*(?:ข่าวทำเนียบรัฐบาล\s*-\s*)?")
_RE_SOURCE = re.compile(r"^ที่มา\s*:\s*(\S+)\s*$")
# A second date line some pages carry: "07/11/2566".
_RE_NUMERIC_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
# The page's "print" button captured as text.
_PAGE_CHROME = frozenset({"พิมพ์"})
_RE_HASHTAG = re.compile(r"#([^\s#]+)")
# File names: <category>_<n>[_<uuid>].txt; the category may end in spaces or tabs.
_RE_FILE_NAME = re.compile(r"^(?P<category>.*?)_(?P<n>\d+)(?:_[0-9a-fA-F-]{8,})?$", re.DOTALL)
_RE_THAIGOV = re.compile(r"^(?:https?://)?(?:www\.)?thaigov\.go\.th(?P<path>/[^?#]*)?(?:[?#].*)?$",
                         re.IGNORECASE)
# Query parameters that only track who clicked: not part of a page's identity.
_TRACKING = re.compile(r"utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|yclid|"
                       r"ref_src|spm", re.IGNORECASE)
# How many lines may come before the date line (page title, blank lines).
_DATE_LINE_WINDOW = 4


class ParseError(ValueError):
    """A file that is not a release record; `reason` says why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class Release:
    """One government release, as parsed from the corpus."""

    url: str
    title: str
    date: date
    lang: str
    category: str
    paragraphs: tuple[str, ...]
    hashtags: tuple[str, ...] = ()
    source_name: str = field(default="", compare=False)

    @property
    def text(self) -> str:
        """Title and body as one string (for topic rules and entity matching)."""
        return "\n".join((self.title, *self.paragraphs, " ".join(self.hashtags)))

    def content_hash(self) -> str:
        """Changes whenever anything stored about the release changes."""
        payload = json.dumps(
            [PARSER_VERSION, self.url, self.title, self.date.isoformat(), self.lang,
             self.category, self.paragraphs, self.hashtags],
            ensure_ascii=False,
        )
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """One spelling per release: https, www. for thaigov.go.th (whose release pages are
    their path: no query, no fragment), no trailing slash.

    >>> canonical_url("http://thaigov.go.th/news/contents/details/88388/")
    'https://www.thaigov.go.th/news/contents/details/88388'
    >>> canonical_url("thaigov.go.th/news/contents/details/88388?ref=line#top")
    'https://www.thaigov.go.th/news/contents/details/88388'
    """
    url = url.strip()
    match = _RE_THAIGOV.match(url)
    if match:
        return "https://www.thaigov.go.th" + (match["path"] or "/").rstrip("/")
    return url.rstrip("/")


def clean_url(url: str) -> str:
    """A page's identity: no tracking parameters, no fragment, lower-case host.

    >>> clean_url("HTTPS://News.Example.org/a/1?utm_source=x&id=7&fbclid=y#top")
    'https://news.example.org/a/1?id=7'
    """
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.fullmatch(k)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       urlencode(query), ""))


def category_from_name(name: str) -> str:
    """The category part of a corpus file name, trimmed.

    >>> category_from_name("data/2024/09/25/ด้านสังคม \\t_3_a68d5045-1eee-4087-964a-5d499192c2ad.txt")
    'ด้านสังคม'
    """
    stem = PurePosixPath(name.replace("\\", "/")).name
    stem = stem.removesuffix(".txt")
    match = _RE_FILE_NAME.match(stem)
    return (match["category"] if match else "").strip()


def decode_text(data: bytes, name: str) -> str:
    """The text of a release file (UTF-8, with or without a byte-order mark)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(name, f"not UTF-8 text (byte {error.start})") from None


def decode_release(data: bytes, name: str) -> Release:
    """Parse the bytes of one release file."""
    return parse_release(decode_text(data, name), name)


def _split_hashtag_lines(lines: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Body lines without the trailing lines made only of #hashtags, and the tags."""
    tags: list[str] = []
    end = len(lines)
    while end > 0 and all(word.startswith("#") for word in lines[end - 1].split()):
        tags[:0] = _RE_HASHTAG.findall(lines[end - 1])
        end -= 1
    return lines[:end], tuple(dict.fromkeys(tags))


def _find_date(lines: list[str], name: str) -> tuple[int, date]:
    for index, line in enumerate(lines[: _DATE_LINE_WINDOW + 1]):
        found = parse_thai_date_line(line)
        if found is not None:
            if found == PLACEHOLDER_DATE:
                raise ParseError(name, "empty page: the date line is the 1970 placeholder")
            return index, found
        if line.startswith("วัน") and "ที่" in line:
            raise ParseError(name, f"unreadable Thai date line {line[:40]!r}")
    raise ParseError(name, "no Thai date line (like 'วันพุธที่ 25 กันยายน 2567') near the top")


def _strip_page_furniture(body: list[str], title: str) -> list[str]:
    """Drop the dd/mm/BBBB line, the "print" word and the repeated titles."""
    start = 0
    squashed_title = squash(title)
    while start < len(body):
        line = body[start]
        furniture = _RE_NUMERIC_DATE.match(line) or line in _PAGE_CHROME
        if furniture or (squashed_title and squash(line) == squashed_title):
            start += 1
        else:
            break
    return body[start:]


def check_layout(text: str, name: str) -> None:
    """Raise ParseError unless `text` has a release's date and source lines.

    A cheap look at the first and last lines, for files the topic rule
    skips: they are not parsed, but a broken file is still reported.
    """
    tail = text.rstrip().rsplit("\n", 1)[-1].replace("\u200b", "").strip()
    if not _RE_SOURCE.match(tail):
        raise ParseError(name, "no source line ('ที่มา : URL') at the end")
    head = [line.replace("\u200b", "").strip() for line in text[:600].splitlines()]
    _find_date([line for line in head if line], name)


def parse_release(text: str, name: str) -> Release:
    """Parse the text of one release file; raise ParseError naming what is wrong."""
    lines = normalize_lines(text)
    if not lines:
        raise ParseError(name, "empty file")
    source = _RE_SOURCE.match(lines[-1])
    if not source:
        raise ParseError(name, "no source line ('ที่มา : URL') at the end")
    url = canonical_url(source[1])
    if not re.match(r"^https?://\S+$", url):
        raise ParseError(name, f"source is not a URL: {source[1][:60]!r}")
    date_index, release_date = _find_date(lines, name)
    title = _RE_TITLE_PREFIX.sub("", lines[0]).strip() if date_index > 0 else ""
    body, hashtags = _split_hashtag_lines(lines[date_index + 1 : -1])
    body = _strip_page_furniture(body, title)
    if not title and body:
        title, body = body[0], _strip_page_furniture(body[1:], body[0])
    if not title:
        raise ParseError(name, "no title and no text")
    lang = detect_language(" ".join([title, *body])) or "th"
    return Release(
        url=url,
        title=title,
        date=release_date,
        lang=lang,
        category=category_from_name(name),
        paragraphs=tuple(body),
        hashtags=hashtags,
        source_name=name,
    )
