"""The command line, through click's CliRunner: exact contracts, exit codes, help with examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main
from kg.record import Attribution

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KEYS = [
    "doc",
    "id",
    "source",
    "source_resolved",
    "source_type",
    "cue",
    "cue_lemma",
    "content",
    "content_spans",
    "stance",
    "certainty",
    "hedge",
    "kind",
    "source_start",
    "source_end",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
    "sentence_start",
    "sentence_end",
    "confidence",
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and __version__ in out


@pytest.mark.parametrize(
    "command",
    ["extract", "build", "load", "query", "view", "validate", "serve", "remove", "stats", "export", "eval"],
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0 and "Example:" in out and f"kg {command}" in out


def test_extract_jsonl_follows_the_contract() -> None:
    code, out, _ = invoke("extract", str(SEEDS), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) >= 14
    text = (SEEDS / "latin-times-mariupol-surrender.txt").read_text(encoding="utf-8")
    for row in rows:
        assert set(KEYS) <= set(row)
        assert row["stance"] in ("assert", "deny") and row["certainty"] in ("certain", "probable", "possible")
        assert " ".join(text[a:b] for a, b in row["content_spans"]) == row["content"]
        if row["source"] is not None:
            assert text[row["source_start"] : row["source_end"]] == row["source"]
        if row["cue"] is not None:
            assert text[row["cue_start"] : row["cue_end"]] == row["cue"]
        assert Attribution.from_json(row).to_json() == row


def test_extract_csv_and_ttl(tmp_path: Path) -> None:
    code, out, _ = invoke("extract", str(SEEDS), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("doc,id,source")
    code, _, _ = invoke("extract", str(SEEDS), "--format", "ttl", "-o", str(tmp_path / "c.ttl"))
    assert code == 0
    assert list(ox.parse(path=str(tmp_path / "c.ttl"), format=ox.RdfFormat.TURTLE))


def test_bad_input_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "latin-times-mariupol-surrender.txt", tmp_path / "good.txt")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    code, out, err = invoke("extract", str(tmp_path))
    assert code == 1
    assert "bad.txt" in err and "binary" in err
    assert {json.loads(line)["doc"] for line in out.splitlines()} == {"good"}


def test_build_query_and_view(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = invoke("build", str(SEEDS), "-o", str(out))
    assert code == 0 and "14 attributions" in stdout
    for name in ("claims.ttl", "claims.trig", "claims.nq", "claims.jsonld", "claims.jsonl", "graph.html"):
        assert (out / name).stat().st_size > 0
    n = len(list(ox.parse(path=str(out / "claims.trig"), format=ox.RdfFormat.TRIG)))
    assert len(list(ox.parse(path=str(out / "claims.nq"), format=ox.RdfFormat.N_QUADS))) == n
    assert len(list(ox.parse(path=str(out / "claims.jsonld"), format=ox.RdfFormat.JSON_LD))) == n
    code, stdout, _ = invoke(
        "query", str(out / "claims.ttl"), str(ROOT / "ontology/queries/denials.rq"), "--format", "csv"
    )
    assert code == 0
    assert "Moscow,belies,these claims" in stdout
    assert "Ukraine officials" in stdout
    code, stdout, _ = invoke("query", str(out / "claims.trig"), "-e", "ASK { ?s ?p ?o }", "--format", "json")
    assert code == 0 and json.loads(stdout)["boolean"] is True
    code, stdout, _ = invoke("view", str(out / "claims.ttl"), "-o", str(tmp_path / "v.html"))
    assert code == 0 and "nodes" in stdout
    code, stdout, _ = invoke("validate", str(out / "claims.ttl"))
    assert code == 0 and "conforms" in stdout


def test_validate_fails_on_a_broken_graph(tmp_path: Path) -> None:
    invoke("build", str(SEEDS), "-o", str(tmp_path))
    ttl = (tmp_path / "claims.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text(ttl.replace("ckg:confidence 0.", "ckg:confidence 7.", 1), encoding="utf-8")  # above 1
    code, _, err = invoke("validate", str(broken))
    assert code == 1 and "violations" in err


def test_query_needs_exactly_one_query(tmp_path: Path) -> None:
    (tmp_path / "g.ttl").write_text("")
    code, _, err = invoke("query", str(tmp_path / "g.ttl"))
    assert code == 2 and "QUERY_FILE" in err


def test_query_reports_a_bad_graph_file(tmp_path: Path) -> None:
    (tmp_path / "g.ttl").write_text("this is not turtle")
    code, _, err = invoke("query", str(tmp_path / "g.ttl"), "-e", "SELECT * { ?s ?p ?o }")
    assert code == 1 and "g.ttl" in err


def test_stats_and_export(tmp_path: Path) -> None:
    import networkx as nx

    invoke("build", str(SEEDS), "-o", str(tmp_path))
    code, out, _ = invoke("stats", str(tmp_path / "claims.ttl"), "--table", "disputes", "--format", "csv")
    assert code == 0 and "Moscow" in out and "Ukraine officials" in out
    code, out, _ = invoke(
        "export", str(tmp_path / "claims.ttl"), "--format", "graphml", "-o", str(tmp_path / "c.graphml")
    )
    assert code == 0
    g = nx.read_graphml(tmp_path / "c.graphml")
    assert f"{g.number_of_nodes()} nodes" in out
