"""How the bot calls the Bot API: Telegram's flood limits, retries, and what a
failed call means (python-telegram-bot's rate limiter sees every call).

Wiring on the Telegram side, like bot/app.py; the core never imports it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import httpx
from telegram import Update
from telegram.error import (
    BadRequest,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter, ExtBot

logger = logging.getLogger("atbot")

# Retries for a Bot API call that hit a timeout or a server error (5xx).
NETWORK_RETRIES = 3
BACKOFF_SECONDS = 0.5


class SentUnconfirmed(TelegramError):  # noqa: N818 (named for what happened, as fetch's Blocked)
    """Telegram answered 200 to a send, but its body was cut: the message is sent."""


class TokenRefused(NetworkError):  # noqa: N818 (named for what happened)
    """getUpdates answered 401 or 404: the token was revoked; the bot is stopping."""


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


class ResilientRateLimiter(AIORateLimiter):
    """Telegram's flood limits (AIORateLimiter: 30 messages/s, 20/min per group,
    waits and retries on RetryAfter), plus retries with backoff on timeouts and
    5xx errors. Bad requests are never retried, nor a send whose answer timed out
    (it may have reached the chat: sent again, it would arrive twice). A token
    Telegram refuses calls `on_token_refused`."""

    def __init__(self, max_retries: int) -> None:
        super().__init__(max_retries=max_retries)
        self.on_token_refused: Callable[[], None] = lambda: None

    async def process_request(self, *args: Any, **kwargs: Any) -> Any:
        endpoint = str(kwargs.get("endpoint", ""))
        for attempt in range(NETWORK_RETRIES + 1):
            try:
                return await super().process_request(*args, **kwargs)
            except (BadRequest, RetryAfter):
                raise
            except InvalidToken:
                self.on_token_refused()
                raise
            except (TimedOut, NetworkError) as error:
                if not _loop_running():
                    # The call is being closed, not answered: the bot was stopped while
                    # starting. Let it close (a retry would raise out of the shutdown).
                    raise GeneratorExit from error
                if attempt == NETWORK_RETRIES or (_sends(endpoint) and _may_have_arrived(error)):
                    raise
                delay = BACKOFF_SECONDS * 2**attempt
                logger.warning("Bot API call %s failed (%s); retry in %.1f s",
                               endpoint, type(error).__name__, delay)
                await asyncio.sleep(delay)
            except TelegramError as error:
                if _sends(endpoint) and isinstance(error.__cause__, ValueError):
                    raise SentUnconfirmed(str(error)) from error
                raise
        raise AssertionError("unreachable")


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
