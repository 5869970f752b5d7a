"""Names across scripts: romanised at ingest, matched by sound at question time."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.message import read_message
from bot.romanize import Romanizer, name_candidates, sound_key
from bot.thai import WORD_SEP, Segmenter
from tests.conftest import SEED_URL, needs_sample


def test_names_after_titles_are_found_whole() -> None:
    segmenter = Segmenter()
    text = segmenter.index_text(
        "นายอนุกูล ปีดแก้ว ปลัดกระทรวง และนายวราวุธ ศิลปอาชา รัฐมนตรี นายอนุกูลกล่าวว่า")
    assert name_candidates(text, segmenter.dictionary, WORD_SEP) == {
        "อนุกูล", "ปีดแก้ว", "วราวุธ", "ศิลปอาชา"}


def test_a_title_standing_apart_still_names_the_next_two_words() -> None:
    segmenter = Segmenter()
    text = segmenter.index_text("พลเอก เตีย บันห์ รองนายกรัฐมนตรี กัมพูชา")
    assert name_candidates(text, segmenter.dictionary, WORD_SEP) == {"เตีย", "บันห์"}


def test_titles_inside_words_are_not_titles() -> None:
    segmenter = Segmenter()
    text = segmenter.index_text("นายกรัฐมนตรีกล่าวว่า นายจ้างต้องจ่ายค่าจ้าง")
    assert name_candidates(text, segmenter.dictionary, WORD_SEP) == set()


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
