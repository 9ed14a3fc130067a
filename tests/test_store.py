"""The on-disk Oxigraph store and the read-only SPARQL endpoint, with real stores and a real server."""

from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graph import build_dataset
from kg.serve import prepare_store, start
from kg.store import ClaimStore, is_store
from tests.test_graph import RUN, TEXT, sample

ROOT = Path(__file__).resolve().parent.parent
DENIALS = (ROOT / "ontology" / "queries" / "denials.rq").read_text(encoding="utf-8")


def test_replacing_graphs_is_idempotent(tmp_path: Path) -> None:
    ds = build_dataset([sample(TEXT)], RUN)
    store = ClaimStore(tmp_path / "st")
    store.replace_graphs(ds)
    n = len(store)
    store.replace_graphs(ds)
    assert len(store) == n > 0
    assert is_store(tmp_path / "st")


def test_a_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    store = ClaimStore(tmp_path / "st")
    store.replace_graphs(build_dataset([sample(TEXT)], RUN))
    changed = TEXT.replace("near", "close")
    store.replace_graphs(build_dataset([sample(changed)], RUN))
    texts = {row[0] for row in store.query("SELECT ?t { ?s <http://schema.org/text> ?t }").rows}
    assert not any("near" in (t or "") for t in texts)


def test_build_with_store_then_query_the_store(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path / "out"), "--store", str(tmp_path / "st")]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["query", str(tmp_path / "st"), "-e", DENIALS, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Moscow,belies,these claims" in result.stdout
    result = runner.invoke(main, ["validate", str(tmp_path / "st")])
    assert result.exit_code == 0, result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_endpoint_answers_the_competency_queries(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path)]).exit_code == 0
    location, tmp = prepare_store(tmp_path / "claims.ttl")
    port = free_port()
    proc = start(location, port)
    try:
        url = f"http://127.0.0.1:{port}/query"
        req = urllib.request.Request(
            url,
            data=urllib.parse.urlencode({"query": DENIALS}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(req, timeout=10) as response:
            rows = json.load(response)["results"]["bindings"]
        assert {r["denier"]["value"] for r in rows} == {"Moscow"}
        assert {r["claimant"]["value"] for r in rows} == {"Ukraine officials"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if tmp is not None:
            tmp.cleanup()


def test_serve_rejects_a_non_rdf_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hello")
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "x.txt")])
    assert result.exit_code == 1 and "x.txt" in result.stderr


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
