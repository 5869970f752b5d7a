"""The parser on the seed release and on hand-made files for every corpus variant."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.records import (
    ParseError,
    canonical_url,
    category_from_name,
    check_layout,
    decode_release,
    parse_release,
)
from tests.conftest import SAMPLE_DIR, SEED_FILE, SEED_URL, needs_sample, release_text


def test_seed_release_is_parsed_whole() -> None:
    release = decode_release(SEED_FILE.read_bytes(), SEED_FILE.name)
    assert release.url == SEED_URL
    assert release.title.startswith("ปลัด พม. พร้อมคณะ ร่วมประชุมอนุภูมิภาคลุ่มแม่น้ำโขง")
    assert release.title.endswith("ไทย-เวียดนาม")
    assert release.date == date(2024, 9, 25)
    assert release.lang == "th"
    # The title lines repeated under the date are not body text.
    assert not any(p == release.title for p in release.paragraphs)
    assert release.paragraphs[0].startswith("เมื่อวันที่ 24 กันยายน 2567 นายอนุกูล")
    assert len(release.paragraphs) == 4
    assert release.hashtags[:3] == ("ข่าวพม", "พม", "ศรส")
    assert "IOM" in release.hashtags and "ค้ามนุษย์" in release.hashtags
    assert not any(p.startswith("#") for p in release.paragraphs)


def test_english_release_with_numeric_date_and_print_word() -> None:
    text = release_text(
        title="Cabinet approves plan against trafficking in persons",
        date_line="วันพุธที่ 10 พฤษภาคม 2566",
        furniture=("10/05/2566", "พิมพ์"),
        body=("May 9, 2023, the cabinet approved a plan.", "It covers victims of trafficking."),
    )
    release = parse_release(text, "data/2023/05/10/Government News_2_0fa1cc93-14bc.txt")
    assert release.lang == "en"
    assert release.date == date(2023, 5, 10)
    assert release.category == "Government News"
    assert release.paragraphs == (
        "May 9, 2023, the cabinet approved a plan.", "It covers victims of trafficking.",
    )


@pytest.mark.parametrize("repeats", [0, 1, 2, 3])
def test_title_repeated_zero_to_three_times(repeats: int) -> None:
    release = parse_release(release_text(title_repeats=repeats), "ด้านสังคม_1.txt")
    assert release.paragraphs[0] == "ย่อหน้าแรกของข่าวเรื่องการค้ามนุษย์"


def test_title_repeat_with_different_spacing_is_still_dropped() -> None:
    text = release_text(title="ข่าว  ทดสอบ การประชุม").replace(
        "\nข่าว  ทดสอบ การประชุม\n", "\nข่าว ทดสอบ  การประชุม\n", 1
    )
    release = parse_release(text, "x_1.txt")
    assert release.title == "ข่าว ทดสอบ การประชุม"
    assert release.paragraphs[0].startswith("ย่อหน้าแรก")


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("data/2024/11/26/ด้านความมั่นคง _2_f486e3e1-d46a-422c-abba-65b15823a802.txt", "ด้านความมั่นคง"),
        ("ข่าวรอง นรม  รมตนร \t_129_94332e45-695d-4c58-999c-90aa12345678.txt", "ข่าวรอง นรม  รมตนร"),
        ("data/2020/09/17/ข่าวทำเนียบรัฐบาล_10.txt", "ข่าวทำเนียบรัฐบาล"),
        ("data/2023/11/08/_1_80cefbb0-4598-4b2b-b51b-5ec401295ace.txt", ""),
    ],
)
def test_category_comes_from_the_file_name_trimmed(name: str, category: str) -> None:
    assert category_from_name(name) == category


@pytest.mark.parametrize(
    "raw",
    [
        "http://www.thaigov.go.th/news/contents/details/88388",
        "https://thaigov.go.th/news/contents/details/88388",
        "http://thaigov.go.th/news/contents/details/88388/",
        "https://www.thaigov.go.th/news/contents/details/88388",
    ],
)
def test_source_url_spellings_are_one_identity(raw: str) -> None:
    assert canonical_url(raw) == SEED_URL
    release = parse_release(release_text(url=raw), "x_1.txt")
    assert release.url == SEED_URL


def test_page_title_without_the_site_section_prefix() -> None:
    release = parse_release(release_text(prefix="รัฐบาลไทย-"), "x_1.txt")
    assert release.title == "ข่าวทดสอบการต่อต้านการค้ามนุษย์"


def test_invisible_characters_and_thai_digits_are_normalised() -> None:
    text = release_text(title="ค้า\u200bมนุษย์ ๒๕๖๗", title_repeats=0)
    release = parse_release(text, "x_1.txt")
    assert release.title == "ค้ามนุษย์ 2567"


def test_hashtags_over_two_lines_are_collected_in_order() -> None:
    text = release_text(hashtags="#ข่าวพม #พม\n#ต่อต้านการค้ามนุษย์ #IOM")
    release = parse_release(text, "x_1.txt")
    assert release.hashtags == ("ข่าวพม", "พม", "ต่อต้านการค้ามนุษย์", "IOM")


def test_release_with_title_only() -> None:
    release = parse_release(release_text(body=(), title_repeats=1), "x_1.txt")
    assert release.paragraphs == ()
    assert release.title


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty file"),
        (release_text().rsplit("\n", 1)[0], "no source line"),
        (release_text(date_line="ไม่มีวันที่"), "no Thai date line"),
        (release_text(date_line="วันพฤหัสบดีที่ 1 มกราคม 2513", title="", body=()),
         "1970 placeholder"),
        (release_text(date_line="วันพุธที่ 31 กุมภาพันธ์ 2567"), "unreadable Thai date line"),
        (release_text(url="no-url-here"), "source is not a URL"),
    ],
)
def test_unparsable_files_raise_a_reason_naming_the_file(text: str, reason: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_release(text, "bad_1.txt")
    assert reason in raised.value.reason
    assert str(raised.value).startswith("bad_1.txt: ")


def test_bytes_that_are_not_utf8_are_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not UTF-8"):
        decode_release(release_text().encode("utf-16"), "utf16_1.txt")


def test_check_layout_accepts_a_release_and_rejects_broken_files() -> None:
    check_layout(release_text(), "ok_1.txt")
    with pytest.raises(ParseError, match="no source line"):
        check_layout("just some text\nwithout structure", "bad_1.txt")


def test_content_hash_follows_content() -> None:
    first = parse_release(release_text(), "a_1.txt")
    same = parse_release(release_text(), "a_2.txt")
    other = parse_release(release_text(body=("อีกเรื่องหนึ่ง",)), "a_1.txt")
    assert first.content_hash() == same.content_hash()
    assert first.content_hash() != other.content_hash()


@needs_sample
def test_every_sample_file_parses() -> None:
    files = sorted(SAMPLE_DIR.rglob("*.txt"))
    assert len(files) == 201
    languages = {"th": 0, "en": 0}
    for path in files:
        release = decode_release(path.read_bytes(), str(path))
        languages[release.lang] += 1
        assert release.url.startswith("https://www.thaigov.go.th/")
        assert 2020 <= release.date.year <= 2025
        assert release.title and not release.title.startswith("รัฐบาลไทย-")
    assert languages["en"] >= 25


@needs_sample
def test_release_date_comes_from_the_date_line_not_the_folder() -> None:
    moved = [p for p in SAMPLE_DIR.rglob("*.txt")
             if decode_release(p.read_bytes(), str(p)).date.isoformat().replace("-", "/")
             not in str(p)]
    assert moved, "the sample has files collected later than their release date"
    path: Path = moved[0]
    release = decode_release(path.read_bytes(), str(path))
    folder = "/".join(path.parts[-4:-1])
    assert release.date.strftime("%Y/%m/%d") != folder
