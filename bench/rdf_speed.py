"""RDF export, load and query speed at about a million triples, measured in one run.

Builds records from a PolNeAR split, replicates them (re-minted document ids) until the graph holds
about ``--triples`` triples, then measures, on the same data:

- export: our ``write_turtle`` / ``write_nquads`` (rdflib graph -> Oxigraph serialisers) vs raw pyoxigraph
  serialising the same quads vs rdflib's own Turtle writer;
- load: our store load (``ClaimStore.replace_graphs``) vs raw pyoxigraph ``bulk_load`` of the N-Quads;
- every competency query on the store (Oxigraph) at that size.

Usage: python bench/rdf_speed.py ../shared/polnear/train [--triples 1000000]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from kg import ids
from kg.document import Document, iter_documents
from kg.export import ox_quads, write_nquads, write_turtle
from kg.graph import RunInfo, build_dataset, union_graph
from kg.pipeline import extract_documents
from kg.record import Attribution
from kg.store import ClaimStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_speed import write_section

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"


def timed(fn: Callable[[], object], rounds: int = 1) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def copy(doc: Document, records: list[Attribution], k: int) -> tuple[Document, list[Attribution]]:
    doc_id = f"{doc.id}~{k}"
    moved = [dataclasses.replace(r, doc=doc_id, id=ids.mint("attribution", doc_id, r.id)) for r in records]
    moved = [
        dataclasses.replace(
            r, responds_to=ids.mint("attribution", doc_id, r.responds_to) if r.responds_to else None
        )
        for r in moved
    ]
    return Document(doc_id, doc.text, dict(doc.meta)), moved


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    a = ap.parse_args()
    texts = a.split / "text"
    if not texts.is_dir():
        print(f"skip: {texts} not found", file=sys.stderr)
        return 0
    docs = list(iter_documents([texts]))
    results = list(extract_documents(docs, workers=a.workers))
    run = RunInfo("claim-kg", "bench", "model", datetime.now(UTC))
    base = len(union_graph(build_dataset(results, run)))
    copies = max(1, round(a.triples / base))
    items = [copy(d, r, k) for k in range(copies) for d, r in results]
    start = time.perf_counter()
    ds = build_dataset(items, run)
    build_s = time.perf_counter() - start
    g = union_graph(ds)
    quads = ox_quads(ds)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    n = len(g)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        ours_ttl = timed(lambda: write_turtle(g, t / "ours.ttl"))
        ours_nq = timed(lambda: write_nquads(ds, t / "ours.nq"))
        raw_ttl = timed(lambda: ox.serialize(triples, str(t / "raw.ttl"), format=ox.RdfFormat.TURTLE))
        raw_nq = timed(lambda: ox.serialize(quads, str(t / "raw.nq"), format=ox.RdfFormat.N_QUADS))
        rdflib_ttl = timed(lambda: g.serialize(t / "rdflib.ttl", format="turtle"))
        ours_load = timed(lambda: ClaimStore(t / "ours-store").replace_graphs(ds))
        raw_load = timed(
            lambda: ox.Store(str(t / "raw-store")).bulk_load(
                path=str(t / "raw.nq"), format=ox.RdfFormat.N_QUADS
            )
        )
        store = ClaimStore(t / "ours-store", read_only=True)
        query_times = {
            q.stem: timed(lambda q=q: store.query(q.read_text(encoding="utf-8")), rounds=3)
            for q in sorted(QUERIES.glob("*.rq"))
        }
        store.close()
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"## RDF speed — {stamp}",
        "",
        f"{len(results)} articles of `{a.split}` x {copies} copies = {n:,} triples "
        f"({len(quads):,} quads); machine: {os.cpu_count()} cores. "
        f"Building the rdflib dataset: {build_s:.1f} s.",
        "",
        "| step | ours | raw pyoxigraph | ratio | rdflib |",
        "|---|---|---|---|---|",
        f"| Turtle export | {ours_ttl:.1f} s | {raw_ttl:.1f} s | **{ours_ttl / raw_ttl:.2f}x** "
        f"| {rdflib_ttl:.1f} s |",
        f"| N-Quads export | {ours_nq:.1f} s | {raw_nq:.1f} s | **{ours_nq / raw_nq:.2f}x** | |",
        f"| load into a store | {ours_load:.1f} s | {raw_load:.1f} s (bulk_load) "
        f"| **{ours_load / raw_load:.2f}x** | |",
        "",
        "Competency queries on the Oxigraph store (median of 3):",
        "",
        "| query | seconds |",
        "|---|---|",
        *(f"| {name} | {sec:.3f} |" for name, sec in query_times.items()),
        "",
    ]
    section = "\n".join(lines)
    print(section)
    write_section(a.results, "## RDF speed", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
