"""Interactive HTML views of a claim graph: one self-contained file that works offline.

:func:`view_network` reads the graph into a networkx ``MultiDiGraph``: source, claim and article nodes;
source -> claim edges labelled with the cue as written, coloured by stance and dashed when hedged;
claim -> article ("in") edges; claim -> claim disputes (red) and supports (green) edges. Claims with no
source hang off one grey "(no named source)" node per article. :func:`write_view` renders it.

How the page is made, and why not with ``Network.write_html``:

* pyvis builds the vis-network node and edge records (``Network.add_node``/``add_edge``) and ships the
  vis-network 9.1.2 CSS/JS, which we inline.
* The page itself comes from our template ``kg/templates/view.html``. pyvis 0.3.2's template loads
  Bootstrap from a CDN even with ``cdn_resources="in_line"`` (pyvis #229), writes the heading unescaped,
  and switches to a popup filled with ``innerHTML`` as soon as any node title contains "href" - article
  text can. ``write_html``/``show`` are not used at all (``show`` wants a notebook; with "local"
  resources ``write_html`` copies ``lib/`` into the current directory); we write atomically ourselves.
* Graph text reaches the page only as JSON in ``<script type="application/json">`` with ``<``, ``>``,
  ``&`` and ``/`` escaped (``json.dumps`` escapes none of them), so a quote holding ``</script>`` cannot
  end the element. Tooltips become DOM elements filled with ``textContent`` (vis-network 9 also treats
  string titles as text, but the page does not rely on it); labels are drawn on the canvas. The title
  and legend are HTML-escaped by the template.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.export import atomic_write
from kg.namespace import NIF, NS, SCHEMA
from kg.rdfstore import select_strings

if TYPE_CHECKING:
    from collections.abc import Sequence

    import networkx as nx

    from kg.record import Attribution

TEMPLATES = Path(__file__).parent / "templates"
VIS_VERSION = "9.1.2"  # the vis-network that pyvis 0.3.x vendors and inlines

NEUTRAL = "#4a5568"
STANCE_COLOURS = {"assert": "#2b6cb0", "deny": "#c53030"}
LINK_COLOURS = {"disputes": "#e53e3e", "supports": "#2f855a", "in": "#cbd5e0"}
NODE_STYLE: dict[str, dict[str, Any]] = {
    "source": {"shape": "dot", "color": "#dd6b20", "size": 16},
    "unnamed-source": {"shape": "dot", "color": "#fbd38d", "size": 14},
    "no-source": {"shape": "dot", "color": "#a0aec0", "size": 10},
    "claim": {"shape": "box", "color": "#edf2f7", "size": 12},
    "article": {"shape": "diamond", "color": "#68d391", "size": 14},
}
CLAIM_NOTES = 5  # attributions listed in a claim's tooltip before "... and N more"
LARGE = 1500  # nodes beyond which an article view takes minutes to lay out (use the corpus view)

_PREFIXES = f"""
PREFIX ckg: <{NS}>
PREFIX schema: <{SCHEMA}>
PREFIX nif: <{NIF}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
ATTRIBUTIONS = (
    _PREFIXES
    + """
SELECT ?a ?claim ?content ?claimLabel ?cue ?hedge ?confidence ?stance ?certainty ?sentence
       ?source ?sourceLabel ?sourceMention ?sourceType ?role ?unnamed
       ?article ?headline ?articleId ?url ?publisher ?date
WHERE {
  ?a a ckg:Attribution ; ckg:claim ?claim .
  OPTIONAL { ?claim schema:text ?content }
  OPTIONAL { ?claim rdfs:label ?claimLabel }
  OPTIONAL { ?a ckg:cue ?cue }
  OPTIONAL { ?a ckg:hedge ?hedge }
  OPTIONAL { ?a ckg:confidence ?confidence }
  OPTIONAL { ?a ckg:stance ?stance }
  OPTIONAL { ?a ckg:certainty ?certainty }
  OPTIONAL { ?a ckg:evidence/nif:anchorOf ?sentence }
  OPTIONAL { ?a ckg:sourceMention ?sourceMention }
  OPTIONAL {
    ?a ckg:source ?source .
    OPTIONAL { ?source rdfs:label ?sourceLabel }
    OPTIONAL { ?source ckg:sourceType ?sourceType }
    OPTIONAL { ?source ckg:role ?role }
    BIND(EXISTS { ?source a ckg:UnnamedSource } AS ?unnamed)
  }
  OPTIONAL {
    ?a ckg:article ?article .
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article dcterms:identifier ?articleId }
    OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article schema:publisher/schema:name ?publisher }
    OPTIONAL { ?article schema:datePublished ?date }
  }
}
ORDER BY ?a
"""
)
CLAIM_LINKS = (
    _PREFIXES
    + """
SELECT ?from ?rel ?to WHERE {
  { ?from ckg:disputes ?to . BIND("disputes" AS ?rel) }
  UNION
  { ?from ckg:supports ?to . BIND("supports" AS ?rel) }
}
ORDER BY ?from ?rel ?to
"""
)


@dataclass(frozen=True)
class ViewStats:
    """What a view holds: node and edge counts of the drawn network."""

    nodes: int
    edges: int


# ---------------------------------------------------------------------------------------------------
# graph -> networkx


def _rows(graph: Graph, query: str) -> list[dict[str, str]]:
    """Query results as dicts of non-empty strings (unbound variables are left out)."""
    return select_strings(graph, query, keep_empty=False)


def _tail(iri: str | None) -> str | None:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _lines(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _article_title(row: dict[str, str]) -> str:
    return row.get("headline") or row.get("articleId") or row.get("article", "")


def _article_url(row: dict[str, str]) -> str:
    """The article's URL when it is a web address (http/https), else "" (the page links only those)."""
    url = row.get("url", "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def _article_tip(row: dict[str, str]) -> str:
    byline = ", ".join(x for x in (row.get("publisher"), row.get("date")) if x)
    return _lines(
        _article_title(row), byline, row.get("url"), f"id: {row['articleId']}" if "articleId" in row else None
    )


def _source_name(row: dict[str, str]) -> str:
    return row.get("sourceLabel") or row.get("sourceMention") or "(unnamed source)"


def _source_tip(row: dict[str, str]) -> str:
    kind = _tail(row.get("sourceType"))
    return _lines(_source_name(row), row.get("role"), f"type: {kind}" if kind else None)


def _is_hedged(row: dict[str, str]) -> bool:
    certainty = _tail(row.get("certainty"))
    return "hedge" in row or (certainty is not None and certainty != "certain")


def _attribution_tip(row: dict[str, str], who: str) -> str:
    stance = _tail(row.get("stance")) or "?"
    certainty = _tail(row.get("certainty")) or "?"
    return _lines(
        f"{who} — {row.get('cue') or row.get('hedge') or '(no cue)'} ({stance}, {certainty})",
        f"hedge: {row['hedge']}" if "hedge" in row else None,
        f"confidence: {row['confidence']}" if "confidence" in row else None,
        f"evidence: {row['sentence']}" if "sentence" in row else None,
        f"article: {_article_title(row)}" if "article" in row else None,
    )


def _add_node(net: nx.MultiDiGraph, node: str, kind: str, label: str, title: str, url: str = "") -> None:
    style = NODE_STYLE[kind]
    net.add_node(node, kind=kind, label=label, title=title, url=url, **style)


def _add_source(net: nx.MultiDiGraph, row: dict[str, str]) -> str:
    """The source node of ``row`` (or its article's "(no named source)" node), added if new."""
    if "source" in row:
        kind = "unnamed-source" if row.get("unnamed") == "true" else "source"
        if row["source"] not in net:
            _add_node(net, row["source"], kind, _short(_source_name(row), 40), _source_tip(row))
        return row["source"]
    node = f"no-source:{row.get('article', '')}"
    if node not in net:
        _add_node(net, node, "no-source", "(no named source)", "claims reported without a named source")
    return node


def _add_attribution(net: nx.MultiDiGraph, row: dict[str, str], notes: dict[str, dict[str, str]]) -> None:
    claim = row["claim"]
    content = row.get("content") or row.get("claimLabel") or claim
    if claim not in net:
        _add_node(
            net, claim, "claim", _short(row.get("claimLabel") or content, 60), content, _article_url(row)
        )
    source = _add_source(net, row)
    who = _source_name(row) if "source" in row else "(no named source)"
    tip = _attribution_tip(row, who)
    notes.setdefault(claim, {})[row["a"]] = tip
    stance = _tail(row.get("stance")) or ""
    net.add_edge(
        source,
        claim,
        key=row["a"],
        kind="attribution",
        label=row.get("cue") or row.get("hedge") or "",
        title=tip,
        stance=stance,
        certainty=_tail(row.get("certainty")) or "",
        color=STANCE_COLOURS.get(stance, NEUTRAL),
        dashes=_is_hedged(row),
        width=2,
        url=_article_url(row),
    )
    if "article" in row:
        _add_appearance(net, claim, row)


def _add_appearance(net: nx.MultiDiGraph, claim: str, row: dict[str, str]) -> None:
    """The article node of ``row`` and one "in" edge from ``claim`` to it, added if new."""
    article = row["article"]
    if article not in net:
        _add_node(
            net, article, "article", _short(_article_title(row), 40), _article_tip(row), _article_url(row)
        )
    if not net.has_edge(claim, article, key="in"):
        net.add_edge(
            claim,
            article,
            key="in",
            kind="in",
            label="in",
            title="",
            color=LINK_COLOURS["in"],
            dashes=False,
            width=1,
            url=_article_url(row),
        )


def _claim_tip(content: str, notes: list[str]) -> str:
    shown = notes[:CLAIM_NOTES]
    more = f"… and {len(notes) - len(shown)} more" if len(notes) > len(shown) else None
    return "\n\n".join([f"“{content}”", *shown, *([more] if more else [])])


def view_network(graph: Graph) -> nx.MultiDiGraph:
    """The claim graph as a networkx ``MultiDiGraph`` ready to draw.

    Node attributes: ``kind`` (source, unnamed-source, no-source, claim, article), ``label``, ``title``
    (plain-text tooltip), ``url`` (the article's web address, or ""), ``shape``, ``color``, ``size``. Edge
    attributes: ``kind`` (attribution, in, disputes, supports), ``label``, ``title``, ``url``, ``color``,
    ``dashes``, ``width``; attribution edges also
    carry ``stance`` and ``certainty`` and are keyed by the attribution IRI. All values are scalars, so
    the result can be written as GraphML/GEXF.
    """
    import networkx as nx

    net = nx.MultiDiGraph()
    notes: dict[str, dict[str, str]] = {}  # claim -> attribution -> tooltip
    for row in _rows(graph, ATTRIBUTIONS):
        _add_attribution(net, row, notes)
    for claim, claim_notes in notes.items():
        net.nodes[claim]["title"] = _claim_tip(net.nodes[claim]["title"], list(claim_notes.values()))
    for row in _rows(graph, CLAIM_LINKS):
        rel, a, b = row["rel"], row["from"], row["to"]
        if a in net and b in net and a != b:
            net.add_edge(
                a,
                b,
                key=rel,
                kind=rel,
                label=rel,
                title=rel,
                color=LINK_COLOURS[rel],
                dashes=False,
                width=3,
                url="",
            )
    return net


# ---------------------------------------------------------------------------------------------------
# networkx -> page


def script_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and ``/`` are escaped, so no
    ``</script>``, ``<!--`` or ``https://`` appears literally; ``JSON.parse`` gives back the same value."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/")):
        text = text.replace(char, escaped)
    return text


def vis_options(nodes: int) -> dict[str, Any]:
    """vis-network options: Barnes-Hut with capped stabilisation; the slow "improved layout" (an
    initial Kamada-Kawai) only for small graphs."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": nodes <= 100, "randomSeed": 7},
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 160,
                "springConstant": 0.04,
                "damping": 0.3,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": True, "iterations": 250 if nodes <= 1000 else 120, "fit": True},
            "minVelocity": 1.0,
            "maxVelocity": 40,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": nodes > 500},
        "nodes": {"font": {"size": 13}, "borderWidth": 1},
        "edges": {
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        },
    }


class _IdList(list[str]):
    """A list of node ids with set-speed membership (pyvis checks ``id in node_ids`` per node and edge,
    which made a corpus's page quadratic: 20 s of 30 for the 840 PolNeAR train articles)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[str] = set()

    def append(self, item: str) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


def _vis_records(net: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node and edge records for vis-network, made by pyvis's ``Network``."""
    from pyvis.network import Network

    # in_line: pyvis never copies lib/ anywhere; we only use its node/edge model, not its writer.
    # No "group": pyvis drops a node's own colour when it has one.
    page = Network(directed=True, cdn_resources="in_line")
    page.node_ids = _IdList()  # pyvis looks node ids up in a list for every node and edge it adds
    for node, d in net.nodes(data=True):
        extra: dict[str, Any] = {"widthConstraint": {"maximum": 220}} if d["kind"] == "claim" else {}
        if d.get("url"):
            extra["url"] = d["url"]
        if d.get("borderWidth"):
            extra["borderWidth"] = d["borderWidth"]
        if d.get("font_size"):
            extra["font"] = {"size": d["font_size"]}
        page.add_node(
            node,
            label=d["label"],
            shape=d["shape"],
            color=d["color"],
            size=d["size"],
            title=d["title"],
            **extra,
        )
    for u, v, d in net.edges(data=True):
        more = {"url": d["url"]} if d.get("url") else {}
        page.add_edge(
            u,
            v,
            label=d["label"],
            title=d["title"],
            color=d["color"],
            dashes=d["dashes"],
            width=d["width"],
            **more,
        )
    nodes, edges, *_ = page.get_network_data()
    return nodes, edges


def legend_line(colour: str, text: str, dashed: bool = False) -> dict[str, str]:
    """A legend row showing an edge: a line in ``colour``, dashed or solid."""
    css = "kg-line kg-dashed" if dashed else "kg-line"
    return {"css": css, "style": f"border-top-color:{colour}", "text": text}


def legend_node(shape: str, colour: str, text: str) -> dict[str, str]:
    """A legend row showing a node: a dot, box or diamond in ``colour``."""
    css = {"dot": "kg-dot", "box": "kg-box", "diamond": "kg-diamond"}[shape]
    return {"css": css, "style": f"background:{colour}", "text": text}


def _legend() -> list[dict[str, str]]:
    line = legend_line

    def node(kind: str, text: str) -> dict[str, str]:
        return legend_node(NODE_STYLE[kind]["shape"], NODE_STYLE[kind]["color"], text)

    return [
        line(STANCE_COLOURS["assert"], "source asserts claim (label: the cue)"),
        line(STANCE_COLOURS["deny"], "source denies claim"),
        line(NEUTRAL, "dashed: hedged (probable / possible)", dashed=True),
        line(LINK_COLOURS["disputes"], "claim disputes claim"),
        line(LINK_COLOURS["supports"], "claim supports claim"),
        line(LINK_COLOURS["in"], "claim appears in article"),
        node("source", "named source"),
        node("unnamed-source", "unnamed source (officials, sources…)"),
        node("no-source", "no named source"),
        node("claim", "claim"),
        node("article", "article"),
    ]


def _vis_assets() -> tuple[str, str]:
    """vis-network's CSS and JS as vendored by pyvis (the files its own in-line template includes)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower():
        raise RuntimeError(f"vendored vis-network in {lib} cannot be inlined safely")
    return css, js


ARTICLE_NOTE = (
    "Hover a node or an edge for the evidence sentence, cue, hedge, confidence and article; click it to "
    "keep the details here, with a link to the article when it has a web address."
)


def render_html(
    net: nx.MultiDiGraph,
    title: str,
    *,
    legend: list[dict[str, str]] | None = None,
    note: str = ARTICLE_NOTE,
    options: dict[str, Any] | None = None,
) -> str:
    """The self-contained page drawing ``net`` under the heading ``title``, with ``legend`` rows (made by
    :func:`legend_line` / :func:`legend_node`; default: the article view's), a ``note`` under them and
    vis-network ``options`` (default: :func:`vis_options`).

    Node and edge attributes used: ``label``, ``title`` (plain text), ``url`` (linked from the details
    panel), ``shape``, ``color``, ``size``, ``kind`` on nodes; ``label``, ``title``, ``url``, ``color``,
    ``dashes``, ``width`` on edges. Once the layout has settled, the page sets ``data-state="stable"``,
    ``data-nodes`` and ``data-edges`` (counted by vis-network) and ``data-settle-ms`` on ``<body>``."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    env.filters["script_json"] = lambda value: Markup(script_json(value))
    nodes, edges = _vis_records(net)
    css, js = _vis_assets()
    return env.get_template("view.html").render(
        title=title,
        vis_css=Markup(css),
        vis_js=Markup(js),
        legend=_legend() if legend is None else legend,
        note=note,
        stats=ViewStats(nodes=len(nodes), edges=len(edges)),
        data={"nodes": nodes, "edges": edges, "options": options or vis_options(len(nodes))},
    )


def write_build_view(
    graph: Graph, records: Sequence[Attribution], path: Path, *, title: str | None = None
) -> None:
    """The view a build writes: the article view, or the corpus view (the most quoted sources, who
    disputes or supports whom) when the article view would hold more than :data:`LARGE` nodes, a page
    a browser takes minutes to lay out (``kg view --corpus`` draws the same, with its filters)."""
    from kg.sourcenet import write_source_view

    if article_view_size(records) <= LARGE:
        write_view(graph, path, title=title)
    else:
        write_source_view(graph, path, title=title)


def article_view_size(records: Sequence[Attribution]) -> int:
    """The nodes the article view of ``records`` draws, about: articles, claims and sources."""
    articles = {r.doc for r in records}
    claims = {(r.doc, r.content_spans) for r in records}
    sources = {(r.doc, (r.source_resolved or r.source or "").casefold()) for r in records if r.source}
    return len(articles) + len(claims) + len(sources)


def write_view(graph: Graph, path: Path, *, title: str | None = None) -> ViewStats:
    """Write the HTML view of ``graph`` to ``path`` atomically (a temporary file beside it, then
    ``os.replace``) and return the drawn network's size."""
    net = view_network(graph)
    page = render_html(net, title or "claim-kg")
    with atomic_write(Path(path)) as fh:
        fh.write(page)
    return ViewStats(nodes=net.number_of_nodes(), edges=net.number_of_edges())
