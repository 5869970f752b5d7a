"""Replies as text: HTML for Telegram, plain text for the terminal.

A reply is built once as `Reply` (paragraphs of plain strings, `Bold` and
`Link` pieces, plus buttons) and rendered twice, so `atbot chat` shows
exactly what Telegram shows. Every piece of text is escaped when rendered
to HTML; nothing user-supplied is ever written into markup unescaped.

>>> from datetime import date, datetime
>>> format_date(date(2024, 9, 25), "th"), format_date(date(2024, 9, 25), "en")
('25 ก.ย. 2567', '25 Sep 2024')
>>> to_html([["a < b ", Bold("&"), " ", Link("x", "https://e.org/?a=1&b=2")]])
'a &lt; b <b>&amp;</b> <a href="https://e.org/?a=1&amp;b=2">x</a>'
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from pythainlp.util import thai_strftime

if TYPE_CHECKING:
    from bot.actions import Action

# Telegram's limit on a message's visible text (telegram.constants.MessageLimit
# .MAX_TEXT_LENGTH; tests check they agree). Not imported here, so that the
# command line starts without loading python-telegram-bot.
MAX_MESSAGE_CHARS = 4096
# Callback data may be at most 64 bytes (InlineKeyboardButtonLimit.MAX_CALLBACK_DATA).
MAX_ACTION_BYTES = 64


@dataclass(frozen=True)
class Bold:
    text: str


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Piece = str | Bold | Link
Paragraph = list[Piece]


@dataclass(frozen=True)
class Button:
    """A button that does an `action` (bot/actions.py), opens a `url`, or opens
    this bot in another chat on `/start <start>` (a deep link)."""

    label: str
    action: Action | None = None
    url: str = ""
    start: str = ""

    def __post_init__(self) -> None:
        if self.action is not None and len(self.action.data.encode()) > MAX_ACTION_BYTES:
            raise ValueError(f"button action over {MAX_ACTION_BYTES} bytes: {self.action}")


@dataclass(frozen=True)
class Contact:
    """A phone number sent as a contact card, which phones can call with one tap."""

    phone: str
    name: str


@dataclass
class Reply:
    """What the bot says: paragraphs, then rows of buttons, maybe a contact to call."""

    paragraphs: list[Paragraph]
    buttons: list[list[Button]] = field(default_factory=list)
    contact: Contact | None = None
    # A help card's reply goes before others, and is worth sending for longer;
    # `card` names the card (HelpCard.key) for the outbox that survives a restart.
    urgent: bool = False
    card: str = ""

    @property
    def html(self) -> str:
        return to_html(self.paragraphs)

    @property
    def plain(self) -> str:
        return to_plain(self.paragraphs)


def format_date(day: date, lang: str) -> str:
    """Thai style (Buddhist era, short month: pythainlp), English style, Chinese
    style, or day/month/year in figures for the other languages.

    >>> format_date(date(2024, 9, 5), "zh"), format_date(date(2024, 9, 5), "vi")
    ('2024年9月5日', '05/09/2024')
    """
    if lang == "th":
        return thai_strftime(datetime(day.year, day.month, day.day), "%-d %b %Y")
    if lang == "en":
        return f"{day.day} {day:%b} {day.year}"
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day:%d/%m/%Y}"


def format_month(day: date, lang: str) -> str:
    """The month of `day`, as format_date writes it ("ก.ย. 2567", "Sep 2024", "2024年9月",
    "09/2024")."""
    if lang == "th":
        return thai_strftime(datetime(day.year, day.month, day.day), "%b %Y")
    if lang == "en":
        return f"{day:%b} {day.year}"
    if lang == "zh":
        return f"{day.year}年{day.month}月"
    return f"{day:%m/%Y}"


def _piece_html(piece: Piece) -> str:
    if isinstance(piece, Bold):
        return f"<b>{html.escape(piece.text, quote=False)}</b>"
    if isinstance(piece, Link):
        return f'<a href="{html.escape(piece.url)}">{html.escape(piece.text, quote=False)}</a>'
    return html.escape(piece, quote=False)


def _piece_plain(piece: Piece) -> str:
    if isinstance(piece, Bold):
        return piece.text
    if isinstance(piece, Link):
        return piece.url if piece.text == piece.url else f"{piece.text}: {piece.url}"
    return piece


def to_html(paragraphs: list[Paragraph]) -> str:
    return "\n".join("".join(_piece_html(p) for p in paragraph) for paragraph in paragraphs)


def to_plain(paragraphs: list[Paragraph]) -> str:
    return "\n".join("".join(_piece_plain(p) for p in paragraph) for paragraph in paragraphs)


def visible_length(paragraphs: list[Paragraph]) -> int:
    """Length Telegram counts: the text without markup."""
    return sum(len(p.text if isinstance(p, Bold | Link) else p)
               for paragraph in paragraphs for p in paragraph) + max(0, len(paragraphs) - 1)


def fit(paragraphs: list[Paragraph], limit: int = MAX_MESSAGE_CHARS) -> list[Paragraph]:
    """Drop trailing paragraphs until the message fits Telegram's limit."""
    kept = list(paragraphs)
    while kept and visible_length(kept) > limit:
        kept.pop()
    if not kept and paragraphs:
        text = to_plain(paragraphs[:1])[: limit - 1] + "…"
        kept = [[text]]
    return kept
