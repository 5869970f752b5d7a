"""Ingest-time summaries and answer-time snippets."""

from __future__ import annotations

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
