"""What the bot says: the conversation, independent of Telegram.

Telegram handlers and `atbot chat` both call `Conversation`; it asks the core
service (bot/core.py) for what it needs and returns `Reply` objects
(bot/replies.py, bot/render.py), never Telegram types. Commands are listed
once, in COMMANDS; buttons are the actions of bot/actions.py.

Adding a command: a method here with the commands' signature and its place
in COMMANDS, plus its strings (command_<name> and what it says).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot import __version__
from bot.actions import ButtonAnswer
from bot.alerts import BULK_RELEASES
from bot.answers import Answer
from bot.core import Core
from bot.i18n import BASE_LANG, DEFAULT_LANG, LANGS
from bot.message import Message
from bot.render import Reply
from bot.replies import EXAMPLES, HOTLINE_START, PAGE_SIZE, InlineItem, Replies
from bot.state import PendingAlert

if TYPE_CHECKING:
    from bot.feeds import FeedResult
    from bot.fetch import FetchPolicy

INLINE_PAGE_SIZE = 10
# How long a help card is worth sending (the limiter gives up on it then too).
CARD_WORTH = timedelta(minutes=15)
# Subscriptions a chat may have, and how long their words may be.
MAX_SUBSCRIPTIONS = 20
MAX_SUBSCRIPTION_CHARS = 100
# Inline offsets are ours (next_offset), but arrive as text: small numbers only.
_MAX_OFFSET_DIGITS = 5
# How long a chat's last question is kept in memory for a follow-up ("แล้วปี 2567
# ล่ะ"), and for how many chats at most (the oldest are forgotten first).
FOLLOW_UP_WORTH = timedelta(minutes=10)
_FOLLOW_UP_CHATS = 10_000


@dataclass(frozen=True)
class RunningFacts:
    """What only the running bot knows, for /status."""

    uptime_seconds: float
    queued: int
    errors_last_hour: int
    last_feed_update: datetime | None


@dataclass(frozen=True)
class Chat:
    """Where the conversation is: its id, whether it is a group, and (in a group)
    how to ask Telegram whether the person writing administers it."""

    id: int
    group: bool = False
    is_admin: Callable[[], Awaitable[bool]] | None = None

    async def may_change_subscriptions(self) -> bool:
        """Anyone in a private chat; in a group, its administrators only."""
        return not self.group or (self.is_admin is not None and await self.is_admin())


@dataclass(frozen=True)
class User:
    """Who is talking: Telegram's user id and language code, if known, and the
    chat they write in (none in `atbot chat`)."""

    id: int | None = None
    language_code: str | None = None
    chat: Chat | None = None


class Conversation:
    """Turns messages, commands and button presses into replies."""

    def __init__(self, core: Core, bot_username: str = "atbot") -> None:
        self.core = core
        self.replies = Replies(core.strings, core.describe, core.speaking, bot_username,
                               [command.name for command in COMMANDS])
        # Each chat's last question, with when it was asked: in memory only, for
        # FOLLOW_UP_WORTH, never stored (and never one from someone in danger).
        self._last: dict[int, tuple[datetime, str]] = {}
        # Told each answer's intent (the bot counts them: bot/metrics.py).
        self.answered: Callable[[str], None] = lambda _intent: None

    # --- language ----------------------------------------------------------------

    async def language(self, user: User, message: Message | None = None) -> str:
        """The user's stored choice, else the message's script, else Telegram's language."""
        if user.id is not None:
            stored = await self.core.language_choice(user.id)
            if stored:
                return stored
        if message is not None and message.lang:
            return message.lang
        code = (user.language_code or "").lower().split("-")[0]
        if code:
            # Telegram sends IETF tags ("zh-hans", "pt-br"); "in" is Indonesian's old code.
            code = "id" if code == "in" else code
            return code if code in LANGS else BASE_LANG
        return DEFAULT_LANG

    # --- messages and inline queries ---------------------------------------------

    async def card_first(self, text: str, user: User) -> Reply | None:
        """The help card a message calls for, to send before the rest of the answer
        is searched (`message` then leaves it out, given `card_sent`)."""
        message = self.core.read(text)
        lang = await self.language(user, message)
        card = await self.core.card_first(message, lang)
        if card is None:
            return None
        # It may be the only message: it ends as every answer in its language does.
        return self.replies.end_with_help(self.replies.help_card(card, lang), lang)

    async def message(self, text: str, user: User, card_sent: str = "") -> list[Reply]:
        """Any text message: a card first when one is called for, then releases; the
        card whose key is `card_sent` left out (card_first sent it)."""
        message = self.core.read(text)
        lang = await self.language(user, message)
        merged = self._follow_up(user, text)
        if merged is not None:
            message = self.core.read(merged)
        answer = await self.core.ask(message, limit=PAGE_SIZE, reader=lang)
        self.answered(answer.message if answer.message == "off_topic" else answer.intent)
        self._remember(user, answer)
        key = ""
        # A message from someone in danger, or telling what they go through, is never
        # stored, not even without an id.
        if answer.has_more and answer.intent not in ("distress", "situation"):
            key = await self.core.save_search(answer.query)
        replies = self.replies.answer(answer, lang, key)
        return [r for r in replies if not (card_sent and r.card == card_sent)]

    def _follow_up(self, user: User, text: str) -> str | None:
        """The chat's last question with the change `text` asks for, if it is a
        follow-up asked within FOLLOW_UP_WORTH."""
        last = self._last.get(_chat_key(user))
        if last is None or datetime.now(UTC) - last[0] > FOLLOW_UP_WORTH:
            return None
        return self.core.follow_up(last[1], text)

    def _remember(self, user: User, answer: Answer) -> None:
        """Keep a search for a follow-up; forget the chat's question after a message
        from someone who needs help."""
        key = _chat_key(user)
        self._last.pop(key, None)
        if answer.intent != "search" or not answer.results:
            return
        if len(self._last) >= _FOLLOW_UP_CHATS:
            self._last.pop(next(iter(self._last)))
        self._last[key] = (datetime.now(UTC), answer.query)

    async def status(self, running: RunningFacts) -> Reply:
        """For the bot's admins (/status): version, uptime, the index, the last
        ingest and feed update, the send queue and recent errors. In English: it is
        for the people who run the bot, as its logs are."""
        stats = await self.core.stats()
        hours, rest = divmod(int(running.uptime_seconds), 3600)
        first = stats.first_date.isoformat() if stats.first_date else "-"
        last = stats.last_date.isoformat() if stats.last_date else "-"
        feeds = (running.last_feed_update.isoformat(timespec="seconds")
                 if running.last_feed_update else "not yet")
        lines = [
            f"atbot {__version__}, up {hours} h {rest // 60} min",
            f"index: {stats.releases:,} releases, {stats.size_bytes / 1_048_576:.1f} MB, "
            f"{first} to {last}",
            f"last ingest: {stats.last_ingest or '-'}; last feed update: {feeds}",
            f"send queue: {running.queued} waiting",
            f"errors in the last hour: {running.errors_last_hour}",
        ]
        return Reply([[line] for line in lines])

    def needs_help(self, text: str) -> bool:
        """Whether a message calls for a help card (it is answered first)."""
        return self.core.needs_help(self.core.read(text))

    async def inline(self, text: str, offset: str, user: User) -> tuple[list[InlineItem], str]:
        """Releases for inline mode, and the next offset ("" at the end)."""
        message = self.core.read(text)
        lang = await self.language(user, message)
        start = int(offset) if offset.isdigit() and len(offset) <= _MAX_OFFSET_DIGITS else 0
        answer: Answer
        if message.text:
            answer = await self.core.ask(message, limit=INLINE_PAGE_SIZE, offset=start)
        else:
            answer = await self.core.newest(limit=INLINE_PAGE_SIZE, offset=start)
        items = [self.replies.inline_item(r, lang) for r in answer.results]
        next_offset = str(start + len(items)) if answer.has_more else ""
        return items, next_offset

    async def error(self, user: User, text: str = "") -> Reply:
        """The apology when answering failed."""
        message = self.core.read(text) if text else None
        return self.replies.plain("error", await self.language(user, message))

    # --- commands (all take the user and the text after the command) --------------

    async def start(self, user: User, argument: str = "") -> list[Reply]:
        """Welcome and example searches; `/start hotline` (a deep link) is the help card."""
        if argument == HOTLINE_START:
            return await self.hotline(user)
        lang = await self.language(user)
        return [self.replies.start(lang, self.core.help_card(lang))]

    async def help(self, user: User, argument: str = "") -> list[Reply]:
        return [self.replies.help(await self.language(user))]

    async def latest(self, user: User, argument: str = "") -> list[Reply]:
        return [await self.latest_page(user, 0)]

    async def hotline(self, user: User, argument: str = "") -> list[Reply]:
        lang = await self.language(user)
        return [self.replies.help_card(self.core.help_card(lang), lang)]

    async def partners(self, user: User, argument: str = "") -> list[Reply]:
        return [await self.partners_page(user, 0)]

    async def lang(self, user: User, argument: str = "") -> list[Reply]:
        return [self.replies.language_prompt(await self.language(user))]

    async def about(self, user: User, argument: str = "") -> list[Reply]:
        lang = await self.language(user)
        return [self.replies.about(await self.core.stats(), lang, self.core.search_days)]

    async def forget(self, user: User, argument: str = "") -> list[Reply]:
        """Delete what is kept about the user, and the chat's subscriptions (in a
        group, if they administer it)."""
        lang = await self.language(user)
        self._last.pop(_chat_key(user), None)  # the last question, held for follow-ups
        if user.id is not None:
            await self.core.forget(user.id)
        chat = user.chat
        if chat is not None and chat.group and await chat.may_change_subscriptions():
            await self.core.unsubscribe(chat.id)
        return [self.replies.plain("forgotten", lang)]

    async def subscribe(self, user: User, argument: str = "") -> list[Reply]:
        """Save a search for this chat: its new releases will be sent here."""
        lang = await self.language(user)
        refusal = await self._subscriptions_refused(user, lang)
        if refusal is not None or user.chat is None:
            return [refusal or self.replies.plain("subscriptions_telegram_only", lang)]
        words = " ".join(argument.split())[:MAX_SUBSCRIPTION_CHARS]
        if len(await self.core.subscriptions(user.chat.id)) >= MAX_SUBSCRIPTIONS:
            return [self.replies.subscriptions_full(MAX_SUBSCRIPTIONS, lang)]
        added = await self.core.subscribe(user.chat.id, words, lang)
        return [self.replies.subscribed(words, added, lang)]

    async def subscriptions(self, user: User, argument: str = "") -> list[Reply]:
        """This chat's subscriptions, each with a button that removes it."""
        lang = await self.language(user)
        if user.chat is None:
            return [self.replies.plain("subscriptions_telegram_only", lang)]
        found = await self.core.subscriptions(user.chat.id)
        return [self.replies.subscriptions(found, lang)]

    async def unsubscribe(self, user: User, argument: str = "") -> list[Reply]:
        """Remove all of this chat's subscriptions (/subscriptions removes one)."""
        lang = await self.language(user)
        refusal = await self._subscriptions_refused(user, lang)
        if refusal is not None or user.chat is None:
            return [refusal or self.replies.plain("subscriptions_telegram_only", lang)]
        removed = await self.core.unsubscribe(user.chat.id)
        return [self.replies.unsubscribed(removed, lang)]

    async def _subscriptions_refused(self, user: User, lang: str) -> Reply | None:
        if user.chat is not None and not await user.chat.may_change_subscriptions():
            return self.replies.plain("subscriptions_admins_only", lang)
        return None

    async def unreadable(self, user: User) -> Reply:
        """What the bot reads, for a message it cannot (a sticker, a voice message)."""
        return self.replies.plain("unreadable", await self.language(user), hotline=True)

    async def unknown_command(self, user: User) -> list[Reply]:
        return [self.replies.plain("unknown_command", await self.language(user), hotline=True)]

    # --- what buttons do (bot/actions.py) ----------------------------------------

    async def search_page(self, user: User, key: str, offset: int) -> ButtonAnswer:
        """Another page of a saved search, in place of the one shown."""
        lang = await self.language(user)
        query = await self.core.saved_search(key)
        if query is None:
            return ButtonAnswer([self.replies.plain("search_expired", lang, hotline=True)],
                                edit=False)
        answer = await self.core.ask(self.core.read(query), limit=PAGE_SIZE, offset=offset,
                                     reader=lang)
        return ButtonAnswer([self.replies.results(answer, lang, key)], edit=True)

    async def search_timeline(self, user: User, key: str) -> ButtonAnswer:
        """A saved search's releases by month, oldest first, in a message of its own."""
        lang = await self.language(user)
        query = await self.core.saved_search(key)
        if query is None:
            return ButtonAnswer([self.replies.plain("search_expired", lang, hotline=True)],
                                edit=False)
        answer = await self.core.ask(self.core.read(query), reader=lang, timeline=True)
        return ButtonAnswer([self.replies.results(answer, lang)], edit=False)

    async def latest_page(self, user: User, offset: int) -> Reply:
        answer = await self.core.newest(limit=PAGE_SIZE, offset=offset)
        return self.replies.latest(answer, await self.language(user))

    async def partners_page(self, user: User, page: int) -> Reply:
        lang = await self.language(user)
        return self.replies.partners(await self.core.partner_cards(lang), lang, page)

    async def partner(self, user: User, partner_id: str) -> list[Reply]:
        """A partner's card and its newest releases."""
        lang = await self.language(user)
        answer = await self.core.partner_answer(partner_id, lang, limit=PAGE_SIZE)
        if answer is None:
            return [self.replies.plain("search_expired", lang, hotline=True)]
        return self.replies.answer(answer, lang)

    async def example(self, user: User, lang: str, number: int) -> list[Reply]:
        """Run example search `number` (from 0) of `lang`, as if it were typed."""
        shown = lang if lang in self.core.strings.catalogs else await self.language(user)
        return await self.message(self.core.strings.text(f"example_{number % EXAMPLES + 1}",
                                                         shown), user)

    async def choose_language(self, user: User, lang: str) -> Reply:
        """Keep the user's language choice (the only thing kept with a user id)."""
        if user.id is None or lang not in self.core.strings.catalogs:
            return self.replies.plain("search_expired", await self.language(user), hotline=True)
        await self.core.choose_language(user.id, lang)
        return self.replies.plain("lang_set", lang)

    async def remove_subscription(self, user: User, subscription_id: int) -> Reply:
        """A subscription's remove button, pressed: the list without it."""
        lang = await self.language(user)
        if user.chat is None:
            return self.replies.plain("subscriptions_telegram_only", lang)
        refusal = await self._subscriptions_refused(user, lang)
        if refusal is not None:
            return refusal
        await self.core.unsubscribe(user.chat.id, subscription_id)
        return self.replies.subscriptions(await self.core.subscriptions(user.chat.id), lang)

    async def alert_page(self, user: User, key: str, offset: int) -> ButtonAnswer:
        """A page of the releases an alert announced, the last indexed first."""
        lang = await self.language(user)
        ids = await self.core.alert_list(key)
        if ids is None:
            return ButtonAnswer([self.replies.plain("search_expired", lang, hotline=True)],
                                edit=False)
        page = await self.core.releases(ids[::-1][offset:offset + PAGE_SIZE])
        return ButtonAnswer([self.replies.alert_page(key, page, offset, len(ids), lang)],
                            edit=offset > 0)

    async def collect_alerts(self) -> int:
        """Queue alerts for releases indexed since the last look; how many chats get one."""
        return await self.core.collect_alerts()

    async def pending_alerts(self) -> list[PendingAlert]:
        return await self.core.pending_alerts()

    async def alert_sent(self, alert_id: int) -> None:
        await self.core.alert_sent(alert_id)

    async def chat_gone(self, chat_id: int) -> None:
        """The chat blocked the bot or no longer exists: forget its subscriptions."""
        await self.core.forget_chat(chat_id)

    async def update_feeds(self, policy: FetchPolicy) -> list[FeedResult]:
        return await self.core.update_feeds(policy)

    async def alert(self, alert: PendingAlert) -> Reply | None:
        """What a queued alert says (None if its releases are gone from the index)."""
        if len(alert.release_ids) > BULK_RELEASES:
            return self.replies.alert_bulk(alert, alert.lang)
        results = await self.core.releases(alert.release_ids)
        if not results:
            return None
        return self.replies.alert(alert, results, alert.lang)

    # --- help cards the last run could not deliver ----------------------------------

    async def hold_card(self, chat_id: int, card: str) -> int:
        """Keep a help card (its key) until it is delivered; its number."""
        return await self.core.hold_card(chat_id, card)

    async def card_sent(self, held: int) -> None:
        await self.core.card_sent(held)

    async def cards_to_resend(self) -> list[tuple[int, int, Reply]]:
        """(number, chat id, reply) of the help cards a stopped run did not deliver
        and that are still worth sending; the others are dropped."""
        cards: list[tuple[int, int, Reply]] = []
        for held, chat_id, key, since in await self.core.held_cards():
            made = self.core.help_card_from_key(key)
            if made is None or datetime.now(UTC) - since > CARD_WORTH:
                await self.core.card_sent(held)
                continue
            card, lang = made
            cards.append((held, chat_id, self.replies.help_card(card, lang)))
        return cards

    async def stale_button(self, user: User) -> ButtonAnswer:
        """A button whose data no action knows (an old or forged message)."""
        reply = self.replies.plain("search_expired", await self.language(user), hotline=True)
        return ButtonAnswer([reply], edit=False)


@dataclass(frozen=True)
class Command:
    """A slash command: its name and the conversation's reply to it."""

    name: str
    reply: Callable[[Conversation, User, str], Awaitable[list[Reply]]]


# Every command, in the order menus and /help list them.
COMMANDS: tuple[Command, ...] = (
    Command("start", Conversation.start),
    Command("help", Conversation.help),
    Command("latest", Conversation.latest),
    Command("hotline", Conversation.hotline),
    Command("partners", Conversation.partners),
    Command("lang", Conversation.lang),
    Command("subscribe", Conversation.subscribe),
    Command("subscriptions", Conversation.subscriptions),
    Command("unsubscribe", Conversation.unsubscribe),
    Command("about", Conversation.about),
    Command("forget", Conversation.forget),
)


def _chat_key(user: User) -> int:
    """Whose last question a follow-up continues: the chat's (the user's in `atbot
    chat`, which has neither: 0)."""
    if user.chat is not None:
        return user.chat.id
    return user.id if user.id is not None else 0
