"""Normalisation, language detection and segmentation of Thai text."""

from __future__ import annotations

import pytest

from bot.thai import (
    WORD_SEP,
    Segmenter,
    detect_language,
    fts_terms,
    normalize_text,
    strip_tone_marks,
    unsegment,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ค้ามนุษย์\u200b ๒๕๖๗", "ค้ามนุษย์ 2567"),
        ("ＩＯＭ  ความร่วมมือ", "IOM ความร่วมมือ"),  # full-width letters, double space
        ("ทํางาน", "ทำงาน"),  # Nikhahit + Sara Aa typed for Sara Am
        ("เเรงงาน", "แรงงาน"),  # two Sara E typed for Sara Ae
        ("a\x00b\x07c", "a b c"),
        ("\ufeffสายด่วน\u200d", "สายด่วน"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_sara_am_survives_unicode_compatibility_normalisation() -> None:
    assert normalize_text("ความร่วมมือด้านการทำงาน") == "ความร่วมมือด้านการทำงาน"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("ค้ามนุษย์ เวียดนาม", "th"), ("IOM ความร่วมมือ", "th"), ("IOM cooperation 2024", "en"),
     ("1300", None), ("🙂🙂", None)],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_domain_words_stay_whole() -> None:
    segmenter = Segmenter(["ค้ามนุษย์", "ศรส."])
    assert "ค้ามนุษย์" in segmenter.words("การค้ามนุษย์")
    assert "ศรส." in segmenter.words("แจ้งศรส.ได้ทันที")


def test_index_text_is_the_original_text_with_invisible_breaks() -> None:
    segmenter = Segmenter(["ค้ามนุษย์"])
    original = "ต่อต้านการค้ามนุษย์ ไทย-เวียดนาม กับ IOM"
    indexed = segmenter.index_text(original)
    assert WORD_SEP in indexed
    assert unsegment(indexed) == original
    assert "ค้ามนุษย์" in indexed.replace(" ", WORD_SEP).split(WORD_SEP)


def test_fts_terms_keep_thai_marks_inside_words() -> None:
    assert fts_terms("ค้ามนุษย์ ศรส. COVID-19") == ["ค้ามนุษย์", "ศรส", "covid", "19"]


def test_strip_tone_marks() -> None:
    assert strip_tone_marks("ค้ามนุษย์") == "คามนุษย"
    assert strip_tone_marks("แรงงานบังคับ") == "แรงงานบังคับ"
