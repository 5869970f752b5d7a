"""The documentation tells the truth: commands, CLI and CI agree with the README."""

from __future__ import annotations

import re

from bot.__main__ import build_parser
from bot.conversation import COMMANDS
from bot.i18n import LANGS
from tests.conftest import DATA, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_bot_command_is_documented_and_described_in_every_language() -> None:
    assert COMMANDS
    for command in COMMANDS:
        assert f"`/{command.name}`" in README, f"/{command.name} missing from the README"
        for lang in LANGS:
            assert DATA.strings.catalogs[lang][f"command_{command.name}"], (command, lang)


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
