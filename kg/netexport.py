"""The claim network as GEXF (Gephi) and GraphML (yEd, Cytoscape, igraph) files.

Both hold :func:`kg.view.view_network`: source, claim and article nodes; attribution, "in", disputes and
supports edges, keyed by the attribution IRI (or by ``in`` / ``disputes`` / ``supports``), with the same
attributes the HTML view draws from (``kind``, ``label``, ``title``, ``color``, ``stance`` …). All values
are str, int, float or bool; text is stripped of the characters XML 1.0 cannot hold (control characters
other than tab and line breaks), so the file always parses. GEXF nodes also carry Gephi's ``viz``
colour, size and shape. Files are written atomically with :func:`kg.export.atomic_write`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.export import atomic_write
from kg.view import ViewStats, view_network

if TYPE_CHECKING:
    import networkx as nx

NETWORK_FORMATS = ("gexf", "graphml")
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
# Code points XML 1.0 does not allow in a document, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_GEXF_SHAPES = {"dot": "disc", "box": "square", "diamond": "diamond"}


def xml_safe(value: object) -> str | int | float | bool:
    """A scalar kept as it is, anything else as text without the characters XML cannot hold."""
    if isinstance(value, bool | int | float):
        return value
    return _NOT_XML.sub("", str(value))


def _clean(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    return {k: xml_safe(v) for k, v in data.items() if v is not None}


def export_network(graph: Graph) -> nx.MultiDiGraph:
    """:func:`kg.view.view_network` with every attribute value (and node id) made XML-safe."""
    import networkx as nx

    view = view_network(graph)
    net = nx.MultiDiGraph()
    for node, data in view.nodes(data=True):
        net.add_node(xml_safe(node), **_clean(data))
    for u, v, key, data in view.edges(keys=True, data=True):
        net.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(key), **_clean(data))
    return net


def _rgb(colour: object) -> dict[str, int | float] | None:
    """``#rrggbb`` as GEXF's ``viz`` colour, ``None`` for anything else."""
    text = str(colour)
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        return None
    r, g, b = (int(text[i : i + 2], 16) for i in (1, 3, 5))
    return {"r": r, "g": g, "b": b, "a": 1.0}


def _with_viz(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``net`` whose nodes carry Gephi's ``viz`` (colour, size, shape) from the view style."""
    out = net.copy()
    for _, data in out.nodes(data=True):
        viz: dict[str, Any] = {}
        colour = _rgb(data.get("color"))
        if colour is not None:
            viz["color"] = colour
        if isinstance(data.get("size"), int | float):
            viz["size"] = float(data["size"])
        if data.get("shape") in _GEXF_SHAPES:
            viz["shape"] = _GEXF_SHAPES[data["shape"]]
        if viz:
            data["viz"] = viz
    return out


def _write_lines(lines: Iterable[str], path: Path | str) -> None:
    with atomic_write(Path(path)) as fh:
        fh.write(XML_DECLARATION)
        for line in lines:
            fh.write(line + "\n")


def _stats(net: nx.MultiDiGraph) -> ViewStats:
    return ViewStats(nodes=net.number_of_nodes(), edges=net.number_of_edges())


def write_gexf(graph: Graph, path: Path | str) -> ViewStats:
    """Write the claim network of ``graph`` as GEXF 1.2 to ``path``; return its node and edge counts.

    Edge keys are kept in the ``networkx_key`` attribute (``nx.read_gexf`` reads them back as keys)."""
    import networkx as nx

    net = export_network(graph)
    _write_lines(nx.generate_gexf(_with_viz(net)), path)
    return _stats(net)


def write_graphml(graph: Graph, path: Path | str) -> ViewStats:
    """Write the claim network of ``graph`` as GraphML to ``path``; return its node and edge counts.

    Edge keys are the GraphML edge ids (``nx.read_graphml`` reads them back as keys)."""
    import networkx as nx

    net = export_network(graph)
    _write_lines(nx.generate_graphml(net), path)
    return _stats(net)


def write_network(graph: Graph, path: Path | str, fmt: str) -> ViewStats:
    """Write the claim network in ``fmt`` (``gexf`` or ``graphml``); ``ValueError`` for another."""
    if fmt == "gexf":
        return write_gexf(graph, path)
    if fmt == "graphml":
        return write_graphml(graph, path)
    raise ValueError(f"unknown network format {fmt!r} (expected one of {', '.join(NETWORK_FORMATS)})")


__all__ = ["NETWORK_FORMATS", "export_network", "write_gexf", "write_graphml", "write_network", "xml_safe"]
