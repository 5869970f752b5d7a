"""Text messages: in a private chat every message is a search; in groups, only
messages that mention the bot or reply to it (bot/app.py filters them)."""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.ext import ContextTypes, filters

from handlers.common import conversation, send, user_of


async def answer_private_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search for the text of a private message."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await send(message, *await conversation(context).message(message.text, user_of(update)))


async def answer_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search for a group message addressed to the bot, without the @mention."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = without_mention(message, context.bot.username)
    await send(message, *await conversation(context).message(text, user_of(update)))


def without_mention(message: Message, username: str) -> str:
    """The message's text with the bot's @mention taken out."""
    text = message.text or ""
    mention = f"@{username}".lower()
    for entity, said in sorted(message.parse_entities([MessageEntity.MENTION]).items(),
                               key=lambda item: -item[0].offset):
        if said.lower() == mention:
            text = _cut(text, entity)
    return text.strip()


def _cut(text: str, entity: MessageEntity) -> str:
    """`text` without an entity (offsets count UTF-16 code units, as Telegram's do)."""
    units = text.encode("utf-16-le")
    start, end = entity.offset * 2, (entity.offset + entity.length) * 2
    return (units[:start] + units[end:]).decode("utf-16-le")


class ReplyTo(filters.MessageFilter):
    """Messages that reply to a message of the given user (the bot itself)."""

    def __init__(self, user_id: int) -> None:
        super().__init__(name=f"ReplyTo({user_id})")
        self.user_id = user_id

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return bool(replied and replied.from_user and replied.from_user.id == self.user_id)
