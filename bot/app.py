"""The composition root: `build_application` makes the Telegram application,
`add_handlers` wires every handler, in one place, once the bot's own name is
known (group messages are answered when they mention it).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update, User
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.actions import ACTIONS
from bot.alerts import CHECK_SECONDS
from bot.config import Settings, TelegramSettings
from bot.conversation import COMMANDS, Conversation
from bot.core import open_core
from bot.data import Data
from bot.fetch import FetchPolicy
from bot.i18n import BASE_LANG, LANGS
from handlers.alerts import read_feeds, send_alerts
from handlers.buttons import answer_stale_button, button_handler
from handlers.commands import answer_unknown_command, command_handler
from handlers.errors import report_error
from handlers.inline import answer_inline_query
from handlers.messages import ReplyTo, answer_group_message, answer_private_message

logger = logging.getLogger("atbot")

# How many updates are handled at once: one slow search never blocks others.
CONCURRENT_UPDATES = 64
# Retries for a Bot API call that hit a timeout or a server error (5xx).
NETWORK_RETRIES = 3
BACKOFF_SECONDS = 0.5
# Seconds from start to the first feed update (then every ATBOT_FEED_MINUTES).
FIRST_FEED_UPDATE = 60.0


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


def build_application(settings: Settings, telegram: TelegramSettings,
                      data: Data) -> Application:  # type: ignore[type-arg]
    """An Application ready for run_polling() or run_webhook(); its handlers are
    added once the bot knows its own name (`add_handlers`, at start-up)."""
    builder = (
        ApplicationBuilder()
        .token(telegram.token)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
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
    application.bot_data["data"] = data
    application.bot_data["fetch_policy"] = FetchPolicy(settings.user_agent)
    return application


def add_handlers(application: Application, bot: User) -> None:  # type: ignore[type-arg]
    """Every handler, in one place. Order matters: commands first, then messages
    (private, then groups: a mention or a reply to the bot), then buttons (one
    handler per kind of action, then one for data nobody knows) and inline queries."""
    application.add_handlers([command_handler(command) for command in COMMANDS])
    application.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE,
                                           answer_unknown_command))
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(text & filters.ChatType.PRIVATE,
                                           answer_private_message))
    addressed = filters.Mention(bot.username or "") | ReplyTo(bot.id)
    application.add_handler(MessageHandler(text & filters.ChatType.GROUPS & addressed,
                                           answer_group_message))
    application.add_handlers([button_handler(kind) for kind in ACTIONS])
    application.add_handler(CallbackQueryHandler(answer_stale_button))
    application.add_handler(InlineQueryHandler(answer_inline_query))
    application.add_error_handler(report_error)


async def _open(application: Application) -> None:  # type: ignore[type-arg]
    """Open the index and the state, add the handlers, register the command menus."""
    data: Data = application.bot_data["data"]
    core = await open_core(application.bot_data["settings"], data)
    application.bot_data["core"] = core
    await core.warm()
    await core.start_alerts()
    application.bot_data["conversation"] = Conversation(core, application.bot.username)
    add_handlers(application, application.bot.bot)
    schedule_jobs(application, application.bot_data["settings"])
    for lang in (None, *LANGS):
        shown = lang or BASE_LANG
        commands = [BotCommand(c.name, data.strings.text(f"command_{c.name}", shown))
                    for c in COMMANDS]
        try:
            await application.bot.set_my_commands(commands, language_code=lang)
        except TelegramError as error:
            # Only the command menu is missing then: the bot answers all the same.
            logger.warning("command list (%s) not registered: %s", shown, error)
    stats = await core.stats()
    logger.info("atbot is up as @%s with %d releases", application.bot.username, stats.releases)


def schedule_jobs(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    """Alerts every few seconds; feed updates every ATBOT_FEED_MINUTES (each run
    reads the feeds listed then: none, nothing to do)."""
    jobs = application.job_queue
    if jobs is None:
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    jobs.run_repeating(send_alerts, interval=CHECK_SECONDS, first=CHECK_SECONDS / 2,
                       name="alerts", job_kwargs={"max_instances": 1, "coalesce": True})
    seconds = settings.feed_minutes * 60
    jobs.run_repeating(read_feeds, interval=seconds, first=min(seconds, FIRST_FEED_UPDATE),
                       name="feeds", job_kwargs={"max_instances": 1, "coalesce": True})


async def _close(application: Application) -> None:  # type: ignore[type-arg]
    core = application.bot_data.pop("core", None)
    if core is not None:
        await core.close()
    logger.info("atbot stopped")


def allowed_updates() -> list[str]:
    return [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
