"""Every stated fact cites a release, and the cited release says it.

Help channels: the cited release contains the number (or handle) and the quoted
words; hours and "free" are backed by a quote too. Partners: the cited release
contains the quote, and the quote names the partner.
"""

from __future__ import annotations

import re
import tarfile
import tomllib
from pathlib import Path

import pytest

from bot.records import canonical_url
from tests.conftest import CORPUS_ARCHIVE, DATA, DATA_DIR, SAMPLE_DIR

# Each channel as its table in the file, so that every cited key is checked.
CHANNELS = tomllib.loads((DATA_DIR / "help_channels.toml").read_text(encoding="utf-8"))["channel"]
# What each situation's card note says, and the releases that say it.
NOTES = [(situation["id"], cite) for situation in tomllib.loads(
    (DATA_DIR / "situations.toml").read_text(encoding="utf-8"))["situation"]
    for cite in situation.get("note", [])]
PARTNERS = DATA.partners
_RE_SOURCE = re.compile(r"ที่มา\s*:\s*(\S+)\s*$")


def _cited_urls() -> set[str]:
    urls = {p.source_url for p in PARTNERS} | {cite["url"] for _, cite in NOTES}
    for channel in CHANNELS:
        urls |= {v for k, v in channel.items() if k.endswith("source_url") or k == "source_en_url"}
    return {canonical_url(u) for u in urls}


def _url_of(text: str) -> str | None:
    match = _RE_SOURCE.search(text.rstrip())
    return canonical_url(match[1]) if match else None


@pytest.fixture(scope="module")
def cited() -> dict[str, str]:
    """The text of every cited release, from the sample or the whole corpus archive."""
    wanted = _cited_urls()
    found: dict[str, str] = {}
    for path in SAMPLE_DIR.rglob("*.txt") if SAMPLE_DIR.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        url = _url_of(text)
        if url in wanted:
            found[url] = text
    if wanted - found.keys():
        if not CORPUS_ARCHIVE.exists():
            pytest.skip("../shared/corpus/thaigov-v2.tar.xz is not beside the checkout")
        with tarfile.open(CORPUS_ARCHIVE, "r|xz") as archive:
            for member in archive:
                handle = archive.extractfile(member) if member.isfile() else None
                if handle is None:
                    continue
                text = handle.read().decode("utf-8")
                url = _url_of(text)
                if url in wanted:
                    found[url] = text
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _bare(text: str) -> str:
    """Without spacing, brackets and signs: "(+971) 506525945" is "+971 50 652 5945"."""
    return re.sub(r"[\s()+‘’-]", "", text.lower())


@pytest.mark.parametrize("channel", CHANNELS, ids=[c["id"] for c in CHANNELS])
def test_each_help_channel_is_stated_by_its_cited_release(
    channel: dict[str, object], cited: dict[str, str]
) -> None:
    text = cited[canonical_url(str(channel["source_url"]))]
    assert _bare(str(channel["contact"])) in _bare(text)
    assert _squash(str(channel["source_quote"])) in _squash(text)
    for fact in ("hours", "free", "name", "source_en", "languages", "abroad"):
        url_key = f"{fact}_source_url" if fact != "source_en" else "source_en_url"
        quote_key = f"{fact}_source_quote" if fact != "source_en" else "source_en_quote"
        if url_key in channel:
            assert _squash(str(channel[quote_key])) in _squash(
                cited[canonical_url(str(channel[url_key]))]), (channel["id"], fact)


# How releases name each language a channel may speak.
_LANGUAGE_IN_THAI = {"th": "ไทย", "en": "อังกฤษ", "my": "เมียนมา", "km": "เขมร|กัมพูชา",
                     "lo": "ลาว", "vi": "เวียดนาม", "zh": "จีน", "id": "อินโดนีเซีย"}


def test_languages_and_ways_from_abroad_are_only_claimed_with_a_quote_that_says_so() -> None:
    for channel in CHANNELS:
        quote = str(channel.get("languages_source_quote", ""))
        for lang in channel.get("languages", []):  # type: ignore[attr-defined]
            assert re.search(_LANGUAGE_IN_THAI[lang], quote), (channel["id"], lang)
        if channel.get("abroad"):
            # "+66 2 572 8442" is stated as "(+66) 2 572 8442": compare without spacing.
            assert _bare(str(channel["abroad"])) in _bare(str(channel["abroad_source_quote"])), \
                channel["id"]


@pytest.mark.parametrize(("situation", "cite"), NOTES, ids=[s for s, _ in NOTES])
def test_each_situation_note_is_stated_by_its_cited_releases(
    situation: str, cite: dict[str, str], cited: dict[str, str]
) -> None:
    assert _squash(cite["quote"]) in _squash(cited[canonical_url(cite["url"])]), situation


def test_numbers_are_written_with_ascii_digits_spaces_and_hyphens() -> None:
    for channel in DATA.help_channels:
        numbers = [channel.contact] if channel.kind == "phone" else []
        numbers += [channel.abroad] if channel.abroad.startswith("+") else []
        for number in numbers:
            assert re.fullmatch(r"\+?[0-9][0-9 -]*[0-9]", number), channel.id
        # The number to dial is the one written (in Thailand, or from abroad).
        if channel.kind == "phone":
            dialled = re.sub(r"^\+66|\D", "", channel.tel).lstrip("0")
            assert re.sub(r"\D", "", channel.contact).lstrip("0") == dialled, channel.id


def test_hours_and_free_are_only_claimed_with_a_quote_that_says_so() -> None:
    for channel in CHANNELS:
        quotes = " ".join(str(v) for k, v in channel.items() if k.endswith("quote"))
        if channel.get("always_open"):
            assert "24" in quotes, channel["id"]
        if channel.get("free"):
            assert "ฟรี" in quotes or "free" in quotes.lower() or "ไม่มีค่าใช้จ่าย" in quotes, \
                channel["id"]


def test_the_1300_hotline_comes_first() -> None:
    channels = DATA.help_channels
    assert channels[0].contact == "1300"
    assert channels[0].always_open and channels[0].free


@pytest.mark.parametrize("partner", PARTNERS, ids=[p.id for p in PARTNERS])
def test_each_partner_is_named_by_its_cited_release(partner: object, cited: dict[str, str]) -> None:
    from bot.partners import Partner

    assert isinstance(partner, Partner)
    text = cited[canonical_url(partner.source_url)]
    assert _squash(partner.source_quote) in _squash(text)
    assert any(name in partner.source_quote for name in partner.names), partner.id
    assert partner.description_th and partner.description_en


def test_partner_names_are_not_shared() -> None:
    owners: dict[str, str] = {}
    for partner in PARTNERS:
        for name in partner.names:
            assert owners.setdefault(name.lower(), partner.id) == partner.id, name


def test_data_folder_has_no_copied_releases() -> None:
    for path in Path(DATA_DIR / "records").glob("*.txt"):
        assert _url_of(path.read_text(encoding="utf-8")) == \
            "https://www.thaigov.go.th/news/contents/details/88388"
