"""A web server on 127.0.0.1 for tests that fetch: feeds, pages, robots.txt.

Each path answers as its `Route` says; a path without one answers 404. Every
request is recorded with when it started and when its answer was written, so a
test can check what a client sent and how it paced itself:

    with HttpServer({"/feed.xml": Route(body=rss, content_type="application/rss+xml")}) as server:
        ... fetch server.url("/feed.xml") ...
        assert len(server.requests_to("/feed.xml")) == 1

`routes` may be changed while the server runs. Test modules import it with
`from tests.http_server import HttpServer, Route` (the checkout is on sys.path).
The `http_server` fixture below reaches every module once tests/conftest.py says
`pytest_plugins = ["tests.http_server"]`; importing the fixture by name instead would
shadow it in each test's arguments (ruff F811).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

_CHUNK = 1024


@dataclass
class Route:
    """What one path answers."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering
    etag: str | None = None  # sent; a matching If-None-Match is answered 304
    statuses: list[int] = field(default_factory=list)  # answered in turn before `status`
    chunked: bool = False  # no Content-Length: the body comes in chunks

    def _next_status(self) -> int:
        return self.statuses.pop(0) if self.statuses else self.status

    def _body_bytes(self) -> bytes:
        return self.body.encode() if isinstance(self.body, str) else self.body


@dataclass
class Received:
    """One request as the server saw it; times are time.monotonic()."""

    method: str
    path: str  # with its query string
    headers: dict[str, str]  # names in lower case
    started: float
    ended: float = 0.0  # when the answer was written (0 until then)


class HttpServer:
    """`with HttpServer(routes) as server:` serves on a free port until the block ends."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self._received: list[Received] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        # Polled often, so that stopping it takes a few milliseconds, not half a second.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,),
                                        daemon=True)

    def __enter__(self) -> HttpServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def requests(self) -> list[Received]:
        """Every request so far, in the order they arrived."""
        with self._lock:
            return list(self._received)

    def requests_to(self, path: str) -> list[Received]:
        """The requests to `path`, whatever their query strings."""
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def _answer(self, handler: _Handler) -> None:
        record = Received(handler.command, handler.path,
                          {name.lower(): value for name, value in handler.headers.items()},
                          started=time.monotonic())
        with self._lock:
            self._received.append(record)
            route = self.routes.get(handler.path.split("?", 1)[0])
            status = route._next_status() if route else 404
        try:
            _respond(handler, route or Route(status=404, body="not found"), status)
        finally:
            record.ended = time.monotonic()


def _respond(handler: _Handler, route: Route, status: int) -> None:
    time.sleep(route.delay)
    if route.etag and handler.headers.get("If-None-Match") == route.etag:
        handler.send_response(304)
        handler.send_header("ETag", route.etag)
        handler.end_headers()
        return
    body = route._body_bytes()
    handler.send_response(status)
    handler.send_header("Content-Type", route.content_type)
    if route.etag:
        handler.send_header("ETag", route.etag)
    for name, value in route.headers.items():
        handler.send_header(name, value)
    if route.chunked:
        handler.send_header("Transfer-Encoding", "chunked")
    else:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if not route.chunked:
        handler.wfile.write(body)
        return
    for start in range(0, len(body), _CHUNK):
        chunk = body[start:start + _CHUNK]
        handler.wfile.write(f"{len(chunk):X}\r\n".encode() + chunk + b"\r\n")
    handler.wfile.write(b"0\r\n\r\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: HttpServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out has hung up before a slow answer: expected, not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, and chunked answers
    # Headers and body go out in two writes: without this, each answer waits 40 ms for
    # the client's delayed ACK.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self.server.owner._answer(self)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads `requests` instead."""


@pytest.fixture
def http_server() -> Iterator[HttpServer]:
    """A running HttpServer without routes; the test adds them to `.routes`."""
    with HttpServer() as server:
        yield server
