"""The learned cue model: its file format, the packaged weights, and how the extractor uses it."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pytest

from kg.cue_model import (
    LEMMA_FEATURES,
    MODEL_FILE,
    CueModel,
    CueModelError,
    knows,
    load_cue_model,
    read_model,
    write_model,
)
from kg.document import Document
from kg.extract import Options, extract

ROOT = Path(__file__).resolve().parent.parent
# every feature is NAME=value with values made of lemmas, labels and '|' (no whitespace, so no running text)
FEATURE = re.compile(r"^[A-Z]+(=\S+)?$")
FAMILIES = {
    "L", "P", "T", "D", "LD", "LP", "S", "LS", "DS", "HP", "HL", "HLL", "SL", "C", "LC", "LPR", "AUX",
    "ADV", "OL", "LOL", "LEX", "LEXW", "LEXF", "NOLEX", "NEST", "LNEST", "V", "LV", "PV", "VN", "VQ",
    "VM", "LVM", "VB", "VS", "VD", "VO", "VX", "VR", "VRL", "CV", "FV", "NEG", "ROOT", "WN", "WND", "WNS",
    "WNT", "WNA", "WNF", "WNH", "SWN", "WV", "WHV", "SIB",
}  # fmt: skip


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    model = CueModel({"L=say": 1.25, "V=ccomp|x": -0.5}, -1.5, 0.3, frozenset({"support"}))
    path = tmp_path / "m.tsv"
    write_model(model, path, header=["a test model"])
    assert path.read_text(encoding="utf-8").startswith("# a test model\n")
    assert read_model(path) == model
    assert not list(tmp_path.glob("*.tmp"))


def test_probability_is_the_logistic_of_bias_plus_weights() -> None:
    model = CueModel({"a": 1.0, "b": -0.25}, -0.5, 0.5)
    assert model.score(["a", "b", "unknown"]) == pytest.approx(0.75)
    assert model.probability(["a", "b"]) == pytest.approx(1 / (1 + math.exp(-0.25)))
    assert model.probability([]) == pytest.approx(1 / (1 + math.exp(0.5)))


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("L=say 1.0", "expected 'feature<TAB>weight'"),
        ("L=say\tmany", "is not a number"),
        ("L=say\tnan", "not a finite number"),
        ("@treshold\t0.3", "unknown setting"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(f"# comment\n@bias\t0.1\n{line}\n", encoding="utf-8")
    with pytest.raises(CueModelError, match=rf"bad\.tsv:3: .*{re.escape(problem)}"):
        read_model(path)


def test_packaged_model_holds_only_feature_names() -> None:
    model = load_cue_model()
    assert model is not None, f"{MODEL_FILE} is missing: run bench/train_cue_model.py"
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 1000
    bad = [f for f in model.weights if not FEATURE.match(f) or f.split("=", 1)[0] not in FAMILIES]
    assert not bad, bad[:10]
    assert all(n.isalpha() for n in model.nouns)
    assert knows(model, "say") and knows(model, "tell")
    assert all(f.startswith(LEMMA_FEATURES) for f in ("L=say", "LV=say|ccomp"))


def test_every_feature_the_extractor_makes_has_a_known_family(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract import Extractor
    from kg.lexicon import load_lexicon

    text = 'The mayor, who was elected in May, said on Tuesday that "the bridge will open" soon.'
    ex = Extractor(Document("t", text), nlp(text), load_lexicon())
    seen = set()
    for sent in ex.sents:
        for t in ex.cue_candidates(sent):
            base, rows, *_ = ex.scored_variants(t)
            seen |= {f.split("=", 1)[0] for f in base + [x for _, _, fs in rows for x in fs]}
    assert seen and seen <= FAMILIES, seen - FAMILIES


# (text, content fragment): attributions the cue model finds with words outside the cue lexicon
LEARNED = [
    (
        "After initial reports came out that soldiers had surrendered, the city fell.",
        "soldiers had surrendered",
    ),
    ("The governor nominated Smith to the court.", "Smith to the court"),
    ("Trump loves the idea of a border wall.", "the idea of a border wall"),
]


@pytest.mark.parametrize(("text", "fragment"), LEARNED)
def test_the_model_finds_cues_outside_the_lexicon(nlp, text: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    learned = [r for r in extract(Document("t", text), nlp) if fragment in r.content]
    rules = [r for r in extract(Document("t", text), nlp, options=Options(learned_cues=False))]
    assert len(learned) == 1 and learned[0].cue_class is None and learned[0].method != "emerge"
    assert not any(fragment in r.content and r.method == learned[0].method for r in rules)


def test_a_lexicon_word_the_model_barely_saw_is_left_to_the_lexicon(nlp) -> None:  # type: ignore[no-untyped-def]
    model = load_cue_model()
    assert model is not None and not knows(model, "refute")
    (r,) = extract(Document("t", "The ministry refuted the allegations."), nlp)
    assert (r.cue_lemma, r.stance, r.content) == ("refute", "deny", "the allegations")


def test_rules_only_ignores_the_model(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from kg.cli import main

    text = tmp_path / "a.txt"
    text.write_text("The governor nominated Smith to the court.", encoding="utf-8")
    runner = CliRunner()
    learned = runner.invoke(main, ["extract", str(text), "-q", "-j", "1"])
    rules = runner.invoke(main, ["extract", str(text), "-q", "-j", "1", "--rules-only"])
    assert learned.exit_code == 0 and rules.exit_code == 0, learned.output + rules.output
    assert "Smith to the court" in learned.output and rules.output == ""


# A tiny annotated split in PolNeAR's brat format, written here (no PolNeAR text): the training script
# must turn it into labelled pairs and a model that ranks the annotated cue above the rest.
ARTICLES = [
    (
        "The mayor said that the bridge would open in May. The bridge is old.",
        "that the bridge would open in May",
    ),
    ("The governor said the budget was balanced. He walked to his car.", "the budget was balanced"),
    ("Officials said that the road was closed. The road runs north.", "that the road was closed"),
    ("The senator said the vote would fail. Aides walked out.", "the vote would fail"),
]


def test_training_script_learns_a_cue_from_brat_gold(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import train_cue_model as train
    finally:
        sys.path.pop(0)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    cue = "said"
    for n, (text, content) in enumerate(ARTICLES):
        (tmp_path / "text" / f"a{n}.txt").write_text(text, encoding="utf-8")
        c, s = text.index(f" {cue} ") + 1, text.index(content)
        ann = f"T1\tCue {c} {c + len(cue)}\t{cue}\nT2\tContent {s} {s + len(content)}\t{content}\n"
        ann += f"T3\tAttribution {c} {c + len(cue)}\t{cue}\nE1\tAttribution:T3 Cue:T1 Content:T2\n"
        (tmp_path / "attributions" / f"a{n}_0000.ann").write_text(ann, encoding="utf-8")
    cache = tmp_path / "cache.spacy"
    articles = train.load_articles(tmp_path, cache)
    assert cache.exists() and len(train.load_articles(tmp_path, cache)) == 4  # parsed once, then read back
    per_article = [train.pairs_of(a, frozenset()) for a in articles]
    X, y, lemmas = train.flat(per_article)
    assert sum(y) == 4  # one positive pair per article: "said" with the annotated complement
    positives = [x for x, lab in zip(X, y, strict=True) if lab]
    assert all("L=say" in x and "V=ccomp" in x for x in positives)
    model = train.fit(X, y, lemmas, 1.0, frozenset())
    scores = [model.probability(x) for x in X]
    assert min(s for s, lab in zip(scores, y, strict=True) if lab) > max(
        s for s, lab in zip(scores, y, strict=True) if not lab
    )


# ---------------------------------------------------------------------- the ceiling on variant scores
def _seed_candidates(nlp):  # type: ignore[no-untyped-def]
    """The packaged model, the seed article's extractor, and each of its cue candidates."""
    from kg.document import iter_documents
    from kg.extract import Extractor
    from kg.lexicon import load_lexicon

    model = load_cue_model()
    assert model is not None
    (doc,) = [d for d in iter_documents([ROOT / "seeds"]) if "mariupol" in d.id]
    ex = Extractor(doc, nlp(doc.text), load_lexicon())
    for sent in ex.sents:
        for t in ex.cue_candidates(sent, model.nouns):
            yield model, ex, t


def test_no_variant_scores_above_its_ceiling(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.cue_model import class_of, kind_inputs, sibling_kinds, subject_form

    checked = 0
    for model, ex, t in _seed_candidates(nlp):
        _, rows, head, fallback, _ = ex.scored_variants(t)
        has_object = any(c.dep_ == "dobj" for c in ex.kids[t.i])
        form = subject_form(head if not fallback else None)
        cue = ex.lexicon_cue(t)[0]
        inputs = kind_inputs(ex.lemma[t.i], ex.pos[t.i], ex.dep[t.i], cue, form, has_object, class_of(t))
        siblings = sibling_kinds(v.kind for v, _, _ in rows)
        for v, _, feats in rows:
            assert model.score(feats) <= model.ceiling.of(v.kind, inputs, siblings) + 1e-9, (t.text, v.kind)
            checked += 1
    assert checked > 50


def test_a_variant_knows_the_kinds_of_its_siblings() -> None:
    from kg.cue_model import sibling_features, sibling_kinds

    siblings = sibling_kinds(["nsubjpass", "prep:for", "prep:for-cut"])
    assert siblings == {"nsubjpass", "prep:for"}
    assert sibling_features("nsubjpass", siblings) == ["SIB=nsubjpass|prep:for"]
    assert sibling_features("prep:for-cut", siblings) == ["SIB=prep:for|nsubjpass"]


def test_passing_over_out_of_reach_cues_changes_no_decision(nlp) -> None:  # type: ignore[no-untyped-def]
    passed_over = 0
    for model, ex, t in _seed_candidates(nlp):
        base, rows, *_ = ex.scored_variants(t)
        if not rows or ex.scored_variants(t, model)[1]:
            continue
        passed_over += 1
        best = max(model.score(feats) for _, _, feats in rows)
        assert model.bias + model.score(base) + best < model.log_odds_threshold, t.text
    assert passed_over > 10  # the ceiling does pass cues over
