"""notebooks/explore.ipynb runs headless from its own folder, as Jupyter and ``pytest --nbmake`` run it."""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
QUERIES = NOTEBOOK.parent.parent / "ontology" / "queries"
TIME_LIMIT = 60  # seconds for the whole notebook


def _need(name: str) -> ModuleType:
    """Import ``name`` or skip the test, naming what to install (also when it is installed but broken)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        pytest.skip(f"{name} is not installed or cannot be imported ({exc}); pip install {name}")


def _execute(path: Path) -> Any:
    nbformat, nbclient = _need("nbformat"), _need("nbclient")
    _need("ipykernel")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=TIME_LIMIT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},  # the kernel's working directory
    )
    client.execute()
    return notebook


def test_the_committed_notebook_has_no_outputs() -> None:
    nbformat = _need("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.slow
def test_the_notebook_runs_headless_in_a_minute() -> None:
    started = time.perf_counter()
    notebook = _execute(NOTEBOOK)
    assert time.perf_counter() - started < TIME_LIMIT
    cells = notebook.cells
    outputs = [o for c in cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    data = [o.get("data", {}) for o in outputs]
    shown = "\n".join(
        [str(o.get("text", "")) for o in outputs]
        + [str(d.get(kind, "")) for d in data for kind in ("text/markdown", "text/html")]
    )
    assert all(f"`{q.name}`" in shown for q in QUERIES.glob("*.rq"))  # every competency question
    assert "Ukraine officials" in shown  # the dispute, in the query tables and the analytics
    assert "<iframe srcdoc=" in shown  # the graph view, inline
    assert "gexf: ViewStats" in shown
