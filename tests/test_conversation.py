"""The conversation (what the bot says), without Telegram: languages, pages, limits."""

from __future__ import annotations

import pytest

from bot.actions import (
    ACTIONS,
    ChooseLanguage,
    ForgetMe,
    LatestPage,
    PartnersPage,
    RunExample,
    SearchPage,
    ShowHotline,
    ShowPartner,
)
from bot.chat import render_buttons, run_chat
from bot.conversation import COMMANDS, Conversation, User
from bot.core import Core
from bot.i18n import LANGS
from bot.message import read_message
from bot.render import MAX_MESSAGE_CHARS, Bold, Button, Link, to_html, visible_length
from bot.replies import PAGE_SIZE
from tests.conftest import SEED_URL


async def test_language_follows_choice_then_script_then_telegram(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    assert await talk.language(User(1, "en"), read_message("ค้ามนุษย์")) == "th"
    assert await talk.language(User(1, "th"), read_message("trafficking")) == "en"
    assert await talk.language(User(1, "en")) == "en"
    assert await talk.language(User(1, "th-TH")) == "th"
    await sample_core.choose_language(1, "en")
    try:
        assert await talk.language(User(1, "th"), read_message("ค้ามนุษย์")) == "en"
    finally:
        await sample_core.forget(1)
    assert await sample_core.language_choice(1) is None


async def test_results_page_has_titles_dates_links_and_buttons(sample_core: Core) -> None:
    [reply] = await Conversation(sample_core).message("ประชุมค้ามนุษย์ ไทย เวียดนาม", User(5))
    html = reply.html
    assert html.count("<b>") == PAGE_SIZE + 1
    assert "25 ก.ย. 2567" in html and f'href="{SEED_URL}"' in html
    actions = [b.action for row in reply.buttons for b in row]
    assert actions[-1] == ShowHotline()
    more = next(a for a in actions if isinstance(a, SearchPage))
    page = await more.press(Conversation(sample_core), User(5))
    assert page.edit and "(4–6 จาก" in page.replies[0].plain


@pytest.mark.parametrize(("question", "lang", "says"), [
    ("ราคาทองวันนี้", "th", "ไม่มีข่าวในเรื่องนี้"),
    ("weather forecast Chiang Mai", "en", "I have nothing on that"),
    # Words the bot does not know, in a language the releases are not written in.
    ("giá vàng hôm nay", "vi", "Không có tin nào về chủ đề này"),
    # ... with "latest" (gold price, latest): not the newest releases.
    ("giá vàng mới nhất", "vi", "Không có tin nào về chủ đề này"),
    ("harga emas terbaru", "id", "Tidak ada berita tentang hal ini"),
])
async def test_an_off_topic_question_says_what_the_bot_covers_with_two_examples(
        sample_core: Core, question: str, lang: str, says: str) -> None:
    [reply] = await Conversation(sample_core).message(question, User(6, lang))
    assert reply.plain.startswith(says)
    actions = [b.action for row in reply.buttons for b in row]
    assert actions == [RunExample(lang, 0), RunExample(lang, 1), ShowHotline()]
    example = await actions[0].press(Conversation(sample_core), User(6, lang))
    assert "ไม่มีข่าวในเรื่องนี้" not in example.replies[0].plain
    assert "I have nothing on that" not in example.replies[0].plain


async def test_every_reply_fits_telegram(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    replies = [r for q in ("ค้ามนุษย์", "trafficking", "x" * 5000, "ช่วยด้วย ถูกขัง", "IOM",
                           "人口贩卖", "buôn người " * 400, "လူကုန်ကူးမှု")
               for r in await talk.message(q, User(6))]
    for command in COMMANDS:
        replies += await command.reply(talk, User(6), "")
    replies += await talk.unknown_command(User(6))
    for reply in replies:
        assert visible_length(reply.paragraphs) <= MAX_MESSAGE_CHARS
        assert reply.plain


async def test_unknown_or_stale_buttons_are_answered_kindly(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    stale = await SearchPage("0000000000000000", 3).press(talk, User(7))
    assert not stale.edit and "หมดอายุ" in stale.replies[0].plain
    junk = await talk.stale_button(User(7))
    assert junk.replies[0].plain and not junk.edit
    unknown = await ShowPartner("no_such_partner").press(talk, User(7))
    assert "หมดอายุ" in unknown.replies[0].plain


async def test_terminal_chat_uses_the_same_conversation(sample_core: Core) -> None:
    lines = iter(["ค้ามนุษย์ เวียดนาม", "2", "1", "/quit"])
    out: list[str] = []
    await run_chat(sample_core, read=lambda _prompt: next(lines), write=out.append)
    results = out[1]
    assert "1. ปลัด พม. พร้อมคณะ" in results and "[1] ผลลัพธ์เพิ่มเติม ▶" in results
    assert "[2] 🗓 ลำดับเหตุการณ์" in results and "[3] ☎ สายด่วน 1300" in results
    # The timeline button: the same releases by month, oldest first, with the hotline.
    assert out[2].startswith("ลำดับเหตุการณ์: “ค้ามนุษย์ เวียดนาม”")
    assert "[1] ☎ สายด่วน 1300" in out[2]
    assert "1300" in out[3] and "ที่มา" in out[3]


def test_buttons_render_as_numbers() -> None:
    text, flat = render_buttons([[Button("a", ShowHotline()), Button("b", url="https://e.org")]])
    assert text == "[1] a  [2] b (https://e.org)"
    assert [b.label for b in flat] == ["a", "b"]


def test_html_escapes_every_piece_of_text() -> None:
    html = to_html([["<i>x</i> & ", Bold("<b>"), Link("a\"b", 'https://e.org/"><script>')]])
    assert "<i>" not in html and "<script>" not in html
    assert html.startswith("&lt;i&gt;x&lt;/i&gt; &amp; <b>&lt;b&gt;</b>")


def test_button_actions_must_fit_callback_data() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        Button("x", ShowPartner("p" * 60))


@pytest.mark.parametrize("action", [
    SearchPage("0123456789abcdef", 3), LatestPage(6), ShowHotline(), RunExample("th", 2),
    ChooseLanguage("en"), PartnersPage(1), ShowPartner("iom"), ForgetMe(),
])
def test_each_action_reads_back_its_own_data_and_only_it(action: object) -> None:
    kind = type(action)
    assert kind in ACTIONS
    data = action.data  # type: ignore[attr-defined]
    assert kind.parse(data) == action  # type: ignore[attr-defined]
    assert [k for k in ACTIONS if k.pattern.match(data)] == [kind]
    assert kind.parse(data + ":") is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("data", ["latest:99999999999999999999", "more:XYZ:3", "partners:-1",
                                  "hotline ", "ex:th:", "garbage:::", ""])
def test_forged_or_damaged_data_is_no_action(data: str) -> None:
    assert not any(kind.pattern.match(data) for kind in ACTIONS)


async def test_english_readers_learn_what_a_thai_release_is_about(sample_core: Core) -> None:
    [reply] = await Conversation(sample_core).message(
        "Thailand Vietnam trafficking meeting Dalat", User(8))
    first_release = reply.plain.split("\n\n")[1].splitlines()
    assert first_release[0].startswith("1. ปลัด พม. พร้อมคณะ")
    about = first_release[1]
    assert about.startswith("25 Sep 2024 · in Thai · ")
    assert "Vietnam" in about and "IOM" in about and "human trafficking" in about


BURMESE_PLEA = "ကူညီပါ။ အလုပ်ရှင်က ကျွန်တော့် ပတ်စပို့ကို သိမ်းထားတယ်"


async def test_a_burmese_plea_gets_the_help_card_in_burmese(sample_core: Core) -> None:
    replies = await Conversation(sample_core).message(BURMESE_PLEA, User(9))
    card = replies[0].plain
    assert card.startswith("အကူအညီရနိုင်သည့်နေရာ")  # "where to get help", in Burmese
    assert "သင် တစ်ယောက်တည်း မဟုတ်ပါ" in card  # the calm line
    lines = card.split("\n")
    assert lines[2].startswith("☎ 1300")
    assert lines[3].startswith("☎ 1694") and "မြန်မာ" in lines[3]  # interpreters in Burmese
    assert "+66 2 572 8442" in card and "https://lin.ee/GetbF8D" in card  # from abroad
    assert replies[0].contact is not None and replies[0].contact.phone == "1300"
    footer = replies[-1].plain.split("\n")[-1]
    assert "1300" in footer and "1694" in footer


async def test_a_chinese_search_finds_releases_and_says_they_are_in_thai(sample_core: Core,
                                                                        ) -> None:
    [reply] = await Conversation(sample_core).message("人口贩卖 越南", User(10))
    text = reply.plain
    assert "这些新闻是泰文或英文的" in text
    assert SEED_URL in text and "泰文" in text
    assert text.split("\n")[-1].startswith("在泰国需要帮助？请拨打1300")


@pytest.mark.parametrize(("message", "lang", "says"), [
    ("hi", "en", "Hello. This bot searches"),
    ("Hello there!", "en", "Hello. This bot searches"),
    ("สวัสดีครับ", "th", "สวัสดีครับ บอทนี้ค้นข่าว"),
    ("how are you today?", "en", "Hello. This bot searches"),
    ("Xin chào", "vi", "Xin chào. Bot này tìm tin"),
    ("你好", "zh", "您好。本机器人"),
])
async def test_a_greeting_gets_the_welcome_in_its_language_not_releases(
        sample_core: Core, message: str, lang: str, says: str) -> None:
    [reply] = await Conversation(sample_core).message(message, User(11))
    assert reply.plain.startswith(says)
    assert "1300" in reply.plain
    actions = [b.action for row in reply.buttons for b in row]
    assert RunExample(lang, 0) in actions and ShowHotline() in actions
    assert not any(isinstance(a, SearchPage) for a in actions)


@pytest.mark.parametrize(("message", "says"), [
    ("thank you so much", "Glad to help."),
    ("ขอบคุณมากค่ะ", "ยินดีครับ"),
    ("bye", "Glad to help."),
    ("cảm ơn", "Rất vui được giúp."),
])
async def test_thanks_get_a_short_reply_and_the_hotline_not_releases(
        sample_core: Core, message: str, says: str) -> None:
    answer = await sample_core.ask(sample_core.read(message))
    assert answer.intent == "thanks" and answer.results == []
    [reply] = await Conversation(sample_core).message(message, User(12))
    assert reply.plain.startswith(says)
    assert [b.action for row in reply.buttons for b in row] == [ShowHotline()]


@pytest.mark.parametrize(("message", "says"), [
    ("what can you do?", "How to use it"),
    ("Hi, how do I use this bot?", "How to use it"),
    ("คุณทำอะไรได้บ้างครับ", "วิธีใช้"),
    ("เมนู", "วิธีใช้"),
])
async def test_a_question_about_the_bot_gets_the_help_text(
        sample_core: Core, message: str, says: str) -> None:
    answer = await sample_core.ask(sample_core.read(message))
    assert answer.intent == "usage" and answer.results == []
    talk = Conversation(sample_core)
    [reply] = await talk.message(message, User(13))
    [help_reply] = await talk.help(User(13, "th" if says == "วิธีใช้" else "en"))
    assert reply.plain.startswith(says) and reply.plain == help_reply.plain


async def test_a_greeting_with_a_question_is_searched(sample_core: Core) -> None:
    answer = await sample_core.ask(sample_core.read("สวัสดีครับ ค้ามนุษย์ เวียดนาม"))
    assert answer.intent == "search" and answer.results
    plea = await sample_core.ask(sample_core.read("hello help me they took my passport"))
    assert plea.intent == "distress"


async def test_lang_offers_all_eight_languages_each_in_its_own_name(sample_core: Core) -> None:
    [reply] = await Conversation(sample_core).lang(User(12))
    buttons = [b for row in reply.buttons for b in row]
    assert [b.action for b in buttons] == [ChooseLanguage(code) for code in LANGS]
    assert [b.label for b in buttons][2:] == ["မြန်မာ", "ខ្មែរ", "ລາວ", "Tiếng Việt", "中文",
                                              "Bahasa Indonesia"]
    chosen = await ChooseLanguage("km").press(Conversation(sample_core), User(12))
    assert "ភាសាខ្មែរ" in chosen.replies[0].plain
    assert await sample_core.language_choice(12) == "km"
    await sample_core.forget(12)


async def test_telegram_language_codes_pick_the_interface(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    assert await talk.language(User(13, "zh-hans")) == "zh"
    assert await talk.language(User(13, "in")) == "id"
    assert await talk.language(User(13, "de")) == "en"


async def test_a_follow_up_changes_only_the_year_or_the_country_of_the_last_question(
        sample_core: Core) -> None:
    talk = Conversation(sample_core)
    await talk.message("ค้ามนุษย์ เวียดนาม 2566", User(7, "th"))
    [reply] = await talk.message("แล้วปี 2567 ล่ะ", User(7, "th"))
    assert reply.plain.startswith("ข่าวที่ตรงกับ “ค้ามนุษย์ เวียดนาม ปี 2567”")
    await talk.message("trafficking victims Vietnam", User(7, "en"))
    [reply] = await talk.message("and Cambodia?", User(7, "en"))
    assert reply.plain.startswith("Releases for “trafficking victims Cambodia”")
    # Another chat has no last question; a message that is a question of its own is one.
    [other] = await talk.message("and Cambodia?", User(8, "en"))
    assert "trafficking victims" not in other.plain.split("\n")[0]
    [own] = await talk.message("IOM cooperation 2024", User(7, "en"))
    assert "Cambodia" not in own.plain.split("\n")[0]


async def test_forget_also_drops_the_question_kept_for_a_follow_up(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    await talk.message("ค้ามนุษย์ เวียดนาม", User(10, "th"))
    await talk.forget(User(10, "th"))
    [reply] = await talk.message("แล้วปี 2567 ล่ะ", User(10, "th"))
    assert "เวียดนาม" not in reply.plain.split("\n")[0]


async def test_a_plea_is_never_kept_for_a_follow_up(sample_core: Core) -> None:
    talk = Conversation(sample_core)
    await talk.message("ค้ามนุษย์ เวียดนาม", User(9, "th"))
    await talk.message("ช่วยด้วย ถูกขังอยู่", User(9, "th"))
    [reply] = await talk.message("แล้วปี 2567 ล่ะ", User(9, "th"))
    assert "เวียดนาม" not in reply.plain.split("\n")[0]
