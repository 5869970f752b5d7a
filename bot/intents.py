"""What a message asks for, before any search: help now, a hotline, a partner.

- distress: someone in danger or afraid for someone (data/distress.toml);
- hotline: a question about hotlines, reporting or getting help (data/hotline.toml);
- partner: a question that is only a partner organisation's name;
- search: everything else.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.thai import is_thai, normalize_text, strip_tone_marks

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Without tone marks, short Thai words collide (ข่าว news, ข้าว rice, ขาว white):
# terms shorter than this are matched with their tone marks.
_MIN_TONELESS = 4


@dataclass(frozen=True)
class Terms:
    """Thai and English terms, matched the way the module docstring of
    data/distress.toml says: Thai anywhere (long ones without tone marks),
    English as whole words."""

    thai_exact: tuple[str, ...] = ()
    thai_toneless: tuple[str, ...] = ()
    english: re.Pattern[str] | None = None

    @classmethod
    def of(cls, terms: list[str], *, as_written: list[str] | None = None) -> Terms:
        """`as_written`: Thai terms matched only with their tone marks (no typo
        tolerance)."""
        exact, toneless = _split_thai([t for t in terms if is_thai(t)])
        exact += tuple(normalize_text(t).lower() for t in as_written or [])
        english = [normalize_text(t).translate(_APOSTROPHES) for t in terms if not is_thai(t)]
        return cls(exact, toneless, _english_pattern(english))

    def found_in(self, text: str, toneless: str) -> bool:
        return (any(term in text for term in self.thai_exact)
                or any(term in toneless for term in self.thai_toneless)
                or bool(self.english and self.english.search(text)))


@dataclass(frozen=True)
class SignalGroup:
    """Terms that signal one thing; also pairs of terms that signal it together
    ("took" ... "passport")."""

    name: str
    weight: int
    terms: Terms
    pairs: tuple[tuple[Terms, Terms], ...] = ()
    situation: bool = False
    urgent: bool = False
    unless: Terms | None = None

    def matches(self, text: str, toneless: str) -> bool:
        if self.unless is not None and self.unless.found_in(text, toneless):
            return False
        if self.terms.found_in(text, toneless):
            return True
        return any(a.found_in(text, toneless) and b.found_in(text, toneless)
                   for a, b in self.pairs)


@dataclass(frozen=True)
class Verdict:
    """How a message scored, and which signal groups it hit."""

    score: int
    groups: tuple[str, ...]
    distress: bool


def _english_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """Whole words or phrases, any case: "i" matches "I am", not "in"."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(t.lower()) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9'])(?:{alternatives})(?![a-z0-9'])")


def _prepare(text: str) -> tuple[str, str]:
    """The message lower-cased with straight apostrophes, and that without tone marks."""
    clean = normalize_text(text).translate(_APOSTROPHES).lower()
    return clean, strip_tone_marks(clean)


_GROUP_KEYS = {"name", "weight", "th", "th_as_written", "en", "pair", "situation", "urgent",
               "tone_marks", "unless"}


def _check_keys(path: Path, data: dict[str, object]) -> None:
    """Refuse unknown keys: a misplaced line must not silently drop a list of terms."""
    groups = data.get("group")
    if set(data) - {"threshold", "group"} or not isinstance(groups, list):
        raise ValueError(f"{path.name}: expected `threshold` and [[group]] tables")
    for group in groups:
        unknown = set(group) - _GROUP_KEYS
        pairs_ok = all(set(p) == {"a", "b"} for p in group.get("pair", []))
        if unknown or not pairs_ok:
            raise ValueError(f"{path.name}: group {group.get('name')!r} has unknown keys "
                             f"{sorted(unknown) or 'in a pair (only a and b)'}")


def _group_terms(group: dict[str, Any]) -> Terms:
    """A group's terms; its Thai ones only as written when tone_marks = "exact"."""
    thai, written = list(group.get("th", [])), list(group.get("th_as_written", []))
    if group.get("tone_marks") == "exact":
        thai, written = [], thai + written
    return Terms.of([*thai, *group.get("en", [])], as_written=written)


def _split_thai(terms: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms matched as written, terms matched without tone marks)."""
    exact: list[str] = []
    toneless: list[str] = []
    for term in (normalize_text(t).lower() for t in terms):
        bare = strip_tone_marks(term)
        (toneless if len(bare) >= _MIN_TONELESS else exact).append(
            bare if len(bare) >= _MIN_TONELESS else term)
    return tuple(exact), tuple(toneless)


class SignalRule:
    """A weighted, reviewed list of signal groups and a threshold, from TOML."""

    def __init__(self, threshold: int, groups: list[SignalGroup]) -> None:
        self.threshold = threshold
        self.groups = groups

    @classmethod
    def from_toml(cls, path: Path, extra: dict[str, object] | None = None) -> SignalRule:
        """The rule in `path`; `extra` is one more group, as its TOML table would be."""
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if extra:
            data["group"].append(extra)
        _check_keys(path, data)
        groups = [
            SignalGroup(
                g["name"], int(g["weight"]),
                _group_terms(g),
                tuple((Terms.of(p["a"]), Terms.of(p["b"])) for p in g.get("pair", [])),
                situation=bool(g.get("situation", False)), urgent=bool(g.get("urgent", False)),
                unless=Terms.of(g["unless"]) if g.get("unless") else None,
            )
            for g in data["group"]
        ]
        return cls(int(data["threshold"]), groups)

    def judge(self, text: str) -> Verdict:
        clean, toneless = _prepare(text)
        hit = [g for g in self.groups if g.matches(clean, toneless)]
        score = sum(g.weight for g in hit)
        situation = any(g.situation for g in hit)
        plea = any(g.urgent for g in hit) and all(g.weight > 0 for g in hit)
        return Verdict(score, tuple(g.name for g in hit),
                       score >= self.threshold and (situation or plea))
