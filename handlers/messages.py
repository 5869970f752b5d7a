"""Messages: in a private chat every message is a search (its text, or the caption
of a photo, video or document); in groups, only messages that mention the bot or
reply to it (bot/app.py filters them). Other media get a short reply saying what
the bot reads.

An edited message is answered again only if the edit changes the question, by
editing the earlier reply in place. Which reply answered which message is kept
in memory (chat id, message ids and a digest of the question: no text), for
the most recent `REMEMBERED_REPLIES` messages.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from telegram import Message, MessageEntity, Update
from telegram.ext import ContextTypes, filters

from handlers.common import conversation, replace_replies, send, user_of

REMEMBERED_REPLIES = 10_000


class Answered:
    """(chat id, message id) -> (digest of its question, ids of the bot's replies)."""

    def __init__(self) -> None:
        self._replies: OrderedDict[tuple[int, int], tuple[str, list[int]]] = OrderedDict()

    def keep(self, message: Message, text: str, reply_ids: list[int]) -> None:
        # (0: a reply sent with its confirmation cut short, whose id is unknown.)
        self._replies[(message.chat.id, message.message_id)] = (
            _digest(text), [i for i in reply_ids if i])
        while len(self._replies) > REMEMBERED_REPLIES:
            self._replies.popitem(last=False)

    def earlier(self, message: Message) -> tuple[str, list[int]] | None:
        return self._replies.get((message.chat.id, message.message_id))


def _digest(text: str) -> str:
    """The question, as far as an edit can change it (spacing and case aside)."""
    return hashlib.blake2s(" ".join(text.split()).casefold().encode(),
                           digest_size=12).hexdigest()


def answered(context: ContextTypes.DEFAULT_TYPE) -> Answered:
    found = context.bot_data.get("answered")
    if not isinstance(found, Answered):
        found = context.bot_data["answered"] = Answered()
    return found


async def answer_private_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search for the text (or caption) of a private message."""
    message = update.effective_message
    text = message and (message.text or message.caption)
    if message is None or not text:
        return
    await _answer(message, text, update, context)


async def answer_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search for a group message addressed to the bot, without the @mention."""
    message = update.effective_message
    if message is None or not (message.text or message.caption):
        return
    await _answer(message, without_mention(message, context.bot.username), update, context)


async def _answer(message: Message, text: str, update: Update,
                  context: ContextTypes.DEFAULT_TYPE) -> None:
    """The help card first, if the message calls for one (before the releases under it
    are searched), then the rest of the answer."""
    talk, user = conversation(context), user_of(update)
    card = await talk.card_first(text, user)
    sent = await send(message, card, outbox=talk) if card else []
    replies = await talk.message(text, user, card_sent=card.card if card else "")
    answered(context).keep(message, text, [*sent, *await send(message, *replies, outbox=talk)])


async def answer_edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edit that changes the question: the earlier reply, edited to answer it."""
    message = update.edited_message
    if message is None or not (message.text or message.caption):
        return
    text = message.text or message.caption or ""
    if message.chat.type != "private":
        text = without_mention(message, context.bot.username)
    earlier = answered(context).earlier(message)
    if earlier is not None and earlier[0] == _digest(text):
        return  # a typo fixed in the same words, a link preview: the answer stands
    replies = await conversation(context).message(text, user_of(update))
    ids = await replace_replies(message, earlier[1] if earlier else [], replies,
                                conversation(context))
    answered(context).keep(message, text, ids)


async def answer_unreadable_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, voice message, photo without a caption...: say what the bot reads."""
    message = update.effective_message
    if message is None:
        return
    await send(message, await conversation(context).unreadable(user_of(update)))


def without_mention(message: Message, username: str) -> str:
    """The message's text (or caption) with the bot's @mention taken out."""
    text = message.text or message.caption or ""
    mention = f"@{username}".lower()
    entities = (message.parse_entities([MessageEntity.MENTION]) if message.text
                else message.parse_caption_entities([MessageEntity.MENTION]))
    for entity, said in sorted(entities.items(), key=lambda item: -item[0].offset):
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
