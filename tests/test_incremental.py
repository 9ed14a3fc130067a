"""A store build on unchanged input does nothing when its outputs are up to date; anything else rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import BUILD_STATE, build, output_paths

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "latin-times-mariupol-surrender.txt"


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in output_paths(out).values()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    out, store = tmp_path / "out", tmp_path / "store"
    summary = build([SEED], out, workers=1, store=store)
    assert summary.articles == 1 and (out / BUILD_STATE).exists()
    return out, store


def test_rerun_on_unchanged_input_writes_nothing(built: tuple[Path, Path]) -> None:
    out, store = built
    before = stamps(out)
    summary = build([SEED], out, workers=1, store=store)
    assert summary.articles == 0 and summary.unchanged == 1
    assert stamps(out) == before
    assert set(summary.outputs) == {*output_paths(out), "store"}


@pytest.mark.parametrize("change", ["output deleted", "plain build in between", "new article"])
def test_anything_else_rewrites_the_outputs(built: tuple[Path, Path], tmp_path: Path, change: str) -> None:
    out, store = built
    inputs = [SEED]
    if change == "output deleted":
        (out / "graph.html").unlink()
    elif change == "plain build in between":
        build([SEED], out, workers=1, link=False)
        assert not (out / BUILD_STATE).exists()
    else:
        extra = tmp_path / "extra.txt"
        extra.write_text("The mayor said the bridge would close.\n", encoding="utf-8")
        inputs.append(extra)
    before = stamps(out) if change != "output deleted" else {}
    build(inputs, out, workers=1, store=store)
    after = stamps(out)
    assert all(after[name] != before.get(name) for name in after)
    assert (out / BUILD_STATE).exists()


def test_a_removed_article_is_not_up_to_date(built: tuple[Path, Path]) -> None:
    from kg.store import ClaimStore

    out, store = built
    shutil.copy(out / "claims.jsonl", out / "before.jsonl")
    with ClaimStore(store) as claim_store:
        assert claim_store.remove_article(SEED.stem)
    summary = build([SEED], out, workers=1, store=store)
    assert summary.articles == 1  # back in the store, extracted again
