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


FIFTY_MB = 50 * 2**20


@pytest.mark.parametrize(
    ("name", "content", "reason", "max_memory"),
    [
        # refused from its size alone, never read
        ("huge.txt", lambda: b"word " * (FIFTY_MB // 5), "file too large", 2**20),
        # one 50 MB JSON line: read and parsed (the text must be seen to be measured), then refused
        (
            "huge.jsonl",
            lambda: b'{"id": "huge", "text": "' + b"word " * (FIFTY_MB // 5) + b'"}\n',
            "too long",
            4 * FIFTY_MB,
        ),
        # 4 MB of two-byte characters: under the size cut, read, then refused by its length
        ("long.txt", lambda: "é".encode() * 2_000_001, "text too long", 16 * 2**20),
    ],
)
def test_a_50_mb_text_is_rejected_by_name(tmp_path, name, content, reason, max_memory) -> None:  # type: ignore[no-untyped-def]
    import time
    import tracemalloc

    from kg.document import MAX_TEXT_CHARS, DocumentError, iter_documents

    (tmp_path / name).write_bytes(content())
    (tmp_path / "ok.txt").write_text("The minister said the talks had failed.\n", encoding="utf-8")
    errors: list[DocumentError] = []
    started = time.perf_counter()
    tracemalloc.start()
    docs = list(iter_documents([tmp_path], errors=errors))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.perf_counter() - started < 10
    assert [d.id for d in docs] == ["ok"]  # the batch goes on
    [err] = errors
    assert name in str(err) and reason in str(err) and f"{MAX_TEXT_CHARS:,}" in str(err)
    assert peak < max_memory


def test_build_reports_a_50_mb_text_and_goes_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from kg.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "huge.txt").write_bytes(b"The minister said it. " * (FIFTY_MB // 22))
    (corpus / "ok.txt").write_text("The minister said the talks had failed.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 1
    assert "1 articles" in result.output and "huge.txt: file too large" in result.output
    assert (tmp_path / "out" / "claims.ttl").exists()
