"""The ``kg`` command: click wiring only. Each command parses, calls one library function, and maps
errors to messages and exit codes (1 when any input was rejected or a check failed)."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import __version__

F = TypeVar("F", bound=Callable[..., Any])


def model_option(f: F) -> F:
    return click.option(
        "--model",
        default=None,
        metavar="NAME",
        help="spaCy pipeline (default: en_core_web_sm, else its PyPI copy).",
    )(f)


def workers_option(f: F) -> F:
    return click.option(
        "--workers",
        "-j",
        default=None,
        type=click.IntRange(1),
        help="Worker processes (default: all cores; output order does not depend on it).",
    )(f)


def quiet_option(f: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")(f)


def cores(workers: int | None) -> int:
    return workers or os.cpu_count() or 1


def lexicon_option(f: F) -> F:
    return click.option(
        "--lexicon",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="Cue lexicon TSV replacing the built-in one (same columns as kg/data/cues.tsv).",
    )(f)


def join_quotes_option(f: F) -> F:
    return click.option(
        "--join-quotes",
        is_flag=True,
        help="Join a speaker's next quotation in the same paragraph into one attribution "
        "(PolNeAR's convention).",
    )(f)


def rules_only_option(f: F) -> F:
    return click.option(
        "--rules-only",
        is_flag=True,
        help="Find cues with the lexicon's rules alone, without the cue model trained on PolNeAR.",
    )(f)


def options_of(join_quotes: bool, rules_only: bool = False) -> Any:
    from kg.extract import Options

    return Options(join_quotes=join_quotes, learned_cues=not rules_only)


def jsonl_fields_option(f: F) -> F:
    return click.option(
        "--jsonl-fields",
        default=None,
        metavar="SPEC",
        help="Field names of .jsonl corpora, e.g. 'id=doc_id,text=body' "
        "(defaults: id, text, url, title, date, publisher, author).",
    )(f)


def fields_of(spec: str | None) -> Any:
    from kg.document import JsonlFields

    try:
        return JsonlFields.parse(spec)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--jsonl-fields") from exc


def report_rejected(errors: list[Any]) -> None:
    for err in errors:
        click.echo(f"kg: rejected {err}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """claim-kg: who said what in the news, as a claim-provenance knowledge graph.

    \b
    Example:
      kg build seeds -o out && kg query out/claims.ttl -e 'SELECT ...'
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: stdout)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "ttl"]), default="jsonl", show_default=True
)
@model_option
@workers_option
@lexicon_option
@join_quotes_option
@rules_only_option
@jsonl_fields_option
@quiet_option
def extract(
    paths: tuple[Path, ...],
    output: Path | None,
    fmt: str,
    model: str | None,
    workers: int | None,
    lexicon: Path | None,
    join_quotes: bool,
    rules_only: bool,
    jsonl_fields: str | None,
    quiet: bool,
) -> None:
    """Extract attribution records from .txt, .html and .jsonl files, directories of them, or - (stdin).

    \b
    Example:
      kg extract seeds --format jsonl -o claims.jsonl
    """
    from datetime import UTC, datetime

    from kg.document import iter_documents
    from kg.export import turtle_string, write_csv, write_jsonl, write_turtle
    from kg.pipeline import extract_documents, run_info
    from kg.progress import Progress

    started = time.monotonic()
    errors: list[Any] = []
    docs = list(iter_documents(paths, errors=errors, fields=fields_of(jsonl_fields)))
    options = options_of(join_quotes, rules_only)
    results = []
    with Progress(len(docs), quiet=quiet) as progress:
        for document, recs in extract_documents(
            docs, model=model, workers=cores(workers), cue_file=lexicon, options=options
        ):
            results.append((document, recs))
            progress.step(document, recs)
    records = [r for _, recs in results for r in recs]
    if fmt == "ttl":
        from kg.graph import RunInfo, build_dataset, union_graph

        version, model_name = run_info(model)
        run = RunInfo(tool="claim-kg", tool_version=version, model=model_name, started=datetime.now(UTC))
        graph = union_graph(build_dataset(results, run))
        if output:
            write_turtle(graph, output)
        else:
            click.echo(turtle_string(graph), nl=False)
    elif fmt == "csv":
        write_csv(records, output or sys.stdout)
    else:
        write_jsonl(records, output or sys.stdout)
    report_rejected(errors)
    if not quiet:
        rejected = f", {len(errors)} rejected" if errors else ""
        seconds = time.monotonic() - started
        click.echo(f"{len(docs)} articles, {len(records)} attributions{rejected} in {seconds:.1f}s", err=True)
    sys.exit(1 if errors else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False, path_type=Path))
@model_option
@workers_option
@lexicon_option
@join_quotes_option
@rules_only_option
@jsonl_fields_option
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also keep the graphs in an Oxigraph store here (one named graph per article, replaced on re-runs).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: run on a Dask cluster and write N-Quads shards (OUTDIR/shards/part-*.nq) and claims.jsonl.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --workers processes).",
)
@quiet_option
def build(
    paths: tuple[Path, ...],
    outdir: Path,
    store: Path | None,
    model: str | None,
    workers: int | None,
    lexicon: Path | None,
    join_quotes: bool,
    rules_only: bool,
    jsonl_fields: str | None,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build OUTDIR: claims.ttl, claims.trig/.nq/.jsonld (a graph per article), claims.jsonl, graph.html.

    With --engine dask: OUTDIR/shards/part-*.nq (load them with kg load) and claims.jsonl.

    \b
    Example:
      kg build seeds -o out
      kg build corpus/ -o out --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from contextlib import ExitStack

    from kg.pipeline import build as run_build
    from kg.progress import Progress

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        from kg.distributed import build_distributed

        run_build = functools.partial(build_distributed, scheduler=scheduler)

    with ExitStack() as stack:
        bars: list[Progress] = []

        def start(total: int) -> None:
            bars.append(stack.enter_context(Progress(total, quiet=quiet)))

        summary = run_build(
            paths,
            outdir,
            model=model,
            workers=cores(workers),
            cue_file=lexicon,
            options=options_of(join_quotes, rules_only),
            store=store,
            fields=fields_of(jsonl_fields),
            on_start=start,
            on_document=lambda d, r: bars[0].step(d, r),
        )
    if not quiet:
        for line in summary.lines():
            click.echo(line)
    report_rejected(summary.rejected)
    sys.exit(1 if summary.rejected else 0)


@main.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    help="Oxigraph store to load into (created when missing; the shards' named graphs are replaced).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write all quads, deduplicated and sorted, to this N-Quads file.",
)
def load(shards: tuple[Path, ...], store: Path | None, output: Path | None) -> None:
    """Load N-Quads shards (files, or directories of *.nq) into a store and/or one N-Quads file.

    \b
    Example:
      kg build corpus/ -o out --engine dask && kg load out/shards --store claims.store
    """
    from kg.distributed import load_shards, merge_shards

    if store is None and output is None:
        raise click.UsageError("give --store DIR and/or -o FILE")
    try:
        if output is not None:
            click.echo(merge_shards(shards, output).line(output))
        if store is not None:
            click.echo(load_shards(shards, store).line(store))
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("doc_ids", nargs=-1, required=True)
@click.option("--store", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
def remove(doc_ids: tuple[str, ...], store: Path) -> None:
    """Take articles (by document id) out of a store.

    \b
    Example:
      kg remove latin-times-mariupol-surrender --store claims.store
    """
    from kg.store import ClaimStore

    with ClaimStore(store) as claim_store:
        missing = [d for d in doc_ids if not claim_store.remove_article(d)]
    for d in doc_ids:
        click.echo(f"{d}: {'not in the store' if d in missing else 'removed'}")
    sys.exit(1 if missing else 0)


@main.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.argument("query_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-e", "--expression", help="SPARQL query text (instead of QUERY_FILE).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
def query(graph: Path, query_file: Path | None, expression: str | None, fmt: str) -> None:
    """Run a SPARQL query against a Turtle/TriG/N-Quads file or a store directory (all graphs).

    \b
    Example:
      kg query out/claims.ttl ontology/queries/denials.rq
      kg query out/claims.ttl -e 'PREFIX ckg: <https://w3id.org/claim-kg/ns#>
        SELECT ?cue (COUNT(*) AS ?n) WHERE { ?a ckg:cue ?cue } GROUP BY ?cue'
    """
    from kg.query import format_result, load_graph, run_query

    if (query_file is None) == (expression is None):
        raise click.UsageError("give either QUERY_FILE or -e 'SPARQL', not both or neither")
    text = expression if expression is not None else Path(query_file or "").read_text(encoding="utf-8")
    try:
        if graph.is_dir():
            from kg.store import ClaimStore

            result = ClaimStore(graph, read_only=True).query(text)
        else:
            result = run_query(load_graph(graph), text)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_result(result, fmt), nl=False)


@main.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default=None, help="Page heading.")
@click.option(
    "--corpus",
    is_flag=True,
    help="Corpus view: sources only, linked by who disputes/supports whom (implied by the options below).",
)
@click.option(
    "--focus", metavar="NAME", help="Corpus view of this source (name, case-insensitive) and its links."
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=None,
    help="Corpus view: keep the N sources with the most claims plus links (default 150).",
)
@click.option(
    "--min-weight",
    type=click.IntRange(min=1),
    default=None,
    help="Corpus view: drop links made of fewer than W claim pairs (default 1).",
)
@click.option(
    "--linked", is_flag=True, help="Corpus view: only sources that dispute, support or are answered."
)
def view(
    graph: Path,
    output: Path,
    title: str | None,
    corpus: bool,
    focus: str | None,
    top: int | None,
    min_weight: int | None,
    linked: bool,
) -> None:
    """Write an interactive, self-contained (offline) HTML view of a claim graph.

    The article view (default) draws sources, claims and articles; --corpus draws sources only, sized by
    their claims, with an edge A -> B weighted by how many of A's claims dispute (red) or support (green)
    B's.

    \b
    Example:
      kg view out/claims.ttl -o out/graph.html
      kg view train.ttl -o sources.html --corpus --top 100 --min-weight 2
      kg view train.ttl -o disputes.html --linked
      kg view train.ttl -o putin.html --focus putin
    """
    from kg.query import load_graph

    if corpus or linked or focus is not None or top is not None or min_weight is not None:
        from kg.sourcenet import DEFAULT_TOP, write_source_view

        try:
            sources = write_source_view(
                load_graph(graph),
                output,
                title=title or f"{graph.stem}: sources",
                focus=focus,
                top=top or DEFAULT_TOP,
                min_weight=min_weight or 1,
                linked=linked,
            )
        except ValueError as exc:
            raise click.ClickException(f"{graph}: {exc}") from exc
        click.echo(f"{output}: {sources.nodes} of {sources.sources} sources, {sources.edges} links")
        return
    from kg.view import LARGE, write_view

    stats = write_view(load_graph(graph), output, title=title or graph.stem)
    click.echo(f"{output}: {stats.nodes} nodes, {stats.edges} edges")
    if stats.nodes > LARGE:
        click.echo(f"hint: {stats.nodes} nodes take minutes to lay out in a browser; try --corpus", err=True)


@main.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
def serve(graph: Path, port: int) -> None:
    """Serve a graph file or store read-only over SPARQL on 127.0.0.1 (Oxigraph server).

    \b
    Example:
      kg serve out/claims.ttl --port 7878   # then query http://127.0.0.1:7878/query
    """
    from kg.serve import ServeError, prepare_store, start

    try:
        location, tmp = prepare_store(graph)
        proc = start(location, port)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"SPARQL endpoint: http://127.0.0.1:{port}/query  (read-only; Ctrl-C to stop)")
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)
    finally:
        if tmp is not None:
            tmp.cleanup()


@main.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="SHACL shapes file."
)
def validate(graph: Path, shapes: Path | None) -> None:
    """Validate a claim graph against the SHACL shapes (exit 1 when it does not conform).

    \b
    Example:
      kg validate out/claims.ttl
    """
    from kg.query import load_graph
    from kg.validate import SHAPES, validate_graph

    try:
        data = load_graph(graph)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    report = validate_graph(data, shapes or SHAPES)
    if report.conforms:
        click.echo(f"{graph}: conforms to {(shapes or SHAPES).name}")
        return
    click.echo(report.text)
    click.echo(f"{graph}: {report.violations} violations", err=True)
    sys.exit(1)


@main.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@click.option(
    "--table",
    "only",
    type=click.Choice(["most-quoted", "disputes", "supports", "outlet-source-mix", "cue-framing"]),
    help="Only this table (plain CSV with --format csv).",
)
def stats(graph: Path, fmt: str, only: str | None) -> None:
    """Analytics: most-quoted sources, who disputes and who supports whom, per-outlet source mix, cue framing.

    \b
    Example:
      kg stats out/claims.ttl --table disputes --format csv
    """
    from kg.analytics import render_stats
    from kg.analytics import stats as compute
    from kg.query import load_graph

    try:
        tables = compute(load_graph(graph))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(render_stats({only: tables[only]} if only else tables, fmt), nl=False)


@main.command(name="export")
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml"]), required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_network(graph: Path, fmt: str, output: Path) -> None:
    """Export the claim network as GEXF or GraphML for Gephi and other tools.

    \b
    Example:
      kg export out/claims.ttl --format gexf -o claims.gexf
    """
    from kg.netexport import write_network
    from kg.query import load_graph

    try:
        result = write_network(load_graph(graph), output, fmt)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{output}: {result.nodes} nodes, {result.edges} edges")


@main.command(name="eval")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="PolNeAR-style brat split directory (text/ + attributions/) or gold JSONL.",
)
@click.option(
    "--pred",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Predictions JSONL (default: run the extractor on the gold texts).",
)
@click.option(
    "--texts",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of DOC.txt (default: GOLD/text for a brat split).",
)
@click.option("--strict", is_flag=True, help="Count optional gold items as required.")
@click.option("--worst", default=10, show_default=True, help="How many worst documents to list.")
@click.option("--curve", is_flag=True, help="Also print precision/recall at confidence thresholds.")
@click.option(
    "--save-pred", type=click.Path(dir_okay=False, path_type=Path), help="Write the records scored."
)
@model_option
@workers_option
@join_quotes_option
@rules_only_option
def evaluate(
    gold: Path,
    pred: Path | None,
    texts: Path | None,
    strict: bool,
    worst: int,
    curve: bool,
    save_pred: Path | None,
    model: str | None,
    workers: int | None,
    join_quotes: bool,
    rules_only: bool,
) -> None:
    """Score extraction against gold attributions (content and full P/R/F1, recall by cue class).

    \b
    Example:
      kg eval --gold ../shared/polnear/dev
      kg eval --gold gold.jsonl --pred predictions.jsonl --texts texts/
    """
    from kg.pipeline import evaluate_extractor

    report, points = evaluate_extractor(
        gold,
        pred=pred,
        texts=texts,
        strict=strict,
        model=model,
        workers=cores(workers),
        curve=curve,
        options=options_of(join_quotes, rules_only),
        save_pred=save_pred,
    )
    if points:
        click.echo("confidence >=   P      R      F1(content)  F1(full)")
        for threshold, rep in points:
            click.echo(
                f"  {threshold:5.2f}      {rep.content_precision:.3f}  {rep.content_recall:.3f}  "
                f"{rep.content_f1:.3f}        {rep.full_f1:.3f}"
            )
    click.echo(report.to_text(worst=worst))


if __name__ == "__main__":  # pragma: no cover
    main()
