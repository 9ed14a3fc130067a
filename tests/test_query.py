"""Loading graph files and running SPARQL (kg.query) on a graph built from hand-made records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export import turtle_string, write_jsonld, write_nquads, write_ntriples, write_trig, write_turtle
from kg.graph import build_dataset, union_graph
from kg.query import (
    GraphLoadError,
    QueryResult,
    format_result,
    load_graph,
    result_from_oxigraph,
    run_query,
)
from tests.test_graph import RUN, sample

PREFIXES = """PREFIX ckg: <https://w3id.org/claim-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
"""
CLAIMS = (
    PREFIXES
    + """SELECT ?source ?cue ?claim ?confidence ?disputed WHERE {
  ?a ckg:claim ?c ; ckg:confidence ?confidence .
  ?c schema:text ?claim .
  OPTIONAL { ?a ckg:source/rdfs:label ?source }
  OPTIONAL { ?a ckg:cue ?cue }
  OPTIONAL { ?c ckg:disputes/schema:text ?disputed }
} ORDER BY DESC(?confidence)"""
)
ROWS = [
    ("Ukrainian officials", "said", "a prisoner swap was discussed", "0.8", None),
    ("Moscow", "denied", "any such deal", "0.6", "a prisoner swap was discussed"),
    (None, None, "The talks were allegedly held in Istanbul", "0.4", None),
]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return union_graph(build_dataset([sample()], RUN))


def test_select_gives_plain_strings_and_none_for_unbound(graph: Graph) -> None:
    result = run_query(graph, CLAIMS)
    assert result.vars == ["source", "cue", "claim", "confidence", "disputed"]
    assert result.rows == ROWS


def test_table_format(graph: Graph) -> None:
    assert format_result(run_query(graph, CLAIMS), "table") == (
        "source               cue     claim                                      confidence  disputed\n"
        "-------------------  ------  -----------------------------------------  ----------  "
        "-----------------------------\n"
        "Ukrainian officials  said    a prisoner swap was discussed              0.8\n"
        "Moscow               denied  any such deal                              0.6         "
        "a prisoner swap was discussed\n"
        "                             The talks were allegedly held in Istanbul  0.4\n"
        "(3 rows)\n"
    )


def test_table_keeps_a_multi_line_value_on_one_line() -> None:
    result = QueryResult(["a", "b"], [("x\ny", "z"), ("1", None)])
    lines = format_result(result, "table").splitlines()
    assert lines == ["a     b", "----  -", "x\\ny  z", "1", "(2 rows)"]


def test_csv_format(graph: Graph) -> None:
    text = format_result(run_query(graph, CLAIMS), "csv")
    assert text.splitlines()[0] == "source,cue,claim,confidence,disputed"
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert rows == [[v or "" for v in row] for row in ROWS]


def test_json_format_is_sparql_results_json(graph: Graph) -> None:
    data = json.loads(format_result(run_query(graph, CLAIMS), "json"))
    assert data["head"] == {"vars": ["source", "cue", "claim", "confidence", "disputed"]}
    bindings = data["results"]["bindings"]
    assert len(bindings) == 3
    assert bindings[0]["source"] == {"type": "literal", "value": "Ukrainian officials"}
    assert bindings[0]["confidence"] == {
        "type": "literal",
        "value": "0.8",
        "datatype": "http://www.w3.org/2001/XMLSchema#decimal",
    }
    assert "disputed" not in bindings[0] and "source" not in bindings[2]  # unbound: left out
    assert bindings[1]["disputed"]["value"] == "a prisoner swap was discussed"


def test_json_types_iris_as_uri(graph: Graph) -> None:
    sparql = PREFIXES + "SELECT ?a WHERE { ?a ckg:hedge ?h }"
    (binding,) = json.loads(format_result(run_query(graph, sparql), "json"))["results"]["bindings"]
    assert binding["a"]["type"] == "uri"
    assert binding["a"]["value"] == sample()[1][2].id


def test_ask_is_one_row_and_a_json_boolean(graph: Graph) -> None:
    yes = run_query(graph, PREFIXES + "ASK { ?s ckg:denies ?c }")
    assert (yes.vars, yes.rows, yes.boolean) == (["ask"], [("true",)], True)
    no = run_query(graph, PREFIXES + "ASK { ?s ckg:alleges ?c }")
    assert no.rows == [("false",)]
    assert json.loads(format_result(yes, "json")) == {"head": {}, "boolean": True}
    assert json.loads(format_result(no, "json")) == {"head": {}, "boolean": False}
    assert format_result(yes, "csv") == "ask\ntrue\n"
    assert format_result(yes, "table") == "ask\n----\ntrue\n(1 row)\n"


def test_construct_gives_subject_predicate_object_rows(graph: Graph) -> None:
    sparql = PREFIXES + "CONSTRUCT { ?s ckg:denies ?c } WHERE { ?s ckg:denies ?c }"
    result = run_query(graph, sparql)
    assert result.vars == ["subject", "predicate", "object"]
    assert [row[1] for row in result.rows] == ["https://w3id.org/claim-kg/ns#denies"]


def test_bad_sparql_and_unknown_format_raise_value_error(graph: Graph) -> None:
    with pytest.raises(ValueError, match="SPARQL"):
        run_query(graph, "SELECT WHERE {")
    with pytest.raises(ValueError, match="xml"):
        format_result(run_query(graph, CLAIMS), "xml")


@pytest.mark.parametrize(
    "sparql",
    [
        CLAIMS,
        PREFIXES + "SELECT ?a WHERE { ?a ckg:hedge ?h }",
        PREFIXES + "ASK { ?s ckg:denies ?c }",
        PREFIXES + "CONSTRUCT { ?s ckg:denies ?c } WHERE { ?s ckg:denies ?c }",
    ],
    ids=["select", "iri", "ask", "construct"],
)
def test_an_oxigraph_answer_converts_to_the_same_result(graph: Graph, sparql: str) -> None:
    store = ox.Store()
    store.load(turtle_string(graph), format=ox.RdfFormat.TURTLE)
    ours, theirs = run_query(graph, sparql), result_from_oxigraph(store.query(sparql))
    assert theirs == ours
    for fmt in ("table", "csv", "json"):
        assert format_result(theirs, fmt) == format_result(ours, fmt)


# ---------------------------------------------------------------- load_graph
def test_every_suffix_loads_the_same_graph(tmp_path: Path, graph: Graph) -> None:
    ds = build_dataset([sample()], RUN)
    write_turtle(union_graph(ds), tmp_path / "c.ttl")
    write_trig(ds, tmp_path / "c.trig")
    write_nquads(ds, tmp_path / "c.nq")
    write_jsonld(ds, tmp_path / "c.jsonld")
    write_ntriples(union_graph(ds), tmp_path / "c.nt")
    for name in ("c.ttl", "c.trig", "c.nq", "c.nt", "c.jsonld"):
        loaded = load_graph(tmp_path / name)
        assert isomorphic(loaded, graph), name
        assert run_query(loaded, CLAIMS).rows == ROWS, name


def test_an_unknown_suffix_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "claims.rdf"
    path.write_text("whatever", encoding="utf-8")
    with pytest.raises(GraphLoadError, match=r"claims\.rdf.*unknown RDF format"):
        load_graph(path)


def test_a_parse_error_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "unterminated .\n', encoding="utf-8")
    with pytest.raises(GraphLoadError, match=r"broken\.ttl: cannot parse as turtle.*line") as info:
        load_graph(path)
    assert isinstance(info.value, ValueError)


def test_turtle_that_rdflib_would_accept_but_is_invalid_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad-iri.ttl"
    path.write_text("<http://example.org/a b> <http://example.org/p> 1 .\n", encoding="utf-8")
    with pytest.raises(GraphLoadError, match=r"bad-iri\.ttl"):
        load_graph(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(GraphLoadError, match=r"nowhere\.ttl: no such file"):
        load_graph(tmp_path / "nowhere.ttl")


def test_loaded_literals_stay_plain(tmp_path: Path, graph: Graph) -> None:
    write_turtle(graph, tmp_path / "c.ttl")
    loaded = load_graph(tmp_path / "c.ttl")
    assert run_query(loaded, PREFIXES + 'ASK { ?a ckg:cue "denied" }').boolean is True
