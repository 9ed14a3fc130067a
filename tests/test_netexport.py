"""GEXF and GraphML exports of the claim network (kg.netexport): they read back with networkx whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.document import Document
from kg.graph import RunInfo, build_dataset, union_graph
from kg.namespace import CKG, SCHEMA, concept
from kg.netexport import export_network, write_gexf, write_graphml, write_network, xml_safe
from kg.record import Attribution
from kg.view import ViewStats, view_network

RUN = RunInfo("claim-kg", "test", "model-x", datetime(2026, 1, 1, tzinfo=UTC))
EX = "https://example.org/"
Writer = Callable[[Graph, Path], ViewStats]
WRITERS: dict[str, tuple[Writer, Callable[[Path], nx.Graph]]] = {
    "gexf": (write_gexf, nx.read_gexf),
    "graphml": (write_graphml, nx.read_graphml),
}


@pytest.fixture(scope="module")
def seed_graph(seed_document: Document, seed_records: list[Attribution]) -> Graph:
    return union_graph(build_dataset([(seed_document, seed_records)], RUN))


def hostile_graph() -> Graph:
    """One source making one claim twice (two parallel edges) in text with characters XML cannot hold."""
    g = Graph()
    source, claim, article = URIRef(EX + "s"), URIRef(EX + "c"), URIRef(EX + "art")
    g.add((source, RDF.type, CKG.NamedSource))
    g.add((source, RDFS.label, Literal('Ministry\x0b of <Truth> & "Co"')))
    g.add((claim, SCHEMA.text, Literal("all is\x0cwell\x00\nreally ]]> </graphml>")))
    g.add((article, SCHEMA.headline, Literal("Head\x1bline")))
    for n in ("1", "2"):
        a = URIRef(EX + "a" + n)
        g.add((a, RDF.type, CKG.Attribution))
        g.add((a, CKG.source, source))
        g.add((a, CKG.claim, claim))
        g.add((a, CKG.article, article))
        g.add((a, CKG.cue, Literal("said")))
        g.add((a, CKG.stance, concept("stance", "assert")))
    return g


@pytest.mark.parametrize("fmt", WRITERS)
def test_the_seed_network_reads_back_whole(seed_graph: Graph, tmp_path: Path, fmt: str) -> None:
    write, read = WRITERS[fmt]
    path = tmp_path / f"claims.{fmt}"
    written = write(seed_graph, path)
    view = view_network(seed_graph)
    assert written == ViewStats(view.number_of_nodes(), view.number_of_edges())
    back = read(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (written.nodes, written.edges)
    assert set(back.nodes) == set(view.nodes)
    kinds = {d["kind"] for _, _, d in back.edges(data=True)}
    assert {"attribution", "in", "disputes"} <= kinds
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.parametrize("fmt", WRITERS)
def test_parallel_edges_and_hostile_text_survive(tmp_path: Path, fmt: str) -> None:
    write, read = WRITERS[fmt]
    path = tmp_path / f"hostile.{fmt}"
    written = write(hostile_graph(), path)
    assert written == ViewStats(nodes=3, edges=3)  # source, claim, article; two attributions and "in"
    back = read(path)
    assert back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (3, 3)
    assert back.number_of_edges(EX + "s", EX + "c") == 2
    label = back.nodes[EX + "s"]["label"]
    assert label == 'Ministry of <Truth> & "Co"'
    assert "all iswell\nreally ]]> </graphml>" in back.nodes[EX + "c"]["title"]


def test_gexf_carries_gephi_colours(seed_graph: Graph, tmp_path: Path) -> None:
    write_gexf(seed_graph, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    viz = [d["viz"] for _, d in back.nodes(data=True)]
    assert all({"color", "size", "shape"} <= v.keys() for v in viz)


def test_attribute_values_are_scalars(seed_graph: Graph) -> None:
    net = export_network(seed_graph)
    values = [v for _, d in net.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in net.edges(data=True) for v in d.values()]
    assert values
    assert all(isinstance(v, str | int | float | bool) for v in values)


def test_xml_safe_keeps_numbers_and_tabs() -> None:
    assert xml_safe(3) == 3
    assert xml_safe(True) is True
    assert xml_safe("a\tb\x07c\ud800") == "a\tbc"


def test_write_network_names_the_formats(seed_graph: Graph, tmp_path: Path) -> None:
    assert write_network(seed_graph, tmp_path / "n.graphml", "graphml").nodes > 0
    with pytest.raises(ValueError, match="gexf, graphml"):
        write_network(seed_graph, tmp_path / "n.dot", "dot")
