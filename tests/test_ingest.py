"""Ingestion: saved web pages, JSONL corpora and standard input, with bad lines reported by name."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.document import DocumentError, JsonlFields, iter_documents

PAGE = """<html><head><title>Mayor says bridge will close</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2022-05-18">
<script>document.title = "pwned"; alert("x")</script></head>
<body><nav>Home | World | Sport</nav><article><h1>Mayor says bridge will close</h1>
<p>The mayor said on Monday that the bridge would close for repairs.
"We have no choice," she told reporters.</p>
<p>Officials said the work would take a month, according to the city council.</p></article>
<footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc] = list(iter_documents([tmp_path]))
    assert doc.id == "page"
    assert "the bridge would close for repairs" in doc.text
    assert "pwned" not in doc.text and "Sport" not in doc.text
    assert doc.get("title") == "Mayor says bridge will close"
    assert doc.get("author") == "Jane Doe"
    assert doc.get("date") == "2022-05-18"


def test_html_offsets_refer_to_the_extracted_text(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "page.html")])
    assert result.exit_code == 0
    [doc] = list(iter_documents([tmp_path / "page.html"]))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert any("bridge would close" in r["content"] for r in rows)
    for r in rows:
        assert " ".join(doc.text[a:b] for a, b in r["content_spans"]) == r["content"]


def test_html_without_main_text_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    errors: list[DocumentError] = []
    assert list(iter_documents([tmp_path], errors=errors)) == []
    assert "empty.html" in str(errors[0]) and "no main text" in str(errors[0])


def test_jsonl_corpus_with_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "The minister said the talks had failed.", "publisher": "P"}),
        "{not json",
        json.dumps({"id": "a2", "text": ""}),
        json.dumps(["a list"]),
        json.dumps({"text": "Police said two people were hurt."}),
    ]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors: list[DocumentError] = []
    docs = list(iter_documents([tmp_path / "corpus.jsonl"], errors=errors))
    assert [d.id for d in docs] == ["a1", "corpus-5"]
    assert docs[0].get("publisher") == "P"
    assert [e.path.rsplit(":", 1)[1] for e in errors] == ["2", "3", "4"]
    assert "malformed JSON" in str(errors[0])


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    line = json.dumps({"doc_id": "x", "body": "The senator said the bill was dead.", "source": "S"})
    (tmp_path / "c.jsonl").write_text(line + "\n", encoding="utf-8")
    fields = JsonlFields.parse("id=doc_id,text=body,publisher=source")
    [doc] = list(iter_documents([tmp_path / "c.jsonl"], fields=fields))
    assert (doc.id, doc.get("publisher")) == ("x", "S")
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path / "c.jsonl"), "--jsonl-fields", "id=doc_id,text=body"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout.splitlines()[0])["doc"] == "x"


def test_standard_input() -> None:
    result = CliRunner().invoke(main, ["extract", "-"], input="The governor said the roads were closed.\n")
    assert result.exit_code == 0
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["doc"] == "stdin" and row["content"] == "the roads were closed"
