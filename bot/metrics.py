"""What operators can watch: Prometheus metrics (prometheus-client), every series
named atbot_..., and whether the bot is healthy.

Labels hold kinds, intents, Bot API method names and status codes: never a
chat, a user or anything written. The bot serves them on /metrics and /healthz
(bot/web.py).
"""

from __future__ import annotations

import time
from collections import deque

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

# /healthz is 503 when no Bot API call has succeeded for this long (polling asks
# every few seconds; a webhook bot checks in every HEARTBEAT_SECONDS).
HEALTHY_WITHIN = 180.0
HEARTBEAT_SECONDS = 60.0

REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)  # process_cpu_seconds_total, resident memory...

UPDATES = Counter("atbot_updates", "Updates received, by kind.", ["kind"], registry=REGISTRY)
REPLIES = Counter("atbot_replies", "Answers given, by intent (search, hotline, distress...).",
                  ["intent"], registry=REGISTRY)
HANDLED = Histogram("atbot_update_seconds", "Time from an update's arrival to the end of "
                    "its handling (its replies sent).", registry=REGISTRY,
                    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 120.0))
API_ERRORS = Counter("atbot_bot_api_errors", "Failed Bot API calls, by method and code "
                     "(HTTP status, or network / timeout).", ["method", "code"],
                     registry=REGISTRY)
SEND_QUEUE = Gauge("atbot_send_queue", "Bot API calls waiting for their turn.",
                   registry=REGISTRY)
ALERTS_SENT = Counter("atbot_alerts_sent", "Alerts sent to subscribed chats.",
                      registry=REGISTRY)
FEED_UPDATES = Counter("atbot_feed_updates", "Feed updates run.", registry=REGISTRY)
FEED_ERRORS = Counter("atbot_feed_errors", "Feeds that could not be read in an update.",
                      registry=REGISTRY)
INDEX_RELEASES = Gauge("atbot_index_releases", "Releases in the index.", registry=REGISTRY)
INDEX_BYTES = Gauge("atbot_index_bytes", "Size of the index on disk.", registry=REGISTRY)
INDEX_AGE = Gauge("atbot_index_age_seconds", "Seconds since the last ingest or feed "
                  "update wrote the index.", registry=REGISTRY)
LAST_CONTACT = Gauge("atbot_telegram_last_success_timestamp_seconds",
                     "When a Bot API call last succeeded (Unix time).", registry=REGISTRY)


class _Contact:
    """When a Bot API call last succeeded."""

    def __init__(self) -> None:
        self.at = 0.0

    def now(self) -> None:
        self.at = time.time()
        LAST_CONTACT.set(self.at)

    def seconds_ago(self) -> float:
        return time.time() - self.at if self.at else float("inf")


TELEGRAM = _Contact()


class _Errors:
    """When errors happened (failed Bot API calls, updates whose handling failed),
    for "errors in the last hour"; at most the last MAX_RECENT."""

    MAX_RECENT = 10_000

    def __init__(self) -> None:
        self._at: deque[float] = deque(maxlen=self.MAX_RECENT)

    def happened(self) -> None:
        self._at.append(time.monotonic())

    def within(self, seconds: float) -> int:
        since = time.monotonic() - seconds
        return sum(1 for at in self._at if at >= since)


ERRORS = _Errors()
STARTED = time.monotonic()


def exposition() -> bytes:
    """Every metric in Prometheus' text format."""
    return generate_latest(REGISTRY)
