"""Alerts: new releases sent to the chats whose subscriptions they match.

"New" means newly indexed, by any process writing the index (the bot's own
feed updates, `atbot ingest` or `atbot update` run beside it), whatever the
release's own date. The release ids of an index only grow, so a cursor (the
index's identity and the last id looked at) says what is new:

    collect   every few seconds: ids after the cursor, once the ingest that
              wrote them has finished; the search engine reloads (it sees
              them now too); each subscription's words are matched against
              them; one alert per chat is queued in the state store in the
              same transaction that moves the cursor
    deliver   (handlers/alerts.py) each queued alert is sent, then deleted

so a release reaches a chat once, even across restarts. An index replaced
by another file (another identity) starts a new cursor: what it already
holds is not news.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.index import ReleaseIndex
from bot.message import Message
from bot.search import SearchEngine
from bot.state import PendingAlert, PeopleState

# Releases listed in one alert; then "and N more" with a button.
ALERT_RELEASES = 5
# An ingest of more new releases than this (a first import) gets one line per
# chat, not a list.
BULK_RELEASES = 50
# How often the running bot looks for new releases (alerts arrive within a minute).
CHECK_SECONDS = 10.0
# An ingest still writing (its end not yet recorded) is waited for, unless it
# wrote nothing for this long (it was killed: its releases are news all the same).
_INGEST_STALLED = timedelta(minutes=5)


async def start_alerts(index: ReleaseIndex, state: PeopleState) -> tuple[str, int]:
    """The cursor, made at the bot's first start on this index (what it holds then is
    not news; releases indexed after, even before the first look, are)."""
    identity = await index.identity()
    cursor = await state.alert_cursor()
    if cursor is None or cursor[0] != identity:
        cursor = (identity, await index.last_id())
        await state.queue_alerts(cursor, [])
    return cursor


async def collect_alerts(index: ReleaseIndex, state: PeopleState, engine: SearchEngine,
                         read: Callable[[str], Message]) -> int:
    """Queue an alert for each chat whose subscriptions match new releases; how many."""
    identity, last = await start_alerts(index, state)
    new = await index.ids_after(last)
    if not new or not await _ingest_finished(index):
        return 0
    await engine.refresh()
    chats: dict[int, tuple[str, list[str], dict[int, None]]] = {}
    for subscription in await state.subscriptions():
        found = new
        if subscription.words:
            query = await engine.parse(read(subscription.words))
            found = await engine.matching(query, new)
        if found:
            _, words, ids = chats.setdefault(subscription.chat_id,
                                             (subscription.lang, [], {}))
            words.append(subscription.words)
            ids.update(dict.fromkeys(found))
    alerts = [PendingAlert(0, chat, lang, tuple(words), tuple(ids), _list_key(tuple(ids)))
              for chat, (lang, words, ids) in chats.items()]
    await state.queue_alerts((identity, new[-1]), alerts)
    return len(alerts)


async def _ingest_finished(index: ReleaseIndex) -> bool:
    """Whether the ingest that wrote the newest release has recorded its end."""
    finished = await index.get_meta("last_ingest") or ""
    written = await index.last_written() or ""
    if written <= finished:
        return True
    stalled = datetime.fromisoformat(written) + _INGEST_STALLED < datetime.now(UTC)
    return stalled


def _list_key(ids: tuple[int, ...]) -> str:
    """A short key for a list of releases (the data of its "see them all" button)."""
    return hashlib.blake2s(" ".join(map(str, ids)).encode(), digest_size=8).hexdigest()
