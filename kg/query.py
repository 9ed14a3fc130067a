"""Loading claim graphs and running SPARQL over them, with table / CSV / JSON output."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.query import ResultRow

from kg.graph import bind_prefixes

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}


class GraphLoadError(ValueError):
    """A graph file that cannot be read; the message names the file and the problem."""


def load_graph(path: Path) -> Graph:
    """A graph from a Turtle/TriG/N-Quads/N-Triples/JSON-LD file (quad formats: union of all graphs)
    or from a claim store directory (:mod:`kg.store`)."""
    if path.is_dir():
        from kg.store import ClaimStore, is_store

        if not is_store(path):
            raise GraphLoadError(f"{path}: a directory that is not a claim store")
        g = ClaimStore(path, read_only=True).to_graph()
        bind_prefixes(g)
        return g
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphLoadError(f"{path}: unknown RDF format (expected one of {', '.join(FORMATS)})")
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            ds = Dataset()
            ds.parse(path, format=fmt)
            g = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
        else:
            g = Graph()
            g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise GraphLoadError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    bind_prefixes(g)
    return g


@dataclass(frozen=True)
class QueryResult:
    """Variables and rows as plain strings (``None`` for unbound)."""

    vars: list[str]
    rows: list[tuple[str | None, ...]]
    kinds: list[tuple[str | None, ...]] | None = None  # "uri" | "literal" per cell, for JSON output


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value)


def _kind(value: object) -> str | None:
    if value is None:
        return None
    return "uri" if isinstance(value, URIRef) else "literal"


def run_query(graph: Graph, sparql: str) -> QueryResult:
    """Run a SELECT, ASK or CONSTRUCT query (CONSTRUCT rows are subject/predicate/object)."""
    try:
        result = graph.query(sparql)
    except Exception as exc:
        raise ValueError(f"SPARQL error: {exc}") from exc
    if result.type == "ASK":
        return QueryResult(["ask"], [(str(bool(result.askAnswer)).lower(),)])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(
            ["subject", "predicate", "object"],
            [tuple(_text(t) for t in row) for row in result if isinstance(row, tuple)],
        )
    names = [str(v) for v in result.vars or []]
    raw = [tuple(row[v] for v in names) for row in result if isinstance(row, ResultRow)]
    return QueryResult(
        names, [tuple(_text(c) for c in r) for r in raw], [tuple(_kind(c) for c in r) for r in raw]
    )


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.vars)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buf.getvalue()
    if fmt == "json":
        kinds = result.kinds or [tuple("literal" for _ in row) for row in result.rows]
        bindings = [
            {
                var: {"type": kind or "literal", "value": v}
                for var, v, kind in zip(result.vars, row, kinds_row, strict=True)
                if v is not None
            }
            for row, kinds_row in zip(result.rows, kinds, strict=True)
        ]
        return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}}, indent=2) + "\n"
    widths = [max([len(v), *(len(r[i] or "") for r in result.rows)]) for i, v in enumerate(result.vars)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.vars, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in result.rows:
        lines.append("  ".join((c or "").ljust(w) for c, w in zip(row, widths, strict=True)))
    lines.append(f"({len(result.rows)} rows)")
    return "\n".join(line.rstrip() for line in lines) + "\n"


__all__ = ["GraphLoadError", "QueryResult", "format_result", "load_graph", "run_query"]
