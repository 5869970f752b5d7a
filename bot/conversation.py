"""What the bot says: the conversation, independent of Telegram.

Telegram handlers and `atbot chat` both call `Conversation`; it returns
`Reply` objects (bot/render.py) and button actions, never Telegram types.
Button actions are short strings that mean the same after a restart:

    more:<search key>:<offset>   a page of a search (the search text is stored
                                 without any user id, see Store.save_search)
    latest:<offset>              a page of the newest releases
    hotline                      the help card
    ex:<lang>:<n>                run example search n
    lang:<th|en>                 store the user's language
    partners:<page>              a page of the partner list
    partner:<id>                 a partner's card and releases
    forget                       delete what is stored about the user
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot import i18n
from bot.cards import HelpCard, PartnerCard
from bot.core import Core
from bot.render import Bold, Button, Contact, Link, Paragraph, Reply, fit, format_date
from bot.search import Answer, Result
from bot.thai import detect_language

PAGE_SIZE = 3
INLINE_PAGE_SIZE = 10
PARTNERS_PAGE_SIZE = 8
QUERY_SHOWN_CHARS = 60


@dataclass(frozen=True)
class User:
    """Who is talking: Telegram's user id and language code, if known."""

    id: int | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class ButtonAnswer:
    """The replies to a button press; `edit` replaces the message the button was on."""

    replies: list[Reply]
    edit: bool

    @property
    def reply(self) -> Reply:
        return self.replies[0]


@dataclass(frozen=True)
class InlineItem:
    """One release offered in inline mode."""

    id: str
    title: str
    description: str
    reply: Reply
    url: str


class Conversation:
    """Turns messages, commands and button presses into replies."""

    def __init__(self, core: Core, bot_username: str = "atbot") -> None:
        self.core = core
        self.bot_username = bot_username

    # --- language ----------------------------------------------------------------

    async def language(self, user: User, text: str = "") -> str:
        """The user's stored choice, else the text's script, else Telegram's language."""
        if user.id is not None:
            stored = await self.core.store.user_language(user.id)
            if stored:
                return stored
        detected = detect_language(text) if text else None
        if detected:
            return detected
        code = (user.language_code or "").lower()
        if code:
            return "th" if code.startswith("th") else "en"
        return i18n.DEFAULT_LANG

    # --- messages, commands, buttons ---------------------------------------------

    async def message(self, text: str, user: User) -> list[Reply]:
        """Any text message: a card first when one is called for, then releases."""
        lang = await self.language(user, text)
        answer = await self.core.ask(text, limit=PAGE_SIZE)
        key = ""
        # A message from someone in danger is never stored, not even without an id.
        if answer.has_more and answer.intent != "distress":
            key = await self.core.store.save_search(answer.query)
        return self.answer_replies(answer, lang, key)

    async def command(self, name: str, user: User, argument: str = "") -> Reply:
        """A slash command; /start may carry a deep-link argument (t.me/bot?start=hotline)."""
        lang = await self.language(user)
        match name:
            case "start" if argument == "hotline":
                return self.help_reply(self.core.help_card(), lang)
            case "start":
                return self.start(lang)
            case "help":
                return self.help(lang)
            case "latest":
                return await self._latest(lang, 0)
            case "hotline":
                return self.help_reply(self.core.help_card(), lang)
            case "partners":
                return await self.partners(lang)
            case "lang":
                return self.lang_prompt(lang)
            case "about":
                return await self.about(lang)
            case "forget":
                return await self.forget(user, lang)
        return Reply([[i18n.text("unknown_command", lang)]], self._hotline_row(lang))

    async def button(self, action: str, user: User) -> ButtonAnswer:
        lang = await self.language(user)
        kind, _, rest = action.partition(":")
        if kind == "more":
            key, _, offset = rest.rpartition(":")
            return await self._search_page(key, _int(offset), lang)
        if kind == "latest":
            return ButtonAnswer([await self._latest(lang, _int(rest))], edit=True)
        if kind == "hotline":
            return ButtonAnswer([self.help_reply(self.core.help_card(), lang)], edit=False)
        if kind == "ex":
            example_lang, _, number = rest.partition(":")
            examples = i18n.EXAMPLES.get(example_lang, i18n.EXAMPLES[lang])
            query = examples[_int(number) % len(examples)]
            return ButtonAnswer(await self.message(query, user), edit=False)
        if kind == "lang" and rest in i18n.LANGS and user.id is not None:
            await self.core.store.set_user_language(user.id, rest)
            return ButtonAnswer([Reply([[i18n.text("lang_set", rest)]])], edit=True)
        if kind == "partners":
            return ButtonAnswer([await self.partners(lang, _int(rest))], edit=True)
        if kind == "partner" and rest in self.core.partners:
            answer = await self.core.ask(self.core.partners[rest].short or
                                         self.core.partners[rest].name(lang), limit=PAGE_SIZE)
            return ButtonAnswer(self.answer_replies(answer, lang), edit=False)
        if kind == "forget":
            return ButtonAnswer([await self.forget(user, lang)], edit=True)
        return ButtonAnswer([Reply([[i18n.text("search_expired", lang)]],
                                   self._hotline_row(lang))], edit=False)

    async def inline(self, text: str, offset: str, user: User) -> tuple[list[InlineItem], str]:
        """Releases for inline mode, and the next offset ("" at the end)."""
        lang = await self.language(user, text)
        start = _int(offset)
        if text.strip():
            answer = await self.core.ask(text, limit=INLINE_PAGE_SIZE, offset=start)
        else:
            answer = await self._newest(INLINE_PAGE_SIZE, start)
        items = [self._inline_item(r, lang) for r in answer.results]
        next_offset = str(start + len(items)) if answer.has_more else ""
        return items, next_offset

    # --- replies -----------------------------------------------------------------

    def answer_replies(self, answer: Answer, lang: str, key: str = "") -> list[Reply]:
        """An answer as messages: a help card stands alone, then the releases."""
        if isinstance(answer.card, HelpCard):
            card = self.help_reply(answer.card, lang)
            return [card, self.results_reply(answer, lang, key)] if answer.results else [card]
        return [self.results_reply(answer, lang, key)]

    def help_reply(self, card: HelpCard, lang: str) -> Reply:
        """The help card: short, calm, numbers first."""
        paragraphs: list[Paragraph] = [[Bold(i18n.text("hotline_title", lang))]]
        if card.reassure:
            paragraphs.append([i18n.text("hotline_calm", lang)])
        for channel in card.channels:
            details = [channel.hours(lang)]
            if channel.free:
                details.append(i18n.text("hotline_free", lang))
            extra = ", ".join(d for d in details if d)
            line: Paragraph = [Bold(f"☎ {channel.contact}"), f" {channel.name(lang)}"]
            if extra:
                line.append(f" ({extra})")
            paragraphs.append(line)
        sources = [Link(str(n), c.source_url) for n, c in enumerate(card.channels, start=1)]
        paragraphs.append([f"{i18n.text('hotline_source', lang)}: ",
                           *_joined(sources, " · ")])
        first = card.channels[0] if card.channels else None
        contact = Contact(first.tel, first.name(lang)) if first and first.tel else None
        buttons = [[Button(c.name(lang), url=c.link)] for c in card.channels if c.link]
        return Reply(fit(paragraphs), buttons, contact=contact)

    def start(self, lang: str) -> Reply:
        examples = i18n.EXAMPLES[lang]
        buttons = [[Button(example, f"ex:{lang}:{n}")] for n, example in enumerate(examples)]
        buttons += self._hotline_row(lang)
        buttons.append([Button(i18n.text("button_thai", lang), "lang:th"),
                        Button(i18n.text("button_english", lang), "lang:en")])
        paragraphs: list[Paragraph] = [[i18n.text("start", lang)], [""],
                                       [i18n.text("start_help", lang)]]
        card = self.core.help_card()
        for channel in card.channels[:1]:
            paragraphs.append([Bold(f"☎ {channel.contact}"), f" {channel.name(lang)}",
                               f" ({channel.hours(lang)})" if channel.hours(lang) else ""])
        return Reply(paragraphs, buttons)

    def help(self, lang: str) -> Reply:
        paragraphs: list[Paragraph] = [
            [line] for line in i18n.text("help", lang, bot=self.bot_username).split("\n")
        ]
        for command in i18n.COMMANDS:
            paragraphs.append([f"/{command} – {i18n.command_description(command, lang)}"])
        return Reply(paragraphs, self._hotline_row(lang))

    async def partners(self, lang: str, page: int = 0) -> Reply:
        """Partners sorted by how many indexed releases mention them, a page at a time."""
        stats = await self.core.store.partner_stats()
        ranked = sorted(self.core.partners.values(),
                        key=lambda p: (-stats.get(p.id, (0, None))[0], p.name(lang)))
        start = page * PARTNERS_PAGE_SIZE
        shown = ranked[start:start + PARTNERS_PAGE_SIZE]
        last = min(len(ranked), start + PARTNERS_PAGE_SIZE)
        paragraphs: list[Paragraph] = [[Bold(i18n.text(
            "partners_header", lang, first=start + 1, last=last, total=len(ranked)))]]
        buttons: list[list[Button]] = []
        for number, partner in enumerate(shown, start=start + 1):
            count, latest = stats.get(partner.id, (0, None))
            label = partner.name(lang) + (f" ({partner.short})" if partner.short else "")
            paragraphs += [[""], [Bold(f"{number}. {label}")], [partner.description(lang)],
                           [i18n.text("partner_activity", lang, count=count,
                                      latest=format_date(latest, lang) if latest else "–")]]
            buttons.append([Button(f"{number}. {partner.short or partner.name(lang)}"[:40],
                                   f"partner:{partner.id}")])
        row: list[Button] = []
        if page > 0:
            row.append(Button(i18n.text("button_back", lang), f"partners:{page - 1}"))
        if last < len(ranked):
            row.append(Button(i18n.text("button_more", lang), f"partners:{page + 1}"))
        return Reply(fit(paragraphs), [*buttons, *([row] if row else []),
                                       *self._hotline_row(lang)])

    def lang_prompt(self, lang: str) -> Reply:
        return Reply([[i18n.text("lang_prompt", lang)]],
                     [[Button(i18n.text("button_thai", lang), "lang:th"),
                       Button(i18n.text("button_english", lang), "lang:en")]])

    async def about(self, lang: str) -> Reply:
        stats = await self.core.store.stats()
        dash = "–"
        text = i18n.text(
            "about", lang, count=stats.releases,
            first=format_date(stats.first_date, lang) if stats.first_date else dash,
            last=format_date(stats.last_date, lang) if stats.last_date else dash,
            updated=(stats.last_ingest or dash)[:10], days=self.core.store.search_days,
        )
        return Reply([[line] for line in text.split("\n")],
                     [[Button(i18n.text("button_forget", lang), "forget")]])

    async def forget(self, user: User, lang: str) -> Reply:
        if user.id is not None:
            await self.core.store.forget_user(user.id)
        return Reply([[i18n.text("forgotten", lang)]])

    def results_reply(self, answer: Answer, lang: str, key: str = "") -> Reply:
        """A page of results; `key` names the stored search for the page buttons."""
        paragraphs: list[Paragraph] = []
        if isinstance(answer.card, PartnerCard) and answer.offset == 0:
            paragraphs += self._partner_paragraphs(answer.card, lang)
        if answer.results:
            paragraphs.append([Bold(self._header(answer, lang))])
        if answer.corrections:
            words = ", ".join(f"{a} → {b}" for a, b in answer.corrections.items())
            paragraphs.append([i18n.text("corrected", lang, words=words)])
        message = self._answer_message(answer, lang)
        if message:
            paragraphs.append([message])
        paragraphs += self._result_blocks(answer, lang)
        buttons = self._pager(answer, lang, lambda o: f"more:{key}:{o}") if key else []
        return Reply(fit(paragraphs), buttons + self._hotline_row(lang))

    # --- pieces ------------------------------------------------------------------

    def _header(self, answer: Answer, lang: str) -> str:
        first, last = answer.offset + 1, answer.offset + len(answer.results)
        if isinstance(answer.card, PartnerCard):
            return i18n.text("partner_releases_header", lang, first=first, last=last,
                             total=answer.total)
        if not answer.query:
            return i18n.text("period_header", lang, first=first, last=last, total=answer.total,
                             start=format_date(answer.date_from, lang) if answer.date_from
                             else "",
                             end=format_date(answer.date_to, lang) if answer.date_to else "")
        shown = answer.query[:QUERY_SHOWN_CHARS]
        if len(answer.query) > QUERY_SHOWN_CHARS:
            shown += "…"
        total = f"{answer.total}+" if answer.capped else str(answer.total)
        return i18n.text("results_header", lang, query=shown, first=first, last=last,
                         total=total)

    def _partner_paragraphs(self, card: PartnerCard, lang: str) -> list[Paragraph]:
        partner = card.partner
        other = partner.name_en if lang == "th" else partner.name_th
        names = [Bold(partner.name(lang))]
        if partner.short:
            names.append(f" ({partner.short})")
        lines: list[Paragraph] = [names]
        if other and other != partner.name(lang):
            lines.append([other])
        lines += [[partner.description(lang)],
                  [i18n.text("partner_activity", lang, count=card.releases,
                             latest=format_date(card.latest, lang) if card.latest else "–")],
                  [""]]
        return lines

    async def _search_page(self, key: str, offset: int, lang: str) -> ButtonAnswer:
        query = await self.core.store.load_search(key)
        if query is None:
            return ButtonAnswer([Reply([[i18n.text("search_expired", lang)]],
                                       self._hotline_row(lang))], edit=False)
        answer = await self.core.ask(query, limit=PAGE_SIZE, offset=max(0, offset))
        return ButtonAnswer([self.results_reply(answer, lang, key)], edit=True)

    async def _newest(self, limit: int, offset: int) -> Answer:
        releases, total = await self.core.store.newest(limit=limit, offset=offset)
        return Answer(query="", lang=i18n.DEFAULT_LANG, offset=offset, total=total,
                      results=[Result(r.id, r.url, r.title, r.date, r.lang, r.summary, "", 0.0,
                                      r.concepts) for r in releases])

    async def _latest(self, lang: str, offset: int) -> Reply:
        answer = await self._newest(PAGE_SIZE, max(0, offset))
        header = i18n.text("latest_header", lang, first=offset + 1,
                           last=offset + len(answer.results), total=answer.total)
        buttons = self._pager(answer, lang, lambda o: f"latest:{o}")
        return Reply(fit([[Bold(header)], *self._result_blocks(answer, lang)]),
                     buttons + self._hotline_row(lang))

    def _answer_message(self, answer: Answer, lang: str) -> str:
        if answer.message == "no_results" and answer.date_from and answer.date_to:
            return i18n.text("no_results_in_range", lang,
                             start=format_date(answer.date_from, lang),
                             end=format_date(answer.date_to, lang))
        return i18n.text(answer.message, lang) if answer.message else ""

    def _result_blocks(self, answer: Answer, lang: str) -> list[Paragraph]:
        blocks: list[Paragraph] = []
        for number, result in enumerate(answer.results, start=answer.offset + 1):
            date_line = format_date(result.date, lang)
            if lang == "en" and result.lang == "th":
                # English readers get what the Thai release is about, from the
                # places, partners and topics recognised in it.
                about = self.core.lexicon.describe(result.concepts, "en")
                date_line += f" · {i18n.text('in_thai', lang)}" + (f" · {about}" if about else "")
            blocks += [
                [""],
                [Bold(f"{number}. {result.title}")],
                [date_line],
                [result.snippet or result.summary],
                [Link(i18n.text("source", lang), result.url)],
            ]
        return blocks

    def _pager(self, answer: Answer, lang: str,
               make: Callable[[int], str]) -> list[list[Button]]:
        """◀ Previous / More ▶ buttons for a paged answer."""
        row: list[Button] = []
        if answer.offset > 0:
            row.append(Button(i18n.text("button_back", lang),
                              make(max(0, answer.offset - PAGE_SIZE))))
        if answer.has_more:
            row.append(Button(i18n.text("button_more", lang),
                              make(answer.offset + len(answer.results))))
        return [row] if row else []

    def _hotline_row(self, lang: str) -> list[list[Button]]:
        return [[Button(i18n.text("button_hotline", lang), "hotline")]]

    def _inline_item(self, result: Result, lang: str) -> InlineItem:
        date_text = format_date(result.date, lang)
        blurb = result.snippet or result.summary
        paragraphs: list[Paragraph] = [[Bold(result.title)], [date_text], [blurb],
                                       [Link(i18n.text("source", lang), result.url)]]
        # A message shared in another chat opens the bot on its help card.
        hotline = Button(i18n.text("button_hotline", lang),
                         url=f"https://t.me/{self.bot_username}?start=hotline")
        return InlineItem(
            id=str(result.id), title=result.title[:200], description=f"{date_text} · {blurb}"[:200],
            reply=Reply(fit(paragraphs), [[hotline]]), url=result.url,
        )


def _joined(pieces: list[Link], separator: str) -> list[str | Link]:
    out: list[str | Link] = []
    for index, piece in enumerate(pieces):
        if index:
            out.append(separator)
        out.append(piece)
    return out


def _int(text: str) -> int:
    try:
        return max(0, int(text))
    except ValueError:
        return 0
