"""Interactive HTML graph views (pyvis / vis-network), one self-contained file that works offline.

:func:`view_network` reads a claim graph into a networkx ``MultiDiGraph`` (sources, claims, articles;
source -> claim edges labelled with the cue and coloured by stance, dashed when hedged; disputes and
supports edges between claims). :func:`write_view` renders it.

Safety: article text only ever reaches the page as data. pyvis embeds node and edge data as JSON in a
``<script>``; we serialise it ourselves with ``<``, ``>`` and ``&`` escaped as ``\\u003c`` etc., so a
quote holding ``</script>`` cannot close the script, and vis-network 9 shows string tooltips as plain
text. The heading and legend are HTML-escaped. The Bootstrap ``<link>``/``<script>`` tags that pyvis's
template loads from a CDN are removed; vis-network itself is inlined (``cdn_resources="in_line"``).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.export import atomic_write

if TYPE_CHECKING:
    import networkx as nx

STANCE_COLOURS = {"assert": "#2b6cb0", "deny": "#c53030"}
KIND_STYLE = {
    "source": {"shape": "dot", "color": "#f6ad55", "size": 18},
    "claim": {"shape": "box", "color": "#e2e8f0", "size": 12},
    "article": {"shape": "diamond", "color": "#68d391", "size": 14},
    "nosource": {"shape": "dot", "color": "#a0aec0", "size": 10},
}
LINK_COLOURS = {"disputes": "#e53e3e", "supports": "#38a169"}
REMOTE_TAG = re.compile(
    r"<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.S
)

ATTRIBUTIONS = """
PREFIX ckg: <https://w3id.org/claim-kg/ns#>
PREFIX schema: <http://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?a ?source ?sourceLabel ?claim ?claimLabel ?content ?cue ?stance ?certainty ?hedge ?confidence
       ?sentence ?article ?articleLabel ?url
WHERE {
  ?a a ckg:Attribution ; ckg:claim ?claim ; ckg:article ?article ; ckg:stance ?stance ;
     ckg:certainty ?certainty ; ckg:evidence ?ev .
  ?ev nif:anchorOf ?sentence .
  ?claim schema:text ?content .
  OPTIONAL { ?claim rdfs:label ?claimLabel }
  OPTIONAL { ?a ckg:source ?source . OPTIONAL { ?source rdfs:label ?sourceLabel } }
  OPTIONAL { ?a ckg:cue ?cue }
  OPTIONAL { ?a ckg:hedge ?hedge }
  OPTIONAL { ?a ckg:confidence ?confidence }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article dcterms:identifier ?articleId }
  OPTIONAL { ?article schema:url ?url }
  BIND(COALESCE(?headline, ?articleId, STR(?article)) AS ?articleLabel)
}
ORDER BY ?a
"""
LINKS = """
PREFIX ckg: <https://w3id.org/claim-kg/ns#>
SELECT ?from ?rel ?to WHERE {
  { ?from ckg:disputes ?to . BIND("disputes" AS ?rel) }
  UNION { ?from ckg:supports ?to . BIND("supports" AS ?rel) }
} ORDER BY ?from ?to
"""


@dataclass(frozen=True)
class ViewStats:
    nodes: int
    edges: int


def _tail(iri: object) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def view_network(graph: Graph) -> nx.MultiDiGraph:
    """The claim graph as nodes (source, claim, article) and labelled edges, with view attributes."""
    import networkx as nx

    net = nx.MultiDiGraph()
    for row in graph.query(ATTRIBUTIONS):
        r: Any = row
        stance, certainty = _tail(r.stance), _tail(r.certainty)
        claim, article = str(r.claim), str(r.article)
        net.add_node(claim, kind="claim", label=_short(str(r.claimLabel or r.content)), title=str(r.content))
        net.add_node(
            article,
            kind="article",
            label=_short(str(r.articleLabel), 40),
            title=f"{r.articleLabel}\n{r.url or ''}".strip(),
        )
        net.add_edge(claim, article, key=f"{claim}|in", label="in", kind="appearance")
        source = str(r.source) if r.source else f"{r.a}#nosource"
        if r.source:
            net.add_node(
                source, kind="source", label=str(r.sourceLabel or ""), title=str(r.sourceLabel or "")
            )
        else:
            net.add_node(source, kind="nosource", label="(no named source)", title="no named source")
        tooltip = "\n".join(
            filter(
                None,
                [
                    f"cue: {r.cue}" if r.cue else None,
                    f"stance: {stance}, certainty: {certainty}",
                    f"hedge: {r.hedge}" if r.hedge else None,
                    f"confidence: {r.confidence}" if r.confidence is not None else None,
                    f"evidence: {r.sentence}",
                    f"article: {r.articleLabel}",
                ],
            )
        )
        net.add_edge(
            source,
            claim,
            key=str(r.a),
            label=str(r.cue or ""),
            kind="attribution",
            stance=stance,
            hedged=certainty != "certain",
            title=tooltip,
        )
    for row in graph.query(LINKS):
        r = row
        if str(r["from"]) in net and str(r.to) in net:
            net.add_edge(
                str(r["from"]),
                str(r.to),
                key=f"{r['from']}|{r.rel}|{r.to}",
                label=str(r.rel),
                kind=str(r.rel),
            )
    return net


def _vis_node(node_id: str, data: dict[str, Any]) -> dict[str, Any]:
    style = KIND_STYLE[data["kind"]]
    return {"id": node_id, "label": data.get("label", ""), "title": data.get("title", ""), **style}


def _vis_edge(u: str, v: str, data: dict[str, Any]) -> dict[str, Any]:
    edge: dict[str, Any] = {"from": u, "to": v, "label": data.get("label", ""), "arrows": "to"}
    if data["kind"] == "attribution":
        edge["color"] = STANCE_COLOURS.get(data["stance"], "#4a5568")
        edge["dashes"] = bool(data["hedged"])
        edge["title"] = data.get("title", "")
        edge["width"] = 2
    elif data["kind"] in LINK_COLOURS:
        edge["color"] = LINK_COLOURS[data["kind"]]
        edge["width"] = 3
    else:
        edge["color"] = "#cbd5e0"
        edge["dashes"] = [2, 4]
    return edge


def _script_json(value: object) -> str:
    """JSON that cannot end a <script> element nor open a comment or tag inside it."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


OPTIONS = {
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
        "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        "maxVelocity": 40,
    },
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 120},
    "edges": {"font": {"size": 11, "align": "middle"}, "smooth": {"type": "continuous"}},
    "nodes": {"font": {"size": 13}},
}


def _legend() -> str:
    items = [
        ("line", STANCE_COLOURS["assert"], "asserts"),
        ("line", STANCE_COLOURS["deny"], "denies"),
        ("dash", "#4a5568", "hedged (allegedly, is believed …)"),
        ("line", LINK_COLOURS["disputes"], "claim disputes claim"),
        ("line", LINK_COLOURS["supports"], "claim supports claim"),
        ("dot", KIND_STYLE["source"]["color"], "source"),
        ("box", KIND_STYLE["claim"]["color"], "claim"),
        ("dot", KIND_STYLE["article"]["color"], "article"),
    ]
    rows = []
    for kind, colour, text in items:
        if kind in ("line", "dash"):
            style = f"border-top:3px {'dashed' if kind == 'dash' else 'solid'} {colour};width:28px;height:0"
        else:
            radius = "50%" if kind == "dot" else "2px"
            style = f"background:{colour};width:14px;height:14px;border-radius:{radius}"
        rows.append(
            f'<div class="kg-legend-row"><span style="display:inline-block;{style}"></span>'
            f"<span>{html.escape(text)}</span></div>"
        )
    return (
        '<div id="kg-legend" style="position:absolute;top:70px;right:16px;background:#fff;'
        "border:1px solid #ddd;"
        'padding:8px 12px;font:13px sans-serif;z-index:10"><b>Legend</b>' + "".join(rows) + "</div>"
        "<style>.kg-legend-row{display:flex;align-items:center;gap:8px;margin-top:4px}</style>"
    )


def render_html(net: nx.MultiDiGraph, title: str) -> str:
    """The page for ``net``: pyvis's template with inlined vis-network, our escaped data, a legend."""
    from pyvis.network import Network

    page = Network(height="860px", width="100%", directed=True, cdn_resources="in_line", heading="")
    # pyvis fills the template from these; we give them already-safe JSON strings.
    nodes = [_vis_node(n, d) for n, d in net.nodes(data=True)]
    edges = [_vis_edge(u, v, d) for u, v, d in net.edges(data=True)]
    page.set_options(json.dumps(OPTIONS))
    text = page.generate_html(notebook=False)
    text = REMOTE_TAG.sub("", text)
    text = re.sub(
        r"nodes = new vis\.DataSet\(\[.*?\]\);",
        lambda _: f"nodes = new vis.DataSet({_script_json(nodes)});",
        text,
        count=1,
        flags=re.S,
    )
    text = re.sub(
        r"edges = new vis\.DataSet\(\[.*?\]\);",
        lambda _: f"edges = new vis.DataSet({_script_json(edges)});",
        text,
        count=1,
        flags=re.S,
    )
    heading = f'<h2 style="font-family:sans-serif;margin:8px 16px">{html.escape(title)}</h2>'
    text = text.replace("<body>", "<body>" + heading + _legend(), 1)
    return text.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)


def write_view(graph: Graph, path: Path, *, title: str | None = None) -> ViewStats:
    """Write the HTML view of ``graph`` to ``path`` (atomically) and return its size."""
    net = view_network(graph)
    page = render_html(net, title or "claim-kg")
    with atomic_write(path) as fh:
        fh.write(page)
    return ViewStats(nodes=net.number_of_nodes(), edges=net.number_of_edges())
