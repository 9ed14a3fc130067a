"""Loading claim graphs and running SPARQL over them, with table / CSV / JSON output.

Files are loaded by Oxigraph (strict, with line and column in its errors, and fast: rdflib's own
parsers accept invalid Turtle and are slow at scale) into an in-memory store held behind an rdflib
:class:`~rdflib.Graph` (:mod:`kg.rdfstore`), so :func:`run_query` on such a graph runs in Oxigraph; on a
graph in rdflib's own store it runs in rdflib's engine. Whatever the engine, its answer is turned into
one engine-neutral :class:`QueryResult` (plain strings plus the SPARQL JSON description of every term);
``Store.query``'s answer goes through :func:`result_from_oxigraph`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow

from kg.graph import bind_prefixes
from kg.rdfstore import graph_over, ox_graph_name, ox_store_of, union_store

# File suffix -> format name (``kg serve`` maps these names to its own loader).
FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = ("trig", "nquads", "json-ld")
RESULT_FORMATS = ("table", "csv", "json")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class GraphLoadError(ValueError):
    """A graph file that cannot be read; the message names the file and the problem."""


def load_graph(path: Path | str) -> Graph:
    """All triples of a Turtle/TriG/N-Quads/N-Triples/JSON-LD file (quad formats: the union of all
    graphs), or of a claim store directory (:mod:`kg.store`), as an rdflib graph with our prefixes, held
    in an in-memory Oxigraph store."""
    path = Path(path)
    if path.is_dir():
        return _load_store(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphLoadError(
            f"{path}: unknown RDF format {path.suffix!r} (expected one of {', '.join(FORMATS)})"
        )
    if not path.is_file():
        raise GraphLoadError(f"{path}: no such file")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=OX_FORMATS[fmt], base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError) as exc:
        raise GraphLoadError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    except OSError as exc:
        raise GraphLoadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if fmt in QUAD_FORMATS:
        store = union_store(store)
    g = graph_over(store)
    bind_prefixes(g)
    return g


def _load_store(path: Path) -> Graph:
    from kg.store import ClaimStore, is_store

    if not is_store(path):
        raise GraphLoadError(f"{path}: a directory that is not a claim store")
    with ClaimStore(path, read_only=True) as store:
        return store.to_graph()


# ---------------------------------------------------------------- results
Term = dict[str, str]  # one term in the SPARQL 1.1 JSON results format: {"type", "value", ...}


@dataclass(frozen=True)
class QueryResult:
    """An answer as plain strings: ``vars`` and ``rows`` (``None`` for unbound).

    ``kinds`` ("uri" / "literal" / "bnode" per cell) and ``terms`` (each cell as a SPARQL JSON term,
    with its datatype or language; read-only, one term may be shared by cells) are optional detail for
    the JSON output. An ASK answer has ``boolean`` set and is also one row ``("true",)`` or
    ``("false",)`` under the variable ``ask``.
    A CONSTRUCT or DESCRIBE answer is rows of subject, predicate, object.
    """

    vars: list[str]
    rows: list[tuple[str | None, ...]]
    kinds: list[tuple[str | None, ...]] | None = None
    terms: list[tuple[Term | None, ...]] | None = None
    boolean: bool | None = None

    @classmethod
    def ask(cls, answer: bool) -> QueryResult:
        """The answer of an ASK query."""
        return cls(["ask"], [(str(answer).lower(),)], boolean=answer)

    @classmethod
    def from_terms(cls, names: list[str], cells: Sequence[tuple[Term | None, ...]]) -> QueryResult:
        """Rows from SPARQL JSON terms (what every engine's converter produces)."""
        cells = list(cells)
        rows = [tuple(t["value"] if t else None for t in row) for row in cells]
        kinds = [tuple(t["type"] if t else None for t in row) for row in cells]
        return cls(names, rows, kinds, cells)


def term_json(value: object) -> Term | None:
    """An rdflib or pyoxigraph term as a SPARQL 1.1 JSON results term (``None`` when unbound)."""
    if value is None:
        return None
    if isinstance(value, ox.NamedNode):
        return {"type": "uri", "value": value.value}
    if isinstance(value, ox.Literal):
        term = {"type": "literal", "value": value.value}
        if value.language:
            term["xml:lang"] = value.language
        elif value.datatype.value != XSD_STRING:
            term["datatype"] = value.datatype.value
        return term
    if isinstance(value, ox.BlankNode):
        return {"type": "bnode", "value": value.value}
    if isinstance(value, URIRef):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    if isinstance(value, Literal):
        out = {"type": "literal", "value": str(value)}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype is not None and str(value.datatype) != XSD_STRING:
            out["datatype"] = str(value.datatype)
        return out
    return {"type": "literal", "value": str(value)}


def run_query(graph: Graph, sparql: str) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query through rdflib's API (in Oxigraph when the graph
    is held there, :mod:`kg.rdfstore`); ``ValueError`` on a bad query."""
    store = ox_store_of(graph)
    try:
        if store is not None:  # straight to Oxigraph: no rdflib terms in between
            prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
            return result_from_oxigraph(
                store.query(sparql, prefixes=prefixes, default_graph=ox_graph_name(graph))
            )
        return _from_rdflib(graph.query(sparql))
    except Exception as exc:  # rdflib raises parser- and evaluation-specific types
        raise ValueError(f"SPARQL error: {exc}") from exc


def _from_rdflib(result: Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult.ask(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = [tuple(term_json(t) for t in row) for row in result if isinstance(row, tuple)]
        return QueryResult.from_terms(["subject", "predicate", "object"], triples)
    names = [str(v) for v in result.vars or []]
    cells = [tuple(term_json(row[v]) for v in names) for row in result if isinstance(row, ResultRow)]
    return QueryResult.from_terms(names, cells)


def result_from_oxigraph(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    """The same :class:`QueryResult` from a pyoxigraph answer (``Store.query``), for an Oxigraph path."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult.ask(bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        seen: dict[object, Term | None] = {}  # a term repeats across rows (an outlet, a cue): convert it once

        def convert(term: object) -> Term | None:
            try:
                return seen[term]
            except KeyError:
                seen[term] = out = term_json(term)
                return out

        return QueryResult.from_terms(names, [tuple(map(convert, s)) for s in result])
    triples = [(term_json(t.subject), term_json(t.predicate), term_json(t.object)) for t in result]
    return QueryResult.from_terms(["subject", "predicate", "object"], triples)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """``table`` (aligned columns and a row count), ``csv`` (SPARQL CSV: plain values, header of
    variable names) or ``json`` (SPARQL 1.1 Query Results JSON)."""
    if fmt == "csv":
        return _csv(result)
    if fmt == "json":
        return json.dumps(_json(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "table":
        return _table(result)
    raise ValueError(f"unknown result format {fmt!r} (expected one of {', '.join(RESULT_FORMATS)})")


def _csv(result: QueryResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.vars)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)
    return buf.getvalue()


def _json(result: QueryResult) -> dict[str, object]:
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    return {
        "head": {"vars": result.vars},
        "results": {"bindings": [_binding(result, i) for i in range(len(result.rows))]},
    }


def _binding(result: QueryResult, i: int) -> dict[str, Term]:
    """Row ``i`` as a JSON binding, from ``terms`` when known, else from ``kinds`` and the value."""
    out: dict[str, Term] = {}
    for j, (var, value) in enumerate(zip(result.vars, result.rows[i], strict=True)):
        if value is None:
            continue
        term = result.terms[i][j] if result.terms else None
        kind = result.kinds[i][j] if result.kinds else None
        out[var] = term or {"type": kind or "literal", "value": value}
    return out


def _one_line(value: str) -> str:
    """A cell on one line: line breaks and tabs shown as escapes so that columns stay aligned."""
    return value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _table(result: QueryResult) -> str:
    cells = [[_one_line(c or "") for c in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.vars)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.vars, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.append(f"({len(result.rows)} {'row' if len(result.rows) == 1 else 'rows'})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


__all__ = [
    "FORMATS",
    "GraphLoadError",
    "QueryResult",
    "format_result",
    "load_graph",
    "result_from_oxigraph",
    "run_query",
    "term_json",
]
