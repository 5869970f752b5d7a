"""The bot's HTTP side (tornado, which python-telegram-bot's webhooks use): /healthz
and /metrics for operators, and, in webhook mode, the webhook itself.

Polling: `atbot run --metrics-port N` serves /healthz and /metrics (off by default).
Webhook: one server on --listen/--port serves the webhook path, /healthz and
/metrics. The bot runs python-telegram-bot's Application itself (its documented
custom-webhook way: `application.update_queue.put`) rather than run_webhook, so
that these routes share the webhook's server and a replica that does not hold
the lead does not set the webhook (bot/state_pg.py, AdvisoryLead).

/healthz answers 200 when the index is open and a Bot API call succeeded within
HEALTHY_WITHIN seconds, 503 with the reason otherwise.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from bot.metrics import (
    HEALTHY_WITHIN,
    INDEX_AGE,
    INDEX_BYTES,
    INDEX_RELEASES,
    TELEGRAM,
    exposition,
)

logger = logging.getLogger("atbot")

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
# The header Telegram sends the webhook's secret in.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Largest update accepted (Telegram's are a few kilobytes).
MAX_UPDATE_BYTES = 1 << 20


class _Health(RequestHandler):
    def initialize(self, bot: AnyApplication) -> None:
        self.bot_application = bot

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        problem = health_problem(self.bot_application)
        if problem:
            self.set_status(503)
            self.finish(f"unhealthy: {problem}\n")
        else:
            self.finish("ok\n")


class _Metrics(RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(exposition())


class _Webhook(RequestHandler):
    """Telegram's POSTs: checked against the secret, then handed to the Application."""

    def initialize(self, bot: AnyApplication, secret: str) -> None:
        self.bot_application = bot
        self.secret = secret

    async def post(self) -> None:
        if self.request.headers.get(SECRET_HEADER) != self.secret:
            self.send_error(403)
            return
        if len(self.request.body) > MAX_UPDATE_BYTES:
            self.send_error(413)
            return
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):  # not an update's JSON
            logger.warning("a webhook request that is not an update was refused")
            self.send_error(400)
            return
        await self.bot_application.update_queue.put(update)
        self.finish()


def health_problem(application: AnyApplication) -> str:
    """Why the bot is not healthy, or "" when it is."""
    if application.bot_data.get("core") is None:
        return "the index is not open"
    since = TELEGRAM.seconds_ago()
    if since > application.bot_data.get("healthy_seconds", HEALTHY_WITHIN):
        return ("no Bot API call has succeeded yet" if since == float("inf") else
                f"the last Bot API call that succeeded was {since:.0f} s ago")
    return ""


def web_app(application: AnyApplication, webhook_path: str | None = None,
            secret: str = "") -> WebApplication:
    """/healthz, /metrics and, given a path, the webhook."""
    routes: list[Any] = [(r"/healthz", _Health, {"bot": application}),
                         (r"/metrics", _Metrics)]
    if webhook_path is not None:
        routes.append((f"/{webhook_path.lstrip('/')}", _Webhook,
                       {"bot": application, "secret": secret}))
    return WebApplication(routes)


async def observe_index(application: AnyApplication) -> None:
    """Refresh the index gauges (a job, every minute)."""
    core = application.bot_data.get("core")
    if core is None:
        return
    stats = await core.stats()
    INDEX_RELEASES.set(stats.releases)
    INDEX_BYTES.set(stats.size_bytes)
    if stats.last_ingest:
        written = datetime.fromisoformat(stats.last_ingest).timestamp()
        INDEX_AGE.set(max(0.0, time.time() - written))


def run_webhook(application: AnyApplication, *, listen: str, port: int, url: str,
                path: str, secret: str, allowed_updates: list[str],
                opened: Callable[[AnyApplication], Awaitable[None]],
                closed: Callable[[AnyApplication], Awaitable[None]]) -> None:
    """Serve the webhook, /healthz and /metrics until SIGINT or SIGTERM, or until
    `application.bot_data["stop"]` is set (a refused token)."""
    asyncio.run(_serve_webhook(application, listen, port, url, path, secret,
                               allowed_updates, opened, closed))


async def _serve_webhook(application: AnyApplication, listen: str, port: int, url: str,
                         path: str, secret: str, allowed_updates: list[str],
                         opened: Callable[[AnyApplication], Awaitable[None]],
                         closed: Callable[[AnyApplication], Awaitable[None]]) -> None:
    stop = asyncio.Event()
    application.bot_data["stop"] = stop
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await application.initialize()
    server: HTTPServer | None = None
    try:
        await opened(application)
        server = HTTPServer(web_app(application, path, secret), xheaders=True)
        server.listen(port, listen)
        await application.start()
        lead = application.bot_data.get("lead")
        if lead is None or await lead.holds():
            await application.bot.set_webhook(url, secret_token=secret,
                                              allowed_updates=allowed_updates)
        await stop.wait()
    finally:
        if server is not None:
            server.stop()
        if application.running:
            await application.stop()
        await closed(application)
        await application.shutdown()
