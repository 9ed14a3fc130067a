"""Tests of kg.evaluate: the definition piece by piece, the brat loader, and a cross-check against the
reference scorer (skipped when ../shared/eval is absent). Every sentence here is invented."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.evaluate import (
    EvalInputError,
    GoldItem,
    Prediction,
    against_annotators,
    agreement,
    annotator_files,
    combine_source,
    content_pairs,
    gold_texts,
    jaccard,
    load_gold,
    load_predictions,
    multi_annotated,
    normalize_doc_id,
    normalize_stance,
    pr_curve,
    predictions_from_records,
    score,
    source_is_empty,
    source_match,
    tokens,
)

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = Path(os.environ.get("CLAIM_KG_SHARED", REPO.parent / "shared")) / "eval"


def gold_item(content: str, source: str | None = "Jane Roe", **kw: Any) -> GoldItem:
    fields: dict[str, Any] = {"source_resolved": source, "cue": "said", "kind": "indirect", **kw}
    return GoldItem(source=source, content=content, **fields)


def pred(content: str, source: str | None = "Jane Roe", doc: str = "d", **kw: Any) -> Prediction:
    return Prediction(doc=doc, source=source, cue=kw.pop("cue", "said"), content=content, **kw)


# --------------------------------------------------------------------------------------------------
# Tokens, Jaccard, normalisation
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Mayor's plan, (maybe)!", ["the", "mayor", "s", "plan", "maybe"]),
        ("snake_case and 42nd", ["snake", "case", "and", "42nd"]),
        ("Zürich — café", ["zürich", "café"]),
        ("", []),
        (None, []),
        ("... !!", []),
    ],
)
def test_tokens(text: str | None, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("the bridge will reopen", "The bridge will reopen.", 1.0),
        ("the bridge will reopen", "the bridge will", 0.75),
        ("a b", "b c", 1 / 3),
        ("bridge bridge bridge", "bridge", 1.0),  # sets, not bags
        ("", "anything", 0.0),
        ("!!", "!!", 0.0),
        (None, "x", 0.0),
    ],
)
def test_jaccard(a: str | None, b: str | None, expected: float) -> None:
    assert jaccard(a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("doc", "expected"), [("7", "07"), (7, "07"), (" 123 ", "123"), ("007", "007"), ("a7", "a7")]
)
def test_normalize_doc_id(doc: object, expected: str) -> None:
    assert normalize_doc_id(doc) == expected


@pytest.mark.parametrize(
    ("stance", "expected"),
    [
        ("deny", "deny"),
        ("Denied", "deny"),
        ("NEG", "deny"),
        ("reject", "deny"),
        ("negative", "deny"),
        ("assert", "assert"),
        (None, "assert"),
        ("", "assert"),
        ("doubt", "assert"),
    ],
)
def test_normalize_stance(stance: object, expected: str) -> None:
    assert normalize_stance(stance) == expected


# --------------------------------------------------------------------------------------------------
# Source matching
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred_source", "gold_source", "resolved", "lenient", "expected"),
    [
        ("Roe", "Mayor Jane Roe", None, True, True),
        ("the mayor", "Mayor Jane Roe", None, True, True),
        ("the Roe family", "Jane Roe", None, True, True),
        ("Tom Field", "Mayor Jane Roe", None, True, False),
        ("the", "the mayor", None, True, False),  # stopwords alone never match
        ("unknown", "Jane Roe", None, True, False),  # nor placeholders
        ("he Tom Field", "he", "Tom Field", True, True),  # resolved source counts
        ("he", "his", "Tom Field", True, False),  # not pronoun-only: resolved has a content word
        ("he", "who", "who", True, True),  # pronoun-lenient: any non-empty source
        ("unknown", "who", None, True, True),
        ("", "who", None, True, False),
        ("he", "who", None, False, False),
        ("who", "who", None, False, False),  # without leniency a stopword never matches
        (None, None, None, True, True),  # gold without source: only an empty prediction matches
        ("", None, None, True, True),
        ("unspecified", None, None, True, True),
        ("the unknown", None, None, True, True),
        ("officials", None, None, True, False),
        ("officials", None, "officials", True, False),  # source None decides, resolved ignored
    ],
)
def test_source_match(
    pred_source: str | None, gold_source: str | None, resolved: str | None, lenient: bool, expected: bool
) -> None:
    gold = GoldItem(gold_source, resolved, "said", "x", "assert", "direct", False, None)
    assert source_match(pred_source, gold, pronoun_lenient=lenient) is expected


@pytest.mark.parametrize(
    ("source", "empty"), [(None, True), ("", True), ("N/A", True), ("the unknown", True), ("he", False)]
)
def test_source_is_empty(source: str | None, empty: bool) -> None:
    assert source_is_empty(source) is empty


@pytest.mark.parametrize(
    ("surface", "resolved", "expected"),
    [
        ("he", "Vadym Boichenko", "he Vadym Boichenko"),
        ("Jane Roe", "jane roe", "Jane Roe"),
        ("Jane Roe", None, "Jane Roe"),
        (None, "Jane Roe", "Jane Roe"),
        (None, None, None),
    ],
)
def test_combine_source(surface: str | None, resolved: str | None, expected: str | None) -> None:
    assert combine_source(surface, resolved) == expected


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------

BRIDGE = "that the bridge will reopen in May"


def test_one_to_one_duplicate_prediction_is_a_false_positive() -> None:
    report = score({"d": [gold_item(BRIDGE)]}, [pred(BRIDGE), pred(BRIDGE)])
    assert (report.tp_content, report.tp_full, report.n_pred, report.n_gold) == (1, 1, 2, 1)
    assert report.content.precision == 0.5
    assert report.content.recall == 1.0


def test_best_overlap_wins_then_source_breaks_ties() -> None:
    gold = {"d": [gold_item(BRIDGE), gold_item("that the bridge will reopen")]}
    # pred 0 overlaps gold 0 at 5/6, gold 1 at 1.0 -> greedily goes to gold 1; pred 1 then takes gold 0
    preds = [pred("the bridge will reopen"), pred("the bridge will reopen in")]
    report = score(gold, preds)
    assert (report.tp_content, report.tp_full) == (2, 2)
    # equal overlap: the prediction with the matching source is preferred
    report = score({"d": [gold_item(BRIDGE)]}, [pred(BRIDGE, "Tom Field"), pred(BRIDGE, "Roe")])
    assert (report.tp_content, report.tp_full) == (1, 1)


def test_below_threshold_is_no_match() -> None:
    report = score({"d": [gold_item("one two three four five")]}, [pred("one two")])
    assert (report.tp_content, report.n_pred, report.n_gold) == (0, 1, 1)


def test_full_matching_is_separate_from_content_matching() -> None:
    # the exact-content prediction has the wrong source; the partial one has the right source
    gold = {"d": [gold_item(BRIDGE, "Mayor Jane Roe")]}
    preds = [pred(BRIDGE, "unknown"), pred("the bridge will reopen", "Roe")]
    report = score(gold, preds)
    assert (report.tp_content, report.tp_full, report.n_pred) == (1, 1, 2)


@pytest.mark.parametrize(
    ("strict", "expected"),
    [(False, (1, 1, 1, 1)), (True, (2, 2, 2, 0))],  # tp_content, n_gold, n_pred, dont_care
)
def test_optional_gold_is_dont_care_unless_strict(strict: bool, expected: tuple[int, ...]) -> None:
    gold = {"d": [gold_item(BRIDGE), gold_item("the ferry fares would double", optional=True)]}
    preds = [pred(BRIDGE), pred("ferry fares would double")]
    report = score(gold, preds, strict=strict)
    assert (report.tp_content, report.n_gold, report.n_pred, report.dont_care) == expected


def test_unmatched_optional_gold_is_not_a_false_negative() -> None:
    gold = {"d": [gold_item(BRIDGE), gold_item("the ferry fares would double", optional=True)]}
    report = score(gold, [pred(BRIDGE)])
    assert (report.content.recall, report.content.precision) == (1.0, 1.0)


def test_required_gold_preferred_over_optional_with_equal_overlap() -> None:
    gold = {"d": [gold_item(BRIDGE, optional=True), gold_item(BRIDGE)]}
    report = score(gold, [pred(BRIDGE)])
    assert (report.tp_content, report.tp_full, report.dont_care, report.n_pred) == (1, 1, 0, 1)


def test_content_pairs_are_the_matches_score_counts() -> None:
    gold = {
        "d": [gold_item(BRIDGE, "Mayor Jane Roe"), gold_item("the ferry fares would double", optional=True)],
        "e": [gold_item("the tolls will fall", None)],
    }
    preds = [
        pred("the tolls will fall", "the council", doc="e"),  # gold without a source: a named one is wrong
        pred(BRIDGE, "unknown"),
        pred("ferry fares would double"),
        pred("nothing like any of them"),
    ]
    pairs = content_pairs(gold, preds)
    assert [(p.doc, p.gold, p.prediction, p.source_ok, p.required) for p in pairs] == [
        ("d", 0, 1, False, True),
        ("d", 1, 2, True, False),
        ("e", 0, 0, False, True),
    ]
    assert sum(p.required for p in pairs) == score(gold, preds).tp_content


def test_stance_confusion_over_content_matches() -> None:
    gold = {"d": [gold_item(BRIDGE, stance="deny"), gold_item("the ferry fares would double")]}
    preds = [pred(BRIDGE, stance="Denied"), pred("the ferry fares would double", stance="deny")]
    report = score(gold, preds)
    assert report.stance == {("deny", "deny"): 1, ("assert", "deny"): 1}
    assert report.stance_accuracy == 0.5


def test_unknown_documents_are_ignored_and_numeric_ids_normalised() -> None:
    report = score({"07": [gold_item(BRIDGE)]}, [pred(BRIDGE, doc="7"), pred(BRIDGE, doc="ghost")])
    assert (report.tp_full, report.n_pred, report.unknown_docs) == (1, 1, {"ghost": 1})


def test_recall_by_kind_and_cue_class() -> None:
    gold = {"d": [gold_item(BRIDGE, kind="direct", cue="Said"), gold_item("x y z", cue="claimed")]}
    report = score(gold, [pred(BRIDGE, cue_class="speech")], classify=lambda c: "speech" + c[:1].lower())
    assert {k: (c.gold, c.content) for k, c in report.by_kind.items()} == {
        "direct": (1, 1),
        "indirect": (1, 0),
    }
    assert {k: (c.gold, c.full) for k, c in report.by_cue_class.items()} == {
        "speechs": (1, 1),
        "speechc": (1, 0),
    }
    assert {k: c.pred for k, c in report.by_pred_cue_class.items()} == {"speech": 1}
    default = score(gold, [pred(BRIDGE)])
    assert set(default.by_cue_class) == {"said", "claimed"}


def test_report_text_json_and_worst() -> None:
    gold = {
        "a": [gold_item(BRIDGE)],
        "b": [gold_item(BRIDGE), gold_item("the ferry fares would double")],
        "c": [gold_item("the harbour will close")],
        "empty": [],
    }
    report = score(gold, [pred(BRIDGE, doc="a"), pred(BRIDGE, doc="b", source="Tom Field")])
    assert [r.doc for r in report.worst(5)] == ["b", "c", "a"]
    assert report.worst(1)[0].full_f1 == 0.0
    text = report.to_text(worst=2)
    assert text.splitlines()[-1] == "content_f1=0.667 full_f1=0.333"  # P 2/2 R 2/4; P 1/2 R 1/4
    assert re.search(r"^content_f1=\d\.\d{3} full_f1=\d\.\d{3}$", text.splitlines()[-1])
    data = json.loads(json.dumps(report.to_json()))
    assert data["content"]["tp"] == 2
    assert data["full"]["tp"] == 1
    assert [d["doc"] for d in data["docs"]] == ["a", "b", "c", "empty"]


def test_pr_curve_trades_precision_for_recall() -> None:
    gold = {"d": [gold_item(BRIDGE), gold_item("the ferry fares would double")]}
    preds = [
        pred(BRIDGE, confidence=0.9),
        pred("the ferry fares would double", confidence=0.5),
        pred("the harbour will close", confidence=0.2),
    ]
    curve = pr_curve(gold, preds, [0.0, 0.4, 0.8, 0.95])
    assert [t for t, _ in curve] == [0.0, 0.4, 0.8, 0.95]
    assert [r.n_pred for _, r in curve] == [3, 2, 1, 0]
    assert [r.full.recall for _, r in curve] == [1.0, 1.0, 0.5, 0.0]
    assert [r.full.precision for _, r in curve][:3] == pytest.approx([2 / 3, 1.0, 1.0])


# --------------------------------------------------------------------------------------------------
# Loading gold and predictions
# --------------------------------------------------------------------------------------------------

HARBOUR_TEXT = (
    'Mayor Jane Roe said that the bridge will reopen in May. "We are not worried," the spokesman added,\n'
    '"because the repairs are on schedule." It is expected that the vote will be delayed.\n'
    "Tom Field denied that he had seen the letter, he told reporters.\n"
)


def _span(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def _t_line(tid: str, label: str, text: str, *pieces: str) -> str:
    spans = [_span(text, p) for p in pieces]
    field = ";".join(f"{a} {b}" for a, b in spans)
    return f"{tid}\t{label} {field}\t{' '.join(text[a:b] for a, b in spans)}"


def _event(n: int, text: str, source: str, cue: str, content: str) -> list[str]:
    """The brat lines of attribution ``n`` of ``text``, its cue the event's trigger: source, cue and
    content text-bound annotations (T3n-2 .. T3n) and the event En."""
    s, c, x = (f"T{3 * n - k}" for k in (2, 1, 0))
    return [
        _t_line(s, "Source", text, source),
        _t_line(c, "Cue", text, cue),
        _t_line(x, "Content", text, content),
        f"E{n}\tAttribution:{c} Source:{s} Cue:{c} Content:{x}",
    ]


def write_brat_split(root: Path) -> Path:
    """An invented two-document split; document ``7`` has two annotator files."""
    t = HARBOUR_TEXT
    ann = [
        _t_line("T1", "Source", t, "Mayor Jane Roe"),
        _t_line("T2", "Cue", t, "said"),
        _t_line("T3", "Content", t, "that the bridge will reopen in May"),
        _t_line("T4", "Attribution", t, "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        _t_line("T5", "Source", t, "the spokesman"),
        _t_line("T6", "Cue", t, "added"),
        _t_line("T7", "Content", t, '"We are not worried,"', '"because the repairs are on schedule."'),
        _t_line("T8", "Attribution", t, "added"),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        _t_line("T9", "Cue", t, "is expected"),
        _t_line("T10", "Content", t, "that the vote will be delayed"),
        _t_line("T11", "Attribution-no-source", t, "is expected"),
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
        _t_line("T12", "Source", t, "Tom Field"),
        _t_line("T13", "Cue", t, "told"),
        _t_line("T14", "Attribution", t, "told"),
        "E4\tAttribution:T14 Source:T12 Cue:T13",  # no content: skipped
        "#1\tAnnotatorNotes T1\tan invented note",
    ]
    other = "T1\tContent 0 4\tMayo\nE1\tAttribution:T1 Content:T1\n"
    second = "Ships will return, the pilot said.\n"
    ann2 = _event(1, second, "the pilot", "said", "Ships will return")
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "7.txt").write_text(t, encoding="utf-8")
    (root / "text" / "pilot.txt").write_text(second, encoding="utf-8")
    (root / "text" / "unannotated.txt").write_text("Nothing here.\n", encoding="utf-8")
    (root / "attributions" / "7_0a1b.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    (root / "attributions" / "7_ffff.ann").write_text(other, encoding="utf-8")
    (root / "attributions" / "pilot_1234.ann").write_text("\n".join(ann2) + "\n", encoding="utf-8")
    return root


def test_load_gold_from_brat(tmp_path: Path) -> None:
    split = write_brat_split(tmp_path / "dev")
    gold = load_gold(split)
    assert sorted(gold) == ["07", "pilot"]
    bridge, quote, hedge = gold["07"]
    assert bridge == GoldItem(
        "Mayor Jane Roe",
        "Mayor Jane Roe",
        "said",
        BRIDGE,
        "assert",
        "polnear",
        False,
        HARBOUR_TEXT.index(BRIDGE),
    )
    assert quote.content == '"We are not worried," "because the repairs are on schedule."'
    assert quote.content_start == HARBOUR_TEXT.index('"We')
    assert (hedge.source, hedge.source_resolved, hedge.cue) == (None, None, "is expected")
    assert gold["pilot"][0].source == "the pilot"
    assert gold_texts(split) == {"07": split / "text" / "7.txt", "pilot": split / "text" / "pilot.txt"}


def test_agreement_of_annotators_and_of_the_extractor_with_them(tmp_path: Path) -> None:
    """Two annotators of one article (a third article has one, and is left out): each scored against the
    other, pooled over both orders; predictions scored against both."""
    text = "Mayor Jane Roe said that the bridge will reopen in May. Her aide added that the ferry was late.\n"
    first = [
        *_event(1, text, "Mayor Jane Roe", "said", "that the bridge will reopen in May"),
        *_event(2, text, "Her aide", "added", "that the ferry was late"),
    ]
    second = _event(1, text, "Jane Roe", "said", "the bridge will reopen in May")
    root = tmp_path / "split"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for stem in ("harbour", "single"):
        (root / "text" / f"{stem}.txt").write_text(text, encoding="utf-8")
    (root / "attributions" / "harbour_00aa.ann").write_text("\n".join(first) + "\n", encoding="utf-8")
    (root / "attributions" / "harbour_00bb.ann").write_text("\n".join(second) + "\n", encoding="utf-8")
    (root / "attributions" / "single_00aa.ann").write_text("\n".join(first) + "\n", encoding="utf-8")
    assert [len(files) for files in annotator_files(root).values()] == [2, 1]

    annotated = multi_annotated(root)
    assert list(annotated) == ["harbour"]
    people = agreement(annotated)
    # first as gold: 2 items, 1 found; second as gold: 1 item, found by one of first's 2
    assert (people.n_gold, people.n_pred, people.tp_content, people.tp_full) == (3, 3, 2, 2)
    assert people.content_precision == people.content_recall == pytest.approx(2 / 3)

    said = [pred("the bridge will reopen in May", source="Roe", doc="harbour"), pred("x", doc="single")]
    machine = against_annotators(annotated, said)
    assert (machine.n_gold, machine.n_pred, machine.tp_content) == (3, 2, 2)


def test_load_gold_from_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    lines = [
        {"id": 7, "attributions": [{"source": None, "cue": None, "content": BRIDGE, "optional": True}]},
        {"id": "x", "attributions": []},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    (tmp_path / "07.txt").write_text("Invented.\n", encoding="utf-8")
    gold = load_gold(path)
    assert gold == {"07": [GoldItem(None, None, "", BRIDGE, "assert", "unknown", True, None)], "x": []}
    assert gold_texts(path) == {"07": tmp_path / "07.txt"}


def test_load_gold_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "attributions": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"gold\.jsonl:2"):
        load_gold(path)


def test_load_predictions(tmp_path: Path) -> None:
    texts = tmp_path / "text"
    texts.mkdir()
    (texts / "07.txt").write_text(HARBOUR_TEXT, encoding="utf-8")
    start, end = _span(HARBOUR_TEXT, BRIDGE)
    lines: list[dict[str, Any]] = [
        {"id": 7, "source": "Roe", "cue": "said", "content": "", "content_start": start, "content_end": end},
        {
            "doc": "07",
            "source": None,
            "content": "x",
            "stance": "Denial",
            "confidence": 0.25,
            "cue_class": "c",
        },
        {"id": "b", "attributions": [{"source": "he", "source_resolved": "Tom Field", "content": "y"}]},
    ]
    path = tmp_path / "pred.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    preds = load_predictions(path, texts=texts)
    assert preds == [
        Prediction("07", "Roe", "said", BRIDGE),
        Prediction("07", None, "", "x", "deny", 0.25, "c"),
        Prediction("b", "he", "", "y"),  # like the reference: source_resolved of a prediction is ignored
    ]
    assert load_predictions(path)[0].content == ""  # without texts, offsets cannot be resolved


def test_predictions_from_records() -> None:
    record = {
        "doc": "7",
        "id": "r1",
        "source": "he",
        "source_resolved": "Vadym Boichenko",
        "cue": "said",
        "content": BRIDGE,
        "stance": "deny",
        "confidence": 0.75,
        "cue_class": "speech",
        "kind": "indirect",
    }
    (p,) = predictions_from_records([record])
    assert p == Prediction("07", "he Vadym Boichenko", "said", BRIDGE, "deny", 0.75, "speech")


# --------------------------------------------------------------------------------------------------
# Cross-check against the reference scorer
# --------------------------------------------------------------------------------------------------


def _g(content: str, source: str | None, cue: str = "said", **kw: Any) -> dict[str, Any]:
    base = {"source": source, "source_resolved": source, "cue": cue, "content": content}
    return {**base, "stance": "assert", "kind": "indirect", "optional": False, **kw}


CROSS_GOLD = [
    {
        "id": "07",
        "attributions": [
            _g(BRIDGE, "Mayor Jane Roe"),
            _g("We are not worried, because the repairs are on schedule", "the spokesman", "added"),
            _g("that the vote will be delayed", None, "is expected", kind="unattributed_hedge"),
            _g("the ferry fares would double by winter", "who", "warned"),
            _g("the harbour dredging ends in June", "the council", "according to", optional=True),
            _g("that he had seen the letter", "Tom Field", "denied", stance="deny"),
        ],
    },
    {
        "id": "harbour",
        "attributions": [
            _g("ships will return to the old quay", "his", "says", source_resolved="Tom Field", kind="mixed"),
            _g("a new ferry timetable for the spring", "the port authority", "announced", optional=True),
        ],
    },
    {"id": "empty", "attributions": []},
]

CROSS_PRED: list[dict[str, Any]] = [
    {"doc": "7", "source": "Jane Roe", "cue": "said", "content": "the bridge will reopen in May"},
    {"id": 7, "source": "spokesman", "cue": "Added", "content": "We are not worried"},
    {"doc": "07", "source": "the spokesman", "content": "", "content_start": 0, "content_end": 0},
    {"doc": "07", "source": "unknown", "cue": "is expected", "content": "the vote will be delayed"},
    {"doc": "07", "source": "they", "cue": "warned", "content": "ferry fares would double by winter"},
    {"doc": "07", "source": "the council", "content": "the harbour dredging ends in June"},
    {
        "doc": "07",
        "source": "Field",
        "cue": "denied",
        "content": "that he had seen the letter",
        "stance": "Denied",
    },
    {"doc": "07", "source": "Field", "cue": "denied", "content": "he had seen the letter"},
    {"doc": "harbour", "source": "he", "content": "ships will return to the old quay", "confidence": 0.4},
    {"doc": "harbour", "source": "port authority", "content": "a new ferry timetable"},
    {"id": "harbour", "attributions": [{"source": "Tom Field", "cue": "says", "content": "ships return"}]},
    {
        "id": "harbour",
        "attributions": [{"source": "Tom Field", "content": "ships will return to the old quay"}],
    },
    {"doc": "ghost", "source": "x", "content": "the bridge will reopen in May"},
]


def write_cross_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    texts = tmp_path / "text"
    texts.mkdir()
    (texts / "07.txt").write_text(HARBOUR_TEXT, encoding="utf-8")
    quote = _span(HARBOUR_TEXT, '"We are not worried,"')
    preds = [dict(p) for p in CROSS_PRED]
    preds[2].update(content_start=quote[0], content_end=quote[1])
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(d) + "\n" for d in CROSS_GOLD), encoding="utf-8")
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    return gold_path, pred_path, texts


def test_cross_fixture_expected_figures(tmp_path: Path) -> None:
    gold_path, pred_path, texts = write_cross_files(tmp_path)
    report = score(load_gold(gold_path), load_predictions(pred_path, texts=texts))
    assert (report.n_gold, report.n_pred, report.dont_care) == (6, 10, 2)
    assert (report.tp_content, report.tp_full) == (5, 5)
    assert report.unknown_docs == {"ghost": 1}
    assert report.stance == {("assert", "assert"): 4, ("deny", "deny"): 1}
    assert report.to_text().splitlines()[-1] == "content_f1=0.625 full_f1=0.625"


def _reference(script: str, *args: str) -> str:
    path = SHARED_EVAL / script
    if not path.is_file():
        pytest.skip(f"reference {path} not available")
    return subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("lenient", [True, False])
def test_cross_check_with_reference_scorer(tmp_path: Path, strict: bool, lenient: bool) -> None:
    gold_path, pred_path, texts = write_cross_files(tmp_path)
    flags = ["--strict"] * strict + ["--pronoun-lenient"] * lenient
    out = _reference("score.py", str(gold_path), str(pred_path), "--texts", str(texts), *flags)
    ours = score(
        load_gold(gold_path), load_predictions(pred_path, texts=texts), strict=strict, pronoun_lenient=lenient
    )
    assert ours.summary_line == out.strip().splitlines()[-1]
    tp = re.findall(r"^  (?:content detection|full attribution) .*?(\d+)$", out, re.M)
    assert [int(x) for x in tp] == [ours.tp_content, ours.tp_full]
    counts = re.search(r"gold items: (\d+)\s+predictions scored: (\d+)\s+.*: (\d+)$", out, re.M)
    assert counts is not None
    assert tuple(map(int, counts.groups())) == (ours.n_gold, ours.n_pred, ours.dont_care)


def test_cross_check_brat_loader_with_reference_converter(tmp_path: Path) -> None:
    split = write_brat_split(tmp_path / "dev")
    out = _reference("brat2gold.py", str(split))
    converted = tmp_path / "gold.jsonl"
    converted.write_text(out, encoding="utf-8")
    assert load_gold(split) == load_gold(converted)


def test_load_predictions_joins_a_records_resolved_source(tmp_path: Path) -> None:
    record = {"doc": "07", "source": "He", "source_resolved": "Vadym Boichenko", "content": "x y"}
    record["content_spans"] = [[0, 3]]  # a claim-kg record (the JSONL contract)
    other = {"doc": "07", "source": "he", "source_resolved": "Vadym Boichenko", "content": "x y"}
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    assert [p.source for p in load_predictions(path)] == ["He Vadym Boichenko", "he"]
