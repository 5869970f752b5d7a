"""What every handler shares: the conversation, the user, and sending a Reply.

Parse mode (HTML) and link previews (off) are the application's Defaults
(bot/app.py), not set per message.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import (
    Bot,
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes, ExtBot
from telegram.helpers import create_deep_linked_url

from bot.conversation import Chat, Conversation, User
from bot.limiter import ANSWER, CONTACT, HELP, SentUnconfirmed
from bot.render import Button, Reply

logger = logging.getLogger("atbot")


def conversation(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    """The Conversation opened at start-up (bot/app.py, post_init)."""
    return context.bot_data["conversation"]  # type: ignore[no-any-return]


def user_of(update: Update) -> User:
    """Who wrote (or pressed), and in which chat."""
    who, where = update.effective_user, update.effective_chat
    chat = None
    if where is not None:
        group = where.type in (ChatType.GROUP, ChatType.SUPERGROUP)

        async def is_admin() -> bool:
            """Whether the person writing administers the group (asked when needed)."""
            message = update.effective_message
            if message is not None and message.sender_chat is not None:
                return message.sender_chat.id == where.id  # the group's anonymous admin
            if who is None:
                return False
            member = await where.get_member(who.id)
            return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)

        chat = Chat(where.id, group, is_admin if group else None)
    if who is None:
        return User(chat=chat)
    return User(who.id, who.language_code, chat)


def keyboard(reply: Reply, bot_username: str) -> InlineKeyboardMarkup | None:
    rows = [[_button(b, bot_username) for b in row] for row in reply.buttons if row]
    return InlineKeyboardMarkup(rows) if rows else None


def _button(button: Button, bot_username: str) -> InlineKeyboardButton:
    if button.action is not None:
        return InlineKeyboardButton(button.label, callback_data=button.action.data)
    if button.start:
        return InlineKeyboardButton(button.label,
                                    url=create_deep_linked_url(bot_username, button.start))
    return InlineKeyboardButton(button.label, url=button.url)


def ext_bot(bot: Bot) -> ExtBot[Any]:
    """The application's bot, whose calls take `rate_limit_args` (bot/limiter.py)."""
    if not isinstance(bot, ExtBot):
        raise TypeError("the bot is not the application's ExtBot")
    return bot


async def send_to(bot: ExtBot[Any], chat_id: int, reply: Reply) -> None:
    """Send a reply to a chat unprompted (an alert, a help card resent after a restart)."""
    try:
        await bot.send_message(chat_id, reply.html, reply_markup=keyboard(reply, bot.username),
                               rate_limit_args=HELP if reply.urgent else ANSWER)
    except SentUnconfirmed:
        logger.info("a message was sent, its confirmation cut short")


async def send(message: Message, *replies: Reply, outbox: Conversation | None = None) -> list[int]:
    """Answer `message` with each reply in turn (quoting it in groups, where threads
    mix); a reply's contact follows it as a contact card, one tap from a call. A
    help card is kept in the `outbox` until Telegram has it (a restart resends it).
    The ids of the replies' messages (not the contact cards')."""
    sent: list[int] = []
    for reply in replies:
        sent.append(await _send_one(message, reply, outbox))
    return sent


async def _send_one(message: Message, reply: Reply, outbox: Conversation | None = None) -> int:
    bot = ext_bot(message.get_bot())
    quote = message.chat.type != ChatType.PRIVATE
    # A help card is written to the outbox while it is sent, not before: under a burst
    # the state store has a queue of writes, and the card must not wait for them.
    held = (asyncio.create_task(outbox.hold_card(message.chat.id, reply.card))
            if outbox is not None and reply.card else None)
    message_id = 0
    try:
        answer = await bot.send_message(
            message.chat.id, reply.html, reply_markup=keyboard(reply, bot.username),
            reply_parameters=ReplyParameters(message.message_id,
                                             allow_sending_without_reply=True) if quote else None,
            message_thread_id=message.message_thread_id if message.is_topic_message else None,
            rate_limit_args=HELP if reply.urgent else ANSWER)
        message_id = answer.message_id
    except SentUnconfirmed:
        # Telegram took it (200) but its answer was cut: sent, with no id to edit later.
        logger.info("a reply was sent, its confirmation cut short")
    except TelegramError:
        if outbox is not None and held is not None:
            await outbox.card_sent(await held)  # given up at its deadline, or refused
        raise
    # (Cancelled by a shutdown, a held card stays in the outbox: the next start sends it.)
    if outbox is not None and held is not None:
        await outbox.card_sent(await held)
    if reply.contact is not None:
        try:
            await bot.send_contact(message.chat.id, phone_number=reply.contact.phone,
                                   first_name=reply.contact.name[:64], rate_limit_args=CONTACT)
        except TelegramError as error:
            # An extra: the number is in the text above. What follows matters more.
            logger.warning("contact card not sent: %s", type(error).__name__)
    return message_id


async def replace_replies(message: Message, earlier: list[int], replies: list[Reply],
                          outbox: Conversation | None = None) -> list[int]:
    """Answer an edited message: the earlier replies' messages edited in place (those
    left over deleted), new messages for any more; the ids of the replies now."""
    bot = message.get_bot()
    ids: list[int] = []
    for number, reply in enumerate(replies):
        if number >= len(earlier):
            ids.append(await _send_one(message, reply, outbox))
            continue
        try:
            await bot.edit_message_text(reply.html, chat_id=message.chat.id,
                                        message_id=earlier[number],
                                        reply_markup=keyboard(reply, bot.username))
        except BadRequest as error:
            if "not modified" not in str(error).lower():
                raise
        ids.append(earlier[number])
    for leftover in earlier[len(replies):]:
        try:
            await bot.delete_message(message.chat.id, leftover)
        except TelegramError as error:
            logger.info("an earlier reply was not deleted: %s", error)
    return ids


async def edit(message: Message, reply: Reply) -> None:
    """Replace the text of a message the bot sent (a page turn)."""
    try:
        await message.edit_text(reply.html,
                                reply_markup=keyboard(reply, message.get_bot().username))
    except BadRequest as error:
        # A double tap asks for the page already shown: nothing to change.
        if "not modified" not in str(error).lower():
            raise
