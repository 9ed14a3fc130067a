"""A read-only SPARQL endpoint on 127.0.0.1 (Oxigraph server) for YASGUI and other SPARQL clients.

A file is first loaded into a temporary store; a store directory is served as it is. The union of all
named graphs is the default graph, so the competency queries run unchanged.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from kg.query import FORMATS
from kg.store import is_store

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
}


class ServeError(RuntimeError):
    """The endpoint could not be started."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` server command (PyPI package ``oxigraph``), beside this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def prepare_store(path: Path) -> tuple[Path, tempfile.TemporaryDirectory[str] | None]:
    """A store directory for ``path``: itself, or a temporary store loaded from the file."""
    if is_store(path):
        return path, None
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ServeError(f"{path}: neither a store directory nor an RDF file ({', '.join(FORMATS)})")
    tmp = tempfile.TemporaryDirectory(prefix="kg-serve-")
    store = ox.Store(tmp.name)
    try:
        store.bulk_load(path=str(path), format=OX_FORMATS[fmt])
    except (SyntaxError, OSError) as exc:
        tmp.cleanup()
        raise ServeError(f"{path}: cannot load: {exc}") from exc
    store.flush()
    del store
    return Path(tmp.name), tmp


def start(location: Path, port: int) -> subprocess.Popen[bytes]:
    """Start ``oxigraph serve-read-only`` on 127.0.0.1:``port`` and wait until it answers."""
    proc = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            "--cors",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            raise ServeError(f"oxigraph exited with {proc.returncode}: {err.strip()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
            return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    proc.terminate()
    raise ServeError(f"oxigraph did not answer on 127.0.0.1:{port} within 20 s")
