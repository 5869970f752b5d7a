"""Faults and odd inputs, end to end (issue 13): a Bot API that refuses the token,
answers slowly or cuts its answers; captions, media and edits; forged presses; and
logs at DEBUG that hold nothing people wrote."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.e2e.conftest import TOKEN, BotProcess, start_bot
from tests.e2e.fake_bot_api import FakeBotAPI, button_press, text_message

EXIT_TOKEN_REFUSED = 3


def run_bot_until_exit(api: FakeBotAPI, db: Path, log: Path, timeout: float = 30) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN,
           "TELEGRAM_API_BASE_URL": api.base_url, "ATBOT_DB": str(db),
           "ATBOT_LOG_LEVEL": "DEBUG"}
    with log.open("w") as handle:
        done = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, stdout=handle,
                              stderr=subprocess.STDOUT, timeout=timeout, check=False)
    return done.returncode


def test_a_refused_token_at_start_is_one_line_exit_3_and_never_printed(
        api: FakeBotAPI, bot_db: Path, tmp_path: Path) -> None:
    api.fail_next("getMe", 401)
    log = tmp_path / "refused.log"
    assert run_bot_until_exit(api, bot_db, log) == EXIT_TOKEN_REFUSED
    text = log.read_text()
    assert TOKEN not in text and TOKEN.split(":")[1] not in text
    assert text.strip().splitlines()[-1].startswith("atbot: Telegram refused the bot token")
    assert "Traceback" not in text


def test_a_token_revoked_while_polling_stops_the_bot_with_exit_3(bot: BotProcess) -> None:
    bot.api.fail_next("getUpdates", 401, count=1000)
    started = time.monotonic()
    code = bot.process.wait(timeout=30)
    assert code == EXIT_TOKEN_REFUSED, bot.log()
    assert time.monotonic() - started < 30
    assert TOKEN.split(":")[1] not in bot.log()


def photo_message(chat_id: int, caption: str | None) -> dict[str, Any]:
    update = text_message(chat_id, "x")
    message = update["message"]
    del message["text"]
    message["photo"] = [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]
    if caption is not None:
        message["caption"] = caption
    return update


def test_a_photo_caption_is_read_like_text_and_a_sticker_gets_what_the_bot_reads(
        bot: BotProcess) -> None:
    api = bot.api
    api.push(photo_message(131, "ช่วยด้วย ถูกขังอยู่"))
    card = api.wait_message(131)
    assert "1300" in card.params["text"]
    sticker = text_message(132, "x")
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "s", "file_unique_id": "s", "type": "regular",
                                     "width": 1, "height": 1, "is_animated": False,
                                     "is_video": False}
    api.push(sticker)
    assert "อ่านได้เฉพาะข้อความ" in api.wait_message(132).params["text"]
    api.push(photo_message(133, None))
    assert "อ่านได้เฉพาะข้อความ" in api.wait_message(133).params["text"]


def test_an_edit_that_changes_the_question_edits_the_earlier_reply(bot: BotProcess) -> None:
    api = bot.api
    update = text_message(134, "ค้ามนุษย์")
    api.push(update)
    first = api.wait_message(134)
    reply_id = max(m for (chat, m) in api.sent if chat == 134)
    edited = {**update["message"], "text": "IOM", "edit_date": int(time.time())}
    api.push({"edited_message": edited})
    change = api.wait_for(lambda: [c for c in api.calls_to("editMessageText")
                                   if int(c.params["chat_id"]) == 134])
    assert int(change[0].params["message_id"]) == reply_id
    assert change[0].params["text"] != first.params["text"]
    # The same words again (a typo fixed elsewhere): no new answer.
    api.push({"edited_message": {**edited, "text": "IOM ", "edit_date": int(time.time())}})
    time.sleep(2)
    assert len(api.messages_to(134)) == 1
    assert len([c for c in api.calls_to("editMessageText")
                if int(c.params["chat_id"]) == 134]) == 1


def test_a_button_pressed_by_someone_else_in_a_private_chat_does_nothing(
        bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(135, "ค้ามนุษย์"))
    api.wait_message(135)
    message = next(m for (chat, _), m in api.sent.items() if chat == 135)
    forged = button_press(136, message, "hotline")  # user 136 presses chat 135's button
    api.push(forged)
    api.wait_for(lambda: api.calls_to("answerCallbackQuery"))
    time.sleep(1)
    assert len(api.messages_to(135)) == 1 and api.messages_to(136) == []


def test_a_slow_send_is_not_sent_twice(bot: BotProcess) -> None:
    api = bot.api
    api.hold_next("sendMessage", 10)
    api.push(text_message(137, "IOM"))
    api.wait_message(137, timeout=40)
    time.sleep(3)
    assert len(api.calls_to("sendMessage", ok_only=False)) == 1 + len(
        [c for c in api.calls_to("sendMessage") if int(c.params["chat_id"]) != 137])


def test_a_cut_answer_counts_as_sent_and_the_contact_card_follows(bot: BotProcess) -> None:
    api = bot.api
    api.cut_next("sendMessage")
    api.push(text_message(138, "ช่วยด้วย ถูกขังอยู่"))
    contact = api.wait_for(lambda: [c for c in api.calls_to("sendContact")
                                    if int(c.params["chat_id"]) == 138])
    assert contact[0].params["phone_number"]
    time.sleep(1)
    texts = [m.params["text"] for m in api.messages_to(138)]
    assert texts and not any("ขออภัย" in t or "Sorry" in t for t in texts)


def test_debug_logs_hold_structure_not_what_people_wrote(bot: BotProcess) -> None:
    api = bot.api
    secret_user, secret_words = 987654321, "ห้องหมายเลข4417"
    api.push(text_message(secret_user, f"ช่วยด้วย ถูกขังอยู่ {secret_words}"))
    api.wait_message(secret_user)
    message = next(m for (chat, _), m in api.sent.items() if chat == secret_user)
    api.push(button_press(secret_user, message, "hotline"))
    api.wait_message(secret_user, 2)
    api.cut_next("sendMessage")
    api.push(text_message(secret_user, "IOM Kanchanaburi zxqv"))
    api.wait_for(lambda: len(api.calls_to("sendMessage")) >= 3)
    time.sleep(1)
    assert bot.stop() == 0
    log = bot.log()
    assert "DEBUG atbot.updates: update" in log and "handled in" in log
    for personal in (str(secret_user), secret_words, "ถูกขัง", f"User{secret_user}",
                     "Kanchanaburi", "zxqv"):
        assert personal not in log, personal


def test_replies_outlast_20_s_of_429_and_12_s_of_5xx(bot: BotProcess) -> None:
    api = bot.api
    api.fail_next("sendMessage", 429, retry_after=5, count=4)  # Telegram says: 20 s
    api.push(text_message(141, "ช่วยด้วย ถูกขังอยู่"))
    api.push(text_message(142, "IOM"))
    assert "1300" in api.wait_message(141, timeout=60).params["text"]
    api.wait_message(142, timeout=60)
    time.sleep(3)  # the releases under 141's card go out too
    api.fail_next("sendMessage", 502, count=5)  # 0.5 + 1 + 2 + 4 + 8 s of pauses
    started = time.monotonic()
    api.push(text_message(143, "ค้ามนุษย์"))
    api.wait_message(143, timeout=60)
    assert time.monotonic() - started >= 12
    for chat in (141, 142, 143):  # none lost, none twice
        texts = [m.params["text"] for m in api.messages_to(chat)]
        assert texts and len(texts) == len(set(texts))
    assert len(api.messages_to(142)) == len(api.messages_to(143)) == 1


def test_a_help_card_held_when_the_bot_died_is_sent_after_the_restart(
        api: FakeBotAPI, bot_db: Path, tmp_path: Path) -> None:
    running = start_bot(api, bot_db, tmp_path / "first.log")
    api.fail_next("sendMessage", 502, count=1000)  # Telegram down...
    api.push(text_message(144, "ช่วยด้วย ถูกขังอยู่"))
    api.wait_for(lambda: len(api.calls_to("sendMessage", ok_only=False)) >= 2)
    running.process.kill()  # ...and the bot dies while trying
    running.process.wait(timeout=10)
    api.fail_next("sendMessage", 502, count=0)
    again = start_bot(api, bot_db, tmp_path / "second.log")
    try:
        card = api.wait_message(144, timeout=30)
        assert "1300" in card.params["text"]
        time.sleep(2)
        assert len(api.messages_to(144)) == 1
    finally:
        again.stop()


def test_in_a_burst_of_searches_a_plea_is_answered_first(bot: BotProcess) -> None:
    api = bot.api
    for number in range(300):
        api.push(text_message(10_000 + number, "ค้ามนุษย์ เวียดนาม กัมพูชา แรงงาน"))
    arrived = time.monotonic()
    api.push(text_message(145, "ช่วยด้วย ถูกขังอยู่"))
    card = api.wait_message(145, timeout=60)
    took = time.monotonic() - arrived
    assert "1300" in card.params["text"]
    assert took < 5, f"the help card took {took:.1f} s"
    api.wait_for(lambda: len(api.calls_to("sendMessage")) >= 301, timeout=120)


def test_a_reset_connection_is_tried_again_and_each_reply_arrives_once(bot: BotProcess) -> None:
    api = bot.api
    api.reset_next("sendMessage", count=2)
    api.push(text_message(146, "ช่วยด้วย ถูกขังอยู่"))
    assert "1300" in api.wait_message(146, timeout=30).params["text"]
    api.push(text_message(147, "IOM"))
    api.wait_message(147, timeout=30)
    time.sleep(3)
    assert len([c for c in api.calls if c.status == 0]) == 2
    for chat in (146, 147):
        texts = [m.params["text"] for m in api.messages_to(chat)]
        assert len(texts) == len(set(texts)), texts
    assert len(api.messages_to(147)) == 1


def test_a_contact_card_refused_twice_is_dropped_and_the_help_text_stands(
        bot: BotProcess) -> None:
    api = bot.api
    api.fail_next("sendContact", 502, count=10)
    api.push(text_message(148, "ช่วยด้วย ถูกขังอยู่"))
    assert "1300" in api.wait_message(148).params["text"]
    api.wait_for(lambda: len(api.calls_to("sendContact", ok_only=False)) >= 2)
    time.sleep(5)  # long past the pause before a third try
    assert len(api.calls_to("sendContact", ok_only=False)) == 2
    assert api.calls_to("sendContact") == []
    api.fail_next("sendContact", 502, count=0)
    api.push(text_message(149, "IOM"))  # and the bot goes on
    api.wait_message(149)


def test_the_bot_polls_soon_after_start_and_sigterm_ends_it_with_telegram_unreachable(
        bot_db: Path, tmp_path: Path) -> None:
    with FakeBotAPI(TOKEN) as api:
        started = time.monotonic()
        running = start_bot(api, bot_db, tmp_path / "bot.log", wait_for_commands=False)
        polling_after = time.monotonic() - started
        api.wait_for(lambda: len(api.calls_to("setMyCommands")) >= 9)
        api.hold_next("sendMessage", 60)  # a send stuck on the way...
        api.push(text_message(150, "ช่วยด้วย ถูกขังอยู่"))
        api.wait_for(lambda: any("sendMessage" in p for p in api.requested_paths))
    # ...and the server gone: every new connection is refused.
    stopping = time.monotonic()
    code = running.stop(timeout=30)
    took = time.monotonic() - stopping
    assert polling_after < 10, f"polling only {polling_after:.1f} s after start"
    assert code == 0 and took < 10, (code, took, running.log()[-2000:])
    assert "Traceback" not in running.log()
