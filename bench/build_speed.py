"""End-to-end build speed, measured as ratios in one run (the machine is shared and noisy).

Each round runs, interleaved, as subprocesses (interpreter start and model load included in all):
- a bare spaCy parse: ``nlp.pipe(texts, n_process=W, batch_size=BATCH)``, nothing else;
- ``kg build FILES -o OUT --workers W`` (all outputs: Turtle, TriG, N-Quads, JSON-LD, JSONL, HTML);
- ``kg build FILES -o OUT --workers 1``;
- ``kg build FILES -o OUT --engine dask --workers W`` (a LocalCluster of W processes; shards + JSONL).
Medians over ``--rounds``. Then once: ``kg build --store`` on a new store, and again on the same input
(nothing changed: no NLP work). Peak memory is the largest sum of the resident sizes of the build's
process and all its descendants (sampled every 50 ms).

Usage: python bench/build_speed.py [TEXT_DIR] [--limit N] [--rounds 3] [--workers W] [--results FILE]
TEXT_DIR defaults to ../shared/polnear/train (its text/ folder); skipped cleanly when absent.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from extract_speed import cpu_name, write_section

from kg.nlp import load_model, model_id
from kg.pipeline import BATCH

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT.parent / "shared" / "polnear" / "train"
KG = [sys.executable, "-m", "kg.cli"]
BARE = """
import sys
from pathlib import Path
from kg.nlp import load_model
files = Path(sys.argv[1]).read_text().splitlines()
texts = [Path(f).read_bytes().decode("utf-8") for f in files]
nlp = load_model(shipped=True)  # the model as shipped
for _ in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=int(sys.argv[3])):
    pass
"""


def run(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds of ``cmd`` and all its descendants (sampled every
    50 ms; the CPU time of a process is its last sample). ``cmd`` must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            total = 0
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in tree:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied), p.oneshot():
                    total += p.memory_info().rss
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system
            peak = max(peak, total / 2**20)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd[:6])} ...\n{err.decode()[-2000:]}")
    return seconds, peak, sum(cpu.values())


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def all_of(xs: list[float]) -> str:
    return ", ".join(f"{x:.1f}" for x in xs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts", type=Path, nargs="?", default=DEFAULT_TEXTS)
    ap.add_argument("--limit", type=int, default=None, help="Only the first N articles (sorted by name).")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="W (default: all cores).")
    ap.add_argument("--results", type=Path, default=None, help="Also write the section into this file.")
    a = ap.parse_args()
    texts = a.texts / "text" if (a.texts / "text").is_dir() else a.texts
    if not texts.is_dir():
        print(f"skip: {a.texts} not found", file=sys.stderr)
        return 0
    files = sorted(texts.glob("*.txt"))[: a.limit]
    chars = sum(len(f.read_bytes().decode("utf-8")) for f in files)
    w = a.workers
    with tempfile.TemporaryDirectory(prefix="kg-build-speed-") as tmp_name:
        tmp = Path(tmp_name)
        listing = tmp / "files.txt"
        listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
        names = [str(f) for f in files]

        def build(*extra: str) -> tuple[float, float, float]:
            return run([*KG, "build", *names, "-o", str(tmp / "out"), "-q", *extra])

        bare, local, one, dask = [], [], [], []
        cpu_bare, cpu_local, cpu_dask = [], [], []
        peak_bare = peak_local = peak_dask = 0.0
        for _ in range(a.rounds):
            t, m, c = run([sys.executable, "-c", BARE, str(listing), str(w), str(BATCH)])
            bare.append(t)
            cpu_bare.append(c)
            peak_bare = max(peak_bare, m)
            t, m, c = build("--workers", str(w))
            local.append(t)
            cpu_local.append(c)
            peak_local = max(peak_local, m)
            one.append(build("--workers", "1")[0])
            t, m, c = build("--engine", "dask", "--workers", str(w))
            dask.append(t)
            cpu_dask.append(c)
            peak_dask = max(peak_dask, m)
        attributions = sum(1 for _ in (tmp / "out" / "claims.jsonl").open(encoding="utf-8"))
        first, peak_store, _ = build("--workers", str(w), "--store", str(tmp / "store"))
        again, _, _ = build("--workers", str(w), "--store", str(tmp / "store"))

    m_bare, m_local, m_one, m_dask = (median(x) for x in (bare, local, one, dask))
    rows = [
        ("articles", f"{len(files)} ({chars:,} characters), {attributions} attributions"),
        (f"bare spaCy parse, n_process={w} (median)", f"{m_bare:.1f} s  (all: {all_of(bare)})"),
        (f"`kg build --workers {w}` (median)", f"{m_local:.1f} s  (all: {all_of(local)})"),
        ("**build / bare parse** (target <= 1.3)", f"**{m_local / m_bare:.2f}**"),
        (
            "CPU seconds, process tree (median): bare parse / build / dask build",
            f"{median(cpu_bare):.1f} / {median(cpu_local):.1f} / {median(cpu_dask):.1f}",
        ),
        (f"throughput, `--workers {w}`", f"{len(files) / m_local:.1f} articles/s"),
        (
            "peak RSS, process tree: bare parse / build / dask build",
            f"{peak_bare:.0f} MB / {peak_local:.0f} MB / {peak_dask:.0f} MB",
        ),
        ("`kg build --workers 1` (median)", f"{m_one:.1f} s  (all: {all_of(one)})"),
        (f"**workers 1 / workers {w}** (target >= 1.6 on 2 cores)", f"**{m_one / m_local:.2f}x**"),
        (
            f"`kg build --engine dask --workers {w}` (median; shards + JSONL)",
            f"{m_dask:.1f} s  (all: {all_of(dask)})",
        ),
        (f"**dask / workers {w}** (target <= 1.3)", f"**{m_dask / m_local:.2f}**"),
        (f"`kg build --store` first run, peak RSS {peak_store:.0f} MB", f"{first:.1f} s"),
        ("`kg build --store` again, unchanged input", f"{again:.2f} s"),
        ("**re-run / first run** (target < 5%)", f"**{100 * again / first:.1f}%**"),
    ]
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"## Build speed — {stamp}",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu_name()}), Python {platform.python_version()}, "
        f"model {model_id(load_model())}; input `{a.texts}`"
        + (f" (first {a.limit})" if a.limit else "")
        + f"; W = {w}; {a.rounds} interleaved rounds; every time includes interpreter start and model load. "
        "`python bench/build_speed.py` reproduces it.",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if a.results is not None:
        write_section(a.results, "## Build speed", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
