"""What a message asks for, before any search: help now, a hotline, a partner.

- distress: someone in danger or afraid for someone (data/distress.toml);
- hotline: a question about hotlines, reporting or getting help (data/hotline.toml);
- partner: a question that is only a partner organisation's name (bot/core.py);
- greeting, thanks, usage: a message that only greets, thanks, or asks what the bot
  does and how to use it (data/small_talk.toml);
- search: everything else.

A `SignalRule` is the reviewed list of one of those files: groups of terms,
each with a weight, and a threshold. A group lists its terms by language
(th, en, my, km, lo, vi, zh, id). They are found with the one matcher
(bot/matcher.py) in the message as `bot/message.py` reads it: terms of four
letters or more also without tone marks or accents ("ชวยดวย" for ช่วยด้วย,
"cuu toi" for cứu tôi), shorter ones (ข่าว news, ข้าว rice) and a group's
`th_as_written` only as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Literal

import msgspec

from bot.matcher import TermMatcher
from bot.message import Message, fold, loosen
from bot.thai import has_thai, normalize_text

# Without tone marks or accents, short words collide (ข่าว news, ข้าว rice, ขาว
# white; bị, bí, bỉ): terms shorter than this are matched as written.
_MIN_LOOSE = 4


# The files' tables refuse unknown keys: a misplaced line must not silently drop
# a list of terms.


class PairSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    a: list[str]
    b: list[str]


class TermsSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """Terms by language."""

    th: list[str] = []
    en: list[str] = []
    my: list[str] = []
    km: list[str] = []
    lo: list[str] = []
    vi: list[str] = []
    zh: list[str] = []
    id: list[str] = []

    def not_thai(self) -> list[list[str]]:
        return [self.en, self.my, self.km, self.lo, self.vi, self.zh, self.id]

    def all(self) -> list[str]:
        return [*self.th, *(term for terms in self.not_thai() for term in terms)]


class SignalGroupSpec(TermsSpec, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """One [[group]] of data/distress.toml or data/hotline.toml (see its header)."""

    name: str
    weight: int
    th_as_written: list[str] = []
    pair: list[PairSpec] = []
    unless: list[str] = []
    # Phrases inside which a term of the group does not count (a nationality holds a
    # country's name: "เด็กหญิงเมียนมา" is no place); the group's other terms still do.
    aside: list[str] = []
    situation: bool = False
    urgent: bool = False
    tone_marks: Literal["exact"] | None = None


class SignalRuleSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    threshold: int
    # Languages whose terms were written by the project and await a native speaker.
    awaiting_review: list[str] = []
    group: list[SignalGroupSpec]


# What a message of small talk does: greets, thanks, or asks how to use the bot.
SmallTalkKind = Literal["usage", "thanks", "greeting"]


class SmallTalkSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """data/small_talk.toml (see its header)."""

    awaiting_review: list[str] = []
    greeting: TermsSpec
    thanks: TermsSpec
    usage: TermsSpec
    polite: TermsSpec


class SmallTalk:
    """Messages that only greet, thank or ask about the bot: every word of them is a
    greeting, a thanks, a question about the bot or a polite word, and one of the
    first three is there. A question about the bot outweighs a thanks, which
    outweighs a greeting ("hi, what can you do?" asks how to use it).

    >>> from bot.message import read_message
    >>> talk = SmallTalk(SmallTalkSpec(greeting=TermsSpec(th=["สวัสดี"], en=["hi"]),
    ...                                thanks=TermsSpec(en=["thanks"]),
    ...                                usage=TermsSpec(en=["what can you do"]),
    ...                                polite=TermsSpec(th=["ครับ"], en=["bot"])))
    >>> [talk.kind(read_message(text)) for text in ("สวัสดีครับ", "Hi bot! thanks",
    ...      "hi, what can you do?", "ครับ", "hi ค้ามนุษย์", "this")]
    ['greeting', 'thanks', 'usage', None, None, None]
    """

    def __init__(self, spec: SmallTalkSpec) -> None:
        self.awaiting_review = tuple(spec.awaiting_review)
        kinds = (("greeting", spec.greeting), ("thanks", spec.thanks), ("usage", spec.usage),
                 ("polite", spec.polite))
        folded = [(fold(normalize_text(term)), kind) for kind, terms in kinds
                  for term in terms.all()]
        self._as_written = TermMatcher(folded)
        # Typed without tone marks or accents: "cam on", "ขอบคุน".
        self._loose = TermMatcher((loosen(term), kind) for term, kind in folded)

    def kind(self, message: Message) -> SmallTalkKind | None:
        """What a message of small talk does; None for any other message."""
        for matcher, text in ((self._as_written, message.folded), (self._loose, message.loose)):
            found = matcher.find(text)
            kinds = {f.value for f in found}
            covered = set(chain.from_iterable(range(f.start, f.end) for f in found))
            if kinds - {"polite"} and not any(
                    char.isalnum() for n, char in enumerate(text) if n not in covered):
                return ("usage" if "usage" in kinds else "thanks" if "thanks" in kinds
                        else "greeting")
        return None


@dataclass(frozen=True)
class SignalGroup:
    """Terms that signal one thing, or pairs of terms that signal it together
    ("took" ... "passport"), unless one of its `unless` terms is there."""

    name: str
    weight: int
    pairs: int
    situation: bool
    urgent: bool

    def matches(self, hits: set[str]) -> bool:
        """`hits`: which of this group's term lists the message contains."""
        if "unless" in hits:
            return False
        return "terms" in hits or any({f"a{n}", f"b{n}"} <= hits for n in range(self.pairs))


@dataclass(frozen=True)
class Verdict:
    """How a message scored, which signal groups it hit, whether one of them names a
    situation, and whether it passes the rule."""

    score: int
    groups: tuple[str, ...]
    distress: bool
    situation: bool = False


# A term of a rule, as the matchers hold it: (group number, which list of the group).
_Slot = tuple[int, str]


class SignalRule:
    """A weighted, reviewed list of signal groups and a threshold.

    A message passes when its groups' weights reach the threshold and one of
    them names a situation, or it is an urgent plea with no group of negative
    weight (a sign of a news question).
    """

    def __init__(self, spec: SignalRuleSpec) -> None:
        self.threshold = spec.threshold
        self.awaiting_review = tuple(spec.awaiting_review)
        self.groups = [SignalGroup(g.name, g.weight, len(g.pair), g.situation, g.urgent)
                       for g in spec.group]
        as_written: list[tuple[str, _Slot]] = []
        loose: list[tuple[str, _Slot]] = []
        for number, group in enumerate(spec.group):
            for slot, terms, written in _term_lists(group):
                for term in terms:
                    _file(term, (number, slot), written, as_written, loose)
            for term in group.aside:  # in both texts, to hold a term found in either
                folded = fold(normalize_text(term))
                as_written.append((folded, (number, "aside")))
                loose.append((loosen(folded), (number, "aside")))
        self._as_written = TermMatcher(as_written)
        self._loose = TermMatcher(loose)

    def judge(self, message: Message) -> Verdict:
        hits: dict[int, set[str]] = {}
        for matcher, text in ((self._as_written, message.folded), (self._loose, message.loose)):
            found = matcher.find(text)
            asides = [(f.value[0], f.start, f.end) for f in found if f.value[1] == "aside"]
            for f in found:
                number, slot = f.value
                if slot != "aside" and not any(n == number and start <= f.start and f.end <= end
                                               for n, start, end in asides):
                    hits.setdefault(number, set()).add(slot)
        hit = [g for n, g in enumerate(self.groups) if g.matches(hits.get(n, set()))]
        score = sum(g.weight for g in hit)
        situation = any(g.situation for g in hit)
        plea = any(g.urgent for g in hit) and all(g.weight > 0 for g in hit)
        return Verdict(score, tuple(g.name for g in hit),
                       score >= self.threshold and (situation or plea), situation)


def _term_lists(group: SignalGroupSpec) -> list[tuple[str, list[str], bool]]:
    """(slot, terms, Thai only as written) for each list of terms in a group."""
    exact = group.tone_marks == "exact"
    lists = [("terms", group.th, exact), ("terms", group.th_as_written, True),
             ("unless", group.unless, False)]
    lists += [("terms", terms, False) for terms in group.not_thai()]
    for number, pair in enumerate(group.pair):
        lists += [(f"a{number}", pair.a, False), (f"b{number}", pair.b, False)]
    return lists


def _file(term: str, slot: _Slot, as_written: bool, exact: list[tuple[str, _Slot]],
          loose: list[tuple[str, _Slot]]) -> None:
    """Put a term with the matcher that reads the message as written, or without tone
    marks and accents (Thai terms, and others that have some, when long enough)."""
    folded = fold(normalize_text(term))
    bare = loosen(folded)
    if not as_written and (bare != folded or has_thai(folded)) and len(bare) >= _MIN_LOOSE:
        loose.append((bare, slot))
    else:
        exact.append((folded, slot))
