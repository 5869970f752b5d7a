"""`atbot chat`: the Telegram conversation in a terminal, no token needed.

The same Conversation and texts as in Telegram, rendered as plain text;
buttons become numbered choices: type the number to press one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.conversation import COMMANDS, Conversation, User
from bot.core import Core
from bot.i18n import DEFAULT_LANG
from bot.render import Button, Reply

QUIT = {"/quit", "/exit", "quit", "exit", "q"}
PROMPT = "> "


def render_buttons(buttons: list[list[Button]]) -> tuple[str, list[Button]]:
    """Buttons as "[1] label  [2] label" lines, and the buttons in that order."""
    flat: list[Button] = []
    lines: list[str] = []
    for row in buttons:
        parts = []
        for button in row:
            flat.append(button)
            target = f" ({button.url})" if button.url else ""
            parts.append(f"[{len(flat)}] {button.label}{target}")
        lines.append("  ".join(parts))
    return "\n".join(lines), flat


async def run_chat(core: Core, *, read: Callable[[str], str] = input,
                   write: Callable[[str], None] = print, lang: str | None = None) -> None:
    """Read lines until /quit or end of input; answer each like the bot would."""
    conversation = Conversation(core, bot_username="atbot")
    user = User(id=None, language_code=lang)
    write(core.strings.text("chat_intro", lang or DEFAULT_LANG))
    buttons: list[Button] = []
    while True:
        try:
            line = (await asyncio.to_thread(read, PROMPT)).strip()
        except (EOFError, KeyboardInterrupt):
            write("")
            return
        if line.lower() in QUIT:
            return
        if not line:
            continue
        pressed = buttons[int(line) - 1] if line.isdigit() and 1 <= int(line) <= len(buttons) \
            else None
        if pressed is not None and pressed.url:
            write(pressed.url)  # a link: the buttons shown stay as they are
            continue
        if pressed is not None:
            replies = await _press(conversation, pressed, user)
        elif line.startswith("/"):
            replies = await _command(conversation, line, user)
        else:
            replies = await conversation.message(line, user)
        for reply in replies:
            text, buttons = render_buttons(reply.buttons)
            write(reply.plain + ("\n\n" + text if text else ""))


async def _press(conversation: Conversation, button: Button, user: User) -> list[Reply]:
    """What a numbered button does: its action, or the bot opened by its deep link."""
    if button.action is not None:
        return (await button.action.press(conversation, user)).replies
    return await conversation.start(user, button.start)


async def _command(conversation: Conversation, line: str, user: User) -> list[Reply]:
    """A "/name argument" line, answered as Telegram would."""
    name, _, argument = line[1:].partition(" ")
    command = next((c for c in COMMANDS if c.name == name.lower()), None)
    if command is None:
        return await conversation.unknown_command(user)
    return await command.reply(conversation, user, argument.strip())
