"""Every export parses in N3.js, an independent Turtle/TriG parser (npm `n3`, installed here on first use)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "n3js"
COUNT = """
const fs = require('fs');
const N3 = require(process.argv[2] + '/node_modules/n3');
const [file, format] = [process.argv[3], process.argv[4]];
const quads = new N3.Parser({ format }).parse(fs.readFileSync(file, 'utf8'));
console.log(JSON.stringify({ quads: quads.length }));
"""


@pytest.fixture(scope="module")
def n3js() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm are not installed")
    if not (CACHE / "node_modules" / "n3").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), "n3@1"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.skip(f"npm could not install n3: {done.stderr[-300:]}")
    return CACHE


def count(n3js: Path, file: Path, fmt: str) -> int:
    script = n3js / "count.js"
    script.write_text(COUNT)
    out = subprocess.run(
        ["node", str(script), str(n3js), str(file), fmt], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return int(json.loads(out.stdout)["quads"])


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    assert CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "-o", str(out)]).exit_code == 0
    return out


@pytest.mark.parametrize(
    ("name", "fmt", "oxfmt"),
    [
        ("claims.ttl", "Turtle", ox.RdfFormat.TURTLE),
        ("claims.trig", "TriG", ox.RdfFormat.TRIG),
    ],
)
def test_seed_exports_parse_in_n3js(
    n3js: Path, seed_build: Path, name: str, fmt: str, oxfmt: ox.RdfFormat
) -> None:
    path = seed_build / name
    assert count(n3js, path, fmt) == len(list(ox.parse(path=str(path), format=oxfmt)))


@pytest.mark.parametrize("path", sorted((ROOT / "ontology").glob("*.ttl")), ids=lambda p: p.name)
def test_ontology_files_parse_in_n3js(n3js: Path, path: Path) -> None:
    assert count(n3js, path, "Turtle") == len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)))
