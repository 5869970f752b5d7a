"""Slash commands: each asks the conversation for its reply and sends it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import conversation, send, user_of


async def run_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /start, /help, /latest, /hotline, /partners, /lang, /about and /forget."""
    message = update.effective_message
    if message is None or not message.text:
        return
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    argument = context.args[0] if context.args else ""
    await send(message, await conversation(context).command(name, user_of(update), argument))


async def reject_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say that a command is unknown and point to /help."""
    message = update.effective_message
    if message is None:
        return
    await send(message, await conversation(context).command("", user_of(update)))
