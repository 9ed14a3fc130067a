"""Documents: a text exactly as read plus its metadata, loaded from files and directories.

A document is a UTF-8 ``.txt`` file with an optional JSON sidecar ``NAME.json`` (title, publisher,
date, url, language, author). Its id is the file name without its extension. The text is decoded
from bytes, so newlines are never translated and offsets index exactly what is on disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.ids import text_digest

METADATA_KEYS = ("title", "publisher", "date", "url", "language", "author")
TEXT_SUFFIXES = (".txt",)


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


def read_text(path: Path) -> str:
    """Decode a file as UTF-8 without newline translation; raise :class:`DocumentError` if it is not text."""
    try:
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
    """Load one ``.txt`` document with its sidecar metadata."""
    p = Path(path)
    return Document(id=p.stem, text=read_text(p), meta=MappingProxyType(read_sidecar(p)), path=str(p))


def document_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Expand files and directories (recursively, sorted) into document files."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES)
        elif p.exists():
            yield p
        else:
            raise DocumentError(p, "no such file or directory")


def iter_documents(
    paths: Iterable[Path | str], errors: list[DocumentError] | None = None
) -> Iterator[Document]:
    """Yield documents from files and directories.

    With ``errors`` given, an unreadable input is appended there and the batch goes on; without it,
    the first :class:`DocumentError` is raised.
    """
    for raw in paths:
        try:
            files = list(document_paths([raw]))
        except DocumentError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        for path in files:
            try:
                yield load_document(path)
            except DocumentError as exc:
                if errors is None:
                    raise
                errors.append(exc)
