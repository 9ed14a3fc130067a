"""Hostile and unusual input: long texts, no punctuation, other languages, odd characters, never a crash."""

from __future__ import annotations

import pytest

from kg.document import Document
from kg.extract import extract_many
from kg.nlp import parse, split_text


@pytest.mark.parametrize("limit", [50, 200, 1000])
def test_split_text_pieces_join_back(limit: int) -> None:
    text = ("A paragraph of words.\n" * 40) + ("x" * 500) + "\nEnd."
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_long_text_is_parsed_in_pieces_with_exact_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    para = 'The minister said the talks had failed. "We will try again," she told reporters.\n\n'
    text = para * 60
    [doc] = list(parse(nlp, [text], limit=1000))
    assert doc.text == text
    records = [r for _, rs in extract_many([Document("long", text)], nlp, batch_size=4) for r in rs]
    assert len(records) >= 60
    for r in records:
        assert " ".join(text[s.start : s.end] for s in r.content_spans) == r.content


def test_paragraph_without_punctuation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(["word"] * 20_000)  # 100,000 characters, no sentence end
    [(_, records)] = list(extract_many([Document("flat", text)], nlp))
    assert records == []


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a déclaré que les négociations avaient échoué.",
        "Министр заявил, что переговоры провалились.",
        "وقال الوزير إن المحادثات فشلت.",
        "部长说谈判失败了。",
        '\x00\x01 said "\u202e reversed" 🙂 \\ """ \r\n',
        '"' * 101,
    ],
)
def test_other_languages_and_odd_characters_do_not_crash(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    for _, records in extract_many([Document("x", text)], nlp):
        for r in records:
            assert " ".join(text[s.start : s.end] for s in r.content_spans) == r.content
