"""Button actions: what each inline button does, and its callback data.

Each kind of action is one small type: a frozen dataclass naming its prefix
and fields, whose data `Action` encodes (`data`) and parses (`pattern`,
`from_match`) in one place; its `press` asks the conversation for the
answer. Telegram registers one CallbackQueryHandler per kind, with its
`pattern` (handlers/buttons.py); `atbot chat` presses the action a numbered
button carries. Data means the same after a restart:

    more:<search key>:<offset>   a page of a search (its text is kept with no
                                 user id, see bot/state.py)
    timeline:<search key>        the releases of a search by month, oldest first
    latest:<offset>              a page of the newest releases
    hotline                      the help card
    ex:<lang>:<n>                run example search n (from 0) of a language
    lang:<code>                  keep the user's language choice
    partners:<page>              a page of the partner list
    partner:<id>                 a partner's card and releases
    forget                       delete what is kept about the user
    unsub:<subscription id>      remove one of the chat's subscriptions
    alerts:<list key>:<offset>   a page of the releases an alert announced

Adding a button: a type here (and its place in ACTIONS), plus its strings.
"""

from __future__ import annotations

import re
from dataclasses import Field, dataclass, fields
from typing import TYPE_CHECKING, ClassVar, Self

from bot.render import Reply

if TYPE_CHECKING:
    from bot.conversation import Conversation, User

# What a button's data may hold after its prefix: small numbers (a forged
# "latest:99999999999999999999" is no page), row ids (that SQLite can hold)
# and short lower-case names.
_PARTS = {"int": r"\d{1,5}", "RowId": r"\d{1,15}", "str": r"[a-z0-9_]{1,50}"}
# A row id of a store: a field of this type takes bigger numbers than a page.
RowId = int


@dataclass(frozen=True)
class ButtonAnswer:
    """The replies to a button press; `edit` replaces the message the button was on."""

    replies: list[Reply]
    edit: bool


@dataclass(frozen=True)
class Action:
    """A button action: a frozen dataclass whose fields (ints and short names) follow
    its `prefix` in the data, "prefix:field:field"; `pattern` matches exactly that."""

    prefix: ClassVar[str]
    pattern: ClassVar[re.Pattern[str]]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # Runs before @dataclass: the fields are the class's own annotations, in order.
        own = vars(cls).get("__annotations__", {})
        parts = [f"({_PARTS[str(kind)]})" for kind in own.values()]
        # The whole data: python-telegram-bot matches patterns from the start only.
        cls.pattern = re.compile(":".join([re.escape(cls.prefix), *parts]) + r"\Z")

    @property
    def data(self) -> str:
        """The callback data (at most 64 bytes, checked by render.Button)."""
        return ":".join([self.prefix, *(str(getattr(self, f.name)) for f in _fields(self))])

    @classmethod
    def from_match(cls, match: re.Match[str]) -> Self:
        """The action whose data `pattern` matched."""
        values = [int(v) if str(f.type) in ("int", "RowId") else v
                  for f, v in zip(_fields(cls), match.groups(), strict=True)]
        return cls(*values)

    @classmethod
    def parse(cls, data: str) -> Self | None:
        match = cls.pattern.fullmatch(data)
        return cls.from_match(match) if match else None

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        raise NotImplementedError


def _fields(action: Action | type[Action]) -> tuple[Field[object], ...]:
    return fields(action)


@dataclass(frozen=True)
class SearchPage(Action):
    """Another page of a saved search."""

    prefix = "more"
    key: str
    offset: int

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return await conversation.search_page(user, self.key, self.offset)


@dataclass(frozen=True)
class SearchTimeline(Action):
    """A saved search's releases by month, oldest first, under its results."""

    prefix = "timeline"
    key: str

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return await conversation.search_timeline(user, self.key)


@dataclass(frozen=True)
class LatestPage(Action):
    """Another page of the newest releases."""

    prefix = "latest"
    offset: int

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer([await conversation.latest_page(user, self.offset)], edit=True)


@dataclass(frozen=True)
class ShowHotline(Action):
    """The help card."""

    prefix = "hotline"

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer(await conversation.hotline(user), edit=False)


@dataclass(frozen=True)
class RunExample(Action):
    """One of the example searches /start offers (numbered from 0)."""

    prefix = "ex"
    lang: str
    number: int

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer(await conversation.example(user, self.lang, self.number),
                            edit=False)


@dataclass(frozen=True)
class ChooseLanguage(Action):
    """Keep the user's language choice."""

    prefix = "lang"
    lang: str

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer([await conversation.choose_language(user, self.lang)], edit=True)


@dataclass(frozen=True)
class PartnersPage(Action):
    """Another page of the partner list."""

    prefix = "partners"
    page: int

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer([await conversation.partners_page(user, self.page)], edit=True)


@dataclass(frozen=True)
class ShowPartner(Action):
    """A partner's card and its newest releases."""

    prefix = "partner"
    partner_id: str

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer(await conversation.partner(user, self.partner_id), edit=False)


@dataclass(frozen=True)
class ForgetMe(Action):
    """Delete what the bot keeps about the user."""

    prefix = "forget"

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer(await conversation.forget(user), edit=True)


@dataclass(frozen=True)
class RemoveSubscription(Action):
    """Remove one of the chat's subscriptions."""

    prefix = "unsub"
    subscription_id: RowId

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return ButtonAnswer([await conversation.remove_subscription(user, self.subscription_id)],
                            edit=True)


@dataclass(frozen=True)
class AlertPage(Action):
    """A page of the releases an alert announced."""

    prefix = "alerts"
    key: str
    offset: int

    async def press(self, conversation: Conversation, user: User) -> ButtonAnswer:
        return await conversation.alert_page(user, self.key, self.offset)


ACTIONS: tuple[type[Action], ...] = (
    SearchPage, SearchTimeline, LatestPage, ShowHotline, RunExample, ChooseLanguage, PartnersPage,
    ShowPartner, ForgetMe, RemoveSubscription, AlertPage,
)
