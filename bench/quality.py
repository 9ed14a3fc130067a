"""Extraction quality on a PolNeAR split, written to bench/RESULTS.md (section "Extraction quality").

Runs ``kg eval`` (default extraction, and with --join-quotes) and the confidence curve.
Usage: python bench/quality.py ../shared/polnear/dev [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from kg.extract import Options
from kg.pipeline import evaluate_extractor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_speed import write_section


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    a = ap.parse_args()
    if not a.split.is_dir():
        print(f"skip: {a.split} not found", file=sys.stderr)
        return 0
    report, curve = evaluate_extractor(a.split, workers=a.workers, curve=True)
    joined, _ = evaluate_extractor(a.split, workers=a.workers, options=Options(join_quotes=True))
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"## Extraction quality — {stamp}",
        "",
        f"`kg eval --gold {a.split}` (pronoun-lenient source matching; definition in ../shared/eval).",
        "",
        "| run | content P | content R | content F1 | full P | full R | full F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in (("default", report), ("--join-quotes", joined)):
        lines.append(
            f"| {name} | {r.content_precision:.3f} | {r.content_recall:.3f} | **{r.content_f1:.3f}** | "
            f"{r.full_precision:.3f} | {r.full_recall:.3f} | **{r.full_f1:.3f}** |"
        )
    lines += [
        "",
        "Confidence curve (default run): records kept at confidence >= threshold. The confidence is an",
        "estimate of a record's precision (kg/confidence.py), calibrated on train's cross-validation.",
        "",
        "| threshold | records | content P | content R | content F1 | full F1 |",
        "|---|---|---|---|---|---|",
    ]
    for t, r in curve:
        lines.append(
            f"| {t:.2f} | {r.n_pred:,} | {r.content_precision:.3f} | {r.content_recall:.3f} | "
            f"{r.content_f1:.3f} | {r.full_f1:.3f} |"
        )
    lines += [
        "",
        "Recall by gold cue class (default run):",
        "",
        "| cue class | gold | content recall | full recall |",
        "|---|---|---|---|",
    ]
    for cls, c in sorted(report.by_cue_class.items(), key=lambda kv: -kv[1].gold):
        lines.append(f"| {cls} | {c.gold} | {c.content_recall:.3f} | {c.full_recall:.3f} |")
    section = "\n".join(lines) + "\n"
    print(section)
    write_section(a.results, "## Extraction quality", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
