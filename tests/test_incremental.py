"""A store build on unchanged input does nothing when its outputs are up to date; anything else rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg as kg_package
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


@pytest.mark.parametrize("setting", ["options", "lexicon"])
def test_other_extraction_settings_extract_the_store_anew(
    built: tuple[Path, Path], tmp_path: Path, setting: str
) -> None:
    """Unchanged text is skipped only when it was extracted with the same settings (version, model,
    lexicons, options); a build with other settings extracts every article again, and then skips it."""
    from kg.extract import Options
    from kg.lexicon import DATA

    out, store = built
    kwargs: dict[str, object] = {}
    if setting == "options":
        kwargs["options"] = Options(join_quotes=True)
    else:
        lexicon = tmp_path / "cues.tsv"
        lexicon.write_text(
            (DATA / "cues.tsv").read_text(encoding="utf-8")
            + "shout\tverb\tsay\tassert\tcertain\tccomp\t0.9\n",
            encoding="utf-8",
        )
        kwargs["cue_file"] = lexicon
    again = build([SEED], out, workers=1, store=store, **kwargs)  # type: ignore[arg-type]
    assert (again.articles, again.unchanged) == (1, 0)
    once_more = build([SEED], out, workers=1, store=store, **kwargs)  # type: ignore[arg-type]
    assert (once_more.articles, once_more.unchanged) == (0, 1)


def test_the_extraction_code_is_part_of_the_settings() -> None:
    """A store is extracted anew after a change to the code that extracts, not only to its data."""
    from kg.pipeline import EXTRACTION_CODE

    kg_dir = Path(kg_package.__file__).parent
    for name in EXTRACTION_CODE:
        assert (kg_dir / f"{name}.py").is_file(), name
    # every module the extraction code imports from the package (at the top or inside a function) is
    # covered too, except the writer of files, which decides no record
    imported = {
        line.split()[1].removeprefix("kg.")
        for name in EXTRACTION_CODE
        for line in (kg_dir / f"{name}.py").read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith("from kg.")
    }
    assert imported - {"export"} <= set(EXTRACTION_CODE), imported - set(EXTRACTION_CODE)


def test_every_data_file_the_extraction_code_names_is_part_of_the_settings() -> None:
    """A store is extracted anew after a change to a word list ("roles.txt") as to a lexicon."""
    import re

    from kg.pipeline import EXTRACTION_CODE, extraction_inputs

    kg_dir = Path(kg_package.__file__).parent
    named = {
        m
        for name in EXTRACTION_CODE
        for m in re.findall(
            r"[\"']([\w-]+\.(?:tsv|txt))[\"']", (kg_dir / f"{name}.py").read_text(encoding="utf-8")
        )
    } - {".txt"}
    assert {"roles.txt", "names.txt", "cue_model.tsv", "affiliation_stop.txt"} <= named
    inputs = {p.name for p in extraction_inputs()}
    assert named <= inputs, named - inputs
