"""The cue lexicon is data: every row is valid, and a user lexicon replaces the built-in one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.document import Document
from kg.extract import extract
from kg.lexicon import DATA, LexiconError, load_lexicon, read_cues
from kg.namespace import SCHEMES


def test_builtin_lexicon_is_valid_and_broad() -> None:
    cues = read_cues(DATA / "cues.tsv")
    lemmas = {c.lemma for c in cues}
    required = [
        "say",
        "tell",
        "add",
        "claim",
        "allege",
        "deny",
        "reject",
        "dismiss",
        "belie",
        "refute",
        "confirm",
        "insist",
        "argue",
        "warn",
        "vow",
        "promise",
        "acknowledge",
        "admit",
        "suggest",
        "note",
        "write",
        "report",
        "announce",
        "believe",
        "estimate",
    ]
    assert set(required) <= lemmas
    assert {c.cue_class for c in cues} <= set(SCHEMES["cue"])


@pytest.mark.parametrize(
    ("cue", "cls"),
    [("said", "say"), ("has denied", "deny"), ("called for", "call"), ("According to", "according_to")],
)
def test_classify_written_cues(cue: str, cls: str) -> None:
    assert load_lexicon().classify(cue) == cls


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("say\tverb\tshout\tassert\tcertain\tccomp\t1", "unknown class 'shout'"),
        ("in\tprep\treport\tassert\tcertain\tclause\t1", "a prep cue is a preposition and a noun"),
    ],
)
def test_malformed_row_names_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    p = tmp_path / "cues.tsv"
    p.write_text(f"lemma\tpos\tclass\tstance\tcertainty\tframes\tweight\n{row}\n")
    with pytest.raises(LexiconError, match=rf"cues.tsv:2: {re.escape(problem)}"):
        read_cues(p)


def test_prep_cue_lookup() -> None:
    lex = load_lexicon()
    assert lex.source_phrase("in", "poll") is not None
    assert lex.source_phrase("in", "statement") is None


def test_user_lexicon_changes_extraction(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "cues.tsv"
    p.write_text(
        "lemma\tpos\tclass\tstance\tcertainty\tframes\tweight\nmumble\tverb\tsay\tassert\tcertain\tccomp\t0.9\n"
    )
    text = "The clerk mumbled that the office was closed. The mayor said the office was open."
    custom = extract(Document("t", text), nlp, load_lexicon(p))
    assert [r.cue for r in custom] == ["mumbled"]
    assert "said" in [r.cue for r in extract(Document("t", text), nlp)]


def test_a_user_lexicon_switches_off_the_packaged_cues_it_leaves_out(tmp_path: Path) -> None:
    p = tmp_path / "cues.tsv"
    p.write_text(
        "lemma\tpos\tclass\tstance\tcertainty\tframes\tweight\n"
        "mumble\tverb\tsay\tassert\tcertain\tccomp\t0.9\nclaim\tnoun\tclaim\tassert\tcertain\tclause\t0.8\n"
    )
    user = load_lexicon(p)
    assert user.switched_off("say", "verb") and user.switched_off("tell", "verb")
    assert not user.switched_off("mumble", "verb") and not user.switched_off("claim", "noun")
    assert user.switched_off("claim", "verb")  # the noun stays, the packaged verb is left out
    assert not load_lexicon().left_out
    assert not load_lexicon(DATA / "cues.tsv").left_out
