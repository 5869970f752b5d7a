"""Slash commands: one CommandHandler per command of bot/conversation.py's
COMMANDS, and a reply for commands nobody knows."""

from __future__ import annotations

import time
from collections.abc import Iterable

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.conversation import Command, RunningFacts
from bot.limiter import ResilientRateLimiter
from bot.metrics import ERRORS, STARTED
from handlers.common import conversation, send, user_of

# "errors in the last hour"
_HOUR = 3600.0


def command_handler(command: Command) -> CommandHandler:  # type: ignore[type-arg]
    """The handler of one command: the conversation's reply, sent."""

    async def answer_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer the command this handler was made for."""
        message = update.effective_message
        if message is None:
            return
        argument = " ".join(context.args or ())
        replies = await command.reply(conversation(context), user_of(update), argument)
        await send(message, *replies, outbox=conversation(context))

    # A command edited later is not run again.
    return CommandHandler(command.name, answer_command, filters=filters.UpdateType.MESSAGE)


async def answer_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say that a command is unknown and point to /help."""
    message = update.effective_message
    if message is None:
        return
    await send(message, *await conversation(context).unknown_command(user_of(update)))


def status_handler(admins: Iterable[int]) -> CommandHandler:  # type: ignore[type-arg]
    """/status for the bot's admins (ATBOT_ADMINS), in a private chat; for anyone else
    the command is unknown (answer_unknown_command)."""

    async def answer_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        running = RunningFacts(
            uptime_seconds=time.monotonic() - STARTED,
            queued=_queued(context),
            errors_last_hour=ERRORS.within(_HOUR),
            last_feed_update=context.bot_data.get("last_feed_update"),
        )
        await send(message, await conversation(context).status(running))

    only = filters.User(user_id=list(admins)) & filters.ChatType.PRIVATE
    return CommandHandler("status", answer_status, filters=filters.UpdateType.MESSAGE & only)


def _queued(context: ContextTypes.DEFAULT_TYPE) -> int:
    """Bot API calls waiting for their turn."""
    limiter = context.bot.rate_limiter
    return limiter.queued() if isinstance(limiter, ResilientRateLimiter) else 0
