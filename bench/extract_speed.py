"""Extraction speed, measured as ratios in one run (the machine is shared and noisy).

- overhead: ``extract_documents`` (parse + extraction) vs a bare ``nlp.pipe`` parse of the same
  texts with the same model as shipped (without claim-kg's components) and batch size, interleaved,
  median of ``--rounds`` (and the median of each round's own ratio); split into claim-kg's parse alone
  (:func:`kg.nlp.parse`: line breaks, dash tokenizer, memoised attribute ruler and lemmatizer, truecased
  headlines) and the extraction on top of it, each as a share of the bare parse;
- workers: ``--workers 2`` vs ``--workers 1`` wall time (process start and model load included);
- peak memory (max RSS) of this process and of its worker processes.

Usage: python bench/extract_speed.py TEXT_DIR [--rounds 3] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kg.document import Document, iter_documents
from kg.nlp import load_model, model_id, parse
from kg.pipeline import BATCH, extract_documents


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bare_parse(nlp: object, docs: list[Document]) -> None:
    for _ in nlp.pipe((d.text for d in docs), batch_size=BATCH):  # type: ignore[attr-defined]
        pass


def our_parse(nlp: object, docs: list[Document]) -> None:
    for _ in parse(nlp, (d.text for d in docs), batch_size=BATCH):  # type: ignore[arg-type]
        pass


def extract_all(docs: list[Document], workers: int, nlp: object | None = None) -> int:
    return sum(len(recs) for _, recs in extract_documents(docs, workers=workers, nlp=nlp))  # type: ignore[arg-type]


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    a = ap.parse_args()
    if not a.texts.is_dir():
        print(f"skip: {a.texts} not found", file=sys.stderr)
        return 0
    docs = list(iter_documents([a.texts]))
    chars = sum(len(d.text) for d in docs)
    nlp = load_model()
    shipped = load_model(shipped=True)  # the model as shipped, for the bare parse
    bare_parse(shipped, docs[:4])  # warm up
    bare, ours, parsed = [], [], []
    for _ in range(a.rounds):
        bare.append(timed(lambda: bare_parse(shipped, docs)))
        ours.append(timed(lambda: extract_all(docs, 1, nlp)))
        parsed.append(timed(lambda: our_parse(nlp, docs)))
    n_records = extract_all(docs, 1, nlp)
    one, two = [], []
    for _ in range(a.rounds):
        one.append(timed(lambda: extract_all(docs, 1)))
        two.append(timed(lambda: extract_all(docs, 2)))
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    m_bare, m_ours, m_one, m_two, m_parse = (statistics.median(x) for x in (bare, ours, one, two, parsed))
    paired = [o / b for b, o in zip(bare, ours, strict=True)]  # adjacent runs: drift of the machine cancels
    rows = [
        ("documents", f"{len(docs)} ({chars:,} characters), {n_records} attributions"),
        ("bare nlp.pipe parse (median)", f"{m_bare:.2f} s  (all: {', '.join(f'{x:.2f}' for x in bare)})"),
        (
            "kg extraction, 1 process (median)",
            f"{m_ours:.2f} s  (all: {', '.join(f'{x:.2f}' for x in ours)})",
        ),
        ("**overhead ratio** (extract / bare parse)", f"**{m_ours / m_bare:.3f}**"),
        (
            "of which claim-kg's parse alone / bare parse (median)",
            f"{m_parse / m_bare:.3f}  ({m_parse:.2f} s)",
        ),
        ("of which extraction on the parse / bare parse", f"{(m_ours - m_parse) / m_bare:.3f}"),
        (
            "per-round ratios (each round's extraction / its own bare parse)",
            f"median {statistics.median(paired):.3f}  (all: {', '.join(f'{x:.2f}' for x in paired)})",
        ),
        ("--workers 1 (median)", f"{m_one:.2f} s"),
        ("--workers 2 (median, includes process start and model load)", f"{m_two:.2f} s"),
        ("**speed-up** (workers 1 / workers 2)", f"**{m_one / m_two:.2f}x**"),
        ("peak RSS: main process / largest worker", f"{rss_self:.0f} MB / {rss_children:.0f} MB"),
        (
            "throughput, 1 process",
            f"{len(docs) / m_ours:.1f} articles/s, {chars / m_ours / 1000:.0f}k chars/s",
        ),
    ]
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"## Extraction speed — {stamp}",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu_name()}), Python {platform.python_version()}, "
        f"model {model_id(nlp)}; input `{a.texts}`; {a.rounds} interleaved rounds.",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
    ]
    report = "\n".join(lines)
    print(report)
    write_section(a.results, "## Extraction speed", report)
    return 0


def write_section(path: Path, heading: str, section: str) -> None:
    """Replace the section starting with ``heading`` in ``path`` (or append it), atomically."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    parts = old.split("\n## ")
    sections = ["## " + p.rstrip("\n") + "\n" for p in parts[1:]]
    at = next((i for i, p in enumerate(sections) if p.startswith(heading)), None)
    if at is None:
        sections.append(section)
    else:
        sections[at] = section  # in place: the file keeps its order
    new = parts[0].rstrip("\n") + "\n\n" + "\n".join(s.rstrip("\n") + "\n" for s in sections)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
