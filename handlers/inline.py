"""Inline mode: "@bot query" in any chat offers matching releases to share."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.ext import ContextTypes

from handlers.common import conversation, keyboard, user_of

CACHE_SECONDS = 60


async def answer_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer releases as articles, ten at a time, paged with next_offset."""
    inline_query = update.inline_query
    if inline_query is None:
        return
    items, next_offset = await conversation(context).inline(
        inline_query.query, inline_query.offset, user_of(update)
    )
    results = [
        InlineQueryResultArticle(
            id=item.id, title=item.title, description=item.description, url=item.url,
            reply_markup=keyboard(item.reply, context.bot.username),
            input_message_content=InputTextMessageContent(item.reply.html),
        )
        for item in items
    ]
    await inline_query.answer(results, next_offset=next_offset, cache_time=CACHE_SECONDS)
