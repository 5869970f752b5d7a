"""Situations: the help card that fits what a person is going through (data/situations.toml).

tests/data/situation_messages.tsv holds messages labelled with the situations they fit
("none": none). The Thai and English ones were written by three helpers who had not seen
the rules (the column `writer`): half of A's and B's were held out and measured before
the rules learnt from them, C's were written once the rules seemed done and measured
before the rules learnt from them (README, "Measured"). The few in other languages were
written by the project and await a native speaker's review.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from bot.answers import Answer
from bot.cards import HelpCard, PartnerCard
from bot.conversation import Conversation
from bot.core import HELP_RELEASES, SITUATION_CHANNELS, Core
from bot.message import read_message
from tests.conftest import DATA
from tests.test_cli import atbot

MESSAGES = Path(__file__).parent / "data" / "situation_messages.tsv"
SITUATIONS = [s.id for s in DATA.situations.situations]
# The words no release under a help card may hold (the issue's list, written apart
# from data/situations.toml so that the check does not trust the file it checks).
DEATH = re.compile(r"เสียชีวิต|ถูกฆ่า|ฆาตกรรม|ถูกยิง|ข่มขืน|พบศพ|\d\s*ศพ|"
                   r"\b(?:dead|killed|murdered|raped|bodies)\b", re.IGNORECASE)


def labelled() -> list[dict[str, str]]:
    with MESSAGES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def wanted(row: dict[str, str]) -> set[str]:
    return {s.strip() for s in row["situations"].split(",")} - {"none"}


def situations_of(text: str) -> list[str]:
    message = read_message(text)
    distress = DATA.distress_rule.judge(message).distress
    return [s.id for s in DATA.situations.of_message(message, distress=distress)]


def test_the_labelled_set_has_40_messages_per_situation_in_thai_and_english() -> None:
    rows = [r for r in labelled() if r["lang"] in ("th", "en")]
    assert {s for r in rows for s in wanted(r)} == set(SITUATIONS)
    for situation in SITUATIONS:
        assert sum(situation in wanted(r) for r in rows) >= 40, situation
    assert sum(not wanted(r) for r in rows) >= 100


@pytest.mark.parametrize("situation", SITUATIONS)
def test_each_situation_is_found_and_rarely_found_wrongly(situation: str) -> None:
    """≥ 88% of the messages that fit it are found; ≤ 4% of the others get it."""
    rows = labelled()
    fits = [r for r in rows if situation in wanted(r)]
    others = [r for r in rows if situation not in wanted(r)]
    found = sum(situation in situations_of(r["text"]) for r in fits)
    wrongly = sum(situation in situations_of(r["text"]) for r in others)
    print(f"\n{situation}: found {found}/{len(fits)}, wrongly {wrongly}/{len(others)}")
    assert found >= 0.88 * len(fits)
    assert wrongly <= 0.04 * len(others)


def test_messages_in_the_other_languages_fit_their_situations() -> None:
    rows = [r for r in labelled() if r["lang"] not in ("th", "en")]
    assert {r["lang"] for r in rows} == {"my", "km", "lo", "vi", "zh", "id"}
    for row in rows:
        assert set(situations_of(row["text"])) == wanted(row), row["text"]


@pytest.mark.parametrize(("text", "expected"), [
    # I can't go on, I want to die, my child is gone: the mental-health line first.
    ("ไม่ไหวแล้ว อยากตาย ลูกหายไป", ["suicide", "missing"]),
    # My brother went on a fishing boat to Indonesia two years ago, no pay, not home.
    ("พี่ชายไปลงเรือปะมง อินโดฯ 2ปีแล้ว ไม่ได้ตังไม่ได้กลับบ้าน", ["missing", "abroad", "fishing"]),
    ("หลานชื่อสมชาย หายไปพม่า รัฐบาลช่วยกลับมายัง", ["missing", "abroad"]),
    # Back from Myawaddy already: not abroad any more, afraid of arrest.
    ("ลูกกลับมาจากเมียวดีแล้ว ตำรวจจะจับลูกไหมคะ", ["returnee"]),
    ("ลูกชายถูกกักตัวอยู่ที่เมียวดี ช่วยด้วย", ["abroad"]),
    # A nationality is no place: three Myanmar girls held and forced to work (in
    # Thailand, typed without some marks), Myanmar crew on a boat.
    ("เดกหญิงเมียนมา 3 คน ถูกกักขัง บังคบใช้งานเยียงทาส", []),
    ("on boat we sleep 3 hour, if slow they kick us. myanmar workers 15 people", ["fishing"]),
    # ...and the place named beside it still counts: a Myanmar worker took my son across
    # to Myawaddy; a Chinese man took my daughter to Cambodia.
    ("แรงงานพม่าพาลูกชายข้ามไปเมียวดี ช่วยด้วย", ["abroad"]),
    ("ลูกสาวถูกคนจีนพาไปกัมพูชา ติดต่อไม่ได้", ["missing", "abroad"]),
    # "มาเล" (Malaysia) is not in "มาเลย" (at all): mum went to Bangkok and has not
    # called back at all; Malaysia written with its mark, or short, still counts.
    ("แม่ไปหาตังที่กรุงเทพ ไม่ได้โทรกลับมาเลยตั้งแต่สงกรานต์ เบอร์ก็ปิด", ["missing"]),
    ("สามีไปทำงานมาเลย์ ถูกยึดพาสปอร์ต ติดต่อไม่ได้", ["missing", "abroad"]),
    ("ลูกไปทำงานมาเล ติดต่อไม่ได้เลย", ["missing", "abroad"]),
    # Brought back from a compound is someone still there; back from one is home.
    ("can thai goverment help bring my brother back from KK park?", ["abroad"]),
    ("my son back from myawaddy, scared police will arrest him", ["returnee"]),
    ("my son they force him scam people in cambodia, now he back, he go jail?", ["returnee"]),
    ("came home from korea illegal worker, am i blacklist, will i be fined or jail",
     ["returnee"]),
    ("มีคนมาชวนไปทำงานกัมพูชา เงินเดือน5หมื่น จริงมั้ย", ["lure"]),
    # An ordinary job question is no lure.
    ("สอบ ก.พ. สมัครที่ไหน", []),
    ("ข่าวค้ามนุษย์ล่าสุด", []),
    # A search for news on inspections of fishing vessels is no one at sea.
    ("fishing vessel forced labour inspection", []),
])
def test_the_issue_examples_fit_their_situations_the_most_urgent_first(
        text: str, expected: list[str]) -> None:
    assert situations_of(text) == expected


async def ask(core: Core, text: str) -> tuple[Answer, str]:
    answer = await core.ask(core.read(text))
    replies = Conversation(core).replies.answer(answer, answer.lang)
    return answer, "\n\n".join(r.plain for r in replies)


def contacts(card: HelpCard | PartnerCard | None) -> list[str]:
    assert isinstance(card, HelpCard)
    return [c.contact for c in card.channels]


async def test_thoughts_of_suicide_get_1323_first_a_calm_line_and_no_releases(
        sample_core: Core) -> None:
    answer, reply = await ask(sample_core, "ไม่ไหวแล้ว อยากตาย ลูกหายไป")
    assert contacts(answer.card)[:2] == ["1323", "1300"]
    assert answer.results == [] and answer.total == 0
    assert DATA.strings.text("situation_suicide_calm", "th") in reply
    assert "1323" in reply and "1300" in reply


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("หลานชื่อสมชาย หายไปพม่า รัฐบาลช่วยกลับมายัง",
     ["1300", "02 572 8442", "+95 988 0916795"], ["+855 975 749 682"]),
    ("ทำไงดี ลูกสาวติดต่อไม่ได้ อยู่กัมพูชา",
     ["1300", "02 572 8442", "+855 975 749 682"], ["+95 988 0916795"]),
    ("my sister is stuck in Dubai, the agent took her passport",
     ["1300", "02 572 8442", "+971 50 652 5945"], ["+95 988 0916795"]),
    # Malaysia: no embassy number in the releases; the consular call centre.
    ("สามีไปทำงานมาเลเซีย ถูกยึดพาสปอร์ต ติดต่อไม่ได้", ["1300", "02 572 8442"],
     ["+95 988 0916795", "+855 975 749 682"]),
])
async def test_someone_abroad_gets_the_consular_line_the_embassy_named_and_1300(
        sample_core: Core, text: str, present: list[str], absent: list[str]) -> None:
    answer, reply = await ask(sample_core, text)
    listed = contacts(answer.card)
    assert all(c in listed for c in present), listed
    assert not any(c in listed for c in absent), listed
    assert all(c in reply for c in present)
    assert "+66 2 572 8442" in reply  # the way to call it from abroad


@pytest.mark.parametrize(("text", "present"), [
    ("แฟนไปทำงานเรือประมง ไม่ได้ค่าแรง ไม่ให้ขึ้นฝั่ง", ["1599", "1546", "1465", "1300"]),
    ("มีคนมาชวนไปทำงานกัมพูชา เงินเดือน5หมื่น จริงมั้ย", ["1694", "1441", "1300"]),
    ("ลูกกลับมาจากเมียวดีแล้ว ตำรวจจะจับลูกไหมคะ", ["1300", "1191"]),
    ("my 14 year old son has been missing since Friday, phone off", ["1300", "U-NAI"]),
])
async def test_each_situation_card_lists_its_channels(sample_core: Core, text: str,
                                                      present: list[str]) -> None:
    answer, reply = await ask(sample_core, text)
    listed = contacts(answer.card)
    assert all(c in listed for c in present), listed
    assert all(c in reply for c in present)


@pytest.mark.parametrize(("text", "situation"), [
    ("มีคนมาชวนไปทำงานกัมพูชา เงินเดือน5หมื่น จริงมั้ย", "lure"),
    ("ลูกกลับมาจากเมียวดีแล้ว ตำรวจจะจับลูกไหมคะ", "returnee"),
    ("my 14 year old son has been missing since Friday, phone off", "missing"),
])
async def test_the_card_carries_what_the_releases_say_for_the_situation(
        sample_core: Core, text: str, situation: str) -> None:
    answer, reply = await ask(sample_core, text)
    note = DATA.strings.text(f"situation_{situation}_note", answer.lang)
    assert note in reply
    for source in DATA.situations.situations[SITUATIONS.index(situation)].note_sources:
        assert source in reply


async def test_under_every_card_few_releases_none_of_death_and_no_rewrite(
        sample_core: Core) -> None:
    """Every labelled message that fits a situation: the card comes first and stands,
    at most 3 releases follow (none for suicide), none speaks of death, no rewrite."""
    seen = shown = 0
    for row in labelled():
        answer, reply = await ask(sample_core, row["text"])
        if not answer.situations:
            continue
        seen += 1
        card = answer.card
        assert isinstance(card, HelpCard) and card.situations == tuple(answer.situations)
        listed = contacts(card)
        assert len(listed) == len(set(listed)) <= SITUATION_CHANNELS and "1300" in listed
        assert len(answer.results) <= HELP_RELEASES
        if "suicide" in card.situations:
            assert answer.results == []
        shown += len(answer.results)
        for result in answer.results:
            assert not DEATH.search(" ".join((result.title, result.summary, result.snippet)))
        assert not answer.corrections
        assert reply.startswith(DATA.strings.text("hotline_title", answer.lang))
        assert DATA.strings.text("no_results", answer.lang) not in reply
    print(f"\n{seen} cards, {shown} releases under them")
    assert seen >= 300 and shown >= 100


@pytest.mark.parametrize(("text", "harmful"), [
    ("พบศพแรงงานไทยริมแม่น้ำ", True),
    ("เหตุกราดยิง 3 ศพ", True),
    ("two workers were killed at the site", True),
    ("ศพดส.ตร. ช่วยเหลือเด็ก 12 คน", False),
    ("rescued workers return home", False),
    ("diesel subsidy for fishing boats", False),
])
def test_death_keeps_a_release_off_a_card_but_a_police_centre_does_not(
        text: str, harmful: bool) -> None:
    assert DATA.situations.is_harmful([text]) is harmful


def test_a_release_follows_a_card_only_when_it_is_about_help_on_its_topics() -> None:
    topics = {"repatriation", "rescue"}
    fit = DATA.situations.fit
    assert fit(topics, ["คนไทยกลับบ้าน"], ["repatriation", "help", "myanmar"]) == 0
    assert fit(topics, ["พบศพคนไทย"], ["repatriation", "help", "myanmar"]) is None
    # A drug boat: no help in it.
    assert fit(topics, ["เรือประมงขนยาเสพติด"], ["fishing_vessel", "drugs", "arrest"]) is None
    # Help, but not on the situation's topics.
    assert fit(topics, ["ต่ออายุใบอนุญาตทำงาน"], ["work_permit", "help"]) is None
    # Its topic named only in passing, after a dozen others: it may follow, after the rest.
    many = [f"topic_{n}" for n in range(20)]
    assert fit(topics, ["x"], [*many, "repatriation", "help"]) == 1
    # Someone in danger in no situation: any release that does not speak of death.
    assert fit(set(), ["ประชุมความร่วมมือ"], ["meeting"]) == 0
    assert fit(set(), ["three bodies were found"], ["meeting"]) is None


def test_ask_json_lists_the_situations_and_the_reply_carries_every_number(
        bundled_copy: Path) -> None:
    done = atbot("ask", "หลานชื่อสมชาย หายไปพม่า รัฐบาลช่วยกลับมายัง", "--json",
                 "--db", str(bundled_copy))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["situations"] == ["missing", "abroad"]
    assert answer["card"]["situations"] == ["missing", "abroad"]
    numbers = [c["contact"] for c in answer["card"]["channels"]]
    assert "+95 988 0916795" in numbers
    for number in numbers:
        assert number in answer["reply"]
    for number in numbers:
        assert re.fullmatch(r"\+?[0-9][0-9 -]*[0-9]|U-NAI", number), number
