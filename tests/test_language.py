"""Which language a message is in, and Burmese typed in Zawgyi (bot/language.py)."""

from __future__ import annotations

import pytest

from bot.message import read_message

# The Zawgyi form of the Unicode sentence below (made with ICU's my-Zawgyi transform).
ZAWGYI = "ကူညီပါ။ အလုပ္ရွင္က ကြၽန္ေတာ့္ ပတ္စပို႔ကို သိမ္းထားတယ္"
UNICODE = "ကူညီပါ။ အလုပ်ရှင်က ကျွန်တော့် ပတ်စပို့ကို သိမ်းထားတယ်"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ค้ามนุษย์ เวียดนาม", "th"), ("IOM ความร่วมมือ", "th"), ("IOM cooperation 2024", "en"),
        ("hi", "en"), ("IOM", "en"), ("UNODC 2024", "en"), ("help me", "en"),
        ("Xin chào", "vi"), ("cuu toi voi", "vi"), ("bi giu passport roi ko cho ve nha", "vi"),
        ("Halo, selamat pagi", "id"), ("tolongin sy gak bisa keluar", "id"),
        ("救命 我被困在妙瓦底", "zh"), ("我的護照被老闆拿走", "zh"), (UNICODE, "my"),
        ("ជួយខ្ញុំផង គេឃុំខ្ញុំនៅប៉ោយប៉ែត", "km"), ("ຊ່ວຍແດ່ ຂ້ອຍອອກບໍ່ໄດ້", "lo"),
        ("KK Park ကနေ ကယ်ပါ", "my"), ("2567", None),
    ],
)
def test_the_language_of_a_message(text: str, lang: str | None) -> None:
    assert read_message(text).lang == lang


def test_zawgyi_is_read_as_unicode_and_unicode_is_left_alone() -> None:
    zawgyi, unicode = read_message(ZAWGYI), read_message(UNICODE)
    assert zawgyi.zawgyi and zawgyi.text == UNICODE and zawgyi.lang == "my"
    assert not unicode.zawgyi and unicode.text == UNICODE
    assert not read_message("ค้ามนุษย์").zawgyi
