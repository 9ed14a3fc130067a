"""Virtuoso bulk-loads our Turtle with no loader error and answers the denials query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.virtuoso import Unavailable, running

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "https://w3id.org/claim-kg/graph/seed"


def test_virtuoso_bulk_loads_and_answers_denials(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "-o", str(data)]).exit_code == 0
    try:
        with running(tmp_path / "virtuoso", data) as v:
            v.isql(f"ld_dir('{data}', 'claims.ttl', '{GRAPH}'); rdf_loader_run(); checkpoint;")
            errors = v.isql("select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_error is not null;")
            assert "0 Rows" in errors.stdout, errors.stdout
            done = v.isql("select count(*) from DB.DBA.LOAD_LIST where ll_state = 2 and ll_error is null;")
            assert [line.strip() for line in done.stdout.splitlines() if line.strip().isdigit()] == ["1"]
            query = (ROOT / "ontology" / "queries" / "denials.rq").read_text(encoding="utf-8")
            rows = json.loads(v.sparql(query, GRAPH))["results"]["bindings"]
    except Unavailable as exc:
        pytest.skip(str(exc))
    assert {r["denier"]["value"] for r in rows} == {"Moscow"}
    assert {r["claimant"]["value"] for r in rows} == {"Ukraine officials"}
    assert len(rows) == 2
