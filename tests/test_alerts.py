"""Alerts (bot/alerts.py) on a real index and state: what is new, which subscription
it matches, queued once, and how the conversation words it."""

from __future__ import annotations

from pathlib import Path

from bot.conversation import Chat, Conversation, User
from bot.core import Core, open_core
from bot.ingest import ingest
from tests.conftest import DATA, release_text, settings_for

CHAT, OTHER, GROUP = 11, 12, -100


def write_releases(folder: Path, count: int, *, start: int = 0,
                   title: str = "ไทยและเวียดนามร่วมต่อต้านการค้ามนุษย์ ครั้งที่ {n}") -> str:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"r{n:03d}.txt").write_text(release_text(
            title=title.format(n=n), body=(f"ความร่วมมือต่อต้านการค้ามนุษย์ ฉบับที่ {n}",),
            date_line="วันพุธที่ 25 พฤศจิกายน 2569",
            url=f"https://news.example.org/r/{n}"), encoding="utf-8")
    return str(folder)


async def opened(db: Path) -> Core:
    return await open_core(settings_for(db), DATA)


async def test_new_releases_are_queued_once_for_the_chats_they_match(
        sample_db_copy: Path, tmp_path: Path) -> None:
    core = await opened(sample_db_copy)
    try:
        await core.start_alerts()  # what the index holds already is not news
        assert await core.subscribe(CHAT, "ค้ามนุษย์ เวียดนาม", "th")
        assert not await core.subscribe(CHAT, "ค้ามนุษย์ เวียดนาม", "th")
        # Cambodia is not in the new releases; "meeting" alone would not decide.
        await core.subscribe(OTHER, "กัมพูชา ประชุม", "en")
        assert await core.collect_alerts() == 0

        await ingest(core.index, [write_releases(tmp_path / "a", 2)], DATA)
        assert await core.collect_alerts() == 1
        [alert] = await core.pending_alerts()
        assert (alert.chat_id, alert.words, len(alert.release_ids)) == (
            CHAT, ("ค้ามนุษย์ เวียดนาม",), 2)
        assert await core.collect_alerts() == 0  # the cursor moved with the queue
        await core.alert_sent(alert.id)
        assert await core.pending_alerts() == []

        # English words match the Thai releases, as search reads them.
        await core.subscribe(OTHER, "trafficking Vietnam meeting", "en")
        await ingest(core.index, [write_releases(tmp_path / "b", 1, start=5)], DATA)
        assert {a.chat_id for a in await core.pending_alerts()} == set()
        assert await core.collect_alerts() == 2
        reply = await Conversation(core).alert((await core.pending_alerts())[1])
        assert reply is not None
        assert "https://news.example.org/r/5" in reply.html
        assert "“trafficking Vietnam meeting”" in reply.plain
    finally:
        await core.close()


async def test_a_big_import_is_one_line_and_its_list_pages(
        sample_db_copy: Path, tmp_path: Path) -> None:
    core = await opened(sample_db_copy)
    talk = Conversation(core)
    try:
        await core.start_alerts()
        await core.subscribe(CHAT, "", "en")
        await ingest(core.index, [write_releases(tmp_path / "big", 60)], DATA)
        await core.collect_alerts()
        [alert] = await core.pending_alerts()
        reply = await talk.alert(alert)
        assert reply is not None
        assert reply.plain.startswith(
            "🔔 New releases for “every new release” added to the index: 60.")
        [[see_all]] = reply.buttons
        assert see_all.action is not None
        page = await see_all.action.press(talk, User(CHAT, "en", Chat(CHAT)))
        assert "New releases 1–3 of 60" in page.replies[0].plain
        assert "ครั้งที่ 59" in page.replies[0].plain  # the last indexed first
    finally:
        await core.close()


async def test_five_releases_then_how_many_more(sample_db_copy: Path, tmp_path: Path) -> None:
    core = await opened(sample_db_copy)
    try:
        await core.start_alerts()
        await core.subscribe(CHAT, "เวียดนาม", "en")
        await ingest(core.index, [write_releases(tmp_path / "seven", 7)], DATA)
        await core.collect_alerts()
        [alert] = await core.pending_alerts()
        reply = await Conversation(core).alert(alert)
        assert reply is not None
        assert reply.html.count("https://news.example.org/r/") == 5
        assert "…and 2 more." in reply.plain
    finally:
        await core.close()


async def test_subscriptions_are_the_chats_own_and_forget_deletes_them(
        sample_db_copy: Path) -> None:
    core = await opened(sample_db_copy)
    talk = Conversation(core)

    async def is_admin() -> bool:
        return False

    member = User(7, "en", Chat(GROUP, group=True, is_admin=is_admin))
    private = User(CHAT, "en", Chat(CHAT))
    try:
        [refused] = await talk.subscribe(member, "IOM")
        assert "only its administrators" in refused.plain
        assert "only its administrators" in (await talk.unsubscribe(member))[0].plain
        await talk.subscribe(private, "IOM")
        await talk.subscribe(private, "UNODC")
        [listing] = await talk.subscriptions(private)
        assert [b.label for [b] in listing.buttons] == ["✕ IOM", "✕ UNODC"]
        [[remove], _] = listing.buttons
        assert remove.action is not None
        # Pressed in another chat, the button removes nothing of this one.
        await remove.action.press(talk, User(OTHER, "en", Chat(OTHER)))
        assert len(await core.subscriptions(CHAT)) == 2
        await remove.action.press(talk, private)
        assert [s.words for s in await core.subscriptions(CHAT)] == ["UNODC"]
        [about] = await talk.about(private)
        assert "the chat's number and the words subscribed to" in about.plain
        await talk.forget(private)
        assert await core.subscriptions(CHAT) == []
        [none] = await talk.subscriptions(private)
        assert "no subscriptions" in none.plain
        [terminal] = await talk.subscribe(User(), "IOM")  # atbot chat has no chat to alert
        assert "Telegram" in terminal.plain
    finally:
        await core.close()


async def test_an_ingest_still_writing_is_waited_for(sample_db_copy: Path, tmp_path: Path) -> None:
    core = await opened(sample_db_copy)
    try:
        await core.start_alerts()
        await core.subscribe(CHAT, "", "en")
        await ingest(core.index, [write_releases(tmp_path / "a", 2)], DATA)
        finished = await core.index.get_meta("last_ingest")
        # As an ingest in another process looks between two batches: its end not written.
        await core.index.set_meta("last_ingest", "2000-01-01T00:00:00+00:00")
        assert await core.collect_alerts() == 0
        await core.index.set_meta("last_ingest", finished or "")
        assert await core.collect_alerts() == 1
    finally:
        await core.close()
