"""Data loads once, loudly: each file of data/ removed, emptied or broken in turn
stops atbot at start with one line naming the file and the reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.data import DataError, load_data
from tests.conftest import DATA, DATA_DIR, ROOT

PO = Path("LC_MESSAGES") / "atbot.po"


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def write(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


def append(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(path.read_text(encoding="utf-8") + text,
                                        encoding="utf-8")


def substitute(pattern: str, replacement: str) -> Callable[[Path], None]:
    """Change the first place `pattern` matches (it must match)."""
    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert changed != text, pattern
        path.write_text(changed, encoding="utf-8")
    return change


def first_row_again(path: Path) -> None:
    rows = [line for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "id\t"))]
    append(rows[0] + "\n")(path)


def drop_entry(key: str) -> Callable[[Path], None]:
    return substitute(rf'(?:#\..*\n)*msgid "{key}"\nmsgstr ".*"\n(?:".*"\n)*', "")


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    # (file, what is done to it, what the one line must say)
    ("lexicon.tsv", remove, "missing"),
    ("lexicon.tsv", write(" \n"), "empty"),
    ("lexicon.tsv", append("Bad Id\tnokind\tx\ty\t\n"), "bad id"),
    ("lexicon.tsv", substitute(r"^id\tkind", "id\tsort"), "header"),
    ("lexicon.tsv", first_row_again, "used twice"),
    ("partners.toml", remove, "missing"),
    ("partners.toml", write(""), "empty"),
    ("partners.toml", append("\n[[partner]\n"), "not valid TOML"),
    ("partners.toml", substitute(r"^id = ", 'colour = "red"\nid = '), "unknown field `colour`"),
    ("partners.toml", substitute(r"^description_en = .*$", ""), "`description_en`"),
    ("partners.toml", substitute(r'^kind = ".*"$', "kind = 3"), "Expected `str`"),
    ("help_channels.toml", remove, "missing"),
    ("help_channels.toml", substitute(r"^priority = 1$", 'priority = 1\ntopics = ["x"]'),
     "unknown field `topics`"),
    ("help_channels.toml", substitute(r'^kind = "phone"$', 'kind = "fax"'), "fax"),
    ("topics.toml", remove, "missing"),
    ("topics.toml", substitute(r"^threshold = 3$", 'threshold = "3"'), "Expected `int`"),
    ("topics.toml", substitute(r"^terms = \[[^\]]*\]", "terms = []"), "length"),
    ("distress.toml", remove, "missing"),
    ("distress.toml", substitute(r"^weight = ", "wieght = "), "unknown field `wieght`"),
    ("distress.toml", write("threshold = 3\n"), "`group`"),
    ("help_channels.toml", substitute(r'^places = \["israel"\]', 'places = ["atlantis"]'),
     "embassy_tel_aviv: places has 'atlantis'"),
    ("help_channels.toml", substitute(r'^cases = \["job_scam"\]', 'cases = ["job_scams"]'),
     "doe_1694: cases has 'job_scams'"),
    ("situations.toml", remove, "missing"),
    ("situations.toml", substitute(r'"u_nai_app"', '"u_nai"'),
     "missing: no channel or concept 'u_nai'"),
    ("situations.toml", substitute(r'^topics = \["missing_persons"\]', 'topics = []'),
     "missing: releases follow its card, but it has no topics"),
    ("situations.toml", substitute(r'^help_topics = \["help",', 'help_topics = ["helpp",'),
     "help_topics: no concept 'helpp'"),
    ("situations.toml", substitute(r"^\[\[situation\.note\]\]\nurl = ",
                                   "[[situation.note]]\nurl = 3\nx = "), "Expected `str`"),
    ("situations.toml", substitute(r'^id = "fishing"$',
                                   'id = "fishing"\nnote = [{url = "u", quote = "q"}]'),
     "fishing: has a note, but the catalogs lack situation_fishing_note"),
    ("hotline.toml", remove, "missing"),
    ("hotline.toml", append("\n[[group]\n"), "not valid TOML"),
    ("stopwords.txt", remove, "missing"),
    ("stopwords.txt", write("# only a comment\n"), "no words"),
    ("thai_terms.txt", remove, "missing"),
    ("thai_terms.txt", write("\n\n"), "empty"),
    (f"locale/th/{PO}", remove, "missing"),
    (f"locale/en/{PO}", remove, "missing"),
    (f"locale/th/{PO}", drop_entry("no_results"), "lacks no_results"),
    (f"locale/th/{PO}", substitute(r"\{total\}", "{count}"), "placeholders"),
    (f"locale/th/{PO}", append('\nmsgid "only_here"\nmsgstr "x"\n'), "the en catalog lacks"),
    (f"locale/th/{PO}", substitute(r'^msgstr "(?=ไม่พบข่าว)', 'msgstr ""\n"'), ""),
    (f"locale/th/{PO}", append('\nmsgid "empty_one"\nmsgstr ""\n'), "has no text"),
    (f"locale/en/{PO}", substitute(r'^msgid "source"', '#, fuzzy\nmsgid "source"'), "fuzzy"),
    (f"locale/th/{PO}", append("\nmsgid garbage\n"), "not a valid gettext catalog"),
    ("records", remove, "missing or empty"),
    ("records/000_342210386edddb74.txt", write("not a release\n"), "no source line"),
]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_the_project_data_loads_whole() -> None:
    assert len(DATA.lexicon.concepts) > 700
    assert len(DATA.partners) == 45
    assert DATA.help_channels[0].contact == "1300"
    assert DATA.strings.text("button_hotline", "en") == "☎ Hotline 1300"
    assert DATA.records.is_dir()


@pytest.mark.parametrize(("name", "damage", "reason"), CASES,
                         ids=[f"{n}-{r or 'ok'}" for n, _, r in CASES])
def test_each_damaged_file_is_named_with_the_reason(data_copy: Path, name: str,
                                                    damage: Callable[[Path], None],
                                                    reason: str) -> None:
    damage(data_copy / name)
    if not reason:  # a change that leaves the file valid (a msgstr split over two lines)
        load_data(data_copy)
        return
    with pytest.raises(DataError) as raised:
        load_data(data_copy)
    message = str(raised.value)
    assert "\n" not in message
    assert reason in message
    named = (data_copy / name).parent if name.startswith("records/") else data_copy / name
    assert message.startswith(f"{named}:") or message.startswith(f"{data_copy / name}:"), \
        message


@pytest.mark.parametrize("name", ["partners.toml", f"locale/en/{PO}", "records"])
def test_atbot_stops_at_start_with_exit_2_and_one_line(data_copy: Path, tmp_path: Path,
                                                       name: str) -> None:
    remove(data_copy / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ATBOT_DATA_DIR": str(data_copy)}
    for command in (["ask", "ค้ามนุษย์"], ["ingest", str(tmp_path)], ["chat"], ["stats"]):
        done = subprocess.run([sys.executable, "-m", "bot", *command, "--db",
                               str(tmp_path / "x.sqlite3")], env=env, capture_output=True,
                              text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
        assert done.returncode == 2, (command, done.stderr)
        assert done.stdout == ""
        [line] = done.stderr.strip().splitlines()
        assert line.startswith(f"atbot: {data_copy / name}") and "missing" in line
    assert not (tmp_path / "x.sqlite3").exists(), "nothing is built from broken data"
