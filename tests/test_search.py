"""Search over the index of ../shared/corpus/sample: languages, typos, dates, hostile input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core import Core, open_core
from bot.query import Group, fts_phrase
from bot.search import FOREIGN_WORD, SPECIFIC_DOCS, weights_in
from bot.summary import SUMMARY_MAX
from tests.conftest import DATA, SEED_URL, build_index, release_text, search, settings_for

DETAILS = "https://www.thaigov.go.th/news/contents/details/"


async def urls(core: Core, query: str, limit: int = 10) -> list[str]:
    answer = await search(core, query, limit=limit)
    return [result.url for result in answer.results]


@pytest.mark.parametrize(
    "query", ["ประชุมค้ามนุษย์ ไทย เวียดนาม", "Thailand Vietnam trafficking meeting Dalat"]
)
async def test_seed_release_comes_first(sample_core: Core, query: str) -> None:
    assert (await urls(sample_core, query))[0] == SEED_URL


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # Thai keywords and a Thai question.
        ("พม. จับมือ ไอโอเอ็ม", "65280", 1),
        ("ไทยถูกจัดอยู่ระดับ Tier 2 ปีไหน", "57075", 3),
        # English for English releases (57083; Thai releases on the same news may lead).
        ("Tier 2 TIP report 2022", "57083", 5),
        ("TIP Heroes award Apinya", "57100", 1),
        # English for Thai-only releases.
        ("IOM cooperation MSDHS", "65280", 3),
        ("Myanmar bilateral meeting trafficking 2025", "93118", 3),
        # Typos, in both scripts.
        ("trafficing vietnam dalat", "88388", 1),
        ("ค้ามนุษ เวียดนาม", "88388", 1),
        ("แรงงานบังคบ ประมง", "54559", 5),
    ],
)
async def test_expected_release_is_near_the_top(
    sample_core: Core, query: str, expected: str, within: int
) -> None:
    found = await urls(sample_core, query)
    assert DETAILS + expected in found[:within], found[:within]


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("ค้ามนุษย์ มิถุนายน 2566", date(2023, 6, 1), date(2023, 6, 30)),
        ("trafficking June 2023", date(2023, 6, 1), date(2023, 6, 30)),
        ("ค้ามนุษย์ ก.ย. 67", date(2024, 9, 1), date(2024, 9, 30)),
    ],
)
async def test_date_limits_hold(sample_core: Core, query: str, start: date, end: date) -> None:
    answer = await search(sample_core, query, limit=20)
    assert answer.results
    assert all(start <= r.date <= end for r in answer.results)
    assert (answer.date_from, answer.date_to) == (start, end)


async def test_a_year_is_a_preference_not_a_limit(sample_core: Core) -> None:
    answer = await search(sample_core, "IOM 2023", limit=10)
    assert answer.results[0].date.year == 2023
    in_year = [r.date.year == 2023 for r in answer.results]
    assert in_year == sorted(in_year, reverse=True), "releases of 2023 come first"


async def test_a_day_without_releases_widens_to_its_month(sample_core: Core) -> None:
    answer = await search(sample_core, "ค้ามนุษย์ 3 ก.ย. 2567")
    assert answer.results
    assert (answer.date_from, answer.date_to) == (date(2024, 9, 1), date(2024, 9, 30))


async def test_june_2023_campaign_releases_are_found(sample_core: Core) -> None:
    found = await urls(sample_core, "รณรงค์ต่อต้านการค้ามนุษย์ มิถุนายน 2566")
    assert {DETAILS + n for n in ("68824", "69018", "69032")} <= set(found[:5])


async def test_a_date_alone_lists_that_period_newest_first(sample_core: Core) -> None:
    answer = await search(sample_core, "กันยายน 2567", limit=5)
    days = [r.date for r in answer.results]
    assert days and days == sorted(days, reverse=True)
    assert all(d.year == 2024 and d.month == 9 for d in days)


@pytest.mark.parametrize("link", [
    SEED_URL, SEED_URL.replace("https://www.", "") + "/", f"  {SEED_URL}?ref=line#top ",
])
async def test_a_link_alone_answers_with_its_release(sample_core: Core, link: str) -> None:
    answer = await sample_core.ask(sample_core.read(link))
    assert [r.url for r in answer.results] == [SEED_URL] and answer.message is None


async def test_a_link_to_no_release_is_off_topic(sample_core: Core) -> None:
    answer = await sample_core.ask(sample_core.read(SEED_URL[:-1] + "0"))
    assert answer.results == [] and answer.message == "off_topic"


@pytest.mark.parametrize("question", ["latest", "ล่าสุด", "tin mới nhất", "最新",
                                      # "today" alone: no release may be of today.
                                      "ข่าววันนี้", "news today", "今天",
                                      # with a word for news in a language not read
                                      "tin tức hôm nay", "今天新闻", "berita hari ini"])
async def test_latest_alone_lists_the_newest_releases(sample_core: Core, question: str) -> None:
    answer = await search(sample_core, question, limit=5)
    newest = await sample_core.newest(limit=5)
    assert answer.message is None and len(answer.results) == 5
    assert [r.id for r in answer.results] == [r.id for r in newest.results]


async def test_results_carry_summary_snippet_and_paging(sample_core: Core) -> None:
    first = await search(sample_core, "ค้ามนุษย์", limit=3)
    second = await search(sample_core, "ค้ามนุษย์", limit=3, offset=3)
    assert first.total > 6 and first.has_more
    assert not {r.id for r in first.results} & {r.id for r in second.results}
    for result in first.results:
        assert 0 < len(result.summary) <= SUMMARY_MAX
        # The snippet shows the question's words, in the release's language.
        assert "ค้ามนุษย์" in result.snippet or "trafficking" in result.snippet.lower()


async def test_no_match_says_so(sample_core: Core) -> None:
    answer = await search(sample_core, "xylophone quantum zebra")
    assert answer.results == [] and answer.message == "no_results"


HOSTILE = [
    "", " ", "a" * 10_000, "ค้ามนุษย์" * 1200, "🙂🔥💀" * 50, '"', '""', "*", "**", "NEAR(",
    "NEAR(a b", "AND OR NOT", "ค้ามนุษย์ AND", "title:ค้ามนุษย์", "^trafficking", "-victim",
    "'; DROP TABLE releases; --", "1' OR '1'='1", "<script>alert(1)</script>", "<b>ค้า</b>",
    "\x00\x01\x02\x1b[31m", "\u200b\u200b", "ค้ามนุษย์\x00", "{title}: x", "a:b:c", "(((",
    ")))", "col:*", "\\", "%_%", "\ufeff", "ー" * 300,
]


@pytest.mark.parametrize("query", HOSTILE)
async def test_hostile_queries_never_raise(sample_core: Core, query: str) -> None:
    answer = await search(sample_core, query)
    assert isinstance(answer.results, list)
    assert answer.results or answer.message
    assert (await sample_core.stats()).releases >= 151


def test_user_text_is_always_quoted_for_match() -> None:
    assert fts_phrase('NEAR(" a') == '"NEAR("" a"'


@pytest.mark.parametrize("question", [
    "ราคาทองวันนี้", "weather forecast Chiang Mai tomorrow", "bitcoin price today",
    "Taylor Swift concert Bangkok", "' OR 1=1 --", "how to cook pad thai",
    "SELECT * FROM releases WHERE 1=1",
])
async def test_a_question_off_the_releases_topics_gets_no_releases(
        sample_core: Core, question: str) -> None:
    answer = await sample_core.ask(sample_core.read(question))
    assert answer.results == [] and answer.total == 0
    assert answer.message in ("off_topic", "no_results")


@pytest.mark.parametrize("question", [
    "ค้ามนุษย์ เวียดนาม", "IOM cooperation 2024", "TIP Heroes award Apinya", "Dalat",
    "คามนุษย เวียดนาม",  # the topic typed without its tone marks
])
async def test_a_question_on_the_releases_topics_is_answered(
        sample_core: Core, question: str) -> None:
    answer = await sample_core.ask(sample_core.read(question))
    assert answer.results and answer.message != "off_topic"
    assert answer.fit is not None and answer.fit >= 0.7


async def test_a_help_card_comes_first_even_for_words_the_releases_lack(
        sample_core: Core) -> None:
    answer = await sample_core.ask(sample_core.read("ช่วยด้วย ถูกขังอยู่ ราคาทอง"))
    assert answer.card is not None and answer.message != "off_topic"


async def test_only_words_that_are_not_words_are_corrected(sample_core: Core) -> None:
    def corrected(text: str) -> dict[str, str]:
        return sample_core.engine.parser.speller.correct(text).corrections

    assert corrected("quote") == {}
    assert corrected("Taylor") == {}
    assert corrected("trafficing") == {"trafficing": "trafficking"}
    assert corrected("emergancy") == {"emergancy": "emergency"}
    # A short word is only corrected one edit away: "Mitr" (Mitr Phol) is a name.
    assert corrected("Mitr") == {}
    assert corrected("traficking") == {"traficking": "trafficking"}
    # Of the words one letter off, one the releases or the lexicon use: not
    # "polished" (two edits), "later" or "laser".
    assert corrected("polise") == {"polise": "police"}
    assert corrected("laber") == {"laber": "labor"}


async def test_an_english_word_weighs_less_in_a_thai_release(sample_core: Core) -> None:
    query = await sample_core.engine.parse(
        sample_core.read("Finland blueberry harvesters 2023 anukul"))
    labels = [g.label for g in query.groups]
    assert labels[0] == "finland" and "blueberry" in labels
    query.groups.append(Group("2023", ("2023",), ("2023",)))
    weights = [1.0] * len(query.groups)
    thai = dict(zip([*labels, "2023"], weights_in("th", query.groups, weights), strict=True))
    # A concept, a year, and a name also found in Thai letters keep their weight.
    assert thai["finland"] == thai["2023"] == 1.0
    named = next(g for g in query.groups if g.label == "anukul")
    assert any("อนุกูล" in needle for needle in named.needles) and thai["anukul"] == 1.0
    assert thai["blueberry"] == thai["harvesters"] == FOREIGN_WORD
    assert weights_in("en", query.groups, weights) == weights


async def test_words_that_only_carry_a_question_are_not_searched(sample_core: Core) -> None:
    query = await sample_core.engine.parse(
        sample_core.read("what did the govt say about foreigners transited through Mae Sot"))
    concepts = {g.concept.id for g in query.groups if g.concept is not None}
    plain = {g.label for g in query.groups if g.concept is None}
    assert {"government", "immigration", "foreigner", "mae_sot"} <= concepts
    assert plain == set()  # "say", "through", "did", "the", "about" ask nothing
    yet = await sample_core.engine.parse(sample_core.read("สหรัฐถอดกุ้งไทยแล้วหรือยัง"))
    assert "หรือยัง" not in {g.label for g in yet.groups}  # "...yet?" asks nothing either
    us = await sample_core.engine.parse(sample_core.read("US TIP report"))
    assert "us" in {g.label for g in us.groups}  # the US, not "us"


async def core_of_common_words(tmp_path: Path, first: str, second: str,
                               named: dict[str, str] | None = None,
                               bodies: dict[str, tuple[str, ...]] | None = None) -> Core:
    """A core over 2 * (SPECIFIC_DOCS + 1) releases, half with `first` in the title and
    half with `second` (both words of many releases), and the `named` ones (url: title),
    with their `bodies` (url: paragraphs) where given."""
    folder = tmp_path / "releases"
    folder.mkdir()
    titles = {f"{DETAILS}{910000 + n}": f"การประชุม ครั้งที่ {n} {second if n % 2 else first} "
              "เรื่องการค้ามนุษย์" for n in range(2 * (SPECIFIC_DOCS + 1))}
    for n, (url, title) in enumerate({**titles, **(named or {})}.items()):
        body = (bodies or {}).get(url)
        text = release_text(title=title, url=url, **({"body": body} if body else {}))
        (folder / f"r{n:03d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "index.sqlite3"
    await build_index(db, [str(folder)])
    return await open_core(settings_for(db), DATA)


async def test_an_english_verb_is_read_as_the_thai_phrase_of_its_deed(tmp_path: Path) -> None:
    # "sent" is rare in an index of Thai releases; "workers sent" is จัดส่งแรงงาน.
    core = await core_of_common_words(tmp_path, "แรงงาน", "อิสราเอล", {
        f"{DETAILS}919998": "กรมการจัดหางาน จัดส่งแรงงานไทยไปทำงานอิสราเอล 500 คน",
        f"{DETAILS}919997": "Cabinet sent the draft anti-trafficking bill to parliament"})
    try:
        answer = await core.ask(core.read("workers sent to Israel"))
        assert answer.message != "off_topic"
        assert answer.results[0].url == f"{DETAILS}919998"
    finally:
        await core.close()


async def test_a_name_the_dictionary_splits_is_as_specific_as_a_rare_word(
        tmp_path: Path) -> None:
    # มิตรผล (a company) is มิตร + ผล to the dictionary: words of many releases.
    core = await core_of_common_words(tmp_path, "ผล", "มิตร", {
        f"{DETAILS}919999": "ผู้ประกอบการอีสานมิตรผล หนุนการบริหารแรงงานที่ดี ป้องกันค้ามนุษย์"})
    try:
        answer = await core.ask(core.read("มิตรผล"))
        assert answer.message != "off_topic"
        assert answer.results[0].url == f"{DETAILS}919999"
        # The words apart are still common: a question of them alone is declined.
        apart = await core.ask(core.read("มิตร ผล"))
        assert apart.results == [] and apart.message == "off_topic"
    finally:
        await core.close()


async def test_a_question_in_the_lexicon_s_own_terms_is_answered_however_common(
        tmp_path: Path) -> None:
    # แรงงาน (labour) and กัมพูชา (Cambodia) are concepts of the lexicon, ขึ้นทะเบียน
    # (register) and ราคา ทอง (gold price) plain words: all are in many releases.
    core = await core_of_common_words(tmp_path, "ราคาทอง กัมพูชา", "แรงงานกัมพูชา ขึ้นทะเบียน")
    try:
        answer = await core.ask(core.read("แรงงานกัมพูชา ขึ้นทะเบียน"))
        assert answer.results and answer.message != "off_topic"
        # Mostly everyday words around one concept are still declined.
        gold = await core.ask(core.read("ราคา ทอง กัมพูชา"))
        assert gold.results == [] and gold.message == "off_topic"
    finally:
        await core.close()


async def test_the_word_tier_asks_for_the_trafficking_ranking(tmp_path: Path) -> None:
    # "tier" alone, as people type it, is the TIP ranking: a concept of the lexicon,
    # however many releases say it, not a common word that fits nothing.
    core = await core_of_common_words(tmp_path, "ไทยอยู่ Tier 2", "ไทยอยู่ในรายงาน")
    try:
        for question in ("ไทยอยู่ tier อะไร", "what tier is Thailand"):
            answer = await core.ask(core.read(question))
            assert answer.message is None and answer.results
            assert "Tier 2" in answer.results[0].title
    finally:
        await core.close()


async def test_what_search_remembers_changes_no_answer(sample_core: Core) -> None:
    # The engine keeps each candidate's ranking facts and each English typo's nearest
    # word until the index changes: asked again, or after a reload, the same answers.
    questions = ["ค้ามนุษย์ เวียดนาม", "trafficing victims", "polise raid karaoke",
                 "IOM cooperation 2024", "แรงงานบังคบ ประมง"]
    first = [await urls(sample_core, question) for question in questions]
    assert all(first)
    assert [await urls(sample_core, question) for question in questions] == first
    await sample_core.engine.refresh()  # as after an ingest
    assert [await urls(sample_core, question) for question in questions] == first


async def test_a_release_where_the_subjects_meet_comes_before_one_naming_them_apart(
        tmp_path: Path) -> None:
    # The same words in both releases (so the same bm25 and coverage), and the same lead;
    # in one, trafficking is at Mae Sot, in the other, Mae Sot and trafficking are two
    # stories more than NEAR_WORDS words apart. That one is a day newer.
    lead = "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์รายงานผลการดำเนินงานประจำสัปดาห์"
    filler = " ".join(["การประชุมหารือแนวทางพัฒนาคุณภาพชีวิตของประชาชนในชุมชน"] * 8)
    folder = tmp_path / "releases"
    folder.mkdir()
    releases = {
        "met": ("วันพุธที่ 25 กันยายน 2567",
                (lead, "ช่วยเหลือผู้เสียหายจากการค้ามนุษย์ที่แม่สอด", filler, "ตรวจตลาด")),
        "apart": ("วันพฤหัสบดีที่ 26 กันยายน 2567",
                  (lead, "ตรวจตลาดที่แม่สอด", filler, "ช่วยเหลือผู้เสียหายจากการค้ามนุษย์")),
    }
    for n, (name, (day, body)) in enumerate(releases.items()):
        (folder / f"{name}.txt").write_text(release_text(
            title=f"ผลการดำเนินงานประจำสัปดาห์ ฉบับที่ {n + 1}", date_line=day, body=body,
            url=f"{DETAILS}{930000 + n}"), encoding="utf-8")
    db = tmp_path / "index.sqlite3"
    await build_index(db, [str(folder)])
    core = await open_core(settings_for(db), DATA)
    try:
        both = await search(core, "ค้ามนุษย์ แม่สอด")
        assert [r.url for r in both.results] == [f"{DETAILS}930000", f"{DETAILS}930001"]
        # Asked for one of them, the newer comes first: nearness made the difference.
        one = await search(core, "แม่สอด")
        assert [r.url for r in one.results] == [f"{DETAILS}930001", f"{DETAILS}930000"]
    finally:
        await core.close()


async def test_a_release_lacking_the_topic_asked_for_comes_after_one_holding_it(
        tmp_path: Path) -> None:
    # Trafficking is in every release of this index, Mae Sot in two: by rarity alone Mae
    # Sot is nearly all of "ค้ามนุษย์ แม่สอด". Two releases on the Mae Sot border, alike
    # but for their last words: a call-centre raid at Mae Sot, which says Mae Sot once
    # more (without the rule it comes first), and trafficking, which was asked for.
    raid, trafficking = f"{DETAILS}931000", f"{DETAILS}931001"
    story = "ตำรวจตรวจพื้นที่อำเภอแม่สอด " + " ".join(
        ["การประชุมหารือแนวทางพัฒนาคุณภาพชีวิตของประชาชนในชุมชน"] * 6)
    core = await core_of_common_words(tmp_path, "ภาคเหนือ", "ภาคใต้", {
        raid: "สถานการณ์ชายแดนแม่สอด ฉบับที่ 1", trafficking: "สถานการณ์ชายแดนแม่สอด ฉบับที่ 2"}, {
        raid: (f"{story} แก๊งคอลเซ็นเตอร์ที่แม่สอด",), trafficking: (f"{story} ค้ามนุษย์",)})
    try:
        answer = await search(core, "ค้ามนุษย์ แม่สอด")
        assert [r.url for r in answer.results[:2]] == [trafficking, raid]
    finally:
        await core.close()
