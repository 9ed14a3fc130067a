"""The Dask engine: shards from a real LocalCluster equal the local build; `kg load` into a store."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.distributed import load_shards, merge_shards, shard_files
from kg.pipeline import build
from kg.store import ClaimStore

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "latin-times-mariupol-surrender.txt"
STARTED = "http://www.w3.org/ns/prov#startedAtTime"  # the run's time: the one thing two builds differ in
ARTICLES = {
    "bridge": 'The mayor said on Monday that the bridge would close. "We have no choice," she added.',
    "talks": "Officials denied that the talks had failed, according to a statement from the ministry.",
    # two articles whose claims are linked across articles (a denial: ckg:disputes)
    "kyiv": "Ukrainian officials said that Russian forces shelled the Azovstal steel plant in Mariupol.",
    "moscow": "The Russian ministry denied that Russian forces shelled the Azovstal plant in Mariupol.",
}
LINKS = "https://w3id.org/claim-kg/id/graph/links"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED, d / SEED.name)
    shutil.copy(SEED.with_suffix(".json"), d / SEED.with_suffix(".json").name)
    for name, text in ARTICLES.items():
        (d / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The LocalCluster `kg build --engine dask` starts, with two worker processes (the real path: spawned
    processes, pickled tasks), kept for the module."""
    from kg.distributed import dask_client

    with dask_client(None, 2) as client:
        yield client.scheduler.address


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    build([corpus], out, workers=1)
    return out


@pytest.fixture(scope="module")
def dask_out(corpus: Path, scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.distributed import build_distributed

    out = tmp_path_factory.mktemp("dask")
    summary = build_distributed([corpus], out, scheduler=scheduler, workers=2, batch_size=2)
    assert summary.articles == 5 and not summary.rejected
    return out


def quads(*paths: Path) -> set[ox.Quad]:
    return {q for p in paths for q in ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)}


def timeless(qs: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in qs if q.predicate.value != STARTED}


def test_one_shard_per_batch_and_nothing_else(dask_out: Path) -> None:
    names = sorted(p.name for p in (dask_out / "shards").iterdir())
    assert names == ["links.nq", "part-00000.nq", "part-00001.nq", "part-00002.nq"]
    assert not [p for p in dask_out.iterdir() if p.name.startswith(".")]  # no temporary leftovers


def test_union_of_shards_equals_the_local_build(local: Path, dask_out: Path) -> None:
    shards = quads(*shard_files([dask_out / "shards"]))
    expected = quads(local / "claims.nq")
    assert len({q for q in shards if q.predicate.value == STARTED}) == 1  # one run, one start time
    assert any(q.graph_name.value == LINKS for q in shards)  # type: ignore[union-attr]
    assert timeless(shards) == timeless(expected)
    assert len(shards) == len(expected)
    assert (dask_out / "claims.jsonl").read_bytes() == (local / "claims.jsonl").read_bytes()


def test_merged_shards_are_the_local_nquads_line_for_line(
    local: Path, dask_out: Path, tmp_path: Path
) -> None:
    merge_shards([dask_out / "shards"], tmp_path / "all.nq")
    ours = (tmp_path / "all.nq").read_text(encoding="utf-8").splitlines()
    theirs = (local / "claims.nq").read_text(encoding="utf-8").splitlines()
    assert len(ours) == len(set(ours))
    assert sorted(line for line in ours if STARTED not in line) == sorted(
        line for line in theirs if STARTED not in line
    )


def test_load_into_a_store_then_query(dask_out: Path, corpus: Path, tmp_path: Path) -> None:
    store, local_store = tmp_path / "store", tmp_path / "local-store"
    runner = CliRunner()
    first = runner.invoke(main, ["load", str(dask_out / "shards"), "--store", str(store)])
    assert first.exit_code == 0, first.output
    build([corpus], tmp_path / "out", workers=1, store=local_store)
    with ClaimStore(store, read_only=True) as a, ClaimStore(local_store, read_only=True) as b:
        assert timeless(set(a.store)) == timeless(set(b.store))
    q = "PREFIX ckg: <https://w3id.org/claim-kg/ns#> SELECT (COUNT(?a) AS ?n) WHERE { ?a a ckg:Attribution }"
    result = runner.invoke(main, ["query", str(store), "-e", q, "--format", "csv"])
    assert result.exit_code == 0, result.output
    records = len((dask_out / "claims.jsonl").read_text(encoding="utf-8").splitlines())
    assert result.output.split()[-1] == str(records)


def test_loading_twice_adds_nothing(dask_out: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    once = load_shards([dask_out / "shards"], store)
    with ClaimStore(store, read_only=True) as s:
        before = set(s.store)
    twice = load_shards([dask_out / "shards"], store)
    with ClaimStore(store, read_only=True) as s:
        assert set(s.store) == before
    assert once.total == twice.total == len(before)


def test_load_replaces_a_changed_article(corpus: Path, scheduler: str, tmp_path: Path) -> None:
    from kg.distributed import build_distributed

    store = tmp_path / "store"
    build([corpus], tmp_path / "local", workers=1, store=store)
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / "talks.txt").write_text("The minister said the talks would resume in May.\n", encoding="utf-8")
    build_distributed([changed], tmp_path / "dask", scheduler=scheduler, workers=2)
    load_shards([tmp_path / "dask" / "shards"], store)
    expected_store = tmp_path / "expected"
    build([corpus], tmp_path / "e1", workers=1, store=expected_store)
    build([changed], tmp_path / "e2", workers=1, store=expected_store)
    with ClaimStore(store, read_only=True) as a, ClaimStore(expected_store, read_only=True) as b:
        ours, theirs = timeless(set(a.store)), timeless(set(b.store))
    assert ours == theirs
    assert not any("talks had failed" in str(q.object) for q in ours)


def test_a_failed_build_leaves_the_previous_shards(corpus: Path, scheduler: str, tmp_path: Path) -> None:
    from kg.distributed import build_distributed

    build_distributed([corpus], tmp_path, scheduler=scheduler, workers=2)
    before = {p.name: p.read_bytes() for p in (tmp_path / "shards").iterdir()}
    with pytest.raises(Exception, match="no_such_model"):
        build_distributed([corpus], tmp_path, scheduler=scheduler, workers=2, model="no_such_model")
    assert {p.name: p.read_bytes() for p in (tmp_path / "shards").iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_killed_builds_temporary_shards_are_cleared(scheduler: str, tmp_path: Path) -> None:
    from kg.distributed import build_distributed

    stale = tmp_path / ".shards.k1ll3d"
    stale.mkdir(parents=True)
    (stale / "part-00000.nq").write_text("half a shard", encoding="utf-8")
    build_distributed([SEED], tmp_path, scheduler=scheduler, workers=2)
    assert not stale.exists()
    assert sorted(p.name for p in (tmp_path / "shards").iterdir()) == ["links.nq", "part-00000.nq"]


def test_cli_build_on_a_scheduler_with_store(corpus: Path, scheduler: str, tmp_path: Path) -> None:
    args = ["build", str(corpus), "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler", scheduler]
    result = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.output
    again = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "store")])
    assert again.exit_code == 0, again.output
    assert "0 articles" in again.output and "5 unchanged" in again.output
    assert [p.name for p in (tmp_path / "out" / "shards").iterdir()] == ["links.nq"]
    records = (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(r)["doc"] for r in records} == {SEED.stem, *ARTICLES}  # the whole store's records
    with ClaimStore(tmp_path / "store", read_only=True) as s:
        assert len(list(s.graphs())) == 7  # five articles, the run and the links


def test_a_local_cluster_is_started_and_stopped_when_no_scheduler_is_given(tmp_path: Path) -> None:
    from kg.distributed import build_distributed

    summary = build_distributed([SEED], tmp_path, workers=1, processes=False)
    assert summary.articles == 1 and summary.attributions > 0
    assert quads(tmp_path / "shards" / "part-00000.nq")


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2 and "--engine dask" in result.output


def test_load_names_a_bad_shard_and_writes_nothing(dask_out: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("<http://a> <http://b> not-a-term .\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["load", str(dask_out / "shards"), str(bad), "--store", str(tmp_path / "store")]
    )
    assert result.exit_code == 1 and "bad.nq" in result.output
    assert not (tmp_path / "store").exists()


def test_load_needs_a_target(dask_out: Path) -> None:
    result = CliRunner().invoke(main, ["load", str(dask_out / "shards")])
    assert result.exit_code == 2 and "--store" in result.output


@pytest.mark.parametrize(
    ("documents", "workers", "size"),
    [(0, 2, 1), (6, 2, 1), (40, 2, 5), (128, 2, 16), (840, 2, 16), (840, 64, 4)],
)
def test_tasks_keep_every_worker_busy(documents: int, workers: int, size: int) -> None:
    from kg.pipeline import task_size

    assert task_size(documents, workers) == size
