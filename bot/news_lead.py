"""Where a release's news begins.

A paragraph opens with a preamble: the date, time and venue, a speaker with all their
titles and "เปิดเผยว่า" / "said that", the officials who came along. `event` is what is
left: who did what. `outcomes` weighs how much passages tell of what happened (figures,
arrests, approvals, agreements) against the signs of a ceremony, a courtesy or a
background story; `says_title` and `title_clause` find a lead that says the title
again. Regular expressions and one term matcher, no word segmentation: this runs at
ingest over every release.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from pythainlp.corpus import thai_words
from pythainlp.util.date import thai_abbr_months, thai_full_months

from bot.dates import ENGLISH_MONTHS
from bot.matcher import TermMatcher

# A speaker's name and titles before "เปิดเผยว่า" or "said that" fit in this; when more
# comes before the verb, it is the event itself ("นายกฯ สั่งการ ... และกล่าวว่า").
_SPEAKER_MAX = 200

_TH_MONTH = "|".join([*map(re.escape, thai_full_months),
                      *(re.escape(short[:-1]) + r"\.?" for short in thai_abbr_months)])
_TH_WEEKDAY = "จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์"
# "(ตามเวลาท้องถิ่น)", "(เวลาที่กรุงพนมเปญเท่ากับเวลาที่กรุงเทพฯ)" after a date or a time.
_TH_LOCAL_TIME = r"(?:\s*\((?:ตาม)?เวลา[^()]{0,80}\))?"
# A time: "เวลา 13.30 น.", "เมื่อเวลาประมาณ 22.20 น.", "เวลา 1400 น.", "ระหว่างเวลา 08.00-
# 19.00 น. ตามเวลาท้องถิ่น", "เวลา 17.35 น. (ตามเวลาท้องถิ่นกรุงปักกิ่ง ...)", "เมื่อ 0930".
_TH_TIME = (r"(?:(?:เมื่อ|ระหว่าง|ตั้งแต่|ช่วง)?เวลา\s*(?:ประมาณ)?\s*\d{1,2}(?:[.:]?\d{2})?"
            r"(?:\s*[-–]\s*\d{1,2}[.:]?\d{2})?\s*(?:นาฬิกา|น\.?)?(?:\s*ตามเวลาท้องถิ่น\S*)?"
            rf"|เมื่อ\s?\d{{4}}(?=\s)){_TH_LOCAL_TIME}")
# A day or days: "6 พ.ย. 63", "วันที่ 15 ต.ค. 63", "วันอังคารที่ 7 มีนาคม 2566", "อาทิตย์ที่
# 2 ก.พ." ("ที่" may be spaced or mistyped "ทัี่"), "18 – 24 พฤศจิกายน 2567",
# "28 ตุลาคม – 3 พฤศจิกายน 2567".
_TH_DAY = (rf"(?:วัน)?(?:{_TH_WEEKDAY})?\s?(?:ที่|ทัี่)?\s*"
           rf"\d{{1,2}}\s*(?:(?:{_TH_MONTH})\s*(?:\d{{4}}\s*)?)?(?:[-–]\s*\d{{1,2}}\s*)?"
           rf"(?:{_TH_MONTH})\s*(?:พ\.ศ\.\s*)?(?:\d{{4}}|\d{{2}})?")
_TH_RELATIVE = r"วันนี้|วานนี้|เมื่อวานนี้|คืนนี้|เมื่อคืนนี้|วันพรุ่งนี้|พรุ่งนี้|เมื่อเร็ว\s?ๆ\s?นี้"
# "in the evening of": "เมื่อช่วงค่ำของ", "เช้า".
_TH_WHEN = r"(?:เมื่อ|ใน)?(?:ช่วง)?(?:เช้า|บ่าย|เย็น|ค่ำ)?(?:ของ)?"
# "วันนี้ (6 พ.ย. 63)", "เมื่อวันที่ 16 มี.ค. 65 ที่ผ่านมา", "ในวันพุธที่ 28 สิงหาคม 2567",
# "เช้าวันนี้ (วันที่ 26 กรกฎาคม 2565 เวลา 09.30น.)", "ในช่วงวันที่ 18 – 24 ...", "วันนี้".
_TH_DATE = (rf"{_TH_WHEN}(?:{_TH_RELATIVE})?\s*(?:\(\s*{_TH_DAY}(?:\s*{_TH_TIME})?\s*\)|{_TH_DAY})"
            rf"(?:\s*ที่ผ่านมา)?{_TH_LOCAL_TIME}|{_TH_WHEN}(?:{_TH_RELATIVE})(?=\s)")
# Where "ที่" names a place (it also means "that"): "ที่ห้องประชุม...", "ที่กระทรวง...".
_TH_PLACE = ("ห้อง|ตึก|อาคาร|ศาลา|ทำเนียบ|หอ|โรงแรม|ศูนย์|สำนักงาน|กระทรวง|กรม|บริเวณ|สนาม|"
             "มหาวิทยาลัย|จังหวัด|อำเภอ|ท่าอากาศยาน|รัฐสภา|สถาน|พระที่นั่ง|ลาน|วัด|โรงเรียน|เรือน|"
             "สโมสร|ค่าย|ด่าน|ท่าเรือ|ตลาด|เมือง|กรุง|ประเทศ|สาธารณรัฐ|ราชอาณาจักร|นคร|จ\\.|"
             "โรงพยาบาล|ชุมชน|บ้าน|เทศบาล|อบต|อบจ|บริษัท")
# Who comes after a venue: a person's title or a post ("นาย", "พล.อ.", "รัฐมนตรี"...).
_TH_ACTOR = (r"นา[ยง]|น\.ส\.|ดร\.|พล\.?\s?[อทตร]\.|พล(?:เอก|โท|ตรี|ตำรวจ|เรือ|อากาศ)|พ\.[ตทอ]\.|พัน|"
             r"ร\.[ตทอ]\.|ร้อย|ส\.ต\.|จ\.ส\.|ศ\.|รศ\.|ผศ\.|ศาสตราจารย์|ม\.[รล]\.|หม่อม|คุณ|ท่าน|"
             r"สมเด็จ|พระบาท|รอง|รัฐมนตรี|ปลัด|อธิบดี|ผู้ว่า|ผู้อำนวยการ|ผู้บัญชาการ|เลขาธิการ|โฆษก|"
             r"เอกอัครราชทูต|ประธาน|ที่ปรึกษา")
# What a venue does not hold: the start of what happened there ("มีการจัดงาน", "ได้มีพิธี",
# "โดยมี", "เพื่อ...") or of another clause; "ว่า" only in "ศาลาว่าการ", "ผู้ว่าราชการ".
_TH_VENUE_PART = r"(?:(?!มีการ|ได้|โดย|เพื่อ|ภายหลัง|ซึ่ง|ในการ|ว่า(?!การ|ราชการ)).)"
# "ณ ห้องสีงาช้าง ตึกไทยคู่ฟ้า ทำเนียบรัฐบาล", "ที่ห้องประชุมราชสีห์ ชั้น 2 อาคาร...": up to
# Government House, to the person who follows or to the end of a venue line; else it stays.
_TH_VENUE = (rf"(?:ณ\s*|ที่\s*(?={_TH_PLACE}))\S{_TH_VENUE_PART}{{0,160}}?"
             rf"(?:ทำเนียบรัฐบาล|(?=\s+(?:{_TH_ACTOR}))|$)")
# Right after a date or a time "ที่" is a venue whatever the place ("ที่อิมแพคฟอรั่ม ...").
_TH_WHEN_WHERE = (rf"(?:{_TH_DATE}|{_TH_TIME})(?:\s*ที่\s*\S{_TH_VENUE_PART}{{0,120}}?"
                  rf"(?=\s+(?:{_TH_ACTOR})))?")

_EN_MONTH = "|".join(name.capitalize() for name in ENGLISH_MONTHS)
_EN_DAY = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_EN_MONTH}),?\s+\d{{4}}"
           rf"|(?:{_EN_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
_EN_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_EN_RELATIVE = "(?i:today|yesterday|tonight|this morning|this afternoon|this evening|last night)"
# "On 24 April 2023", "November 8, 2021", "Today (24 April 2023)", "Sunday, 7 September 2025".
_EN_DATE = (rf"(?:(?i:on|as of)\s+)?(?:{_EN_RELATIVE}"
            rf"(?:\s*\(\s*(?:(?:{_EN_WEEKDAY}),?\s*)?{_EN_DAY}\s*\))?"
            rf"|(?:(?:{_EN_WEEKDAY}),?\s*)?{_EN_DAY}|(?:{_EN_WEEKDAY})(?=,))")
# "at 1100hrs", "at 08.45 hrs", "At 11:30 a.m. today", "at 0900hrs (Kuala Lumpur local time)".
_EN_TIME = (r"(?i:at|from|around)\s+\d{1,2}(?:[.:]?\d{2})?\s*"
            r"(?:hrs\b\.?|hours\b|a\.m\.|p\.m\.|am\b|pm\b)"
            r"(?:\s*\([^()]{0,60}\))?(?:\s+(?i:today|tonight))?")
# Who comes after a venue's parts: "Mr.", "H.E.", "Prime Minister", "Government Spokesperson".
_EN_ACTOR = (r"(?:Mr|Mrs|Ms|Miss|Dr|Gen|Pol|Lt|Col|Adm|H\.E|His|Her|Their|Prime|Deputy|Ministers?|"
             r"Government(?! House)|President|Vice|Chair(?:man|woman|person)?|Ambassador|Secretary|"
             r"Senator|Governor|King|Queen|Prince|Princess|The|Both|Members|Thailand|Spokesperson|"
             r"Director|Chief|Head)\b")
# "at the Purple Room, Thai Khu Fah Building, Government House": the parts up to the actor;
# "At the weekly cabinet meeting," too.
_EN_VENUE = (r"(?i:at)\s+(?:the\s+\S|[A-Z0-9])[^,]{0,80}"
             rf"(?:,\s*(?!{_EN_ACTOR})(?:the\s+)?[A-Z][^,]{{0,60}}(?=,))*")
# "prior to the weekly cabinet meeting,", "following the cabinet meeting on 29 June, 2021,".
_EN_CONTEXT = (r"(?i:prior to|following|after|before|during|on the sidelines of|"
               r"on (?:the )?occasion of)\s+[^,]{0,80}(?:,\s*\d{4})?(?=,)")

# A venue at Government House anywhere in a sentence: "... เป็นประธานการประชุมคณะรัฐมนตรี
# ณ ตึกสันติไมตรี (หลังนอก) ทำเนียบรัฐบาล ซึ่ง...".
_RE_GOVERNMENT_HOUSE = re.compile(
    rf"\s(?:ณ|ที่)\s*(?:{_TH_PLACE}){_TH_VENUE_PART}{{0,80}}?ทำเนียบรัฐบาล")
# The date, time and venue a paragraph opens with, in either language, after any
# rule of dots or dashes.
_RE_PREAMBLE = re.compile(
    rf"^[-*_=+.~—–•·\s]*(?:(?:{_TH_WHEN_WHERE}|{_TH_VENUE}|{_EN_DATE}|{_EN_TIME}|{_EN_VENUE}"
    rf"|{_EN_CONTEXT})(?:\s*,\s*|\s+|$|(?<=\)))(?:\s*,\s*)?)+")
# A paragraph that opens with a date or a time: the lead of a news release.
_RE_DATELINE = re.compile(rf"^[-*_=+.~—–•·\s]*(?:{_TH_DATE}|{_TH_TIME}|{_EN_DATE}|{_EN_TIME})")
# "<speaker> เปิดเผยว่า <event>": the verb (not in "เผยแพร่", "สระบุรี"), what it may carry
# ("กล่าวเพิ่มเติมว่า", "กล่าวต่อไปอีกว่า", "เปิดเผยหลังการประชุม ครม. ว่า"), and "ว่า" (not in
# "ว่าการ", "กว่า", "ระหว่าง"); or "<speaker> เปิดเผยถึง <what the release is about>", and
# when " ว่า ..." follows it soon ("เปิดเผยถึงการช่วยเหลือผู้ประสบภัย ว่า ได้รับรายงาน..."),
# what is said after it. The verb comes first in the pattern, which keeps the search fast.
_RE_TH_SAYS = re.compile(
    r"(?:เปิดเผย|กล่าว|แถลง|ระบุ(?!รี)|เผย(?!แพร่)|ชี้แจง|ให้สัมภาษณ์)"
    r"(?:(?:\S{0,12}?|\s?(?:หลัง|ภายหลัง|ผล|กับ|ใน)[^\n]{0,120}?)\s?(?:(?<!ก)|(?<=อีก))ว่า(?!การ|ด้วย|จ้าง|ง)\s*"
    r"|ถึง\s*(?:[^\n]{0,160}?\sว่า(?!การ|ด้วย|จ้าง|ง|ที่)\s*)?)")
# What a Thai speaker says of themself: "ตนได้สั่งการ...", "ตนเองรู้สึก...", "ตน และคณะ...".
_RE_TH_SELF = re.compile(r"ตน(?:เอง)?\s*(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
# What a speaker's part may end with before the verb: "นายสมศักดิ์ ได้ให้สัมภาษณ์ว่า".
_RE_TH_SPEAKER_END = re.compile(r"\s*(?:ได้|จึง|ยัง|ก็)?\s*$")
# "<speaker> disclosed that <event>", "<speaker>, said on Monday that <event>".
_RE_EN_SAYS = re.compile(
    r"\b(?:said|disclosed|stated|announced|revealed|reported|explained|noted|added|affirmed|"
    r"emphasi[sz]ed|clarified)(?:\s+(?:on|in|at|after|following|during)\s+[^,]{0,80}?)?,?\s+that\s+")
# "According to the Government Spokesperson, <event>": a speaker, as "... said that".
_RE_EN_ACCORDING = re.compile(
    r"According to (?:[^,]{0,80}?\b(?:Spokespersons?|Minister|Secretary|Director|Governor"
    r"|Ambassador|Commissioner|Chief|Commander)\b[^,]{0,60}|(?:Mr|Ms|Mrs|Dr|Gen|Pol)\b[^,]{0,60}),\s+")
# A link to what came before: "โอกาสนี้", "นอกจากนี้", "ด้าน <speaker>", "Moreover,";
# "ทั้งนี้" is often joined to what follows ("ทั้งนี้กระทรวงดีอี...", "ทั้งนี้จากข้อมูล...").
_RE_LINK = {"th": re.compile(r"(?:(?:ใน)?(?:โอกาสนี้|การนี้)|นอกจากนี้|ทั้งนี้|จากนั้น|ต่อมา|อย่างไรก็ตาม"
                             r"|ด้าน)\s+|ทั้งนี้(?=จาก|เพื่อ|หาก|ได้|กระทรวง|กรม)"),
            "en": re.compile(r"(?:Additionally|Moreover|Furthermore|In addition|Meanwhile"
                             r"|On this occasion|Besides),\s+")}
# What makes the words before a reporting verb more than a speaker with titles: a verb's
# marks ("ได้" but for "ได้กล่าวว่า", "โดย", "ซึ่ง"), a question, another "ว่า" (not in
# "ผู้ว่าราชการ", "ว่าที่"), a dangling "และ", "ดัง" of "ดังกล่าว"; in English a sentence's end.
# (Searched from the second letter: "โดย" may open the speaker. Each word's first letter
# comes first in the pattern, which keeps the search fast.)
_RE_NOT_SPEAKER = {
    "th": re.compile(r"[โไซนถวแด](?:(?<=โ)ดย|(?<=ไ)ด้(?!\s*$)|(?<=ซ)ึ่ง|(?<=น)ั้น|(?<=ถ)าม"
                     r"|(?<=ว)(?<!กว)่า(?!การ|ราชการ|ที่|ง)|(?<=แ)ละ\s*$|(?<=ด)ัง\s*$)"),
    "en": re.compile(r"(?:[a-z]{4,}|\d{4})[.!?]\s+[A-Z]"),
}


# --- who came along (see `event`) ---------------------------------------------------

# Whom a list of officials names: a person's title or a post, a delegation, a body.
_TH_PEOPLE = (rf"(?:{_TH_ACTOR}|คณะ|ผู้|หัวหน้า|ตัวแทน|เจ้าหน้าที่|ข้าราชการ|ร[มอ]ว\.|รมช\.|ปล\.|"
              r"ผบ\.|ผวจ\.|H\.E|Mr|Ms|Mrs|Dr)")
# What an actor does, after the officials who came with them: "ลงพื้นที่", "เป็นประธาน"...
_TH_ACTION = (r"ลงพื้นที่|ตรวจ|เดินทาง|เข้าพบ|เข้าเยี่ยม|หารือ|เป็นประธาน|เป็นหัวหน้า|เป็นผู้แทน|"
              r"เยี่ยม|มอบ|ติดตาม|นำ|แถลง|เปิด|จัด|พบ|ได้(?!แก่)")
# ...or attending: "ร่วมงาน", "เข้าร่วม", "ให้การต้อนรับ".
_TH_DEED = rf"{_TH_ACTION}|เข้าร่วม|ร่วม|ให้การต้อนรับ|ต้อนรับ|ประชุม|รับฟัง|รับ"
# Who came along is named right after the first actor (and the delegation they lead).
_TH_ACTOR_ONLY = rf"(?:(?!\s(?!เป็นหัวหน้าคณะ|นำคณะ)(?:{_TH_DEED})|พร้อม|โดย).){{0,200}}?"
# A list of officials does not run past "เพื่อ", "ซึ่ง" (the purpose), "จากนั้น" or "ถึง"
# ("พร้อมคณะเดินทางถึง... จากนั้น..."); the "เพื่อ" of a body's name is no purpose
# ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐาน").
_TH_PURPOSE = r"(?<!ดิจิทัล)(?<!ระหว่างประเทศ)เพื่อ"
_TH_LIST = rf"(?:(?!พร้อม|โดยมี|{_TH_PURPOSE}|ซึ่ง|จากนั้น|ถึง).){{1,400}}?"
# "<actor> พร้อมด้วย <officials> ลงพื้นที่...", "<actor> โดยมี <officials> ลงพื้นที่...": the
# officials go, the deed stays ("โดยมี ... ให้การต้อนรับ" is who attended, below).
_RE_TH_ALONG = re.compile(
    rf"({_TH_ACTOR_ONLY})\s?(?:พร้อม(?:ด้วย)?\s?(?={_TH_PEOPLE}){_TH_LIST}\s(?=(?:{_TH_DEED}))"
    rf"|โดยมี\s?(?={_TH_PEOPLE}){_TH_LIST}\s(?=(?:{_TH_ACTION})))")
# "โดยมี <officials> เข้าร่วม(ประชุม)", "... ให้การต้อนรับ", "... กล่าวรายงาน", "... เป็นหัวหน้าคณะ
# ฝ่ายเมียนมา": who attended, wherever it is, dropped with the verb, unless a deed comes first.
# A committee's members may run to 700 characters, a ministry's "เพื่อ" among them.
_RE_TH_ATTENDED = re.compile(
    rf"โดยมี\s?(?={_TH_PEOPLE})(?:(?!โดยมี|{_TH_PURPOSE}|ซึ่ง|\s(?:{_TH_ACTION})).){{1,700}}?"
    r"(?:เข้าร่วม|ร่วม(?:ประชุม|งาน|พิธี|รับฟัง|ให้การต้อนรับ|เป็นเกียรติ|หารือ)|ให้การต้อนรับ"
    r"|(?:เป็นผู้)?กล่าวรายงาน|เป็นสักขีพยาน|\s?(?:เป็นหัวหน้าคณะ|เป็นประธานร่วม|ร่วมเป็นประธาน))"
    r"\S*(?:\s?ด้วย)?(?=\s|$)")
# "<minister> มอบหมายให้ <official> เป็นประธาน...": the one who went is the actor.
_RE_TH_ASSIGNED = re.compile(
    rf"(?:(?!มอบหมาย|โดย|ว่า(?!การ)).){{0,150}}?\s?(?:ได้)?มอบหมาย(?:ให้)?\s?(?={_TH_PEOPLE})")
# "รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (รมว.พม.)": the short form
# the release gives in brackets (not a name: "(นายสมศักดิ์ เทพสุทิน)"), with a dot, or a
# word of Thai letters the dictionary lacks ("(ดีอี)"). One that names only the body
# ("อธิบดีกรมสวัสดิการและคุ้มครองแรงงาน (กสร.)") is given the post's short form: "อธิบดี กสร.".
_RE_TH_LONG_POST = re.compile(
    r"(?<![^\s(])(?P<post>รัฐมนตรีช่วยว่าการ|รัฐมนตรีว่าการ|รัฐมนตรี|ปลัด|รองปลัด|อธิบดี|รองอธิบดี"
    r"|ผู้ตรวจราชการ|เลขาธิการ|ผู้อำนวยการ|ผู้บัญชาการ|ผู้ว่าราชการ|รองนายกรัฐมนตรี)"
    r"(?:(?!ในฐานะ)\S){10,}\s?"
    r"\(\s?(?P<short>(?!นา[ยง]|พล|ดร|H\.E|Mr|Ms)[^().]{1,12}\.[^()]{0,6}?|[\u0e01-\u0e4e]{2,6})\s?\)")
_TH_POST_SHORT = {"รัฐมนตรีช่วยว่าการ": "รมช.", "รัฐมนตรีว่าการ": "รมว.", "ปลัด": "ปลัด ",
                  "รองปลัด": "รองปลัด ", "อธิบดี": "อธิบดี ", "รองอธิบดี": "รองอธิบดี ",
                  "ผู้อำนวยการ": "ผอ.", "ผู้บัญชาการ": "ผบ.", "ผู้ว่าราชการ": "ผู้ว่าฯ ",
                  "ผู้ตรวจราชการ": "ผู้ตรวจราชการ ", "เลขาธิการ": "เลขาธิการ ",
                  "รองนายกรัฐมนตรี": "รองนายกฯ"}
# The posts a long form holds ("รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวง..."), longest first.
_RE_TH_POST = re.compile("|".join(sorted(_TH_POST_SHORT, key=len, reverse=True)))
# A short form that names the post itself, or a minister by number ("มท.1").
_TH_SHORT_IS_POST = ("รมว", "รมช", "ร.ม.ว", "ปลัด", "รอง", "อธิบดี", "ผอ", "ผบ", "ผวจ", "ผู้", "เลขา",
                   "มท.", "นายก")
# "H.E. Mr. X, Prime Minister of Y, together with his spouse, is scheduled...": the company.
_RE_EN_ALONG = re.compile(
    r",\s+(?:together with|accompanied by|along with|joined by)\s(?:[^.;]|(?<![a-z]{3})\.){1,250}?"
    r",\s+"
    r"(?=(?:is|are|was|were|has|have|had|will|led|paid|attended|met|visited|chaired|presided|"
    r"welcomed|received|joined|held|delivered|signed|inspected|went|travell?ed|opened)\b)")


# --- what happened (see `outcomes`) -------------------------------------------------

# A count, not a date: a number with a comma ("15,718") or a unit ("109 คดี", "1,505,147
# บาท", "2 แสนราย", "337นาย", "ถุงยังชีพ 250 ชุด", "บ้าน 1 หลัง", "9 cases", "3.5 million");
# not a team ("3 ชุดปฏิบัติการ"), an ordinal ("รางวัลที่ 1 นายหมู่...", "ครั้งที่ 2", "No.
# 3") or a unit that begins a name ("8 จังหวัดเพชรบุรี").
# (The first digit comes first in the pattern, which keeps the search fast.)
_TH_UNIT = (r"\s?(?:ล้าน|แสน|หมื่น|พัน)?\s?(?:คน|ราย|คดี|บาท|แห่ง|จุด|ครั้ง(?!ที่)|เครือข่าย|ตัน|ลำ|คัน|"
            r"หน่วยงาน|ฉบับ|ข้อ(?!ม|ค|ส)|ด้าน|โครงการ|องค์กร|บัญชี|เว็บไซต์|เพจ|%|เปอร์เซ็นต์|กิโลกรัม|กก\.|"
            r"เม็ด|ชิ้น|ครอบครัว|ครัวเรือน|ชุด(?!ปฏิบัติการ)|ถุง|หลัง(?!จาก)|ทุน|อัตรา|ตำแหน่ง|รางวัล|เท่า|"
            r"สัญชาติ|เคส|เรื่อง|(?:นาย|จังหวัด|ประเทศ)"
            r"(?![\u0e01-\u0e2e]))")
_EN_UNIT = (r"\s?(?:%|percent|per cent|million|billion|thousand|(?:persons|people|victims|cases|"
            r"workers|suspects|countries|documents|projects|agencies|provinces|tons|kilograms|"
            r"children|women|men|Thais|nationals|websites|accounts|companies|members|networks|"
            r"points|districts|villages|communities|officers|officials|schools|centers|centres|"
            r"shelters|operations|raids|checkpoints|arrests)\b)")
_COUNT = (r"[0-9](?<![0-9.,][0-9])(?<!{ordinal}[0-9])(?<!{ordinal} [0-9])"
          r"(?:[0-9]{{0,2}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]*(?:\.[0-9]+)?(?={unit}))")
_RE_COUNT = {"th": re.compile(_COUNT.format(ordinal="ที่", unit=_TH_UNIT)),
             "en": re.compile(_COUNT.format(ordinal="No.", unit=_EN_UNIT))}
# Deeds with a result, and done ("ได้จัดทำ"), what was handed over ("มอบถุงยังชีพ", not
# "มอบหมาย", "มอบนโยบาย"); as verbs: "การจับกุม", "ความช่วยเหลือ" are nouns and
# "เพื่อแต่งตั้ง" a purpose, of no weight. Receiving a report ("ได้รับรายงานสถานการณ์
# อุทกภัยว่า...") is no deed: what it reports is weighed by its own signs.
_TH_RESULTS = ("จับกุม", "จับตัว", "ตรวจค้น", "บุกค้น", "ทลาย", "ยึด", "อายัด", "ช่วยเหลือ", "ส่งตัว",
               "ส่งกลับ", "ดำเนินคดี", "ฟ้อง", "ออกหมาย", "สั่งปิด", "ปิดกั้น", "เห็นชอบ", "อนุมัติ",
               "มีมติ", "รับทราบ", "ลงนาม", "แต่งตั้ง", "จัดตั้ง", "ประกาศ", "สั่งการ", "กำชับ", "มอบเงิน",
               "มอบรางวัล", "มอบถุงยังชีพ", "มอบสิ่งของ", "มอบเครื่องอุปโภค", "มอบทุน", "มอบบ้าน",
               "มอบอุปกรณ์", "ผลักดัน", "พบว่า", "ตรวจพบ", "คัดแยก", "เยียวยา", "เห็นพ้อง", "ตกลง", "ยืนยัน",
               "เตือน", "เพิ่มขึ้น", "ลดลง", "ตั้งเป้า", "เปิดตัว", "ยกระดับ", "เร่ง", "ขยาย",
               "ทั้งสองฝ่าย", "เห็นตรงกัน", "ส่งมอบ", "ได้จัดทำ", "ได้กำหนดให้", "เรียบร้อยแล้ว", "แล้วเสร็จ")
_TH_NOUNS = ("การ", "ความ", "เพื่อ")
_NOUN_MAX = max(map(len, _TH_NOUNS))
_EN_RESULTS = ("arrest", "rescued", "approved", "signed", "agreed", "came to terms",
               "found", "seized", "launched", "outlined", "handed over", "acknowledged",
               "endorsed", "adopted", "committed", "pledged", "allocated", "repatriated",
               "prosecuted", "charged", "raided", "detained", "ordered", "instructed",
               "assigned", "set up", "established", "extended", "increased", "expanded",
               "reduced", "upgraded", "ranked", "elevate", "urged", "warned", "announced",
               "discovered", "confirmed", "blocked", "shut down", "deported", "protest",
               "both parties", "both sides")
# A ceremony, a courtesy, a background story, a body's mission ("มีภารกิจ...", "its
# mission"), the penalties a law sets ("ต้องระวางโทษจำคุก...", "punishable by..."), a
# commitment in general ("พร้อมสนับสนุน", "อย่างต่อเนื่อง", "reaffirmed", "stands ready"),
# an appeal ("ขอเชิญชวน", "ขอความร่วมมือ", "ขอให้ประชาชน"): words that tell no outcome.
_TH_NO_NEWS = ("เป็นประธาน", "กล่าวต้อนรับ", "ให้การต้อนรับ", "เยี่ยมคารวะ", "เยี่ยมคำนับ", "ยินดี",
               "เป็นเกียรติ", "ขอบคุณ", "ภายใต้แนวคิด", "ให้ความสำคัญ", "ตระหนัก", "มุ่งมั่น",
               "วาระแห่งชาติ", "ภายใต้การนำ", "กล่าวรายงาน", "เข้าร่วมพิธี", "เข้าร่วมงาน",
               "เข้าร่วมการประชุม", "ชื่นชม", "ตามนโยบาย", "นโยบายของรัฐบาล", "นโยบายรัฐบาล",
               "ก่อตั้ง", "ตั้งแต่ปี", "ตลอดระยะเวลา", "ที่ผ่านมา", "เป็นประจำทุกปี", "โอกาสดี",
               "ยาวนาน", "หวังว่า", "อวยพร", "ห่วงใย", "ผู้สื่อข่าวถาม", "ระวางโทษ", "มีโทษ", "ของทุกปี",
               "ยุทธศาสตร์ชาติ", "มีภารกิจ", "มีบทบาทสำคัญ", "เป็นหน่วยงานหลัก",
               "พร้อมสนับสนุน", "พร้อมให้ความร่วมมือ", "ยืนยันความพร้อม", "ยืนยันความร่วมมือ",
               "ยืนยันเจตนารมณ์", "อย่างต่อเนื่อง", "อย่างจริงจัง", "อย่างเป็นรูปธรรม",
               "ขอเชิญชวน", "ขอความร่วมมือ", "ขอให้ประชาชน", "ขอให้ทุกคน", "ขอฝาก", "ขอวิงวอน")
_EN_NO_NEWS = ("courtesy call", "welcomed", "expressed pleasure", "expressed his pleasure",
               "expressed appreciation", "expressed gratitude", "expressed confidence", "pleased",
               "conveyed his regards", "conveyed her regards", "conveyed regards",
               "expressed honor", "expressed honour", "honored to", "honoured to",
               "thanked", "congratulated", "under the theme", "attache", "importance",
               "high priority", "attended", "chaired", "presided", "national agenda", "founded",
               "since its", "every year", "annually", "hoped", "expressed hope",
               "looked forward", "commended", "liable to", "punishable", "its mission",
               "mission is", "is mandated", "is responsible for", "anniversary", "opportunity",
               "group photo", "reaffirmed", "stands ready", "stood ready", "underscored",
               "strong commitment", "continue to", "continued to", "tangible",
               "invites the public", "invited the public", "asks the public", "asked the public")
# A passage that opens with why, since when or where ("ตามนโยบาย...", "จากกรณี...", "ใน
# การประชุมคณะรัฐมนตรี...", "เนื่องในวัน...", "ด้วยกระทรวง...มีภารกิจ", "Following ..."), or
# with the appeal that closes a release ("หากประชาชนพบเห็น... โทร 1300", "หาก<anyone>...
# สามารถติดต่อ...", "ประชาชน... สามารถขอความช่วยเหลือได้ที่...", "Neighbours are urged
# to...", "They can contact..."), or says so in
# its first words (_BACKGROUND_WORDS within _BACKGROUND_WINDOW characters: "การลงพื้นที่
# ในครั้งนี้สืบเนื่องมาจาก...").
# (A case recalled, "จากกรณี..."/"ตามที่มีข่าว...", is one; bot/summary.py reads past it.)
TH_CASE_OPENINGS = "จากกรณี|กรณี|ตามที่|จากการที่|จากสถานการณ์"
_TH_BACKGROUND = (rf"{TH_CASE_OPENINGS}|ตามนโยบาย|เนื่องจาก|เนื่องใน|หลังจากที่|"
                  r"ด้วย(?:สถานการณ์|ความ|กระทรวง|กรม|รัฐบาล|สำนักงาน)|ความสำคัญของ|หนึ่งใน|"
                  r"เพื่อ|รัฐบาล\S{0,30}(?:ภายใต้การนำ|ได้ให้ความสำคัญ)|ที่ผ่านมา|ปัจจุบัน|ใน(?:การ|ที่)ประชุม"
                  r"|หาก(?:ประชาชน|พบเห็น|ท่าน|มีข้อสงสัย|ผู้ใด"
                  r"|[^\n]{0,100}?(?:สามารถ|ขอให้)(?:ติดต่อ|แจ้ง|โทร))"
                  r"|(?:สำหรับ\s?)?(?:ประชาชน|กลุ่ม|คนพิการ|ผู้ที่|ผู้ใด|ผู้ประสบ)[^\n]{0,100}?สามารถ"
                  r"(?:ขอความช่วยเหลือ|ติดต่อ|แจ้ง|โทร)")
_EN_BACKGROUND = (r"following|in line with|under the (?:policy|leadership)|as |since |in order to"
                  r"|(?:[^.\n]{0,40}\b)?(?:public|people|those|anyone|everyone|communities"
                  r"|neighbou?rs|citizens|residents|parents|Thais|workers|job ?seekers|victims)\b"
                  r"[^.\n]{0,40}\b(?:are|is) (?:urged|advised|encouraged|requested) to\b"
                  r"|(?:they|you|people|the public|anyone)\b[^.\n]{0,30}\bcan (?:\w+ )?"
                  r"(?:contact|call|report)\b|if (?:you|anyone|the public)")
_BACKGROUND_WORDS = {"th": ("สืบเนื่อง", "เป็นไปตาม"), "en": ()}
_BACKGROUND_WINDOW = 70
_SAID = {"th": "ว่า ", "en": " that "}  # where what a speaker says begins: "กล่าวว่า "
_RE_BACKGROUND = {"th": re.compile(_TH_BACKGROUND), "en": re.compile(_EN_BACKGROUND, re.I)}

# --- the title again (see `says_title`, `title_clause`) ------------------------------

# A lead whose opening holds this much of the title (in pieces of _TITLE_PIECE letters)
# says the title again.
_TITLE_WINDOW, _TITLE_PIECE, _TITLE_SHARE = 240, 5, 0.5
# Where an English sentence surely ends: after a lower-case word ("Thailand.", not "Mr.").
_RE_EN_SENTENCE_END = re.compile(r"(?:(?<=[a-z0-9\"”’]{3}[.!?])|(?<=\)[.!?]))\s+(?=[\"“A-Z])")
# Where a Thai sentence goes on to a new clause: " โดยทั้งสองฝ่ายได้หารือ...", " ซึ่ง...".
# (Not "โดยมี <officials>", nor "ซึ่งจัดโดย", "ซึ่งเป็น": more about the same thing.)
_RE_TH_CLAUSE = re.compile(
    r"\s(?:โดย(?!มี)|ซึ่ง(?!จัด|เป็น)|ทั้งนี้|นอกจากนี้|จากนั้น|ในการนี้|(?:ใน)?โอกาสนี้"
    r"|พร้อม(?:ทั้ง|กับ)?(?!ด้วย))\s?")
_MIN_CLAUSE = 40  # a first sentence or clause is at least this long

# What each sign is worth, and how many of a kind count: two figures and two deeds
# outweigh a chair's opening words; a background opening costs a deed.
_COUNT_WEIGHT, _RESULT_WEIGHT, _NO_NEWS_WEIGHT, _BACKGROUND_WEIGHT = 2.0, 1.5, 1.5, 2.0
_SIGNS_COUNTED = 3


def event(paragraph: str, lang: str) -> str:
    """`paragraph` from where its event begins: without the date, time and venue it
    opens with, a link to what came before ("นอกจากนี้", "Moreover,"), its speaker and
    reporting verb ("... เปิดเผยว่า", "... said that", "According to the Government
    Spokesperson,") and a link that opens what is said, nor who came along with its
    actor. A Thai speaker who speaks of themself ("... กล่าวว่า ตนได้สั่งการ") stays.

    >>> event("วันนี้ (3 มี.ค. 67) นายสมชาย ใจดี อธิบดีกรมการจัดหางาน พร้อมด้วย นายสมศักดิ์ "
    ...       "รักดี รองอธิบดี ลงพื้นที่ตรวจสอบบริษัทจัดหางาน 2 แห่ง", "th")
    'นายสมชาย ใจดี อธิบดีกรมการจัดหางาน ลงพื้นที่ตรวจสอบบริษัทจัดหางาน 2 แห่ง'
    """
    text = _RE_PREAMBLE.sub("", paragraph, count=1)
    key = "en" if lang == "en" else "th"
    if link := _RE_LINK[key].match(text):
        text = text[link.end():]
    if key == "en" and (according := _RE_EN_ACCORDING.match(text)):
        text = text[according.end():]
    says = (_RE_EN_SAYS if key == "en" else _RE_TH_SAYS).search(text, 0, 2 * _SPEAKER_MAX)
    if (says and says.start() <= _SPEAKER_MAX
            and not _RE_NOT_SPEAKER[key].search(text, 1, says.start())):
        # What is said may open with the event's own date: "เปิดเผยว่า เมื่อวันที่ 19 ...".
        said = _RE_PREAMBLE.sub("", text[says.end():], count=1)
        if link := _RE_LINK[key].match(said):  # "กล่าวเพิ่มเติมว่า ทั้งนี้ ..."
            said = said[link.end():]
        # "<speaker> กล่าวว่า ตนได้สั่งการ...": the speaker is who acted, and stays.
        if key == "th" and (self_ := _RE_TH_SELF.match(said)):
            speaker = _RE_TH_SPEAKER_END.sub("", text[:says.start()])
            said = f"{speaker} {said[self_.end():]}"
        text = said
    if "ทำเนียบรัฐบาล" in text:
        text = _RE_GOVERNMENT_HOUSE.sub("", text)
    text = text.lstrip(" ,:;-")
    text = _without_company(text, lang)
    if lang == "en" and len(text) < len(paragraph):
        # "... disclosed that the cabinet approved" begins a sentence: "The cabinet approved".
        return text[:1].upper() + text[1:]
    return text


def _short_post(found: re.Match[str]) -> str:
    """The short form of a post `_RE_TH_LONG_POST` found, or all of it when the bracket
    holds a word of the dictionary ("(ชาย)")."""
    short = found["short"]
    if "." not in short and short in thai_words():
        return found[0]
    if short.startswith(_TH_SHORT_IS_POST):
        return short
    posts = [_TH_POST_SHORT[post] for post in _RE_TH_POST.findall(found[0])] or [""]
    return " และ ".join([*posts[:-1], posts[-1] + short])  # "รองนายกฯ และ รมว.ดีอี"


def _without_company(text: str, lang: str) -> str:
    """`text` without the officials who came along with its actor, who assigned them,
    and a post's long form where the release gives a short one."""
    if lang == "en":
        return _RE_EN_ALONG.sub(", ", text) if " with " in text or " by " in text else text
    # Each rule is tried only where its words are: this runs on every paragraph read.
    if "มอบหมาย" in text[:_SPEAKER_MAX] and (assigned := _RE_TH_ASSIGNED.match(text)):
        text = text[assigned.end():]
    if ")" in text[:2 * _SPEAKER_MAX]:
        text = _RE_TH_LONG_POST.sub(_short_post, text[:2 * _SPEAKER_MAX]) \
            + text[2 * _SPEAKER_MAX:]
    head = text[:_SPEAKER_MAX]
    if ("พร้อม" in head or "โดยมี" in head) and (along := _RE_TH_ALONG.match(text)):
        text = along.group(1) + " " + text[along.end():]
    if "โดยมี" in text:
        text = _RE_TH_ATTENDED.sub("", text).replace("  ", " ")
    return text.strip()


# The words of `outcomes` in one matcher, each valued (tells a result?, word); a word may
# end inside a longer one ("arrest" in "arrested").
_SIGNS = {key: TermMatcher([*((word, (True, word)) for word in results),
                            *((word, (False, word)) for word in no_news)], prefixes=True)
          for key, results, no_news in (("th", _TH_RESULTS, _TH_NO_NEWS),
                                        ("en", _EN_RESULTS, _EN_NO_NEWS))}


def outcomes(texts: Sequence[str], lang: str, known: str = "") -> list[float]:
    """How much each of `texts` tells of what happened beyond what is `known` (the
    title): _COUNT_WEIGHT for each count (a figure that is not a date) and
    _RESULT_WEIGHT for each deed with a result that `known` lacks, less
    _NO_NEWS_WEIGHT for each word of a ceremony, a courtesy or a background story,
    up to _SIGNS_COUNTED of a kind, and _BACKGROUND_WEIGHT less for an opening that
    gives why, since when or where; where a speaker opens the text ("... กล่าวว่า",
    "... said that"), what they say is what may open so. The signs of all `texts`
    are found in one pass.

    >>> outcomes(["ตำรวจจับกุมผู้ต้องหา 9 ราย พร้อมยึดของกลาง", "ตามนโยบายรัฐบาล"], "th")
    [5.0, -5.0]
    >>> outcomes(["ตำรวจจับกุมผู้ต้องหา 9 ราย"], "th", known="ตำรวจจับกุมผู้ต้องหา 9 ราย")
    [0.0]
    >>> outcomes(["The two sides agreed to set up 3 centres.", "The PM welcomed him."], "en")
    [5.0, -1.5]
    """
    if not texts:
        return []
    key = "en" if lang == "en" else "th"
    known = known.casefold()
    joined = "\n".join(texts)  # no sign, unit or background runs over a line's end
    starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    signs: list[tuple[set[str], set[str], set[str]]] = [(set(), set(), set()) for _ in texts]
    for count in _RE_COUNT[key].finditer(joined):
        if count.group() not in known:
            signs[bisect_right(starts, count.start()) - 1][0].add(count.group())
    nouns = _TH_NOUNS if key == "th" else ()
    for sign in _SIGNS[key].find(joined):
        result, word = sign.value
        counts, results, no_news = signs[bisect_right(starts, sign.start) - 1]
        if not result:
            no_news.add(word)
        # "approv" of "approved" is in "approves"; a Thai word is written the same in all.
        elif ((word[:max(4, len(word) - 2)] if key == "en" else word) not in known
              and not joined.endswith(nouns, max(0, sign.start - _NOUN_MAX), sign.start)):
            results.add(word)
    scores = []
    said, background, words = _SAID[key], _RE_BACKGROUND[key], _BACKGROUND_WORDS[key]
    for start, text, (counts, results, no_news) in zip(starts, texts, signs, strict=True):
        score = (_COUNT_WEIGHT * min(len(counts), _SIGNS_COUNTED)
                 + _RESULT_WEIGHT * min(len(results), _SIGNS_COUNTED)
                 - _NO_NEWS_WEIGHT * min(len(no_news), _SIGNS_COUNTED))
        opening = joined.find(said, start, start + min(len(text), _SPEAKER_MAX))
        opening = opening + len(said) if opening >= 0 else start
        if background.match(joined, opening) or any(
                joined.find(word, opening, opening + _BACKGROUND_WINDOW) >= 0 for word in words):
            score -= _BACKGROUND_WEIGHT
        scores.append(score)
    return scores


def says_title(text: str, title: str, window: int = _TITLE_WINDOW) -> bool:
    """Whether the opening of `text` (`window` characters: by default room for names
    and posts) says most of the title again: _TITLE_SHARE of the title's pieces of
    _TITLE_PIECE letters (spaces ignored) are in it.

    >>> says_title("นายสมชาย ใจดี รมว.แรงงาน ตรวจเรือประมงที่ระนอง", "รมว.แรงงาน ตรวจเรือประมง")
    True
    >>> says_title("ตำรวจจับกุมผู้ต้องหา 9 ราย", "รมว.แรงงาน ตรวจเรือประมง")
    False
    """
    return title_share(text, title, window) >= _TITLE_SHARE


def title_share(text: str, title: str, window: int = _TITLE_WINDOW, piece: int = _TITLE_PIECE,
                step: int = _TITLE_PIECE) -> float:
    """The share of the title's pieces of `piece` letters, one every `step` (spaces
    ignored, case folded), that the opening of `text` (`window` characters) holds; 0
    for a title shorter than a piece.

    >>> title_share("Both sides signed an MOU on fishers", "MOU on fishers", piece=4)
    1.0
    """
    opening, title = "".join(text[:window].split()).casefold(), "".join(title.split()).casefold()
    starts = range(0, len(title) - piece + 1, step)
    shared = sum(title[i:i + piece] in opening for i in starts)
    return shared / len(starts) if starts else 0.0


def title_clause(lead: str, lang: str) -> re.Match[str] | None:
    """Where the first sentence (English) or clause (Thai: up to " โดย", " ซึ่ง",
    " ทั้งนี้"...) of `lead` ends, within room for the title and a speaker.

    >>> lead = "นายสมชาย ใจดี รมว.แรงงาน ตรวจเรือประมงที่ระนอง โดยพบแรงงานผิดกฎหมาย 5 คน"
    >>> lead[title_clause(lead, "th").end():]
    'พบแรงงานผิดกฎหมาย 5 คน'
    """
    if lang == "en":
        return _RE_EN_SENTENCE_END.search(lead, _MIN_CLAUSE, _SPEAKER_MAX + _TITLE_WINDOW)
    return _RE_TH_CLAUSE.search(lead, _MIN_CLAUSE, _TITLE_WINDOW)


def preamble_end(paragraph: str) -> int:
    """Where the date, time and venue `paragraph` opens with end; 0 when it opens
    with none.

    >>> lead = "วันนี้ (16 พ.ค. 68) เวลา 11.15 น. ณ กรุงฮานอย นายกรัฐมนตรีหารือ..."
    >>> lead[preamble_end(lead):]
    'นายกรัฐมนตรีหารือ...'
    """
    found = _RE_PREAMBLE.match(paragraph)
    return found.end() if found else 0


def after_dateline(paragraph: str) -> int:
    """How many characters follow the date or time `paragraph` opens with; -1 when
    it opens with neither."""
    dateline = _RE_DATELINE.match(paragraph)
    return len(paragraph) - dateline.end() if dateline else -1
