"""Confidence: the raw scores' calibration to the share of matched records (kg/confidence.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.confidence import CALIBRATION, GROUPS, calibrate, isotonic_steps, load_calibration, write_calibration
from kg.document import Document
from kg.evaluate import GoldItem, Prediction, prediction_matches


def test_the_packaged_calibration_is_monotone_for_both_kinds_of_score() -> None:
    steps = load_calibration(CALIBRATION)
    assert set(steps) == set(GROUPS)
    for group, table in steps.items():
        bounds = [b for b, _ in table]
        values = [v for _, v in table]
        assert bounds == sorted(bounds) and values == sorted(values), group
        assert all(0.0 <= v <= 1.0 for v in values)
        probes = [i / 20 for i in range(21)]
        mapped = [calibrate(group, p) for p in probes]
        assert mapped == sorted(mapped)  # thresholding keeps the order of the raw scores


def test_round_trip_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    write_calibration({"model": [(0.3, 0.2), (0.9, 0.7)], "rules": [(1.0, 0.5)]}, path, ["test"])
    assert load_calibration(path) == {"model": ((0.3, 0.2), (0.9, 0.7)), "rules": ((1.0, 0.5),)}
    bad = tmp_path / "bad.tsv"
    bad.write_text("group\traw\tcalibrated\nmodel\t0.3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2: expected"):
        load_calibration(bad)


def test_calibration_interpolates_between_points_and_holds_beyond_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.confidence as confidence

    path = tmp_path / "points.tsv"
    write_calibration({"model": [(0.2, 0.1), (0.6, 0.5), (0.8, 0.9)]}, path, ["test"])
    monkeypatch.setattr(confidence, "load_calibration", lambda: load_calibration(path))
    cases = [(0.0, 0.1), (0.2, 0.1), (0.4, 0.3), (0.6, 0.5), (0.7, 0.7), (0.8, 0.9), (1.0, 0.9)]
    for raw, expected in cases:
        assert calibrate("model", raw) == pytest.approx(expected), raw
    assert calibrate("rules", 0.42) == 0.42  # no points for the group: unchanged


def test_records_carry_calibrated_confidences(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract import Extractor, assemble
    from kg.lexicon import load_lexicon

    text = 'The mayor said that the bridge would open in May. "It will," an aide added. Allegedly it rained.'
    document, doc = Document("t", text), nlp(text)
    ex = Extractor(document, doc, load_lexicon())
    cands = ex.run()
    in_quote = [q is not None for q in ex.quote_of]
    raw = assemble(document, doc, cands, in_quote, calibrated=False)
    final = assemble(document, doc, cands, in_quote)
    groups = [c.confidence_group for c in cands]
    assert len(raw) == len(final) == len(groups) >= 3 and set(groups) == set(GROUPS)
    for r, f, g in zip(raw, final, groups, strict=True):
        assert f.confidence == pytest.approx(calibrate(g, r.confidence), abs=2e-4)


def test_prediction_matches_follow_the_content_matching() -> None:
    gold = {"d": [GoldItem("Roe", "Roe", "said", "that the bridge will reopen in May")]}
    preds = [
        Prediction("d", "Roe", "said", "the bridge will reopen in May"),
        Prediction("d", "Roe", "said", "the bridge will reopen"),  # the gold item is taken
        Prediction("d", "Roe", "said", "something else entirely"),
        Prediction("other", "Roe", "said", "the bridge will reopen in May"),
    ]
    assert prediction_matches(gold, preds) == [True, False, False, False]


# (raw scores, matched, smallest block, expected points): adjacent violators pooled; a block of fewer
# records than the smallest block pooled with the neighbour nearer its share; equal scores one block
ISOTONIC = [
    ([0.1, 0.2, 0.3, 0.4], [False, False, True, True], 1, [(0.15, 0.0), (0.35, 1.0)]),
    ([0.1, 0.2, 0.3, 0.4], [True, False, True, True], 1, [(0.15, 0.5), (0.35, 1.0)]),
    # two unmatched records at the bottom are no estimate of 0: pooled upwards
    (
        [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
        [False, False, True, False, True, True, True, True],
        3,
        [(0.25, 0.25), (0.65, 1.0)],
    ),
    # ... and a small block at the top pooled downwards, until every block is large enough
    ([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [False, False, True, False, True, True], 3, [(0.35, 0.5)]),
    ([0.2, 0.2, 0.2, 0.7], [True, False, False, True], 1, [(0.2, 1 / 3), (0.7, 1.0)]),
    ([0.5, 0.5, 0.5], [True, True, False], 5, [(0.5, 2 / 3)]),
    # equal scores are gathered before any pooling
    ([0.4, 0.4, 0.0], [True, False, False], 1, [(0.0, 0.0), (0.4, 0.5)]),
]


@pytest.mark.parametrize(("raw", "matched", "smallest", "points"), ISOTONIC)
def test_isotonic_steps_pool_violators_and_small_blocks(raw, matched, smallest, points) -> None:  # type: ignore[no-untyped-def]
    got = isotonic_steps(raw, matched, smallest)
    assert [(round(x, 6), round(y, 6)) for x, y in got] == [(round(x, 6), round(y, 6)) for x, y in points]
    shares = [y for _, y in got]
    assert shares == sorted(shares)
