"""Competency questions (ontology/queries/*.rq) run on the seed build in rdflib and in Oxigraph alike.

The seed build lives in Oxigraph behind rdflib (kg.rdfstore), so ``run_query`` on it runs in Oxigraph;
rdflib's own SPARQL engine runs on a copy in rdflib's in-memory store.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.export import turtle_string
from kg.graph import RunInfo, build_dataset, union_graph
from kg.query import run_query

QUERIES = sorted((Path(__file__).resolve().parent.parent / "ontology" / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def seed_graph(seed_document, seed_records) -> Graph:  # type: ignore[no-untyped-def]
    run = RunInfo("claim-kg", "test", "model", datetime(2026, 1, 1, tzinfo=UTC))
    return union_graph(build_dataset([(seed_document, seed_records)], run))


def in_rdflib(graph: Graph) -> Graph:
    """A copy of ``graph`` in rdflib's own in-memory store (so queries run in rdflib's engine)."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    assert copy.store.__class__.__name__ == "Memory"
    return copy


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return str(Decimal(value).normalize())  # 0.50 vs 0.5
    except ArithmeticError:
        return value


def oxigraph_rows(graph: Graph, sparql: str) -> list[tuple[str | None, ...]]:
    store = ox.Store()
    store.load(turtle_string(graph).encode(), format=ox.RdfFormat.TURTLE)
    result = store.query(sparql)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [tuple(_norm(s[n].value) if s[n] is not None else None for n in names) for s in result]  # type: ignore[union-attr]


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_gives_the_same_rows_in_rdflib_and_oxigraph(seed_graph: Graph, path: Path) -> None:
    sparql = path.read_text(encoding="utf-8")
    ours = [tuple(_norm(v) for v in row) for row in run_query(in_rdflib(seed_graph), sparql).rows]
    theirs = oxigraph_rows(seed_graph, sparql)
    assert ours, f"{path.name} returned nothing on the seed"
    assert sorted(ours, key=str) == sorted(theirs, key=str)


def test_denials_name_moscow_and_disputes_pair_it_with_ukraine_officials(seed_graph: Graph) -> None:
    folder = QUERIES[0].parent
    denials = run_query(seed_graph, (folder / "denials.rq").read_text())
    assert {row[0] for row in denials.rows} == {"Moscow"}
    disputes = run_query(seed_graph, (folder / "disputes.rq").read_text())
    pairs = {(r[0], r[2]) for r in disputes.rows}
    assert pairs == {("Moscow", "Ukraine officials")}
    assert any("prisoner swap" in (r[3] or "") for r in disputes.rows)
