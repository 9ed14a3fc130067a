"""Golden graph: the seed build equals ontology/examples/seed.ttl (by isomorphism, run time aside)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV

from kg import __version__
from kg.graph import RunInfo, build_dataset, union_graph
from kg.nlp import model_id

GOLDEN = Path(__file__).resolve().parent.parent / "ontology" / "examples" / "seed.ttl"


def without_time(g: Graph) -> Graph:
    g.remove((None, PROV.startedAtTime, None))
    return g


def test_seed_build_matches_the_golden_graph(nlp, seed_document, seed_records) -> None:  # type: ignore[no-untyped-def]
    run = RunInfo("claim-kg", __version__, model_id(nlp), datetime.now(UTC))
    built = without_time(union_graph(build_dataset([(seed_document, seed_records)], run)))
    golden = without_time(Graph().parse(GOLDEN, format="turtle"))
    if not isomorphic(built, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        lines = sorted(f"+ {t}" for t in only_built)[:10] + sorted(f"- {t}" for t in only_golden)[:10]
        raise AssertionError("seed build differs from ontology/examples/seed.ttl:\n" + "\n".join(lines))
