"""The global error handler: log with context, tell the user something short."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import ContextTypes

from bot.metrics import ERRORS
from handlers.common import conversation, user_of
from handlers.tracing import kind_of

logger = logging.getLogger("atbot.errors")


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (no message text: it may be a victim's) and apologise."""
    ERRORS.happened()
    if not isinstance(update, Update):
        logger.error("error outside an update", exc_info=context.error)
        return
    chat = update.effective_chat
    error = context.error
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # The Bot API out of reach (the send path tried as long as the reply was worth
        # it): one line, and no apology, which could not get through either.
        logger.warning("update %s (%s, %s chat): Telegram out of reach (%s)",
                       update.update_id, kind_of(update), chat.type if chat else "no",
                       type(error).__name__)
        return
    logger.error("update %s (%s, %s chat) failed", update.update_id, kind_of(update),
                 chat.type if chat else "no", exc_info=context.error)
    message = update.effective_message
    if message is None:
        return
    try:
        reply = await conversation(context).error(user_of(update), message.text or "")
        await message.reply_text(reply.html)
    except Exception:  # the apology itself failed (network down): already logged above
        logger.warning("could not tell the user about update %s failing", update.update_id)
