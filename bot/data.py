"""Everything in `data/`, read once at start into one immutable `Data` bundle.

    lexicon.tsv          concepts in Thai and English (bot/lexicon.py)
    lexicon_regional.tsv the same concepts in the languages of migrant workers
    partners.toml        partner organisations, with the release naming each
    help_channels.toml   hotlines and reporting channels, with their sources
    topics.toml          the topic rule: which releases ingest keeps
    distress.toml        signals of someone in danger (bot/intents.py)
    situations.toml      situations with help of their own (bot/situations.py)
    hotline.toml         signals of a question about getting help
    stopwords.txt        words that carry no search meaning
    thai_terms.txt       words the Thai segmenter keeps whole
    locale/<lang>/LC_MESSAGES/atbot.po   what the bot says (bot/i18n.py)
    records/             releases indexed when there is no index yet

A missing, empty or invalid file stops atbot at once with one line naming the
file and the reason (`DataError`); nothing falls back to an empty list that
would surface later as a wrong answer. Every TOML file is checked against its
schema (msgspec): a misspelt or misplaced key is an error, not a silent gap.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import msgspec

from bot.config import ConfigError
from bot.helplines import HelpChannel, HelpChannelsFile
from bot.i18n import BASE_LANG, LANGS, REGIONAL_LANGS, Strings, check_catalog, read_catalog
from bot.intents import SignalGroupSpec, SignalRule, SignalRuleSpec, SmallTalk, SmallTalkSpec
from bot.lexicon import Lexicon, TopicRule, TopicRuleSpec, parse_lexicon, parse_regional_lexicon
from bot.partners import Partner, PartnersFile
from bot.records import ParseError, decode_release
from bot.situations import Situations, SituationsFile
from bot.thai import normalize_text

# Files whose content changes what ingest derives from a release; a change to
# any of them re-indexes every release (see `Data.fingerprint`).
_SHAPING_FILES = ("lexicon.tsv", "partners.toml", "thai_terms.txt")
# (lexicon_regional.tsv does not: releases are Thai and English.)
CATALOG = Path("LC_MESSAGES") / "atbot.po"
RECORD_SUFFIX = ".txt"

S = TypeVar("S")


class DataError(ConfigError):
    """A data file is missing, empty or invalid; the message names it and says why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Data:
    """What data/ holds, read and checked."""

    folder: Path
    lexicon: Lexicon
    partners: tuple[Partner, ...]
    help_channels: tuple[HelpChannel, ...]
    topic_rule: TopicRule
    distress_rule: SignalRule
    hotline_rule: SignalRule
    small_talk: SmallTalk
    situations: Situations
    strings: Strings
    regional_review: frozenset[tuple[str, str]]
    """(concept, language) pairs of lexicon_regional.tsv awaiting native review."""
    records: Path
    fingerprint: str
    """Changes when a file that shapes index entries changes (_SHAPING_FILES)."""

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def awaiting_review(self) -> dict[str, list[str]]:
        """What was written by the project and awaits a native speaker, by language."""
        review: dict[str, list[str]] = {}
        for lang, keys in sorted(self.strings.awaiting_review.items()):
            review.setdefault(lang, []).append(f"{len(keys)} strings")
        for lang, rows in sorted(Counter(lang for _, lang in self.regional_review).items()):
            review.setdefault(lang, []).append(f"{rows} lexicon rows")
        for name, langs in (("distress", self.distress_rule.awaiting_review),
                            ("hotline", self.hotline_rule.awaiting_review),
                            ("small-talk", self.small_talk.awaiting_review),
                            ("situation", self.situations.awaiting_review)):
            for lang in langs:
                review.setdefault(lang, []).append(f"{name} terms")
        return review


def load_data(folder: Path) -> Data:
    """Read and check every file of `folder`; raise DataError on the first problem."""
    partners = tuple(_toml(folder / "partners.toml", PartnersFile).partner)
    _unique(folder / "partners.toml", (p.id for p in partners))
    channels = _toml(folder / "help_channels.toml", HelpChannelsFile).channel
    _unique(folder / "help_channels.toml", (c.id for c in channels))
    for channel in channels:
        unknown = sorted(set(channel.languages) - set(LANGS))
        if unknown:
            raise DataError(folder / "help_channels.toml",
                            f"{channel.id}: languages has {unknown[0]!r}, not one of {LANGS}")
    concepts = _parsed(folder / "lexicon.tsv", parse_lexicon)
    regional = _parsed(folder / "lexicon_regional.tsv",
                       lambda text: parse_regional_lexicon(text, REGIONAL_LANGS))
    lexicon = Lexicon.of(
        concepts, partners, regional=regional,
        thai_terms=_words(folder / "thai_terms.txt"), stopwords=_words(folder / "stopwords.txt"),
    )
    _unique(folder / "lexicon.tsv", (c.id for c in lexicon.concepts), "concept (or partner) id")
    unknown = sorted(regional.forms.keys() - lexicon.by_id.keys())
    if unknown:
        raise DataError(folder / "lexicon_regional.tsv",
                        f"no concept {unknown[0]!r} in the lexicon")
    for channel in channels:
        for field, ids in (("places", channel.places), ("cases", channel.cases)):
            unknown = [i for i in ids if i not in lexicon.by_id]
            if unknown:
                raise DataError(folder / "help_channels.toml", f"{channel.id}: {field} has "
                                f"{unknown[0]!r}, no concept of the lexicon")
    strings = _strings(folder / "locale")
    situations = _situations(folder / "situations.toml", channels, lexicon)
    for situation in situations.situations:
        for has, what in ((situation.note_sources, "note"), (situation.calm, "calm")):
            key = f"situation_{situation.id}_{what}"
            if has and key not in strings.catalogs[BASE_LANG]:
                raise DataError(folder / "situations.toml",
                                f"{situation.id}: has a {what}, but the catalogs lack {key}")
    return Data(
        folder=folder,
        lexicon=lexicon,
        partners=partners,
        help_channels=tuple(sorted(channels, key=lambda c: c.priority)),
        topic_rule=TopicRule(_toml(folder / "topics.toml", TopicRuleSpec)),
        distress_rule=SignalRule(_toml(folder / "distress.toml", SignalRuleSpec)),
        hotline_rule=_hotline_rule(folder / "hotline.toml", channels),
        small_talk=SmallTalk(_toml(folder / "small_talk.toml", SmallTalkSpec)),
        situations=situations,
        strings=strings,
        regional_review=regional.unreviewed,
        records=_records(folder / "records"),
        fingerprint=_fingerprint(folder),
    )


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "missing") from None
    except OSError as error:
        raise DataError(path, f"cannot be read ({error.strerror or error})") from None
    if not data.strip():
        raise DataError(path, "empty")
    return data


def _toml(path: Path, schema: type[S]) -> S:
    data = _read(path)
    try:
        return msgspec.toml.decode(data, type=schema)
    except msgspec.ValidationError as error:  # TOML, but not what the file must hold
        raise DataError(path, str(error)) from None
    except msgspec.DecodeError as error:
        raise DataError(path, f"not valid TOML ({error})") from None


def _parsed(path: Path, parse: Callable[[str], S]) -> S:
    try:
        return parse(_read(path).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise DataError(path, str(error)) from None


def _words(path: Path) -> list[str]:
    """A word list: one word per line, '#' lines are comments."""
    def parse(text: str) -> list[str]:
        words = [normalize_text(line) for line in text.splitlines()
                 if line.strip() and not line.startswith("#")]
        if not words:
            raise ValueError("no words, only comments")
        return words

    return _parsed(path, parse)


def _unique(path: Path, ids: Iterable[str], what: str = "id") -> None:
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    if repeated:
        raise DataError(path, f"{what} {repeated[0]!r} is used twice")


def _hotline_rule(path: Path, channels: Iterable[HelpChannel]) -> SignalRule:
    """The hotline rule, plus one group: a help channel's number alone ("1300")."""
    spec = _toml(path, SignalRuleSpec)
    numbers = sorted({c.contact for c in channels if c.kind == "phone"})
    extra = SignalGroupSpec(name="a help channel's number", weight=3, situation=True,
                            en=numbers)
    return SignalRule(msgspec.structs.replace(spec, group=[*spec.group, extra]))


def _situations(path: Path, channels: Iterable[HelpChannel], lexicon: Lexicon) -> Situations:
    spec = _toml(path, SituationsFile)
    by_id = {c.id: c for c in channels}
    for situation in spec.situation:
        unknown = [c for c in situation.channels if c not in by_id]
        unknown += [t for t in situation.topics if t not in lexicon.by_id]
        if unknown:
            raise DataError(path, f"{situation.id}: no channel or concept {unknown[0]!r}")
        if situation.releases and not situation.topics:
            raise DataError(path, f"{situation.id}: releases follow its card, but it has no topics")
    unknown = [t for t in spec.help_topics if t not in lexicon.by_id]
    if unknown:
        raise DataError(path, f"help_topics: no concept {unknown[0]!r} in the lexicon")
    return Situations.of(spec, by_id)


def _strings(folder: Path) -> Strings:
    if not folder.is_dir():
        raise DataError(folder, "missing (the message catalogs)")
    read = {lang: _catalog(folder / lang / CATALOG)
            for lang in sorted(p.name for p in folder.iterdir() if p.is_dir())}
    catalogs = {lang: texts for lang, (texts, _) in read.items()}
    for lang in (*LANGS, BASE_LANG):
        if lang not in catalogs:
            raise DataError(folder / lang / CATALOG, "missing")
    for lang, catalog in catalogs.items():
        try:
            check_catalog(lang, catalog, catalogs[BASE_LANG])
        except ValueError as error:
            raise DataError(folder / lang / CATALOG, str(error)) from None
    if read[BASE_LANG][1]:
        raise DataError(folder / BASE_LANG / CATALOG, "the base catalog has fuzzy strings")
    return Strings(catalogs, {lang: fuzzy for lang, (_, fuzzy) in read.items() if fuzzy})


def _catalog(path: Path) -> tuple[dict[str, str], frozenset[str]]:
    try:
        return read_catalog(_read(path))
    except ValueError as error:
        raise DataError(path, str(error)) from None


def _records(folder: Path) -> Path:
    """The bundled releases: at least one, each one a release the parser reads."""
    files = sorted(folder.glob(f"*{RECORD_SUFFIX}")) if folder.is_dir() else []
    if not files:
        raise DataError(folder, f"missing or empty (no {RECORD_SUFFIX} release files)")
    for file in files:
        try:
            decode_release(_read(file), str(file))
        except ParseError as error:
            raise DataError(file, error.reason) from None
    return folder


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha1()
    for name in _SHAPING_FILES:
        digest.update(name.encode() + (folder / name).read_bytes())
    return digest.hexdigest()
