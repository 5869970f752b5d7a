"""The people state's behaviour, the same on each backend: SQLite (the default) and
PostgreSQL (ATBOT_STATE_URL), the latter on a real server the tests start
(tests/postgres.py)."""

from __future__ import annotations

import asyncio

from bot.state import PendingAlert, PeopleState
from bot.state_pg import PostgresState


async def test_a_language_choice_is_kept_until_forgotten(people: PeopleState) -> None:
    assert await people.user_language(1) is None
    await people.set_user_language(1, "en")
    await people.set_user_language(1, "th")
    assert await people.user_language(1) == "th"
    await people.forget_user(1)
    assert await people.user_language(1) is None


async def test_a_saved_search_has_a_short_key_and_comes_back(people: PeopleState) -> None:
    key = await people.save_search("ค้ามนุษย์ เวียดนาม")
    assert key == await people.save_search("ค้ามนุษย์ เวียดนาม") and len(key) == 16
    assert await people.load_search(key) == "ค้ามนุษย์ เวียดนาม"
    assert await people.load_search("0" * 16) is None


async def test_subscriptions_are_per_chat_once_each_and_removable(people: PeopleState) -> None:
    assert await people.subscribe(-100, "ค้ามนุษย์", "th")
    assert not await people.subscribe(-100, "ค้ามนุษย์", "th")  # the same one again
    assert await people.subscribe(-100, "IOM", "en")
    assert await people.subscribe(7, "", "th")
    mine = await people.subscriptions(-100)
    assert [(s.words, s.lang) for s in mine] == [("ค้ามนุษย์", "th"), ("IOM", "en")]
    assert len(await people.subscriptions()) == 3
    assert await people.unsubscribe(-100, mine[0].id) == 1
    assert await people.unsubscribe(-100, mine[0].id) == 0
    assert await people.unsubscribe(-100) == 1
    assert [s.chat_id for s in await people.subscriptions()] == [7]


async def test_alerts_are_queued_with_their_cursor_and_deleted_once_sent(
        people: PeopleState) -> None:
    assert await people.alert_cursor() is None
    alerts = [PendingAlert(0, 7, "th", ("ค้ามนุษย์", "IOM"), (3, 5, 8), "k1"),
              PendingAlert(0, 9, "en", ("",), (5,), "k2")]
    await people.queue_alerts(("index-a", 8), alerts)
    assert await people.alert_cursor() == ("index-a", 8)
    pending = await people.pending_alerts()
    assert [(a.chat_id, a.words, a.release_ids, a.list_key) for a in pending] == [
        (7, ("ค้ามนุษย์", "IOM"), (3, 5, 8), "k1"), (9, ("",), (5,), "k2")]
    assert await people.alert_list("k1") == [3, 5, 8]
    await people.alert_sent(pending[0].id)
    assert [a.chat_id for a in await people.pending_alerts()] == [9]
    await people.queue_alerts(("index-a", 12), [])
    assert await people.alert_cursor() == ("index-a", 12)


async def test_a_gone_chat_loses_its_subscriptions_alerts_and_held_cards(
        people: PeopleState) -> None:
    await people.subscribe(11, "ค้ามนุษย์", "th")
    await people.queue_alerts(("i", 1), [PendingAlert(0, 11, "th", ("x",), (1,), "k")])
    held = await people.hold_card(11, "th:hotline")
    await people.hold_card(12, "en:hotline")
    assert [(chat, card) for _, chat, card, _ in await people.held_cards()] == [
        (11, "th:hotline"), (12, "en:hotline")]
    await people.forget_chat(11)
    assert await people.subscriptions(11) == []
    assert await people.pending_alerts() == []
    assert [chat for _, chat, _, _ in await people.held_cards()] == [12]
    await people.card_sent(held)  # already gone: nothing happens


async def test_many_writers_at_once(people: PeopleState) -> None:
    await asyncio.gather(*(people.set_user_language(n, "en") for n in range(50)),
                         *(people.save_search(f"q{n}") for n in range(50)),
                         *(people.subscribe(n, "w", "th") for n in range(50)))
    assert all([await people.user_language(n) == "en" for n in range(50)])
    assert len(await people.subscriptions()) == 50


async def test_on_postgresql_one_process_leads_until_it_lets_go(postgres_url: str) -> None:
    first, second = (await PostgresState.open(postgres_url),
                     await PostgresState.open(postgres_url))  # migrations take turns
    try:
        lead_one, lead_two = await first.lead(), await second.lead()
        assert await lead_one.holds() and not await lead_two.holds()
        await lead_one.close()
        assert await lead_two.holds()
        await lead_two.close()
    finally:
        await asyncio.gather(first.close(), second.close())
