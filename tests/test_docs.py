"""The documentation tells the truth: commands, CLI and CI agree with the README."""

from __future__ import annotations

import re

from bot import i18n
from bot.__main__ import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_bot_command_is_documented_in_both_languages() -> None:
    for command in i18n.COMMANDS:
        assert f"`/{command}`" in README, f"/{command} missing from the README"
        for lang in i18n.LANGS:
            assert i18n.command_description(command, lang), (command, lang)
    assert set(i18n.COMMANDS["start"]) == set(i18n.LANGS)


def test_every_cli_command_is_in_the_readme() -> None:
    parser = build_parser()
    subcommands = next(a for a in parser._actions if a.dest == "command").choices
    assert subcommands
    for name in subcommands:
        assert f"`atbot {name}" in README, f"atbot {name} missing from the README"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.DOTALL)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.DOTALL)
    assert blocks[0].endswith("pip install . && atbot run")
    assert blocks[1].endswith('pip install -e ".[test]" && python -m pytest')


def test_message_limit_matches_telegram() -> None:
    from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

    from bot.render import MAX_ACTION_BYTES, MAX_MESSAGE_CHARS

    assert MessageLimit.MAX_TEXT_LENGTH == MAX_MESSAGE_CHARS
    assert InlineKeyboardButtonLimit.MAX_CALLBACK_DATA == MAX_ACTION_BYTES
