"""Extraction on a Dask distributed cluster, writing N-Quads shards; loading shards into a store.

``kg build --engine dask`` cuts the documents into batches and runs one task per batch on the cluster
(a :class:`distributed.LocalCluster` on 127.0.0.1 when no scheduler address is given). Each task runs
:func:`kg.pipeline.extract_batch` — the function the ``--workers`` process pool runs — with the model
loaded once per worker process, builds the batch's named graphs (:func:`kg.graph.build_dataset`) and
writes them as one N-Quads shard ``OUTDIR/shards/part-NNNNN.nq`` (temporary name, then renamed).
The records come back to the client, which links claims across all articles (:mod:`kg.linking`, as the
local build does) into ``shards/links.nq`` and writes ``claims.jsonl`` in input order. Every shard also
holds the run's graph (the same in all shards: the start time is the client's), so each shard stands
alone, and the union of the shards equals the local build's ``claims.nq``.

On a real cluster, OUTDIR must be on a file system the workers share with the client, every worker needs
claim-kg and the spaCy model installed, and one thread per worker process is best
(``dask worker ADDRESS --nworkers N --nthreads 1``).

:func:`load_shards` bulk-loads shards into an Oxigraph store, replacing the named graphs they hold (so
loading twice adds nothing and a changed article replaces its old graph, as ``kg build --store`` does);
:func:`merge_shards` writes them as one sorted N-Quads file.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import __version__
from kg.document import Document, JsonlFields, iter_documents
from kg.extract import Options
from kg.pipeline import (
    BUILD_STATE,
    BuildSummary,
    Signatures,
    batches_of,
    extract_batch,
    extraction_settings,
    remember_settings,
    stored_hashes,
    task_size,
    worker_model_id,
)
from kg.record import Attribution

if TYPE_CHECKING:
    from distributed import Client

SHARDS = "shards"
LINKS = "links.nq"  # the cross-article links shard
SHARD_SUFFIX = ".nq"


def shard_name(index: int) -> str:
    return f"part-{index:05d}{SHARD_SUFFIX}"


def extract_shard(
    index: int,
    batch: list[Document],
    shard_dir: str,
    started: datetime,
    model: str | None = None,
    cue_file: str | None = None,
    options: Options | None = None,
    signatures: bool = False,
) -> list[tuple[list[Attribution], Signatures]]:
    """One task, run on a worker: the records of each document of ``batch`` (with the linking
    signatures of their claims when asked), with their graphs written to shard ``index`` in
    ``shard_dir``."""
    from kg.export import write_nquads
    from kg.graph import RunInfo, build_dataset

    results = extract_batch(batch, model, cue_file, options, signatures)
    run = RunInfo(tool="claim-kg", tool_version=__version__, model=worker_model_id(), started=started)
    dataset = build_dataset(zip(batch, (records for records, _ in results), strict=True), run)
    write_nquads(dataset, Path(shard_dir) / shard_name(index))
    return results


@contextlib.contextmanager
def dask_client(
    scheduler: str | None = None, workers: int = 1, *, processes: bool = True
) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a new LocalCluster on 127.0.0.1 with ``workers``
    single-threaded workers (processes, or threads of this process with ``processes=False``), shut down
    on exit."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        _start_method(processes),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            host="127.0.0.1" if processes else None,  # threads talk in-process, not over TCP
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its HTTP server: loopback, any port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@contextlib.contextmanager
def _start_method(processes: bool) -> Iterator[None]:
    """Local worker processes forked from a fork server that has imported Dask and claim-kg (spaCy
    included) once, where the start method allows: measured on 2 cores, a cluster of two workers ready
    to extract in half the time of Dask's default (spawn: each worker imports everything itself), and
    closed in 0.1 s instead of 1.8 s."""
    import multiprocessing

    import dask

    if not processes or "forkserver" not in multiprocessing.get_all_start_methods():
        yield
        return
    from distributed.utils import get_mp_context

    with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
        get_mp_context().set_forkserver_preload(["distributed", "kg.pipeline", "kg.distributed"])
        yield


def build_distributed(
    paths: Sequence[Path | str],
    outdir: Path,
    *,
    scheduler: str | None = None,
    workers: int = 1,
    processes: bool = True,
    model: str | None = None,
    cue_file: Path | None = None,
    options: Options | None = None,
    store: Path | None = None,
    fields: JsonlFields | None = None,
    batch_size: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[Document, list[Attribution]], None] | None = None,
    link: bool = True,
) -> BuildSummary:
    """Extract every document under ``paths`` on a Dask cluster; write ``outdir/shards/part-*.nq`` (one
    shard per task of ``batch_size`` articles, by default :func:`task_size`), ``shards/links.nq`` (with
    ``link``: claims linked across all articles) and ``outdir/claims.jsonl``. With ``store``, articles
    whose text is unchanged there are skipped, the shards are loaded into it, and links and
    ``claims.jsonl`` cover the whole store (as with ``kg build --store``).

    The new shards are written in a temporary directory that replaces ``outdir/shards`` only when all
    tasks succeeded, so a failed or interrupted build leaves the previous shards as they were."""
    from kg.export import write_jsonl

    started_clock = time.perf_counter()
    summary = BuildSummary()
    documents = list(iter_documents(paths, errors=summary.rejected, fields=fields))
    if store is not None:
        from kg.store import ClaimStore

        store.parent.mkdir(parents=True, exist_ok=True)
        settings = extraction_settings(model, cue_file, options)
        with ClaimStore(store) as claim_store:
            known = stored_hashes(claim_store, store, settings)
        summary.unchanged = sum(1 for d in documents if known.get(d.id) == d.sha256)
        documents = [d for d in documents if known.get(d.id) != d.sha256]  # unchanged: no NLP work
    if on_start is not None:
        on_start(len(documents))
    batches = list(batches_of(documents, batch_size or task_size(len(documents), workers)))
    outdir.mkdir(parents=True, exist_ok=True)
    for stale in outdir.glob(f".{SHARDS}.*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{SHARDS}.", dir=outdir))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; the shards directory is an ordinary one
    try:
        results: list[list[list[Attribution]]] = [[] for _ in batches]
        from kg.linking import SIGNATURES

        if batches:
            started = datetime.now(UTC)
            cue = str(cue_file) if cue_file else None
            with dask_client(scheduler, min(workers, len(batches)), processes=processes) as client:
                futures = {
                    client.submit(
                        extract_shard, i, batch, str(tmp), started, model, cue, options, link, pure=False
                    ): i
                    for i, batch in enumerate(batches)
                }
                from distributed import as_completed

                for future in as_completed(futures):
                    i = futures[future]
                    done = future.result()
                    results[i] = [records for records, _ in done]
                    for _, found in done:
                        SIGNATURES.update(found)
                    for document, records in zip(batches[i], results[i], strict=True):
                        if on_document is not None:
                            on_document(document, records)
        records = [r for batch in results for recs in batch for r in recs]
        summary.articles = len(documents)
        summary.attributions = len(records)
        if store is not None:
            load_shards([tmp], store)
            remember_settings(store, settings)
            records = _store_records(store)
        if link:
            _write_links(records, model, tmp / LINKS, store)
        shards = _replace_dir(tmp, outdir / SHARDS)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    write_jsonl(records, outdir / "claims.jsonl")  # atomically
    (outdir / BUILD_STATE).unlink(missing_ok=True)  # a local store build's outputs are now out of date
    summary.outputs = {"shards": shards, "jsonl": outdir / "claims.jsonl"}
    if store is not None:
        summary.outputs["store"] = store
    summary.seconds = time.perf_counter() - started_clock
    return summary


def _store_records(store: Path) -> list[Attribution]:
    """All records of all articles in the store (read back from the graph)."""
    from kg.graph import records_from_graph, union_graph
    from kg.linking import LINKS_GRAPH
    from kg.store import ClaimStore

    with ClaimStore(store, read_only=True) as claim_store:
        dataset = claim_store.to_dataset()
    dataset.remove_graph(dataset.graph(LINKS_GRAPH))  # recomputed over all articles
    return records_from_graph(union_graph(dataset))


def _write_links(records: list[Attribution], model: str | None, path: Path, store: Path | None) -> None:
    """Link the claims of ``records`` across articles into a links shard (and the store's links graph).

    This runs on the client, after the tasks, as in the local build: linking looks at the whole corpus
    (:func:`kg.linking.claims_of`), so it is not cut into tasks."""
    from rdflib import Dataset

    from kg.export import write_nquads
    from kg.linking import link_records, replace_links, store_links

    dataset = Dataset()
    links = replace_links(dataset, link_records(records, model=model))
    write_nquads(dataset, path)
    if store is not None:
        from kg.store import ClaimStore

        with ClaimStore(store) as claim_store:
            store_links(claim_store, links)


def _replace_dir(new: Path, target: Path) -> Path:
    """Put directory ``new`` in place of ``target`` (two renames; the old one is then removed)."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


# ---------------------------------------------------------------- shards -> store or file
def shard_files(paths: Iterable[Path | str]) -> list[Path]:
    """N-Quads files named directly, and the ``*.nq`` files in directories (sorted)."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files += sorted(q for q in p.iterdir() if q.is_file() and q.suffix == SHARD_SUFFIX)
        elif p.is_file():
            files.append(p)
        else:
            raise ValueError(f"{p}: no such file or directory")
    return files


def _quads(path: Path) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise ValueError(f"{path}: not valid N-Quads: {exc}") from exc


@dataclass
class LoadSummary:
    """What a load did: shard files read, quads in them, named graphs replaced, quads in the target."""

    files: int
    quads: int
    graphs: int
    total: int

    def line(self, target: Path) -> str:
        return (
            f"{self.files} shards, {self.quads} quads, {self.graphs} named graphs -> {target} "
            f"({self.total} quads)"
        )


def load_shards(paths: Iterable[Path | str], store: Path) -> LoadSummary:
    """Bulk-load N-Quads shards into the Oxigraph store at ``store`` (created when missing).

    Every named graph found in the shards is dropped first and then filled from them, so the store ends
    as ``kg build --store`` would leave it and loading the same shards twice adds nothing. The shards are
    all parsed once (a bad one is named before anything is written); the bulk loader is not one
    transaction, so a load interrupted half-way is repaired by loading again."""
    files = shard_files(paths)
    graphs: set[ox.NamedNode] = set()
    quads = 0
    for f in files:
        for q in _quads(f):
            quads += 1
            if isinstance(q.graph_name, ox.NamedNode):
                graphs.add(q.graph_name)
    store.parent.mkdir(parents=True, exist_ok=True)
    db = ox.Store(str(store))
    try:
        for name in sorted(graphs, key=lambda g: g.value):
            db.remove_graph(name)
        for f in files:
            db.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
        db.flush()
        if files:
            db.optimize()  # compacted, as ClaimStore.close does
        total = len(db)
    finally:
        del db  # releases the store's lock
        gc.collect()
    return LoadSummary(files=len(files), quads=quads, graphs=len(graphs), total=total)


def merge_shards(paths: Iterable[Path | str], output: Path) -> LoadSummary:
    """Write the quads of all shards, without duplicates and sorted (graph, subject, predicate, object),
    to ``output``."""
    from kg.export import atomic_write

    files = shard_files(paths)
    seen: set[ox.Quad] = set()
    quads = 0
    for f in files:
        for q in _quads(f):
            quads += 1
            seen.add(q)
    ordered = sorted(seen, key=_quad_key)
    data = ox.serialize(ordered, format=ox.RdfFormat.N_QUADS) or b""
    with atomic_write(output) as fh:
        fh.write(data.decode("utf-8"))
    graphs = {q.graph_name for q in ordered if isinstance(q.graph_name, ox.NamedNode)}
    return LoadSummary(files=len(files), quads=quads, graphs=len(graphs), total=len(ordered))


def _quad_key(q: ox.Quad) -> tuple[str, ...]:
    """Graph, subject, predicate, object (the order of :func:`kg.export.ox_quads`)."""
    return (str(q.graph_name), *(t.value for t in (q.subject, q.predicate, q.object)))  # type: ignore[union-attr]
