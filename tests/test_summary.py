"""Ingest-time summaries and answer-time snippets."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate

import pytest

from bot.matcher import TermMatcher
from bot.news_lead import event, outcomes, says_title
from bot.passages import SNIPPET_MAX, cut, snippet, window, words
from bot.summary import SUMMARY_MAX, summarize
from bot.thai import WORD_SEP
from tests.conftest import DATA

TOPIC_SCORE = DATA.topic_rule.score


def test_summary_is_the_opening_within_the_limit() -> None:
    paragraphs = ["ประโยคแรกของข่าว " * 30, "ย่อหน้าที่สอง"]
    summary = summarize("หัวข้อข่าว", paragraphs, "th")
    assert len(summary) <= SUMMARY_MAX
    assert summary.startswith("ประโยคแรกของข่าว")
    assert summary.endswith("…")


def test_a_lead_of_four_hundred_characters_is_summarised_whole() -> None:
    # What happened, who took part and what comes next: readers judged the news told
    # more often when a summary has room for it (SUMMARY_MAX).
    lead = ("The Ministry of Social Development and Human Security rescued 23 Thai workers "
            "held at a call-centre compound in Myawaddy, brought them back through Mae Sot on "
            "Friday and screened them under the National Referral Mechanism. Eleven were "
            "identified as trafficking victims and placed in shelters in Tak, where officials "
            "began legal aid and compensation claims; the others returned home to their "
            "families in the northeast.")
    assert 400 < len(lead) <= SUMMARY_MAX
    assert summarize("Workers back from Myawaddy", [lead, "More follows."], "en") == lead


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
        " ".join(f"#แท็กที่{n} # บ้านพักเด็กและครอบครัว" for n in range(12)),  # long ones too
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


# --- who came along, a ceremony, a background: the summary tells what happened ------


def test_officials_who_attended_are_dropped() -> None:
    paragraphs = [
        "วันนี้ (12 ก.พ. 68) นายสมชาย ใจดี ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ "
        "เป็นประธานการประชุมคณะอนุกรรมการต่อต้านการค้ามนุษย์ โดยมี นางสาวสมหญิง รักดี "
        "รองปลัดกระทรวง นายสมศักดิ์ มั่นคง อธิบดีกรมกิจการเด็กและเยาวชน "
        "และผู้แทนหน่วยงานที่เกี่ยวข้องเข้าร่วมประชุม ที่ประชุมเห็นชอบแผนคัดแยกผู้เสียหาย 4 ขั้นตอน",
    ]
    summary = summarize("พม. ประชุมคณะอนุกรรมการค้ามนุษย์", paragraphs, "th")
    assert "นางสาวสมหญิง" not in summary
    assert summary.endswith("เป็นประธานการประชุมคณะอนุกรรมการต่อต้านการค้ามนุษย์ "
                            "ที่ประชุมเห็นชอบแผนคัดแยกผู้เสียหาย 4 ขั้นตอน")

    # A delegation's leader keeps the delegation; those who came along and the other
    # side's leaders go.
    paragraphs = [
        "วันนี้ (6 ก.พ. 68) นายสมชาย ใจดี ปลัด พม. เป็นหัวหน้าคณะผู้แทนฝ่ายไทย พร้อมด้วย"
        "ผู้แทนสำนักงานอัยการสูงสุด และสำนักงานตำรวจแห่งชาติ เข้าร่วมการประชุมทวิภาคีไทย-เมียนมา "
        "โดยมี Dr. Aung Aung อธิบดีกรมสวัสดิการสังคม เป็นหัวหน้าคณะฝ่ายเมียนมา "
        "ซึ่งฝ่ายไทยได้ส่งมอบเงินค่าสินไหมทดแทน 1,200,000 บาท แก่ผู้เสียหาย 12 ราย",
    ]
    summary = summarize("พม. หนุนช่วยเหยื่อค้ามนุษย์คืนสู่สังคม", paragraphs, "th")
    assert summary == ("นายสมชาย ใจดี ปลัด พม. เป็นหัวหน้าคณะผู้แทนฝ่ายไทย เข้าร่วมการประชุม"
                       "ทวิภาคีไทย-เมียนมา ซึ่งฝ่ายไทยได้ส่งมอบเงินค่าสินไหมทดแทน 1,200,000 บาท "
                       "แก่ผู้เสียหาย 12 ราย")


def test_officials_who_came_along_are_dropped() -> None:
    paragraphs = [
        "วันนี้ (3 มี.ค. 67) นายสมชาย ใจดี อธิบดีกรมการจัดหางาน พร้อมด้วย นายสมศักดิ์ รักดี "
        "รองอธิบดี และนางสาวสมหญิง มั่นคง ผู้อำนวยการกองตรวจและคุ้มครองคนหางาน "
        "ลงพื้นที่ตรวจสอบบริษัทจัดหางาน 2 แห่ง ในเขตจตุจักร พบการเรียกเก็บค่าบริการเกินกฎหมาย",
    ]
    summary = summarize("อธิบดีกรมการจัดหางาน ตรวจบริษัทจัดหางาน", paragraphs, "th")
    assert summary == ("นายสมชาย ใจดี อธิบดีกรมการจัดหางาน ลงพื้นที่ตรวจสอบบริษัทจัดหางาน 2 แห่ง "
                       "ในเขตจตุจักร พบการเรียกเก็บค่าบริการเกินกฎหมาย")

    # The "เพื่อ" of a ministry's name is no purpose: the list runs on to the deed.
    paragraphs = [
        "วันนี้ (3 มี.ค. 67) นายสมชาย ใจดี รัฐมนตรีว่าการกระทรวงแรงงาน พร้อมด้วย นายสมศักดิ์ รักดี "
        "ผู้ตรวจราชการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ลงพื้นที่ตรวจสอบบริษัทจัดหางาน 2 แห่ง",
    ]
    summary = summarize("รมว.แรงงาน ตรวจบริษัทจัดหางาน", paragraphs, "th")
    assert summary == ("นายสมชาย ใจดี รัฐมนตรีว่าการกระทรวงแรงงาน ลงพื้นที่ตรวจสอบบริษัทจัดหางาน "
                       "2 แห่ง")

    paragraphs = [
        "On 5 March 2024, H.E. Mr. John Doe, Minister of Labour of Cambodia, together with "
        "Ms. Jane Roe, Director-General of the Department of Employment, and Mr. Tom Poe, "
        "Labour Attache, visited a shelter in Bangkok that houses 120 Cambodian workers "
        "rescued from scam centres.",
    ]
    summary = summarize("Cambodian minister visits shelter", paragraphs, "en")
    assert summary == ("H.E. Mr. John Doe, Minister of Labour of Cambodia, visited a shelter in "
                       "Bangkok that houses 120 Cambodian workers rescued from scam centres.")


@pytest.mark.parametrize(("post", "short"), [
    ("รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (รมว.พม.)", "รมว.พม."),
    ("ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (ปลัด พม.)", "ปลัด พม."),
    # The bracket names the body only: the post's short form comes with it.
    ("อธิบดีกรมสวัสดิการและคุ้มครองแรงงาน (กสร.)", "อธิบดี กสร."),
    ("รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดีอี)", "รมว.ดีอี"),
    ("รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดีอี)",
     "รองนายกฯ และ รมว.ดีอี"),
    # A word of the dictionary in brackets is no short form.
    ("ผู้อำนวยการโรงเรียนบ้านหนองบัว (ชาย)", "ผู้อำนวยการโรงเรียนบ้านหนองบัว (ชาย)"),
])
def test_a_long_post_is_said_in_its_short_form(post: str, short: str) -> None:
    paragraphs = [f"วันนี้ (3 มี.ค. 67) นายสมชาย ใจดี {post} ลงพื้นที่ตรวจสอบบริษัทจัดหางาน 2 แห่ง"]
    summary = summarize("ตรวจบริษัทจัดหางาน", paragraphs, "th")
    assert summary == f"นายสมชาย ใจดี {short} ลงพื้นที่ตรวจสอบบริษัทจัดหางาน 2 แห่ง"


def test_the_minister_who_assigned_the_actor_is_dropped() -> None:
    paragraphs = [
        "วันนี้ (5 มิ.ย. 67) นายสมศักดิ์ มั่นคง รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคง"
        "ของมนุษย์ มอบหมายให้ นางสาวสมหญิง รักดี ที่ปรึกษารัฐมนตรี เป็นผู้แทนมอบเงินช่วยเหลือ"
        "ผู้เสียหายจากการค้ามนุษย์ 30 ราย รายละ 5,000 บาท",
    ]
    summary = summarize("พม. มอบเงินช่วยเหลือผู้เสียหาย", paragraphs, "th")
    assert summary.startswith("นางสาวสมหญิง รักดี ที่ปรึกษารัฐมนตรี เป็นผู้แทนมอบเงิน")


def test_a_long_post_gives_way_to_the_short_form_the_release_gives() -> None:
    paragraphs = [
        "วันนี้ (8 ก.ค. 67) นายสมชาย ใจดี ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ "
        "(ปลัด พม.) ตรวจเยี่ยมศูนย์คุ้มครองผู้เสียหายจากการค้ามนุษย์ จังหวัดสงขลา "
        "ซึ่งดูแลผู้เสียหาย 41 คน",
    ]
    summary = summarize("ปลัด พม. ลงพื้นที่สงขลา", paragraphs, "th")
    assert summary.startswith("นายสมชาย ใจดี ปลัด พม. ตรวจเยี่ยมศูนย์คุ้มครอง")


def test_a_link_to_what_came_before_is_dropped() -> None:
    paragraphs = ["นอกจากนี้ กระทรวงแรงงานได้มอบเงินช่วยเหลือแก่ลูกเรือประมง 18 ราย รายละ 10,000 บาท"]
    summary = summarize("ก.แรงงาน ช่วยลูกเรือประมง", paragraphs, "th")
    assert summary.startswith("กระทรวงแรงงานได้มอบเงิน")
    # "ทั้งนี้" is often written joined to what follows.
    paragraphs = ["ทั้งนี้กระทรวงแรงงานได้มอบเงินช่วยเหลือแก่ลูกเรือประมง 18 ราย รายละ 10,000 บาท"]
    summary = summarize("ก.แรงงาน ช่วยลูกเรือประมง", paragraphs, "th")
    assert summary.startswith("กระทรวงแรงงานได้มอบเงิน")

    paragraphs = ["Moreover, the Ministry of Labour handed over 10,000 baht to 18 crew members."]
    summary = summarize("Labour ministry helps crews", paragraphs, "en")
    assert summary.startswith("The Ministry of Labour handed over")


def test_the_summary_tells_the_title_s_event_rather_than_a_side_matter() -> None:
    # A courtesy call: pleasantries, then trade (with many figures), then what the title
    # names. Readers judge a summary by whether it tells the title's event.
    paragraphs = [
        "On 10 August 2022, at 1000hrs, at the Ivory Room, Government House, Mr. John Smith, "
        "Chargé d'Affaires of the U.S. Mission in Thailand, paid a courtesy call on the Prime "
        "Minister, who welcomed him and thanked the United States for its long friendship with "
        "the Thai people.",
        "Both parties also discussed issues of mutual interest:",
        "Trade between the two countries reached 60,000 million dollars in 2021, up 20 percent, "
        "and 150 American companies invested 3,000 million dollars in the Eastern Economic "
        "Corridor, which both sides agreed to expand with 5 new industrial estates, 2 deep-sea "
        "ports and 12 new flights a week between Bangkok and Los Angeles by 2025.",
        "On trafficking in persons, the Chargé d'Affaires praised Thailand's work against it "
        "and its upgrade in this year's TIP Report; the Prime Minister pledged to end forced "
        "labour on fishing boats.",
    ]
    title = "U.S. commends PM for active role in addressing trafficking in persons"
    assert summarize(title, paragraphs, "en") == paragraphs[3]


def test_a_lead_that_introduces_the_gist_of_a_meeting_does_not_open_the_summary() -> None:
    paragraphs = [
        "On 5 March 2024, at 1100hrs, at the Ivory Room, Government House, H.E. Mr. Taro "
        "Yamada, Ambassador of Japan to Thailand, paid a courtesy call on the Prime Minister. "
        "The Government Spokesperson disclosed the gist of the meeting as follows:",
        "The Prime Minister welcomed the Ambassador and thanked Japan for its friendship "
        "over many years.",
        "Both parties agreed to set up a joint task force against online scams and to share "
        "data on 3 trafficking networks.",
    ]
    title = "Ambassador of Japan pays courtesy call on Prime Minister"
    assert summarize(title, paragraphs, "en").startswith("The Prime Minister welcomed")

    paragraphs = [
        "วันนี้ (5 มี.ค. 67) เวลา 11.00 น. ณ ห้องสีงาช้าง ตึกไทยคู่ฟ้า ทำเนียบรัฐบาล "
        "นายกรัฐมนตรีให้การต้อนรับนายทาโร ยามาดะ เอกอัครราชทูตญี่ปุ่นประจำประเทศไทย "
        "ในโอกาสเข้าเยี่ยมคารวะ โดยนายสมชาย ใจดี โฆษกประจำสำนักนายกรัฐมนตรี "
        "เปิดเผยสาระสำคัญ ดังนี้",
        "นายกรัฐมนตรียินดีที่ได้พบเอกอัครราชทูตญี่ปุ่น และขอบคุณญี่ปุ่นที่ให้ความร่วมมือกับไทย"
        "มาอย่างยาวนาน",
        "ทั้งสองฝ่ายเห็นพ้องจัดตั้งคณะทำงานร่วมปราบปรามแก๊งคอลเซ็นเตอร์ "
        "และแลกเปลี่ยนข้อมูลเครือข่ายค้ามนุษย์ 3 เครือข่าย",
    ]
    title = "นายกรัฐมนตรีให้การต้อนรับเอกอัครราชทูตญี่ปุ่นประจำประเทศไทย"
    assert summarize(title, paragraphs, "th").startswith("นายกรัฐมนตรียินดีที่ได้พบ")


def test_a_summary_that_opens_with_the_title_again_is_not_chosen() -> None:
    title = "รองนายกฯ เป็นประธานการประชุม ป.ค.ม. ครั้งที่ 1/2568"
    paragraphs = [
        "วันนี้ (10 ม.ค. 68) เวลา 13.30 น. นายสมชาย ใจดี รองนายกฯ เป็นประธานการประชุม ป.ค.ม. "
        "ครั้งที่ 1/2568 ณ ห้องประชุม 301 ตึกบัญชาการ 1 ทำเนียบรัฐบาล",
        "ที่ประชุมได้เห็นชอบรายงานผลการดำเนินงานปี 2567 ซึ่งดำเนินคดีค้ามนุษย์ได้ 109 คดี "
        "และช่วยเหลือผู้เสียหาย 512 คน",
    ]
    # Started at the lead, the summary would be the title again with a name and a venue.
    assert summarize(title, paragraphs, "th") == paragraphs[1]


def test_an_english_lead_that_tells_news_of_the_plan_the_title_names_is_no_repeat() -> None:
    # The title is mostly the plan's name; the lead names it too, with news the title
    # lacks (the cabinet approved it). The list of areas after it tells less.
    paragraphs = [
        "The cabinet, in its meeting today, approved the draft Joint Plan of Action to "
        "Implement the Thailand-Australia Strategic Partnership 2022-2025, as proposed by the "
        "Ministry of Foreign Affairs. The Prime Ministers of both countries will sign it in "
        "Bangkok.",
        "The draft details projects in the following areas of cooperation:",
        "1) Political cooperation, including the suppression of transnational crimes, "
        "narcotics and trafficking in persons 2) Economic cooperation, including the digital "
        "economy 3) Cooperation in public health, agriculture and education.",
    ]
    title = ("Thailand-Australia to sign Joint Plan of Action to Implement the "
             "Thailand-Australia Strategic Partnership 2022-2025")
    assert summarize(title, paragraphs, "en").startswith("The cabinet, in its meeting today, "
                                                          "approved the draft Joint Plan")


def test_a_background_opening_gives_way_to_what_was_done() -> None:
    paragraphs = [
        "ตามนโยบายของรัฐบาลที่ให้ความสำคัญกับการป้องกันและปราบปรามการค้ามนุษย์เป็นวาระแห่งชาติ "
        "กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการค้ามนุษย์ได้เฝ้าระวังสถานบริการ"
        "ในพื้นที่ภาคใต้อย่างต่อเนื่อง ทั้งในจังหวัดสงขลา ปัตตานี ยะลา นราธิวาส และสตูล "
        "ร่วมกับฝ่ายปกครองและเจ้าหน้าที่ตรวจคนเข้าเมืองในทุกพื้นที่มาตลอดทั้งปี",
        "เจ้าหน้าที่ตำรวจเข้าตรวจค้นสถานบริการแห่งหนึ่งในจังหวัดสงขลา ช่วยเหลือผู้เสียหายได้ 6 ราย "
        "และจับกุมผู้ต้องหา 2 ราย",
    ]
    assert summarize("ตำรวจบุกค้นสถานบริการ", paragraphs, "th") == paragraphs[1]

    paragraphs = [
        "Following the government's policy to make the fight against human trafficking a "
        "national agenda, the Anti-Trafficking in Persons Division has kept watch on "
        "entertainment venues in the south, in Songkhla, Pattani, Yala and Narathiwat, with "
        "local officials and immigration officers, all through the year.",
        "Police raided a karaoke bar in Songkhla, rescued 6 victims and arrested 2 suspects.",
    ]
    assert summarize("Police raid bar in Songkhla", paragraphs, "en") == paragraphs[1]


def test_a_passage_that_opens_with_how_the_case_arose_gives_way() -> None:
    # "สืบเนื่องจาก ..." tells the case from its start and shares the title's words;
    # what was done comes a paragraph later.
    paragraphs = [
        "วันนี้ (5 มี.ค. 67) นายสมชาย ใจดี รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม "
        "เป็นประธานการแถลงข่าวผลการปราบปรามอาชญากรรมออนไลน์ประจำเดือน ณ ศูนย์ราชการ",
        "สืบเนื่องจาก เมื่อปลายปี 2566 ตำรวจไซเบอร์ได้รับแจ้งความจากผู้เสียหาย 5 ราย ว่าถูกขบวนการ"
        "หลอกลงทุนคริปโตผ่านแอปพลิเคชันปลอม สูญเงินรวมกว่า 30 ล้านบาท จึงสืบสวนขยายผลต่อเนื่อง",
        "ในคดีนี้ ตำรวจไซเบอร์ได้ยึดทรัพย์ขบวนการหลอกลงทุนคริปโต ทั้งบ้าน รถยนต์ และเงินในบัญชี "
        "รวม 120 ล้านบาท จับกุมผู้ต้องหา 3 ราย และจะขอศาลนำทรัพย์ไปเฉลี่ยคืนผู้เสียหายทั้ง 5 ราย",
    ]
    title = "ดีอี-ตำรวจไซเบอร์ ยึดทรัพย์ขบวนการหลอกลงทุนคริปโต 120 ล้าน เตรียมเฉลี่ยคืนผู้เสียหาย"
    assert summarize(title, paragraphs, "th").startswith("ในคดีนี้ ตำรวจไซเบอร์ได้ยึดทรัพย์")


def test_a_lead_that_tells_what_happened_stays() -> None:
    paragraphs = [
        "วันนี้ (9 ก.ย. 67) ตำรวจกองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการค้ามนุษย์ "
        "บุกค้นโรงงานแห่งหนึ่งในจังหวัดสมุทรสาคร ช่วยเหลือแรงงานเมียนมา 31 คน และจับกุมนายจ้าง 1 ราย",
        "ที่ผ่านมา ตำรวจดำเนินคดีค้ามนุษย์ได้ 200 คดี ในปี 2566",
    ]
    summary = summarize("ตำรวจบุกค้นโรงงาน", paragraphs, "th")
    assert summary.startswith("ตำรวจกองบังคับการปราบปราม")


def test_a_lead_that_says_the_title_again_is_read_past_it() -> None:
    paragraphs = [
        "วันนี้ (2 ก.พ. 67) นายสมชาย ใจดี รมว.แรงงาน ตรวจเรือประมงที่ท่าเรือระนอง "
        "โดยพบแรงงานต่างด้าวไม่มีใบอนุญาตทำงาน 14 คน จึงสั่งให้ดำเนินคดีกับนายจ้างทันที",
    ]
    summary = summarize("รมว.แรงงาน ตรวจเรือประมงที่ระนอง", paragraphs, "th")
    assert summary == "พบแรงงานต่างด้าวไม่มีใบอนุญาตทำงาน 14 คน จึงสั่งให้ดำเนินคดีกับนายจ้างทันที"
    # What follows may be said ("โดยระบุว่า ..."): it is read without the saying.
    title = "บสย. ขอประชาชนอย่าหลงเชื่อมิจฉาชีพ หลอกให้กู้ยืมเงินทางออนไลน์"
    said = ("บรรษัทประกันสินเชื่ออุตสาหกรรมขนาดย่อม (บสย.) ขอประชาชนอย่าหลงเชื่อมิจฉาชีพ หลอกให้"
            "กู้ยืมเงินทางออนไลน์ โดยระบุว่า ขณะนี้มีกลุ่มมิจฉาชีพแอบอ้างชื่อ บสย. ผ่านเฟซบุ๊ก แฟนเพจ "
            "และเว็บไซต์ปลอม หลอกลวงประชาชนและผู้ประกอบการ")
    summary = summarize(title, [said], "th")
    assert summary.startswith("ขณะนี้มีกลุ่มมิจฉาชีพแอบอ้างชื่อ บสย.")


def test_a_list_is_summarised_from_the_words_that_announce_it() -> None:
    paragraphs = [
        "วันนี้ (4 มิ.ย. 67) นายสมชาย ใจดี โฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า "
        "รัฐบาลให้ความสำคัญกับการดูแลประชาชนที่เดือดร้อนจากมิจฉาชีพซึ่งสร้างความเสียหาย"
        "เป็นวงกว้างมาอย่างต่อเนื่องตลอดระยะเวลาที่ผ่านมา ทั้งในกรุงเทพมหานครและทุกจังหวัด"
        "ทั่วประเทศ โดยเฉพาะผู้สูงอายุและผู้มีรายได้น้อย",
        "มาตรการที่คณะรัฐมนตรีเห็นชอบ ดังนี้",
        "1. ให้ธนาคารทุกแห่งระงับบัญชีม้าที่ตรวจพบแล้ว 12,000 บัญชีภายใน 7 วันนับจากวันนี้",
        "2. ให้ตำรวจจับกุมผู้เปิดบัญชีม้าทุกราย",
    ]
    summary = summarize("ครม. เห็นชอบมาตรการระงับบัญชีม้า", paragraphs, "th")
    assert summary.startswith("มาตรการที่คณะรัฐมนตรีเห็นชอบ ดังนี้ 1. ให้ธนาคารทุกแห่ง")


def test_a_paragraph_that_goes_on_with_the_one_before_does_not_start_the_summary() -> None:
    paragraphs = [
        "วันนี้ (9 ก.ย. 67) นายสมชาย ใจดี โฆษกสำนักงานตำรวจแห่งชาติ เปิดเผยว่า "
        "ตำรวจได้ร่วมกับหน่วยงานในพื้นที่ติดตามแก๊งหลอกลวงทางโทรศัพท์มาระยะหนึ่ง",
        "และจับกุมผู้ต้องหาได้ 25 ราย ยึดโทรศัพท์ 300 เครื่อง พร้อมบัญชีธนาคาร 40 บัญชี",
    ]
    summary = summarize("ตำรวจจับแก๊งหลอกลวง", paragraphs, "th")
    assert summary.startswith("ตำรวจได้ร่วมกับหน่วยงานในพื้นที่")
    assert summary.endswith("บัญชีธนาคาร 40 บัญชี")
    # "โดยตรง" (directly) finishes the sentence before it: "รับซื้อผลไม้ | โดยตรงจาก...".
    broken = ["ทหารพรานลงพื้นที่ช่วยเกษตรกรตัดมะขาม และรับซื้อผลไม้จากเกษตรกร 2 ราย ตามโครงการรับซื้อผลไม้",
              "โดยตรงจากกลุ่มเกษตรกร เพื่อให้ขายผลผลิตได้ในราคาที่เหมาะสม ไม่ผ่านพ่อค้าคนกลาง 100 ราย"]
    assert summarize("ทหารพรานช่วยเกษตรกร", broken, "th").startswith("ทหารพรานลงพื้นที่")


def test_a_later_paragraph_is_weighed_from_its_event_not_its_speaker() -> None:
    # The complaint and its figures come after a speaker's long titles; the law's
    # penalties, figures and all, are no news of what happened.
    paragraphs = [
        "กรมการจัดหางาน เตือนคนหางาน ระวังนายหน้าเถื่อนอ้างส่งไปทำงานแคนาดา",
        "นายสมชาย ใจดี อธิบดีกรมการจัดหางาน กระทรวงแรงงาน ในฐานะนายทะเบียนจัดหางานกลาง "
        "และประธานคณะทำงานป้องกันการหลอกลวงคนหางานไปทำงานต่างประเทศ เปิดเผยว่า "
        "กรมได้รับแจ้งจากคนหางานในหลายจังหวัดว่ามีนายหน้าเถื่อนแอบอ้างเป็นผู้แทนบริษัทจัดหางาน"
        "ที่รู้จักนายจ้างในประเทศแคนาดา และสามารถส่งไปทำงานได้ทันทีโดยไม่ต้องรอ "
        "โดยเรียกเก็บเงิน 150,000 บาทต่อคน จากคนหางาน 35 ราย จึงได้ดำเนินคดีกับนายหน้าแล้ว",
        "ตามพระราชบัญญัติจัดหางานฯ ผู้หลอกลวงคนหางานต้องระวางโทษจำคุก 3-10 ปี "
        "หรือปรับตั้งแต่ 60,000 - 200,000 บาท หรือทั้งจำทั้งปรับ",
    ]
    summary = summarize("กรมการจัดหางาน เตือน นายหน้าเถื่อน อ้างส่งไปแคนาดา", paragraphs, "th")
    assert summary.startswith("กรมได้รับแจ้งจากคนหางานในหลายจังหวัด")


def test_the_news_is_looked_for_past_a_courtesy_call_s_pleasantries() -> None:
    pleasantries = ["The Prime Minister welcomed the Minister and was pleased with the visit.",
                    "The Minister expressed pleasure to meet the Prime Minister.",
                    "Both parties were pleased with the long friendship of the two countries.",
                    "The Prime Minister hoped that relations would grow, and thanked the Minister.",
                    "The Minister expressed appreciation for the warm welcome."]
    outcome = ("Both parties agreed to set up a joint task force on call-centre gangs, "
               "which will return 250 victims by March.")
    summary = summarize("Joint task force to be set up against call-centre gangs",
                        [*pleasantries, outcome], "en")
    assert summary == outcome


def test_an_english_readout_is_summarised_by_what_was_agreed_not_the_welcome() -> None:
    # "PM meets with ..." readouts open with the welcome, which names the visitor as the
    # title does, and come to what was agreed paragraphs later.
    paragraphs = [
        "On 2 March 2023, at 1400hrs, at Government House, Mr. Sok Chenda, Deputy Prime "
        "Minister and Minister of Foreign Affairs of Cambodia, paid a courtesy call on the "
        "Prime Minister. Government Spokesperson disclosed gist of the meeting as follows:",
        "The Prime Minister expressed pleasure to meet with Mr. Sok Chenda on his first visit "
        "as Minister, and conveyed his regards to Prime Minister Hun Manet.",
        "The Cambodian Deputy Prime Minister conveyed regards from Prime Minister Hun Manet, "
        "and said that his visit is to follow up on the outcomes of the two leaders' meeting.",
        "The Prime Minister hoped that trade between the two countries would reach the target "
        "of 15 billion dollars, and invited Cambodia to the Thai trade fair in Bangkok.",
        "The Prime Minister thanked the Cambodian Government for its cooperation against call "
        "center gangs, and both sides agreed to set up a joint working committee on the scams, "
        "which will meet in Phnom Penh in May.",
    ]
    title = "PM meets with Cambodian Deputy PM and Minister of Foreign Affairs"
    summary = summarize(title, paragraphs, "en")
    assert summary.startswith("The Prime Minister thanked the Cambodian Government")


def test_a_paragraph_that_refers_back_does_not_start_the_summary() -> None:
    paragraphs = [
        "The Prime Minister chaired a meeting on the Marriage Equality Bill, which will be "
        "brought to the cabinet on 31 October and then to Parliament in December.",
        "He also said that 12 agencies were instructed to draft 3 more bills.",
    ]
    summary = summarize("Marriage Equality Bill to cabinet", paragraphs, "en")
    assert summary.startswith("The Prime Minister chaired a meeting")


def test_outcomes_weigh_what_happened_against_ceremony_and_background() -> None:
    texts = ["ตำรวจจับกุมผู้ต้องหา 9 ราย ยึดของกลาง 1,200 เม็ด",  # figures and deeds
             "นายกรัฐมนตรีเป็นประธานและกล่าวต้อนรับด้วยความยินดี",  # a ceremony
             "จากกรณีที่มีข่าวว่าแรงงานถูกหลอก",  # a background opening
             "ครั้งที่ 2 ปี 2567 วันที่ 3 มีนาคม"]  # an ordinal and dates are no figures
    scores = outcomes(texts, "th")
    assert scores[0] > 0 > scores[1]
    assert scores[2] < 0
    assert scores[3] == 0
    # What the title already says is no news.
    assert outcomes(["ตำรวจจับกุมผู้ต้องหา 9 ราย"], "th", "จับกุมผู้ต้องหา 9 ราย") == [0.0]
    assert says_title("นายสมชาย ใจดี รมว.แรงงาน ตรวจเรือประมงที่ระนอง", "รมว.แรงงาน ตรวจเรือประมง")



def test_an_occasion_a_mission_or_the_closing_appeal_tells_no_news() -> None:
    thai = ["เนื่องในวันต่อต้านการใช้แรงงานเด็กโลก 12 มิถุนายนของทุกปี ประเทศไทยจัดงานรณรงค์",
            "ด้วยกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์มีภารกิจดูแลกลุ่มเปราะบาง",
            "หากประชาชนพบเห็นเด็กถูกใช้แรงงาน ขอให้แจ้งสายด่วน พม. 1300 ตลอด 24 ชั่วโมง",
            "ขอเชิญชวนประชาชนและภาคีเครือข่ายร่วมรณรงค์ปกป้องเด็กและเยาวชน"]
    assert all(score < 0 for score in outcomes(thai, "th"))
    english = ["The public is urged to call the 1300 hotline around the clock.",
               "If you see a child being exploited, call 1300."]
    assert all(score < 0 for score in outcomes(english, "en"))


def test_a_commitment_in_general_tells_no_news() -> None:
    thai = ["กระทรวงพร้อมสนับสนุนและดำเนินการป้องกันปัญหาการค้ามนุษย์อย่างต่อเนื่อง",
            "กระทรวงยืนยันความร่วมมือในการแก้ไขปัญหาอย่างเป็นรูปธรรม"]
    assert all(score < 0 for score in outcomes(thai, "th"))
    english = ["The Prime Minister reaffirmed the Government's strong commitment to continue "
               "to suppress trafficking.",
               "Thailand stands ready to work with its partners."]
    assert all(score < 0 for score in outcomes(english, "en"))


def test_a_paragraph_that_finishes_a_broken_line_does_not_start_the_summary() -> None:
    paragraphs = [
        "วันนี้ (12 มิ.ย. 65) กระทรวงแรงงานจัดงานวันต่อต้านการใช้แรงงานเด็กโลก เพื่อบรรลุอนุสัญญา ILO ฉบับที่ 182",
        "ว่าด้วยการห้ามและการดำเนินการโดยทันทีเพื่อขจัดรูปแบบที่เลวร้ายที่สุดของการใช้แรงงานเด็ก "
        "ซึ่งหน่วยงานรัฐและเอกชน 120 แห่ง ลงนามคำมั่นยุติการใช้แรงงานเด็ก",
    ]
    summary = summarize("กระทรวงแรงงานจัดงานวันต่อต้านการใช้แรงงานเด็กโลก", paragraphs, "th")
    assert not summary.startswith("ว่าด้วย")


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


def test_snippet_does_not_count_words_of_the_opening_date_and_venue() -> None:
    # The question's place named only in where a ceremony was held tells nothing of it.
    paragraphs = [
        "วันนี้ (ศุกร์ที่ 16 พฤษภาคม 2568) เวลา 11.15 น. ณ ทำเนียบรัฐบาลเวียดนาม กรุงฮานอย",
        "นายกรัฐมนตรีไทยและเวียดนามร่วมเป็นสักขีพยานการลงนามความตกลง 8 ฉบับ",
    ]
    text = snippet(paragraphs, *needles(["เวียดนาม"]), "th")
    assert text.startswith("นายกรัฐมนตรีไทยและเวียดนาม")
    english = ["On May 16, 2025, at the Government House, Hanoi, Vietnam, the leaders met.",
               "The agreements cover trade and drug control."]
    assert snippet(english, *needles(["vietnam"]), "en") == ""


def test_snippet_passes_over_the_title_said_again() -> None:
    # The release opens with its headline again; the reader sees the title above.
    title = "ผู้ว่าฯ ตราด รับคนไทยถูกหลอกไปทำงานคอลเซ็นเตอร์ 6 ราย กลับภูมิลำเนา"
    paragraphs = [f"{title} พร้อมย้ำเตือนอย่าหลงเชื่อ",
                  "จังหวัดตราดได้รับแจ้งว่ามีคนไทย 6 รายถูกหลอกไปทำงานคอลเซ็นเตอร์ที่เกาะกง "
                  "จึงประสานทางการกัมพูชาช่วยเหลือจนเดินทางกลับถึงด่านคลองใหญ่"]
    found = needles(["คอลเซ็นเตอร์"], ["ตราด"])
    assert snippet(paragraphs, *found, "th", title).startswith("จังหวัดตราดได้รับแจ้ง")
    assert snippet(paragraphs, *found, "th").startswith("ผู้ว่าฯ ตราด")  # no title given


def test_snippet_is_empty_without_matches_and_bounded_with_them() -> None:
    assert snippet(["nothing here"], *needles(["trafficking"]), "en") == ""
    long = "คำ " * 200 + "ค้ามนุษย์ " + "คำ " * 200
    text = snippet([long], *needles(["ค้ามนุษย์"]), "th")
    assert "ค้ามนุษย์" in text
    assert len(text) <= SNIPPET_MAX


def test_a_thai_snippet_is_cut_between_words_the_index_segmented() -> None:
    # Thai runs on without spaces: the index's word separators tell where a cut may fall.
    thai_words = ["เจ้าหน้าที่", "ตรวจ", "สอบ", "โรงงาน", "แปรรูป", "อาหาร", "ทะเล", "และ",
                  "พบ", "แรงงาน", "ต่างด้าว", "ผิด", "กฎหมาย", "จำนวน", "มาก"] * 12
    thai_words[90:92] = ["ค้ามนุษย์", "ประมง"]
    paragraph = WORD_SEP.join(thai_words)
    text = snippet([paragraph], *needles(["ค้ามนุษย์"]), "th")
    assert "ค้ามนุษย์" in text and len(text) <= SNIPPET_MAX
    core = text.strip("…")
    plain = "".join(thai_words)
    begins = set(accumulate(map(len, thai_words), initial=0))
    assert plain.index(core) in begins and plain.index(core) + len(core) in begins


def test_a_thai_window_prefers_the_spaces_that_end_phrases_and_opens_past_a_link() -> None:
    # Thai spaces end phrases: a cut there reads better than one between two words, and a
    # passage does not open with "และ" (and) left from the phrase before.
    long_phrase = WORD_SEP.join(["ข้อ", "ความ"] * 12)  # 84 letters, no space
    segmented = WORD_SEP.join(
        [long_phrase, " และ", "เจ้าหน้าที่", "ตำรวจ", "จับกุม", "ผู้ต้องหา", " 9", " ราย",
         *[" ข้อ", "ความ"] * 30])
    text, starts = words(segmented)
    shown = window(text, text.index("จับกุม"), 120, starts)
    assert shown.startswith("…เจ้าหน้าที่ตำรวจจับกุม")
    assert shown.endswith("ข้อความ…")  # at a space, not between "ข้อ" and "ความ"


def test_a_cut_does_not_end_on_a_word_that_leads_on() -> None:
    assert cut("ตำรวจจับกุมผู้ต้องหา 9 ราย โดยมี เจ้าหน้าที่จากหลายหน่วยงานร่วม", 36) == (
        "ตำรวจจับกุมผู้ต้องหา 9 ราย…")
    assert cut("The two sides agreed to set up 3 centres, and to share data", 48) == (
        "The two sides agreed to set up 3 centres…")
    assert cut("มาตรการมี 3 ข้อ 1. ระงับบัญชี 2. จับกุม", 34) == "มาตรการมี 3 ข้อ 1. ระงับบัญชี…"


def test_a_cut_keeps_a_figure_s_unit_and_a_closed_bracket_and_drops_a_split_link() -> None:
    # "โดยมี" that the segmenter split in two still leads on; "(Tier 2)" closes a bracket
    # and "19,675 ครั้ง" is a count: neither is a bare item mark or a word that leads on.
    text, starts = words("ตำรวจ\u200bจับกุม\u200bผู้\u200bต้องหา 9 ราย ที่\u200bจังหวัด\u200bระนอง "
                         "โดย\u200bมี เจ้าหน้าที่\u200bจาก\u200bหลาย\u200bหน่วยงาน")
    assert cut(text, 44, starts) == "ตำรวจจับกุมผู้ต้องหา 9 ราย ที่จังหวัดระนอง…"
    assert cut("ประเทศไทยอยู่ในกลุ่มเทียร์ 2 (Tier 2) ตามรายงานของกระทรวงการต่างประเทศสหรัฐอเมริกา",
               40) == "ประเทศไทยอยู่ในกลุ่มเทียร์ 2 (Tier 2)…"
    assert cut("เข้าตรวจสถานที่ 19,675 ครั้ง และหาข่าว 31,965 ครั้ง ทั้งนี้ในปีต่อไปจะขยายผล",
               36) == "เข้าตรวจสถานที่ 19,675 ครั้ง…"
    assert cut("ปลัดกระทรวงยุติธรรม ลงนามในเอกสารส่งมอบ ร่วมกับ ผู้แทนสถานทูต", 52) == (
        "ปลัดกระทรวงยุติธรรม ลงนามในเอกสารส่งมอบ…")
    assert cut("The two sides agreed that the centre will be set up in Mae Sot", 48) == (
        "The two sides agreed that the centre…")


def test_an_english_window_opens_at_a_clause_with_its_subject() -> None:
    # A sentence too long to show whole opens at the first clause from which the rest
    # fits, one that opens with its subject rather than "disclosed that..." or "will...".
    sentence = ("The spokesperson of the Ministry of Foreign Affairs, speaking at the weekly "
                "press briefing in Bangkok, disclosed that the Ministry of Labour and the "
                "International Organization for Migration signed an agreement on the safe "
                "recruitment of migrant workers from Myanmar and Cambodia, which takes effect "
                "on 1 May.")
    assert window(sentence, sentence.index("safe"), SNIPPET_MAX) == (
        "…" + sentence[sentence.index("the Ministry of Labour"):])
    # A clause whose subject is before its comma is not where a window opens.
    aoc = ("The Anti Online Scam Operation Center that the police and the ministry set up last "
           "year in Bangkok to take calls from victims, will beef up the measures to track down "
           "mule accounts and the flow of funds of the gangs in the months before the end of "
           "the year.")
    shown = window(aoc, aoc.index("mule"), 160)
    assert "mule accounts" in shown and not shown.startswith("…will")


# A long Thai phrase with no space in it, put around the words a window test reads.
_FILLER = WORD_SEP.join(["ข้อ", "ความ"] * 40)


def _amid_filler(*pieces: str) -> tuple[str, tuple[int, ...]]:
    """Thai `pieces` (words as the index separates them; a leading space begins a phrase)
    between two long phrases, as text and word starts (see `words`)."""
    return words(WORD_SEP.join([_FILLER, *pieces, _FILLER]))


def test_a_thai_window_opens_with_the_phrase_a_link_or_a_figure_leans_on() -> None:
    # "เนื่องจาก..." (because) and "95 บาท" lean on the phrase before them: the passage
    # opens there, not on the link or the bare figure.
    text, starts = _amid_filler(
        " กรม", "การ", "จัด", "หา", "งาน", " ตรวจ", "สอบ", "บริษัท", "จัด", "หา", "งาน", "ใน",
        "จังหวัด", "ระนอง", " เนื่องจาก", "พบ", "การ", "หลอก", "ลวง", "คน", "หา", "งาน", " 42",
        " ราย ")
    assert window(text, text.index("หลอกลวง"), 120, starts).startswith(
        "…ตรวจสอบบริษัทจัดหางานในจังหวัดระนอง เนื่องจากพบ")
    text, starts = _amid_filler(
        " สลาก", "ที่", "ขาย", "ใน", "ระบบ", "เริ่ม", "ต้น", "ที่", "ใบ", "ละ", " 95", " บาท",
        " ซึ่ง", "เกิน", "ราคา", "ที่", "กำหนด ")
    assert window(text, text.index("เกินราคา"), 120, starts).startswith(
        "…สลากที่ขายในระบบเริ่มต้นที่ใบละ 95 บาท ซึ่งเกินราคา")


def test_a_thai_window_does_not_open_on_a_surname() -> None:
    # "นายอนุกูล | ปีดแก้ว ปลัด พม. ..." the window opens with the name whole.
    text, starts = _amid_filler(
        " นาย", "อนุกูล", " ปีด", "แก้ว", " ปลัด", "กระทรวง", "การ", "พัฒนา", "สังคม", " เป็น",
        "ประธาน", "เปิด", "ศูนย์", "ช่วยเหลือ", "ผู้", "เสียหาย", "จาก", "การ", "ค้า", "มนุษย์ ")
    assert window(text, text.index("เป็นประธาน"), 120, starts).startswith(
        "…นายอนุกูล ปีดแก้ว ปลัดกระทรวง")


def test_a_thai_window_opens_with_a_date_whole_and_an_item_without_its_number() -> None:
    # A window that would open on a month ("…มิถุนายน", the day left out) opens on its
    # day, one that would open on the day on the words before it; "…7) กฎหมาย..." opens
    # with the item, not its number.
    text, starts = _amid_filler(
        " เนื่อง", "ใน", "วัน", "ที่", " 12", " มิถุนายน", "ของ", "ทุก", "ปี", " องค์การ", "แรงงาน",
        "ระหว่าง", "ประเทศ", " กำหนด", "ให้", "เป็น", "วัน", "ต่อ", "ต้าน", "การ", "ใช้", "แรงงาน",
        "เด็ก ")
    day = text.index(" 12")
    # The window opens at the first space after a third of the room before the focus.
    assert window(text, day + 41, 120, starts).startswith("…12 มิถุนายนของทุกปี")
    assert window(text, day + 40, 120, starts).startswith("…เนื่องในวันที่ 12 มิถุนายน")
    text, starts = _amid_filler(
        " 7)", " กฎหมาย", "ว่า", "ด้วย", "ที่", "ดิน", " 8)", " กฎหมาย", "ว่า", "ด้วย", "การ",
        "พนัน ")
    assert window(text, text.index("ที่ดิน"), 120, starts).startswith("…กฎหมายว่าด้วยที่ดิน 8)")


def test_cut_stops_at_a_space() -> None:
    assert cut("one two three four", 12) == "one two…"
    assert cut("short", 10) == "short"


def test_a_cabinet_digest_is_summarised_by_its_item_on_trafficking() -> None:
    # The table of contents lists the headings first; each item follows with its decision.
    paragraphs = [
        "วันนี้ (14 พฤศจิกายน 2566) นายเศรษฐา ทวีสิน นายกรัฐมนตรี เป็นประธานการประชุมคณะรัฐมนตรี "
        "ซึ่งสรุปสาระสำคัญดังนี้",
        "1. เรื่อง ร่างกฎกระทรวงจัดตั้งส่วนราชการในสถาบันอุดมศึกษา",
        "2. เรื่อง รายงานผลการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์ ประจำปี 2565",
        "3. เรื่อง มาตรการรักษาเสถียรภาพราคาข้าวเปลือก",
        "1. เรื่อง ร่างกฎกระทรวงจัดตั้งส่วนราชการในสถาบันอุดมศึกษา",
        "คณะรัฐมนตรีมีมติอนุมัติหลักการร่างกฎกระทรวงจัดตั้งส่วนราชการในสถาบันอุดมศึกษา ตามที่กระทรวงการอุดมศึกษาฯ เสนอ",
        "2. เรื่อง รายงานผลการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์ ประจำปี 2565",
        "คณะรัฐมนตรีรับทราบรายงานผลการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์ ประจำปี 2565 "
        "ตามที่กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (พม.) เสนอ ช่วยเหลือผู้เสียหาย 1,063 คน",
        "3. เรื่อง มาตรการรักษาเสถียรภาพราคาข้าวเปลือก",
        "คณะรัฐมนตรีมีมติเห็นชอบมาตรการรักษาเสถียรภาพราคาข้าวเปลือก ปีการผลิต 2566/67 ตามที่กระทรวงพาณิชย์เสนอ",
    ]
    title = "สรุปข่าวการประชุมคณะรัฐมนตรี 14 พฤศจิกายน 2566"
    summary = summarize(title, paragraphs, "th", TOPIC_SCORE)
    assert summary.startswith("คณะรัฐมนตรีรับทราบรายงานผลการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์")
    assert "1,063" in summary
    # With no item on topic, or without the topic rule, the usual lead.
    off_topic = [paragraphs[0], paragraphs[1], *paragraphs[3:6]]
    assert summarize(title, off_topic, "th", TOPIC_SCORE) == summarize(title, off_topic, "th")
    assert not summarize(title, paragraphs, "th").startswith("คณะรัฐมนตรีรับทราบ")


def test_a_digest_decision_that_does_not_name_its_item_follows_its_heading() -> None:
    paragraphs = [
        "Some of the resolutions are as follows:",
        "Title: Budget for a new airport terminal",
        "The cabinet approved the budget as proposed by Ministry of Transport.",
        "Title: Measures against trafficking in persons in business establishments",
        "The cabinet approved the measures as proposed by Ministry of Social Development.",
        "Title: Rice price support",
        "The cabinet approved the support as proposed by Ministry of Commerce.",
    ]
    summary = summarize("The cabinet met on October 15, 2024", paragraphs, "en",
                        TOPIC_SCORE)
    assert summary == ("Measures against trafficking in persons in business establishments: "
                       "The cabinet approved the measures as proposed by Ministry of Social "
                       "Development.")
    # A decision that says most of its long heading needs it no more; one that goes
    # on from a heading broken over lines ("and related meetings ...") still does.
    heading = ("Request for approval of the draft Memorandum of Understanding between Thailand "
               "and Cambodia on cooperation against trafficking in persons")
    decision = ("The cabinet approved the draft Memorandum of Understanding between Thailand "
                "and Cambodia on cooperation against trafficking in persons, as proposed.")
    paragraphs[3:5] = [f"Title: {heading}", decision]
    summary = summarize("The cabinet met on October 15, 2024", paragraphs, "en", TOPIC_SCORE)
    assert summary == decision
    paragraphs[4] = f"and related meetings. {decision}"
    summary = summarize("The cabinet met on October 15, 2024", paragraphs, "en", TOPIC_SCORE)
    assert summary.startswith(f"{heading}: and related meetings.")


def test_english_lines_broken_at_a_fixed_width_are_joined_again() -> None:
    lines = ["Govt warns public against falling prey to cyber scams as number",
             "of investment fraud cases increase",
             "Deputy Government Spokesperson warned the public against falling prey to scammers,",
             "especially through various types of investment frauds.",
             "According to the police data collected from its website,",
             "investment fraud cases reported between March 1 and June 30, 2023",
             "account for as many as 23,616 cases, worth over 11.55 billion Baht.",
             "In a bid to reinforce the public's cyber immunity, the Government has launched",
             "a website and a Facebook page to publicize various types of possible cyber scams",
             "and investment frauds. The public may seek further advice via the Cyber Crime",
             "Investigation Bureau's Hotline 1441."]
    summary = summarize("Govt warns public against falling prey to cyber scams as number "
                        "of investment fraud cases increase", lines, "en", TOPIC_SCORE)
    assert "23,616 cases" in summary
    assert "Govt warns" not in summary


def test_paragraphs_that_end_in_a_word_are_not_joined_in_an_ordinary_release() -> None:
    paragraphs = ["The Prime Minister met the envoy of Japan at Government House today and",
                  "The two sides agreed to set up 3 centres for victims of trafficking."]
    summary = summarize("Thailand and Japan agree on centres for victims", paragraphs, "en")
    assert summary == paragraphs[1]


def test_a_numbered_heading_brings_its_first_item() -> None:
    paragraphs = ["วันที่ 4 มิถุนายน 2567 นายประเสริฐ จันทรรวงทอง รัฐมนตรีว่าการกระทรวงดิจิทัลฯ "
                  "เปิดเผยว่า ที่ประชุมคณะกรรมการป้องกันและปราบปรามอาชญากรรมออนไลน์ได้ติดตามผล",
                  "สำหรับ มาตรการและผลการดำเนินงาน ระยะที่ 2 ตั้งแต่วันที่ 1-31 พฤษภาคม 2567 "
                  "ที่ผ่านมา มี 8 เรื่องที่สำคัญดังนี้",
                  "1.การปราบปรามจับกุมอาชญากรรมออนไลน์ ในเดือนพฤษภาคม (ข้อมูล ตร.)",
                  "- การจับกุมคดีออนไลน์รวมทุกประเภท พ.ค. 67 มีจำนวน 2,295 ราย ลดลง ร้อยละ 8",
                  "2. การปิดโซเชียลมีเดีย เว็บผิดกฎหมาย และเว็บพนัน"]
    summary = summarize("ดีอี เผยผลงานปราบโจรออนไลน์ เฟส 2", paragraphs, "th", TOPIC_SCORE)
    assert "2,295 ราย" in summary


def test_a_case_recalled_gives_way_to_what_was_done_about_it() -> None:
    paragraphs = [
        "เมื่อวันที่ 8 ธันวาคม 2565 นายอนุกูล ปีดแก้ว ปลัด พม. เปิดเผยว่า จากกรณีหญิงอายุ 25 ปี "
        "แจ้งขอความช่วยเหลือผ่านสื่อโซเชียลว่าลูกชายอายุ 5 ปี ถูกพ่อพาตัวออกจากที่พักย่านคลองหลวงนั้น "
        "ขณะนี้ บ้านพักเด็กและครอบครัวจังหวัดปทุมธานีร่วมกับตำรวจได้ติดตามช่วยเหลือเด็กไว้ได้อย่างปลอดภัยแล้ว "
        "พร้อมนำเด็กเข้าตรวจร่างกายที่โรงพยาบาล",
    ]
    summary = summarize("พม. ช่วยเด็กชายวัย 5 ขวบ ปลอดภัยแล้ว", paragraphs, "th")
    assert summary.startswith("ขณะนี้ บ้านพักเด็กและครอบครัว")
    # "จากนั้น" (then) goes on with the story: it is no end of the case.
    story = ("จากกรณีหญิงอายุ 25 ปี แจ้งว่าลูกชายถูกพ่อพาตัวไป จากนั้นพ่อได้ถ่ายคลิปทำร้ายลูก "
             "และตำรวจติดตามตัวได้ที่อำเภอคลองหลวงในคืนเดียวกัน")
    assert summarize("พม. ช่วยเด็กชายวัย 5 ขวบ", [story], "th") == story


def test_a_speaker_who_goes_on_is_dropped_with_his_words_of_going_on() -> None:
    said = "ขอทานต่างชาติที่ถูกจับมี 7 คน และ พม. ส่งตัวให้ตำรวจดำเนินคดีแล้ว"
    assert event(f"นายวราวุธ กล่าวต่อไปอีกว่า {said}", "th") == said
    assert event(f"นายวราวุธ กล่าวอีกว่า {said}", "th") == said
    # ... and so is a link to what came before that opens what they say.
    assert event(f"นายวราวุธ กล่าวเพิ่มเติมว่า ทั้งนี้ {said}", "th") == said


def test_a_speaker_who_speaks_of_themself_stays_as_who_acted() -> None:
    # "<speaker> กล่าวว่า ตนได้สั่งการ..." ("said that he ordered"): without the speaker
    # the reader is left with "ตน" (he) and no one it refers to.
    said = event("วันนี้ (25 ม.ค.67) นายวิสาห์ พูลศิริรัตน์ ผู้ว่าราชการจังหวัดชุมพร กล่าวว่า "
                 "ตนได้สั่งการให้ฝ่ายปกครองออกตรวจปัสสาวะแรงงานในเรือประมง 120 ราย", "th")
    assert said == ("นายวิสาห์ พูลศิริรัตน์ ผู้ว่าราชการจังหวัดชุมพร "
                    "ได้สั่งการให้ฝ่ายปกครองออกตรวจปัสสาวะแรงงานในเรือประมง 120 ราย")
    # "ได้" before the verb is the speaker's no longer.
    assert event("จากนั้น นายสมศักดิ์ ได้ให้สัมภาษณ์กับสื่อมวลชนว่า ตนต้องชื่นชมผู้แจ้งเบาะแส",
                 "th") == "นายสมศักดิ์ ต้องชื่นชมผู้แจ้งเบาะแส"
    # Such a paragraph may be where the summary starts; one that opens with "ตน" itself
    # still refers back to the speaker of the paragraph before.
    paragraphs = [
        "ผู้ว่าฯ ชุมพร สั่งตรวจแรงงานเรือประมง",
        "วันนี้ (25 ม.ค.67) นายวิสาห์ พูลศิริรัตน์ ผู้ว่าราชการจังหวัดชุมพร เปิดเผยว่า จังหวัดชุมพร "
        "ดำเนินการขับเคลื่อนตามนโยบายของกระทรวงมหาดไทยในการจัดระเบียบสังคมอย่างจริงจัง",
        "นายวิสาห์ พูลศิริรัตน์ ผู้ว่าราชการจังหวัดชุมพร กล่าวว่า ตนได้สั่งการให้ฝ่ายปกครองออกตรวจ"
        "ปัสสาวะแรงงานในเรือประมง 120 ราย พบสารเสพติด 60 ราย จึงส่งตัวเข้ารับการบำบัด",
    ]
    summary = summarize("ผู้ว่าฯ ชุมพร สั่งตรวจแรงงานเรือประมง", paragraphs, "th")
    assert summary.startswith("นายวิสาห์ พูลศิริรัตน์ ผู้ว่าราชการจังหวัดชุมพร ได้สั่งการ")
    paragraphs[2] = paragraphs[2].split("กล่าวว่า ", 1)[1]
    summary = summarize("ผู้ว่าฯ ชุมพร สั่งตรวจแรงงานเรือประมง", paragraphs, "th")
    assert summary.startswith("จังหวัดชุมพร ดำเนินการขับเคลื่อน")


def test_who_came_along_is_no_sentence_of_the_summary() -> None:
    paragraphs = [
        "On June 26, 2025, Prime Minister Paetongtarn Shinawatra visited the 3rd Infantry "
        "Battalion in Aranyaprathet to follow up on the border situation. Accompanying the Prime "
        "Minister were Deputy Minister of Defense Gen. Natthapon Nakpanich and the Sakaeo "
        "governor. She instructed the army to set up 3 new checkpoints against call-centre gangs.",
    ]
    summary = summarize("PM visits border", paragraphs, "en")
    assert "Accompanying" not in summary and "Natthapon" not in summary
    assert "She instructed the army to set up 3 new checkpoints" in summary


def test_an_appeal_by_anyone_and_a_body_s_mission_tell_no_news() -> None:
    thai = ["หากกลุ่มเปราะบางได้รับความเดือดร้อน สามารถติดต่อขอความช่วยเหลือได้ที่สายด่วน พม. 1300",
            "ประชาชนที่ประสบภัยน้ำท่วม สามารถขอความช่วยเหลือได้ที่ศูนย์ช่วยเหลือสังคม สายด่วน 1300",
            "สำหรับกลุ่มเปราะบางที่เดือดร้อน สามารถติดต่อขอความช่วยเหลือได้ที่ 1) สายด่วน พม. 1300",
            "กระทรวงแรงงานเป็นหน่วยงานหลักที่มีภารกิจดูแลกำลังแรงงานของประเทศ"]
    assert all(score < 0 for score in outcomes(thai, "th"))
    english = ["Communities and neighbours are urged to inform the authorities of any case.",
               "They can immediately contact the 1300 hotline."]
    assert all(score < 0 for score in outcomes(english, "en"))
    # Agencies urged to act are instructed: news, not an appeal.
    assert outcomes(["All agencies are urged to step up checks."], "en")[0] > 0


def test_a_day_kept_every_year_is_background_not_news() -> None:
    # The proclamation ("ประกาศ") of a yearly day tells nothing that happened.
    day = "องค์การสหประชาชาติประกาศให้วันที่ 30 กรกฎาคม ของทุกปี เป็นวันต่อต้านการค้ามนุษย์สากล"
    assert outcomes([day], "th") == [0.0]
    assert outcomes(["The UN marks 30 July every year as World Day against Trafficking."],
                    "en") == [-1.5]
    # ... as is an anniversary, an opportunity or a group photo of an English release.
    assert outcomes(["This year marks the 50th anniversary of relations, a good opportunity "
                     "for the leaders, who took a group photo."], "en") == [-4.5]


def test_according_to_a_speaker_is_dropped_like_said_that() -> None:
    text = event("According to the Deputy Government Spokesperson, communities and neighbours "
                 "are urged to inform the authorities of any case.", "en")
    assert text.startswith("Communities and neighbours are urged")
    assert outcomes([text], "en") < [0.0]
    # A document is no speaker: what it says stays attributed.
    report = "According to the 2022 TIP Report, Thailand was upgraded to Tier 2."
    assert event(report, "en") == report


def test_a_long_list_of_officials_who_came_along_is_dropped() -> None:
    officials = " ".join(f"พล.ต.อ.สมชาย ใจดี{n} ผู้ช่วยผู้บัญชาการตำรวจแห่งชาติ" for n in range(6))
    assert len(officials) > 250
    lead = (f"นายสมศักดิ์ รักดี ปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม พร้อมด้วย {officials} "
            "ร่วมเปิดการรณรงค์ต้านภัยไซเบอร์ ไม่เชื่อ ไม่รีบ ไม่โอน")
    assert event(lead, "th") == ("นายสมศักดิ์ รักดี ปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม "
                                 "ร่วมเปิดการรณรงค์ต้านภัยไซเบอร์ ไม่เชื่อ ไม่รีบ ไม่โอน")


def test_what_was_handed_out_is_counted_in_its_own_classifier() -> None:
    # "ถุงยังชีพ 250 ชุด", "บ้าน 1 หลัง", "50 ทุน", "150 หลังคาเรือน": what a visit gave; a
    # team ("3 ชุดปฏิบัติการ") is no count of it.
    handed = ["ปลัด พม. มอบถุงยังชีพ 250 ชุด และบ้านพอเพียง 1 หลัง",
              "มอบทุนการศึกษา 50 ทุน ฉีดพ่นยาฆ่าเชื้อ 150 หลังคาเรือน",
              "กองร้อยที่ 3 ชุดปฏิบัติการพิเศษ ออกตรวจพื้นที่"]
    assert outcomes(handed, "th") == [5.5, 5.5, 0.0]  # and "มอบถุงยังชีพ", "มอบทุน" are deeds
    # Handing over is a deed; assigning someone, giving a policy or receiving a report
    # is not.
    assert outcomes(["ทีม พม. มอบถุงยังชีพแก่ครอบครัว", "รมว. มอบหมายให้ทีมลงพื้นที่",
                     "รมว. มอบนโยบายแก่ข้าราชการ",
                     "ตนได้รับรายงานสถานการณ์อุทกภัยว่ามีพี่น้องประชาชนเดือดร้อน"],
                    "th") == [1.5, 0.0, 0.0, 0.0]
    lead = ("วันที่ 10 ต.ค. 64 เวลา 14.00 น. นางพัชรี อาระยะกุล ปลัด พม. ลงพื้นที่จังหวัดปทุมธานี "
            "เพื่อมอบถุงยังชีพ จำนวน 250 ชุด ช่วยเหลือผู้ประสบภัยน้ำท่วม ณ ศูนย์คนรักปทุม "
            "อำเภอสามโคก และลงเรือเยี่ยมบ้านครอบครัวกลุ่มเปราะบาง จำนวน 3 ครอบครัว")
    background = ("นางพัชรี กล่าวว่า สำหรับอำเภอสามโคก ตนได้รับรายงานสถานการณ์อุทกภัย ว่า "
                  "มีพี่น้องประชาชนได้รับผลกระทบ จำนวน 2,230 ครัวเรือน ซึ่งกระทรวง พม. "
                  "มีความห่วงใยผู้ประสบอุทกภัยทุกท่าน")
    summary = summarize("ปลัด พม. นำทีม ลุยพื้นที่น้ำท่วม อ.สามโคก จ.ปทุมธานี",
                        [lead, background], "th")
    assert summary.startswith("นางพัชรี อาระยะกุล ปลัด พม. ลงพื้นที่จังหวัดปทุมธานี เพื่อมอบถุงยังชีพ")


def test_a_decision_is_shown_without_the_law_it_acts_under() -> None:
    # "(เป็นการดำเนินการตาม... มาตรา 40 ที่บัญญัติให้...)" is procedure; the report's
    # first finding takes its room.
    paragraphs = [
        "1. เรื่อง ร่างกฎกระทรวงจัดตั้งส่วนราชการในสถาบันอุดมศึกษา",
        "คณะรัฐมนตรีมีมติอนุมัติหลักการร่างกฎกระทรวงตามที่กระทรวงการอุดมศึกษาฯ เสนอ",
        "2. เรื่อง รายงานผลการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์ ประจำปี 2565",
        "คณะรัฐมนตรีรับทราบตามที่กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (พม.) เสนอรายงาน"
        "ผลการดำเนินงานป้องกันและปราบปรามการค้ามนุษย์ ประจำปี 2565 [เป็นการดำเนินการตาม"
        "พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551 และที่แก้ไขเพิ่มเติม มาตรา 40 "
        "(1) ที่บัญญัติให้ พม. จัดทำรายงานประจำปีเกี่ยวกับสถานการณ์ จำนวนคดี การดำเนินการของ"
        "หน่วยงานต่าง ๆ ที่เกี่ยวข้อง และการช่วยเหลือผู้เสียหาย เสนอต่อคณะรัฐมนตรีเพื่อทราบ] "
        "สรุปสาระสำคัญได้ ดังนี้",
        "1. ด้านการดำเนินคดี ดำเนินคดีค้ามนุษย์ 188 คดี ผู้ต้องหา 301 คน",
        "3. เรื่อง มาตรการรักษาเสถียรภาพราคาข้าวเปลือก",
        "คณะรัฐมนตรีมีมติเห็นชอบมาตรการรักษาเสถียรภาพราคาข้าวเปลือกตามที่กระทรวงพาณิชย์เสนอ",
    ]
    summary = summarize("สรุปข่าวการประชุมคณะรัฐมนตรี 9 สิงหาคม 2565", paragraphs, "th",
                        TOPIC_SCORE)
    assert summary.startswith("คณะรัฐมนตรีรับทราบตามที่กระทรวงการพัฒนาสังคม")
    assert "เป็นการดำเนินการตาม" not in summary
    assert "มาตรา 40" not in summary
    assert "ดำเนินคดีค้ามนุษย์ 188 คดี" in summary


def test_the_words_that_outline_a_list_start_the_summary() -> None:
    paragraphs = [
        "September 12, 2024, at the Parliament House, Prime Minister Paetongtarn Shinawatra "
        "delivered policy statements of the Council of Ministers to the Parliament, in "
        "accordance with Section 162 of the Constitution.",
        "The Prime Minister outlined 10 policies to be immediately undertaken:",
        "First is restructuring of the entire debt system to help formal and informal debtors.",
        "Second is to empower SMEs and protect them from unfair overseas competition.",
    ]
    summary = summarize("PM reveals Government's 10 policies to be immediately implemented",
                        paragraphs, "en")
    assert summary.startswith("The Prime Minister outlined 10 policies to be immediately "
                              "undertaken: First is restructuring of the entire debt system")


def test_a_paragraph_on_the_title_s_subject_tells_more_than_background() -> None:
    title = "Govt launches websites to help children report online sexual abuse"
    paragraphs = [
        "August 16, 2022, Deputy Government Spokesperson Ratchada Thanadirek disclosed that "
        "the Prime Minister was presented with a publicity campaign of the Government.",
        "The program is led by the Delivery Unit in collaboration with the Hug Project and "
        "other foundations. It is implemented in line with the Government's policy against "
        "human trafficking.",
        "The Prime Minister commended the agencies for the program and emphasized the "
        "importance of personal data protection.",
        "The websites will be the channels for children and parents to report online sexual "
        "abuse and get advice, which should lead to the arrest of the culprits.",
    ]
    assert summarize(title, paragraphs, "en").startswith("The websites will be the channels")


def test_a_summary_from_a_later_paragraph_opens_with_the_lead_s_own_news() -> None:
    # Readers take in a summary's opening first: a lead that tells news of its own (a
    # decision, a figure) stays before the passage chosen; an arrival does not.
    later = ("The two countries have worked closely together to investigate and suppress "
             "call center gangs lurking in Cambodia. Recently, 4 large gangs and 74 gang "
             "members have been arrested, while 15 accomplices are being questioned and "
             "3,000 victims were rescued.")
    title = "Thai police and Cambodia step up work against scam gangs"
    approved = ("On 3 May 2024, the cabinet approved a budget of 40 million baht for the "
                "joint operations centre in Sa Kaeo, the Government Spokesperson said.")
    summary = summarize(title, [approved, later], "en", TOPIC_SCORE)
    assert summary.startswith("The cabinet approved a budget of 40 million baht")
    assert f"… {later[:60]}" in summary
    arrived = "Prime Minister Srettha Thavisin arrived in Phnom Penh on his first visit."
    assert summarize(title, [arrived, later], "en", TOPIC_SCORE) == later


# A list's introduction too long to start a summary with its first item (longer than the
# one in test_a_list_is_summarised_from_the_words_that_announce_it).
DES_LEAD = ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมแจ้งเตือนไปยังประชาชนในช่วงเทศกาลวันหยุดปีใหม่ "
            "ให้ระมัดระวังคนร้ายที่แฝงตัวเข้ามาฉวยโอกาสหลอกลวงทำให้เกิดความเสียหายทั้งทรัพย์สินและ"
            "ข้อมูลส่วนบุคคล โดยรวบรวมกลโกงที่พบบ่อยในช่วงเทศกาลไว้เพื่อให้ประชาชนรู้เท่าทัน ดังนี้")


def test_a_later_item_of_a_list_does_not_start_the_summary() -> None:
    # The fifth item tells the most (figures, arrests), but a summary that opens "5. ..."
    # leaves out what the list is of.
    paragraphs = [
        DES_LEAD,
        "1. หลอกให้โหลดสติกเกอร์ปีใหม่ฟรีผ่านลิงก์ที่แฝงมากับข้อความ",
        "2. หลอกรับบริจาคทำบุญช่วงปีใหม่โดยอ้างชื่อวัดและมูลนิธิ",
        "3. หลอกให้ซื้อของขวัญผ่านร้านค้าออนไลน์ที่ไม่มีอยู่จริง",
        "4. หลอกให้จัดงานเลี้ยงแล้วให้ร้านค้าโอนเงินมัดจำ",
        "5. หลอกชวนเล่นพนันออนไลน์ ตำรวจจับกุมแล้ว 120 ราย ยึดเงิน 15 ล้านบาท",
    ]
    summary = summarize("ดีอีเอส เตือนภัยออนไลน์ช่วงปีใหม่", paragraphs, "th")
    assert summary.startswith("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมแจ้งเตือน")  # what the list is of
    # "คดีที่ 4" (the fourth case) is a later item too.
    cases = [DES_LEAD.replace("ดังนี้", "จำนวน 4 คดี ดังนี้"),
             "คดีที่ 1 หลอกให้ยืมเงินผ่านเฟซบุ๊กของเพื่อน",
             "คดีที่ 2 หลอกให้ลงทุนในสินทรัพย์ดิจิทัล",
             "คดีที่ 3 หลอกให้โอนเงินเพื่อรับรางวัล",
             "คดีที่ 4 ข่มขู่ทางโทรศัพท์ มูลค่าความเสียหาย 202,850 บาท ตำรวจจับกุมผู้ต้องหา 3 ราย"]
    assert summarize("เตือนภัยโจรออนไลน์", cases, "th").startswith("กระทรวงดิจิทัล")


def test_a_paragraph_the_release_gives_twice_is_summarised_once() -> None:
    # The site set the lead, broken over two lines, twice.
    visit = ("วันที่ 27 กันยายน 2566 นายพิพัฒน์ รัชกิจประการ รัฐมนตรีว่าการกระทรวงแรงงานเข้าตรวจเยี่ยม"
             "กรมสวัสดิการและคุ้มครองแรงงาน พร้อมมอบนโยบายแก่ผู้บริหารระดับสูง ข้าราชการ เจ้าหน้าที่")
    rest = "ทั้งส่วนกลางและส่วนภูมิภาค พร้อมเยี่ยมชมบูธนิทรรศการภารกิจกรมฯ"
    summary = summarize("รมว.แรงงาน “พิพัฒน์” มอบนโยบาย กสร. มุ่งยกระดับคุณภาพชีวิตแรงงาน",
                        [visit, rest, visit, f"{rest} โดยมีอธิบดีเข้าร่วม"], "th")
    assert summary.count("เข้าตรวจเยี่ยมกรมสวัสดิการ") == 1


def test_an_english_lead_too_long_for_a_sentence_is_not_cut_into_a_summary_s_opening() -> None:
    lead = ("Deputy Government Spokesperson Ratchada Thanadirek disclosed that Thailand has "
            "recently managed to arrest 120 members of narcotics networks, which demonstrates "
            "efficient collaboration between Office of the Narcotics Control Board (ONCB), "
            "Internal Security Operations Command (ISOC), Armed Force Security Center, the "
            "Royal Thai Police and the Customs Department.")
    later = ("According to the statistics on drug-related arrests during October 2020-June "
             "2021, 344 million pills of methamphetamine and 20,662 kg of ICE have been "
             "confiscated, and 84 cases were attempted trafficking out of the country.")
    summary = summarize("Thailand seizes 20,662 kg of ICE", [lead, later], "en")
    # The lead's news is put first only as a whole sentence: words cut off read as broken.
    # (This one is longer than a summary's opening may be, so the figures open it.)
    assert summary == later


def test_an_english_venue_in_a_kingdom_is_read_past() -> None:
    lead = ("April 23, 2025, at 1150hrs, at the Peace Palace, Phnom Penh, Kingdom of Cambodia, "
            "Prime Minister Paetongtarn Shinawatra witnessed the signing of 7 agreements.")
    # "Kingdom of Cambodia" is where, not who: the King is.
    assert event(lead, "en").startswith("Prime Minister Paetongtarn Shinawatra witnessed")


def test_a_cut_leaves_no_bare_mark_of_an_item() -> None:
    first = "ผลการดำเนินงาน ดังนี้ 1. ผู้ได้รับอนุญาตทำงานตามมติคณะรัฐมนตรี จำนวน 24,759 คน"
    paragraphs = [first + " " + "และมีรายละเอียดอื่น " * 17 + "2. การจดทะเบียนแรงงานรอบใหม่"]
    summary = summarize("กระทรวงแรงงานรายงานผล", paragraphs, "th")
    assert len(summary) <= SUMMARY_MAX
    assert not summary.rstrip("…").rstrip().endswith("2.")


def test_what_a_speaker_says_after_naming_the_subject_is_read_from_what_is_said() -> None:
    # "<speaker> เปิดเผยถึง <subject> ว่า <what was said>": the subject is the title's.
    lead = ("วันที่ 22 ตุลาคม 2567 ที่ทำเนียบรัฐบาล นายวราวุธ ศิลปอาชา รมว.พม. เปิดเผยถึง"
            "การช่วยเหลือผู้ได้รับผลกระทบจากเหตุเพลิงไหม้รถบัสทัศนศึกษา ว่า ได้รับรายงานจาก ศรส. "
            "ว่าทีม พม. ลงพื้นที่เยี่ยมครอบครัวผู้เสียชีวิตทั้ง 23 ครอบครัวแล้ว")
    assert event(lead, "th").startswith("ได้รับรายงานจาก ศรส.")
    # With no "ว่า" soon after, what the speaker spoke of is the event.
    report = "นายสมชาย ใจดี อธิบดี เปิดเผยถึงผลการตรวจสถานประกอบการ 1,200 แห่งในเดือนมีนาคม"
    assert event(report, "th") == "ผลการตรวจสถานประกอบการ 1,200 แห่งในเดือนมีนาคม"


def test_a_thai_summary_does_not_open_with_a_link_to_what_came_before() -> None:
    lead = ("วันนี้ (3 มี.ค. 67) นายสมชาย ใจดี รมว.ต่างประเทศ ให้การต้อนรับเอกอัครราชทูตออสเตรเลีย "
            "ที่เข้าเยี่ยมคารวะในโอกาสเข้ารับตำแหน่งใหม่ และแสดงความยินดีต่อความสัมพันธ์ที่ยาวนาน")
    talks = ("โดยทั้งสองฝ่ายได้หารือเกี่ยวกับความร่วมมือในการต่อต้านการค้ามนุษย์ และตกลงจัดตั้ง"
             "ศูนย์ประสานงานร่วม 2 แห่งที่ชายแดน พร้อมแลกเปลี่ยนข้อมูลผู้เสียหาย 150 ราย")
    summary = summarize("ไทย-ออสเตรเลีย หารือความร่วมมือต่อต้านการค้ามนุษย์", [lead, talks], "th")
    assert summary.startswith("ทั้งสองฝ่ายได้หารือ")
    # "โดยเฉพาะ" (especially) is no link.
    assert summarize("เตือนภัยออนไลน์", ["โดยเฉพาะผู้สูงอายุถูกหลอกลวงทางโทรศัพท์แล้ว 1,200 ราย"],
                     "th").startswith("โดยเฉพาะ")


def test_a_long_list_of_those_who_attended_is_dropped_with_its_verb() -> None:
    lead = ("นายสมชาย ใจดี รมว.ดีอี เป็นประธานการประชุมคณะกรรมการป้องกันและปราบปรามอาชญากรรม"
            "ทางเทคโนโลยี ครั้งที่ 4/2566 โดยมี นายสมศักดิ์ รักไทย ปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจ"
            "และสังคม นายสมหมาย ดีงาม รองปลัดกระทรวงฯ ในฐานะเลขานุการคณะกรรมการฯ พลตำรวจโท "
            "สมปอง ใจกล้า ผู้ช่วยผู้บัญชาการตำรวจแห่งชาติ นายสมใจ ซื่อตรง เลขาธิการคณะกรรมการ"
            "ป้องกันและปราบปรามการฟอกเงิน นางสาวสมศรี มีสุข ผู้ช่วยผู้ว่าการธนาคารแห่งประเทศไทย "
            "และผู้แทนจากสมาคมธนาคารไทย เข้าร่วมการประชุมฯ")
    # The "เพื่อ" of a ministry's name is no purpose: the list runs on to "เข้าร่วม".
    assert event(lead, "th") == ("นายสมชาย ใจดี รมว.ดีอี เป็นประธานการประชุมคณะกรรมการป้องกัน"
                                 "และปราบปรามอาชญากรรมทางเทคโนโลยี ครั้งที่ 4/2566")


def test_a_passage_is_read_from_after_what_it_says_again() -> None:
    complaint = ("มีผู้แอบอ้างชื่อสำนักงานสลากกินแบ่งรัฐบาล เพื่อหลอกลวงให้ประชาชนหลงเชื่อว่าสำนักงานฯ "
                 "ให้เลขรางวัลล่วงหน้า เป็นเหตุให้ประชาชนได้รับความเสียหาย")
    case = ("สืบเนื่องจาก เมื่อวันที่ 29 มิถุนายน 2564 อธิบดีกรมสอบสวนคดีพิเศษ ได้สั่งการให้"
            "รองอธิบดีกรมสอบสวนคดีพิเศษ และคณะพนักงานสอบสวนคดีพิเศษ ในคดีพิเศษที่ 3/2564 "
            f"กรณีสำนักงานสลากกินแบ่งรัฐบาลร้องทุกข์กล่าวโทษว่า{complaint} โดยเมื่อวันที่ 29 "
            "มิถุนายน 2564 เจ้าหน้าที่ได้ทำการจับกุมผู้ต้องหา ตามหมายจับศาลอาญาที่ 981/2564 "
            "ในความผิดฐานฉ้อโกงประชาชน และยึดทรัพย์สินได้หลายรายการ")
    summary = summarize("ดีเอสไอจับกุมผู้ต้องหาคดีแอบอ้างสำนักงานสลากกินแบ่งรัฐบาล",
                        [f"กรณีสำนักงานสลากกินแบ่งรัฐบาลร้องทุกข์กล่าวโทษว่า{complaint}", case], "th")
    assert summary.count("เป็นเหตุให้ประชาชนได้รับความเสียหาย") == 1
    assert "เจ้าหน้าที่ได้ทำการจับกุมผู้ต้องหา ตามหมายจับ" in summary
    assert "สั่งการให้" not in summary  # what led up to the repeat goes with it


def test_a_sub_headline_cut_short_gives_way_to_the_sentence_it_opens() -> None:
    # The site set the spokesperson's lead twice, the first time broken off, the title
    # between them.
    said = "นางสาวสมศรี ใจดี โฆษกกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม เปิดเผยว่า "
    opening = ("ในช่วงสัปดาห์ที่ผ่านมา ตั้งแต่วันที่ 8-12 เมษายน 2567 ศูนย์ AOC 1441 ได้มีรายงาน"
               "เคสตัวอย่างที่ประชาชนได้รับผลกระทบจาก")
    title = "AOC 1441 เปิดเผย 5 เคสตัวอย่าง หลอกให้โอนเงินเพื่อรับรางวัล หลอกให้รัก"
    cases = ["คดีที่ 1 หลอกลวงให้โอนเงินเพื่อรับรางวัล มูลค่าความเสียหาย 188,000 บาท "
             "ผู้เสียหายได้รับการติดต่อจากมิจฉาชีพทางโทรศัพท์",
             "คดีที่ 2 คล้ายกับคดีแรก มูลค่าความเสียหาย 103,000 บาท"]
    whole = f"{opening}การถูกหลอกลวงจากมิจฉาชีพจำนวน 5 เคส ประกอบด้วย"
    summary = summarize(title, [f"{said}{opening}ก", title, f"{said}{whole}", *cases], "th")
    assert summary.count("ในช่วงสัปดาห์ที่ผ่านมา") == 1
    assert summary.startswith(whole) and "188,000 บาท" in summary


def test_what_is_said_again_is_not_cut_inside_a_word() -> None:
    # The repeat ends on a consonant whose vowel comes after it ("ก|ิน").
    fraud = ("มีผู้แอบอ้างชื่อสำนักงานสลากกินแบ่งรัฐบาล หลอกลวงประชาชนว่ามีเลขรางวัลล็อก "
             "ผ่านบัญชีไลน์และเฟซบุ๊กหลายบัญชี")
    summary = summarize("ดีเอสไอจับกุมผู้ต้องหาคดีแอบอ้างสลากฯ",
                        [f"ดีเอสไอได้รับแจ้งว่า{fraud}การเงินของผู้เสียหายจึงได้รับความเสียหาย",
                         f"ยังพบว่า{fraud}กินเงินประชาชนไปกว่า 37 ล้านบาท "
                         "เจ้าหน้าที่ได้จับกุมผู้ต้องหาพร้อมยึดทรัพย์สินหลายรายการ"], "th")
    assert summary.count("หลอกลวงประชาชน") == 1
    assert " กินเงินประชาชนไปกว่า 37 ล้านบาท" in summary
    # A Latin word or figure: see `_unsaid`'s examples ("Cambodia|'s").
