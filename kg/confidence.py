"""Confidence of a record: the precision of its features, measured on a gold split we do not report on.

``kg/data/confidence.tsv`` (written by ``bench/calibrate.py`` on PolNeAR train) holds the smoothed
precision of each extraction rule, cue lemma, source form and content length. A record's confidence
combines them naive-Bayes style: the overall precision times each feature's precision ratio, clamped.
Thresholding it therefore trades recall for precision (``kg eval --curve`` shows the curve).
"""

from __future__ import annotations

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
    return min(CEILING, max(FLOOR, p))
