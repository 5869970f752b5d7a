"""What every handler shares: the conversation, the user, and sending a Reply."""

from __future__ import annotations

import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.conversation import Conversation, User
from bot.render import Reply

logger = logging.getLogger("atbot")


def conversation(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    """The Conversation opened at start-up (bot/app.py, post_init)."""
    return context.bot_data["conversation"]  # type: ignore[no-any-return]


def user_of(update: Update) -> User:
    who = update.effective_user
    return User(who.id, who.language_code) if who else User()


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(b.label, url=b.url) if b.url
         else InlineKeyboardButton(b.label, callback_data=b.action) for b in row]
        for row in reply.buttons if row
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def preview(reply: Reply) -> LinkPreviewOptions:
    return LinkPreviewOptions(is_disabled=not reply.link_preview)


async def send(message: Message, *replies: Reply) -> None:
    """Answer `message` with each reply in turn (quoting it in groups, where threads
    mix); a reply's contact follows it as a contact card, one tap from a call."""
    quote = message.chat.type != ChatType.PRIVATE
    for reply in replies:
        await message.reply_text(
            reply.html, parse_mode=ParseMode.HTML, reply_markup=keyboard(reply),
            link_preview_options=preview(reply), do_quote=quote,
        )
        if reply.contact is not None:
            try:
                await message.reply_contact(phone_number=reply.contact.phone,
                                            first_name=reply.contact.name[:64], do_quote=False)
            except TelegramError as error:
                # An extra: the number is in the text above. What follows matters more.
                logger.warning("contact card not sent: %s", error)


async def edit(message: Message, reply: Reply) -> None:
    """Replace the text of a message the bot sent (a page turn)."""
    try:
        await message.edit_text(reply.html, parse_mode=ParseMode.HTML,
                                reply_markup=keyboard(reply), link_preview_options=preview(reply))
    except BadRequest as error:
        # A double tap asks for the page already shown: nothing to change.
        if "not modified" not in str(error).lower():
            raise
