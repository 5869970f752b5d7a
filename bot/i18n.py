"""Every user-facing string, in Thai and English, looked up by key.

Strings may hold {placeholders} filled by `text(key, lang, **values)`.
Telegram replies use HTML: strings here are plain text and are escaped by
the renderer; values are escaped there too.
"""

from __future__ import annotations

LANGS = ("th", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "empty_query": {
        "th": "พิมพ์คำที่ต้องการค้นหา เช่น “ค้ามนุษย์ เวียดนาม” หรือ “สายด่วน 1300”",
        "en": "Type some words to search for, such as “trafficking Vietnam” or “hotline 1300”.",
    },
    "no_results": {
        "th": "ไม่พบข่าวที่ตรงกับคำค้นนี้ ลองใช้คำที่สั้นลง หรือสะกดแบบอื่น",
        "en": "No releases match this search. Try fewer words or another spelling.",
    },
    "no_results_in_range": {
        "th": "ไม่พบข่าวในช่วง {start} – {end} ลองค้นโดยไม่ระบุวันที่",
        "en": "No releases between {start} and {end}. Try without the date.",
    },
    "corrected": {
        "th": "ค้นหาเป็น: {words}",
        "en": "Searched for: {words}",
    },
    "results_header": {
        "th": "ข่าวที่ตรงกับ “{query}” ({first}–{last} จาก {total})",
        "en": "Releases for “{query}” ({first}–{last} of {total})",
    },
    "latest_header": {
        "th": "ข่าวล่าสุด ({first}–{last} จาก {total})",
        "en": "Latest releases ({first}–{last} of {total})",
    },
    "source": {"th": "ที่มา", "en": "Source"},
}


def text(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` (Thai if `lang` is unknown), with values filled in."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry["th"]
    return template.format(**values) if values else template
