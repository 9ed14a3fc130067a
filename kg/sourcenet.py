"""The corpus view: the claim graph aggregated to sources, readable for thousands of articles.

:func:`source_network` turns the graph into a networkx ``MultiDiGraph`` of sources: a node per source,
sized by the number of claims attributed to it; an edge ``A -> B`` keyed ``disputes`` or ``supports`` when a
claim (or attribution) of A is linked to one of B by ``ckg:disputes`` / ``ckg:supports``, weighted by the
number of such linked pairs. It reads the attribution rows of :mod:`kg.analytics` and the link triples
wherever they are (within an article for responses, across articles once claims are linked), so it
follows whatever linking and source merging the graph holds.

Sources are grouped across articles: a named source by its ``ckg:agent`` (the real-world entity that
:mod:`kg.graph` shares between the per-article source nodes of one normalised name, labelled with that
name), or by its case-folded label when it has no agent; an unnamed source ("officials") by its label
within one article only — unnamed sources never merge across articles.

:func:`filter_network` applies ``focus`` (the ego network of the sources whose name matches),
``min_weight``, ``linked`` and ``top``; :func:`write_source_view` draws the result with
:func:`kg.view.render_html`, physics capped so the page settles in seconds.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.analytics import ATTRIBUTIONS, UNKNOWN_OUTLET, _select, _source_type
from kg.export import atomic_write
from kg.namespace import NS, SCHEMA
from kg.view import ViewStats, legend_line, legend_node, render_html, vis_options

if TYPE_CHECKING:
    import networkx as nx

RELATIONS = ("disputes", "supports")
PASSIVE = {"disputes": "disputed by", "supports": "supported by"}
COLOURS = {"named": "#dd6b20", "unnamed": "#fbd38d", "disputes": "#e53e3e", "supports": "#38a169"}
MIN_SIZE, MAX_SIZE = 8, 40  # node radius for the least and the most quoted source
MIN_FONT, MAX_FONT = 14, 44  # label size in pixels at zoom 1: big sources stay legible when zoomed out
EXAMPLES = 3  # linked claim pairs quoted in an edge's tooltip
DEFAULT_TOP = 150

# Every claim-to-claim (or attribution-to-attribution) link, with the claims' text for the tooltips and
# the article of the linking side.
LINKS = f"""
PREFIX ckg: <{NS}>
PREFIX schema: <{SCHEMA}>
SELECT DISTINCT ?rel ?from ?to ?fromText ?toText ?url
WHERE {{
  {{ ?from ckg:disputes ?to . BIND("disputes" AS ?rel) }}
  UNION
  {{ ?from ckg:supports ?to . BIND("supports" AS ?rel) }}
  OPTIONAL {{ ?from schema:text ?fromText }}
  OPTIONAL {{ ?from ckg:claim/schema:text ?fromText }}
  OPTIONAL {{ ?to schema:text ?toText }}
  OPTIONAL {{ ?to ckg:claim/schema:text ?toText }}
  OPTIONAL {{
    ?from schema:appearance|ckg:article ?article .
    OPTIONAL {{ ?article schema:url ?url }}
  }}
}}
"""


@dataclass
class _Source:
    """What one grouped source accumulates while the attribution rows are read."""

    labels: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    outlets: Counter[str] = field(default_factory=Counter)
    claims: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    unnamed: bool = False


def _name(row: dict[str, str]) -> str:
    """The name a source is shown under: its agent's (normalised) name, else its own label."""
    return " ".join((row.get("agentLabel") or row.get("label") or row["source"]).split())


def source_key(row: dict[str, str]) -> str:
    """The node a source belongs to: ``agent:<agent IRI>`` for a named source with an agent, else
    ``named:<case-folded label>``; for an unnamed source ``unnamed:<article>:<case-folded label>`` (one
    per article, never merged across articles)."""
    if "unnamed" in row:
        return f"unnamed:{row.get('article', row['source'])}:{_name(row).casefold()}"
    if "agent" in row:
        return f"agent:{row['agent']}"
    return f"named:{_name(row).casefold()}"


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _web(url: str | None) -> str:
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def _commonest(counts: Counter[str]) -> str:
    """The most frequent value; ties go to the first in sort order, so the result does not depend on
    the order of query results."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _mix(counts: Counter[str], n: int = 5) -> str:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{name} {k}" for name, k in ranked[:n])
    rest = len(counts) - min(n, len(counts))
    return shown + (f", … {rest} more" if rest else "")


def source_network(graph: Graph) -> nx.MultiDiGraph:
    """All sources of ``graph`` and the disputes/supports links between them (see the module docstring).

    Node attributes: ``kind`` (named/unnamed), ``label``, ``type`` (most frequent source type), ``claims``,
    ``attributions``, ``articles``, ``outlets`` (e.g. "Reuters 12, AP 3"). Edge attributes (key = relation):
    ``kind`` (disputes/supports), ``weight`` (linked pairs), ``examples`` (up to :data:`EXAMPLES` lines
    ``"claim" vs "claim"``), ``url`` (an article of the first example, or ""). All values are scalars."""
    import networkx as nx

    sources: defaultdict[str, _Source] = defaultdict(_Source)
    of_item: defaultdict[str, set[str]] = defaultdict(set)  # claim or attribution -> source keys
    attributions: Counter[str] = Counter()
    for row in _select(graph, ATTRIBUTIONS):
        if "source" not in row:
            continue
        key = source_key(row)
        s = sources[key]
        s.labels[_name(row)] += 1
        s.types[_source_type(row)] += 1
        s.outlets[row.get("outlet") or UNKNOWN_OUTLET] += 1
        s.unnamed = "unnamed" in row
        if "claim" in row:
            s.claims.add(row["claim"])
            of_item[row["claim"]].add(key)
        if "article" in row:
            s.articles.add(row["article"])
        of_item[row["a"]].add(key)
        attributions[key] += 1

    net = nx.MultiDiGraph()
    for key, s in sources.items():
        net.add_node(
            key,
            kind="unnamed" if s.unnamed else "named",
            label=_commonest(s.labels),
            type=_commonest(s.types),
            claims=len(s.claims),
            attributions=attributions[key],
            articles=len(s.articles),
            outlets=_mix(s.outlets),
        )

    pairs: defaultdict[tuple[str, str, str], dict[tuple[str, str], tuple[str, str]]] = defaultdict(dict)
    for row in _select(graph, LINKS):
        for a in of_item.get(row["from"], ()):
            for b in of_item.get(row["to"], ()):
                if a == b:
                    continue
                said, answered = _short(row.get("fromText", "?"), 90), _short(row.get("toText", "?"), 90)
                found = pairs[(a, b, row["rel"])]
                found.setdefault(
                    (row["from"], row["to"]), (f'"{said}" vs "{answered}"', _web(row.get("url")))
                )
    for (a, b, rel), found in sorted(pairs.items()):
        shown = sorted(found.values())
        net.add_edge(
            a,
            b,
            key=rel,
            kind=rel,
            weight=len(found),
            examples="\n".join(text for text, _ in shown[:EXAMPLES]),
            url=next((url for _, url in shown if url), ""),
        )
    return net


def _link_weight(net: nx.MultiDiGraph, node: str) -> int:
    return int(net.degree(node, weight="weight"))


def match_sources(net: nx.MultiDiGraph, name: str) -> list[str]:
    """The sources whose label equals ``name`` (case-insensitive, spaces collapsed); if none does, those
    whose label contains it. Raises ``ValueError`` when nothing matches."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        raise ValueError("--focus needs a source name")
    labels = {n: str(d["label"]).casefold() for n, d in net.nodes(data=True)}
    exact = sorted(n for n, label in labels.items() if label == wanted)
    found = exact or sorted(n for n, label in labels.items() if wanted in label)
    if not found:
        raise ValueError(f"no source matches {name!r} (looked in {len(labels)} source names)")
    return found


def filter_network(
    net: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    top: int | None = None,
    min_weight: int = 1,
    linked: bool = False,
) -> nx.MultiDiGraph:
    """A copy of ``net`` with only the links of at least ``min_weight`` pairs; with ``focus``, only the
    sources matching that name (:func:`match_sources`) and those they are linked to, either way; with
    ``linked``, only sources with a link left; with ``top``, only the ``top`` sources with the most claims
    plus linked pairs (matched sources always stay). Otherwise sources without links are kept: they are
    the most quoted ones."""
    import networkx as nx

    if top is not None and top < 1:
        raise ValueError(f"--top must be at least 1, not {top}")
    kept = nx.MultiDiGraph()
    kept.add_nodes_from(net.nodes(data=True))
    kept.add_edges_from(
        (u, v, k, d) for u, v, k, d in net.edges(keys=True, data=True) if d["weight"] >= min_weight
    )
    centres: list[str] = []
    if focus is not None:
        centres = match_sources(kept, focus)
        ego = set(centres)
        for c in centres:
            ego.update(kept.successors(c))
            ego.update(kept.predecessors(c))
        kept = nx.MultiDiGraph(kept.subgraph(ego))
    if linked:
        kept = nx.MultiDiGraph(kept.subgraph(n for n in kept if kept.degree(n) or n in centres))
    if top is not None and kept.number_of_nodes() > top:
        score = {n: int(d["claims"]) + _link_weight(kept, n) for n, d in kept.nodes(data=True)}
        ranked = sorted(
            kept.nodes, key=lambda n: (n not in centres, -score[n], str(kept.nodes[n]["label"]), n)
        )
        kept = nx.MultiDiGraph(kept.subgraph(ranked[: max(top, len(centres))]))
    for c in centres:
        kept.nodes[c]["focus"] = True
    return kept


def _styled(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Drawing attributes for :func:`kg.view.render_html`: size by claims, colour by kind and relation,
    width by weight, plain-text tooltips."""
    most = max([int(d["claims"]) for _, d in net.nodes(data=True)] or [1]) or 1
    for n, d in net.nodes(data=True):
        claims = int(d["claims"])
        links = [
            f"{rel} {net.nodes[v]['label']} ×{w}"
            for _, v, rel, w in net.out_edges(n, keys=True, data="weight")
        ] + [
            f"{PASSIVE[rel]} {net.nodes[u]['label']} ×{w}"
            for u, _, rel, w in net.in_edges(n, keys=True, data="weight")
        ]
        d.update(
            shape="dot",
            color=COLOURS[d["kind"]],
            size=round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(claims / most), 1),
            font_size=round(MIN_FONT + (MAX_FONT - MIN_FONT) * math.sqrt(claims / most)),
            title="\n".join(
                [
                    f"{d['label']} ({d['type']}{', unnamed, one article' if d['kind'] == 'unnamed' else ''})",
                    f"{claims} claims, {d['attributions']} attributions in {d['articles']} articles",
                    f"outlets: {d['outlets']}",
                    *links[:8],
                    *([f"… {len(links) - 8} more links"] if len(links) > 8 else []),
                ]
            ),
            url="",
        )
        if d.get("focus"):
            d["borderWidth"] = 4
    for u, v, rel, d in net.edges(keys=True, data=True):
        w = int(d["weight"])
        head = f"{net.nodes[u]['label']} {rel} {net.nodes[v]['label']}: {w} linked claim pairs"
        d.update(
            label=str(w) if w > 1 else "",
            title=f"{head}\n{d['examples']}",
            color=COLOURS[rel],
            dashes=False,
            width=round(2 + 2 * math.log2(w), 2),
        )
    return net


def corpus_options(nodes: int) -> dict[str, Any]:
    """:func:`kg.view.vis_options` for a source network: straight edges, no initial Kamada-Kawai beyond
    100 nodes, and stabilisation capped by size (physics is switched off once it is done)."""
    options = vis_options(nodes)
    options["edges"]["smooth"] = {"enabled": False}
    iterations = 200 if nodes <= 300 else 100 if nodes <= 1000 else 50 if nodes <= 3000 else 25
    options["physics"]["stabilization"]["iterations"] = iterations
    options["physics"]["barnesHut"].update(springLength=120, avoidOverlap=0.2)
    options["interaction"]["hideEdgesOnDrag"] = nodes > 300
    return options


def _legend() -> list[dict[str, str]]:
    return [
        legend_node("dot", COLOURS["named"], "named source (size: claims)"),
        legend_node("dot", COLOURS["unnamed"], "unnamed source (one article)"),
        legend_line(COLOURS["disputes"], "A disputes B (label, width: linked claim pairs)"),
        legend_line(COLOURS["supports"], "A supports B"),
    ]


@dataclass(frozen=True)
class SourceViewStats(ViewStats):
    """The drawn network's size and how many sources the graph holds before filtering."""

    sources: int = 0


def write_source_view(
    graph: Graph,
    path: Path,
    *,
    title: str | None = None,
    focus: str | None = None,
    top: int | None = DEFAULT_TOP,
    min_weight: int = 1,
    linked: bool = False,
) -> SourceViewStats:
    """Write the corpus view of ``graph`` (:func:`source_network` filtered by :func:`filter_network`) to
    ``path`` atomically; ``ValueError`` when ``focus`` matches no source or ``top`` is below 1."""
    every = source_network(graph)
    net = _styled(filter_network(every, focus=focus, top=top, min_weight=min_weight, linked=linked))
    shown = f"{net.number_of_nodes()} of {every.number_of_nodes()} sources"
    filters = ", ".join(
        x
        for x in (
            f"focus {focus!r}" if focus else None,
            f"top {top}" if top else None,
            f"links of weight >= {min_weight}" if min_weight > 1 else None,
            "linked sources only" if linked else None,
        )
        if x
    )
    note = (
        f"Sources and who disputes or supports whom, {shown}{f' ({filters})' if filters else ''}. "
        "Hover or click a source for its claims, articles and outlet mix, a link for example claims."
    )
    page = render_html(
        net, title or "claim-kg sources", legend=_legend(), note=note, options=corpus_options(len(net))
    )
    with atomic_write(Path(path)) as fh:
        fh.write(page)
    return SourceViewStats(nodes=net.number_of_nodes(), edges=net.number_of_edges(), sources=len(every))


__all__ = ["filter_network", "match_sources", "source_key", "source_network", "write_source_view"]
