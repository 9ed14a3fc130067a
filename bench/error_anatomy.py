"""Where the extractor's errors come from, on a PolNeAR split: bench/RESULTS.md, section "Error anatomy".

Each gold attribution that no record matches (by content, as ``kg eval`` counts a match) gets the first
of these reasons that holds, in the order the extractor works:

- ``no cue``: the gold attribution has no cue span;
- ``cue not a candidate``: no word of its cue is one the cue model scores (``Extractor.cue_candidates``);
- ``span not offered``: its cue is a candidate, but no span the parse offers for it
  (``Extractor.variants``) reaches the match threshold against the gold content;
- ``cue took another span``: offered, and a record of the same cue has a span that does not match;
- ``content taken``: offered, and a record of another cue overlaps the gold content;
- ``cue rejected``: offered, and no record comes near it (the model's score fell short, or the
  extractor passed the cue over).

Each record that matches no gold attribution is ``boundary`` when it overlaps a gold content, else
``spurious``. Among content matches, a source error is ``gold has none`` (the record names a source),
``record has none``, or ``other source``.

Records come from ``--pred`` (``kg extract --format jsonl``, or ``bench/train_cue_model.py --held-out`` on
train, whose records no model saw the article of) or from the extractor run on the split here.

Usage: python bench/error_anatomy.py SPLIT [--pred RECORDS.jsonl] [--cache FILE.spacy] [--label NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.document import Document
from kg.evaluate import (
    THRESHOLD,
    GoldItem,
    content_pairs,
    jaccard,
    predictions_from_records,
    source_is_empty,
)
from kg.extract import Extractor, Options, _content_chars, extract_doc
from kg.lexicon import load_lexicon

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_speed import write_section
from train_cue_model import load_articles

MISSED = (
    "no cue",
    "cue not a candidate",
    "span not offered",
    "cue took another span",
    "content taken",
    "cue rejected",
)
FALSE = ("boundary", "spurious")
SOURCE = ("gold has none", "record has none", "other source")

Spans = Sequence[Sequence[int]]


def overlaps(a: Spans, b: Spans) -> bool:
    return any(x < y2 and x2 < y for x, y in a for x2, y2 in b)


def offered(document: Document, doc: Any) -> dict[int, list[str]]:
    """Per cue candidate (by token index), the content text of every span the parse offers for it."""
    ex = Extractor(document, doc, load_lexicon(), Options())
    nouns = ex.model.nouns if ex.model is not None else frozenset()
    out: dict[int, list[str]] = {}
    for sent in doc.sents:
        for t in ex.cue_candidates(sent, nouns):
            _, rows, *_ = ex.scored_variants(t)
            out[t.i] = [" ".join(document.text[a:b] for a, b in _content_chars(doc, c)) for _, c, _ in rows]
    return out


def miss_reason(
    g: GoldItem, doc: Any, offers: Mapping[int, list[str]], records: Sequence[Mapping[str, Any]]
) -> str:
    """Why gold item ``g`` of ``doc`` went unmatched (one of :data:`MISSED`), given the spans offered
    per cue candidate and the document's records."""
    if not g.cue_spans:
        return "no cue"
    cue_tokens = [t.i for a, b in g.cue_spans for t in doc.char_span(a, b, alignment_mode="expand") or ()]
    candidates = [i for i in cue_tokens if i in offers]
    if not candidates:
        return "cue not a candidate"
    if not any(jaccard(text, g.content) >= THRESHOLD for i in candidates for text in offers[i]):
        return "span not offered"
    if any(
        r.get("cue_start") is not None and overlaps([(r["cue_start"], r["cue_end"])], g.cue_spans)
        for r in records
    ):
        return "cue took another span"
    if any(overlaps(r["content_spans"], g.content_spans) for r in records):
        return "content taken"
    return "cue rejected"


def source_error(g: GoldItem, record_source: str | None) -> str:
    """How a content-matched record's source misses the gold one (one of :data:`SOURCE`)."""
    if g.source is None:
        return "gold has none"
    if source_is_empty(record_source):
        return "record has none"
    return "other source"


def anatomy(
    gold: Mapping[str, Sequence[GoldItem]],
    documents: Mapping[str, tuple[Document, Any]],
    records: Sequence[Mapping[str, Any]],
) -> tuple[Counter[str], Counter[str], Counter[str], int, int, int]:
    """Counts of :data:`MISSED`, :data:`FALSE` and :data:`SOURCE`, with the numbers of required gold
    items, records and content matches they are shares of."""
    predictions = predictions_from_records(records)
    pairs = content_pairs(gold, predictions)
    matched_gold = {(p.doc, p.gold) for p in pairs}
    matched_records = {p.prediction for p in pairs}
    by_doc: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        by_doc.setdefault(r["doc"], []).append(i)
    missed: Counter[str] = Counter()
    false: Counter[str] = Counter()
    source: Counter[str] = Counter()
    n_gold = 0
    for doc_id in sorted(gold):
        items = gold[doc_id]
        recs = [records[i] for i in by_doc.get(doc_id, [])]
        document, doc = documents[doc_id]
        offers = (
            offered(document, doc)
            if any((doc_id, k) not in matched_gold and not g.optional for k, g in enumerate(items))
            else {}
        )
        for k, g in enumerate(items):
            if g.optional:
                continue
            n_gold += 1
            if (doc_id, k) not in matched_gold:
                missed[miss_reason(g, doc, offers, recs)] += 1
        for i in by_doc.get(doc_id, []):
            if i not in matched_records:
                hit = any(overlaps(records[i]["content_spans"], g.content_spans) for g in items)
                false["boundary" if hit else "spurious"] += 1
    for p in pairs:
        if p.required and not p.source_ok:
            source[source_error(gold[p.doc][p.gold], predictions[p.prediction].source)] += 1
    n_matched = sum(p.required for p in pairs)
    return missed, false, source, n_gold, len(records), n_matched


def table(title: str, counts: Counter[str], names: Sequence[str], total: int, of: str) -> list[str]:
    lines = [f"| {title} | count | share of {of} |", "|---|---|---|"]
    lines += [f"| {n} | {counts[n]} | {counts[n] / max(total, 1):.3f} |" for n in names]
    lines.append(f"| all | {sum(counts.values())} | {sum(counts.values()) / max(total, 1):.3f} |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path)
    ap.add_argument("--pred", type=Path, help="Records (JSONL) to dissect; default: extract the split here.")
    ap.add_argument("--cache", type=Path, help="DocBin of the split's parses (made if absent).")
    ap.add_argument("--label", default=None, help="What the records are (for the heading).")
    ap.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    a = ap.parse_args()
    if not a.split.is_dir():
        print(f"skip: {a.split} not found", file=sys.stderr)
        return 0
    articles = load_articles(a.split, a.cache)
    gold = {art.document.id: art.gold for art in articles}
    documents = {art.document.id: (art.document, art.doc) for art in articles}
    if a.pred is not None:
        with a.pred.open(encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        label = a.label or f"records of {a.pred.name}"
    else:
        records = [r.to_json() for art in articles for r in extract_doc(art.document, art.doc)]
        label = a.label or "default extraction"
    missed, false, source, n_gold, n_records, n_matched = anatomy(gold, documents, records)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"## Error anatomy: {a.split.name} — {stamp}",
        "",
        f"`bench/error_anatomy.py {a.split}`: {label}; {len(articles)} articles, {n_gold} gold attributions,"
        f" {n_records} records, {n_matched} content matches. Reasons are defined in the script's docstring.",
        "",
        *table("missed gold attribution", missed, MISSED, n_gold, "gold"),
        "",
        *table("record matching no gold", false, FALSE, n_records, "records"),
        "",
        *table("source error (content matched)", source, SOURCE, n_matched, "content matches"),
        "",
    ]
    print("\n".join(lines))
    write_section(a.results, f"## Error anatomy: {a.split.name} ", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
