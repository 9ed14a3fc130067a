"""Writing records and graphs to files: JSONL, CSV, Turtle, TriG, N-Quads, N-Triples, JSON-LD.

Every file is written to a temporary name in the same directory and renamed into place, so an
interrupted run never leaves a half-written output. RDF goes out through Oxigraph's serialisers
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
from typing import IO, Any, TextIO

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph

from kg.rdfstore import XSD_STRING, OxGraphName, from_ox, named, ox_graph_name, ox_store_of, to_ox
from kg.record import Attribution, Span


@contextlib.contextmanager
def atomic_write(path: Path | str, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` (text, UTF-8; binary with ``mode="wb"``); on success fsync
    and rename it over ``path``.

    On any error (or interruption) the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
    try:
        text = "b" not in mode
        with os.fdopen(fd, mode, encoding="utf-8" if text else None, newline="" if text else None) as fh:
            yield fh if text else _WritingBack(fh)  # type: ignore[misc]
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


class _WritingBack:
    """A binary file that asks the kernel to start writing each 8 MiB out as soon as it is written
    (Linux ``sync_file_range``, as RocksDB's ``bytes_per_sync``): the disk works while the serialiser
    does, and the final fsync has little left to wait for. Elsewhere, a plain file."""

    CHUNK = 8 << 20

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.fd = fh.fileno()
        self.written = self.synced = 0

    def write(self, data: bytes) -> int:
        n = self.fh.write(data)
        self.written += n
        if self.written - self.synced >= self.CHUNK and _SYNC_FILE_RANGE is not None:
            self.fh.flush()
            _SYNC_FILE_RANGE(self.fd, self.synced, self.written - self.synced, _SYNC_FILE_RANGE_WRITE)
            self.synced = self.written
        return n

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fh, name)


def _sync_file_range() -> Any:
    """libc's ``sync_file_range`` (Linux), or ``None``."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.sync_file_range
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_SYNC_FILE_RANGE = _sync_file_range()
_SYNC_FILE_RANGE_WRITE = 2  # start writing the range out; do not wait


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
# Graphs built by claim-kg live in Oxigraph (kg.rdfstore): they are written by the store's own
# serialisers, in the store's order (the same for the same input). A graph in another rdflib store
# (e.g. the ontology files) is converted term by term and written sorted.
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
ox_term = to_ox  # the names the rest of the code base knows
rdflib_term = from_ox
_XSD_STRING = XSD_STRING
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


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


@functools.lru_cache(maxsize=1)
def _known_vocabulary() -> tuple[ox.NamedNode, ...]:
    """Every IRI the ontology, its vocabularies and its shapes mention: the candidates for a prefix."""
    iris: set[str] = set()
    for name in ("claim-kg.ttl", "vocabularies.ttl", "shapes.ttl"):
        path = ONTOLOGY / name
        if path.is_file():
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                iris.update(
                    x.value for x in (t.subject, t.predicate, t.object) if isinstance(x, ox.NamedNode)
                )
    return tuple(named(i) for i in sorted(iris))


def _store_vocabulary(store: ox.Store, graph: OxGraphName | None) -> set[str]:
    """The vocabulary IRIs used in ``graph`` of ``store`` (``None``: in any graph), found by index look-ups
    rather than a scan: each known predicate and class (:func:`_known_vocabulary`) is looked up, and the
    datatype of one value of each predicate found is taken. IRIs outside the ontology's vocabulary are
    written in full, never wrongly abbreviated."""
    rdf_type = named(str(RDF.type))
    out: set[str] = set()
    for node in _known_vocabulary():
        first = next(iter(store.quads_for_pattern(None, node, None, graph)), None)
        if first is not None and node != rdf_type:
            out.add(node.value)
            o = first.object
            if isinstance(o, ox.Literal) and not o.language and o.datatype.value != _XSD_STRING:
                out.add(o.datatype.value)
        if next(iter(store.quads_for_pattern(None, rdf_type, node, graph)), None) is not None:
            out.add(node.value)
    return out


def _ox_triples(g: Graph) -> list[ox.Triple]:
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g]  # type: ignore[arg-type]


def _spo(t: ox.Triple | ox.Quad) -> tuple[str, str, str]:
    return (t.subject.value, t.predicate.value, t.object.value)  # type: ignore[union-attr]  # no RDF-star here


def _dump_graph(g: Graph, fmt: ox.RdfFormat, output: IO[bytes] | None = None) -> bytes | None:
    """``g`` in a triple format (Turtle with only the prefixes used), to ``output`` or as bytes."""
    store = ox_store_of(g)
    if store is not None:
        name = ox_graph_name(g)
        prefixes = _used_prefixes(g, _store_vocabulary(store, name)) if fmt == ox.RdfFormat.TURTLE else None
        return store.dump(output, format=fmt, from_graph=name, prefixes=prefixes)
    triples = sorted(_ox_triples(g), key=_spo)
    prefixes = _used_prefixes(g, _vocabulary_iris(triples)) if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, output, format=fmt, prefixes=prefixes)


def _dump_dataset(ds: Dataset, fmt: ox.RdfFormat, output: IO[bytes] | None = None) -> bytes | None:
    """All graphs of ``ds`` in a quad format (TriG with only the prefixes used), to ``output`` or as bytes."""
    store = ox_store_of(ds)
    if store is not None:
        prefixes = _used_prefixes(ds, _store_vocabulary(store, None)) if fmt == ox.RdfFormat.TRIG else None
        return store.dump(output, format=fmt, prefixes=prefixes)
    quads = ox_quads(ds)
    prefixes = _used_prefixes(ds, _vocabulary_iris(quads)) if fmt == ox.RdfFormat.TRIG else None
    return ox.serialize(quads, output, format=fmt, prefixes=prefixes)


def turtle_string(g: Graph) -> str:
    """Turtle grouped by subject, with only the prefixes used."""
    data = _dump_graph(g, ox.RdfFormat.TURTLE)
    return data.decode("utf-8") if data else ""


def write_turtle(g: Graph, path: Path | str) -> None:
    """``g`` as Turtle (see :func:`turtle_string`), written atomically."""
    with atomic_write(path, "wb") as fh:
        _dump_graph(g, ox.RdfFormat.TURTLE, fh)


def write_ntriples(g: Graph, path: Path | str) -> None:
    """``g`` as N-Triples (one triple per line), written atomically."""
    with atomic_write(path, "wb") as fh:
        _dump_graph(g, ox.RdfFormat.N_TRIPLES, fh)


def ox_quads(ds: Dataset) -> list[ox.Quad]:
    """All quads of ``ds`` as pyoxigraph quads, sorted by graph, subject, predicate, object."""
    store = ox_store_of(ds)
    if store is not None:
        quads = list(store.quads_for_pattern(None, None, None, None))
    else:
        quads = []
        for s, p, o, ctx in ds.quads((None, None, None, None)):
            name = ctx.identifier if isinstance(ctx, Graph) else ctx
            graph = (
                ox.DefaultGraph()
                if name is None or str(name).startswith("urn:x-rdflib:")
                else named(str(name))
            )
            quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph))  # type: ignore[arg-type]
    return sorted(quads, key=lambda q: (str(q.graph_name), *_spo(q)))


def write_trig(ds: Dataset, path: Path | str) -> None:
    """``ds`` as TriG, one ``GRAPH`` block per named graph, with only the prefixes used; atomically."""
    with atomic_write(path, "wb") as fh:
        _dump_dataset(ds, ox.RdfFormat.TRIG, fh)


def write_nquads(ds: Dataset, path: Path | str) -> None:
    """``ds`` as N-Quads (one quad per line; what bulk loaders take), written atomically."""
    with atomic_write(path, "wb") as fh:
        _dump_dataset(ds, ox.RdfFormat.N_QUADS, fh)


def write_jsonld(ds: Dataset, path: Path | str) -> None:
    """JSON-LD (expanded form, one ``@graph`` per article)."""
    data = _dump_dataset(ds, ox.RdfFormat.JSON_LD)
    with atomic_write(path, "wb") as fh:
        fh.write(data or b"[]")
