"""The composition root: `build_application` wires every Telegram handler here.

Order matters: commands first, then messages (private, then groups), then
buttons and inline queries; the error handler catches what they raise.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import i18n
from bot.config import Settings, TelegramSettings
from bot.conversation import Conversation
from bot.core import open_core
from handlers.buttons import press_button
from handlers.commands import reject_unknown_command, run_command
from handlers.errors import report_error
from handlers.inline import answer_inline_query
from handlers.messages import search_group_mention, search_message

logger = logging.getLogger("atbot")

# How many updates are handled at once: one slow search never blocks others.
CONCURRENT_UPDATES = 64
# Retries for a Bot API call that hit a timeout or a server error (5xx).
NETWORK_RETRIES = 3
BACKOFF_SECONDS = 0.5


class ResilientRateLimiter(AIORateLimiter):
    """Telegram's flood limits (AIORateLimiter: 30 messages/s, 20/min per group,
    waits and retries on RetryAfter), plus retries with backoff on timeouts and
    5xx errors. Bad requests are never retried."""

    async def process_request(self, *args: Any, **kwargs: Any) -> Any:
        for attempt in range(NETWORK_RETRIES + 1):
            try:
                return await super().process_request(*args, **kwargs)
            except BadRequest:
                raise
            except (TimedOut, NetworkError) as error:
                if not _loop_running():
                    # The call is being closed, not answered: the bot was stopped while
                    # starting. Let it close (a retry would raise out of the shutdown).
                    raise GeneratorExit from error
                if attempt == NETWORK_RETRIES:
                    raise
                delay = BACKOFF_SECONDS * 2**attempt
                logger.warning("Bot API call failed (%s); retry in %.1f s", error, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def build_application(settings: Settings, telegram: TelegramSettings) -> Application:
    """An Application ready for run_polling() or run_webhook()."""
    builder = (
        ApplicationBuilder()
        .token(telegram.token)
        .concurrent_updates(CONCURRENT_UPDATES)
        .rate_limiter(ResilientRateLimiter(max_retries=3))
        .post_init(_open)
        .post_shutdown(_close)
    )
    if telegram.base_url:
        builder = builder.base_url(telegram.base_url).base_file_url(
            telegram.base_url.replace("/bot", "/file/bot", 1)
        )
    application = builder.build()
    application.bot_data["settings"] = settings

    commands = list(i18n.COMMANDS)
    application.add_handler(CommandHandler(commands, run_command))
    application.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE,
                                           reject_unknown_command))
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, search_message))
    application.add_handler(MessageHandler(text & filters.ChatType.GROUPS, search_group_mention))
    application.add_handler(CallbackQueryHandler(press_button))
    application.add_handler(InlineQueryHandler(answer_inline_query))
    application.add_error_handler(report_error)
    return application


async def _open(application: Application) -> None:
    """Open the index and register the command lists, in Thai and English."""
    core = await open_core(application.bot_data["settings"])
    await core.engine.warm()
    application.bot_data["core"] = core
    application.bot_data["conversation"] = Conversation(core, application.bot.username)
    for lang in (None, *i18n.LANGS):
        shown = lang or "en"
        try:
            await application.bot.set_my_commands(
                [BotCommand(c, i18n.command_description(c, shown)) for c in i18n.COMMANDS],
                language_code=lang,
            )
        except TelegramError as error:
            # Only the command menu is missing then: the bot answers all the same.
            logger.warning("command list (%s) not registered: %s", shown, error)
    stats = await core.store.stats()
    logger.info("atbot is up as @%s with %d releases", application.bot.username, stats.releases)


async def _close(application: Application) -> None:
    core = application.bot_data.pop("core", None)
    if core is not None:
        await core.close()
    logger.info("atbot stopped")


def allowed_updates() -> list[str]:
    return [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
