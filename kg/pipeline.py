"""The flow, usable from Python and notebooks: documents -> records (in parallel) -> graph -> files.

:func:`extract_documents` yields ``(document, records)`` in input order, with ``workers`` processes
each holding its own spaCy pipeline. :func:`build` writes the whole output directory.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.document import Document, DocumentError, JsonlFields, iter_documents
from kg.extract import Options, extract_many
from kg.lexicon import Lexicon, load_lexicon
from kg.linking import SIGNATURES, Signature, SignatureCache, SignatureKey
from kg.nlp import load_model, model_id, model_id_of
from kg.record import Attribution

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.store import ClaimStore

BATCH = 16

_worker_nlp: Language | None = None
_worker_lexicon: Lexicon | None = None
_worker_options: Options | None = None
_worker_key: tuple[str | None, str | None, Options | None] | None = None
_worker_lock = threading.Lock()


def _init_worker(model: str | None, cue_file: str | None, options: Options | None) -> None:
    global _worker_nlp, _worker_lexicon, _worker_options, _worker_key
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _worker_nlp = load_model(model)
    _worker_lexicon = load_lexicon(Path(cue_file) if cue_file else None)
    _worker_options = options
    _worker_key = (model, cue_file, options)


Signatures = list[tuple[SignatureKey, Signature]]


def extract_batch(
    batch: list[Document],
    model: str | None = None,
    cue_file: str | None = None,
    options: Options | None = None,
    signatures: bool = False,
) -> list[tuple[list[Attribution], Signatures]]:
    """The records of each document of ``batch``: the one per-batch function every engine runs (the
    process pool of ``--workers`` and the tasks of ``--engine dask``). The model and lexicon are loaded
    once per process and kept; threads of one process take turns (a spaCy pipeline is not shared).

    With ``signatures``, each document's records come with the linking signatures of their claims,
    read off the article's parse (:mod:`kg.linking`), to be taken back to the process that links."""
    found: list[Signatures] = []

    def keep(doc: Doc, records: list[Attribution]) -> None:
        found.append(SignatureCache().read_parse(doc, records) if signatures else [])

    with _worker_lock:
        if _worker_key != (model, cue_file, options):
            _init_worker(model, cue_file, options)
        assert _worker_nlp is not None
        records = [
            recs
            for _, recs in extract_many(
                batch, _worker_nlp, _worker_lexicon, options=_worker_options, on_parsed=keep
            )
        ]
    return list(zip(records, found, strict=True))


def worker_model_id() -> str:
    """The model id (for provenance) of the pipeline :func:`extract_batch` loaded in this process."""
    assert _worker_nlp is not None, "extract_batch has not run in this process"
    return model_id(_worker_nlp)


def batches_of(docs: Iterable[Document], size: int = BATCH) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last one shorter)."""
    batch: list[Document] = []
    for d in docs:
        batch.append(d)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def task_size(documents: int, workers: int) -> int:
    """Articles per batch handed to a worker: :data:`BATCH`, fewer when that would leave workers idle
    (at least four batches per worker while the input allows)."""
    return max(1, min(BATCH, -(-documents // (4 * max(workers, 1)))))


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    workers: int = 1,
    cue_file: Path | None = None,
    nlp: Language | None = None,
    options: Options | None = None,
    signatures: SignatureCache | None = None,
) -> Iterator[tuple[Document, list[Attribution]]]:
    """``(document, records)`` for every document, in input order.

    ``workers > 1`` runs that many processes (each loads the model once); output order does not
    depend on which process finishes first. With a ``signatures`` cache (e.g.
    :data:`kg.linking.SIGNATURES`, which linking reads), the linking signatures of the claims are read
    off each article's parse into it, so linking need not parse the claims again.
    """
    documents = list(documents)
    batches = list(batches_of(documents, task_size(len(documents), workers)))
    workers = min(workers, len(batches))  # no process pool for a single batch
    if workers <= 1:
        docs = [d for batch in batches for d in batch]
        keep = signatures.read_parse if signatures is not None else None
        yield from extract_many(
            docs, nlp or load_model(model), load_lexicon(cue_file), options=options, on_parsed=keep
        )
        return
    initargs = (model, str(cue_file) if cue_file else None, options)
    work = functools.partial(
        extract_batch,
        model=initargs[0],
        cue_file=initargs[1],
        options=options,
        signatures=signatures is not None,
    )
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=initargs) as pool:
        for batch, results in zip(batches, pool.map(work, batches), strict=True):
            for document, (records, found) in zip(batch, results, strict=True):
                if signatures is not None:
                    signatures.update(found)
                yield document, records


@dataclass
class BuildSummary:
    """What a build did: counts, outputs and rejected inputs (file and reason)."""

    articles: int = 0
    attributions: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)
    rejected: list[DocumentError] = field(default_factory=list)
    unchanged: int = 0  # articles already in the store with the same text: skipped
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rejected = f", {len(self.rejected)} rejected" if self.rejected else ""
        unchanged = f", {self.unchanged} unchanged (skipped)" if self.unchanged else ""
        out = [
            f"{self.articles} articles, {self.attributions} attributions{unchanged}{rejected} "
            f"in {self.seconds:.1f}s"
        ]
        out += [f"  {kind:<6} {path}" for kind, path in self.outputs.items()]
        out += [f"  rejected: {err}" for err in self.rejected]
        return out


def run_info(model: str | None = None) -> tuple[str, str]:
    """``(tool version, model id)`` for provenance."""
    return __version__, model_id_of(model)


def build(
    paths: Sequence[Path | str],
    outdir: Path,
    *,
    model: str | None = None,
    workers: int = 1,
    cue_file: Path | None = None,
    options: Options | None = None,
    store: Path | None = None,
    fields: JsonlFields | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[Document, list[Attribution]], None] | None = None,
    link: bool = True,
) -> BuildSummary:
    """Extract every document under ``paths`` and write ``outdir``: claims.ttl (complete on its own),
    claims.trig, claims.nq and claims.jsonld (one named graph per article), claims.jsonl and graph.html.
    With ``link``, claims are linked across all articles (of the store too) into the links graph
    (:mod:`kg.linking`).
    Each file is written to a temporary name and renamed, so an interrupted build leaves the previous
    outputs intact."""
    import time

    from kg.export import atomic_write, write_jsonl, write_jsonld, write_nquads, write_trig, write_turtle
    from kg.graph import RunInfo, build_dataset, new_union_graph, records_from_graph, union_graph
    from kg.linking import LINKS_GRAPH, link_records, replace_links, store_links
    from kg.view import write_build_view

    started = time.perf_counter()
    summary = BuildSummary()
    documents = list(iter_documents(paths, errors=summary.rejected, fields=fields))
    claim_store = None
    if store is not None:
        from kg.store import ClaimStore

        claim_store = ClaimStore(store)
        settings = extraction_settings(model, cue_file, options)
        known = stored_hashes(claim_store, store, settings)
        summary.unchanged = sum(1 for d in documents if known.get(d.id) == d.sha256)
        documents = [d for d in documents if known.get(d.id) != d.sha256]  # unchanged: no NLP work
        if not documents and _up_to_date(outdir, _store_state(known, model, link)):
            claim_store.close()  # nothing changed since these outputs were written from this store
            summary.outputs = {**output_paths(outdir), "store": store}
            summary.seconds = time.perf_counter() - started
            return summary
    if on_start is not None:
        on_start(len(documents))
    results: list[tuple[Document, list[Attribution]]] = []

    def extracted() -> Iterator[tuple[Document, list[Attribution]]]:
        for document, records in extract_documents(
            documents,
            model=model,
            workers=workers,
            cue_file=cue_file,
            options=options,
            signatures=SIGNATURES if link else None,
        ):
            results.append((document, records))
            if on_document is not None:
                on_document(document, records)
            yield document, records

    version, model_name = run_info(model) if documents or claim_store is None else (__version__, "")
    run = RunInfo(tool="claim-kg", tool_version=version, model=model_name, started=datetime.now(UTC))
    # each article's graph is built as its records arrive; without a store, claims.ttl's union too
    union = new_union_graph() if claim_store is None else None
    dataset = build_dataset(extracted(), run, union)
    if claim_store is not None:
        if results:
            claim_store.replace_graphs(dataset)
        assert store is not None
        remember_settings(store, settings)
        dataset = claim_store.to_dataset()
        dataset.remove_graph(dataset.graph(LINKS_GRAPH))  # recomputed below over all articles
    graph = union if union is not None else union_graph(dataset)
    records = (
        records_from_graph(graph) if claim_store is not None else [r for _, recs in results for r in recs]
    )
    if link:  # cross-article supports/disputes, in their own named graph
        signature_file, parsed_with = _signature_file(store), f"{__version__} {model or 'default'}"
        if signature_file is not None:  # claims of articles built earlier: not parsed again
            SIGNATURES.load(signature_file, parsed_with)
        links = replace_links(dataset, link_records(records, model=model))
        if signature_file is not None:
            SIGNATURES.save(signature_file, records, parsed_with)
        for triple in links:
            graph.add(triple)
        if claim_store is not None:
            store_links(claim_store, links)
    if claim_store is not None:
        claim_store.close()
    summary.articles = len(results)
    summary.attributions = sum(len(r) for _, r in results)
    outdir.mkdir(parents=True, exist_ok=True)
    outputs = output_paths(outdir)
    # Oxigraph's serialisers let go of the GIL: the dataset's formats are written in threads meanwhile
    with ThreadPoolExecutor(max_workers=3) as writers:
        pending = [
            writers.submit(write, dataset, outputs[kind])
            for write, kind in ((write_trig, "trig"), (write_nquads, "nquads"), (write_jsonld, "jsonld"))
        ]
        write_turtle(graph, outputs["turtle"])
        write_jsonl(records, outputs["jsonl"])
        write_build_view(graph, records, outputs["html"], title=_title(sorted({r.doc for r in records})))
        for job in pending:
            job.result()
    if claim_store is not None:
        stored = {**known, **{d.id: d.sha256 for d, _ in results}}
        with atomic_write(outdir / BUILD_STATE) as fh:
            fh.write(_store_state(stored, model, link))
    else:
        (outdir / BUILD_STATE).unlink(missing_ok=True)  # these outputs come from no store
    if store is not None:
        outputs["store"] = store
    summary.outputs = outputs
    summary.seconds = time.perf_counter() - started
    return summary


BUILD_STATE = ".claim-kg-build"  # in OUTDIR: the store state the outputs were written from


# The modules whose code decides what extraction finds (a change to any re-extracts a store).
EXTRACTION_CODE = (
    "boilerplate",
    "confidence",
    "coref",
    "cue_model",
    "document",
    "entities",
    "extract",
    "ids",
    "label",
    "lexicon",
    "memo_pipes",
    "namespace",
    "nlp",
    "quotes",
    "record",
    "sources",
    "stance",
    "truecase",
    "wordclass",
)


def extraction_inputs(cue_file: Path | None = None) -> list[Path]:
    """The files extraction reads besides the text: the user's cue lexicon, every packaged data file
    (lexicons, word lists, the cue model, word classes, confidence tables) and the extraction code."""
    from kg.lexicon import DATA

    data = sorted(p for p in DATA.iterdir() if p.suffix in (".tsv", ".txt") and "LICENSE" not in p.name)
    code = [Path(__file__).with_name(f"{name}.py") for name in EXTRACTION_CODE]
    return [*([cue_file] if cue_file else []), *data, *code]


def extraction_settings(model: str | None, cue_file: Path | None, options: Options | None) -> str:
    """A digest of what extraction depends on besides the text: tool version, model, the contents of
    :func:`extraction_inputs` and the options. A store built with other settings is extracted anew."""
    import hashlib
    import json

    files = extraction_inputs(cue_file)
    digests = [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-" for p in files]
    state = json.dumps([__version__, model or "default", digests, repr(options or Options())])
    return hashlib.sha256(state.encode("utf-8")).hexdigest()


def _settings_file(store: Path) -> Path:
    return store.with_name(store.name + ".extraction")


def stored_hashes(claim_store: ClaimStore, store: Path, settings: str) -> dict[str, str]:
    """Text hash of every article in the store, or nothing when the store was extracted with other
    :func:`extraction_settings` (then every article is extracted again)."""
    recorded = _settings_file(store)
    if recorded.exists() and recorded.read_text(encoding="utf-8") != settings:
        return {}
    return claim_store.article_hashes()


def remember_settings(store: Path, settings: str) -> None:
    """Record the settings a store's articles were extracted with (beside the store)."""
    from kg.export import atomic_write

    with atomic_write(_settings_file(store)) as fh:
        fh.write(settings)


def _signature_file(store: Path | None) -> Path | None:
    """Where a store's claim signatures for linking are kept between builds: beside the store."""
    return None if store is None else store.with_name(store.name + ".signatures.json")


def output_paths(outdir: Path) -> dict[str, Path]:
    """The files :func:`build` writes in ``outdir``, by kind."""
    return {
        "turtle": outdir / "claims.ttl",
        "trig": outdir / "claims.trig",
        "nquads": outdir / "claims.nq",
        "jsonld": outdir / "claims.jsonld",
        "jsonl": outdir / "claims.jsonl",
        "html": outdir / "graph.html",
    }


def _store_state(hashes: dict[str, str], model: str | None, link: bool) -> str:
    """A digest of what a store build's outputs depend on: every article's id and text hash, the tool
    version, the model and linking."""
    import hashlib
    import json

    state = json.dumps([sorted(hashes.items()), __version__, model, link])
    return hashlib.sha256(state.encode("utf-8")).hexdigest()


def _up_to_date(outdir: Path, state: str) -> bool:
    """Whether every output is there and was written from a store in ``state``."""
    stamp = outdir / BUILD_STATE
    return (
        all(p.exists() for p in output_paths(outdir).values())
        and stamp.exists()
        and stamp.read_text(encoding="utf-8") == state
    )


def _title(doc_ids: Sequence[str]) -> str:
    return f"claim-kg: {doc_ids[0]}" if len(doc_ids) == 1 else f"claim-kg: {len(doc_ids)} articles"


def evaluate_extractor(
    gold: Path,
    *,
    pred: Path | None = None,
    texts: Path | None = None,
    strict: bool = False,
    model: str | None = None,
    workers: int = 1,
    curve: bool = False,
    save_pred: Path | None = None,
    options: Options | None = None,
    thresholds: Sequence[float] = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85),
) -> tuple[Any, list[tuple[float, Any]]]:
    """Score predictions (a file, or the extractor run on the gold texts) against ``gold``.

    Returns the :class:`kg.evaluate.EvalReport` and, with ``curve``, reports at confidence thresholds.
    """
    from kg.evaluate import gold_texts, load_gold, load_predictions, pr_curve, predictions_from_records, score

    gold_items = load_gold(gold)
    if pred is not None:
        predictions = load_predictions(pred, texts)
    else:
        files = gold_texts(gold, texts)
        docs = list(iter_documents([files[k] for k in sorted(files)]))
        results = extract_documents(docs, model=model, workers=workers, options=options)
        records = [r for _, recs in results for r in recs]
        if save_pred is not None:
            from kg.export import write_jsonl

            write_jsonl(records, save_pred)
        predictions = predictions_from_records(r.to_json() for r in records)
    classify = load_lexicon().classify
    report = score(gold_items, predictions, strict=strict, classify=classify)
    points = pr_curve(gold_items, predictions, thresholds) if curve else []
    return report, points
