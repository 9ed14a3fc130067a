"""Confidence of a record: an estimate of its precision, measured on a gold split we do not report on.

A raw score comes first: the cue model's probability for the cues it chose (:mod:`kg.cue_model`), else
the rules' table ``kg/data/confidence.tsv`` (written by ``bench/calibrate.py`` on PolNeAR train: the
smoothed precision of each extraction rule, cue lemma, source form and content length, combined
naive-Bayes style and clamped). Then ``kg/data/calibration.tsv`` (written by ``bench/train_cue_model.py``
from its cross-validation on train) maps each kind of raw score, monotonically (centred isotonic
regression), to the share of such records that matched a gold attribution, so that the two kinds are on
one scale and thresholding the confidence trades recall for precision (``kg eval --curve`` shows it).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from kg.record import Attribution
from kg.sources import PRONOUNS

TABLE = Path(__file__).parent / "data" / "confidence.tsv"
FEATURES = ("method", "cue", "source", "length")
FLOOR, CEILING = 0.02, 0.99


def length_bucket(words: int) -> str:
    return "1-2" if words <= 2 else "3-5" if words <= 5 else "6-15" if words <= 15 else "16+"


def source_form(source: str | None) -> str:
    if not source:
        return "none"
    return "pronoun" if source.lower() in PRONOUNS else "named"


def feature_values(
    method: str | None, cue_lemma: str | None, source: str | None, content: str
) -> dict[str, str]:
    return {
        "method": method or "-",
        "cue": cue_lemma or "-",
        "source": source_form(source),
        "length": length_bucket(len(content.split())),
    }


def features(record: Attribution) -> dict[str, str]:
    return feature_values(record.method, record.cue_lemma, record.source, record.content)


@cache
def load_table(path: Path = TABLE) -> dict[tuple[str, str], float]:
    table: dict[tuple[str, str], float] = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("feature\t") or not line.strip():
            continue
        name, value, precision, _ = line.split("\t")
        table[name, value] = float(precision)
    return table


def confidence(values: dict[str, str], fallback: float) -> float:
    """Calibrated confidence for feature ``values``; ``fallback`` when no table is installed."""
    table = load_table()
    overall = table.get(("all", "-"))
    if not overall or ("method", values["method"]) not in table:
        return fallback  # no table, or a rule the calibration corpus does not annotate
    p = overall
    for name in FEATURES:
        known = table.get((name, values[name]))
        if known is not None:
            p *= known / overall
    return _clamp(p)


CALIBRATION = Path(__file__).parent / "data" / "calibration.tsv"
GROUPS = ("model", "rules")  # which raw score a record has: the cue model's, or the rules' table


@cache
def load_calibration(path: Path = CALIBRATION) -> dict[str, tuple[tuple[float, float], ...]]:
    """Per group, the calibration's points ``(raw score, calibrated value)``, in order of the raw score."""
    steps: dict[str, list[tuple[float, float]]] = {}
    if not path.exists():
        return {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or line.startswith("group\t") or not line.strip():
            continue
        try:
            group, raw, value = line.split("\t")
            steps.setdefault(group, []).append((float(raw), float(value)))
        except ValueError as exc:
            raise ValueError(f"{path}:{n}: expected 'group<TAB>raw<TAB>calibrated' ({exc})") from exc
    return {g: tuple(sorted(v)) for g, v in steps.items()}


def calibrate(group: str, raw: float) -> float:
    """``raw`` mapped through its group's calibration (unchanged without one): interpolated linearly
    between the points and held at the end values beyond them."""
    steps = load_calibration().get(group)
    if not steps:
        return raw
    lo_x, lo_y = steps[0]
    if raw <= lo_x:
        return _clamp(lo_y)
    for hi_x, hi_y in steps[1:]:
        if raw <= hi_x:
            share = (raw - lo_x) / (hi_x - lo_x) if hi_x > lo_x else 1.0
            return _clamp(lo_y + share * (hi_y - lo_y))
        lo_x, lo_y = hi_x, hi_y
    return _clamp(lo_y)


def _clamp(p: float) -> float:
    return min(CEILING, max(FLOOR, p))


MIN_BLOCK = 40  # records a calibrated value rests on, at the least


def isotonic_steps(
    raw: Sequence[float], matched: Sequence[bool], min_block: int = MIN_BLOCK
) -> list[tuple[float, float]]:
    """Calibration points ``(raw score, share matched)`` for one group: isotonic regression by pooling
    adjacent violators, then every block of fewer than ``min_block`` records pooled with the neighbour
    nearer its share (a handful of records at the threshold, all unmatched, is no estimate of 0), each
    block a point at the centre of its raw scores (centred isotonic regression: interpolating keeps the
    raw scores' order inside the range). Equal raw scores are one block from the start."""
    ties: list[list[float]] = []  # [matched, records, lowest raw, highest raw]
    for x, y in sorted(zip(raw, matched, strict=True)):
        if ties and ties[-1][2] == x:
            ties[-1][0] += y
            ties[-1][1] += 1
        else:
            ties.append([float(y), 1.0, x, x])
    blocks: list[list[float]] = []
    for tie in ties:
        blocks.append(tie)
        while len(blocks) > 1 and _share(blocks[-2]) >= _share(blocks[-1]):
            _pool(blocks, len(blocks) - 2)
    while len(blocks) > 1:
        small = min(range(len(blocks)), key=lambda k: blocks[k][1])
        if blocks[small][1] >= min_block:
            break
        if small == 0:
            left = 0
        elif small == len(blocks) - 1:
            left = small - 1
        else:
            here = _share(blocks[small])
            nearer_left = here - _share(blocks[small - 1]) <= _share(blocks[small + 1]) - here
            left = small - 1 if nearer_left else small
        _pool(blocks, left)
    return [((b[2] + b[3]) / 2, _share(b)) for b in blocks]


def _share(block: list[float]) -> float:
    return block[0] / block[1]


def _pool(blocks: list[list[float]], k: int) -> None:
    """Pool block ``k`` with block ``k + 1``."""
    a, b = blocks[k], blocks.pop(k + 1)
    blocks[k] = [a[0] + b[0], a[1] + b[1], a[2], b[3]]


def write_calibration(steps: dict[str, list[tuple[float, float]]], path: Path, header: list[str]) -> None:
    """Write calibration points (see :func:`load_calibration`), atomically."""
    from kg.export import atomic_write

    lines = [f"# {h}" for h in header] + ["group\traw\tcalibrated"]
    for group in sorted(steps):
        lines += [f"{group}\t{raw:.4f}\t{value:.4f}" for raw, value in steps[group]]
    with atomic_write(path) as fh:
        fh.write("\n".join(lines) + "\n")
