"""Subscriptions and alerts end to end: the bot as a real process against the fake
Bot API, releases ingested by the CLI in another process on the same database."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.conftest import release_text, state_path_beside
from tests.e2e.conftest import BotProcess, start_bot
from tests.e2e.fake_bot_api import FakeBotAPI, button_press, buttons_of, text_message
from tests.http_server import HttpServer, Route
from tests.test_cli import atbot
from tests.test_feeds import ON_TOPIC_EN, rss

SUBSCRIBER, BYSTANDER, BLOCKER, GROUP, ADMIN, MEMBER = 501, 502, 503, -1005, 61, 62
# Alerts are looked for every 10 s: one arrives within about that after an ingest.
ALERT_WAIT = 30.0


def ingest_release(tmp_path: Path, db: Path, number: int, title: str, body: str) -> float:
    """Index one hand-written release with the CLI; the time its ingest ended."""
    path = tmp_path / f"new_{number}.txt"
    path.write_text(release_text(
        title=title, body=(body,), date_line="วันพฤหัสบดีที่ 26 พฤศจิกายน 2569",
        url=f"https://news.example.org/releases/{number}"), encoding="utf-8")
    done = atbot("ingest", str(path), "--db", str(db))
    assert done.returncode == 0 and "indexed:     1 (1 new" in done.stdout, done.stdout
    return time.monotonic()


def say(api: FakeBotAPI, chat: int, text: str, **extra: object) -> str:
    """Send a message and return the text of the reply it gets."""
    before = len(api.messages_to(chat))
    api.push(text_message(chat, text, **extra))  # type: ignore[arg-type]
    return str(api.wait_message(chat, before + 1).params["text"])


def subscriptions_in(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(state_path_beside(db)) as state:
        return [(int(c), str(w)) for c, w in
                state.execute("SELECT chat_id, words FROM subscriptions ORDER BY id")]


def test_an_ingested_release_alerts_the_subscribed_chat_once(
        api: FakeBotAPI, bot: BotProcess, bot_db: Path, tmp_path: Path) -> None:
    assert "ติดตามแล้ว" in say(api, SUBSCRIBER, "/subscribe ค้ามนุษย์ เวียดนาม")
    assert "ติดตามแล้ว" in say(api, BLOCKER, "/subscribe")
    assert "ค้ามนุษย์ เวียดนาม" in say(api, SUBSCRIBER, "/subscriptions")

    ended = ingest_release(tmp_path, bot_db, 1, "ไทยและเวียดนามร่วมปราบปรามการค้ามนุษย์",
                           "รัฐบาลไทยและเวียดนามลงนามความร่วมมือต่อต้านการค้ามนุษย์ "
                           "และช่วยเหลือผู้เสียหายให้เดินทางกลับบ้านอย่างปลอดภัย")
    api.blocked.add(BLOCKER)
    alert = api.wait_message(SUBSCRIBER, 3, timeout=ALERT_WAIT)
    took = time.monotonic() - ended
    assert took < 60
    assert "ไทยและเวียดนามร่วมปราบปรามการค้ามนุษย์" in alert.params["text"]
    assert "https://news.example.org/releases/1" in alert.params["text"]
    assert api.messages_to(BYSTANDER) == []
    # The chat that blocked the bot loses its subscription; the subscriber keeps its own.
    api.wait_for(lambda: subscriptions_in(bot_db) == [(SUBSCRIBER, "ค้ามนุษย์ เวียดนาม")])
    # Search sees the new release too.
    assert "ไทยและเวียดนามร่วมปราบปราม" in say(api, BYSTANDER, "เวียดนาม ร่วมปราบปราม")

    # A release that does not hold every word of the subscription is not sent.
    ingest_release(tmp_path, bot_db, 2, "ไทยและกัมพูชาร่วมปราบปรามการค้ามนุษย์",
                   "รัฐบาลไทยและกัมพูชาลงนามความร่วมมือต่อต้านการค้ามนุษย์")
    time.sleep(15)
    assert len(api.messages_to(SUBSCRIBER)) == 3

    # After a restart, nothing is sent again.
    assert bot.stop() == 0
    again = start_bot(api, bot_db, tmp_path / "again.log")
    try:
        time.sleep(12)
        assert len(api.messages_to(SUBSCRIBER)) == 3
        # Unsubscribed, the chat gets no more alerts.
        assert "1" in say(api, SUBSCRIBER, "/unsubscribe")
        ingest_release(tmp_path, bot_db, 3, "ไทยและเวียดนามประชุมเรื่องการค้ามนุษย์",
                       "เจ้าหน้าที่ไทยและเวียดนามประชุมหารือเรื่องการต่อต้านการค้ามนุษย์")
        time.sleep(15)
        assert len(api.messages_to(SUBSCRIBER)) == 4
        assert subscriptions_in(bot_db) == []
    finally:
        assert again.stop() == 0


def test_in_a_group_only_administrators_subscribe_and_the_list_removes_one(
        api: FakeBotAPI, bot: BotProcess, bot_db: Path) -> None:
    api.admins.add((GROUP, ADMIN))
    refused = say(api, GROUP, "/subscribe IOM", from_id=MEMBER, chat_type="supergroup")
    assert "ผู้ดูแลกลุ่ม" in refused
    assert subscriptions_in(bot_db) == []
    assert "ติดตามแล้ว" in say(api, GROUP, "/subscribe IOM", from_id=ADMIN,
                              chat_type="supergroup")
    assert "ติดตามแล้ว" in say(api, GROUP, "/subscribe UNODC", from_id=ADMIN,
                              chat_type="supergroup")
    say(api, GROUP, "/subscriptions", from_id=ADMIN, chat_type="supergroup")
    remove = [b for b in buttons_of(api.messages_to(GROUP)[-1]) if "IOM" in b["text"]]
    assert len(remove) == 1
    sent = [m for (chat, _), m in api.sent.items() if chat == GROUP and m.get("reply_markup")]
    press = button_press(MEMBER, sent[-1], remove[0]["callback_data"])
    press["callback_query"]["message"]["chat"] = {"id": GROUP, "type": "supergroup",
                                                  "title": "Test group"}
    api.push(press)  # a member's press changes nothing
    api.wait_for(lambda: len(api.calls_to("answerCallbackQuery")) == 1)
    assert len(subscriptions_in(bot_db)) == 2
    press = button_press(ADMIN, sent[-1], remove[0]["callback_data"])
    press["callback_query"]["message"]["chat"] = {"id": GROUP, "type": "supergroup",
                                                  "title": "Test group"}
    api.push(press)
    api.wait_for(lambda: subscriptions_in(bot_db) == [(GROUP, "UNODC")])


def test_the_running_bot_reads_its_feeds_and_alerts(api: FakeBotAPI, bot_db: Path,
                                                    tmp_path: Path) -> None:
    article = ("<html><body><article><h1>Police and IOM rescue 40 trafficking victims</h1>"
               f"<p>{ON_TOPIC_EN}</p></article></body></html>")
    with HttpServer() as site:
        site.routes["/story"] = Route(body=article)
        site.routes["/rss.xml"] = Route(content_type="application/rss+xml", body=rss((
            "Police and IOM rescue 40 trafficking victims", site.url("/story"),
            "Thu, 26 Nov 2026 10:00:00 +0700", "s")))
        assert atbot("feeds", "add", site.url("/rss.xml"), "--name", "site",
                     "--db", str(bot_db)).returncode == 0
        running = start_bot(api, bot_db, tmp_path / "feeds.log",
                            env={"ATBOT_FEED_MINUTES": "0.05"})
        try:
            assert "Subscribed" in say(api, SUBSCRIBER, "/subscribe IOM", language_code="en")
            alert = api.wait_message(SUBSCRIBER, 2, timeout=ALERT_WAIT)
            assert "Police and IOM rescue 40 trafficking victims" in alert.params["text"]
            assert site.url("/story") in alert.params["text"]
            assert all(r.headers["user-agent"].startswith("atbot/") for r in site.requests)
        finally:
            assert running.stop() == 0
