"""What operators see (issue 16): /healthz and /metrics, when polling (--metrics-port)
and on the webhook's server, and /status for the bot's admins only."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.e2e.conftest import start_bot
from tests.e2e.fake_bot_api import FakeBotAPI, text_message
from tests.e2e.test_telegram import _free_port, _post, _wait_listening, visible

ADMIN = 500


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode()


def metric(text: str, name: str) -> float:
    """The value of one series (`name` with its labels, as printed) of /metrics."""
    found = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert found, f"{name} not in /metrics"
    return float(found.group(1))


def test_health_metrics_and_status_when_polling(api: FakeBotAPI, bot_db: Path,
                                                tmp_path: Path) -> None:
    port = _free_port()
    running = start_bot(api, bot_db, tmp_path / "bot.log", "--metrics-port", str(port),
                        env={"ATBOT_ADMINS": f"{ADMIN},501", "ATBOT_HEALTHY_SECONDS": "3"})
    try:
        _wait_listening(port)
        base = f"http://127.0.0.1:{port}"
        assert get(f"{base}/healthz") == (200, "ok\n")
        api.push(text_message(120, "ค้ามนุษย์ เวียดนาม"))
        api.wait_message(120)
        api.push(text_message(121, "ราคาทองวันนี้"))
        api.wait_message(121)
        time.sleep(1.5)  # the index gauges are read a second after start
        status, text = get(f"{base}/metrics")
        assert status == 200
        assert metric(text, 'atbot_updates_total{kind="message (text)"}') >= 2
        assert metric(text, 'atbot_replies_total{intent="search"}') >= 1
        assert metric(text, 'atbot_replies_total{intent="off_topic"}') >= 1
        assert metric(text, "atbot_update_seconds_count") >= 2
        assert metric(text, "atbot_index_releases") == 153
        assert metric(text, "atbot_send_queue") == 0
        assert metric(text, "atbot_telegram_last_success_timestamp_seconds") > 0
        # Nothing personal: no chat, no user, nothing written.
        assert "ค้ามนุษย์" not in text and "ราคาทอง" not in text
        labels = set(re.findall(r"(\w+)=\"", text))
        assert labels <= {"kind", "intent", "method", "code", "le"}, labels

        # /status: for an admin in a private chat; anyone else gets the unknown-command reply.
        api.push(text_message(ADMIN, "/status"))
        report = api.wait_message(ADMIN).params["text"]
        assert report.startswith("atbot ") and "153 releases" in report
        assert "errors in the last hour: 0" in report
        api.push(text_message(502, "/status"))
        assert "/help" in visible(api.wait_message(502).params["text"])

        # Telegram out of reach: unhealthy once no call has succeeded for 3 s.
        api.fail_next("getUpdates", 502, count=1000)
        deadline = time.monotonic() + 30
        while get(f"{base}/healthz")[0] != 503:
            assert time.monotonic() < deadline, "still healthy with Telegram failing"
            time.sleep(0.5)
        status, text = get(f"{base}/healthz")
        assert text.startswith("unhealthy: the last Bot API call that succeeded was")
        _, text = get(f"{base}/metrics")
        assert metric(text, 'atbot_bot_api_errors_total{code="502",method="getUpdates"}') >= 1
    finally:
        running.stop()


def test_the_webhook_server_serves_health_and_metrics_too(api: FakeBotAPI, bot_db: Path,
                                                        tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    running = start_bot(api, bot_db, tmp_path / "hook.log", "--webhook", url, "--listen",
                        "127.0.0.1", "--port", str(port), "--secret-token", "s3cret")
    try:
        api.wait_for(lambda: api.calls_to("setWebhook"))
        _wait_listening(port)
        request = urllib.request.Request(url, data=b"[1, 2]", method="POST", headers={
            "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret"})
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("a body that is no update was taken")
        except urllib.error.HTTPError as error:
            assert error.code == 400
        assert _post(url, {"update_id": 7, **text_message(122, "IOM")}, secret="s3cret") == 200
        api.wait_message(122)
        assert get(f"http://127.0.0.1:{port}/healthz") == (200, "ok\n")
        status, text = get(f"http://127.0.0.1:{port}/metrics")
        assert status == 200 and metric(text, 'atbot_updates_total{kind="message (text)"}') == 1
    finally:
        assert running.stop() == 0
