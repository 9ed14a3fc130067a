"""Corpus analytics (kg.analytics) on the seed article and on small hand-made graphs."""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, datetime

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.analytics import (
    STATS,
    Table,
    cue_framing,
    dispute_graph,
    disputes_table,
    most_quoted,
    outlet_source_mix,
    render_stats,
    stats,
)
from kg.document import Document
from kg.graph import RunInfo, build_dataset, union_graph
from kg.namespace import CKG, SCHEMA, concept
from kg.record import Attribution

RUN = RunInfo("claim-kg", "test", "model-x", datetime(2026, 1, 1, tzinfo=UTC))
EX = "https://example.org/"


@pytest.fixture(scope="module")
def seed_graph(seed_document: Document, seed_records: list[Attribution]) -> Graph:
    """The seed article extracted with the session's model and mapped to RDF (what claims.ttl holds)."""
    return union_graph(build_dataset([(seed_document, seed_records)], RUN))


def row_of(table: Table, **where: object) -> tuple[object, ...]:
    """The one row whose named columns have the given values."""
    idx = {c: table.columns.index(c) for c in where}
    found = [r for r in table.rows if all(r[idx[c]] == v for c, v in where.items())]
    assert len(found) == 1, (where, table.rows)
    return found[0]


# ---------------------------------------------------------------- the seed
def test_most_quoted_lists_moscow_with_two_attributions(seed_graph: Graph) -> None:
    table = most_quoted(seed_graph)
    assert table.columns == ["source", "type", "attributions", "articles"]
    assert row_of(table, source="Moscow")[2:] == (2, 1)
    counts = [r[2] for r in table.rows]
    assert counts == sorted(counts, reverse=True)


def test_most_quoted_keeps_the_top(seed_graph: Graph) -> None:
    assert len(most_quoted(seed_graph, top=3).rows) == 3


def test_the_dispute_graph_has_moscow_disputing_ukraine_officials(seed_graph: Graph) -> None:
    net = dispute_graph(seed_graph)
    assert net.has_edge("Moscow", "Ukraine officials")
    edge = net.edges["Moscow", "Ukraine officials"]
    assert edge["weight"] == len(edge["claims"]) >= 1
    assert all(
        disputed == "a prisoner swap for Mariupol defenders was discussed" for _, disputed in edge["claims"]
    )
    row = row_of(disputes_table(seed_graph), disputer="Moscow", disputed="Ukraine officials")
    assert row[2] == edge["weight"]
    assert "a prisoner swap for Mariupol defenders was discussed" in str(row[3])


def test_outlet_mix_shares_sum_to_one(seed_graph: Graph) -> None:
    table = outlet_source_mix(seed_graph)
    assert [r[0] for r in table.rows] == ["Latin Times"]
    for _, total, *shares in table.rows:
        assert total > 0
        assert math.isclose(sum(shares), 1.0)
        assert all(0 <= s <= 1 for s in shares)


def test_framing_has_moscow_belie(seed_graph: Graph) -> None:
    assert row_of(cue_framing(seed_graph), outlet="Latin Times", source="Moscow", cue="belie")[3] == 1


def test_every_table_parses_as_csv(seed_graph: Graph) -> None:
    tables = stats(seed_graph)
    assert list(tables) == list(STATS)
    for table in tables.values():
        parsed = list(csv.reader(io.StringIO(table.to_csv())))
        assert parsed[0] == table.columns
        assert parsed[1:] == [[str(v) for v in row] for row in table.rows]


def test_text_is_aligned_and_counts_its_rows(seed_graph: Graph) -> None:
    text = most_quoted(seed_graph).to_text()
    lines = text.splitlines()
    assert lines[0].split() == ["source", "type", "attributions", "articles"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == f"({len(lines) - 3} rows)"
    assert render_stats(stats(seed_graph)).count("## ") == len(STATS)


# ---------------------------------------------------------------- hand-made graphs
def attribution(
    g: Graph,
    name: str,
    article: str,
    *,
    source: str | None = None,
    unnamed: bool = False,
    cue: str | None = None,
    claim: str | None = None,
) -> URIRef:
    """Add one attribution (and its source and claim) to ``g``; returns the claim."""
    a, c, art = URIRef(EX + "a/" + name), URIRef(EX + "c/" + (claim or name)), URIRef(EX + "art/" + article)
    g.add((a, RDF.type, CKG.Attribution))
    g.add((a, CKG.article, art))
    g.add((a, CKG.claim, c))
    g.add((c, SCHEMA.text, Literal(f"text of {claim or name}")))
    if cue:
        g.add((a, CKG.cueLemma, Literal(cue)))
    if source:
        s = URIRef(EX + "s/" + article + "/" + source)
        g.add((a, CKG.source, s))
        g.add((s, RDFS.label, Literal(source)))
        g.add((s, RDF.type, CKG.UnnamedSource if unnamed else CKG.NamedSource))
        if unnamed:
            g.add((s, CKG.sourceType, concept("source-type", "unnamed")))
    return c


def two_outlets() -> Graph:
    g = Graph()
    g.add((URIRef(EX + "art/1"), SCHEMA.publisher, URIRef(EX + "org/x")))
    g.add((URIRef(EX + "org/x"), SCHEMA.name, Literal("X News")))
    attribution(g, "1", "1", source="Moscow", cue="say")
    attribution(g, "2", "1", source="officials", unnamed=True, cue="say")
    attribution(g, "3", "1")
    attribution(g, "4", "2", source="Moscow", cue="deny")  # article 2 has no publisher
    return g


def test_a_source_in_two_articles_is_one_row_with_two_articles() -> None:
    assert row_of(most_quoted(two_outlets()), source="Moscow")[1:] == ("named", 2, 2)
    assert row_of(most_quoted(two_outlets()), source="officials")[1:] == ("unnamed", 1, 1)


def test_outlet_mix_counts_named_unnamed_and_no_source() -> None:
    table = outlet_source_mix(two_outlets())
    assert table.rows == [("(unknown outlet)", 1, 1.0, 0.0, 0.0), ("X News", 3, 1 / 3, 1 / 3, 1 / 3)]


def test_framing_is_per_outlet_and_source() -> None:
    assert cue_framing(two_outlets()).rows == [
        ("(unknown outlet)", "Moscow", "deny", 1),
        ("X News", "Moscow", "say", 1),
        ("X News", "officials", "say", 1),
    ]


def test_dispute_weight_counts_claim_pairs() -> None:
    g = Graph()
    base = attribution(g, "claim", "1", source="Kyiv")
    for n in ("d1", "d2"):
        g.add((attribution(g, n, "1", source="Moscow"), CKG.disputes, base))
    net = dispute_graph(g)
    assert list(net.edges(data="weight")) == [("Moscow", "Kyiv", 2)]
    assert net.edges["Moscow", "Kyiv"]["claims"] == [
        ("text of d1", "text of claim"),
        ("text of d2", "text of claim"),
    ]


def test_an_empty_graph_gives_empty_tables() -> None:
    for name, table in stats(Graph()).items():
        assert table.rows == [], name
        assert table.to_text().endswith("(0 rows)\n")
        assert table.to_csv() == ",".join(table.columns) + "\n"


def test_html_escapes_cells() -> None:
    table = Table(["who", "n"], [("<b>&</b>", 3)])
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in table.to_html()
    assert "<b>" not in table.to_html()
    assert table._repr_html_() == table.to_html()


def test_render_stats_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown stats format"):
        render_stats({}, "xml")
    one = {"t": Table(["a"], [(1,)])}
    assert render_stats(one, "csv") == "a\n1\n"
