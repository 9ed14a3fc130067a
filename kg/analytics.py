"""Corpus analytics over a claim graph: who is quoted, who disputes whom, how outlets source and frame.

Every function takes an rdflib :class:`~rdflib.Graph` (what :func:`kg.query.load_graph` returns), collects
plain strings with one SPARQL query and returns a :class:`Table` (plain rows, printable as aligned text or
CSV); :func:`dispute_graph` returns the networkx graph behind :func:`disputes_table`. :func:`stats` runs
them all.

Named sources are counted by their agent (``ckg:agent``: one per normalised name across articles, so
"Putin" and "Russian leader Vladimir Putin" are one row), other sources by their label. Articles
without a publisher count under ``(unknown outlet)``, as in ``ontology/queries/``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.namespace import NS, SCHEMA
from kg.rdfstore import select_strings

if TYPE_CHECKING:
    import networkx as nx

UNKNOWN_OUTLET = "(unknown outlet)"
NO_SOURCE = "(no source)"

_PREFIXES = f"""
PREFIX ckg: <{NS}>
PREFIX schema: <{SCHEMA}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# One row per attribution: its claim, its source (if any), the source's type and agent (named sources:
# one per real-world entity across articles), its article, outlet and cue lemma.
ATTRIBUTIONS = (
    _PREFIXES
    + """
SELECT ?a ?claim ?source ?label ?type ?unnamed ?agent ?agentLabel ?article ?outlet ?cue
WHERE {
  ?a a ckg:Attribution .
  OPTIONAL { ?a ckg:claim ?claim }
  OPTIONAL { ?a ckg:article ?article OPTIONAL { ?article schema:publisher/schema:name ?outlet } }
  OPTIONAL { ?a ckg:cueLemma ?cue }
  OPTIONAL {
    ?a ckg:source ?source .
    OPTIONAL { ?source rdfs:label ?label }
    OPTIONAL { ?source ckg:sourceType ?type }
    OPTIONAL { ?source a ckg:UnnamedSource . BIND("true" AS ?unnamed) }
    OPTIONAL { ?source ckg:agent ?agent OPTIONAL { ?agent rdfs:label ?agentLabel } }
  }
}
"""
)

# One row per claim-disputes-claim pair (within an article or across articles) and the names of the
# sources of both claims: the agent's name for a named source, else the source's label.
LINKED = (
    _PREFIXES
    + """
SELECT DISTINCT ?claim ?claimText ?disputer ?disputed ?disputedText ?claimant
WHERE {
  ?claim ckg:RELATION ?disputed .
  ?a ckg:claim ?claim ; ckg:source ?s .
  ?s rdfs:label ?sl . OPTIONAL { ?s ckg:agent/rdfs:label ?sa } BIND(COALESCE(?sa, ?sl) AS ?disputer)
  ?b ckg:claim ?disputed ; ckg:source ?t .
  ?t rdfs:label ?tl . OPTIONAL { ?t ckg:agent/rdfs:label ?ta } BIND(COALESCE(?ta, ?tl) AS ?claimant)
  OPTIONAL { ?claim schema:text ?claimText }
  OPTIONAL { ?disputed schema:text ?disputedText }
}
"""
)
DISPUTES = LINKED.replace("RELATION", "disputes")
SUPPORTS = LINKED.replace("RELATION", "supports")


# ---------------------------------------------------------------------------------------------------
# tables


def _cell(value: object) -> str:
    """A cell as text: floats with three decimals, ``None`` empty, line breaks shown as escapes."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


@dataclass(frozen=True)
class Table:
    """A result as ``columns`` (names) and ``rows`` (tuples of str, int or float, one per row)."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def to_text(self) -> str:
        """Aligned columns (numbers right-aligned), a dashed rule under the header and a row count."""
        cells = [[_cell(v) for v in row] for row in self.rows]
        widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(self.columns)]
        numeric = [bool(self.rows) and all(_is_number(r[i]) for r in self.rows) for i in range(len(widths))]

        def line(values: Iterable[str]) -> str:
            parts = zip(values, widths, numeric, strict=True)
            return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in parts).rstrip()

        lines = [line(self.columns), line("-" * w for w in widths), *(line(r) for r in cells)]
        lines.append(f"({len(self.rows)} {'row' if len(self.rows) == 1 else 'rows'})")
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        """RFC 4180 CSV with a header row; numbers as Python writes them, ``None`` as an empty field."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if v is None else v for v in row] for row in self.rows)
        return buf.getvalue()

    def to_html(self, max_chars: int = 200) -> str:
        """An HTML ``<table>`` (every cell escaped, text longer than ``max_chars`` shortened with "…")."""
        import html

        def cell(tag: str, value: object) -> str:
            text = _cell(value)
            text = text if len(text) <= max_chars else text[: max_chars - 1] + "…"
            align = ' style="text-align:right"' if _is_number(value) else ""
            return f"<{tag}{align}>{html.escape(text)}</{tag}>"

        head = "".join(cell("th", c) for c in self.columns)
        body = "".join("<tr>" + "".join(cell("td", v) for v in row) + "</tr>" for row in self.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:  # shown by Jupyter when a Table is a cell's value
        return self.to_html()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _select(graph: Graph, query: str) -> list[dict[str, str]]:
    """SELECT results as dicts of strings; unbound variables are left out."""
    return select_strings(graph, query)


def _tail(iri: str) -> str:
    """The last path segment of a vocabulary IRI (``…/source-type/person`` -> ``person``)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _source_type(row: dict[str, str]) -> str:
    """The source's type from its ``ckg:sourceType``, else ``unnamed`` / ``named`` from its class."""
    if "type" in row:
        return _tail(row["type"])
    return "unnamed" if "unnamed" in row else "named"


def _outlet(row: dict[str, str]) -> str:
    return row.get("outlet") or UNKNOWN_OUTLET


def _source_label(row: dict[str, str]) -> str:
    """The agent's name for a named source (one per real-world entity across articles), else the label."""
    return row.get("agentLabel") or row.get("label") or NO_SOURCE


# ---------------------------------------------------------------------------------------------------
# most quoted sources


def most_quoted(graph: Graph, top: int = 20) -> Table:
    """The ``top`` sources by number of attributions: source label, type (the most frequent one when a
    label has several), attributions and distinct articles; ties broken by articles, then label."""
    attributions: Counter[str] = Counter()
    articles: defaultdict[str, set[str]] = defaultdict(set)
    types: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in _select(graph, ATTRIBUTIONS):
        if "source" not in row:
            continue
        label = _source_label(row)
        attributions[label] += 1
        articles[label].add(row.get("article", ""))
        types[label][_source_type(row)] += 1
    ranked = sorted(attributions, key=lambda s: (-attributions[s], -len(articles[s]), s))
    rows = [(s, types[s].most_common(1)[0][0], attributions[s], len(articles[s])) for s in ranked[:top]]
    return Table(["source", "type", "attributions", "articles"], rows)


# ---------------------------------------------------------------------------------------------------
# disputes


def dispute_graph(graph: Graph, query: str = DISPUTES) -> nx.DiGraph:
    """Who disputes whom: an edge ``A -> B`` (source labels) when a claim attributed to A disputes a
    claim attributed to B (``ckg:disputes``). Edge attributes: ``weight`` (the number of distinct
    claim pairs) and ``claims`` (a sorted list of ``(A's claim text, B's claim text)`` pairs)."""
    import networkx as nx

    pairs: defaultdict[tuple[str, str], set[tuple[str, str, str, str]]] = defaultdict(set)
    for row in _select(graph, query):
        key = (row["disputer"], row["claimant"])
        pairs[key].add((row["claim"], row["disputed"], row.get("claimText", ""), row.get("disputedText", "")))
    net = nx.DiGraph()
    for (a, b), found in sorted(pairs.items()):
        texts = sorted({(text, disputed) for _, _, text, disputed in found})
        net.add_edge(a, b, weight=len(found), claims=texts)
    return net


def disputes_table(graph: Graph) -> Table:
    """One row per edge of :func:`dispute_graph`: disputer, disputed source, the number of claim pairs
    and the pairs as ``"claim" vs "disputed claim"`` joined by ``" | "``; most disputes first."""
    net = dispute_graph(graph)
    edges = sorted(net.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))
    rows = [(a, b, d["weight"], " | ".join(f'"{c}" vs "{x}"' for c, x in d["claims"])) for a, b, d in edges]
    return Table(["disputer", "disputed", "disputes", "claims"], rows)


def supports_table(graph: Graph) -> Table:
    """As :func:`disputes_table` for ``ckg:supports`` (corroboration across articles, assenting answers):
    supporter, supported source, claim pairs and the pairs as ``"claim" and "supported claim"``."""
    net = dispute_graph(graph, SUPPORTS)
    edges = sorted(net.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))
    rows = [(a, b, d["weight"], " | ".join(f'"{c}" and "{x}"' for c, x in d["claims"])) for a, b, d in edges]
    return Table(["supporter", "supported", "supports", "claims"], rows)


# ---------------------------------------------------------------------------------------------------
# outlets


def outlet_source_mix(graph: Graph) -> Table:
    """Per outlet (publisher name): its number of attributions and the share of them with a named
    source, an unnamed source ("officials") and no source at all; the three shares sum to 1."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in _select(graph, ATTRIBUTIONS):
        kind = "none" if "source" not in row else "unnamed" if "unnamed" in row else "named"
        counts[_outlet(row)][kind] += 1
    rows = []
    for outlet in sorted(counts):
        c = counts[outlet]
        total = c.total()
        rows.append((outlet, total, c["named"] / total, c["unnamed"] / total, c["none"] / total))
    return Table(["outlet", "attributions", "named", "unnamed", "no_source"], rows)


def cue_framing(graph: Graph) -> Table:
    """How each outlet frames each source: one row per outlet, source label and cue lemma with the
    number of attributions (sourced attributions with a cue only); by outlet, source, most used cue."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for row in _select(graph, ATTRIBUTIONS):
        if "source" in row and "cue" in row:
            counts[(_outlet(row), _source_label(row), row["cue"])] += 1
    ordered = sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1], -kv[1], kv[0][2]))
    return Table(["outlet", "source", "cue", "attributions"], [(*key, n) for key, n in ordered])


# ---------------------------------------------------------------------------------------------------
# all of them

STATS = ("most-quoted", "disputes", "supports", "outlet-source-mix", "cue-framing")


def stats(graph: Graph) -> dict[str, Table]:
    """Every table by name, in the order of :data:`STATS`."""
    return {
        "most-quoted": most_quoted(graph),
        "disputes": disputes_table(graph),
        "supports": supports_table(graph),
        "outlet-source-mix": outlet_source_mix(graph),
        "cue-framing": cue_framing(graph),
    }


def render_stats(tables: dict[str, Table], fmt: str = "table") -> str:
    """Several tables as one text: each under a ``## name`` heading (``table``), or each CSV preceded by
    a ``# name`` line and separated by a blank line (``csv``; one table alone is plain CSV)."""
    if fmt not in ("table", "csv"):
        raise ValueError(f"unknown stats format {fmt!r} (expected table or csv)")
    if fmt == "csv" and len(tables) == 1:
        return next(iter(tables.values())).to_csv()
    if fmt == "csv":
        return "\n".join(f"# {name}\n{table.to_csv()}" for name, table in tables.items())
    return "\n".join(f"## {name}\n{table.to_text()}" for name, table in tables.items())


__all__ = [
    "STATS",
    "Table",
    "cue_framing",
    "dispute_graph",
    "disputes_table",
    "most_quoted",
    "outlet_source_mix",
    "render_stats",
    "stats",
    "supports_table",
]
