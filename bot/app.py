"""The composition root: `build_application` makes the Telegram application,
`add_handlers` wires every handler, in one place, once the bot's own name is
known (group messages are answered when they mention it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import BotCommand, LinkPreviewOptions, Update, User
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from tornado.httpserver import HTTPServer

from bot.actions import ACTIONS, ShowHotline
from bot.alerts import CHECK_SECONDS
from bot.config import Settings, TelegramSettings
from bot.conversation import COMMANDS, Conversation
from bot.core import open_core
from bot.data import Data
from bot.fetch import FetchPolicy
from bot.i18n import BASE_LANG, LANGS
from bot.limiter import ObservedRequest, ResilientRateLimiter, UrgentFirst, WatchedBot
from bot.metrics import HEARTBEAT_SECONDS, REPLIES, TELEGRAM
from bot.replies import HOTLINE_START
from bot.web import observe_index, web_app
from handlers.alerts import read_feeds, resend_help_cards, send_alerts
from handlers.buttons import answer_stale_button, button_handler
from handlers.commands import answer_unknown_command, command_handler, status_handler
from handlers.errors import report_error
from handlers.inline import answer_inline_query
from handlers.messages import (
    ReplyTo,
    answer_edited_message,
    answer_group_message,
    answer_private_message,
    answer_unreadable_message,
)
from handlers.tracing import log_update_end, log_update_start

logger = logging.getLogger("atbot")

# How many searches are handled at once: one slow search never blocks the others,
# and on one core more would only take turns (someone in danger does not wait for a
# turn at all: bot/limiter.py, UrgentFirst).
CONCURRENT_UPDATES = 16
# Seconds a Bot API call may take (Telegram under load answers in several), and
# to connect.
SEND_TIMEOUT = 20.0
CONNECT_TIMEOUT = 10.0
# Connections to the Bot API at once (python-telegram-bot's default for a bot
# that handles updates concurrently).
CONNECTIONS = 256
# Seconds from start to the first feed update (then every ATBOT_FEED_MINUTES).
FIRST_FEED_UPDATE = 60.0
# Seconds between refreshes of the index gauges (and heartbeats to Telegram).
OBSERVE_SECONDS = 60.0
# Seconds a stopping bot gives the updates it is still handling (a stop must take
# under 10 s even with the Bot API unreachable).
STOP_GRACE = 3.0


class AtbotApplication(Application):  # type: ignore[type-arg]
    """python-telegram-bot's Application, whose stop does not wait on the Bot API:
    failed calls are no longer tried again, and updates still handled after
    STOP_GRACE are cancelled (python-telegram-bot would wait for each of them)."""

    async def stop(self) -> None:
        limiter = self.bot.rate_limiter
        if isinstance(limiter, ResilientRateLimiter):
            limiter.stopping = True
        if isinstance(self.update_processor, UrgentFirst):
            self.update_processor.stop_within(STOP_GRACE)
        await super().stop()


def build_application(settings: Settings, telegram: TelegramSettings,
                      data: Data) -> Application:  # type: ignore[type-arg]
    """An Application ready for run_polling() or run_webhook(); its handlers are
    added once the bot knows its own name (`add_handlers`, at start-up)."""
    limiter = ResilientRateLimiter(flood_limits=telegram.rate_limit)
    # Long enough for a slow Bot API: a send given up on too soon is sent twice.
    request = ObservedRequest(connection_pool_size=CONNECTIONS, read_timeout=SEND_TIMEOUT,
                              write_timeout=SEND_TIMEOUT, connect_timeout=CONNECT_TIMEOUT,
                              pool_timeout=SEND_TIMEOUT)
    base_url = telegram.base_url or "https://api.telegram.org/bot"
    bot = WatchedBot(
        telegram.token, base_url=base_url,
        base_file_url=base_url.replace("/bot", "/file/bot", 1),
        request=request, get_updates_request=ObservedRequest(connect_timeout=CONNECT_TIMEOUT),
        defaults=Defaults(parse_mode=ParseMode.HTML,
                          link_preview_options=LinkPreviewOptions(is_disabled=True)),
        rate_limiter=limiter,
    )
    updates = UrgentFirst(CONCURRENT_UPDATES)
    application = (
        ApplicationBuilder().bot(bot)
        .application_class(AtbotApplication)
        .concurrent_updates(updates)
        .post_init(open_bot)
        .post_shutdown(close_bot)
        .build()
    )
    limiter.on_token_refused = lambda: _token_refused(application)
    updates.is_urgent = lambda update: _urgent(application, update)
    bot.watch(limiter.on_token_refused)
    application.bot_data["settings"] = settings
    application.bot_data["healthy_seconds"] = telegram.healthy_seconds
    application.bot_data["admins"] = telegram.admins
    application.bot_data["data"] = data
    application.bot_data["fetch_policy"] = FetchPolicy(settings.user_agent)
    return application


def _urgent(application: Application, update: object) -> bool:  # type: ignore[type-arg]
    """Whether an update comes from someone who needs help now: a message the core
    reads as distress, a situation or a hotline question, or the hotline asked for."""
    talk = application.bot_data.get("conversation")
    if not isinstance(update, Update) or not isinstance(talk, Conversation):
        return False
    if update.callback_query is not None:
        return update.callback_query.data == ShowHotline().data
    message = update.effective_message
    text = message and (message.text or message.caption)
    if not text:
        return False
    if text.startswith("/"):
        return text.split()[0].split("@")[0] == "/hotline" or text.endswith(HOTLINE_START)
    return talk.needs_help(text)


def _token_refused(application: Application) -> None:  # type: ignore[type-arg]
    """Telegram says the token is invalid (revoked?): stop; `atbot run` exits with 3."""
    if application.bot_data.get("token_refused"):
        return  # stopping already (the last getUpdates of the shutdown is refused too)
    application.bot_data["token_refused"] = True
    stop = application.bot_data.get("stop")
    if isinstance(stop, asyncio.Event):  # the webhook server (bot/web.py) runs the bot
        stop.set()
    elif application.running:
        application.stop_running()


def add_handlers(application: Application, bot: User) -> None:  # type: ignore[type-arg]
    """Every handler, in one place. Order matters: commands first, then messages
    (private, then groups: a mention or a reply to the bot), then buttons (one
    handler per kind of action, then one for data nobody knows) and inline queries."""
    # Before and after every other handler: what the update is, how long it took.
    application.add_handler(TypeHandler(Update, log_update_start), group=-1)
    application.add_handler(TypeHandler(Update, log_update_end), group=1)
    new = filters.UpdateType.MESSAGE
    application.add_handlers([command_handler(command) for command in COMMANDS])
    admins = application.bot_data.get("admins", frozenset())
    if admins:
        application.add_handler(status_handler(admins))
    application.add_handler(MessageHandler(new & filters.COMMAND & filters.ChatType.PRIVATE,
                                           answer_unknown_command))
    # Text, or the caption of a photo, video or document: read the same way.
    text = (filters.TEXT | filters.CAPTION) & ~filters.COMMAND
    private = filters.ChatType.PRIVATE
    addressed = filters.ChatType.GROUPS & (filters.Mention(bot.username or "") | ReplyTo(bot.id))
    application.add_handler(MessageHandler(new & text & private, answer_private_message))
    application.add_handler(MessageHandler(new & text & addressed, answer_group_message))
    application.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & text
                                           & (private | addressed), answer_edited_message))
    application.add_handler(MessageHandler(new & private & ~filters.COMMAND,
                                           answer_unreadable_message))
    application.add_handlers([button_handler(kind) for kind in ACTIONS])
    application.add_handler(CallbackQueryHandler(answer_stale_button))
    application.add_handler(InlineQueryHandler(answer_inline_query))
    application.add_error_handler(report_error)


async def open_bot(application: Application) -> None:  # type: ignore[type-arg]
    """Open the index and the state, add the handlers, register the command menus."""
    data: Data = application.bot_data["data"]
    core = await open_core(application.bot_data["settings"], data)
    application.bot_data["core"] = core
    application.bot_data["lead"] = await core.lead()
    await core.warm()
    await core.start_alerts()
    talk = Conversation(core, application.bot.username)
    talk.answered = lambda intent: REPLIES.labels(intent).inc()
    application.bot_data["conversation"] = talk
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
    await _serve_metrics(application)
    logger.info("atbot is up as @%s with %d releases", application.bot.username, stats.releases)


def schedule_jobs(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    """Alerts every few seconds; feed updates every ATBOT_FEED_MINUTES (each run
    reads the feeds listed then: none, nothing to do)."""
    jobs = application.job_queue
    if jobs is None:
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    jobs.run_once(resend_help_cards, when=0, name="held help cards")
    jobs.run_repeating(_observe, interval=OBSERVE_SECONDS, first=1.0, name="observe",
                       job_kwargs={"max_instances": 1, "coalesce": True})
    jobs.run_repeating(send_alerts, interval=CHECK_SECONDS, first=CHECK_SECONDS / 2,
                       name="alerts", job_kwargs={"max_instances": 1, "coalesce": True})
    seconds = settings.feed_minutes * 60
    jobs.run_repeating(read_feeds, interval=seconds, first=min(seconds, FIRST_FEED_UPDATE),
                       name="feeds", job_kwargs={"max_instances": 1, "coalesce": True})


async def _observe(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The index gauges; and, when no Bot API call succeeded for a while (a webhook
    bot with nothing to do), a getMe, so /healthz knows Telegram is reachable."""
    await observe_index(context.application)
    if TELEGRAM.seconds_ago() > HEARTBEAT_SECONDS:
        with contextlib.suppress(TelegramError):
            await context.bot.get_me()


async def _serve_metrics(application: Application) -> None:  # type: ignore[type-arg]
    """/healthz and /metrics on --metrics-port, when polling (a webhook serves them)."""
    port = application.bot_data.get("metrics_port")
    if port:
        server = HTTPServer(web_app(application))
        server.listen(port, application.bot_data.get("metrics_listen", "127.0.0.1"))
        application.bot_data["metrics_server"] = server
        logger.info("metrics and health on port %d: /metrics, /healthz", port)


async def close_bot(application: Application) -> None:  # type: ignore[type-arg]
    server = application.bot_data.pop("metrics_server", None)
    if server is not None:
        server.stop()
    lead = application.bot_data.pop("lead", None)
    if lead is not None:
        await lead.close()
    core = application.bot_data.pop("core", None)
    if core is not None:
        await core.close()
    logger.info("atbot stopped")


def allowed_updates() -> list[str]:
    return [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
