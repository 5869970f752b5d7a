"""Ingest-time summaries and answer-time snippets."""

from __future__ import annotations

from collections.abc import Iterator

from bot.matcher import TermMatcher
from bot.summary import SNIPPET_MAX, SUMMARY_MAX, cut, snippet, summarize


def test_summary_is_the_opening_within_the_limit() -> None:
    paragraphs = ["ประโยคแรกของข่าว " * 30, "ย่อหน้าที่สอง"]
    summary = summarize("หัวข้อข่าว", paragraphs, "th")
    assert len(summary) <= SUMMARY_MAX
    assert summary.startswith("ประโยคแรกของข่าว")
    assert summary.endswith("…")


def test_summary_skips_a_paragraph_that_repeats_the_title() -> None:
    paragraphs = ["Cabinet approves plan", "The plan helps victims."]
    summary = summarize("Cabinet approves plan", paragraphs, "en")
    assert summary == "The plan helps victims."


def test_english_summary_ends_at_a_sentence_when_it_can() -> None:
    paragraphs = ["First sentence is here. " * 5 + "Second part.", "More text follows."]
    summary = summarize("Title", paragraphs, "en")
    assert len(summary) <= SUMMARY_MAX
    assert summary.startswith("First sentence is here.")


def test_summary_of_a_release_with_no_body_is_its_title() -> None:
    assert summarize("Only a title", [], "en") == "Only a title"


def test_thai_reporting_verb_and_the_preamble_before_it_are_dropped() -> None:
    paragraphs = [
        "วันนี้ (3 มี.ค. 67) เวลา 10.30 น. นางสาวสมหญิง ใจดี รองโฆษกประจำสำนักนายกรัฐมนตรี "
        "เปิดเผยว่า กระทรวงแรงงานพาคนไทย 12 คนที่ถูกหลอกไปทำงานในเมียวดีกลับถึงประเทศไทยแล้ว",
    ]
    summary = summarize("รัฐบาลช่วยคนไทยกลับจากเมียวดี", paragraphs, "th")
    assert summary.startswith("กระทรวงแรงงานพาคนไทย 12 คน")


def test_thai_lead_without_a_reporting_verb_keeps_who_did_it() -> None:
    paragraphs = [
        "เมื่อวันที่ 14 ส.ค. 67 เวลา 09.00 น. ณ ห้องสีงาช้าง ตึกไทยคู่ฟ้า ทำเนียบรัฐบาล "
        "นายกรัฐมนตรีให้การต้อนรับผู้แทนองค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐาน (IOM)",
    ]
    summary = summarize("นายกฯ หารือ IOM", paragraphs, "th")
    assert summary.startswith("นายกรัฐมนตรีให้การต้อนรับผู้แทน")


def test_words_before_a_verb_that_are_more_than_a_speaker_stay() -> None:
    paragraphs = [
        "นายกรัฐมนตรีสั่งการให้ตำรวจเร่งปราบแก๊งคอลเซ็นเตอร์ตามแนวชายแดน "
        "โดยนายกรัฐมนตรีกล่าวว่า ต้องเห็นผลภายในหนึ่งเดือน",
    ]
    summary = summarize("นายกฯ สั่งปราบแก๊งคอลเซ็นเตอร์", paragraphs, "th")
    assert summary.startswith("นายกรัฐมนตรีสั่งการให้ตำรวจ")


def test_english_date_and_speaker_said_that_are_dropped() -> None:
    said = ["On 5 March 2024, Mr. Somchai Jaidee, Government Spokesperson, said that the "
            "cabinet approved a plan to protect fishing crews from forced labour. The plan "
            "covers 22 coastal provinces."]
    summary = summarize("Cabinet backs plan for fishing crews", said, "en")
    assert summary.startswith("The cabinet approved a plan to protect fishing crews")

    met = ["March 6, 2024, at 1030hrs, at the Ivory Room, Thai Khu Fah Building, Government "
           "House, H.E. Ms. Jane Roe, Ambassador of Canada, paid a courtesy call on the Prime "
           "Minister to discuss help for victims of scam centres."]
    summary = summarize("PM meets Canadian Ambassador", met, "en")
    assert summary.startswith("H.E. Ms. Jane Roe, Ambassador of Canada, paid a courtesy call")


def test_audio_player_radio_intro_and_other_boilerplate_are_skipped() -> None:
    event = "รัฐบาลเปิดสายด่วน 1300 ให้ผู้เสียหายจากการค้ามนุษย์แจ้งเหตุได้ตลอด 24 ชั่วโมง"
    paragraphs = [
        "วันพุธที่ 6 มีนาคม 2567",
        "Your browser does not support the audio element.",
        "ต่อจากนี้ไป ขอเชิญรับฟังไทยคู่ฟ้า ครับ",
        "ภาพ: สำนักโฆษก",
        "อ่านเพิ่มเติม คลิก https://www.thaigov.go.th/news/contents/details/1",
        "#ไทยคู่ฟ้า #ค้ามนุษย์",
        "-----",
        "โทร. 0 2283 4000",
        event,
    ]
    assert summarize("สายด่วน 1300", paragraphs, "th") == event


def test_title_is_not_repeated() -> None:
    title = "พม. ส่งเหยื่อค้ามนุษย์ 15 คน กลับบ้าน"
    paragraphs = [
        "พม.ส่งเหยื่อค้ามนุษย์ 15 คน กลับบ้าน",  # the title again, spaced differently
        "พม. ส่งเหยื่อค้ามนุษย์ 15 คน กลับบ้าน พร้อมเงินเยียวยาคนละ 20,000 บาท",
    ]
    summary = summarize(title, paragraphs, "th")
    assert summary == "พร้อมเงินเยียวยาคนละ 20,000 บาท"

    paragraphs = ["Cabinet approves shelter plan. The plan funds 9 shelters for victims."]
    summary = summarize("Cabinet approves shelter plan", paragraphs, "en")
    assert summary == "The plan funds 9 shelters for victims."


def test_a_title_that_runs_on_into_a_sentence_is_kept() -> None:
    paragraphs = ["นโยบายแรงงานของรัฐบาลปีนี้เน้นการตรวจเรือประมงและคุ้มครองแรงงานต่างด้าว"]
    assert summarize("นโยบายแรงงาน", paragraphs, "th") == paragraphs[0]


def test_date_and_venue_only_paragraphs_are_skipped() -> None:
    event = ("นายกรัฐมนตรีเป็นประธานการประชุมคณะกรรมการป้องกันและปราบปรามการค้ามนุษย์ "
             "และสั่งให้ทุกจังหวัดตรวจสถานบริการทุกแห่ง")
    paragraphs = ["วันศุกร์ที่ 7 มิถุนายน 2567", "ณ ห้องประชุม 501 ตึกบัญชาการ 1 ทำเนียบรัฐบาล",
                  event]
    assert summarize("ประชุมคณะกรรมการค้ามนุษย์", paragraphs, "th") == event


def test_a_sub_headline_before_the_dated_lead_is_skipped() -> None:
    paragraphs = [
        "พร้อมเดินหน้าช่วยเหลือผู้เสียหายทุกราย",
        "วันนี้ (5 มิ.ย. 67) นายสมชาย ใจดี อธิบดีกรมการจัดหางาน เปิดเผยว่า กรมการจัดหางาน"
        "ดำเนินคดีนายหน้าเถื่อน 8 รายที่หลอกคนไทยไปทำงานในกัมพูชา",
    ]
    summary = summarize("กรมการจัดหางานเอาผิดนายหน้าเถื่อน", paragraphs, "th")
    assert summary.startswith("กรมการจัดหางานดำเนินคดีนายหน้าเถื่อน 8 ราย")


def test_a_speech_starts_after_its_salutations() -> None:
    paragraphs = ["ท่านรองนายกรัฐมนตรี", "ท่านเอกอัครราชทูต", "ท่านผู้มีเกียรติทุกท่าน",
                  "ผมยินดีที่ได้มาเปิดงานวันต่อต้านการค้ามนุษย์ในวันนี้"]
    summary = summarize("คำกล่าวนายกรัฐมนตรี", paragraphs, "th")
    assert summary == "ผมยินดีที่ได้มาเปิดงานวันต่อต้านการค้ามนุษย์ในวันนี้"


def test_a_cabinet_summary_goes_on_to_its_first_item() -> None:
    paragraphs = [
        "วันนี้ (4 มิถุนายน 2567) เวลา 10.00 น. นายกรัฐมนตรี เป็นประธานการประชุมคณะรัฐมนตรี "
        "ณ ตึกสันติไมตรี (หลังนอก) ทำเนียบรัฐบาล ซึ่งสรุปสาระสำคัญดังนี้",
        "กฎหมาย",
        "1. เรื่อง ร่างพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ (ฉบับที่ ..) พ.ศ. ....",
    ]
    summary = summarize("สรุปข่าวการประชุมคณะรัฐมนตรี 4 มิถุนายน 2567", paragraphs, "th")
    assert summary == ("นายกรัฐมนตรี เป็นประธานการประชุมคณะรัฐมนตรี ซึ่งสรุปสาระสำคัญดังนี้ "
                       "1. เรื่อง ร่างพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ (ฉบับที่ ..) "
                       "พ.ศ. ....")


def test_a_release_that_is_all_preamble_falls_back_to_its_opening() -> None:
    paragraphs = ["วันพุธที่ 6 มีนาคม 2567", "ณ ห้องประชุมกระทรวงแรงงาน"]
    summary = summarize("ประชุมกระทรวงแรงงาน", paragraphs, "th")
    assert summary == "วันพุธที่ 6 มีนาคม 2567 ณ ห้องประชุมกระทรวงแรงงาน"


class _ReadUpTo(list[str]):
    """Paragraphs that fail the test when one past the first `limit` is read."""

    def __init__(self, paragraphs: list[str], limit: int) -> None:
        super().__init__(paragraphs)
        self.limit = limit

    def __iter__(self) -> Iterator[str]:
        for index, paragraph in enumerate(super().__iter__()):
            assert index < self.limit, f"read paragraph {index}"
            yield paragraph


def test_a_long_release_is_summarised_from_its_opening_only() -> None:
    # A 200 KB cabinet summary: one huge paragraph, then thousands of items.
    paragraphs = ["ที่ประชุมคณะรัฐมนตรีมีมติเห็นชอบ " * 6000, *(["1. เรื่อง อื่น ๆ"] * 5000)]
    summary = summarize("สรุปข่าวการประชุมคณะรัฐมนตรี", _ReadUpTo(paragraphs, 12), "th")
    assert summary.startswith("ที่ประชุมคณะรัฐมนตรีมีมติเห็นชอบ")
    assert len(summary) <= SUMMARY_MAX


def needles(*groups: list[str], weights: list[float] | None = None,
            ) -> tuple[TermMatcher[int], list[float]]:
    """Each group's forms, found as search finds them, and the groups' weights."""
    matcher = TermMatcher(((form, n) for n, forms in enumerate(groups) for form in forms),
                          prefixes=True)
    return matcher, weights or [1.0] * len(groups)


def test_snippet_picks_the_sentence_with_most_query_words() -> None:
    paragraphs = [
        "The minister met partners in Bangkok.",
        "Victims of trafficking from Vietnam were helped by IOM. Another sentence.",
    ]
    text = snippet(paragraphs, *needles(["trafficking"], ["vietnam"], ["iom"]), "en")
    assert text == "Victims of trafficking from Vietnam were helped by IOM."


def test_snippet_prefers_the_rarer_word() -> None:
    paragraphs = ["Trafficking and Vietnam and meetings.", "The meeting was in Dalat."]
    found = needles(["trafficking"], ["vietnam"], ["dalat"], weights=[0.2, 0.5, 3.0])
    assert snippet(paragraphs, *found, "en") == "The meeting was in Dalat."


def test_snippet_is_empty_without_matches_and_bounded_with_them() -> None:
    assert snippet(["nothing here"], *needles(["trafficking"]), "en") == ""
    long = "คำ " * 200 + "ค้ามนุษย์ " + "คำ " * 200
    text = snippet([long], *needles(["ค้ามนุษย์"]), "th")
    assert "ค้ามนุษย์" in text
    assert len(text) <= SNIPPET_MAX


def test_cut_stops_at_a_space() -> None:
    assert cut("one two three four", 12) == "one two…"
    assert cut("short", 10) == "short"
