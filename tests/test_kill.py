"""`kill -9` in the middle of a build leaves the previous outputs and store intact."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.store import ClaimStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "latin-times-mariupol-surrender.txt"
OUTPUTS = ("claims.ttl", "claims.trig", "claims.nq", "claims.jsonld", "claims.jsonl", "graph.html")


def kg(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_sigkill_leaves_previous_outputs_intact(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    first = kg("build", str(SEED), "-o", str(out), "--store", str(store), "-q")
    assert first.wait(timeout=120) == 0
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    quads_before = len(ClaimStore(store, read_only=True))

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):
        shutil.copy(SEED, corpus / f"copy-{i:03d}.txt")
    second = kg("build", str(corpus), "-o", str(out), "--store", str(store), "-q", "--workers", "1")
    time.sleep(4)
    assert second.poll() is None, "the second build finished before it could be killed"
    os.killpg(second.pid, signal.SIGKILL)
    second.wait(timeout=30)

    for name in OUTPUTS:
        assert (out / name).read_bytes() == before[name], name
    assert list(ox.parse(path=str(out / "claims.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(ClaimStore(store, read_only=True)) == quads_before
