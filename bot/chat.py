"""`atbot chat`: the Telegram conversation in a terminal, no token needed.

The same Conversation and texts as in Telegram, rendered as plain text;
buttons become numbered choices: type the number to press one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot import i18n
from bot.conversation import Conversation, User
from bot.core import Core
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
    write(i18n.text("chat_intro", lang or i18n.DEFAULT_LANG))
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
        replies: list[Reply]
        if line.isdigit() and 1 <= int(line) <= len(buttons):
            button = buttons[int(line) - 1]
            if button.url:
                write(button.url)
                continue
            replies = (await conversation.button(button.action, user)).replies
        elif line.startswith("/"):
            replies = [await conversation.command(line[1:].split()[0].lower(), user)]
        else:
            replies = await conversation.message(line, user)
        for reply in replies:
            text, buttons = render_buttons(reply.buttons)
            write(reply.plain + ("\n\n" + text if text else ""))
