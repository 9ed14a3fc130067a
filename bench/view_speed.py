"""How fast the corpus view of a whole PolNeAR split settles in headless Chromium.

Builds the claim graph of a split as ``kg build`` does, cross-article links included (or reads one with
``--graph``), writes the corpus view (``kg view --corpus``) with the default filter, others and none, and
opens each page in headless Debian Chromium through the DevTools protocol: the time is the wall clock from
navigation until the page marks ``<body data-state="stable">`` (the capped stabilisation is done and
physics is switched off). The page's own ``performance.now()`` at that moment is reported too. Only counts
and timings are written out, never corpus text.

Usage: python bench/view_speed.py ../shared/polnear/train [--graph train.ttl] [--keep-graph train.ttl]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_speed import write_section  # noqa: E402
from rdflib import RDF  # noqa: E402

from kg.document import iter_documents  # noqa: E402
from kg.export import write_turtle  # noqa: E402
from kg.graph import RunInfo, build_dataset, union_graph  # noqa: E402
from kg.linking import link_records, replace_links  # noqa: E402
from kg.namespace import CKG  # noqa: E402
from kg.nlp import load_model  # noqa: E402
from kg.pipeline import extract_documents  # noqa: E402
from kg.query import load_graph  # noqa: E402
from kg.sourcenet import DEFAULT_TOP, write_source_view  # noqa: E402
from tests.chromium import settle_time  # noqa: E402

LIMIT_S = 10.0
# (name, keyword arguments of write_source_view)
VIEWS: list[tuple[str, dict[str, object]]] = [
    (f"default (top {DEFAULT_TOP})", {}),
    ("--linked", {"linked": True}),
    ("--top 1000", {"top": 1000}),
    ("every source (no --top)", {"top": None}),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path)
    ap.add_argument("--graph", type=Path, help="use this graph file instead of building the split")
    ap.add_argument("--keep-graph", type=Path, help="write the built graph here (Turtle) for later runs")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    a = ap.parse_args()
    texts = a.split / "text"
    if a.graph is None and not texts.is_dir():
        print(f"skip: {texts} not found", file=sys.stderr)
        return 0
    start = time.perf_counter()
    if a.graph is not None:
        graph = load_graph(a.graph)
        articles = len(set(graph.subjects(RDF.type, CKG.Article)))
        made = f"read from {a.graph.name}"
    else:
        docs = list(iter_documents([texts]))
        results = list(extract_documents(docs, workers=a.workers))
        dataset = build_dataset(results, RunInfo("claim-kg", "bench", "model", datetime.now(UTC)))
        # cross-article supports/disputes, as kg build adds them
        replace_links(dataset, link_records([r for _, rs in results for r in rs], load_model()))
        graph = union_graph(dataset)
        if a.keep_graph:
            write_turtle(graph, a.keep_graph)
        articles = len(docs)
        made = "extracted, built and linked across articles"
    graph_s = time.perf_counter() - start
    version = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, options in VIEWS:
            page = Path(tmp) / "view.html"
            start = time.perf_counter()
            stats = write_source_view(graph, page, **options)  # type: ignore[arg-type]
            write_s = time.perf_counter() - start
            wall, data = settle_time(page)
            within = "yes" if wall <= LIMIT_S else "NO"
            rows.append(
                f"| {name} | {stats.nodes:,} of {stats.sources:,} | {stats.edges:,} | {write_s:.1f} s "
                f"| **{wall:.1f} s** | {int(data['settleMs']) / 1000:.1f} s | {within} |"
            )
            print(rows[-1], flush=True)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"## View speed — {stamp}",
        "",
        f"Corpus view (`kg view --corpus`) of `{a.split}`: {articles} articles, {len(graph):,} triples "
        f"({made} in {graph_s:.0f} s). {version}, headless, 1280x900; machine: {os.cpu_count()} cores "
        f"(shared with other work). Settle = wall clock from navigation until the page reports "
        f'`data-state="stable"` (capped stabilisation done, physics off), read through the DevTools '
        f"protocol; in-page = `performance.now()` at that moment. Limit: {LIMIT_S:.0f} s.",
        "",
        "| view | sources drawn | links | write page | settle | in-page | within limit |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    section = "\n".join(lines)
    print(section)
    write_section(a.results, "## View speed", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
