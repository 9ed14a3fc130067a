"""Calibrate extraction confidence on a gold split (PolNeAR train), never on the split we report.

Runs the extractor over the split, matches each record to gold by the content-match definition of
``kg.evaluate`` (token-set Jaccard >= 0.5, one-to-one greedy), and writes the smoothed precision of
each rule (``method``), cue lemma, source form and content length to ``kg/data/confidence.tsv``.
Only counts are written: no text from the corpus.

Usage: python bench/calibrate.py ../shared/polnear/train [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

from kg.confidence import FEATURES, features
from kg.document import iter_documents
from kg.evaluate import gold_texts, jaccard, load_gold
from kg.pipeline import extract_documents
from kg.record import Attribution

# PolNeAR does not annotate hedged claims without a source: their confidence is not learnt from it.
UNANNOTATED = frozenset({"unattributed_hedge"})
PRIOR = 10.0  # pseudo-counts pulling sparse features toward the overall precision
OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "confidence.tsv"


def matched(records: list[Attribution], gold_contents: list[str]) -> list[bool]:
    pairs = sorted(
        (
            (-j, gi, pi)
            for gi, g in enumerate(gold_contents)
            for pi, r in enumerate(records)
            if (j := jaccard(r.content, g)) >= 0.5
        ),
    )
    used_g: set[int] = set()
    hit = [False] * len(records)
    for _, gi, pi in pairs:
        if gi not in used_g and not hit[pi]:
            used_g.add(gi)
            hit[pi] = True
    return hit


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    if not a.split.is_dir():
        print(f"skip: {a.split} not found", file=sys.stderr)
        return 0
    gold = load_gold(a.split)
    files = gold_texts(a.split)
    docs = list(iter_documents([files[k] for k in sorted(files)]))
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    for doc, records in extract_documents(docs, workers=a.workers):
        gold_contents = [g.content for g in gold.get(doc.id, [])]
        for record, ok in zip(records, matched(records, gold_contents), strict=True):
            if record.kind in UNANNOTATED:
                continue
            total[0] += ok
            total[1] += 1
            for name, value in features(record).items():
                counts[name, value][0] += ok
                counts[name, value][1] += 1
    overall = total[0] / total[1]
    lines = [
        "# Precision of extracted records by feature, measured on PolNeAR train by bench/calibrate.py.",
        f"# Smoothed with {PRIOR:g} pseudo-counts toward the overall precision. Counts only, no corpus text.",
        "feature\tvalue\tprecision\tn",
        f"all\t-\t{overall:.4f}\t{total[1]}",
    ]
    for (name, value), (ok, n) in sorted(counts.items(), key=lambda kv: (FEATURES.index(kv[0][0]), kv[0][1])):
        p = (ok + PRIOR * overall) / (n + PRIOR)
        lines.append(f"{name}\t{value}\t{p:.4f}\t{n}")
    tmp = a.out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, a.out)
    print(f"{total[1]} records, precision {overall:.3f}; wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
