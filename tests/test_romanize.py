"""Names across scripts: romanised at ingest, matched by sound at question time."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import Core, open_core
from bot.message import read_message
from bot.romanize import Romanizer, name_candidates, sound_key
from bot.thai import WORD_SEP, Segmenter
from tests.conftest import DATA, SEED_URL, build_index, needs_sample, release_text, settings_for

STOPWORDS = DATA.lexicon.stopwords
DETAILS = "https://www.thaigov.go.th/news/contents/details/"


def test_names_after_titles_are_found_whole() -> None:
    segmenter = Segmenter()
    text = segmenter.index_text(
        "นายอนุกูล ปีดแก้ว ปลัดกระทรวง และนายวราวุธ ศิลปอาชา รัฐมนตรี นายอนุกูลกล่าวว่า")
    assert name_candidates(text, segmenter.dictionary, STOPWORDS, WORD_SEP) == {
        "อนุกูล", "ปีดแก้ว", "วราวุธ", "ศิลปอาชา"}


def test_a_title_standing_apart_still_names_the_next_two_words() -> None:
    segmenter = Segmenter()
    text = segmenter.index_text("พลเอก เตีย บันห์ รองนายกรัฐมนตรี กัมพูชา")
    assert name_candidates(text, segmenter.dictionary, STOPWORDS, WORD_SEP) == {"เตีย", "บันห์"}


def test_titles_inside_words_are_not_titles() -> None:
    segmenter = Segmenter()
    text = segmenter.index_text("นายกรัฐมนตรีกล่าวว่า นายจ้างต้องจ่ายค่าจ้าง")
    assert name_candidates(text, segmenter.dictionary, STOPWORDS, WORD_SEP) == set()


def test_names_of_operations_companies_groups_and_quoted_ones_are_found() -> None:
    segmenter = Segmenter()
    text = segmenter.index_text(
        "เปิดปฏิบัติการพญางำเมือง ร่วมกับกลุ่มมิตรผล ภายใต้โครงการ “ธวัชบุรีโมเดล” "
        "ดูแลกลุ่มเปราะบาง ปฏิบัติการในครั้งนี้ และ “ชั่วคราว”")
    assert name_candidates(text, segmenter.dictionary, STOPWORDS, WORD_SEP) == {
        "พญางำเมือง", "มิตรผล", "ธวัชบุรีโมเดล"}


@pytest.mark.parametrize(
    ("typed", "romanised"),
    [("Anukul", "anukun"), ("Varawut", "warawut"), ("Srettha", "settha"),
     ("Paetongtarn", "phaethongthan")],
)
def test_sound_keys_bring_spellings_together(typed: str, romanised: str) -> None:
    from rapidfuzz import fuzz

    assert fuzz.ratio(sound_key(typed), sound_key(romanised)) >= 85


def test_romanizer_is_offline_and_cached() -> None:
    romanize = Romanizer()
    assert romanize("วราวุธ") in ("warawut", "wrawut")
    assert romanize("วราวุธ") is romanize("วราวุธ")


@needs_sample
@pytest.mark.parametrize(("query", "url"), [
    ("Anukul Dalat", SEED_URL),
    ("ดาลัด ค้ามนุษย์", SEED_URL),
])
async def test_a_name_in_the_other_script_finds_the_release(sample_core: Core, query: str,
                                                            url: str) -> None:
    answer = await sample_core.ask(read_message(query), limit=3)
    assert url in [r.url for r in answer.results]


async def test_a_name_romanised_as_several_words_finds_the_thai_name(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    bodies = {
        "named": ("กรมการปกครองเปิดปฏิบัติการพญางำเมือง บุกทลายคาราโอเกะค้าประเวณีเด็ก จังหวัดพะเยา",
                  "ย่อหน้าที่สอง"),
        "company": ("กระทรวงแรงงานจับมือกลุ่มมิตรผล ป้องกันการค้ามนุษย์ในภาคเกษตร",
                    "ย่อหน้าที่สอง"),
        **{f"other{n}": (f"การประชุมครั้งที่ {n} เรื่องการค้ามนุษย์ในอำเภอเมืองพะเยา",
                         "ผลการดำเนินงานของมิตรประเทศ") for n in range(4)},
    }
    for n, (name, body) in enumerate(bodies.items()):
        (folder / f"{name}.txt").write_text(release_text(
            title=f"ข่าวการค้ามนุษย์ ฉบับที่ {n}", body=body, url=f"{DETAILS}{930000 + n}"),
            encoding="utf-8")
    db = tmp_path / "index.sqlite3"
    await build_index(db, [str(folder)])
    core = await open_core(settings_for(db), DATA)
    try:
        operation = await core.ask(core.read("Phaya Ngam Mueang operation in Phayao"))
        assert operation.results[0].url == f"{DETAILS}930000"
        assert "Phaya" not in operation.corrections  # not taken for Phayao misspelt
        company = await core.ask(core.read("Mitr Phol trafficking"))
        assert company.results[0].url == f"{DETAILS}930001"
        # A place the lexicon knows stays that place, not a name.
        query = await core.engine.parse(core.read("Chiang Mai trafficking"))
        assert all(group.concept is not None for group in query.groups)
    finally:
        await core.close()
