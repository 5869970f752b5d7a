"""One matcher, one idea of a word boundary (bot/matcher.py)."""

from __future__ import annotations

import pytest

from bot.matcher import TermMatcher
from bot.thai import WORD_SEP, Segmenter


def found(terms: list[str], text: str, **policy: bool) -> list[str]:
    matcher = TermMatcher(((t, t) for t in terms), **policy)
    return sorted(f.value for f in matcher.find(text))


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (["iom"], "IOM and biomass", ["iom"]),
        (["iom"], "biomass", []),
        (["1300"], "โทร 1300 หรือ 21300", ["1300"]),
        (["1300"], "โทร1300ฟรี", ["1300"]),  # digits between Thai words
        (["iom"], "IOMประจำประเทศไทย", ["iom"]),  # a change of script is a boundary
        (["iom"], "IOM's office", ["iom"]),
        (["help me"], "please HELP ME now", ["help me"]),
        (["tier 2"], "Tier 2 Watch List", ["tier 2"]),
        (["tier 2"], "Tier 22", []),
        (["พม."], "แรงงานพม่า", []),  # พม. is not inside พม่า (the dot differs) ...
        (["พม"], "แรงงานพม่า", []),  # ... nor พม before a tone mark belonging to ม
        (["ค้ามนุษย์"], "การค้ามนุษย์ข้ามชาติ", ["ค้ามนุษย์"]),  # raw Thai: anywhere else
        (["victim"], "victims", []),
    ],
)
def test_word_boundaries(terms: list[str], text: str, expected: list[str]) -> None:
    assert found(terms, text) == expected


def test_segmented_thai_ends_where_the_segmenter_ended_a_word() -> None:
    segmented = Segmenter().index_text("หนังสือพิมพ์ไทยรัฐ ประเทศไทย")
    assert WORD_SEP in segmented
    assert found(["ไทย"], segmented, segmented=True) == ["ไทย"]  # once: not in ไทยรัฐ
    assert found(["ไทย"], "ไทยรัฐ", segmented=True) == []
    matcher = TermMatcher([("ไทย", "th")], segmented=True)
    [mention] = matcher.find(segmented)
    assert segmented.replace(WORD_SEP, "")[mention.start:mention.end] == "ไทย"


def test_prefixes_let_a_term_end_inside_a_word_but_not_start_inside_one() -> None:
    assert found(["victim"], "Victims were helped", prefixes=True) == ["victim"]
    assert found(["ศูนย"], "ศูนย์ช่วยเหลือ", prefixes=True) == ["ศูนย"]
    assert found(["ศูนย"], "ศูนย์ช่วยเหลือ") == []
    assert found(["iom"], "biomass", prefixes=True) == []
    assert found(["1300"], "21300", prefixes=True) == []


def test_one_term_may_carry_several_values_and_overlaps_are_all_found() -> None:
    matcher = TermMatcher([("ไทย", "a"), ("ไทย", "b"), ("ประเทศไทย", "c")])
    assert {f.value for f in matcher.find("ประเทศไทย")} == {"a", "b", "c"}
    assert TermMatcher([]).find("anything") == []
