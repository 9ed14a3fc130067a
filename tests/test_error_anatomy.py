"""bench/error_anatomy.py: why a gold attribution is missed, and what kind of error a record is.

On one invented article parsed by the real model; records are built by hand so each reason is reached
on purpose."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.document import Document
from kg.evaluate import GoldItem

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "The mayor said the bridge would open in May. "
    "Critics of the plan, in a memo for the council, doubted the figures."
)


@pytest.fixture(scope="module")
def anatomy_module() -> Iterator[Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import error_anatomy

        yield error_anatomy
    finally:
        sys.path.pop(0)


@pytest.fixture(scope="module")
def parsed(nlp: Any) -> tuple[Document, Any]:
    from kg.nlp import parse

    return Document("a", TEXT), next(parse(nlp, [TEXT]))


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def gold(cue: str | None, content: str, source: str | None = "The mayor") -> GoldItem:
    return GoldItem(
        source=source,
        source_resolved=source,
        cue=cue or "",
        content=content,
        cue_spans=(span(cue),) if cue else (),
        content_spans=(span(content),),
    )


def record(cue: str, content: str, source: str | None = "The mayor") -> dict[str, Any]:
    a, b = span(cue)
    return {
        "doc": "a",
        "source": source,
        "source_resolved": source,
        "cue": cue,
        "cue_start": a,
        "cue_end": b,
        "content": content,
        "content_spans": [list(span(content))],
    }


SAID = record("said", "the bridge would open in May")


@pytest.mark.parametrize(
    ("item", "records", "reason"),
    [
        (gold(None, "the bridge would open in May"), [], "no cue"),
        (gold("for", "the council"), [], "cue not a candidate"),  # a preposition
        (gold("said", "The mayor"), [SAID], "span not offered"),  # the subject is never said's content
        (gold("said", "the bridge would open in May"), [record("said", "May")], "cue took another span"),
        (gold("doubted", "the figures"), [record("memo", "the figures")], "content taken"),
        (gold("doubted", "the figures"), [SAID], "cue rejected"),
    ],
)
def test_why_a_gold_attribution_was_missed(
    anatomy_module: Any,
    parsed: tuple[Document, Any],
    item: GoldItem,
    records: list[dict[str, Any]],
    reason: str,
) -> None:
    document, doc = parsed
    offers = anatomy_module.offered(document, doc)
    assert anatomy_module.miss_reason(item, doc, offers, records) == reason


def test_anatomy_counts_misses_false_records_and_source_errors(
    anatomy_module: Any, parsed: tuple[Document, Any]
) -> None:
    document, doc = parsed
    items = [
        gold("said", "the bridge would open in May"),  # matched, other source
        gold("doubted", "the figures", "Critics of the plan"),  # missed: rejected
        gold("for", "the council"),  # missed: no candidate
    ]
    records = [
        record("said", "the bridge would open in May", "the council"),
        record("open", "May", None),  # inside a gold content: boundary
        record("Critics", "the plan", None),  # touches no gold content: spurious
    ]
    missed, false, source, n_gold, n_records, n_matched = anatomy_module.anatomy(
        {"a": items}, {"a": (document, doc)}, records
    )
    assert (n_gold, n_records, n_matched) == (3, 3, 1)
    assert missed == {"cue rejected": 1, "cue not a candidate": 1}
    assert false == {"boundary": 1, "spurious": 1}
    assert source == {"other source": 1}
