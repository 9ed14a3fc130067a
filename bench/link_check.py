"""Hand-check of cross-article claim links (kg.linking) on PolNeAR: the seeded sample and its precision.

Links are computed over train + dev together (dev alone, 84 articles, holds almost no pairs of articles
about the same proposition), and the sample is drawn from the links with at least one end in dev; the
thresholds were tuned by reading train-only links, so the dev-touching sample was not seen in tuning.

    python bench/link_check.py ../shared/polnear/train ../shared/polnear/dev            # sample -> TSV
    python bench/link_check.py ../shared/polnear/train ../shared/polnear/dev --show     # + the texts
    python bench/link_check.py ../shared/polnear/train ../shared/polnear/dev --all      # any link
    python bench/link_check.py --score                                                  # precision

``bench/link_check.tsv`` holds ids, offsets, verdicts and reason categories only (no corpus text):
re-running keeps the verdicts already given for the same links. ``--records FILE`` (repeatable) reads
claims.jsonl files instead of running the extractor. ``--show`` prints the two contents of every
sampled link to the terminal for reading; never commit that output (PolNeAR is copyrighted).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TSV = ROOT / "bench" / "link_check.tsv"
COLUMNS = [
    "n",
    "relation",
    "score",
    "doc_a",
    "content_a",
    "doc_b",
    "content_b",
    "verdict",
    "reason",
]
# verdict: ok | wrong. reason categories:
#   same-proposition      the two claims state the same proposition (supports) / its negation (disputes)
#   same-speaker-renamed  ok, but the "different" sources are one speaker under two names
#   topic-only            same topic or entities, different propositions
#   wrong-polarity        same proposition, but supports/disputes is the wrong relation
#   extraction-error      a content span that is not the claim (cut short, a noun phrase)


def _records(paths: list[Path], jsonl: list[Path]):  # type: ignore[no-untyped-def]
    from kg.record import Attribution

    if jsonl:
        return [Attribution.from_json(json.loads(line)) for f in jsonl for line in f.open(encoding="utf-8")]
    from kg.document import iter_documents
    from kg.pipeline import extract_documents

    docs = list(iter_documents([p / "text" if (p / "text").is_dir() else p for p in paths]))
    return [r for _, recs in extract_documents(docs, workers=2) for r in recs]


def _span(r) -> str:  # type: ignore[no-untyped-def]
    return ";".join(f"{s.start}-{s.end}" for s in r.content_spans)


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return (row["relation"], row["doc_a"], row["content_a"], row["doc_b"], row["content_b"])


def sample(args: argparse.Namespace) -> None:
    from kg.linking import link_records
    from kg.nlp import load_model

    dev_dir = args.corpora[-1]
    dev_ids = {p.stem for p in (dev_dir / "text" if (dev_dir / "text").is_dir() else dev_dir).glob("*.txt")}
    records = _records(args.corpora, args.records)
    links = link_records(records, load_model())
    touching = [k for k in links if k.source.record.doc in dev_ids or k.target.record.doc in dev_ids]
    print(f"{len(links)} links over {len({r.doc for r in records})} articles; {len(touching)} touch dev")
    pool = links if args.all else touching
    chosen = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    old = {}
    if TSV.exists():
        with TSV.open(encoding="utf-8") as f:
            old = {_key(row): row for row in csv.DictReader(f, delimiter="\t")}
    rows = []
    for i, k in enumerate(chosen, 1):
        a, b = k.source.record, k.target.record
        row = {
            "n": str(i),
            "relation": k.relation,
            "score": f"{k.score:.3f}",
            "doc_a": a.doc,
            "content_a": _span(a),
            "doc_b": b.doc,
            "content_b": _span(b),
            "verdict": "",
            "reason": "",
        }
        prev = old.get(_key(row))
        if prev:
            row["verdict"], row["reason"] = prev["verdict"], prev["reason"]
        rows.append(row)
        if args.show:
            print(f"\n#{i} {k.relation} {k.score:.2f} shared: {', '.join(k.shared)}")
            print(f"  A {a.doc} | {a.source_resolved} | {a.stance} | {a.content}")
            print(f"  B {b.doc} | {b.source_resolved} | {b.stance} | {b.content}")
    tmp = TSV.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(TSV)
    print(f"wrote {TSV} ({len(rows)} links)")


def score() -> None:
    with TSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    judged = [r for r in rows if r["verdict"]]
    ok = sum(r["verdict"] == "ok" for r in judged)
    print(f"{ok}/{len(judged)} correct = {ok / max(len(judged), 1):.2f} precision ({len(rows)} sampled)")
    for relation in ("supports", "disputes"):
        part = [r for r in judged if r["relation"] == relation]
        if part:
            good = sum(r["verdict"] == "ok" for r in part)
            print(f"  {relation}: {good}/{len(part)}")
    reasons: dict[str, int] = {}
    for r in judged:
        reasons[f"{r['verdict']}:{r['reason']}"] = reasons.get(f"{r['verdict']}:{r['reason']}", 0) + 1
    for reason, count in sorted(reasons.items()):
        print(f"  {reason}: {count}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpora", nargs="*", type=Path, help="PolNeAR splits; the last one is the checked one"
    )
    parser.add_argument("--records", action="append", type=Path, default=[], help="claims.jsonl to use")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print the sampled pairs' texts (do not commit)")
    parser.add_argument(
        "--all", action="store_true", help="sample from every link, not only those touching the last split"
    )
    parser.add_argument("--score", action="store_true", help="precision of the verdicts in the TSV")
    args = parser.parse_args()
    if args.score:
        score()
    elif args.corpora:
        sample(args)
    else:
        parser.error("give the PolNeAR splits (train, then dev) or --score")


if __name__ == "__main__":
    main()
