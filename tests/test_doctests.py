"""The examples in docstrings (bot/thai.py, bot/dates.py, ...) are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["bot.thai", "bot.dates", "bot.records", "bot.render", "bot.romanize", "bot.matcher",
           "bot.message", "bot.sources", "bot.feeds", "bot.fetch", "bot.news_lead",
           "bot.summary"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
