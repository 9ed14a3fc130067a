"""The spaCy pipeline as claim-kg loads it: sentence starts at line breaks (kg/nlp.py)."""

from __future__ import annotations

import pytest

from kg.document import Document
from kg.extract import extract_doc
from kg.lexicon import load_lexicon
from kg.nlp import LINE_BREAKS

# (text, the sentence that must start at the marked word "|": the text is split there)
STARTS = [
    # a blank line ends a paragraph, whatever the parser makes of it
    (
        "The audit was filed in Nov.\n\n|Columnist Ana Ruiz disagreed with the mayor.",
        True,
    ),
    ("The senator spoke for an hour\n\n|the crowd cheered", True),
    ("WASHINGTON (AP) — Officials said the plan would work.\n\n|___", False),  # only spaces follow: no word
    # a single line break after a punctuated or a short line (headline, byline, dateline)
    ("Governor Would Close Schools Over Flu Outbreak\n|Governor Dana Hill said so on Monday.", True),
    ("The mayor said the bridge would open in May.\n|Critics disagreed.", True),
    ("By Jane Roe\n|The mayor said the bridge would open in May.", True),
]
# a paragraph's dateline: the words after it start a sentence (the place is not the first verb's subject)
DATELINES = [
    ("SPRINGFIELD (AP) \u2014 |Senator Dana Hill said the vote would be close.", "Senator Dana Hill"),
    ("Results came in late.\n\nLAKE CITY, Fla. \u2014 |Jo Marsh said the race was close.", "Jo Marsh"),
    ("SHELBYVILLE, May 3 (UPI) -- |Former Attorney General Ann Lee told delegates that it was rigged.", None),
    ("The CEO said - and he meant it - that profits would rise.", "The CEO"),  # no dateline
]
# a paragraph opened by a quote mark after a line with no end mark: the mark opens the sentence
QUOTE_OPENED = [
    'READ MORE: Senate passes stopgap bill\n\n"This is a win for families," Senator Lee said.',
    "Senate Passes Stopgap Bill\n\n\u201cThis is a win for families,\u201d Senator Lee said.",
    "Senate passes stopgap bill\n''This is a win for families,'' Senator Lee said.",
]
# a single line break inside a hard-wrapped sentence is left to the parser
WRAPPED = [
    "The spokesman for the ministry of defence said on Monday that the talks\nwould resume next week.",
    "A short line\nand the president said that it was fine.",
]


@pytest.mark.parametrize(("marked", "word_follows"), STARTS)
def test_a_sentence_starts_after_a_paragraph_or_line_break(nlp, marked: str, word_follows: bool) -> None:  # type: ignore[no-untyped-def]
    at = marked.index("|")
    text = marked.replace("|", "")
    doc = nlp(text)
    assert LINE_BREAKS in nlp.pipe_names
    starts = {s.start_char for s in doc.sents}
    first_word = next(t for t in doc if t.idx >= at)
    if word_follows:
        assert first_word.idx in starts, [s.text for s in doc.sents]
    assert not any(s.start_char < at < s.end_char and "\n\n" in s.text.strip() for s in doc.sents)


@pytest.mark.parametrize(("marked", "source"), DATELINES)
def test_the_words_after_a_dateline_start_a_sentence(nlp, marked: str, source: str | None) -> None:  # type: ignore[no-untyped-def]
    text = marked.replace("|", "")
    doc = nlp(text)
    starts = {s.start_char for s in doc.sents}
    if "|" in marked:
        assert marked.index("|") in starts, [s.text for s in doc.sents]
    else:
        assert len(list(doc.sents)) == 1
    records = extract_doc(Document("t", text), doc, load_lexicon())
    assert records and all(r.source is None or not r.source.isupper() for r in records)
    if source is not None:
        assert source in {r.source for r in records}


@pytest.mark.parametrize("text", QUOTE_OPENED)
def test_a_paragraph_opened_by_a_quote_mark_is_one_sentence(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    *_, last = doc.sents
    assert last.text.startswith(text[text.rindex("\n") + 1 :][:6])
    assert last.text.rstrip().endswith("Senator Lee said.")


@pytest.mark.parametrize("text", WRAPPED)
def test_a_wrapped_line_does_not_start_a_sentence(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    after = text.index("\n") + 1
    word = next(t for t in doc if t.idx >= after)
    assert word.is_sent_start is not True
    assert len(list(doc.sents)) == 1


def test_reported_content_stops_at_the_paragraph_break(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Herald reports that the audit was filed in Nov.\n\n"
        "Local columnist Ana Ruiz, in an attempt to draw attention to the delay, counted the days."
    )
    records = extract_doc(Document("t", text), nlp(text), load_lexicon())
    reports = [r for r in records if r.cue_lemma == "report"]
    assert reports, records
    assert all("\n" not in r.content for r in reports)
    assert reports[0].content.endswith("the audit was filed in Nov.")


# (text, the tokens a dash must stand as alone): the bar of a byline under a quotation, and a dash right
# after a closing mark, which spaCy's tokenizer glues to the mark
DASHES = [
    ("\u201cThe pier will reopen.\u201d\u2015 Dana Whitfield", ["\u201d", "\u2015", "Dana"]),
    ('"The pier will reopen."\u2015Dana Whitfield', ['"', "\u2015", "Dana"]),
    ("\u201cThe pier will reopen.\u201d\u2014Dana Whitfield", ["\u201d", "\u2014", "Dana"]),
    ("the east\u2015west line", ["east", "\u2015", "west"]),
    ("a well-known plan", ["well", "-", "known"]),  # the model's own rules still apply
]


@pytest.mark.parametrize(("text", "tokens"), DASHES)
def test_a_dash_after_a_closing_mark_is_a_token_of_its_own(nlp, text: str, tokens: list[str]) -> None:  # type: ignore[no-untyped-def]
    words = [t.text for t in nlp.tokenizer(text)]
    at = len(words) - 1 - words[::-1].index(tokens[0])  # the last: a closing mark, not the opening one
    assert words[at : at + len(tokens)] == tokens, words


def test_each_quotation_takes_the_name_under_it(nlp) -> None:  # type: ignore[no-untyped-def]
    """A list of quotations, each with its speaker's name after a dash glued to the closing mark."""
    text = (
        "\u201cThe tolls are hurting every shop on Main Street.\u201d\u2015 Dana Whitfield\n"
        "\u201cNobody asked the people who live here what they wanted.\u201d\u2015 Tom Alvarez\n"
        "\u201cThe ferry was cheaper and it ran on time.\u201d\u2015 Rosa Quill\n"
    )
    records = extract_doc(Document("t", text), nlp(text), load_lexicon())
    said = {r.content.split()[1]: r.source for r in records}
    assert said == {"tolls": "Dana Whitfield", "asked": "Tom Alvarez", "ferry": "Rosa Quill"}
