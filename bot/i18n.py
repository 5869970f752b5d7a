"""Every user-facing string, in Thai and English, looked up by key.

Strings are plain text (the renderer escapes them for Telegram's HTML) and
may hold {placeholders} filled by `text(key, lang, **values)`. Facts such as
hotline numbers are not written here: they come from data/help_channels.toml
with the release that states them.
"""

from __future__ import annotations

LANGS = ("th", "en")
DEFAULT_LANG = "th"

MESSAGES: dict[str, dict[str, str]] = {
    # --- answers ------------------------------------------------------------
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
    "outside_range": {
        "th": "ไม่พบข่าวในช่วงวันที่ที่ระบุ จึงแสดงข่าวจากช่วงอื่นที่ใกล้เคียง",
        "en": "Nothing in the period you named; these releases are from other dates.",
    },
    "corrected": {"th": "ค้นหาเป็น: {words}", "en": "Searched for: {words}"},
    "results_header": {
        "th": "ข่าวที่ตรงกับ “{query}” ({first}–{last} จาก {total})",
        "en": "Releases for “{query}” ({first}–{last} of {total})",
    },
    "latest_header": {
        "th": "ข่าวล่าสุด ({first}–{last} จาก {total})",
        "en": "Latest releases ({first}–{last} of {total})",
    },
    "period_header": {
        "th": "ข่าวช่วง {start} – {end} ({first}–{last} จาก {total})",
        "en": "Releases from {start} to {end} ({first}–{last} of {total})",
    },
    "source": {"th": "อ่านข่าวต้นฉบับ", "en": "Read the release"},
    "in_thai": {"th": "ภาษาไทย", "en": "in Thai"},
    "search_expired": {
        "th": "รายการนี้หมดอายุแล้ว กรุณาพิมพ์คำค้นอีกครั้ง",
        "en": "This list has expired. Please send your search again.",
    },
    # --- buttons --------------------------------------------------------------
    "button_more": {"th": "ผลลัพธ์เพิ่มเติม ▶", "en": "More results ▶"},
    "button_back": {"th": "◀ ก่อนหน้า", "en": "◀ Previous"},
    "button_hotline": {"th": "☎ สายด่วน 1300", "en": "☎ Hotline 1300"},
    "button_thai": {"th": "ภาษาไทย", "en": "ภาษาไทย (Thai)"},
    "button_english": {"th": "English (อังกฤษ)", "en": "English"},
    "button_forget": {"th": "ลบข้อมูลของฉัน", "en": "Delete my data"},
    # --- commands ---------------------------------------------------------------
    "start": {
        "th": "สวัสดีครับ บอทนี้ค้นข่าวของรัฐบาลไทยเรื่องการต่อต้านการค้ามนุษย์ "
              "พิมพ์คำค้นเป็นภาษาไทยหรืออังกฤษได้เลย หรือแตะตัวอย่างด้านล่าง",
        "en": "Hello. This bot searches Thai government news on anti-human-trafficking work. "
              "Type a search in Thai or English, or tap an example below.",
    },
    "start_help": {
        "th": "หากคุณหรือคนที่คุณรู้จักกำลังตกอยู่ในอันตราย ติดต่อขอความช่วยเหลือได้ทันที:",
        "en": "If you or someone you know is in danger, get help now:",
    },
    "help": {
        "th": "วิธีใช้\n"
              "• พิมพ์คำค้น เช่น “ค้ามนุษย์ กัมพูชา”, “IOM 2567”, “แรงงานบังคับ ประมง”\n"
              "• ระบุช่วงเวลาได้ เช่น “ค้ามนุษย์ ก.ย. 67” หรือ “มิถุนายน 2566”\n"
              "• สะกดผิดเล็กน้อยก็ค้นได้ และค้นข่าวภาษาไทยด้วยคำภาษาอังกฤษได้\n"
              "• ในแชทอื่น พิมพ์ @{bot} ตามด้วยคำค้น เพื่อแชร์ข่าว\n"
              "• ในกลุ่ม เรียกบอทด้วย @{bot} หรือตอบกลับข้อความของบอท\n\n"
              "คำสั่ง",
        "en": "How to use it\n"
              "• Type a search such as “trafficking Cambodia”, “IOM 2024” or\n"
              "  “forced labour fishing”\n"
              "• Add a period: “trafficking September 2024” or “June 2023”\n"
              "• Small typos are fine, and English finds Thai-only releases too\n"
              "• In any other chat, type @{bot} and a search to share a release\n"
              "• In groups, mention @{bot} or reply to the bot\n\n"
              "Commands",
    },
    "lang_prompt": {"th": "เลือกภาษาที่ใช้แสดงผล", "en": "Choose the bot's language"},
    "lang_set": {
        "th": "ตั้งค่าเป็นภาษาไทยแล้ว (บันทึกเฉพาะภาษาที่เลือก ลบได้ด้วย /forget)",
        "en": "The bot will answer in English. (Only this choice is stored; /forget deletes it.)",
    },
    "about": {
        "th": "ข้อมูลมาจากข่าวประชาสัมพันธ์ของรัฐบาลไทย (thaigov.go.th) ซึ่งเป็นสาธารณสมบัติ "
              "รวบรวมโดยโครงการ PyThaiNLP (thaigov-v2-corpus)\n"
              "ข่าวในระบบ: {count} รายการ ตั้งแต่ {first} ถึง {last} (ปรับปรุงล่าสุด {updated})\n\n"
              "ข้อมูลที่บอทเก็บ: เฉพาะภาษาที่คุณเลือกด้วย /lang (ผูกกับหมายเลขผู้ใช้) "
              "คำค้นจะถูกเก็บโดยไม่ระบุตัวผู้ใช้ {days} วันนับจากใช้ครั้งล่าสุด เพื่อให้ปุ่ม “ผลลัพธ์เพิ่มเติม” ใช้งานได้ "
              "บอทไม่เก็บข้อความของคุณคู่กับหมายเลขผู้ใช้\n"
              "ลบข้อมูลของคุณได้ทุกเมื่อด้วย /forget",
        "en": "The data are Thai government news releases (thaigov.go.th), public domain, "
              "as collected by the PyThaiNLP project (thaigov-v2-corpus).\n"
              "In the index: {count} releases from {first} to {last} (updated {updated}).\n\n"
              "What the bot stores: only the language you choose with /lang, with your user "
              "number. Searches are kept without any user number for {days} days after their last "
              "use, so that “More results” buttons work. Your messages are never stored with "
              "your user number.\n"
              "Delete your data at any time with /forget.",
    },
    "forgotten": {
        "th": "ลบข้อมูลของคุณแล้ว (ภาษาที่เลือก) บอทไม่มีข้อมูลใดที่ผูกกับคุณอีก",
        "en": "Done: your stored data (your language choice) is deleted. "
              "The bot holds nothing linked to you now.",
    },
    "partners_header": {
        "th": "หน่วยงานและองค์กรภาคีด้านการต่อต้านการค้ามนุษย์ ({first}–{last} จาก {total}) "
              "เรียงตามจำนวนข่าว",
        "en": "Partners in anti-trafficking work ({first}–{last} of {total}), "
              "by number of releases",
    },
    "partner_activity": {
        "th": "ข่าวที่กล่าวถึง: {count} รายการ ล่าสุด {latest}",
        "en": "Named in {count} releases, latest {latest}",
    },
    "partner_releases_header": {
        "th": "ข่าวล่าสุดที่กล่าวถึง ({first}–{last} จาก {total})",
        "en": "Latest releases naming it ({first}–{last} of {total})",
    },
    "error": {
        "th": "ขออภัย เกิดข้อผิดพลาด กรุณาลองใหม่อีกครั้ง หากต้องการความช่วยเหลือด่วน โทร 1300",
        "en": "Sorry, something went wrong. Please try again. For urgent help, call 1300.",
    },
    "unknown_command": {
        "th": "ไม่รู้จักคำสั่งนี้ ดูคำสั่งทั้งหมดได้ที่ /help",
        "en": "I don't know that command. See /help for the list.",
    },
    "chat_intro": {
        "th": "คุยกับบอทได้เลย: พิมพ์คำค้น คำสั่ง (/help) หรือหมายเลขของปุ่ม  ออกด้วย /quit",
        "en": "Talk to the bot: type a search, a command (/help) or a button's number. "
              "/quit ends.",
    },
    # --- hotline card -----------------------------------------------------------------
    "hotline_title": {"th": "ช่องทางขอความช่วยเหลือ", "en": "Where to get help"},
    "hotline_free": {"th": "โทรฟรี", "en": "free call"},
    "hotline_source": {"th": "ที่มา", "en": "source"},
    "hotline_calm": {
        "th": "คุณไม่ได้อยู่คนเดียว ติดต่อขอความช่วยเหลือได้ทันที",
        "en": "You are not alone. Help is available now.",
    },
}

# Command descriptions registered with Telegram (set_my_commands), per language.
COMMANDS: dict[str, dict[str, str]] = {
    "start": {"th": "เริ่มต้นและตัวอย่างการค้นหา", "en": "Welcome and example searches"},
    "help": {"th": "วิธีใช้", "en": "How to use the bot"},
    "latest": {"th": "ข่าวล่าสุด", "en": "Latest releases"},
    "hotline": {"th": "สายด่วนขอความช่วยเหลือ 1300", "en": "Help hotline 1300"},
    "partners": {"th": "หน่วยงานภาคี", "en": "Partner organisations"},
    "lang": {"th": "เปลี่ยนภาษา", "en": "Change language"},
    "about": {"th": "แหล่งข้อมูลและความเป็นส่วนตัว", "en": "Data sources and privacy"},
    "forget": {"th": "ลบข้อมูลของฉัน", "en": "Delete my data"},
}

# Example searches offered by /start, by language (tapping one runs it).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "th": ("ค้ามนุษย์ เวียดนาม", "แรงงานบังคับ ประมง", "แก๊งคอลเซ็นเตอร์ เมียวดี"),
    "en": ("trafficking Vietnam", "IOM cooperation 2024", "scam compound victims"),
}


def text(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` (Thai if `lang` is unknown), with values filled in."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry[DEFAULT_LANG]
    return template.format(**values) if values else template


def command_description(command: str, lang: str) -> str:
    return COMMANDS[command].get(lang) or COMMANDS[command][DEFAULT_LANG]
