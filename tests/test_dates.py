"""Release date lines and the date limits people put in questions."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dates import find_date_range, parse_thai_date_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("วันพุธที่ 25 กันยายน 2567", date(2024, 9, 25)),
        ("วันอังคารที่ 3 พฤศจิกายน 2563", date(2020, 11, 3)),
        ("วันศุกร์ที่ 1 มกราคม 2564", date(2021, 1, 1)),
        ("วันพุธที่ 31 กุมภาพันธ์ 2567", None),
        ("07/11/2566", None),
        ("25 กันยายน 2567", None),
    ],
)
def test_thai_date_line(line: str, expected: date | None) -> None:
    assert parse_thai_date_line(line) == expected


@pytest.mark.parametrize(
    ("question", "start", "end", "rest"),
    [
        ("ค้ามนุษย์ กันยายน 2567", date(2024, 9, 1), date(2024, 9, 30), "ค้ามนุษย์"),
        ("ค้ามนุษย์ ก.ย. 67", date(2024, 9, 1), date(2024, 9, 30), "ค้ามนุษย์"),
        ("ก.ย.67 IOM", date(2024, 9, 1), date(2024, 9, 30), "IOM"),
        ("September 2024 trafficking", date(2024, 9, 1), date(2024, 9, 30), "trafficking"),
        ("trafficking Sept. 2024", date(2024, 9, 1), date(2024, 9, 30), "trafficking"),
        ("IOM cooperation 2024", date(2024, 1, 1), date(2024, 12, 31), "IOM cooperation"),
        ("ผู้เสียหาย พ.ศ. 2566", date(2023, 1, 1), date(2023, 12, 31), "ผู้เสียหาย"),
        ("2023", date(2023, 1, 1), date(2023, 12, 31), ""),
        ("25 ก.ย. 2567", date(2024, 9, 25), date(2024, 9, 25), ""),
        ("June 5, 2023 victims", date(2023, 6, 5), date(2023, 6, 5), "victims"),
        ("2024-09", date(2024, 9, 1), date(2024, 9, 30), ""),
        ("ค้ามนุษย์ 2566-2567", date(2023, 1, 1), date(2024, 12, 31), "ค้ามนุษย์ -"),
        ("กุมภาพันธ์ 2568 กัมพูชา", date(2025, 2, 1), date(2025, 2, 28), "กัมพูชา"),
        ("ประชุม CMM ครั้งที่ 28 ส.ค. 2566", date(2023, 8, 1), date(2023, 8, 31),
         "ประชุม CMM ครั้งที่ 28"),
        ("meeting no. 5 June 2023", date(2023, 6, 1), date(2023, 6, 30), "meeting no. 5"),
        ("ประชุมเมื่อวันที่ 28 ส.ค. 2566", date(2023, 8, 28), date(2023, 8, 28), "ประชุมเมื่อวันที่"),
        # "เดือน" (month) is written joined to the month's name.
        ("ข่าวค้ามนุษย์ เดือนกันยายน 2567", date(2024, 9, 1), date(2024, 9, 30), "ข่าวค้ามนุษย์ เดือน"),
        ("ค้ามนุษย์ช่วงเดือนมีนาคม 2568", date(2025, 3, 1), date(2025, 3, 31), "ค้ามนุษย์ช่วงเดือน"),
    ],
)
def test_date_limits_in_questions(question: str, start: date, end: date, rest: str) -> None:
    found = find_date_range(question)
    assert found is not None
    assert (found.start, found.end, found.rest) == (start, end, rest)


@pytest.mark.parametrize(
    "question",
    ["สายด่วน 1300", "hotline 1191", "ค้ามนุษย์", "May I report a case", "ถูกยึด 67 ใบ", "dismay 2"],
)
def test_no_date_limit_where_there_is_none(question: str) -> None:
    assert find_date_range(question) is None
