"""Inline keyboard presses: page turns edit the message, other actions reply."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.common import conversation, edit, keyboard, preview, send, user_of


async def press_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Act on a button: always answer the callback so the client stops spinning."""
    query = update.callback_query
    if query is None:
        return
    answer = await conversation(context).button(query.data or "", user_of(update))
    await query.answer()
    message = query.message if isinstance(query.message, Message) else None
    if message is not None and answer.edit:
        await edit(message, answer.reply)
    elif message is not None:
        await send(message, *answer.replies)
    elif update.effective_user is not None:  # a button under an inline-mode message
        for reply in answer.replies:
            await context.bot.send_message(
                update.effective_user.id, reply.html, parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply), link_preview_options=preview(reply),
            )
