"""Slash commands: one CommandHandler per command of bot/conversation.py's
COMMANDS, and a reply for commands nobody knows."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.conversation import Command
from handlers.common import conversation, send, user_of


def command_handler(command: Command) -> CommandHandler:  # type: ignore[type-arg]
    """The handler of one command: the conversation's reply, sent."""

    async def answer_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer the command this handler was made for."""
        message = update.effective_message
        if message is None:
            return
        argument = " ".join(context.args or ())
        replies = await command.reply(conversation(context), user_of(update), argument)
        await send(message, *replies, outbox=conversation(context))

    # A command edited later is not run again.
    return CommandHandler(command.name, answer_command, filters=filters.UpdateType.MESSAGE)


async def answer_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say that a command is unknown and point to /help."""
    message = update.effective_message
    if message is None:
        return
    await send(message, *await conversation(context).unknown_command(user_of(update)))
