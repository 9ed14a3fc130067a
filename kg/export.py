"""Writing records and graphs to files: JSONL, CSV, Turtle, TriG, N-Quads.

Every file is written to a temporary name in the same directory and renamed into place, so an
interrupted run never leaves a half-written output. RDF goes out through pyoxigraph's serializers
(fast at a million triples, where rdflib's Turtle writer is superlinear) with only the prefixes used.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TextIO

import pyoxigraph as ox
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.record import Attribution


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w") -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success fsync and rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _sink(target: Path | TextIO) -> Iterator[IO[str]]:
    if isinstance(target, Path):
        with atomic_write(target) as fh:
            yield fh
    else:
        yield target


def write_jsonl(records: Iterable[Attribution], target: Path | TextIO) -> None:
    """One JSON object per record (the README's contract), UTF-8, not ASCII-escaped."""
    with _sink(target) as fh:
        for r in records:
            fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


def write_csv(records: Iterable[Attribution], target: Path | TextIO) -> None:
    """The JSONL fields as CSV columns; ``content_spans`` as JSON text."""
    rows = [r.to_json() for r in records]
    with _sink(target) as fh:
        if not rows:
            return
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "content_spans": json.dumps(row["content_spans"])})


# ---------------------------------------------------------------- RDF through pyoxigraph
@functools.lru_cache(maxsize=1 << 16)
def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _ox_term(t: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(t, URIRef):
        return _named(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return ox.Literal(str(t), datatype=_named(str(t.datatype)))
        return ox.Literal(str(t))
    if isinstance(t, BNode):  # pragma: no cover - our graphs have none
        raise ValueError("claim-kg graphs have no blank nodes")
    raise TypeError(f"unsupported RDF term {t!r}")


def _used_prefixes(g: Graph, iris: Iterable[str]) -> dict[str, str]:
    """The bound prefixes that can abbreviate one of ``iris`` (a local name Turtle accepts unescaped)."""
    bound = {str(ns): prefix for prefix, ns in g.namespaces() if prefix}
    used: dict[str, str] = {}
    for iri in iris:
        for ns, prefix in bound.items():
            if iri.startswith(ns) and prefix not in used:
                local = iri[len(ns) :]
                if local and all(c.isalnum() or c in "_-" for c in local):
                    used[prefix] = ns
    return dict(sorted(used.items()))


def _vocabulary_iris(triples: Iterable[ox.Triple | ox.Quad]) -> set[str]:
    """Predicates, classes and datatypes: the IRIs prefixes are for (data IRIs have no prefix)."""
    out: set[str] = set()
    rdf_type = str(RDF.type)
    for t in triples:
        out.add(t.predicate.value)
        o = t.object
        if t.predicate.value == rdf_type:
            out.add(o.value)  # type: ignore[union-attr]
        elif isinstance(o, ox.Literal):
            out.add(o.datatype.value)
    return out


def _ox_triples(g: Graph) -> list[ox.Triple]:
    return [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in g]  # type: ignore[arg-type]


def _spo(t: ox.Triple | ox.Quad) -> tuple[str, str, str]:
    return (t.subject.value, t.predicate.value, t.object.value)  # type: ignore[union-attr]  # no RDF-star here


def turtle_string(g: Graph) -> str:
    """Turtle grouped by subject (triples sorted), with only the prefixes used."""
    triples = sorted(_ox_triples(g), key=_spo)
    prefixes = _used_prefixes(g, _vocabulary_iris(triples))
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return data.decode("utf-8") if data else ""


def write_turtle(g: Graph, path: Path) -> None:
    with atomic_write(path) as fh:
        fh.write(turtle_string(g))


def ox_quads(ds: Dataset) -> list[ox.Quad]:
    """All quads of ``ds`` as pyoxigraph quads, sorted by graph, subject, predicate, object."""
    quads = []
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        name = ctx.identifier if isinstance(ctx, Graph) else ctx
        graph = (
            ox.DefaultGraph() if name is None or str(name).startswith("urn:x-rdflib:") else _named(str(name))
        )
        quads.append(ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), graph))  # type: ignore[arg-type]
    return sorted(quads, key=lambda q: (str(q.graph_name), *_spo(q)))


def write_trig(ds: Dataset, path: Path) -> None:
    quads = ox_quads(ds)
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_used_prefixes(ds, _vocabulary_iris(quads)))
    with atomic_write(path) as fh:
        fh.write(data.decode("utf-8") if data else "")


def write_nquads(ds: Dataset, path: Path) -> None:
    data = ox.serialize(ox_quads(ds), format=ox.RdfFormat.N_QUADS)
    with atomic_write(path) as fh:
        fh.write(data.decode("utf-8") if data else "")


def write_jsonld(ds: Dataset, path: Path) -> None:
    """JSON-LD (expanded form, one ``@graph`` per article)."""
    data = ox.serialize(ox_quads(ds), format=ox.RdfFormat.JSON_LD)
    with atomic_write(path) as fh:
        fh.write(data.decode("utf-8") if data else "[]")
