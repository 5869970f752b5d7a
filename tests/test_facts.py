"""The answer line (bot/facts.py), questions for the newest, and a year as a topic:
the passage finder on paragraphs written for the test, then the real engine over
the index of ../shared/corpus/sample."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation import Conversation
from bot.core import Core
from bot.facts import Ask, Asks, Source, find_facts
from bot.matcher import TermMatcher
from bot.message import read_message

TRAFFICKING, YEAR = 0, 1
NEEDLES = TermMatcher([("ค้ามนุษย์", TRAFFICKING), ("2565", YEAR), ("2022", YEAR)],
                      prefixes=True)
WEIGHTS = [1.0, 0.8]


def source(body: str, url: str = "https://example.org/1", day: date = date(2023, 11, 14)
           ) -> Source:
    return Source(url, day, body, WEIGHTS)


@pytest.mark.parametrize(("question", "kind", "unit"), [
    ("ปี 2565 ดำเนินคดีค้ามนุษย์กี่คดี", "figure", "คดี"),
    ("สถานคุ้มครองมีกี่ แห่ง", "figure", "แห่ง"),
    ("ผู้เสียหายอยู่สถานคุ้มครองเฉลี่ยกี่วัน", "figure", "วัน"),
    ("how many foreign victims were rescued", "figure", "foreign victims"),
    ("ประธานคณะกรรมการคือใคร", "who", None),
    ("when was the MOU signed", "when", None),
    ("which tier is Thailand", "rank", None),
    ("ค้ามนุษย์ เวียดนาม", None, None),
    # "กี่" of "เกี่ยวกับ" (about), "who" of "whole": pieces of other words ask nothing.
    ("ข่าวที่เกี่ยวข้องกับค้ามนุษย์ปี 2566", None, None),
    ("the whole report on trafficking", None, None),
    # A classifier of no list, as the question writes it, without its particles.
    ("งานวันต่อต้านการค้ามนุษย์ มอบรางวัลดีเด่นกี่รางวัลครับ", "figure", "รางวัล"),
    ("สหรัฐแบ่งระดับสถานการณ์การค้ามนุษย์เป็นกี่ระดับ", "figure", "ระดับ"),
])
def test_what_a_question_asks_for(question: str, kind: str | None, unit: str | None) -> None:
    ask = Asks().ask(question)
    assert (ask.kind if ask else None) == kind
    assert (ask.unit if ask else None) == unit


def test_the_figure_of_the_year_asked_is_found_with_what_it_counts() -> None:
    body = ("เจ้าหน้าที่กว่า 50 คน เข้าร่วมประชุมเรื่องการค้ามนุษย์\n"
            "ผลการดำเนินคดีค้ามนุษย์ ปี 2564 จำนวน 188 คดี และปี 2565 จำนวน 253 คดี")
    [fact] = find_facts(Ask("figure", "คดี"), [source(body)], NEEDLES, must=[YEAR])
    assert "253 คดี" in fact.text and fact.url == "https://example.org/1"
    assert fact.as_json() == {"text": fact.text, "url": fact.url, "date": "2023-11-14"}


def test_a_figure_of_a_release_on_the_year_asked_needs_no_year_beside_it() -> None:
    body = ("รายงานผลการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์ ประจำปี 2565\n"
            "คุ้มครองผู้เสียหายจากการค้ามนุษย์ ใช้ระยะเวลาเฉลี่ย 129 วัน ลดลงจาก 143 วัน ในปี 2564")
    [fact] = find_facts(Ask("figure", "วัน"), [source(body)], NEEDLES, must=[YEAR])
    assert fact.value == "129"  # 143 is 2564's
    # Without the year opening the release, a figure far from it is no answer; nor
    # when the year only dates the release.
    assert find_facts(Ask("figure", "วัน"), [source(body.split("\n")[1])], NEEDLES,
                      must=[YEAR]) == []
    dated = "วันนี้ (28 ส.ค. 2565) ประชุมเรื่องการค้ามนุษย์\n" + body.split("\n")[1]
    assert find_facts(Ask("figure", "วัน"), [source(dated)], NEEDLES, must=[YEAR]) == []


def test_a_count_of_another_year_or_of_those_who_took_part_is_no_answer() -> None:
    report = ("รายงานการค้ามนุษย์ ประจำปี 2565\n"
              "มีการสอบสวนเจ้าหน้าที่ในคดีค้ามนุษย์อย่างน้อย 35 คน ในปี 2564")
    assert find_facts(Ask("figure", "คน"), [source(report)], NEEDLES, must=[YEAR]) == []
    campaign = "งานรณรงค์ต่อต้านการค้ามนุษย์ โดยมีผู้เข้าร่วมงานรวมจำนวน 400 คน"
    assert find_facts(Ask("figure", "คน"), [source(campaign)], NEEDLES) == []
    for question in ("งานรณรงค์ค้ามนุษย์มีผู้เข้าร่วมกี่คน", "งานรณรงค์ค้ามนุษย์มีคนเข้าร่วมกี่คน",
                     "how many people attended the anti-trafficking campaign"):
        [fact] = find_facts(Asks().ask(question) or Ask("none"), [source(campaign)], NEEDLES)
        assert fact.value == "400"
    # Nor a count of those the release then lists by name: who came, not who was helped.
    online = ("งานรณรงค์ต่อต้านการค้ามนุษย์ โดยมีผู้เข้าร่วมงานรวมจำนวน 400 คน ณ อาคารอิมแพค "
              "จังหวัดนนทบุรี และผ่านระบบออนไลน์ จำนวน 400 คน ประกอบด้วย นายอนุกูล ปีดแก้ว "
              "ปลัดกระทรวง พร้อมคณะผู้บริหาร")
    assert find_facts(Ask("figure", "คน"), [source(online)], NEEDLES) == []
    # Those arrested are counted, named or not.
    arrested = "จับกุมผู้ต้องหาค้ามนุษย์ 3 คน ประกอบด้วย นายเอ นายบี และนางซี"
    [fact] = find_facts(Ask("figure", "คน"), [source(arrested)], NEEDLES)
    assert fact.value == "3"
    helped = "ช่วยเหลือผู้เสียหายจากการค้ามนุษย์ จำนวน 12 คน ประกอบด้วย ชาย 5 คน หญิง 7 คน"
    [fact] = find_facts(Ask("figure", "คน"), [source(helped)], NEEDLES)
    assert fact.value == "12"


def test_a_count_is_of_people_when_people_are_asked_for_in_either_language() -> None:
    body = ("ปี 2565 ดำเนินคดีค้ามนุษย์ 400,000 คดี\n"
            "ปี 2565 ให้ความช่วยเหลือผู้เสียหายจากการค้ามนุษย์ 1,120 ราย")
    # "how many victims" of a Thai release: people are "คน" or "ราย", not "คดี".
    [fact] = find_facts(Ask("figure", "victims"), [source(body)], NEEDLES)
    assert fact.value == "1,120"
    [fact] = find_facts(Ask("figure", "คน"), [source(body)], NEEDLES)
    assert fact.value == "1,120"
    # Nor are items ("รายการ") people, though the word begins as "ราย" does.
    blocked = "ปี 2565 ปิดกั้นเว็บไซต์ค้ามนุษย์แล้ว จำนวน 42,050 รายการ"
    assert find_facts(Ask("figure", "victims"), [source(blocked)], NEEDLES) == []
    assert find_facts(Ask("figure", "ราย"), [source(blocked)], NEEDLES) == []
    # Nor is a count of anything else a count of countries.
    assert find_facts(Ask("figure", "countries"), [source(body)], NEEDLES) == []


def test_a_count_of_other_nationals_answers_no_question_about_thais() -> None:
    body = ("ปี 2565 ช่วยเหลือแรงงานสัญชาติเมียนมา จำนวน 287 คน จากขบวนการค้ามนุษย์ "
            "และช่วยเหลือคนไทย จำนวน 41 คน")
    for question in ("ปี 2565 ช่วยเหลือคนไทยจากการค้ามนุษย์กี่คน",
                     "how many Thais were rescued from trafficking in 2022"):
        asked = Asks().ask(question) or Ask("none")
        [fact] = find_facts(asked, [source(body)], NEEDLES)
        assert fact.value == "41", question
    # A question about anyone may be answered with either.
    facts = find_facts(Asks().ask("ปี 2565 ช่วยเหลือผู้เสียหายค้ามนุษย์กี่คน") or Ask("none"),
                       [source(body)], NEEDLES)
    assert facts and facts[0].value in {"287", "41"}
    only_myanmar = "ปี 2565 ช่วยเหลือแรงงานสัญชาติเมียนมา จำนวน 287 คน จากขบวนการค้ามนุษย์"
    assert find_facts(Asks().ask("how many Thais were rescued from trafficking in 2022")
                      or Ask("none"), [source(only_myanmar)], NEEDLES) == []


def test_a_count_of_the_dead_or_hurt_answers_only_a_question_about_them() -> None:
    body = ("ปี 2565 เกิดเหตุที่ชายแดน มีผู้เสียชีวิต 22 ราย บาดเจ็บ 9 ราย "
            "ต่อมาเจ้าหน้าที่ช่วยเหลือคนไทยจากขบวนการค้ามนุษย์กลับประเทศ จำนวน 41 คน")
    for question in ("ปี 2565 ช่วยเหลือคนไทยจากการค้ามนุษย์กี่คน",
                     "how many Thais were rescued from trafficking in 2022"):
        [fact] = find_facts(Asks().ask(question) or Ask("none"), [source(body)], NEEDLES)
        assert fact.value == "41", question
    only_dead = "ปี 2565 เหตุค้ามนุษย์ที่ชายแดน ประชาชนจำนวน 22 ราย เสียชีวิตจากโควิด-19"
    assert find_facts(Asks().ask("ปี 2565 ช่วยเหลือคนไทยจากการค้ามนุษย์กี่คน") or Ask("none"),
                      [source(only_dead)], NEEDLES) == []
    # Asked how many died, the dead are counted.
    [dead] = find_facts(Asks().ask("how many died in 2022 trafficking cases") or Ask("none"),
                        [source(only_dead)], NEEDLES)
    assert dead.value == "22"


def test_a_count_in_rai_answers_only_with_what_is_counted_named_before_it() -> None:
    # "ราย" counts people, cases and accounts alike: "how many victims" is not answered
    # by a count of mule accounts, though victims are named in the same passage.
    victims = 2
    needles = TermMatcher([("ค้ามนุษย์", TRAFFICKING), ("2565", YEAR), ("ผู้เสียหาย", victims)],
                          prefixes=True)
    accounts = ("ปี 2565 จับกุมบัญชีม้าจำนวนรวม 2,495 ราย "
                "ซึ่งใช้หลอกลวงผู้เสียหายจากการค้ามนุษย์และการพนันออนไลน์")
    weighed = Source("https://example.org/1", date(2023, 11, 14), accounts, [1.0, 0.8, 1.0])
    ask = Ask("figure", "victims")
    assert find_facts(ask, [weighed], needles) != []  # without knowing what is counted
    assert find_facts(ask, [weighed], needles, counted=[victims]) == []
    helped = Source("https://example.org/2", date(2023, 11, 14),
                    "ปี 2565 ช่วยเหลือผู้เสียหายจากการค้ามนุษย์ 1,120 ราย", [1.0, 0.8, 1.0])
    [fact] = find_facts(ask, [weighed, helped], needles, counted=[victims])
    assert fact.value == "1,120"


def test_dates_years_and_times_are_no_figures_and_nothing_is_guessed() -> None:
    body = "วันที่ 24 เมษายน 2565 เวลา 10.00 น. ประชุมเรื่องการค้ามนุษย์ ครั้งที่ 3/2565"
    assert find_facts(Ask("figure"), [source(body)], NEEDLES) == []
    elsewhere = "ช่วยเหลือผู้เสียหายได้ 40 คน"  # a figure, but not near the subject
    assert find_facts(Ask("figure"), [source(elsewhere)], NEEDLES) == []


def test_two_releases_with_different_figures_are_both_shown_with_their_dates() -> None:
    first = source("ปี 2565 คดีค้ามนุษย์ จำนวน 253 คดี", "https://example.org/a",
                   date(2023, 11, 14))
    second = source("ปี 2565 คดีค้ามนุษย์ จำนวน 250 คดี", "https://example.org/b",
                    date(2023, 3, 1))
    facts = find_facts(Ask("figure", "คดี"), [first, second], NEEDLES)
    assert [f.value for f in facts] == ["253", "250"]
    assert [f.date for f in facts] == [date(2023, 11, 14), date(2023, 3, 1)]


def test_a_count_of_the_whole_comes_before_a_count_of_some() -> None:
    some = source("ผู้อำนวยการสถานคุ้มครองผู้เสียหายจากการค้ามนุษย์ 6 แห่ง เข้าร่วมประชุม",
                  "https://example.org/some")
    whole = source("สถานคุ้มครองผู้เสียหายจากการค้ามนุษย์ ทั้ง 8 แห่งทั่วประเทศ",
                   "https://example.org/whole")
    facts = find_facts(Ask("figure", "แห่ง"), [some, whole], NEEDLES)
    assert [f.value for f in facts] == ["8", "6"]
    # "รวมทั้ง" is "and also", not a whole
    also = source("ผู้เสียหายจากการค้ามนุษย์ รวมทั้ง 5 แห่ง", "https://example.org/also")
    assert [f.value for f in find_facts(Ask("figure", "แห่ง"), [some, also], NEEDLES)] \
        == ["6", "5"]


def test_a_passage_with_all_but_the_most_telling_group_of_three_answers() -> None:
    needles = TermMatcher([("ชาวต่างชาติ", 0), ("สแกมเมอร์", 1), ("แม่สอด", 2)])
    body = ("รัฐบาลเร่งปราบศูนย์สแกมเมอร์ตามแนวชายแดน\n"
            "ตั้งแต่ต้นปี มีชาวต่างชาติผ่านเข้าเมืองที่แม่สอดแล้ว 3,652 ราย")
    answer = Source("https://example.org/1", date(2025, 3, 17), body, [1.0, 3.0, 2.0])
    [fact] = find_facts(Ask("figure"), [answer], needles)
    assert fact.value == "3,652"
    two = Source("https://example.org/1", date(2025, 3, 17), body, [1.0, 3.0])
    two_needles = TermMatcher([("ชาวต่างชาติ", 0), ("สแกมเมอร์", 1)])
    assert find_facts(Ask("figure"), [two], two_needles) == []  # of two, both are needed


def test_who_holds_a_post_is_the_person_whose_post_names_it() -> None:
    needles = TermMatcher([("รัฐมนตรีว่าการ", 0), ("แรงงาน", 1)])
    weights = [2.0, 1.0]
    someone_else = ("ตามที่กระทรวงแรงงานเสนอ โดยมีนายภูมิธรรม เวชยชัย รองนายกรัฐมนตรี"
                    "และรัฐมนตรีว่าการกระทรวงมหาดไทย ลงนามเห็นชอบ")
    answer = Source("https://example.org/1", date(2025, 6, 12), someone_else, weights)
    assert find_facts(Ask("who"), [answer], needles) == []
    # Those who serve the post, before or after the one who holds it, are not it.
    holder = (someone_else + "\nนายอารี ไกรนรา เลขานุการรัฐมนตรีว่าการกระทรวงแรงงาน นายนิยม "
              "เติมศรีสุข และนายพิพัฒน์ รัชกิจประการ รัฐมนตรีว่าการกระทรวงแรงงาน กล่าวว่า")
    answer = Source("https://example.org/1", date(2025, 6, 12), holder, weights)
    [fact] = find_facts(Ask("who"), [answer], needles)
    assert fact.value == "นายพิพัฒน์"


def test_who_took_a_role_at_the_event_answers_though_their_post_serves_another() -> None:
    # "Who opened the day": the minister's assistant he sent, not the minister.
    needles = TermMatcher([("วันรณรงค์ต่อต้านการค้ามนุษย์", 0), ("ประธาน", 1), ("เปิดงาน", 2),
                           ("ประจำ", 3)])
    body = ("วันที่ 5 มิถุนายน 2568 นายวราวุธ ศิลปอาชา รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมฯ "
            "มอบหมายให้นายธเนศพล ธนบุณยวัฒน์ ผู้ช่วยรัฐมนตรีประจำกระทรวงการพัฒนาสังคมฯ "
            "เป็นประธานเปิดงาน \"วันรณรงค์ต่อต้านการค้ามนุษย์\"\n"
            "กำหนดให้วันที่ 5 มิถุนายนของทุกปี เป็นวันรณรงค์ต่อต้านการค้ามนุษย์ เปิดงานโดยประธาน")
    answer = Source("https://example.org/1", date(2025, 6, 5), body, [2.0, 1.0, 3.0, 1.0])
    [fact] = find_facts(Ask("who"), [answer], needles)
    assert fact.value == "นายธเนศพล"
    # A representative of the post is not its holder.
    needles = TermMatcher([("รัฐมนตรีว่าการกระทรวงยุติธรรม", 0)])
    sent = "นายสมชาย ใจดี เป็นผู้แทนรัฐมนตรีว่าการกระทรวงยุติธรรม กล่าวเปิดงาน"
    answer = Source("https://example.org/2", date(2025, 6, 5), sent, [2.0])
    assert find_facts(Ask("who"), [answer], needles) == []


def test_the_groups_a_release_s_title_names_count_for_each_of_its_passages() -> None:
    # "Who led the Thai side at the Thai-Lao meeting on victims": the release says Laos
    # and victims in its title, the head of the delegation in its lead.
    needles = TermMatcher([("หัวหน้าคณะ", 0), ("ลาว", 1), ("ผู้เสียหาย", 2), ("ฝ่ายไทย", 3)])
    body = ("เมื่อวันที่ 12 มีนาคม 2568 นางจตุพร โรจนพานิช รองปลัดกระทรวงการพัฒนาสังคมฯ "
            "หัวหน้าคณะผู้แทนฝ่ายไทย พร้อมคณะเจ้าหน้าที่ร่วมประชุม")
    weights = [3.0, 2.5, 2.0, 1.0]
    untitled = Source("https://example.org/1", date(2025, 3, 13), body, weights)
    assert find_facts(Ask("who"), [untitled], needles) == []
    title = "พม. ร่วมประชุมทวิภาคี ไทย - สปป.ลาว ช่วยเหลือผู้เสียหายจากการค้ามนุษย์"
    titled = Source("https://example.org/1", date(2025, 3, 13), body, weights, title)
    [fact] = find_facts(Ask("who"), [titled], needles)
    assert fact.value == "นางจตุพร"


def test_a_release_s_title_is_read_as_its_first_passage() -> None:
    # "When did the royal decree take effect": the release says so in its title only.
    needles = TermMatcher([("Royal Decree", 0), ("takes effect", 1), ("take effect", 1)])
    body = "Under the law, victims of online scams may call the banks' hotlines 24/7."
    title = ("Royal Decree on Cyber Crime Prevention and Suppression takes effect today "
             "(March 17, 2023)")
    release = Source("https://example.org/1", date(2023, 3, 17), body, [2.0, 1.0], title)
    [fact] = find_facts(Ask("when"), [release], needles)
    assert fact.value == "March 17, 2023" and fact.text == title
    untitled = Source("https://example.org/1", date(2023, 3, 17), body, [2.0, 1.0])
    assert find_facts(Ask("when"), [untitled], needles) == []


def test_a_tier_in_a_condition_is_no_ranking() -> None:
    body = ("ถ้าประเทศไทยถูกจัดระดับไปอยู่ Tier 2 Watch List ในรายงานค้ามนุษย์ จะยุ่งยาก\n"
            "รายงานค้ามนุษย์ ปี 2567 ไทยยังคงอยู่ใน Tier 2 ต่อเนื่องเป็นปีที่ 3")
    [fact] = find_facts(Ask("rank"), [source(body)], NEEDLES)
    assert fact.value == "Tier 2" and "ปีที่ 3" in fact.text


def test_a_day_of_every_year_answers_when() -> None:
    body = "กำหนดให้วันที่ 5 มิถุนายน ของทุกปี เป็นวันต่อต้านการค้ามนุษย์"
    [fact] = find_facts(Ask("when"), [source(body)], NEEDLES)
    assert fact.value == "5 มิถุนายน"


async def test_a_count_question_opens_with_the_passage_that_answers_it(
        sample_core: Core) -> None:
    answer = await sample_core.ask(read_message("สถานคุ้มครองผู้เสียหายมีกี่แห่ง"))
    data = answer.as_json()
    fact = data["answer"]
    assert isinstance(fact, dict) and "8 แห่ง" in fact["text"]
    assert fact["url"].startswith("https://www.thaigov.go.th/") and fact["date"]


async def test_a_tier_question_is_answered_for_that_year(sample_core: Core) -> None:
    # The 2022 release ("Tier 2 ... ปี 2565"), or the 2023 one that says 2022's tier
    # beside its own ("เทียร์ 2 เช่นเดียวกับปี 2565"): not a tier of another year alone.
    answer = await sample_core.ask(read_message("ไทยอยู่ Tier ไหน ปี 2565"))
    assert answer.facts and answer.facts[0].value in ("Tier 2", "เทียร์ 2")
    fact = answer.facts[0]
    assert fact.date.year == 2022 or "ปี 2565" in fact.text


async def test_a_plain_search_has_no_answer_line(sample_core: Core) -> None:
    answer = await sample_core.ask(read_message("ค้ามนุษย์ เวียดนาม"))
    assert answer.results and answer.facts == [] and "answer" not in answer.as_json()


async def test_latest_lists_the_releases_about_it_newest_first(sample_core: Core) -> None:
    answer = await sample_core.ask(read_message("ข่าวค้ามนุษย์ล่าสุด"), limit=10)
    days = [r.date for r in answer.results]
    assert len(days) >= 3 and days == sorted(days, reverse=True)
    plain = await sample_core.ask(read_message("ข่าวค้ามนุษย์"), limit=10)
    assert [r.date for r in plain.results] != sorted(days, reverse=True)


async def test_who_was_in_a_year_lists_that_years_releases_first(sample_core: Core) -> None:
    answer = await sample_core.ask(read_message("ผู้เสียหายจากการค้ามนุษย์ ปี 2566 คือใคร"),
                                   limit=10)
    of_2023 = [r.date.year == 2023 for r in answer.results]
    assert any(of_2023) and not all(of_2023) and of_2023 == sorted(of_2023, reverse=True)
    days = [r.date for r in answer.results if r.date.year == 2023]
    assert days == sorted(days, reverse=True)


async def test_a_year_is_a_subject_of_a_question_asking_for_its_figures(
        sample_core: Core) -> None:
    asking = await sample_core.engine.parse(read_message("ปี 2565 ดำเนินคดีค้ามนุษย์กี่คดี"))
    await sample_core.engine.search(asking)
    [year] = [g for g in asking.groups if g.label == "2022"]
    assert year.needles == ("2565", "2022")  # Buddhist and common era alike
    news = await sample_core.engine.parse(read_message("IOM 2023"))
    await sample_core.engine.search(news)
    assert all(g.label != "2023" for g in news.groups)  # there, only when it was news


@pytest.mark.parametrize(("question", "lang"), [
    ("ลำดับเหตุการณ์ ค้ามนุษย์ เวียดนาม", "th"), ("timeline trafficking Myanmar", "en"),
])
async def test_a_timeline_lists_the_releases_by_month_oldest_first(
        sample_core: Core, question: str, lang: str) -> None:
    answer = await sample_core.ask(read_message(question))
    days = [r.date for r in answer.results]
    assert answer.intent == "timeline" and len(days) >= 2 and days == sorted(days)
    [reply] = Conversation(sample_core).replies.answer(answer, lang)
    lines = reply.plain.split("\n")
    assert lines[0].startswith(("ลำดับเหตุการณ์:", "Timeline:"))
    assert sum(" · " in line and "https://" in line for line in lines) == len(days)


@pytest.mark.parametrize("question", ["who is the social development minister",
                                      "who is the minister of social development"])
async def test_the_ministry_s_short_english_name_finds_its_minister(
        sample_core: Core, question: str) -> None:
    # The releases say "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "พม.": the short
    # English name people type is the partner's alias, not an everyday phrase.
    answer = await sample_core.ask(read_message(question))
    assert answer.message is None and answer.results
    assert answer.facts and "รัฐมนตรีว่าการกระทรวงการพัฒนาสังคม" in answer.facts[0].text


@pytest.mark.parametrize("question", ["who is the minister of justice",
                                      "who is the justice minister", "รมว.ยุติธรรม คือใคร"])
async def test_a_minister_written_with_a_spelled_out_rank_is_named(
        sample_core: Core, question: str) -> None:
    # "พันตำรวจเอก ทวี สอดส่อง รัฐมนตรีว่าการกระทรวงยุติธรรม": a rank written out, and
    # the English post the releases write in Thai.
    answer = await sample_core.ask(read_message(question))
    assert answer.facts and answer.facts[0].value == "พันตำรวจเอก ทวี"
    assert "รัฐมนตรีว่าการกระทรวงยุติธรรม" in answer.facts[0].text


def test_an_english_rank_names_the_person() -> None:
    needles = TermMatcher([("minister of justice", 0)])
    body = "Pol. Col. Tawee Sodsong, Minister of Justice, chaired the meeting."
    answer = Source("https://example.org/1", date(2024, 8, 29), body, [1.0])
    [fact] = find_facts(Ask("who"), [answer], needles)
    assert fact.value == "Pol. Col. Tawee Sodsong"


def test_a_count_is_of_what_the_question_counts_never_an_amount_of_money() -> None:
    body = ("กรมการจัดหางานตรวจพบผู้แอบอ้างเป็นบริษัทจัดหางาน หลอกลวงคนหางานค้ามนุษย์ 141 คน "
            "ความเสียหาย 10,214,953 บาท จึงขอให้บริษัทจัดหางานที่ได้รับอนุญาต 151 แห่ง แจ้งเบาะแส")
    # "agencies" is no noun the script knows: not people, nor baht, are agencies.
    [fact] = find_facts(Ask("figure", "licensed overseas recruitment agencies"),
                        [source(body)], NEEDLES)
    assert fact.value == "151"
    # Nor countries, cases or places: what the script knows other nouns count in.
    report = "รายงานการค้ามนุษย์ 2565 รวบรวมข้อมูลจาก 188 ประเทศ และข้อเสนอแนะต่อไทย 14 ข้อ"
    [fact] = find_facts(Ask("figure", "key recommendations"), [source(report)], NEEDLES)
    assert fact.value == "14"
    # A classifier no list holds, as the question wrote it.
    awards = "งานวันต่อต้านการค้ามนุษย์ มอบโล่ จำนวน 150 ราย รวมทั้งสิ้น 29 รางวัล"
    [fact] = find_facts(Ask("figure", "รางวัล"), [source(awards)], NEEDLES)
    assert fact.value == "29"


def test_how_much_asks_for_an_amount() -> None:
    body = ("ตำรวจรับแจ้งคดีค้ามนุษย์และคดีออนไลน์ทั้งหมด 4,565 เรื่อง "
            "มูลค่าความเสียหายรวม 35,416 ล้านบาท")
    ask = Asks().ask("How much damage did police receive reports for in 2024?")
    assert ask is not None and ask.amount
    assert Asks().ask("how much in assets was seized") == Ask("figure", None, False, True)
    [fact] = find_facts(ask, [source(body)], NEEDLES)
    assert fact.value == "35,416"
    assert find_facts(ask, [source(body.split("มูลค่า")[0])], NEEDLES) == []


@pytest.mark.parametrize("text", ["สมเด็จพระนางเจ้าสุทิดา", "นายจ้างรายหนึ่ง", "นายหน้าเถื่อน",
                                  "มีทนายความ", "คาดว่าทำนายผล", "แผนพัฒนายุทธศาสตร์",
                                  "วันที่ 5 มิถุนายนของทุกปี"])
def test_a_trade_or_a_queen_is_no_person_answering_who(text: str) -> None:
    post = "ประธานคณะกรรมการป้องกันการค้ามนุษย์ ปี 2565"
    assert find_facts(Ask("who"), [source(f"{text} {post} เปิดงาน")], NEEDLES) == []
    [fact] = find_facts(Ask("who"), [source(f"{text} โดยนายสมชาย ใจดี {post}")], NEEDLES)
    assert fact.value == "นายสมชาย"


def test_the_newest_release_that_answers_answers_a_question_for_the_newest() -> None:
    needles = TermMatcher([("รัฐมนตรีว่าการ", 0), ("แรงงาน", 1)])
    newer = Source("https://example.org/new", date(2025, 8, 1),
                   "นายสมชาย ใจดี รัฐมนตรีว่าการกระทรวงแรงงาน เปิดงาน", [2.0, 1.0])
    older = Source("https://example.org/old", date(2023, 1, 5),
                   "นายสุชาติ ชมกลิ่น รัฐมนตรีว่าการกระทรวงแรงงาน และรัฐมนตรีว่าการแรงงาน", [2.0, 1.0])
    # Both name the minister; "who is" asks who is now: the newer release, given first.
    [fact] = find_facts(Ask("who"), [newer, older], needles, newest=True)
    assert fact.value == "นายสมชาย"


async def test_when_was_the_latest_is_answered_by_the_list_not_an_older_date(
        sample_core: Core) -> None:
    answer = await sample_core.ask(read_message("ข่าวค้ามนุษย์ล่าสุดเมื่อไหร่"), limit=10)
    days = [r.date for r in answer.results]
    assert len(days) >= 2 and days == sorted(days, reverse=True)
    assert answer.facts == []
