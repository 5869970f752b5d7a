"""Text messages: in a private chat every message is a search; in groups, only
messages that mention the bot or reply to it."""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.ext import ContextTypes

from handlers.common import conversation, send, user_of


async def search_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search for the text of a private message."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await send(message, *await conversation(context).message(message.text, user_of(update)))


async def search_group_mention(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search for a group message addressed to the bot; ignore other chatter."""
    message = update.effective_message
    if message is None or not message.text:
        return
    query = addressed_text(message, context.bot.username, context.bot.id)
    if query is None:
        return
    await send(message, *await conversation(context).message(query, user_of(update)))


def addressed_text(message: Message, username: str, bot_id: int) -> str | None:
    """The message without the bot's @mention, if it is for the bot; else None."""
    text = message.text or ""
    mention = f"@{username}".lower()
    mentioned = any(
        message.parse_entity(e).lower() == mention
        for e in message.entities if e.type == MessageEntity.MENTION
    )
    replied = bool(message.reply_to_message and message.reply_to_message.from_user
                   and message.reply_to_message.from_user.id == bot_id)
    if not (mentioned or replied):
        return None
    if mentioned:
        start = text.lower().find(mention)
        text = text[:start] + text[start + len(mention):]
    return text.strip()
