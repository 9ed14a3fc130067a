"""Documents are read exactly: UTF-8 decoded bytes, newlines untranslated; bad input is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.document import DocumentError, iter_documents, load_document


def test_text_is_read_exactly(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes("Line one.\r\nLine “two” — é 🙂\r\n".encode())
    doc = load_document(p)
    assert doc.id == "crlf"
    assert doc.text == "Line one.\r\nLine “two” — é 🙂\r\n"


def test_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.json").write_text(
        '{"title": "T", "publisher": "P", "date": "2022-05-18"}', encoding="utf-8"
    )
    doc = load_document(tmp_path / "a.txt")
    assert doc.get("publisher") == "P"
    assert doc.meta["date"] == "2022-05-18"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_input_is_reported_by_name(tmp_path: Path, content: bytes, problem: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        load_document(p)
    assert str(p) in str(err.value) and problem in str(err.value)


def test_batch_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good one.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe bad")
    (tmp_path / "c.txt").write_text("Good two.", encoding="utf-8")
    errors: list[DocumentError] = []
    docs = list(iter_documents([tmp_path, tmp_path / "missing.txt"], errors=errors))
    assert [d.id for d in docs] == ["a", "c"]
    assert [Path(e.path).name for e in errors] == ["b.txt", "missing.txt"]


def test_bad_sidecar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"a\.json"):
        load_document(tmp_path / "a.txt")
