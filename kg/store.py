"""An on-disk claim store: Oxigraph, one named graph per article, queried with the union default graph.

:mod:`kg.graph` builds the graphs in an in-memory Oxigraph store behind rdflib (:mod:`kg.rdfstore`); this
store keeps them on disk, copying quads store to store. Adding an article replaces its named graph in one
transaction (new articles go in by transactions of whole graphs), so a re-run replaces rather than
duplicates, and an interrupted build leaves every article either as it was or as it is now. Queries see
all graphs as the default graph, so the competency queries run unchanged on a file or on a store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.export import ox_quads
from kg.query import QueryResult, result_from_oxigraph
from kg.rdfstore import OxGraphName, copy_store, graph_over, new_dataset, ox_store_of, union_store

STORE_MARKER = "OPTIONS"  # a file every RocksDB directory holds
CHUNK = 200_000  # quads per transaction when adding new graphs (whole graphs only)


def is_store(path: Path) -> bool:
    """Whether ``path`` is an Oxigraph store directory."""
    return path.is_dir() and any(p.name.startswith(STORE_MARKER) for p in path.iterdir())


class ClaimStore:
    """An Oxigraph store at ``path`` (created when missing)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))

    def replace_graphs(self, ds: Dataset) -> int:
        """Replace every named graph of ``ds`` in the store; quads written.

        A graph the store already has is dropped and refilled in one transaction; graphs it does not
        have yet are added by transactions holding whole graphs, so every article is either absent or
        complete, whatever interrupts the load."""
        source = ox_store_of(ds)
        by_graph: dict[OxGraphName, list[ox.Quad]] = {}
        quads = source.quads_for_pattern(None, None, None, None) if source is not None else ox_quads(ds)
        for quad in quads:
            by_graph.setdefault(quad.graph_name, []).append(quad)
        present = set(self.store.named_graphs())
        written = 0
        batch: list[ox.Quad] = []
        for name, graph_quads in by_graph.items():
            written += len(graph_quads)
            if isinstance(name, ox.DefaultGraph) or name in present:
                self._replace(name, graph_quads)
                continue
            batch += graph_quads
            if len(batch) >= CHUNK:
                self.store.extend(batch)
                batch = []
        if batch:
            self.store.extend(batch)
        self.store.flush()
        return written

    def _replace(self, name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph, quads: list[ox.Quad]) -> None:
        """Drop and refill one graph in a single SPARQL update: one transaction."""
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        if isinstance(name, ox.NamedNode):
            self.store.update(
                f"DROP SILENT GRAPH <{name.value}> ; INSERT DATA {{ GRAPH <{name.value}> {{ {body} }} }}"
            )
        else:
            self.store.update(f"INSERT DATA {{ {body} }}")

    def article_hashes(self) -> dict[str, str]:
        """Document id -> SHA-256 of the text each stored article was built from."""
        rows = self.store.query(
            """PREFIX ckg: <https://w3id.org/claim-kg/ns#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?id ?sha WHERE {
              GRAPH ?g { ?a a ckg:Article ; dcterms:identifier ?id ; ckg:textSha256 ?sha }
            }"""
        )
        return {s["id"].value: s["sha"].value for s in rows}  # type: ignore[union-attr]

    def remove_article(self, doc_id: str) -> bool:
        """Drop an article's named graph; whether it was there."""
        from kg.graph import article_iri

        name = ox.NamedNode(str(article_iri(doc_id)))
        present = any(g == name for g in self.store.named_graphs())
        if present:
            self.store.update(f"DROP GRAPH <{name.value}>")
            self.store.flush()
        return present

    def close(self) -> None:
        """Release the store (and its lock) now rather than at garbage collection."""
        import gc

        if not self.read_only:
            self.store.flush()
        del self.store
        gc.collect()

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def graphs(self) -> Iterator[str]:
        for g in self.store.named_graphs():
            yield g.value

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str) -> QueryResult:
        """A SELECT/ASK/CONSTRUCT query over all graphs (union default graph)."""
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise ValueError(f"SPARQL error: {exc}") from exc
        return result_from_oxigraph(result)

    def to_dataset(self) -> Dataset:
        """All named graphs as an rdflib dataset: an in-memory copy (:mod:`kg.rdfstore`)."""
        from kg.graph import bind_prefixes

        ds = new_dataset(copy_store(self.store))
        bind_prefixes(ds)
        return ds

    def to_graph(self) -> Graph:
        """All triples of all graphs as one rdflib graph: an in-memory copy (:mod:`kg.rdfstore`)."""
        from kg.graph import bind_prefixes

        g = graph_over(union_store(self.store))
        bind_prefixes(g)
        return g
