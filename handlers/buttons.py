"""Inline keyboard presses: one CallbackQueryHandler per kind of action
(bot/actions.py), matched by its pattern, and one for data nobody knows.
Page turns edit the message; other actions reply."""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update
from telegram.constants import CallbackQueryLimit, ChatType
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot.actions import Action, ButtonAnswer
from bot.conversation import Conversation
from handlers.common import conversation, edit, send, user_of

ALERT_CHARS = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH


def button_handler(kind: type[Action]) -> CallbackQueryHandler:  # type: ignore[type-arg]
    """The handler of one kind of action: parse its data, press it, show the answer."""

    async def press_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Press the button whose data this handler's pattern matched."""
        query = update.callback_query
        if query is None or context.match is None:
            return
        if not pressed_by_its_reader(query):
            await query.answer()
            return
        action = kind.from_match(context.match)
        talk = conversation(context)
        await show(query, await action.press(talk, user_of(update)), talk)

    return CallbackQueryHandler(press_button, pattern=kind.pattern)


async def answer_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button no action pattern matched (an old or forged message): say so kindly."""
    query = update.callback_query
    if query is None:
        return
    if not pressed_by_its_reader(query):
        await query.answer()
        return
    await show(query, await conversation(context).stale_button(user_of(update)))


def pressed_by_its_reader(query: CallbackQuery) -> bool:
    """False for a press on a private chat's message by someone else than that chat's
    person (forged: another user cannot see it). In groups, anyone may press."""
    message = query.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return True
    return message.chat.id == query.from_user.id


async def show(query: CallbackQuery, answer: ButtonAnswer,
               outbox: Conversation | None = None) -> None:
    """Answer the press (always, so the client stops spinning), then show the replies."""
    message = query.message if isinstance(query.message, Message) else None
    if message is None:
        # A button under a message sent in inline mode, in a chat the bot may not be
        # in: say it in the alert Telegram shows (up to 200 characters).
        await query.answer(answer.replies[0].plain[:ALERT_CHARS], show_alert=True)
        return
    await query.answer()
    if answer.edit:
        await edit(message, answer.replies[0])
    else:
        await send(message, *answer.replies, outbox=outbox)
