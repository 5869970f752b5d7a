"""Answers to text: plain text for the terminal, HTML for Telegram.

>>> from datetime import date
>>> format_date(date(2024, 9, 25), "th"), format_date(date(2024, 9, 25), "en")
('25 ก.ย. 2567', '25 Sep 2024')
"""

from __future__ import annotations

from datetime import date

from bot import i18n
from bot.dates import BE_OFFSET, THAI_MONTHS_SHORT
from bot.search import Answer, Result

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: date, lang: str) -> str:
    """Thai style (Buddhist era, short month) or English style."""
    if lang == "th":
        return f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {day.year + BE_OFFSET}"
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def result_blurb(result: Result) -> str:
    """The text under a title: the query snippet if there is one, else the summary."""
    return result.snippet or result.summary


def answer_message(answer: Answer, lang: str) -> str | None:
    """The line that explains an empty or corrected answer, if any."""
    if answer.message == "no_results" and answer.date_from and answer.date_to:
        return i18n.text("no_results_in_range", lang,
                         start=format_date(answer.date_from, lang),
                         end=format_date(answer.date_to, lang))
    if answer.message:
        return i18n.text(answer.message, lang)
    return None


def render_plain(answer: Answer, lang: str) -> str:
    """An answer for the terminal."""
    lines: list[str] = []
    message = answer_message(answer, lang)
    if answer.corrections:
        words = ", ".join(f"{a} → {b}" for a, b in answer.corrections.items())
        lines.append(i18n.text("corrected", lang, words=words))
    if message:
        lines.append(message)
    for number, result in enumerate(answer.results, start=answer.offset + 1):
        lines += [
            "",
            f"{number}. {result.title}",
            f"   {format_date(result.date, lang)}",
            f"   {result_blurb(result)}",
            f"   {result.url}",
        ]
    return "\n".join(lines).strip()
