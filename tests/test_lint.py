"""`make lint` must really fail on errors: the project's ruff and mypy settings reject a bad module."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def test_mypy_rejects_a_type_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('def f(x: int) -> int:\n    return x\n\n\nf("not an int")\n')
    cfg = ["--config-file", str(ROOT / "pyproject.toml")]
    result = subprocess.run([tool("mypy"), *cfg, str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0, result.stdout
    assert "arg-type" in result.stdout


def test_ruff_rejects_an_unused_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    cfg = ["--config", str(ROOT / "pyproject.toml")]
    result = subprocess.run([tool("ruff"), "check", *cfg, str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "F401" in result.stdout


def test_the_package_itself_is_clean() -> None:
    result = subprocess.run(
        [tool("ruff"), "check", "kg", "tests", "bench"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout
