"""Telegram handlers: thin functions that parse an update, ask the core, reply."""
