"""Dates: the Thai date line of a release, and date limits inside a question.

Thai years are Buddhist era (BE = CE + 543); short years such as "67" mean 2567.

>>> parse_thai_date_line("วันพุธที่ 25 กันยายน 2567")
datetime.date(2024, 9, 25)
>>> found = find_date_range("ค้ามนุษย์ ก.ย. 67")
>>> found.start, found.end, found.rest
(datetime.date(2024, 9, 1), datetime.date(2024, 9, 30), 'ค้ามนุษย์')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543

ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)

# The release date line: "วันพุธที่ 25 กันยายน 2567".
_RE_DATE_LINE = re.compile(r"^วัน\S*ที่\s*(\d{1,2})\s+(\S+)\s+(\d{4})$")
# The collector's placeholder for a page without a date (1 Jan 1970).
PLACEHOLDER_DATE = date(1970, 1, 1)


def be_to_ce(year: int) -> int:
    return year - BE_OFFSET


def parse_thai_date_line(line: str) -> date | None:
    """The date of a line like "วันพุธที่ 25 กันยายน 2567", or None."""
    match = _RE_DATE_LINE.match(line.strip())
    if not match:
        return None
    day, month_name, year = match.groups()
    if month_name not in thai_full_months:
        return None
    try:
        return date(be_to_ce(int(year)), thai_full_months.index(month_name) + 1, int(day))
    except ValueError:
        return None


@dataclass(frozen=True)
class DateRange:
    """A date limit found in a question, and the question without it."""

    start: date
    end: date
    rest: str
    precision: str = "day"  # "day", "month" or "year"

    def month(self) -> DateRange:
        """The whole month around a day-precise range."""
        last = calendar.monthrange(self.start.year, self.start.month)[1]
        return DateRange(self.start.replace(day=1), self.start.replace(day=last), self.rest,
                         "month")


def _month_alternatives() -> str:
    names: list[str] = []
    for i, (full, short) in enumerate(zip(thai_full_months, thai_abbr_months, strict=True)):
        # "ก.ย." may be typed "ก.ย", "ก. ย." or "กย."; group i+1 is month i+1.
        letters = [re.escape(ch) for ch in short.replace(".", "")]
        loose = r"\.?\s?".join(letters) + r"\.?"
        names.append(f"(?P<th{i + 1}>{re.escape(full)}|{loose})")
    for i, name in enumerate(ENGLISH_MONTHS):
        abbr = name[:3] + ("t" if name == "september" else "")
        names.append(f"(?P<en{i + 1}>{name}|{abbr}\\.?|{name[:3]}\\.?)")
    return "|".join(names)


_YEAR = r"(?:(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|ปี|year|in)\s*)?(?P<year>\d{4}|\d{2})"
# Day, month and year: "25 ก.ย. 2567", "September 2024", "ก.ย. 67", "Sep 25, 2024". A month
# stands apart from Thai letters ("มค" is inside words) but may follow "เดือน" ("เดือนกันยายน").
_RE_MONTH_DATE = re.compile(
    rf"(?:(?P<day>\d{{1,2}})\s*)?(?:(?<=เดือน)|(?<![\u0e01-\u0e4ea-z]))(?:{_month_alternatives()})"
    rf"(?:\s*(?P<day2>\d{{1,2}}),)?\s*{_YEAR}(?!\d)",
    re.IGNORECASE,
)
# A year on its own: "2566", "พ.ศ. 2566", "2023", "ปี 67" is too ambiguous.
_RE_YEAR = re.compile(
    r"(?:(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|ปี|year|in)\s*)?(?<!\d)(?P<year>\d{4})(?!\d)", re.IGNORECASE
)
# A number after these counts meetings or editions, not days: "ครั้งที่ 28 ส.ค. 66" is
# the 28th meeting, in August.
_RE_ORDINAL = re.compile(r"(?:ครั้งที่|รุ่นที่|ฉบับที่|ลำดับที่|no\.?|#)\s*$", re.IGNORECASE)
# ISO-style dates people paste: "2024-09-25", "2024-09".
_RE_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?(?!\d)")


def _year_from(text: str, *, after_month: bool) -> int | None:
    """A CE year from a 4-digit BE/CE year, or a 2-digit BE year after a month."""
    value = int(text)
    if len(text) == 2:
        return be_to_ce(2500 + value) if after_month else None
    if 2543 <= value <= 2643:
        return be_to_ce(value)
    if 2000 <= value <= 2100:
        return value
    return None


def _month_of(match: re.Match[str]) -> int:
    for key, value in match.groupdict().items():
        if value and key[:2] in ("th", "en") and key[2:].isdigit():
            return int(key[2:])
    raise ValueError("no month group matched")


def _month_range(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    try:
        if day:
            single = date(year, month, day)
            return single, single
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    except ValueError:
        return None


def _remove(text: str, span: tuple[int, int]) -> str:
    return re.sub(r"\s+", " ", text[: span[0]] + " " + text[span[1] :]).strip()


def find_date_range(text: str) -> DateRange | None:
    """The first date limit in `text` (a day, a month or a year), if any."""
    for match in _RE_MONTH_DATE.finditer(text):
        year = _year_from(match["year"], after_month=True)
        if year is None:
            continue
        day, span = match["day"], match.span()
        if day and _RE_ORDINAL.search(text[:match.start("day")]):
            day, span = None, (match.end("day"), span[1])
        day = day or match["day2"]
        found = _month_range(year, _month_of(match), int(day) if day else None)
        if found:
            return DateRange(found[0], found[1], _remove(text, span), "day" if day else "month")
    for match in _RE_ISO.finditer(text):
        year = _year_from(match["year"], after_month=False)
        if year is None:
            continue
        found = _month_range(year, int(match["month"]), int(match["day"] or 0) or None)
        if found:
            return DateRange(found[0], found[1], _remove(text, match.span()),
                             "day" if match["day"] else "month")
    years: list[tuple[int, tuple[int, int]]] = []
    for match in _RE_YEAR.finditer(text):
        year = _year_from(match["year"], after_month=False)
        if year is not None:
            years.append((year, match.span()))
    if not years:
        return None
    rest = text
    for _, span in reversed(years):
        rest = _remove(rest, span)
    # Two years ("2023 2024", "2566-2567") mean the span between them.
    first, last = min(y for y, _ in years), max(y for y, _ in years)
    return DateRange(date(first, 1, 1), date(last, 12, 31), rest, "year")
