"""Answers as replies: the text and buttons of each thing the bot says.

Built from what the core service answered, in one language: nothing here
reads a store or knows Telegram (bot/render.py turns a `Reply` into HTML or
plain text); bot/conversation.py decides which reply to give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.actions import (
    Action,
    AlertPage,
    ChooseLanguage,
    ForgetMe,
    LatestPage,
    PartnersPage,
    RemoveSubscription,
    RunExample,
    SearchPage,
    SearchTimeline,
    ShowHotline,
    ShowPartner,
)
from bot.alerts import ALERT_RELEASES
from bot.answers import Answer, Result
from bot.cards import HelpCard, PartnerCard
from bot.helplines import HelpChannel
from bot.i18n import LANGS, REGIONAL_LANGS, Strings
from bot.index import Stats
from bot.passages import cut
from bot.render import (
    MAX_MESSAGE_CHARS,
    Bold,
    Button,
    Contact,
    Link,
    Paragraph,
    Reply,
    fit,
    format_date,
    format_month,
)
from bot.state import PendingAlert, Subscription

PAGE_SIZE = 3
PARTNERS_PAGE_SIZE = 8
QUERY_SHOWN_CHARS = 60
# How many example searches /start offers (keys example_1... in the catalogs).
EXAMPLES = 3
# ...and a reply to a question off the releases' topics.
OFF_TOPIC_EXAMPLES = 2
# Search results offer their timeline when there are this many releases.
TIMELINE_MIN = 3
# A timeline's titles are cut to this length (twenty lines fit one message).
TIMELINE_TITLE_CHARS = 110
# The deep-link payload that opens the bot on its help card (t.me/<bot>?start=hotline).
HOTLINE_START = "hotline"
# Room kept at the end of a message for the help footer (its longest is ~150).
_FOOTER_ROOM = 300
# What each kind of help channel is, at a glance.
_ICONS = {"phone": "☎", "line": "💬", "app": "📱", "web": "🌐"}
# Language buttons in a row (eight languages: two rows).
_LANGUAGES_PER_ROW = 4
# A button label longer than this is cut (Telegram shows about this much).
_BUTTON_CHARS = 40
_DASH = "–"


@dataclass(frozen=True)
class InlineItem:
    """One release offered in inline mode."""

    id: str
    title: str
    description: str
    reply: Reply
    url: str


class Replies:
    """Builds replies with the catalogs' strings; `describe` says what a release
    is about from its concepts (for readers of another language)."""

    def __init__(self, strings: Strings, describe: Callable[[Iterable[str], str], str],
                 speaking: Callable[[str], list[HelpChannel]], bot_username: str,
                 commands: Sequence[str]) -> None:
        self.strings = strings
        self.commands = commands
        self.describe = describe
        self.speaking = speaking
        self.bot_username = bot_username

    def text(self, key: str, lang: str, **values: object) -> str:
        return self.strings.text(key, lang, **values)

    def plain(self, key: str, lang: str, *, hotline: bool = False) -> Reply:
        """One string as a reply, with the hotline button if asked."""
        return Reply([[self.text(key, lang)]], self.hotline_row(lang) if hotline else [])

    # --- answers -----------------------------------------------------------------

    def answer(self, answer: Answer, lang: str, key: str = "") -> list[Reply]:
        """An answer as messages: the welcome for a greeting, a short reply to thanks,
        /help's text for a question about the bot; else a help card stands alone, then
        the releases (`key` names the saved search for the page buttons). In the
        languages the releases are not written in, the last message ends with where to
        get help."""
        if answer.intent == "greeting" and isinstance(answer.card, HelpCard):
            return [self.start(lang, answer.card)]
        if answer.intent == "thanks":
            return [self.end_with_help(self.plain("thanks", lang, hotline=True), lang)]
        if answer.intent == "usage":
            return [self.help(lang)]
        replies = [self.results(answer, lang, key)]
        if isinstance(answer.card, HelpCard):
            card = self.help_card(answer.card, lang)
            replies = [card, *replies] if answer.results else [card]
        self.end_with_help(replies[-1], lang)
        return replies

    def end_with_help(self, reply: Reply, lang: str) -> Reply:
        """In the languages the releases are not written in, a reply ends with where
        to get help."""
        if lang in REGIONAL_LANGS:
            reply.paragraphs = [*fit(reply.paragraphs, MAX_MESSAGE_CHARS - _FOOTER_ROOM), [""],
                                self._help_footer(lang)]
        return reply

    def help_card(self, card: HelpCard, lang: str) -> Reply:
        """The help card: short, calm, numbers first; then what works from abroad."""
        paragraphs: list[Paragraph] = [[Bold(self.text("hotline_title", lang))]]
        if card.reassure:
            paragraphs.append([self.text(f"situation_{card.calm}_calm", lang) if card.calm
                               else self.text("hotline_calm", lang)])
        paragraphs += [[self.text(f"situation_{situation}_note", lang)]
                       for situation in card.notes]
        for channel in card.channels:
            paragraphs.append(self._channel_line(channel, lang))
        if card.abroad:
            paragraphs.append([self.text("from_abroad", lang)])
            paragraphs += [[Bold(f"🌐 {c.abroad}"), f" {c.name(lang)}"] for c in card.abroad]
        sources = [Link(str(n), url) for n, url in enumerate(dict.fromkeys(
            [*card.note_sources, *(c.source_url for c in card.channels),
             *(c.abroad_source_url for c in card.abroad)]), start=1)]
        paragraphs.append([f"{self.text('hotline_source', lang)}: ", *_joined(sources, " · ")])
        first = card.channels[0] if card.channels else None
        contact = Contact(first.tel, first.name(lang)) if first and first.tel else None
        buttons = [[Button(c.name(lang), url=c.link)] for c in card.channels if c.link]
        return Reply(fit(paragraphs), buttons, contact=contact, urgent=True,
                     card=card.key(lang))

    def _channel_line(self, channel: HelpChannel, lang: str) -> Paragraph:
        """☎ number, name (hours, free, languages)."""
        details = [self.text("hours_24", lang)] if channel.always_open else []
        if channel.free:
            details.append(self.text("hotline_free", lang))
        if channel.languages:
            names = ", ".join(self.text(f"lang_{code}", lang) for code in channel.languages)
            details.append(self.text("languages", lang, languages=names))
        line: Paragraph = [Bold(f"{_ICONS[channel.kind]} {channel.contact}"),
                           f" {channel.name(lang)}"]
        if details:
            line.append(f" ({', '.join(details)})")
        return line

    def _help_footer(self, lang: str) -> Paragraph:
        """One line: 1300, and the channels that speak the reader's language."""
        line: Paragraph = [self.text("help_footer", lang)]
        contacts = ", ".join(dict.fromkeys(c.contact for c in self.speaking(lang)))
        if contacts:
            line.append(" " + self.text("help_footer_interpreters", lang, contacts=contacts))
        return line

    def results(self, answer: Answer, lang: str, key: str = "") -> Reply:
        """A page of results; `key` names the saved search for the page buttons."""
        if answer.intent == "timeline" and answer.results:
            return self.timeline(answer, lang)
        paragraphs: list[Paragraph] = []
        if isinstance(answer.card, PartnerCard) and answer.offset == 0:
            paragraphs += self._partner_paragraphs(answer.card, lang)
        if answer.offset == 0:
            paragraphs += self._facts(answer, lang)
        if answer.results:
            paragraphs.append([Bold(self._header(answer, lang))])
            if lang in REGIONAL_LANGS:
                paragraphs.append([self.text("releases_language", lang)])
        if answer.corrections:
            words = ", ".join(f"{a} → {b}" for a, b in answer.corrections.items())
            paragraphs.append([self.text("corrected", lang, words=words)])
        message = self._message(answer, lang)
        if message:
            paragraphs.append([message])
        paragraphs += self._result_blocks(answer, lang)
        buttons = self._pager(answer, lang, lambda o: SearchPage(key, o)) if key else []
        if key and answer.intent == "search" and answer.total >= TIMELINE_MIN:
            buttons.append([Button(self.text("button_timeline", lang), SearchTimeline(key))])
        if answer.message == "off_topic":  # what the bot covers, as searches to tap
            buttons = self._examples(lang, OFF_TOPIC_EXAMPLES)
        return Reply(fit(paragraphs), buttons + self.hotline_row(lang))

    def _facts(self, answer: Answer, lang: str) -> list[Paragraph]:
        """The answer line: each passage that answers the question, with its date and
        link (two when releases give different figures)."""
        lines: list[Paragraph] = []
        for fact in answer.facts:
            lines += [[Bold("📌 "), fact.text],
                      [format_date(fact.date, lang), " · ", Link(self.text("source", lang),
                                                                 fact.url)], [""]]
        return lines

    def _examples(self, lang: str, count: int) -> list[list[Button]]:
        return [[Button(self.text(f"example_{n + 1}", lang), RunExample(lang, n))]
                for n in range(count)]

    def timeline(self, answer: Answer, lang: str) -> Reply:
        """The releases about a subject by month, oldest first, a line each."""
        paragraphs: list[Paragraph] = [[Bold(self.text(
            "timeline_header", lang, query=answer.query[:QUERY_SHOWN_CHARS],
            count=len(answer.results)))]]
        month = ""
        for result in answer.results:
            shown = format_month(result.date, lang)
            if shown != month:
                month = shown
                paragraphs += [[""], [Bold(month)]]
            paragraphs.append([f"{format_date(result.date, lang)} · ",
                               Link(cut(result.title, TIMELINE_TITLE_CHARS), result.url)])
        return Reply(fit(paragraphs), self.hotline_row(lang))

    def latest(self, answer: Answer, lang: str) -> Reply:
        """A page of the newest releases."""
        header = self.text("latest_header", lang, first=answer.offset + 1,
                           last=answer.offset + len(answer.results), total=answer.total)
        buttons = self._pager(answer, lang, LatestPage)
        return Reply(fit([[Bold(header)], *self._result_blocks(answer, lang)]),
                     buttons + self.hotline_row(lang))

    def inline_item(self, result: Result, lang: str) -> InlineItem:
        """A release to share in another chat: it opens this bot on its help card."""
        date_text = format_date(result.date, lang)
        blurb = result.snippet or result.summary
        paragraphs: list[Paragraph] = [[Bold(result.title)], [date_text], [blurb],
                                       [Link(self.text("source", lang), result.url)]]
        hotline = Button(self.text("button_hotline", lang), start=HOTLINE_START)
        return InlineItem(
            id=str(result.id), title=result.title[:200],
            description=f"{date_text} · {blurb}"[:200],
            reply=Reply(fit(paragraphs), [[hotline]]), url=result.url,
        )

    # --- commands ----------------------------------------------------------------

    def start(self, lang: str, card: HelpCard) -> Reply:
        """Welcome, example searches to tap, the hotline, the language buttons."""
        buttons = self._examples(lang, EXAMPLES)
        buttons += self.hotline_row(lang)
        buttons += self._language_rows()
        paragraphs: list[Paragraph] = [[self.text("start", lang)], [""],
                                       [self.text("start_help", lang)]]
        for channel in card.channels[:1]:
            hours = f" ({self.text('hours_24', lang)})" if channel.always_open else ""
            paragraphs.append([Bold(f"☎ {channel.contact}"), f" {channel.name(lang)}", hours])
        return Reply(paragraphs, buttons)

    def help(self, lang: str) -> Reply:
        """How to search, then every command with its description."""
        paragraphs: list[Paragraph] = [
            [line] for line in self.text("help", lang, bot=self.bot_username).split("\n")
        ]
        for command in self.commands:
            paragraphs.append([f"/{command} – {self.text(f'command_{command}', lang)}"])
        return Reply(paragraphs, self.hotline_row(lang))

    def partners(self, cards: list[PartnerCard], lang: str, page: int) -> Reply:
        """A page of the partner list, with a button for each partner."""
        start = page * PARTNERS_PAGE_SIZE
        last = min(len(cards), start + PARTNERS_PAGE_SIZE)
        paragraphs: list[Paragraph] = [[Bold(self.text(
            "partners_header", lang, first=start + 1, last=last, total=len(cards)))]]
        buttons: list[list[Button]] = []
        for number, card in enumerate(cards[start:last], start=start + 1):
            partner = card.partner
            label = partner.name(lang) + (f" ({partner.short})" if partner.short else "")
            paragraphs += [[""], [Bold(f"{number}. {label}")], [partner.description(lang)],
                           [self._activity(card, lang)]]
            short = f"{number}. {partner.short or partner.name(lang)}"[:_BUTTON_CHARS]
            buttons.append([Button(short, ShowPartner(partner.id))])
        row: list[Button] = []
        if page > 0:
            row.append(Button(self.text("button_back", lang), PartnersPage(page - 1)))
        if last < len(cards):
            row.append(Button(self.text("button_more", lang), PartnersPage(page + 1)))
        return Reply(fit(paragraphs), [*buttons, *([row] if row else []),
                                       *self.hotline_row(lang)])

    def language_prompt(self, lang: str) -> Reply:
        return Reply([[self.text("lang_prompt", lang)]], self._language_rows())

    def about(self, stats: Stats, lang: str, search_days: int) -> Reply:
        """Where the data come from, how fresh they are, what is kept about people."""
        text = self.text(
            "about", lang, count=stats.releases,
            first=format_date(stats.first_date, lang) if stats.first_date else _DASH,
            last=format_date(stats.last_date, lang) if stats.last_date else _DASH,
            updated=(stats.last_ingest or _DASH)[:10], days=search_days,
        )
        lines = [*text.split("\n"), self.text("about_subscriptions", lang)]
        return Reply([[line] for line in lines],
                     [[Button(self.text("button_forget", lang), ForgetMe())]])

    # --- subscriptions and alerts ------------------------------------------------

    def subscribed(self, words: str, added: bool, lang: str) -> Reply:
        if not added:
            return self.plain("subscribed_already", lang)
        if not words:
            return self.plain("subscribed_all", lang)
        return Reply([[self.text("subscribed", lang, words=words)]])

    def subscriptions_full(self, count: int, lang: str) -> Reply:
        return Reply([[self.text("subscriptions_full", lang, count=count)]])

    def subscriptions(self, found: Sequence[Subscription], lang: str) -> Reply:
        """A chat's subscriptions, a remove button each."""
        if not found:
            return self.plain("subscriptions_none", lang)
        lines: list[Paragraph] = [[Bold(self.text("subscriptions_header", lang))]]
        lines += [[f"• {s.words or self.text('words_all', lang)}"] for s in found]
        buttons = [[Button(f"✕ {(s.words or self.text('words_all', lang))[:_BUTTON_CHARS]}",
                           RemoveSubscription(s.id))] for s in found]
        return Reply(lines, buttons)

    def unsubscribed(self, count: int, lang: str) -> Reply:
        return Reply([[self.text("unsubscribed", lang, count=count)]])

    def alert(self, alert: PendingAlert, results: Sequence[Result], lang: str) -> Reply:
        """New releases for a chat's subscriptions: up to ALERT_RELEASES, then how many
        more, with a button to see them all."""
        words = self._alert_words(alert, lang)
        lines: list[Paragraph] = [[Bold(self.text("alert_header", lang, words=words))]]
        for result in results[:ALERT_RELEASES]:
            lines += [[""], [Bold(result.title)],
                      [format_date(result.date, lang), " · ", *self._sources(result, lang)]]
        more = len(results) - ALERT_RELEASES
        if more <= 0:
            return Reply(fit(lines))
        return Reply(fit([*lines, [""], [self.text("alert_more", lang, count=more)]]),
                     self._see_all(alert, lang))

    def alert_bulk(self, alert: PendingAlert, lang: str) -> Reply:
        """After a big import: one line, and the button to see them all."""
        text = self.text("alert_bulk", lang, count=len(alert.release_ids),
                         words=self._alert_words(alert, lang))
        return Reply([[text]], self._see_all(alert, lang))

    def _alert_words(self, alert: PendingAlert, lang: str) -> str:
        return ", ".join(w or self.text("words_all", lang) for w in alert.words)

    def _see_all(self, alert: PendingAlert, lang: str) -> list[list[Button]]:
        return [[Button(self.text("button_see_all", lang), AlertPage(alert.list_key, 0))]]

    def alert_page(self, key: str, results: Sequence[Result], offset: int, total: int,
                   lang: str) -> Reply:
        """A page of an alert's releases."""
        page = Answer(query="", lang="", offset=offset, total=total, results=list(results))
        header = self.text("alert_list_header", lang, first=offset + 1,
                           last=offset + len(page.results), total=total)
        buttons = self._pager(page, lang, lambda at: AlertPage(key, at))
        return Reply(fit([[Bold(header)], *self._result_blocks(page, lang)]), buttons)

    def hotline_row(self, lang: str) -> list[list[Button]]:
        return [[Button(self.text("button_hotline", lang), ShowHotline())]]

    # --- pieces ------------------------------------------------------------------

    def _language_rows(self) -> list[list[Button]]:
        """A button per language, each named in its own language."""
        buttons = [Button(self.text(f"lang_{code}", code), ChooseLanguage(code))
                   for code in LANGS]
        return [buttons[i:i + _LANGUAGES_PER_ROW]
                for i in range(0, len(buttons), _LANGUAGES_PER_ROW)]

    def _header(self, answer: Answer, lang: str) -> str:
        first, last = answer.offset + 1, answer.offset + len(answer.results)
        if isinstance(answer.card, PartnerCard) and answer.intent == "partner":
            return self.text("partner_releases_header", lang, first=first, last=last,
                             total=answer.total)
        if not answer.query:
            return self.text(
                "period_header", lang, first=first, last=last, total=answer.total,
                start=format_date(answer.date_from, lang) if answer.date_from else "",
                end=format_date(answer.date_to, lang) if answer.date_to else "")
        shown = answer.query[:QUERY_SHOWN_CHARS]
        if len(answer.query) > QUERY_SHOWN_CHARS:
            shown += "…"
        total = f"{answer.total}+" if answer.capped else str(answer.total)
        return self.text("results_header", lang, query=shown, first=first, last=last,
                         total=total)

    def _activity(self, card: PartnerCard, lang: str) -> str:
        latest = format_date(card.latest, lang) if card.latest else _DASH
        return self.text("partner_activity", lang, count=card.releases, latest=latest)

    def _partner_paragraphs(self, card: PartnerCard, lang: str) -> list[Paragraph]:
        partner = card.partner
        other = partner.name_en if lang == "th" else partner.name_th
        names: Paragraph = [Bold(partner.name(lang))]
        if partner.short:
            names.append(f" ({partner.short})")
        lines: list[Paragraph] = [names]
        if other and other != partner.name(lang):
            lines.append([other])
        lines += [[partner.description(lang)], [self._activity(card, lang)], [""]]
        return lines

    def _message(self, answer: Answer, lang: str) -> str:
        if answer.message == "no_results" and answer.date_from and answer.date_to:
            return self.text("no_results_in_range", lang,
                             start=format_date(answer.date_from, lang),
                             end=format_date(answer.date_to, lang))
        return self.text(answer.message, lang) if answer.message else ""

    def _result_blocks(self, answer: Answer, lang: str) -> list[Paragraph]:
        blocks: list[Paragraph] = []
        for number, result in enumerate(answer.results, start=answer.offset + 1):
            date_line = format_date(result.date, lang)
            if lang != "th" and result.lang != lang:
                # Readers of other languages get what the release is about, from the
                # places, partners and topics recognised in it.
                about = self.describe(result.concepts, lang)
                written = (self.text("in_thai", lang) if result.lang == "th"
                           else self.text("in_english", lang) if result.lang == "en"
                           else self.text(f"lang_{result.lang}", result.lang)
                           if result.lang in LANGS else "")
                date_line += "".join(f" · {part}" for part in (written, about) if part)
            blocks += [
                [""],
                [Bold(f"{number}. {result.title}")],
                [date_line],
                [result.snippet or result.summary],
                self._sources(result, lang),
            ]
        return blocks

    def _sources(self, result: Result, lang: str) -> Paragraph:
        """The link to the release, then other sources' links to it, by site."""
        line: Paragraph = [Link(self.text("source", lang), result.url)]
        for url in result.links:
            line += [" · ", Link(urlsplit(url).hostname or url, url)]
        return line

    def _pager(self, answer: Answer, lang: str,
               page: Callable[[int], Action]) -> list[list[Button]]:
        """◀ Previous / More ▶ buttons for a paged answer."""
        row: list[Button] = []
        if answer.offset > 0:
            row.append(Button(self.text("button_back", lang),
                              page(max(0, answer.offset - PAGE_SIZE))))
        if answer.has_more:
            row.append(Button(self.text("button_more", lang),
                              page(answer.offset + len(answer.results))))
        return [row] if row else []


def _joined(pieces: list[Link], separator: str) -> list[str | Link]:
    out: list[str | Link] = []
    for index, piece in enumerate(pieces):
        if index:
            out.append(separator)
        out.append(piece)
    return out
