"""Fetching feeds and the pages they link to, as a polite crawler: how atbot talks to
news sites.

`PoliteClient.get(url)` does, for each host (a name and port):

- reads robots.txt once and obeys it for our product token (the User-Agent's first
  word, "atbot"); its Crawl-delay lengthens the pause. As RFC 9309 says, a robots.txt
  answering 4xx allows everything, one answering 5xx or not at all forbids everything;
- sends one request at a time, and starts the next one at least `min_delay` seconds
  (or the crawl delay) after the last one ended; hosts do not wait for one another;
- retries timeouts, connection errors and 5xx with doubling backoff (stamina), never
  another 4xx; a conditional request answered 304 costs nothing more;
- stops for good at a host that answers 403, 429 or a challenge page;
- follows redirects by hand, so every hop obeys its own host's rules;
- streams bodies and gives up on one longer than `max_bytes`.

Every failure is a FetchError with a one-line `reason`, never a raw httpx error:

    FetchError        "HTTP 404", "timed out after 3 tries", "body over 10000000 bytes"
    ├── Disallowed    robots.txt forbids the URL, or could not be read
    └── Blocked       the host refused us (403, 429, challenge page): asked no more
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import time
from dataclasses import dataclass, field
from typing import NoReturn, Self

import httpx
import stamina
from protego import Protego

logger = logging.getLogger("atbot")

MAX_REDIRECTS = 5
# The wait between tries doubles up to this: longer would hold the host for nothing.
MAX_BACKOFF = 10.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Challenge pages are small: only the head of a page is searched, so an article with a
# form further down is not taken for one.
_SNIFF_BYTES = 64 * 1024
# Cloudflare's "checking your browser" interstitial.
_CHALLENGE_TITLE = re.compile(rb"<title>\s*Just a moment\.\.\.\s*</title>", re.IGNORECASE)
# A form whose own tag names a captcha or challenge; a comment form that merely embeds
# a reCAPTCHA widget does not match.
_CAPTCHA_FORM = re.compile(rb"<form\b[^>]*(captcha|challenge-form)", re.IGNORECASE)


@dataclass(frozen=True)
class FetchPolicy:
    """How politely to fetch. The User-Agent names us and says how to reach us:

    >>> FetchPolicy("atbot/0.1.0 (+https://example.org/contact)").product_token
    'atbot'
    """

    user_agent: str
    min_delay: float = 1.0  # seconds from the end of one request to a host to the next
    timeout: float = 20.0  # seconds per request, body included
    attempts: int = 3  # tries per request on timeouts, connection errors and 5xx
    backoff: float = 1.0  # first wait between tries; doubles, up to MAX_BACKOFF
    max_bytes: int = 10_000_000  # a longer body is an error

    @property
    def product_token(self) -> str:
        """The name robots.txt groups are matched against."""
        return self.user_agent.split("/", 1)[0].partition(" ")[0]


@dataclass(frozen=True)
class Fetched:
    """A fetched URL: 200 with its body, or 304 (not modified) with none."""

    url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


class FetchError(Exception):
    """A URL could not be fetched; `reason` says why, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Named for what happened, as callers read them (`except Blocked:`), not "...Error".
class Disallowed(FetchError):  # noqa: N818
    """robots.txt forbids this URL to us (or could not be read)."""


class Blocked(FetchError):  # noqa: N818
    """The host refused us; it is not asked again during this client's life."""


class _ServerError(Exception):
    """A 5xx answer, raised so that stamina retries it."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


@dataclass
class _Host:
    """What one host has told us so far."""

    name: str
    delay: float
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_end: float = float("-inf")  # time.monotonic() when its last request ended
    robots: Protego | None = None  # None until robots.txt was read
    robots_failure: str | None = None  # why robots.txt could not be read, if it could not
    blocked: str | None = None  # why it refused us, once it did


@dataclass(frozen=True)
class _Reply:
    """One answer, its body read (empty for a 304 or a redirect)."""

    url: httpx.URL
    status: int
    headers: httpx.Headers
    body: bytes


class PoliteClient:
    """`async with PoliteClient(policy) as client: await client.get(url)`."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self._hosts: dict[str, _Host] = {}
        self._http: httpx.AsyncClient | None = None
        # No jitter: the host's lock already keeps our tries from bunching up.
        self._retrying = stamina.AsyncRetryingCaller(
            attempts=policy.attempts, timeout=None, wait_initial=policy.backoff,
            wait_max=MAX_BACKOFF, wait_jitter=0.0,
        ).on(_is_transient)

    async def __aenter__(self) -> Self:
        self._http = httpx.AsyncClient(
            headers={"User-Agent": self.policy.user_agent}, timeout=self.policy.timeout,
            max_redirects=MAX_REDIRECTS,
        )
        return self

    async def __aexit__(self, *_exc_info: object) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def get(self, url: str, *, etag: str | None = None,
                  last_modified: str | None = None) -> Fetched:
        """The body at `url`, or a 304 if it has not changed since `etag` / `last_modified`."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        target = _http_url(url)
        for _hop in range(MAX_REDIRECTS + 1):
            reply = await self._fetch(target, headers)
            if reply.status not in _REDIRECTS:
                return Fetched(str(reply.url), reply.status, reply.body,
                               reply.headers.get("Content-Type", ""), reply.headers.get("ETag"),
                               reply.headers.get("Last-Modified"))
            target = _redirect_target(reply)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    async def _fetch(self, url: httpx.URL, headers: dict[str, str]) -> _Reply:
        """One hop: 200, 304 or a redirect; anything else raises."""
        host = self._host(url)
        async with host.lock:
            if host.blocked:
                raise Blocked(f"{host.blocked} earlier in this run")
            if host.robots is None:
                host.robots = await self._read_robots(host, url)
            if not host.robots.can_fetch(str(url), self.policy.product_token):
                raise Disallowed(host.robots_failure or "robots.txt disallows it")
            reply = await self._request(host, url, headers)
            refusal = _refusal(reply)
            if refusal:
                self._block(host, refusal)
        if reply.status in (200, 304) or reply.status in _REDIRECTS:
            return reply
        raise FetchError(f"HTTP {reply.status}")

    async def _read_robots(self, host: _Host, url: httpx.URL) -> Protego:
        """The host's robots.txt rules (RFC 9309, section 2.3.1); sets its crawl delay."""
        robots_url = url.copy_with(path="/robots.txt", query=None, fragment=None)
        try:
            reply = await self._request(host, robots_url, {}, follow_redirects=True)
        except FetchError as error:
            host.robots_failure = f"robots.txt unreachable ({error.reason})"
            return Protego.parse("User-agent: *\nDisallow: /\n")
        refusal = _refusal(reply)
        # A 403 here only means robots.txt is not for us (RFC 9309: any 4xx allows all);
        # 429 or a challenge means the host is refusing us.
        if refusal and reply.status != 403:
            self._block(host, refusal)
        text = reply.body.decode("utf-8-sig", "replace") if reply.status == 200 else ""
        robots = Protego.parse(text)
        host.delay = max(host.delay, robots.crawl_delay(self.policy.product_token) or 0.0)
        return robots

    async def _request(self, host: _Host, url: httpx.URL, headers: dict[str, str], *,
                       follow_redirects: bool = False) -> _Reply:
        """One request, tried again on timeouts, connection errors and 5xx."""
        try:
            return await self._retrying(self._try_once, host, url, headers, follow_redirects)
        except (httpx.HTTPError, TimeoutError, _ServerError) as error:
            raise FetchError(_describe(error, self.policy.attempts)) from None

    async def _try_once(self, host: _Host, url: httpx.URL, headers: dict[str, str],
                        follow_redirects: bool) -> _Reply:
        """One try, after the host's pause; the caller holds the host's lock."""
        await asyncio.sleep(max(0.0, host.last_end + host.delay - time.monotonic()))
        try:
            async with asyncio.timeout(self.policy.timeout):
                reply = await self._exchange(url, headers, follow_redirects)
        finally:
            host.last_end = time.monotonic()
        # A challenge page may come as a 503: it is a refusal, not a server in trouble.
        if reply.status >= 500 and not _refusal(reply):
            raise _ServerError(reply.status)
        return reply

    async def _exchange(self, url: httpx.URL, headers: dict[str, str],
                        follow_redirects: bool) -> _Reply:
        if self._http is None:
            raise RuntimeError("use PoliteClient in `async with`")
        request = self._http.build_request("GET", url, headers=headers)
        response = await self._http.send(request, stream=True, follow_redirects=follow_redirects)
        try:
            empty = response.status_code == 304 or response.is_redirect
            body = b"" if empty else await _read_body(response, self.policy.max_bytes)
        finally:
            await response.aclose()
        return _Reply(response.url, response.status_code, response.headers, body)

    def _host(self, url: httpx.URL) -> _Host:
        name = url.host if url.port is None else f"{url.host}:{url.port}"
        if name not in self._hosts:
            self._hosts[name] = _Host(name, delay=self.policy.min_delay)
        return self._hosts[name]

    def _block(self, host: _Host, reason: str) -> NoReturn:
        host.blocked = reason
        logger.warning("%s refused us (%s): no more requests to it in this run", host.name, reason)
        raise Blocked(reason)


def _http_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise FetchError("invalid URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError("not an http(s) URL")
    return parsed


def _redirect_target(reply: _Reply) -> httpx.URL:
    location = reply.headers.get("Location")
    if not location:
        raise FetchError(f"HTTP {reply.status} without a Location")
    return _http_url(str(reply.url.join(location)))


async def _read_body(response: httpx.Response, limit: int) -> bytes:
    """The body, or FetchError as soon as it is known to be longer than `limit` bytes."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"body over {limit} bytes")
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            raise FetchError(f"body over {limit} bytes")
    return bytes(body)


def _refusal(reply: _Reply) -> str | None:
    """Why this answer refuses us (403, 429, a challenge page), or None."""
    if reply.status in (403, 429):
        return f"HTTP {reply.status}"
    # Cloudflare's documented marker of a challenge, whatever the page looks like.
    if reply.headers.get("cf-mitigated", "").lower() == "challenge":
        return "challenge page"
    if "html" in reply.headers.get("Content-Type", ""):
        head = reply.body[:_SNIFF_BYTES]
        if _CHALLENGE_TITLE.search(head) or _CAPTCHA_FORM.search(head):
            return "challenge page"
    return None


def _is_transient(error: Exception) -> bool:
    """Whether another try may succeed: timeouts, connection errors and 5xx."""
    return isinstance(error, (TimeoutError, httpx.TransportError, _ServerError))


def _describe(error: Exception, tries: int) -> str:
    """A one-line reason; for a transient failure, after how many tries."""
    if isinstance(error, (TimeoutError, httpx.TimeoutException)):
        what = "timed out"
    elif isinstance(error, _ServerError):
        what = f"HTTP {error.status}"
    elif isinstance(error, httpx.ConnectError):
        what = _connect_failure(error)
    elif isinstance(error, httpx.TransportError):
        what = f"connection failed ({type(error).__name__})"
    else:
        return f"unreadable response ({type(error).__name__})"
    return f"{what} after {tries} {'try' if tries == 1 else 'tries'}"


def _connect_failure(error: BaseException) -> str:
    """What the OS said under httpx's ConnectError."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror):
            return "host not found"
        cause = cause.__cause__ or cause.__context__
    return "cannot connect"
