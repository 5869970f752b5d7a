"""End to end: the real bot process, its real network stack, a local Bot API server."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_URL
from tests.e2e.conftest import TOKEN, BotProcess, start_bot
from tests.e2e.fake_bot_api import (
    FakeBotAPI,
    button_press,
    buttons_of,
    inline_query,
    text_message,
)


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace(
        "&amp;", "&")


def test_start_registers_commands_in_both_languages(bot: BotProcess) -> None:
    api = bot.api
    assert api.calls_to("getMe")
    languages = {c.params.get("language_code") for c in api.calls_to("setMyCommands")}
    assert languages == {None, "th", "en", "my", "km", "lo", "vi", "zh", "id"}
    thai = next(c for c in api.calls_to("setMyCommands") if c.params.get("language_code") == "th")
    names = [command["command"] for command in thai.params["commands"]]
    assert names == ["start", "help", "latest", "hotline", "partners", "lang", "subscribe",
                     "subscriptions", "unsubscribe", "about", "forget"]

    api.push(text_message(101, "/start"))
    reply = api.wait_message(101)
    assert reply.params["parse_mode"] == "HTML"
    actions = [b.get("callback_data") for b in buttons_of(reply)]
    assert sum(1 for a in actions if a and a.startswith("ex:")) == 3
    assert "hotline" in actions
    assert "1300" in visible(reply.params["text"])


def test_thai_query_lists_three_releases_with_dates_and_links(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(102, "ประชุมค้ามนุษย์ ไทย เวียดนาม"))
    reply = api.wait_message(102)
    text = reply.params["text"]
    assert text.count("<b>") == 4  # the header and three titles
    assert "<b>1. ปลัด พม. พร้อมคณะ" in text
    assert "25 ก.ย. 2567" in text
    assert f'href="{SEED_URL}"' in text
    assert reply.params["link_preview_options"] == {"is_disabled": True}
    actions = [b.get("callback_data") for b in buttons_of(reply)]
    assert any(a.startswith("more:") for a in actions if a)
    assert "hotline" in actions


def test_english_query_answers_in_english(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(103, "Tier 2 TIP report 2022", language_code="en"))
    reply = api.wait_message(103)
    text = visible(reply.params["text"])
    assert text.startswith("Releases for “Tier 2 TIP report 2022”")
    assert re.search(r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d", text)
    assert "Read the release" in text


def test_a_greeting_gets_the_welcome_and_thanks_a_short_reply(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(104, "Hello!", language_code="en"))
    welcome = api.wait_message(104)
    assert visible(welcome.params["text"]).startswith("Hello. This bot searches")
    actions = [b.get("callback_data") for b in buttons_of(welcome)]
    assert "hotline" in actions and not any(a.startswith("more:") for a in actions if a)
    api.push(text_message(104, "ขอบคุณครับ", language_code="en"))
    thanks = api.wait_message(104, count=2)
    assert visible(thanks.params["text"]) == "ยินดีครับ พิมพ์คำค้นใหม่ได้ทุกเมื่อ"


def test_more_results_pages_through_by_editing_the_message(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(104, "ค้ามนุษย์"))
    first = api.wait_message(104)
    more = next(b["callback_data"] for b in buttons_of(first)
                if b.get("callback_data", "").startswith("more:"))
    assert len(more.encode()) <= 64
    sent = api.sent[(104, _message_id(api, first))]
    api.push(button_press(104, sent, more))
    edited = api.wait_for(lambda: api.calls_to("editMessageText"))[0]
    assert "(4–6 จาก" in visible(edited.params["text"])
    assert api.calls_to("answerCallbackQuery")
    back = [b["callback_data"] for b in buttons_of(edited) if "◀" in b["text"]]
    assert back and back[0].endswith(":0")


def test_the_timeline_button_lists_the_search_by_month_in_a_new_message(
        bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(110, "ค้ามนุษย์"))
    first = api.wait_message(110)
    timeline = [b for b in buttons_of(first) if b.get("callback_data", "").startswith("timeline:")]
    assert [b["text"] for b in timeline] == ["🗓 ลำดับเหตุการณ์"]
    sent = api.sent[(110, _message_id(api, first))]
    api.push(button_press(110, sent, timeline[0]["callback_data"]))
    shown = visible(api.wait_message(110, count=2).params["text"])
    assert shown.startswith("ลำดับเหตุการณ์: “ค้ามนุษย์”")
    lines = [line for line in shown.split("\n") if " · " in line]
    years = [int(line.split(" · ")[0].split()[-1]) for line in lines]
    assert len(lines) >= 3 and years == sorted(years)
    assert not api.calls_to("editMessageText")  # the results stay as they were


def _message_id(api: FakeBotAPI, call: object) -> int:
    chat_messages = [key for key in api.sent if key[0] == int(call.params["chat_id"])]  # type: ignore[attr-defined]
    return max(message_id for _, message_id in chat_messages)


def test_inline_query_returns_articles_with_next_offset(bot: BotProcess) -> None:
    api = bot.api
    api.push(inline_query(105, "ค้ามนุษย์"))
    call = api.wait_for(lambda: api.calls_to("answerInlineQuery"))[0]
    results = call.params["results"]
    assert 1 <= len(results) <= 10
    first = results[0]
    assert first["type"] == "article" and first["title"]
    assert first["input_message_content"]["parse_mode"] == "HTML"
    assert "thaigov.go.th" in first["input_message_content"]["message_text"]
    assert str(call.params["next_offset"]) == "10"
    api.push(inline_query(105, "ค้ามนุษย์", offset="10"))
    second = api.wait_for(lambda: len(api.calls_to("answerInlineQuery")) >= 2
                          and api.calls_to("answerInlineQuery"))[1]
    assert {r["id"] for r in second.params["results"]}.isdisjoint({r["id"] for r in results})


def test_group_chatter_is_ignored_and_mentions_are_answered(bot: BotProcess) -> None:
    api = bot.api
    group = -100123
    api.push(text_message(group, "ค้ามนุษย์ ข่าวล่าสุด", from_id=106, chat_type="supergroup"))
    api.push(text_message(group, "@atbot_test_bot ค้ามนุษย์ เวียดนาม", from_id=106,
                          chat_type="supergroup"))
    reply = api.wait_message(group)
    assert "ค้ามนุษย์ เวียดนาม" in visible(reply.params["text"])
    time.sleep(1.0)
    assert len(api.messages_to(group)) == 1, "only the mention is answered"
    api.push(text_message(group, "/help@atbot_test_bot", from_id=106, chat_type="supergroup"))
    assert "/hotline" in visible(api.wait_message(group, 2).params["text"])


@pytest.mark.parametrize(
    "text",
    ['"NEAR(', "ค้ามนุษย์" * 500, "<b>hi</b> & <script>", "🙂🙂🙂", "AND OR NOT *",
     "'; DROP TABLE releases; --"],
)
def test_hostile_input_gets_a_normal_reply(bot: BotProcess, text: str) -> None:
    api = bot.api
    api.push(text_message(107, text))
    reply = api.wait_message(107)
    assert len(visible(reply.params["text"])) <= 4096
    assert "<script>" not in reply.params["text"]
    assert "Traceback" not in bot.log()


def test_429_and_500_are_retried(bot: BotProcess) -> None:
    api = bot.api
    api.fail_next("sendMessage", 429, retry_after=1)
    api.push(text_message(108, "ค้ามนุษย์"))
    api.wait_message(108, timeout=30)
    failed = [c for c in api.calls_to("sendMessage", ok_only=False) if c.status == 429]
    delivered = api.messages_to(108)[0]
    assert failed and delivered.at - failed[0].at >= 0.9

    api.fail_next("sendMessage", 500, count=2)
    api.push(text_message(109, "IOM"))
    api.wait_message(109, timeout=30)
    assert len([c for c in api.calls_to("sendMessage", ok_only=False) if c.status == 500]) == 2


def test_two_users_at_once_get_their_own_answers(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(110, "ประชุมค้ามนุษย์ ไทย เวียดนาม"))
    api.push(text_message(111, "Tier 2 TIP report 2022", language_code="en"))
    thai = visible(api.wait_message(110).params["text"])
    english = visible(api.wait_message(111).params["text"])
    assert "ประชุมค้ามนุษย์ ไทย เวียดนาม" in thai and "Tier 2" not in thai
    assert "Tier 2 TIP report 2022" in english and "เวียดนาม" not in english.split("\n")[0]


def test_language_choice_is_stored_and_forgotten(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(112, "/lang"))
    prompt = api.wait_message(112)
    sent = api.sent[(112, _message_id(api, prompt))]
    api.push(button_press(112, sent, "lang:en"))
    api.wait_for(lambda: api.calls_to("editMessageText"))
    api.push(text_message(112, "ค้ามนุษย์"))
    assert visible(api.wait_message(112, 2).params["text"]).startswith("Releases for")
    api.push(text_message(112, "/forget"))
    api.wait_message(112, 3)
    api.push(text_message(112, "ค้ามนุษย์"))
    assert visible(api.wait_message(112, 4).params["text"]).startswith("ข่าวที่ตรงกับ")


def test_buttons_still_work_after_a_restart(api: FakeBotAPI, bot_db: Path,
                                            tmp_path: Path) -> None:
    first_run = start_bot(api, bot_db, tmp_path / "one.log")
    api.push(text_message(113, "ค้ามนุษย์"))
    reply = api.wait_message(113)
    sent = api.sent[(113, _message_id(api, reply))]
    more = next(b["callback_data"] for b in buttons_of(reply)
                if b.get("callback_data", "").startswith("more:"))
    assert first_run.stop() == 0
    second_run = start_bot(api, bot_db, tmp_path / "two.log")
    try:
        api.push(button_press(113, sent, more))
        edited = api.wait_for(lambda: api.calls_to("editMessageText"))[0]
        assert "(4–6 จาก" in visible(edited.params["text"])
    finally:
        second_run.stop()


def test_the_token_never_reaches_the_logs(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(114, "ค้ามนุษย์"))
    api.wait_message(114)
    api.fail_next("sendMessage", 500, count=1)
    api.push(text_message(115, "IOM"))
    api.wait_message(115, timeout=30)
    assert bot.stop() == 0
    log = bot.log()
    assert "getUpdates" in log or "Bot API" in log or "atbot is up" in log
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log
    assert any(TOKEN in path for path in api.requested_paths), "the token was really used"


def test_sigterm_shuts_down_cleanly(bot: BotProcess) -> None:
    assert bot.stop(signal.SIGTERM) == 0
    assert "atbot stopped" in bot.log()


def test_sigterm_while_starting_still_shuts_down_cleanly(api: FakeBotAPI, bot_db: Path,
                                                        tmp_path: Path) -> None:
    # The signal lands while the bot waits on its first call after the setup.
    api.hold_next("deleteWebhook", 5)
    running = start_bot(api, bot_db, tmp_path / "bot.log")
    api.wait_for(lambda: any(p.endswith("/deleteWebhook") for p in api.requested_paths))
    assert running.stop(signal.SIGTERM, timeout=15) == 0
    assert "atbot stopped" in running.log()
    assert "Traceback" not in running.log()


@pytest.mark.parametrize("token", ["", "not-a-token", "123:short"])
def test_missing_or_malformed_token_is_one_line_and_exit_2(token: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": token,
           "ATBOT_DB": str(tmp_path / "x.sqlite3")}
    done = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "@BotFather" in lines[0] and "atbot chat" in lines[0]
    if token:
        assert token not in done.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_webhook_checks_the_secret_on_every_request(api: FakeBotAPI, bot_db: Path,
                                                    tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    running = start_bot(api, bot_db, tmp_path / "hook.log", "--webhook", url, "--listen",
                        "127.0.0.1", "--port", str(port), "--secret-token", "s3cret-value")
    try:
        webhook = api.wait_for(lambda: api.calls_to("setWebhook"))[0]
        assert webhook.params["url"] == url
        assert webhook.params["secret_token"] == "s3cret-value"
        # python-telegram-bot sets the webhook just before its server listens.
        _wait_listening(port)
        update = {"update_id": 1, **text_message(116, "ค้ามนุษย์")}
        assert _post(url, update, secret=None) == 403
        assert _post(url, update, secret="wrong") == 403
        assert _post(url, update, secret="s3cret-value") == 200
        assert "ค้ามนุษย์" in visible(api.wait_message(116).params["text"])
    finally:
        running.stop()


def _wait_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _post(url: str, update: dict[str, object], secret: str | None) -> int:
    request = urllib.request.Request(url, data=json.dumps(update).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    if secret is not None:
        request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_many_concurrent_users_all_get_answers(bot: BotProcess) -> None:
    api = bot.api
    chats = list(range(200, 230))
    threads = [threading.Thread(target=api.push, args=(text_message(c, "ค้ามนุษย์ เวียดนาม"),))
               for c in chats]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for chat in chats:
        assert "ค้ามนุษย์ เวียดนาม" in visible(api.wait_message(chat, timeout=60).params["text"])


def _sent_to(api: FakeBotAPI, chat_id: int) -> list[tuple[str, dict[str, object]]]:
    """Messages and contacts sent to a chat, in order."""
    return [(c.method, c.params) for c in api.calls
            if c.status == 200 and c.method in ("sendMessage", "sendContact")
            and int(c.params["chat_id"]) == chat_id]


def test_someone_in_danger_gets_the_hotline_first(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(120, "ช่วยด้วย ถูกหลอกไปทำงาน ออกไปไหนไม่ได้"))
    api.wait_for(lambda: len(_sent_to(api, 120)) >= 3)
    (first, card), (second, contact), (third, results) = _sent_to(api, 120)[:3]
    assert first == "sendMessage" and second == "sendContact" and third == "sendMessage"
    text = visible(str(card["text"]))
    assert text.splitlines()[0] == "ช่องทางขอความช่วยเหลือ"
    assert "คุณไม่ได้อยู่คนเดียว" in text.splitlines()[1]
    assert "☎ 1300" in text and "ตลอด 24 ชั่วโมง" in text
    assert str(contact["phone_number"]) == "1300"
    assert "ข่าวที่ตรงกับ" in visible(str(results["text"]))
    more = [b.get("callback_data", "") for b in buttons_of(_call(api, 120, 3))]
    assert not any(a.startswith("more:") for a in more), "a plea is never stored"


def test_a_failed_contact_card_does_not_hold_back_the_releases(bot: BotProcess) -> None:
    api = bot.api
    api.fail_next("sendContact", 400)
    api.push(text_message(125, "ช่วยด้วย ถูกหลอกไปทำงาน ออกไปไหนไม่ได้"))
    api.wait_for(lambda: len(api.messages_to(125)) >= 2)
    card, results = api.messages_to(125)[:2]
    assert "☎ 1300" in visible(str(card.params["text"]))
    assert "ข่าวที่ตรงกับ" in visible(str(results.params["text"]))
    time.sleep(0.5)
    assert len(api.messages_to(125)) == 2, "no error message after the releases"


def test_the_bot_answers_when_its_command_list_cannot_be_set(api: FakeBotAPI, bot_db: Path,
                                                            tmp_path: Path) -> None:
    api.fail_next("setMyCommands", 400, count=10)
    running = start_bot(api, bot_db, tmp_path / "bot.log", wait_for_commands=False)
    try:
        api.push(text_message(126, "ค้ามนุษย์"))
        assert "ค้ามนุษย์" in visible(str(api.wait_message(126).params["text"]))
        assert "command list" in running.log()
    finally:
        running.stop()


def _call(api: FakeBotAPI, chat_id: int, number: int) -> object:
    return [c for c in api.calls if c.status == 200 and c.method in ("sendMessage", "sendContact")
            and int(c.params["chat_id"]) == chat_id][number - 1]


def test_english_plea_gets_the_english_card(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(121, "my brother was taken to a scam compound", language_code="en"))
    card = api.wait_message(121)
    text = visible(card.params["text"])
    assert text.startswith("Where to get help\nYou are not alone")
    assert "☎ 1300" in text and "24 hours" in text


def test_a_burmese_plea_typed_in_zawgyi_gets_the_card_in_burmese(bot: BotProcess) -> None:
    api = bot.api
    zawgyi = "ကူညီပါ။ အလုပ္ရွင္က ကြၽန္ေတာ့္ ပတ္စပို႔ကို သိမ္းထားတယ္"  # passport taken
    api.push(text_message(127, zawgyi, language_code="en"))
    card = visible(api.wait_message(127).params["text"])
    assert card.startswith("အကူအညီရနိုင်သည့်နေရာ\nသင် တစ်ယောက်တည်း မဟုတ်ပါ")
    assert "☎ 1300" in card and "☎ 1694" in card and "+66 2 572 8442" in card
    contact = api.wait_for(lambda: [c for c in api.calls_to("sendContact")
                                    if int(c.params["chat_id"]) == 127])[0]
    assert str(contact.params["phone_number"]) == "1300"
    time.sleep(2)  # the releases under the card, if any, follow it
    last = visible(api.messages_to(127)[-1].params["text"]).split("\n")[-1]
    assert "1300" in last and "1694" in last


def test_lang_offers_eight_languages(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(128, "/lang"))
    actions = [b.get("callback_data") for b in buttons_of(api.wait_message(128))]
    assert actions == ["lang:th", "lang:en", "lang:my", "lang:km", "lang:lo", "lang:vi",
                       "lang:zh", "lang:id"]


def test_hotline_command_button_and_question_show_the_card(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(122, "/hotline"))
    assert "☎ 1300" in visible(api.wait_message(122).params["text"])
    api.push(text_message(122, "ค้ามนุษย์"))
    results = api.wait_message(122, 2)
    sent = api.sent[(122, _message_id(api, results))]
    api.push(button_press(122, sent, "hotline"))
    assert "☎ 1300" in visible(api.wait_message(122, 3).params["text"])
    api.push(text_message(122, "โทรแจ้งที่ไหน"))
    card = api.wait_message(122, 4)
    assert visible(card.params["text"]).startswith("ช่องทางขอความช่วยเหลือ")
    assert "ข่าวที่ตรงกับ" in visible(api.wait_message(122, 5).params["text"])


def test_partners_list_pages_and_opens_a_partner(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(123, "/partners"))
    listing = api.wait_message(123)
    text = visible(listing.params["text"])
    assert "(1–8 จาก" in text
    counts = [int(n) for n in re.findall(r"ข่าวที่กล่าวถึง: (\d+) รายการ", text)]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    actions = [b.get("callback_data", "") for b in buttons_of(listing)]
    assert "partners:1" in actions
    partner = next(a for a in actions if a.startswith("partner:"))
    sent = api.sent[(123, _message_id(api, listing))]
    api.push(button_press(123, sent, "partners:1"))
    edited = api.wait_for(lambda: api.calls_to("editMessageText"))[0]
    assert "(9–16 จาก" in visible(edited.params["text"])
    api.push(button_press(123, sent, partner))
    card = visible(api.wait_message(123, 2).params["text"])
    assert "ข่าวที่กล่าวถึง:" in card and "ข่าวล่าสุดที่กล่าวถึง" in card


def test_partner_name_alone_gets_its_card(bot: BotProcess) -> None:
    api = bot.api
    api.push(text_message(124, "IOM", language_code="en"))
    text = visible(api.wait_message(124).params["text"])
    assert text.startswith("International Organization for Migration (IOM)")
    assert "Releases naming it: " in text and "Latest releases naming it" in text


def test_shared_releases_carry_a_link_to_the_help_card(bot: BotProcess) -> None:
    api = bot.api
    api.push(inline_query(125, "IOM"))
    call = api.wait_for(lambda: api.calls_to("answerInlineQuery"))[0]
    button = call.params["results"][0]["reply_markup"]["inline_keyboard"][0][0]
    assert button["url"] == "https://t.me/atbot_test_bot?start=hotline"
    api.push(text_message(125, "/start hotline"))
    card = visible(api.wait_message(125).params["text"])
    assert card.startswith("ช่องทางขอความช่วยเหลือ") and "☎ 1300" in card
