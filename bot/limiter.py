"""How the bot calls the Bot API: Telegram's flood limits, retries, and what a
failed call means (python-telegram-bot's rate limiter sees every call).

Wiring on the Telegram side, like bot/app.py; the core never imports it.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus
from typing import Any

import httpx
from telegram import Update
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter, BaseUpdateProcessor, ExtBot
from telegram.request import HTTPXRequest

from bot.conversation import CARD_WORTH
from bot.metrics import API_ERRORS, ERRORS, SEND_QUEUE, TELEGRAM

logger = logging.getLogger("atbot")

# The first pause before trying a call again, doubled each time up to the last.
BACKOFF_SECONDS = 0.5
MAX_BACKOFF = 10.0
# Calls inside Telegram's limiter at once: the others wait for a turn, urgent ones
# first (a help card does not queue behind a burst of search answers).
CALLS_AT_ONCE = 8
# Updates admitted to wait for a turn at once (a burst of 600 waits whole).
ADMITTED = 10_000


class SentUnconfirmed(TelegramError):  # noqa: N818 (named for what happened, as fetch's Blocked)
    """Telegram answered 200 to a send, but its body was cut: the message is sent."""


class TokenRefused(NetworkError):  # noqa: N818 (named for what happened)
    """getUpdates answered 401 or 404: the token was revoked; the bot is stopping."""


class ObservedRequest(HTTPXRequest):
    """python-telegram-bot's HTTP client, counting what the Bot API answers (the
    metrics: errors by method and HTTP status; when a call last succeeded). Only
    the method's name is kept of the URL, which holds the token."""

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        method = url.rsplit("/", 1)[-1]
        try:
            code, payload = await super().do_request(url, *args, **kwargs)
        except TimedOut:
            _failed_call(method, "timeout")
            raise
        except NetworkError:
            _failed_call(method, "network")
            raise
        if code == HTTPStatus.OK:
            TELEGRAM.now()
        else:
            _failed_call(method, str(code))
        return code, payload


def _failed_call(method: str, code: str) -> None:
    API_ERRORS.labels(method, code).inc()
    ERRORS.happened()


class WatchedBot(ExtBot[Any]):
    """The bot, telling `on_token_refused` when getUpdates finds the token refused
    (polling calls bypass the rate limiter, which tells it for every other call)."""

    __slots__ = ("_on_token_refused",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watch(lambda: None)

    def watch(self, on_token_refused: Callable[[], None]) -> None:
        with self._unfrozen():  # python-telegram-bot's objects are frozen after init
            self._on_token_refused = on_token_refused

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        try:
            return await super().get_updates(*args, **kwargs)
        except InvalidToken as error:
            self._on_token_refused()
            # Raised as is, it would end the polling task with an error that
            # python-telegram-bot's shutdown re-raises halfway; as a network error,
            # polling waits for the stop that on_token_refused asked for.
            raise TokenRefused(str(error)) from error


@dataclass(frozen=True)
class Delivery:
    """How long a call is worth trying (seconds from the first try), whether it goes
    before the others, and at most how many tries (None: until the deadline)."""

    deadline: float
    urgent: bool = False
    tries: int | None = None


# A help card is worth sending for 15 minutes, first; a search answer for 2; its
# contact card (an extra: the number is in the text) gets two tries.
HELP = Delivery(CARD_WORTH.total_seconds(), urgent=True)
ANSWER = Delivery(120.0)
CONTACT = Delivery(CARD_WORTH.total_seconds(), urgent=True, tries=2)
# Calls that are not replies (command menus, button answers, page edits).
OTHER = Delivery(30.0)


class PriorityGate:
    """At most `capacity` holders at once; waiting urgent ones go first, then in order."""

    def __init__(self, capacity: int) -> None:
        self._free = capacity
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @asynccontextmanager
    async def turn(self, *, urgent: bool) -> AsyncIterator[None]:
        await self._acquire(0 if urgent else 1)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, rank: int) -> None:
        if self._free > 0 and not self._waiting:
            self._free -= 1
            return
        waiter = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (rank, next(self._order), waiter))
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release()  # handed the turn just as it was cancelled: pass it on
            raise

    def waiting(self) -> int:
        return len(self._waiting)

    def _release(self) -> None:
        while self._waiting:
            _, _, waiter = heapq.heappop(self._waiting)
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1


class ResilientRateLimiter(AIORateLimiter):
    """Telegram's flood limits (AIORateLimiter: 30 messages/s, 20/min per group), with
    each call tried until its `Delivery` deadline: after a RetryAfter every call waits
    as long as Telegram asked; timeouts, connection errors and 5xx are tried again
    with a doubling pause (at most MAX_BACKOFF). Urgent calls take the next free
    turn (PriorityGate); a call waiting to be tried again holds no turn, so it never
    holds back the next ones. Bad requests are never tried again, nor a send whose
    answer timed out (it may have reached the chat: sent again, it would arrive
    twice). A token Telegram refuses calls `on_token_refused`."""

    def __init__(self, *, flood_limits: bool = True) -> None:
        # RetryAfter is handled here, by deadline. Rates of 0: no flood limits.
        per_second, per_group = (30, 20) if flood_limits else (0, 0)
        super().__init__(overall_max_rate=per_second, group_max_rate=per_group, max_retries=0)
        self.on_token_refused: Callable[[], None] = lambda: None
        # Set when the bot is stopping: a failed call is not tried again.
        self.stopping = False
        self._gate = PriorityGate(CALLS_AT_ONCE)
        self._paused_until = 0.0
        SEND_QUEUE.set_function(self._gate.waiting)

    def queued(self) -> int:
        """Calls waiting for their turn."""
        return self._gate.waiting()

    async def process_request(
        self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
        kwargs: dict[str, Any], endpoint: str, data: dict[str, Any], rate_limit_args: Any,
    ) -> Any:
        delivery = rate_limit_args if isinstance(rate_limit_args, Delivery) else OTHER
        give_up = time.monotonic() + delivery.deadline
        for attempt in itertools.count(1):
            try:
                async with self._gate.turn(urgent=delivery.urgent):
                    await asyncio.sleep(max(0.0, self._paused_until - time.monotonic()))
                    return await super().process_request(callback, args, kwargs, endpoint,
                                                         data, None)
            except TelegramError as error:
                failure, wait = self._failed(error, endpoint, attempt)
            if (attempt == delivery.tries or time.monotonic() + wait > give_up
                    or self.stopping):
                logger.warning("Bot API call %s given up after %d tries (%s)%s", endpoint,
                               attempt, type(failure).__name__,
                               ": the bot is stopping" if self.stopping else "")
                raise failure
            logger.warning("Bot API call %s failed (%s); try %d in %.1f s", endpoint,
                           type(failure).__name__, attempt + 1, wait)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    def _failed(self, error: TelegramError, endpoint: str,
                attempt: int) -> tuple[TelegramError, float]:
        """What a failed call means: raised when it is not to be tried again, else the
        error and how long to wait before the next try."""
        if isinstance(error, RetryAfter):
            wait = _seconds(error.retry_after) + 0.1
            self._paused_until = max(self._paused_until, time.monotonic() + wait)
            return error, wait
        if isinstance(error, (BadRequest, Forbidden)):
            raise error
        if isinstance(error, InvalidToken):
            self.on_token_refused()
            raise error
        if isinstance(error, (TimedOut, NetworkError)):
            if not _loop_running():
                # The call is being closed, not answered: the bot was stopped while
                # starting. Let it close (a retry would raise out of the shutdown).
                raise GeneratorExit from error
            if _sends(endpoint) and _may_have_arrived(error):
                raise error
            return error, min(MAX_BACKOFF, BACKOFF_SECONDS * 2 ** (attempt - 1))
        if _sends(endpoint) and isinstance(error.__cause__, ValueError):
            raise SentUnconfirmed(str(error)) from error
        raise error


class UrgentFirst(BaseUpdateProcessor):
    """Updates handled `at_once` at a time, as python-telegram-bot's own processor does,
    but those `is_urgent` says are (someone in danger, a request for the hotline) are
    handled at once, without a turn: under a burst of searches, a plea does not wait
    behind hundreds of them. (The library's own semaphore, first come first served,
    only admits updates here, up to ADMITTED at once.)"""

    def __init__(self, at_once: int) -> None:
        super().__init__(ADMITTED)
        self._turns = asyncio.Semaphore(at_once)
        self.is_urgent: Callable[[object], bool] = lambda _update: False
        self._handling: set[asyncio.Task[Any]] = set()
        self._stop_at: float | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self.is_urgent(update):
            await self._handle(coroutine)  # no turn at all: a few, and quick to answer
            return
        async with self._turns:
            await self._handle(coroutine)

    def stop_within(self, seconds: float) -> None:
        """The bot is stopping: updates still being handled in `seconds` are cancelled
        (a send stuck on an unreachable Bot API must not hold the stop; a help card
        stays in the outbox and goes out after the restart)."""
        loop = asyncio.get_running_loop()
        self._stop_at = loop.time() + seconds
        for task in self._handling:
            loop.call_at(self._stop_at, task.cancel)

    async def _handle(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._handling.add(task)
        task.add_done_callback(self._handling.discard)
        if self._stop_at is not None:
            asyncio.get_running_loop().call_at(self._stop_at, task.cancel)
        await task

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _sends(endpoint: str) -> bool:
    """Whether a Bot API method posts something new in a chat (not safe to repeat)."""
    return endpoint.startswith(("send", "forward", "copy"))


def _may_have_arrived(error: TelegramError) -> bool:
    """A timeout while waiting for the answer: the request itself went out."""
    return isinstance(error.__cause__, httpx.ReadTimeout)


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
