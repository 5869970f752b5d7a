"""The polite client against a real HTTP server on 127.0.0.1 (tests/http_server.py).

Delays, timeouts and backoffs are a few hundredths of a second, so that pacing and
retries are measured for real and the whole file still runs in seconds.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import socket
from collections.abc import Iterator

import pytest

from bot.fetch import Blocked, Disallowed, Fetched, FetchError, FetchPolicy, PoliteClient
from tests.http_server import HttpServer, Route

UA = "atbot/0.1.0 (+https://example.org/contact)"
FAST = FetchPolicy(UA, min_delay=0.0, timeout=1.0, attempts=3, backoff=0.01)
# Server and client stamp times on either side of the socket: allow for the difference.
SLACK = 0.02


@pytest.fixture
def server() -> Iterator[HttpServer]:
    """A running server without routes: each test adds the ones it needs."""
    with HttpServer() as running:
        yield running


async def fetch(server: HttpServer, path: str, policy: FetchPolicy = FAST,
                **conditions: str) -> Fetched:
    async with PoliteClient(policy) as client:
        return await client.get(server.url(path), **conditions)


def paths(server: HttpServer) -> list[str]:
    return [request.path for request in server.requests]


def host_of(server: HttpServer) -> str:
    return server.base_url.removeprefix("http://")


# robots.txt


async def test_every_request_carries_the_user_agent(server: HttpServer) -> None:
    server.routes["/robots.txt"] = Route(body="User-agent: *\nAllow: /\n")
    server.routes["/page"] = Route(body="hello")
    fetched = await fetch(server, "/page")
    assert fetched.status == 200
    assert fetched.content == b"hello"
    assert paths(server) == ["/robots.txt", "/page"]
    assert all(r.headers["user-agent"] == UA for r in server.requests)


async def test_robots_disallow_is_obeyed_without_asking_for_the_page(
        server: HttpServer) -> None:
    server.routes["/robots.txt"] = Route(
        body="User-agent: *\nDisallow: /\n\nUser-agent: atbot\nDisallow: /private\n")
    server.routes["/public"] = Route(body="ok")
    async with PoliteClient(FAST) as client:
        with pytest.raises(Disallowed) as caught:
            await client.get(server.url("/private/page"))
        assert caught.value.reason == "robots.txt disallows it"
        # The group for our product token applies, not the one for everyone else.
        assert (await client.get(server.url("/public"))).status == 200
    assert paths(server) == ["/robots.txt", "/public"]  # robots.txt read once


@pytest.mark.parametrize("status", [404, 403, 410])
async def test_robots_answering_4xx_allows_everything(server: HttpServer,
                                                      status: int) -> None:
    server.routes["/robots.txt"] = Route(status=status)
    server.routes["/page"] = Route(body="ok")
    assert (await fetch(server, "/page")).status == 200


async def test_robots_answering_5xx_disallows_everything(server: HttpServer) -> None:
    server.routes["/robots.txt"] = Route(status=500)
    server.routes["/page"] = Route(body="ok")
    async with PoliteClient(FAST) as client:
        with pytest.raises(Disallowed, match=r"robots.txt unreachable \(HTTP 500 after 3 tries\)"):
            await client.get(server.url("/page"))
        with pytest.raises(Disallowed):
            await client.get(server.url("/other"))
    assert paths(server) == ["/robots.txt"] * 3


async def test_an_unreachable_host_is_a_fetch_error_not_an_httpx_one() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with PoliteClient(FAST) as client:
        with pytest.raises(Disallowed) as caught:
            await client.get(f"http://127.0.0.1:{port}/page")
    assert caught.value.reason == "robots.txt unreachable (connection refused after 3 tries)"


async def test_not_an_http_url_is_a_fetch_error() -> None:
    async with PoliteClient(FAST) as client:
        with pytest.raises(FetchError, match="not an http"):
            await client.get("ftp://example.org/feed.xml")


# Pacing


def gaps(server: HttpServer) -> list[float]:
    """Seconds from the end of each request to the start of the next."""
    requests = server.requests
    return [after.started - before.ended for before, after in itertools.pairwise(requests)]


async def test_min_delay_between_requests_to_a_host(server: HttpServer) -> None:
    server.routes["/page"] = Route(body="ok")
    async with PoliteClient(FetchPolicy(UA, min_delay=0.15)) as client:
        await client.get(server.url("/page?1"))
        await client.get(server.url("/page?2"))
    assert len(gaps(server)) == 2  # robots.txt, then two pages
    assert min(gaps(server)) >= 0.15 - SLACK


async def test_crawl_delay_raises_the_delay(server: HttpServer) -> None:
    server.routes["/robots.txt"] = Route(body="User-agent: atbot\nCrawl-delay: 0.2\n")
    server.routes["/page"] = Route(body="ok")
    async with PoliteClient(FAST) as client:
        await client.get(server.url("/page?1"))
        await client.get(server.url("/page?2"))
    assert min(gaps(server)) >= 0.2 - SLACK


async def test_one_request_at_a_time_per_host(server: HttpServer) -> None:
    server.routes["/slow"] = Route(body="ok", delay=0.1)
    policy = FetchPolicy(UA, min_delay=0.05)
    async with PoliteClient(policy) as client:
        await asyncio.gather(client.get(server.url("/slow?1")),
                             client.get(server.url("/slow?2")))
    assert len(server.requests_to("/slow")) == 2
    assert min(gaps(server)) > 0  # none started before the one before it ended


async def test_hosts_do_not_wait_for_each_other() -> None:
    with HttpServer({"/slow": Route(delay=0.3)}) as one, \
            HttpServer({"/slow": Route(delay=0.3)}) as two:
        async with PoliteClient(FAST) as client:
            await asyncio.gather(client.get(one.url("/slow")), client.get(two.url("/slow")))
        first, second = one.requests_to("/slow")[0], two.requests_to("/slow")[0]
    assert first.started < second.ended and second.started < first.ended


# Conditional requests


async def test_a_matching_etag_is_answered_304_without_a_body(server: HttpServer) -> None:
    server.routes["/feed"] = Route(body="<rss/>", etag='"v1"')
    first = await fetch(server, "/feed")
    assert (first.status, first.content, first.etag) == (200, b"<rss/>", '"v1"')
    again = await fetch(server, "/feed", etag='"v1"')
    assert (again.status, again.content) == (304, b"")
    assert server.requests_to("/feed")[-1].headers["if-none-match"] == '"v1"'


async def test_last_modified_is_sent_as_if_modified_since(server: HttpServer) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    server.routes["/feed"] = Route(body="<rss/>", headers={"Last-Modified": stamp})
    fetched = await fetch(server, "/feed", last_modified=stamp)
    assert fetched.last_modified == stamp
    assert server.requests_to("/feed")[0].headers["if-modified-since"] == stamp


# Retries


async def test_5xx_is_retried_until_it_succeeds(server: HttpServer) -> None:
    server.routes["/page"] = Route(body="ok", statuses=[503, 502])
    assert (await fetch(server, "/page")).content == b"ok"
    assert len(server.requests_to("/page")) == 3


async def test_5xx_every_time_is_a_fetch_error(server: HttpServer) -> None:
    server.routes["/page"] = Route(status=500)
    with pytest.raises(FetchError, match=r"^HTTP 500 after 3 tries$"):
        await fetch(server, "/page")


async def test_404_is_not_retried(server: HttpServer) -> None:
    with pytest.raises(FetchError) as caught:
        await fetch(server, "/missing")
    assert caught.value.reason == "HTTP 404"
    assert len(server.requests_to("/missing")) == 1


async def test_a_page_slower_than_the_timeout_fails_after_every_try(
        server: HttpServer) -> None:
    server.routes["/slow"] = Route(body="late", delay=0.5)
    policy = FetchPolicy(UA, min_delay=0.0, timeout=0.1, attempts=2, backoff=0.01)
    with pytest.raises(FetchError) as caught:
        await fetch(server, "/slow", policy)
    assert caught.value.reason == "timed out after 2 tries"
    assert len(server.requests_to("/slow")) == 2


# Refusals


@pytest.mark.parametrize("status", [403, 429])
async def test_403_and_429_block_the_host_for_good(server: HttpServer, status: int,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/page"] = Route(status=status)
    server.routes["/other"] = Route(body="ok")
    async with PoliteClient(FAST) as client:
        with caplog.at_level(logging.WARNING, logger="atbot"):
            with pytest.raises(Blocked, match=f"^HTTP {status}$"):
                await client.get(server.url("/page"))
            with pytest.raises(Blocked):
                await client.get(server.url("/other"))
    assert paths(server) == ["/robots.txt", "/page"]  # not /other
    warnings = [r.getMessage() for r in caplog.records if r.name == "atbot"]
    assert len(warnings) == 1
    assert host_of(server) in warnings[0]


CHALLENGES = {
    "cf-mitigated header": Route(status=503, headers={"cf-mitigated": "challenge"}),
    "Cloudflare title": Route(body="<html><head><title>Just a moment...</title></head></html>"),
    "captcha form": Route(body='<form id="captcha-form" action="/verify"></form>'),
}


@pytest.mark.parametrize("route", CHALLENGES.values(), ids=CHALLENGES.keys())
async def test_a_challenge_page_blocks_the_host(server: HttpServer, route: Route) -> None:
    server.routes["/page"] = route
    with pytest.raises(Blocked, match="challenge page"):
        await fetch(server, "/page")
    assert len(server.requests_to("/page")) == 1  # a 503 challenge is not retried


async def test_a_page_with_a_comment_captcha_is_not_a_challenge(
        server: HttpServer) -> None:
    page = '<title>News</title><form action="/comment"><div class="g-recaptcha"></div></form>'
    server.routes["/page"] = Route(body=page)
    assert (await fetch(server, "/page")).status == 200


# Redirects and size


async def test_redirects_are_followed_and_each_hop_obeys_robots(
        server: HttpServer) -> None:
    server.routes["/robots.txt"] = Route(body="User-agent: *\nDisallow: /private\n")
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(body="moved")
    server.routes["/leak"] = Route(status=302, headers={"Location": "/private"})
    fetched = await fetch(server, "/old")
    assert (fetched.url, fetched.content) == (server.url("/new"), b"moved")
    with pytest.raises(Disallowed):
        await fetch(server, "/leak")
    assert not server.requests_to("/private")


async def test_a_redirect_loop_stops(server: HttpServer) -> None:
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        await fetch(server, "/loop")
    assert len(server.requests_to("/loop")) == 6


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "streamed"])
async def test_a_body_over_max_bytes_is_a_fetch_error(server: HttpServer,
                                                      chunked: bool) -> None:
    server.routes["/big"] = Route(body=b"x" * 5000, chunked=chunked)
    policy = FetchPolicy(UA, min_delay=0.0, max_bytes=1000)
    with pytest.raises(FetchError) as caught:
        await fetch(server, "/big", policy)
    assert caught.value.reason == "body over 1000 bytes"
