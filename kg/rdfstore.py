"""rdflib graphs held in Oxigraph: the rdflib API in front, a pyoxigraph store behind (oxrdflib).

Every claim graph the library hands out (:func:`kg.graph.build_dataset`, :func:`kg.graph.union_graph`,
:func:`kg.query.load_graph`) is an rdflib :class:`~rdflib.Graph` or :class:`~rdflib.Dataset` whose
store is a :class:`PlainOxigraphStore`: SPARQL runs in Oxigraph, the exporters call the store's own
serialisers, and the on-disk store loads its quads without a detour through rdflib terms.

oxrdflib hands plain literals back typed ``xsd:string`` (so ``== Literal("said")`` is False);
:class:`PlainOxigraphStore` returns them as plain rdflib literals, so a round trip through the store
changes no literal.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Identifier

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
OxGraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


@functools.lru_cache(maxsize=1 << 16)
def named(iri: str) -> ox.NamedNode:
    """A pyoxigraph IRI (cached: vocabulary IRIs recur on every triple)."""
    return ox.NamedNode(iri)


def to_ox(t: object) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal (or a pyoxigraph one, passed through) as a pyoxigraph term.

    Plain literals stay plain (``xsd:string``). Raises ``ValueError`` naming the term when it is no
    valid RDF (an IRI with spaces, a literal with a lone surrogate); blank nodes are refused, as
    claim-kg graphs have none.
    """
    try:
        if isinstance(t, URIRef):
            return named(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=named(str(t.datatype)))
            return ox.Literal(str(t))
    except (ValueError, UnicodeError) as exc:
        raise ValueError(f"cannot write {t!r} as RDF: {exc}") from exc
    if isinstance(t, ox.NamedNode | ox.Literal):
        return t
    if isinstance(t, BNode | ox.BlankNode):
        raise ValueError("claim-kg graphs have no blank nodes")
    raise TypeError(f"unsupported RDF term {t!r}")


def from_ox(t: OxTerm) -> URIRef | BNode | Literal:
    """A pyoxigraph term as an rdflib term; ``xsd:string`` literals become plain literals."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        datatype = t.datatype.value
        return Literal(t.value) if datatype == XSD_STRING else Literal(t.value, datatype=URIRef(datatype))
    raise ValueError(f"unsupported RDF term {t!r} (RDF-star quoted triples are not supported)")


class PlainOxigraphStore(OxigraphStore):
    """oxrdflib's store, answering plain literals as plain rdflib literals (see the module docstring)."""

    @property
    def ox(self) -> ox.Store:
        """The pyoxigraph store behind (created in memory on first use)."""
        return self._inner

    def triples(self, triple_pattern: Any, context: Graph | None = None) -> Iterator[Any]:
        for (s, p, o), contexts in super().triples(triple_pattern, context):
            yield (s, p, _plain(o)), contexts

    def query(
        self,
        query: Any,
        initNs: Mapping[str, Any],
        initBindings: Mapping[str, Identifier],
        queryGraph: Any,
        **kwargs: object,
    ) -> Result:
        result = super().query(query, initNs, initBindings, queryGraph, **kwargs)
        if result.type == "SELECT":
            raw = result.bindings
            result.bindings = ({v: _plain(val) for v, val in row.items()} for row in raw)
        elif result.type == "CONSTRUCT" and result.graph is not None:
            plain = Graph()
            plain += ((s, p, _plain(o)) for s, p, o in result.graph)
            result.graph = plain
        return result


def _plain(o: Any) -> Any:
    """An ``xsd:string`` literal from oxrdflib as the plain literal it was written as."""
    if isinstance(o, Literal) and o.datatype is not None and str(o.datatype) == XSD_STRING:
        return Literal(str(o))
    return o


def new_dataset(store: ox.Store | None = None) -> Dataset:
    """An rdflib dataset over ``store`` (a new in-memory store by default)."""
    return Dataset(store=PlainOxigraphStore(store=store if store is not None else ox.Store()))


def graph_over(store: ox.Store, name: OxGraphName | None = None) -> Graph:
    """An rdflib graph over one graph of ``store`` (its default graph unless ``name`` is given)."""
    if name is None or isinstance(name, ox.DefaultGraph):
        identifier: Identifier = DATASET_DEFAULT_GRAPH_ID
    elif isinstance(name, ox.NamedNode):
        identifier = URIRef(name.value)
    else:
        identifier = BNode(name.value)
    return Graph(store=PlainOxigraphStore(store=store), identifier=identifier)


def ox_store_of(g: Graph) -> ox.Store | None:
    """The pyoxigraph store behind ``g``, or ``None`` for a graph in another rdflib store."""
    store = g.store
    return store.ox if isinstance(store, PlainOxigraphStore) else None


def ox_graph_name(g: Graph) -> OxGraphName:
    """The pyoxigraph name of the graph ``g`` stands for (a dataset: its default graph)."""
    if isinstance(g, Dataset):
        return ox.DefaultGraph()
    ident = g.identifier
    if ident == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(ident, BNode):
        return ox.BlankNode(str(ident))
    return ox.NamedNode(str(ident))


def select_strings(graph: Graph, sparql: str, *, keep_empty: bool = True) -> list[dict[str, str]]:
    """A SELECT query's solutions as dicts of the bound values' lexical forms (IRIs, literal values),
    run straight in Oxigraph when ``graph`` is held there; ``keep_empty=False`` leaves out empty values."""
    store = ox_store_of(graph)
    rows = []
    if store is not None:
        solutions = store.query(sparql, default_graph=ox_graph_name(graph))
        assert isinstance(solutions, ox.QuerySolutions), "a SELECT query"
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None and (keep_empty or term.value != ""):
                    row[name] = term.value
            rows.append(row)
        return rows
    for result in graph.query(sparql):
        values: Any = result
        rows.append(
            {k: str(v) for k, v in values.asdict().items() if v is not None and (keep_empty or str(v) != "")}
        )
    return rows


def union_store(source: ox.Store) -> ox.Store:
    """A new in-memory store whose default graph holds every triple of every graph of ``source``."""
    union = ox.Store()
    union.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object) for q in source.quads_for_pattern(None, None, None, None)
    )
    return union


def copy_store(source: ox.Store) -> ox.Store:
    """A new in-memory store with the quads of ``source`` (e.g. of an on-disk store)."""
    copy = ox.Store()
    copy.bulk_extend(source.quads_for_pattern(None, None, None, None))
    return copy


__all__ = [
    "PlainOxigraphStore",
    "copy_store",
    "from_ox",
    "graph_over",
    "named",
    "new_dataset",
    "ox_graph_name",
    "ox_store_of",
    "select_strings",
    "to_ox",
    "union_store",
]
