"""What the bot logs about each update at DEBUG: its kind, the chat's kind, how
long handling took. Never what it says, who sent it or their ids: people who
write may be victims (bot/logs.py keeps python-telegram-bot's own update logs
out)."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.ext import ContextTypes

from bot.metrics import HANDLED, UPDATES

logger = logging.getLogger("atbot.updates")

_KINDS = ("message", "edited_message", "callback_query", "inline_query")


def kind_of(update: Update) -> str:
    """The update's kind ("message", "callback_query"...), and the media a message holds."""
    kind = next((name for name in _KINDS if getattr(update, name, None)), "other")
    message = update.effective_message
    if kind in ("message", "edited_message") and message is not None:
        media = ("text" if message.text else "caption" if message.caption
                 else message.effective_attachment.__class__.__name__.lower()
                 if message.effective_attachment else "other")
        kind = f"{kind} ({media})"
    return kind


async def log_update_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Note the update's arrival (runs before every handler)."""
    context.bot_data.setdefault("update_started", {})[update.update_id] = time.monotonic()
    UPDATES.labels(kind_of(update)).inc()
    if logger.isEnabledFor(logging.DEBUG):
        chat = update.effective_chat
        logger.debug("update %d: %s in a %s chat", update.update_id, kind_of(update),
                     chat.type if chat else "no")


async def log_update_end(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How long the update took (runs after every handler)."""
    started = context.bot_data.get("update_started", {}).pop(update.update_id, None)
    if started is not None:
        took = time.monotonic() - started
        HANDLED.observe(took)
        logger.debug("update %d handled in %.0f ms", update.update_id, took * 1000)
