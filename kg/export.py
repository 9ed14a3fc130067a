"""Writing records and graphs to files: JSONL, CSV, Turtle, TriG, N-Quads.

Every file is written to a temporary name in the same directory and renamed into place, so an
interrupted run never leaves a half-written output. RDF goes out through pyoxigraph's serializers
(fast at a million triples, where rdflib's Turtle writer is superlinear) with only the prefixes used.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TextIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
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
def _ox_term(t: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    if isinstance(t, BNode):  # pragma: no cover - our graphs have none
        raise ValueError("claim-kg graphs have no blank nodes")
    raise TypeError(f"unsupported RDF term {t!r}")


def _used_prefixes(g: Graph, terms: Iterable[str]) -> dict[str, str]:
    bound = {str(ns): prefix for prefix, ns in g.namespaces() if prefix}
    used: dict[str, str] = {}
    for iri in terms:
        for ns, prefix in bound.items():
            if iri.startswith(ns) and ns not in used.values():
                local = iri[len(ns) :]
                if local and all(c.isalnum() or c in "_-" for c in local):
                    used[prefix] = ns
    return dict(sorted(used.items()))


def _iris(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[str]:
    for s, p, o in triples:
        yield str(s)
        yield str(p)
        if isinstance(o, URIRef):
            yield str(o)
        elif isinstance(o, Literal) and o.datatype is not None:
            yield str(o.datatype)


def _ox_triples(g: Graph) -> list[ox.Triple]:
    return [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in g]  # type: ignore[arg-type]


def turtle_string(g: Graph) -> str:
    prefixes = _used_prefixes(g, _iris(g))
    data = ox.serialize(sorted(_ox_triples(g), key=str), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return data.decode("utf-8") if data else ""


def write_turtle(g: Graph, path: Path) -> None:
    with atomic_write(path) as fh:
        fh.write(turtle_string(g))


def ox_quads(ds: Dataset) -> list[ox.Quad]:
    quads = []
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        name = ctx.identifier if isinstance(ctx, Graph) else ctx
        graph = (
            ox.DefaultGraph()
            if name is None or str(name).startswith("urn:x-rdflib:")
            else ox.NamedNode(str(name))
        )
        quads.append(ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), graph))  # type: ignore[arg-type]
    return sorted(quads, key=str)


def write_trig(ds: Dataset, path: Path) -> None:
    prefixes = _used_prefixes(ds, _iris((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))))
    data = ox.serialize(ox_quads(ds), format=ox.RdfFormat.TRIG, prefixes=prefixes)
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
