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


def test_incremental_builds(tmp_path: Path) -> None:
    from kg.pipeline import build

    seeds, out, store = tmp_path / "in", tmp_path / "out", tmp_path / "st"
    seeds.mkdir()
    text = (ROOT / "seeds" / "latin-times-mariupol-surrender.txt").read_text(encoding="utf-8")
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    first = build([seeds], out, store=store, workers=1)
    assert (first.articles, first.unchanged) == (1, 0)
    jsonl = (out / "claims.jsonl").read_text(encoding="utf-8")
    # unchanged input: no NLP work, the same records
    again = build([seeds], out, store=store, workers=1)
    assert (again.articles, again.unchanged) == (0, 1)
    assert (out / "claims.jsonl").read_text(encoding="utf-8") == jsonl
    # a new article is added, the old one kept
    (seeds / "b.txt").write_text("The mayor said the bridge would close.", encoding="utf-8")
    added = build([seeds], out, store=store, workers=1)
    assert (added.articles, added.unchanged) == (1, 1)
    docs = {json.loads(line)["doc"] for line in (out / "claims.jsonl").read_text().splitlines()}
    assert docs == {"a", "b"}
    # a changed article replaces its graph
    (seeds / "b.txt").write_text("The governor said the tunnel would open.", encoding="utf-8")
    build([seeds], out, store=store, workers=1)
    contents = [json.loads(line)["content"] for line in (out / "claims.jsonl").read_text().splitlines()]
    assert "the tunnel would open" in contents and "the bridge would close" not in contents
    # kg remove takes an article out
    result = CliRunner().invoke(main, ["remove", "b", "--store", str(store)])
    assert result.exit_code == 0 and "b: removed" in result.stdout
    assert set(ClaimStore(store, read_only=True).article_hashes()) == {"a"}


def test_records_round_trip_through_the_graph(seed_document, seed_records) -> None:  # type: ignore[no-untyped-def]
    from kg.graph import records_from_graph, union_graph

    g = union_graph(build_dataset([(seed_document, seed_records)], RUN))
    ordered = sorted(seed_records, key=lambda a: (a.doc, a.content_spans[0].start, a.id))
    assert [r.to_json() for r in records_from_graph(g)] == [r.to_json() for r in ordered]


def test_oxigraph_server_loads_turtle_over_http(tmp_path: Path) -> None:
    import subprocess
    import time

    from kg.serve import oxigraph_binary

    runner = CliRunner()
    assert runner.invoke(main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path / "out")]).exit_code == 0
    port = free_port()
    proc = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(tmp_path / "db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        body = (tmp_path / "out" / "claims.ttl").read_bytes()
        req = urllib.request.Request(
            f"{base}/store?default", data=body, headers={"Content-Type": "text/turtle"}
        )
        with urllib.request.urlopen(req, timeout=30) as response:
            assert response.status in (200, 201, 204)
        for name in ("denials", "disputes", "hedged", "evidence"):
            query = (ROOT / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
            req = urllib.request.Request(
                f"{base}/query",
                data=urllib.parse.urlencode({"query": query}).encode(),
                headers={"Accept": "application/sparql-results+json"},
            )
            with urllib.request.urlopen(req, timeout=30) as response:
                rows = json.load(response)["results"]["bindings"]
            assert rows, name
            if name == "denials":
                assert {r["denier"]["value"] for r in rows} == {"Moscow"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
