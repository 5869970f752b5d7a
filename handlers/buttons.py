"""Inline keyboard presses: page turns edit the message, other actions reply."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import CallbackQueryLimit
from telegram.ext import ContextTypes

from handlers.common import conversation, edit, send, user_of

ALERT_CHARS = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH


async def press_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Act on a button: always answer the callback so the client stops spinning."""
    query = update.callback_query
    if query is None:
        return
    answer = await conversation(context).button(query.data or "", user_of(update))
    message = query.message if isinstance(query.message, Message) else None
    if message is None:
        # A button under a message sent in inline mode, in a chat the bot may not be
        # in: say it in the alert Telegram shows (up to 200 characters).
        await query.answer(answer.reply.plain[:ALERT_CHARS], show_alert=True)
        return
    await query.answer()
    if answer.edit:
        await edit(message, answer.reply)
    else:
        await send(message, *answer.replies)
