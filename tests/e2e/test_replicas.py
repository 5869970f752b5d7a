"""Two replicas (`atbot run --webhook`) on one PostgreSQL state, the fake Bot API
posting updates straight to each one's port, as a load balancer would."""

from __future__ import annotations

import itertools
import signal
import time
from pathlib import Path

from tests.e2e.conftest import BotProcess, start_bot
from tests.e2e.fake_bot_api import FakeBotAPI, button_press, text_message
from tests.e2e.test_alerts import ALERT_WAIT, ingest_release
from tests.e2e.test_telegram import _free_port, _post, _wait_listening

SECRET = "replica-s3cret"
# The load balancer's address: what the webhook is set to (nothing listens there).
BALANCER = "https://atbot.example.org/hook"
CHAT = 701
_update_ids = itertools.count(1000)


def replica(api: FakeBotAPI, db: Path, log: Path, state_url: str) -> tuple[BotProcess, str]:
    port = _free_port()
    running = start_bot(api, db, log, "--webhook", BALANCER, "--listen", "127.0.0.1",
                        "--port", str(port), "--secret-token", SECRET,
                        env={"ATBOT_STATE_URL": state_url})
    _wait_listening(port)
    return running, f"http://127.0.0.1:{port}/hook"


def post(url: str, update: dict[str, object]) -> None:
    assert _post(url, {"update_id": next(_update_ids), **update}, secret=SECRET) == 200


def test_two_replicas_share_people_and_alert_once(api: FakeBotAPI, bot_db: Path,
                                                 tmp_path: Path, postgres_url: str) -> None:
    first, first_url = replica(api, bot_db, tmp_path / "first.log", postgres_url)
    second, second_url = replica(api, bot_db, tmp_path / "second.log", postgres_url)
    try:
        time.sleep(2)
        # The webhook is set once, by the replica that leads.
        assert len(api.calls_to("setWebhook")) == 1
        assert api.calls_to("setWebhook")[0].params["url"] == BALANCER

        # A language chosen through one replica is the other's too.
        post(first_url, text_message(CHAT, "/lang"))
        menu = api.wait_message(CHAT)
        message = next(m for (chat, _), m in api.sent.items() if chat == CHAT)
        post(first_url, button_press(CHAT, message, "lang:en"))
        api.wait_for(lambda: api.calls_to("answerCallbackQuery"))
        assert menu is not None
        post(second_url, text_message(CHAT, "ค้ามนุษย์ เวียดนาม"))
        answer = api.wait_for(lambda: [m for m in api.messages_to(CHAT)
                                       if m.params["text"].startswith("<b>Releases for")])
        assert answer

        # A subscription made through one is alerted once, by the replica that leads.
        post(second_url, text_message(CHAT, "/subscribe ค้ามนุษย์ เวียดนาม"))
        api.wait_for(lambda: any("ค้ามนุษย์ เวียดนาม" in m.params["text"]
                                 for m in api.messages_to(CHAT)[-1:]))
        sent_before = len(api.messages_to(CHAT))
        ingest_release(tmp_path, bot_db, 1, "ไทยและเวียดนามร่วมปราบปรามการค้ามนุษย์",
                       "รัฐบาลไทยและเวียดนามลงนามความร่วมมือต่อต้านการค้ามนุษย์")
        api.wait_message(CHAT, sent_before + 1, timeout=ALERT_WAIT)
        time.sleep(12)  # another round of both replicas' alert jobs
        alerts = [m for m in api.messages_to(CHAT)[sent_before:]
                  if "ไทยและเวียดนามร่วมปราบปราม" in m.params["text"]]
        assert len(alerts) == 1

        # The leader dies: the other takes the alerts over within a minute.
        leader, other = ((first, second) if "this process leads" in first.log()
                         else (second, first))
        assert "this process leads" in leader.log() and "this process leads" not in other.log()
        leader.process.send_signal(signal.SIGKILL)
        leader.process.wait(timeout=10)
        sent_before = len(api.messages_to(CHAT))
        ingest_release(tmp_path, bot_db, 2, "ไทยและเวียดนามช่วยเหลือผู้เสียหายค้ามนุษย์",
                       "ไทยและเวียดนามส่งผู้เสียหายจากการค้ามนุษย์กลับบ้าน")
        api.wait_message(CHAT, sent_before + 1, timeout=60)
        assert "this process leads" in other.log()
        assert len(api.calls_to("setWebhook")) == 1  # never set again by each replica
        assert "Traceback" not in first.log() + second.log()
    finally:
        for running in (first, second):
            if running.process.poll() is None:
                running.stop()
