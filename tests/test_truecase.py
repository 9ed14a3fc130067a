"""Headline truecasing (kg/truecase.py): Title Case lines parsed in sentence case, offsets untouched."""

from __future__ import annotations

import pytest

from kg.document import Document
from kg.extract import extract
from kg.nlp import parse
from kg.truecase import is_common, is_title_case, truecase

BODY = (
    "\n\nSenator Dana Whitfield said on Monday that the Rivera plan would hurt farmers. "
    "Critics of Whitfield say she slams every plan.\n"
)

# (headline, as parsed): names the article capitalises mid-sentence keep their capital
HEADLINES = [
    (
        "Whitfield Slams Rivera Plan As ‘Reckless,’ Vows To Fight On",
        "Whitfield slams Rivera plan as ‘reckless,’ vows to fight on",
    ),
    ("GOP Senator Says McCain-Style Deal Is Dead", "GOP senator says McCain-Style deal is dead"),
    ("Mayor Says City Won’t Raise Taxes", "Mayor says city won’t raise taxes"),
    ("Rivera: Farmers Have ‘A Long Way To Go’ On Water", "Rivera: farmers have ‘a long way to go’ on water"),
    # not Title Case: left alone
    ("How the vote was won", "How the vote was won"),
    ("Read More", "Read More"),
    ("SENATOR SLAMS PLAN TO CLOSE BRIDGE", "SENATOR SLAMS PLAN TO CLOSE BRIDGE"),
]  # fmt: skip


@pytest.mark.parametrize(("headline", "parsed"), HEADLINES)
def test_a_title_case_line_is_parsed_in_sentence_case(headline: str, parsed: str) -> None:
    text = headline + BODY
    cased = truecase(text)
    assert len(cased) == len(text) and cased.lower() == text.lower()
    assert cased.split("\n")[0] == parsed
    assert cased[len(headline) :] == BODY  # running text is never touched


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Senator Slams Plan To Close The Bridge", True),
        ("Senator slams plan to close the bridge", False),
        ("Slams Plan", False),  # too few words to tell
        ("The Senator Said " * 20, False),  # running text, however capitalised
    ],
)
def test_title_case_lines(line: str, title: bool) -> None:
    assert is_title_case(line) is title


@pytest.mark.parametrize(
    ("word", "common"), [("slams", True), ("vowed", True), ("policies", True), ("whitfield", False)]
)
def test_common_words_inflect(word: str, common: bool) -> None:
    assert is_common(word) is common


def test_the_parse_keeps_the_original_letters_and_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Vows To Close The Bridge, Says Council Misled Voters" + BODY
    doc = next(parse(nlp, [text]))
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    vows = doc[1]
    assert (vows.text, vows.lemma_, vows.pos_) == ("Vows", "vow", "VERB")


def test_an_attribution_in_a_title_case_headline(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Whitfield Says Rivera Plan Will Hurt Farmers" + BODY
    records = [r for r in extract(Document("t", text), nlp) if r.cue == "Says"]
    assert [(r.source, r.content) for r in records] == [("Whitfield", "Rivera Plan Will Hurt Farmers")]
    assert all(s.of(text) in r.content for r in records for s in r.content_spans)
