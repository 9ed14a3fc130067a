"""SHACL shapes: what the exporters write conforms, and broken graphs are caught."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import XSD, Graph, Literal, URIRef

from kg.graph import build_dataset, union_graph
from kg.namespace import CKG, NIF, concept
from kg.validate import validate_graph
from tests.test_graph import RUN, TEXT, sample


def built() -> Graph:
    return union_graph(build_dataset([sample(TEXT)], RUN))


def test_exported_graph_conforms() -> None:
    report = validate_graph(built())
    assert report.conforms, report.text


def test_seed_build_conforms(seed_document, seed_records) -> None:  # type: ignore[no-untyped-def]
    report = validate_graph(union_graph(build_dataset([(seed_document, seed_records)], RUN)))
    assert report.conforms, report.text


def _first(g: Graph, p: URIRef) -> URIRef:
    return next(iter(g.subjects(p, None)))  # type: ignore[return-value]


def _break_anchor(g: Graph) -> None:
    span = _first(g, NIF.anchorOf)
    g.set((span, NIF.anchorOf, Literal("not the text")))


def _break_offsets(g: Graph) -> None:
    span = _first(g, NIF.beginIndex)
    g.set((span, NIF.beginIndex, Literal(10_000, datatype=XSD.nonNegativeInteger)))


def _break_confidence(g: Graph) -> None:
    a = _first(g, CKG.confidence)
    g.set((a, CKG.confidence, Literal(Decimal("1.5"), datatype=XSD.decimal)))


def _break_stance(g: Graph) -> None:
    a = _first(g, CKG.stance)
    g.set((a, CKG.stance, concept("certainty", "certain")))


def _drop_claim_text(g: Graph) -> None:
    from kg.namespace import SCHEMA

    g.remove((None, SCHEMA.text, None))


@pytest.mark.parametrize(
    "breaker", [_break_anchor, _break_offsets, _break_confidence, _break_stance, _drop_claim_text]
)
def test_violations_are_caught(breaker) -> None:  # type: ignore[no-untyped-def]
    g = built()
    breaker(g)
    report = validate_graph(g)
    assert not report.conforms
    assert report.violations >= 1
