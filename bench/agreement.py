"""How well people agree on PolNeAR, by the metric the extractor is judged on; written to bench/RESULTS.md
(section "Annotator agreement").

Some PolNeAR articles were annotated by several people (16 in train, 2 in dev). Each annotator's
attributions are scored as predictions against each other annotator's as gold (``kg.evaluate.agreement``,
pronoun-lenient, pooled over all ordered pairs). On dev, the extractor's records for the same articles are
scored against every annotator the same way: the extractor held to the standard people meet, on articles
its model never saw. ``--train-pred FILE`` adds the same comparison on train from records whose articles
their model did not see either: the cross-validation's, from ``bench/train_cue_model.py --held-out FILE``.

Usage: python bench/agreement.py [../shared/polnear] [--train-pred FILE.jsonl] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from kg.evaluate import EvalReport, against_annotators, agreement, multi_annotated, predictions_from_records

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_speed import write_section

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "polnear"


def extracted(split: Path, stems: list[str], workers: int, join_quotes: bool) -> list[dict[str, object]]:
    """The extractor's records for the articles ``stems`` of ``split``."""
    from kg.document import iter_documents
    from kg.extract import Options
    from kg.pipeline import extract_documents

    docs = list(iter_documents([split / "text" / f"{s}.txt" for s in stems]))
    results = extract_documents(docs, workers=workers, options=Options(join_quotes=join_quotes))
    return [r.to_json() for _, recs in results for r in recs]


def row(name: str, articles: int, r: EvalReport) -> str:
    return (
        f"| {name} | {articles} | {r.n_gold:,} | {r.content_precision:.3f} | {r.content_recall:.3f} | "
        f"**{r.content_f1:.3f}** | **{r.full_f1:.3f}** |"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    ap.add_argument("--train-pred", type=Path, help="held-out records (JSONL) of the train articles")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    a = ap.parse_args()
    if not (a.corpus / "dev").is_dir():
        print(f"skip: {a.corpus / 'dev'} not found", file=sys.stderr)
        return 0
    lines = [
        f"## Annotator agreement — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        "PolNeAR articles annotated by several people, scored as `kg eval` scores (pronoun-lenient):",
        "each annotator against each other one, pooled over the ordered pairs (so P = R), and the",
        "extractor against every annotator of the same articles (`python bench/agreement.py`). Gold items",
        "count each annotator's attributions once per annotator they are scored against. On dev the",
        "extractor runs with the packaged model (trained on train only); on train its records come from",
        "the cross-validation, each made by a model that did not see its article.",
        "",
        "| who, against the annotators | articles | gold | content P | content R | content F1 | full F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in ("train", "dev"):
        path = a.corpus / split
        if not path.is_dir():
            continue
        annotated = multi_annotated(path)
        stems = list(annotated)
        runs: list[tuple[str, list[dict[str, object]]]] = []
        if split == "dev":
            runs = [
                (f"claim-kg, dev{flag}", extracted(path, stems, a.workers, bool(flag)))
                for flag in ("", " --join-quotes")
            ]
        elif a.train_pred is not None:
            with a.train_pred.open(encoding="utf-8") as fh:
                runs = [
                    ("claim-kg, train (held-out records)", [json.loads(line) for line in fh if line.strip()])
                ]
        lines.append(row(f"annotators, {split}", len(stems), agreement(annotated)))
        for name, records in runs:
            lines.append(
                row(name, len(stems), against_annotators(annotated, predictions_from_records(records)))
            )
    section = "\n".join(lines) + "\n"
    print(section)
    write_section(a.results, "## Annotator agreement", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
