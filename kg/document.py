"""Documents: a text exactly as read plus its metadata, loaded from files, directories and streams.

- ``.txt``: UTF-8 text with an optional JSON sidecar ``NAME.json`` (title, publisher, date, url,
  language, author); the id is the file name without its extension. The text is decoded from bytes,
  so newlines are never translated and offsets index exactly what is on disk.
- ``.html``/``.htm``: the main text and metadata extracted with trafilatura; offsets then refer to
  that extracted text, which the graph keeps (``nif:isString``) so every span can be checked.
- ``.jsonl``: one article per line (``id``, ``text``, optional ``url``, ``title``, ``date``,
  ``publisher``, ``author``; field names configurable with :class:`JsonlFields`).
- ``-``: standard input, one text document with id ``stdin``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.ids import text_digest

METADATA_KEYS = ("title", "publisher", "date", "url", "language", "author")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
STDIN = "-"
# Longer texts are rejected by name: 2 million characters take about a minute to parse on one core
# (a news article is rarely above 50,000); a book-sized file is most likely not one article.
MAX_TEXT_CHARS = 2_000_000


class DocumentError(Exception):
    """An input that cannot be read as a document; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@dataclass(frozen=True)
class Document:
    """An article: ``id``, ``text`` exactly as read, and metadata (see :data:`METADATA_KEYS`)."""

    id: str
    text: str
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    path: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    def __reduce__(self) -> tuple[type[Document], tuple[str, str, dict[str, Any], str | None]]:
        # A read-only mapping does not pickle; worker processes get a plain copy back.
        return (Document, (self.id, self.text, dict(self.meta), self.path))

    @property
    def sha256(self) -> str:
        return text_digest(self.text)

    def get(self, key: str) -> Any:
        return self.meta.get(key)


def check_length(where: Path | str, chars: int) -> None:
    """Raise :class:`DocumentError` when a text of ``chars`` characters is above :data:`MAX_TEXT_CHARS`."""
    if chars > MAX_TEXT_CHARS:
        raise DocumentError(
            where,
            f"text too long ({chars:,} characters; the limit is {MAX_TEXT_CHARS:,}): split it into articles",
        )


def read_text(path: Path) -> str:
    """Decode a file as UTF-8 without newline translation; raise :class:`DocumentError` if it is not text
    or longer than :data:`MAX_TEXT_CHARS` (a file of more than four bytes a character is refused unread)."""
    try:
        size = path.stat().st_size
        if size > 4 * MAX_TEXT_CHARS:
            raise DocumentError(
                path,
                f"file too large ({size:,} bytes; the limit is {MAX_TEXT_CHARS:,} characters): "
                "split it into articles",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in data[:8192]:
        raise DocumentError(path, "binary file (contains NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from exc
    if not text.strip():
        raise DocumentError(path, "empty document")
    check_length(path, len(text))
    return text


def read_sidecar(path: Path) -> dict[str, Any]:
    """The metadata sidecar ``NAME.json`` beside ``NAME.txt``, or ``{}`` when there is none."""
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(sidecar, f"unreadable metadata sidecar: {exc}") from exc
    if not isinstance(meta, dict):
        raise DocumentError(sidecar, "metadata sidecar must hold a JSON object")
    return meta


def load_document(path: Path | str) -> Document:
    """Load one ``.txt`` document with its sidecar metadata, or one ``.html`` page."""
    p = Path(path)
    if p.suffix.lower() in HTML_SUFFIXES:
        return load_html(p)
    return Document(id=p.stem, text=read_text(p), meta=MappingProxyType(read_sidecar(p)), path=str(p))


def load_html(path: Path) -> Document:
    """The main text and metadata of a saved web page (trafilatura)."""
    import trafilatura

    try:
        size = path.stat().st_size
        if size > 8 * MAX_TEXT_CHARS:  # scripts and markup weigh more than the text
            raise DocumentError(
                path, f"web page too large ({size:,} bytes; the limit is {8 * MAX_TEXT_CHARS:,})"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from exc
    extracted = trafilatura.extract(data, output_format="json", with_metadata=True, include_comments=False)
    found = json.loads(extracted) if extracted else {}
    text = found.get("text") or ""
    if not text.strip():
        raise DocumentError(path, "no main text found in the HTML page")
    check_length(path, len(text))
    meta = {
        "title": found.get("title"),
        "author": found.get("author"),
        "date": found.get("date"),
        "publisher": found.get("sitename") or found.get("hostname"),
        "url": found.get("source") or found.get("url"),
        "language": found.get("language"),
    }
    meta = {k: v for k, v in meta.items() if v} | read_sidecar(path)
    return Document(id=path.stem, text=text, meta=MappingProxyType(meta), path=str(path))


@dataclass(frozen=True)
class JsonlFields:
    """Field names of a JSONL corpus (one article per line)."""

    id: str = "id"
    text: str = "text"
    url: str = "url"
    title: str = "title"
    date: str = "date"
    publisher: str = "publisher"
    author: str = "author"

    @classmethod
    def parse(cls, spec: str | None) -> JsonlFields:
        """From ``"id=doc_id,text=body"``; unnamed fields keep their defaults."""
        if not spec:
            return cls()
        pairs = dict(item.split("=", 1) for item in spec.split(",") if "=" in item)
        unknown = set(pairs) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown JSONL field(s): {', '.join(sorted(unknown))}")
        return cls(**pairs)


def iter_jsonl(path: Path, fields: JsonlFields, errors: list[DocumentError] | None) -> Iterator[Document]:
    """Articles of a JSONL corpus; a malformed line is reported as ``FILE:LINE`` and skipped."""
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        _fail(errors, DocumentError(path, f"cannot read: {exc.strerror or exc}"))
        return
    with fh:
        for n, line in enumerate(_lines(fh, path, errors), 1):
            if not line.strip():
                continue
            try:
                yield _jsonl_document(line, fields, path, n)
            except DocumentError as exc:
                _fail(errors, exc)


def _lines(fh: Iterable[str], path: Path, errors: list[DocumentError] | None) -> Iterator[str]:
    try:
        yield from fh
    except UnicodeDecodeError as exc:
        _fail(
            errors,
            DocumentError(path, f"not valid UTF-8 (byte {exc.start}: {exc.reason}); rest of file skipped"),
        )


def _jsonl_document(line: str, fields: JsonlFields, path: Path, n: int) -> Document:
    where = f"{path}:{n}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DocumentError(where, f"malformed JSON ({exc.msg})") from exc
    if not isinstance(obj, dict):
        raise DocumentError(where, "a line must hold a JSON object")
    text = obj.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        raise DocumentError(where, f"no text in field {fields.text!r}")
    check_length(where, len(text))
    doc_id = obj.get(fields.id)
    meta_fields = ("url", "title", "date", "publisher", "author")
    meta = {k: obj[getattr(fields, k)] for k in meta_fields if obj.get(getattr(fields, k)) not in (None, "")}
    return Document(
        id=str(doc_id) if doc_id not in (None, "") else f"{path.stem}-{n}",
        text=text,
        meta=MappingProxyType(meta),
        path=where,
    )


def read_stdin() -> Document:
    """Standard input as one UTF-8 document with id ``stdin`` (newlines untranslated)."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError("<stdin>", f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from exc
    if not text.strip():
        raise DocumentError("<stdin>", "empty document")
    check_length("<stdin>", len(text))
    return Document(id="stdin", text=text, path="<stdin>")


def document_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Expand files and directories (recursively, sorted) into input files."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in INPUT_SUFFIXES)
        elif p.exists():
            yield p
        else:
            raise DocumentError(p, "no such file or directory")


def _fail(errors: list[DocumentError] | None, exc: DocumentError) -> None:
    if errors is None:
        raise exc
    errors.append(exc)


def iter_documents(
    paths: Iterable[Path | str],
    errors: list[DocumentError] | None = None,
    fields: JsonlFields | None = None,
) -> Iterator[Document]:
    """Yield documents from files, directories, JSONL corpora and ``-`` (standard input).

    With ``errors`` given, an unreadable input is appended there (naming the file and the problem) and
    the batch goes on; without it, the first :class:`DocumentError` is raised.
    """
    for raw in paths:
        if str(raw) == STDIN:
            try:
                yield read_stdin()
            except DocumentError as exc:
                _fail(errors, exc)
            continue
        try:
            files = list(document_paths([raw]))
        except DocumentError as exc:
            _fail(errors, exc)
            continue
        for path in files:
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from iter_jsonl(path, fields or JsonlFields(), errors)
                continue
            try:
                yield load_document(path)
            except DocumentError as exc:
                _fail(errors, exc)
