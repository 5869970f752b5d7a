"""Telegram handlers: thin functions that parse an update, ask the conversation
(bot/conversation.py) for a reply, and send it. They are registered in one
place, bot/app.py."""
