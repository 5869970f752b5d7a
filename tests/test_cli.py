"""The atbot command line, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.summary import SUMMARY_MAX
from tests.conftest import ROOT, SEED_URL, needs_sample


def atbot(*args: str, env: dict[str, str] | None = None,
          module: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot", *args]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=full_env, timeout=300,
                          check=False)


def test_ask_on_a_fresh_machine_builds_the_index_from_bundled_records(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path)}
    env_without_db = {k: v for k, v in os.environ.items() if k != "ATBOT_DB"}
    env_without_db.update(env, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "ค้ามนุษย์ เวียดนาม", "--json"],
                          capture_output=True, text=True, env=env_without_db, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["results"][0]["url"] == SEED_URL
    assert (tmp_path / "xdg" / "atbot" / "atbot.sqlite3").exists()


def test_ask_json_has_the_documented_shape(bundled_copy: Path) -> None:
    done = atbot("ask", "Thailand Vietnam trafficking meeting Dalat", "--json",
                 "--db", str(bundled_copy))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["query"] == "Thailand Vietnam trafficking meeting Dalat"
    assert answer["lang"] == "en"
    assert answer["intent"] == "search"
    first = answer["results"][0]
    assert set(first) == {"id", "url", "title", "date", "lang", "summary", "snippet", "score"}
    assert first["url"] == SEED_URL and first["date"] == "2024-09-25" and first["lang"] == "th"
    assert 0 < len(first["summary"]) <= SUMMARY_MAX
    assert "เวียดนาม" in first["snippet"]  # the English question, found in Thai


@pytest.mark.parametrize(
    ("query", "lang", "intent"),
    [("救命 我被困在妙瓦底", "zh", "distress"), ("cuu toi voi", "vi", "distress"),
     ("ကူညီပါ။ အလုပ္ရွင္က ကြၽန္ေတာ့္ ပတ္စပို႔ကို သိမ္းထားတယ္", "my", "distress"),
     ("perdagangan orang Vietnam", "id", "search"), ("ค้ามนุษย์", "th", "search")],
)
def test_ask_json_gives_the_language_and_the_reply_people_see(bundled_copy: Path, query: str,
                                                              lang: str, intent: str) -> None:
    done = atbot("ask", query, "--json", "--db", str(bundled_copy))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert (answer["lang"], answer["intent"]) == (lang, intent)
    assert ("1300" in answer["reply"]) == (lang != "th")  # a card, or the last line
    plain = atbot("ask", query, "--db", str(bundled_copy))
    assert plain.stdout.strip() == answer["reply"].strip()
    assert answer.get("zawgyi", False) == (lang == "my")


@pytest.mark.parametrize("query", ["", "   ", "🙂🙂🙂", "!!!???", "\x01\x02"])
def test_meaningless_queries_give_no_results_and_a_message(bundled_copy: Path,
                                                          query: str) -> None:
    done = atbot("ask", query, "--json", "--db", str(bundled_copy))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["results"] == []
    assert answer["message"]


def test_env_database_and_plain_output(bundled_copy: Path) -> None:
    done = atbot("ask", "ค้ามนุษย์", env={"ATBOT_DB": str(bundled_copy)})
    assert done.returncode == 0, done.stderr
    assert "1. ปลัด พม. พร้อมคณะ" in done.stdout
    assert "25 ก.ย. 2567" in done.stdout
    assert SEED_URL in done.stdout


@needs_sample
def test_stats_reports_the_index(sample_db: Path) -> None:
    done = atbot("stats", "--json", "--db", str(sample_db))
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["releases"] >= 151
    assert stats["languages"]["en"] >= 20
    assert stats["first_date"] < stats["last_date"]
    assert stats["size_bytes"] > 0


def test_atbot_script_and_python_m_bot_are_the_same_program() -> None:
    script = Path(sys.executable).with_name("atbot")
    if not script.exists():
        pytest.skip("atbot is not installed in this environment")
    by_script = subprocess.run([str(script), "--help"], capture_output=True, text=True,
                               check=False)
    by_module = atbot("--help")
    assert by_script.returncode == by_module.returncode == 0
    assert by_script.stdout == by_module.stdout


@pytest.mark.parametrize("command", [["ask", "IOM"], ["chat"], ["stats"], ["run"],
                                     ["feeds", "list"], ["update"]])
def test_a_chosen_index_that_is_missing_is_named_and_nothing_is_created(
        tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "deleted" / "atbot.sqlite3"
    started = time.monotonic()
    # A token of the right shape, and a Bot API nobody answers: the index is checked first.
    done = atbot(*command, "--db", str(missing),
                 env={"TELEGRAM_BOT_TOKEN": "7000000001:AAHk3dQf_testtoken-NotReal-0123456789ab",
                      "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"})
    assert time.monotonic() - started < 30
    assert done.returncode == 2, done.stdout + done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"atbot: no index at {missing}") and done.stdout == ""
    assert list(tmp_path.iterdir()) == []  # no folder, no index, no state file


def test_usage_errors_are_one_line_with_exit_2(tmp_path: Path) -> None:
    assert atbot().returncode == 2
    done = atbot("ingest", str(tmp_path), "--batch-size", "0", "--db", str(tmp_path / "x.db"))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    not_a_db = tmp_path / "junk.sqlite3"
    not_a_db.write_text("this is not a database")
    done = atbot("stats", "--db", str(not_a_db))
    assert done.returncode == 2
    assert "not a usable atbot database" in done.stderr
    assert "Traceback" not in done.stderr
