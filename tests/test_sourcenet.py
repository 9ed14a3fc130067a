"""The corpus view: sources aggregated across articles, disputes/supports weights, focus/top/min-weight.

Hand-made graphs in the shape kg.graph writes (one source node per article and name, as the graph mints
them today), built with the helpers of tests/test_view.py.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal

from kg.cli import main
from kg.export import write_turtle
from kg.namespace import CKG
from kg.sourcenet import COLOURS, filter_network, match_sources, source_network, write_source_view
from tests.test_view import PAYLOADS, Attr, add_article, add_attribution, add_source, iri, page_data

MOSCOW, KYIV = "named:moscow", "named:kyiv"
OFFICIALS_A2 = f"unnamed:{iri('a2')}:officials"


def corpus_graph() -> Graph:
    """Three articles from three outlets. Moscow (a source node in a1 and in a2) disputes Kyiv twice
    (one claim link per article) and once through an attribution-level link; officials in a2 support
    Kyiv's claim in a3 across articles; officials in a1 are another unnamed source; a claim "answering"
    a claim of the same source is no link between sources."""
    g = Graph()
    for name, outlet in (("a1", "Reuters"), ("a2", "AP"), ("a3", "BBC")):
        add_article(g, name, f"Story {name}", publisher=outlet)
    for name, label, kind in (
        ("a1/moscow", "moscow", "place"),
        ("a2/moscow", "Moscow", "place"),  # the most frequent spelling labels the node
        ("a1/kyiv", "Kyiv", "place"),
        ("a2/kyiv", "Kyiv", "place"),
        ("a3/kyiv", "Kyiv", "place"),
        ("a1/officials", "officials", "unnamed"),
        ("a2/officials", "officials", "unnamed"),
    ):
        add_source(g, name, label, kind)
    attrs = [
        Attr("x1", "c1", "a swap was discussed", "a1", "a1/kyiv"),
        Attr("x2", "c2", "no swap was discussed", "a1", "a1/moscow", cue="denied", stance="deny"),
        Attr("x3", "c3", "the convoy was shelled", "a2", "a2/kyiv"),
        Attr("x4", "c4", "nothing was shelled", "a2", "a2/moscow", cue="denied", stance="deny"),
        Attr("x5", "c5", "the port is closed", "a3", "a3/kyiv"),
        Attr("x6", "c6", "the port is shut", "a2", "a2/officials"),
        Attr("x7", "c7", "talks resume", "a1", "a1/officials"),
        Attr("x8", "c8", "talks resume on Monday", "a1", "a1/officials"),
        Attr("x9", "c9", "the port is open", "a2", "a2/moscow"),
    ]
    for r in attrs:
        add_attribution(g, r)
    g.add((iri("c2"), CKG.disputes, iri("c1")))
    g.add((iri("c4"), CKG.disputes, iri("c3")))
    g.add((iri("x9"), CKG.disputes, iri("x5")))  # an attribution-level link, across articles
    g.add((iri("c6"), CKG.supports, iri("c5")))  # across articles
    g.add((iri("c8"), CKG.supports, iri("c7")))  # the same unnamed source: no edge
    return g


def test_sources_are_grouped_as_analytics_counts_them() -> None:
    net = source_network(corpus_graph())
    assert set(net.nodes) == {MOSCOW, KYIV, OFFICIALS_A2, f"unnamed:{iri('a1')}:officials"}
    moscow = net.nodes[MOSCOW]
    assert (moscow["kind"], moscow["label"], moscow["type"]) == ("named", "Moscow", "place")
    assert (moscow["claims"], moscow["attributions"], moscow["articles"]) == (3, 3, 2)
    assert moscow["outlets"] == "AP 2, Reuters 1"
    assert net.nodes[KYIV]["claims"] == 3 and net.nodes[KYIV]["articles"] == 3
    # unnamed sources never merge across articles
    assert net.nodes[OFFICIALS_A2]["kind"] == "unnamed" and net.nodes[OFFICIALS_A2]["claims"] == 1


def test_links_are_weighted_by_claim_pairs() -> None:
    net = source_network(corpus_graph())
    edges = {(u, v, k): d for u, v, k, d in net.edges(keys=True, data=True)}
    assert set(edges) == {(MOSCOW, KYIV, "disputes"), (OFFICIALS_A2, KYIV, "supports")}
    disputes = edges[(MOSCOW, KYIV, "disputes")]
    assert disputes["weight"] == 3
    assert '"no swap was discussed" vs "a swap was discussed"' in disputes["examples"]
    assert '"the port is open" vs "the port is closed"' in disputes["examples"]  # from the attributions
    assert disputes["url"].startswith("https://news.example.com/")
    assert edges[(OFFICIALS_A2, KYIV, "supports")]["weight"] == 1


def test_sources_of_one_agent_are_one_node() -> None:
    """Per-article sources sharing a ckg:agent (kg.graph's cross-article entity) are one node, shown
    under the agent's name, whatever each article called them."""
    g = corpus_graph()
    agent = iri("agent/vladimir-putin")
    g.add((agent, RDF.type, CKG.Agent))
    g.add((agent, RDFS.label, Literal("Vladimir Putin")))
    for name, label, article in (
        ("a1/putin", "Putin", "a1"),
        ("a3/putin", "Russian leader Vladimir Putin", "a3"),
    ):
        add_source(g, name, label, "person")
        g.add((iri(name), CKG.agent, agent))
        add_attribution(g, Attr(f"x-{name}", f"c-{name}", f"claim of {name}", article, name))
    g.add((iri("c-a3/putin"), CKG.disputes, iri("c5")))
    net = source_network(g)
    node = f"agent:{agent}"
    assert (net.nodes[node]["label"], net.nodes[node]["claims"], net.nodes[node]["articles"]) == (
        "Vladimir Putin",
        2,
        2,
    )
    assert net.edges[node, KYIV, "disputes"]["weight"] == 1
    assert match_sources(net, "putin") == [node]


def test_source_network_attributes_are_scalars(tmp_path: Path) -> None:
    nx.write_graphml(source_network(corpus_graph()), tmp_path / "s.graphml")


@pytest.mark.parametrize(
    ("focus", "expected"),
    [
        ("moscow", [MOSCOW]),
        ("  MOSCOW ", [MOSCOW]),
        ("kyi", [KYIV]),  # no exact name: substring
        ("officials", sorted([OFFICIALS_A2, f"unnamed:{iri('a1')}:officials"])),
    ],
)
def test_match_sources(focus: str, expected: list[str]) -> None:
    assert match_sources(source_network(corpus_graph()), focus) == expected


def test_unknown_focus_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no source matches 'Lavrov'"):
        match_sources(source_network(corpus_graph()), "Lavrov")


@pytest.mark.parametrize(
    ("options", "nodes", "edges"),
    [
        ({}, {MOSCOW, KYIV, OFFICIALS_A2, f"unnamed:{iri('a1')}:officials"}, 2),
        ({"focus": "moscow"}, {MOSCOW, KYIV}, 1),
        ({"focus": "Kyiv"}, {MOSCOW, KYIV, OFFICIALS_A2}, 2),
        ({"min_weight": 2}, {MOSCOW, KYIV, OFFICIALS_A2, f"unnamed:{iri('a1')}:officials"}, 1),
        ({"focus": "officials", "min_weight": 2}, {OFFICIALS_A2, f"unnamed:{iri('a1')}:officials"}, 0),
        # scores: claims + linked pairs = Kyiv 3+4, Moscow 3+3, officials(a2) 1+1, officials(a1) 2+0
        ({"top": 2}, {MOSCOW, KYIV}, 1),
        ({"top": 3}, {MOSCOW, KYIV, f"unnamed:{iri('a1')}:officials"}, 1),
        ({"top": 1, "focus": "moscow"}, {MOSCOW}, 0),  # the focused source always stays
        ({"linked": True}, {MOSCOW, KYIV, OFFICIALS_A2}, 2),
        ({"linked": True, "min_weight": 2}, {MOSCOW, KYIV}, 1),
        (
            {"linked": True, "focus": "officials", "min_weight": 2},
            {OFFICIALS_A2, f"unnamed:{iri('a1')}:officials"},
            0,
        ),
    ],
)
def test_filters(options: dict[str, object], nodes: set[str], edges: int) -> None:
    kept = filter_network(source_network(corpus_graph()), **options)  # type: ignore[arg-type]
    assert set(kept.nodes) == nodes
    assert kept.number_of_edges() == edges


def test_top_below_one_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        filter_network(source_network(corpus_graph()), top=0)


def test_corpus_page(tmp_path: Path) -> None:
    out = tmp_path / "corpus.html"
    stats = write_source_view(corpus_graph(), out, title="Corpus")
    assert (stats.nodes, stats.edges, stats.sources) == (4, 2, 4)
    data = page_data(out.read_text(encoding="utf-8"))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert set(by_id) == {MOSCOW, KYIV, OFFICIALS_A2, f"unnamed:{iri('a1')}:officials"}
    assert by_id[KYIV]["size"] == by_id[MOSCOW]["size"] > by_id[OFFICIALS_A2]["size"]  # size by claims
    assert "AP 2, Reuters 1" in by_id[MOSCOW]["title"]
    colours = sorted((e["from"], e["to"], e["color"], e["label"]) for e in data["edges"])
    assert colours == [
        (MOSCOW, KYIV, COLOURS["disputes"], "3"),
        (OFFICIALS_A2, KYIV, COLOURS["supports"], ""),
    ]
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 200


def test_corpus_page_escapes_hostile_names(tmp_path: Path) -> None:
    g = corpus_graph()
    add_source(g, "a3/evil", f"{PAYLOADS[0]} {PAYLOADS[1]}", "person")
    add_attribution(g, Attr("x10", "c10", PAYLOADS[0], "a3", "a3/evil", sentence=PAYLOADS[1]))
    g.add((iri("c10"), CKG.disputes, iri("c5")))
    out = tmp_path / "h.html"
    write_source_view(g, out, title=PAYLOADS[1])
    page = out.read_text(encoding="utf-8")
    assert "</script><script>document.title" not in page and "<img" not in page
    assert any(PAYLOADS[0] in n["label"] for n in page_data(page)["nodes"])


def test_cli_corpus_view(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    write_turtle(corpus_graph(), graph)
    runner = CliRunner()
    result = runner.invoke(main, ["view", str(graph), "-o", str(tmp_path / "c.html"), "--corpus"])
    assert result.exit_code == 0, result.output
    assert result.output == f"{tmp_path / 'c.html'}: 4 of 4 sources, 2 links\n"
    result = runner.invoke(main, ["view", str(graph), "-o", str(tmp_path / "f.html"), "--focus", "MOSCOW"])
    assert result.exit_code == 0 and "2 of 4 sources, 1 links" in result.output
    result = runner.invoke(main, ["view", str(graph), "-o", str(tmp_path / "m.html"), "--min-weight", "2"])
    assert result.exit_code == 0 and "4 of 4 sources, 1 links" in result.output
    result = runner.invoke(main, ["view", str(graph), "-o", str(tmp_path / "l.html"), "--linked"])
    assert result.exit_code == 0 and "3 of 4 sources, 2 links" in result.output
    result = runner.invoke(main, ["view", str(graph), "-o", str(tmp_path / "x.html"), "--focus", "nobody"])
    assert result.exit_code == 1 and f"{graph}: no source matches 'nobody'" in result.output
    assert not (tmp_path / "x.html").exists()
