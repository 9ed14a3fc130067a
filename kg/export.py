"""Writing records and graphs to files: JSONL, CSV, Turtle, TriG, N-Quads, N-Triples, JSON-LD.

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

from kg.record import Attribution, Span


@contextlib.contextmanager
def atomic_write(path: Path | str, mode: str = "w") -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success fsync and rename it over ``path``.

    On any error (or interruption) the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
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
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable where the platform allows syncing a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _sink(target: Path | str | TextIO) -> Iterator[IO[str]]:
    """A path is written atomically; an open text stream is written as it is (and left open)."""
    if isinstance(target, Path | str):
        with atomic_write(target) as fh:
            yield fh
    else:
        yield target


def _csv_fields() -> list[str]:
    """The CSV columns: the keys of :meth:`Attribution.to_json`, in its order."""
    probe = Attribution(
        id="", doc="", content="", content_spans=(Span(0, 1),), sentence_span=Span(0, 1), kind="direct"
    )
    return list(probe.to_json())


CSV_FIELDS = _csv_fields()


def write_jsonl(records: Iterable[Attribution], target: Path | str | TextIO) -> None:
    """One JSON object per record (the README's contract), UTF-8, not ASCII-escaped."""
    with _sink(target) as fh:
        for r in records:
            fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


def write_csv(records: Iterable[Attribution], target: Path | str | TextIO) -> None:
    """The JSONL fields as CSV columns (:data:`CSV_FIELDS`, header even with no records);
    ``content_spans`` as JSON text, absent values as empty cells."""
    with _sink(target) as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for r in records:
            row = r.to_json()
            writer.writerow({**row, "content_spans": json.dumps(row["content_spans"])})


# ---------------------------------------------------------------- RDF through pyoxigraph
# rdflib terms are converted to pyoxigraph terms one by one (measured on 200k triples: 2.2 s, against
# 1.7 s through rdflib's N-Triples writer and pyoxigraph's parser). The direct conversion is kept: it
# does not depend on rdflib's N-Triples escaping, and it names the offending term when one is invalid.
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


@functools.lru_cache(maxsize=1 << 16)
def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def ox_term(t: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as a pyoxigraph term (plain literals stay plain: ``xsd:string``).

    Raises ``ValueError`` naming the term when it is no valid RDF (an IRI with spaces, a literal with
    a lone surrogate); blank nodes are refused, as claim-kg graphs have none.
    """
    try:
        if isinstance(t, URIRef):
            return _named(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=_named(str(t.datatype)))
            return ox.Literal(str(t))
    except ValueError as exc:
        raise ValueError(f"cannot write {t!r} as RDF: {exc}") from exc
    if isinstance(t, BNode):
        raise ValueError("claim-kg graphs have no blank nodes")
    raise TypeError(f"unsupported RDF term {t!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(t: OxTerm) -> URIRef | BNode | Literal:
    """The inverse of :func:`ox_term` (``xsd:string`` literals become plain rdflib literals)."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value == _XSD_STRING:
        return Literal(t.value)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


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
    """Predicates, classes and datatypes: the IRIs prefixes are for (data IRIs have no prefix).

    ``rdf:type`` is left out: Turtle and TriG write it as ``a``. Plain literals need no ``xsd:``."""
    out: set[str] = set()
    rdf_type = str(RDF.type)
    for t in triples:
        o = t.object
        if t.predicate.value == rdf_type:
            out.add(o.value)  # type: ignore[union-attr]
            continue
        out.add(t.predicate.value)
        if isinstance(o, ox.Literal) and o.datatype.value != _XSD_STRING and not o.language:
            out.add(o.datatype.value)
    return out


def _ox_triples(g: Graph) -> list[ox.Triple]:
    return [ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in g]  # type: ignore[arg-type]


def _spo(t: ox.Triple | ox.Quad) -> tuple[str, str, str]:
    return (t.subject.value, t.predicate.value, t.object.value)  # type: ignore[union-attr]  # no RDF-star here


def turtle_string(g: Graph) -> str:
    """Turtle grouped by subject (triples sorted), with only the prefixes used."""
    triples = sorted(_ox_triples(g), key=_spo)
    prefixes = _used_prefixes(g, _vocabulary_iris(triples))
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return data.decode("utf-8") if data else ""


def write_turtle(g: Graph, path: Path | str) -> None:
    """``g`` as Turtle (see :func:`turtle_string`), written atomically."""
    with atomic_write(path) as fh:
        fh.write(turtle_string(g))


def write_ntriples(g: Graph, path: Path | str) -> None:
    """``g`` as N-Triples (sorted, one triple per line), written atomically."""
    data = ox.serialize(sorted(_ox_triples(g), key=_spo), format=ox.RdfFormat.N_TRIPLES)
    with atomic_write(path) as fh:
        fh.write(data.decode("utf-8") if data else "")


def ox_quads(ds: Dataset) -> list[ox.Quad]:
    """All quads of ``ds`` as pyoxigraph quads, sorted by graph, subject, predicate, object."""
    quads = []
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        name = ctx.identifier if isinstance(ctx, Graph) else ctx
        graph = (
            ox.DefaultGraph() if name is None or str(name).startswith("urn:x-rdflib:") else _named(str(name))
        )
        quads.append(ox.Quad(ox_term(s), ox_term(p), ox_term(o), graph))  # type: ignore[arg-type]
    return sorted(quads, key=lambda q: (str(q.graph_name), *_spo(q)))


def write_trig(ds: Dataset, path: Path | str) -> None:
    """``ds`` as TriG, one ``GRAPH`` block per named graph, with only the prefixes used; atomically."""
    quads = ox_quads(ds)
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_used_prefixes(ds, _vocabulary_iris(quads)))
    with atomic_write(path) as fh:
        fh.write(data.decode("utf-8") if data else "")


def write_nquads(ds: Dataset, path: Path | str) -> None:
    """``ds`` as N-Quads (sorted, one quad per line; what bulk loaders take), written atomically."""
    data = ox.serialize(ox_quads(ds), format=ox.RdfFormat.N_QUADS)
    with atomic_write(path) as fh:
        fh.write(data.decode("utf-8") if data else "")


def write_jsonld(ds: Dataset, path: Path | str) -> None:
    """JSON-LD (expanded form, one ``@graph`` per article)."""
    data = ox.serialize(ox_quads(ds), format=ox.RdfFormat.JSON_LD)
    with atomic_write(path) as fh:
        fh.write(data.decode("utf-8") if data else "[]")
