"""The conversation (what the bot says), without Telegram: languages, pages, limits."""

from __future__ import annotations

import pytest

from bot.chat import render_buttons, run_chat
from bot.conversation import PAGE_SIZE, Conversation, User
from bot.core import Core
from bot.render import MAX_MESSAGE_CHARS, Bold, Button, Link, to_html, visible_length
from tests.conftest import SEED_URL, needs_sample

pytestmark = needs_sample


async def test_language_follows_choice_then_script_then_telegram(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    assert await talk.language(User(1, "en"), "ค้ามนุษย์") == "th"
    assert await talk.language(User(1, "th"), "trafficking") == "en"
    assert await talk.language(User(1, "en")) == "en"
    assert await talk.language(User(1, "th-TH")) == "th"
    await sample_core.store.set_user_language(1, "en")
    try:
        assert await talk.language(User(1, "th"), "ค้ามนุษย์") == "en"
    finally:
        await sample_core.store.forget_user(1)
    assert await sample_core.store.user_language(1) is None


async def test_results_page_has_titles_dates_links_and_buttons(sample_core: Core) -> None:
    [reply] = await Conversation(sample_core).message("ประชุมค้ามนุษย์ ไทย เวียดนาม", User(5))
    html = reply.html
    assert html.count("<b>") == PAGE_SIZE + 1
    assert "25 ก.ย. 2567" in html and f'href="{SEED_URL}"' in html
    actions = [b.action for row in reply.buttons for b in row]
    assert actions[-1] == "hotline"
    more = next(a for a in actions if a.startswith("more:"))
    page = await Conversation(sample_core).button(more, User(5))
    assert page.edit and "(4–6 จาก" in page.reply.plain


async def test_every_reply_fits_telegram(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    replies = [r for q in ("ค้ามนุษย์", "trafficking", "x" * 5000, "ช่วยด้วย ถูกขัง", "IOM")
               for r in await talk.message(q, User(6))]
    replies += [await talk.command(c, User(6)) for c in ("start", "help", "hotline", "partners",
                                                          "about", "latest", "lang", "nope")]
    for reply in replies:
        assert visible_length(reply.paragraphs) <= MAX_MESSAGE_CHARS
        assert reply.plain


async def test_unknown_or_stale_buttons_are_answered_kindly(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    stale = await talk.button("more:0000000000000000:3", User(7))
    assert not stale.edit and "หมดอายุ" in stale.reply.plain
    junk = await talk.button("garbage:::", User(7))
    assert junk.reply.plain


async def test_terminal_chat_uses_the_same_conversation(sample_core: Core) -> None:
    lines = iter(["ค้ามนุษย์ เวียดนาม", "2", "/quit"])
    out: list[str] = []
    await run_chat(sample_core, read=lambda _prompt: next(lines), write=out.append)
    results = out[1]
    assert "1. ปลัด พม. พร้อมคณะ" in results and "[1] ผลลัพธ์เพิ่มเติม ▶" in results
    assert "[2] ☎ สายด่วน 1300" in results
    assert "1300" in out[2] and "ที่มา" in out[2]


def test_buttons_render_as_numbers() -> None:
    text, flat = render_buttons([[Button("a", "x"), Button("b", url="https://e.org")]])
    assert text == "[1] a  [2] b (https://e.org)"
    assert [b.label for b in flat] == ["a", "b"]


def test_html_escapes_every_piece_of_text() -> None:
    html = to_html([["<i>x</i> & ", Bold("<b>"), Link("a\"b", 'https://e.org/"><script>')]])
    assert "<i>" not in html and "<script>" not in html
    assert html.startswith("&lt;i&gt;x&lt;/i&gt; &amp; <b>&lt;b&gt;</b>")


def test_button_actions_must_fit_callback_data() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        Button("x", "ค" * 30)


async def test_english_readers_learn_what_a_thai_release_is_about(sample_core: Core) -> None:
    [reply] = await Conversation(sample_core).message(
        "Thailand Vietnam trafficking meeting Dalat", User(8))
    first_release = reply.plain.split("\n\n")[1].splitlines()
    assert first_release[0].startswith("1. ปลัด พม. พร้อมคณะ")
    about = first_release[1]
    assert about.startswith("25 Sep 2024 · in Thai · ")
    assert "Vietnam" in about and "IOM" in about and "human trafficking" in about
