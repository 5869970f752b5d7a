"""The message catalogs (data/locale) agree with each other and with the code."""

from __future__ import annotations

import re

import pytest

from bot.conversation import COMMANDS
from bot.data import CATALOG
from bot.i18n import LANGS, Strings, read_catalog
from bot.replies import EXAMPLES
from tests.conftest import DATA, DATA_DIR, ROOT

CATALOGS = {path.parent.parent.name: read_catalog(path.read_bytes())[0]
            for path in sorted((DATA_DIR / "locale").glob(f"*/{CATALOG}"))}
# Keys the code names as literals: .text("key", ...), .plain("key", ...) and the
# messages search and the core set on an answer (answer.message = "key").
_RE_KEY = re.compile(r"""(?:\.(?:text|plain)\(\s*|\bmessage = )["']([a-z_0-9]+)["']""")


def keys_in_code() -> set[str]:
    found: set[str] = set()
    for path in [*(ROOT / "bot").glob("*.py"), *(ROOT / "handlers").glob("*.py")]:
        found |= set(_RE_KEY.findall(path.read_text(encoding="utf-8")))
    # Keys the code builds from a name.
    found |= {f"command_{command.name}" for command in COMMANDS}
    found |= {f"example_{n}" for n in range(1, EXAMPLES + 1)}
    found |= {f"lang_{lang}" for lang in LANGS}
    found |= {f"situation_{s.id}_note" for s in DATA.situations.situations if s.note_sources}
    found |= {f"situation_{s.id}_calm" for s in DATA.situations.situations if s.calm}
    return found


def test_every_language_the_bot_speaks_has_its_catalog() -> None:
    assert set(LANGS) == CATALOGS.keys()


def test_the_readme_lists_the_languages_awaiting_native_review() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Awaiting native review", 1)[1].split("\n## ", 1)[0]
    for lang, keys in DATA.strings.awaiting_review.items():
        assert f"`{lang}`" in section, lang
        assert keys


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_no_catalog_misses_a_key_that_thai_or_english_has(lang: str) -> None:
    wanted = CATALOGS["th"].keys() | CATALOGS["en"].keys()
    assert not sorted(wanted - CATALOGS[lang].keys())


def test_every_key_the_code_uses_is_in_the_catalogs_and_none_is_unused() -> None:
    used = keys_in_code()
    assert len(used) > 40
    assert not sorted(used - CATALOGS["en"].keys()), "the code asks for strings no catalog has"
    assert not sorted(CATALOGS["en"].keys() - used), "strings nothing asks for"


def test_placeholders_are_filled_and_unknown_languages_fall_back() -> None:
    assert DATA.strings.text("corrected", "en", words="a → b") == "Searched for: a → b"
    assert DATA.strings.text("corrected", "xx", words="a → b") == "ค้นหาเป็น: a → b"
    partial = Strings({"th": {"x": "ไทย"}, "en": {"x": "English", "y": "only English"},
                       "km": {"x": "ខ្មែរ"}}, {})
    assert partial.text("x", "km") == "ខ្មែរ"
    assert partial.text("y", "km") == "only English"


def test_english_counts_read_right_when_there_is_one() -> None:
    # The catalogs have no plural forms: an English string with a count is worded so
    # that "1" reads right too ("Releases naming it: 1", not "Named in 1 releases").
    counted = {key: text for key, text in CATALOGS["en"].items() if "{count}" in text}
    assert len(counted) >= 5
    for key, text in counted.items():
        filled = text.replace("{count}", "1")
        assert not re.search(r"\b1 \w+s\b", filled), (key, filled)
