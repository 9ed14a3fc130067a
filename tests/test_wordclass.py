"""WordNet classes of lemmas (kg/wordclass.py): the packaged data, its reader, and the cue model's use."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cue_model import class_features, class_of
from kg.wordclass import WORD_CLASSES_FILE, WordClassError, load_word_classes, read_word_classes, word_class

# (lemma, pos, lexicographer file of the first sense, direct hypernym of the first sense)
KNOWN = [
    ("say", "v", "verb.communication", "express"),
    ("laud", "v", "verb.communication", "praise"),
    ("endorse", "v", "verb.social", "approve"),
    ("point_out", "v", "verb.communication", "note"),
    ("official", "n", "noun.person", "skilled_worker"),
    ("report", "n", "noun.communication", "document"),
]


@pytest.mark.parametrize(("lemma", "pos", "lexname", "hypernym"), KNOWN)
def test_packaged_classes(lemma: str, pos: str, lexname: str, hypernym: str) -> None:
    wc = word_class(lemma, pos)
    assert wc is not None and wc.lexname == lexname and wc.hypernym == hypernym
    assert lexname in wc.lexnames


def test_verbs_carry_their_frames_and_the_licence_ships_beside_them() -> None:
    say = word_class("say", "v")
    assert say is not None and 26 in say.frames  # "Somebody ----s that CLAUSE"
    assert word_class("official", "n").frames == frozenset()  # type: ignore[union-attr]
    assert word_class("the", "v") is None
    assert (WORD_CLASSES_FILE.parent / "WORDNET-LICENSE.txt").read_text().startswith("WordNet Release 3.0")
    assert len(load_word_classes()) > 15000


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("say\tv\tverb.communication\tverb.communication\texpress", "expected 7 fields"),
        ("say\tadj\tverb.communication\tverb.communication\texpress\texpress\t8", "expected 7 fields"),
        (
            "say\tv\tverb.communication\tverb.communication\texpress\texpress\t8,x",
            "frames '8,x' are not numbers",
        ),
    ],
)
def test_a_malformed_row_names_the_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    p = tmp_path / "classes.tsv"
    p.write_text(f"# header\ntell\tv\tverb.communication\tverb.communication\tinform\tact\t-\n{row}\n")
    with pytest.raises(WordClassError, match=rf"classes.tsv:3: {problem}"):
        read_word_classes(p)


@pytest.mark.parametrize(
    ("text", "word", "lexname"),
    [
        ("Reports came out that the bridge had closed.", "came", "verb.change"),  # "come out", not "come"
        ("She came to the hearing on Monday.", "came", "verb.motion"),
        ("He pointed out that the bill had passed.", "pointed", "verb.communication"),
        ("The officials praised the plan.", "praised", "verb.communication"),
    ],
)
def test_a_candidate_takes_its_phrasal_class(nlp, text: str, word: str, lexname: str) -> None:  # type: ignore[no-untyped-def]
    t = next(t for t in nlp(text) if t.text == word)
    wc = class_of(t)
    assert wc is not None and wc.lexname == lexname
    assert f"WN={lexname}" in class_features(wc, t.dep_, "noun-pl")


def test_a_word_wordnet_lacks_gets_one_feature() -> None:
    assert class_features(None, "ROOT", "none") == ["WN=none"]
