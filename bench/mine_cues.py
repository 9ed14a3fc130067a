"""Propose cue-lexicon additions from PolNeAR train, by measured precision of the candidates they make.

Two probes, run over the parsed train articles with the extractor itself:

* new verbs: every verb (with its particle) that annotators mark as a cue root at least
  ``--min-gold`` times but that the lexicon lacks, added with the frames dobj/ccomp/xcomp (pobj for
  phrasal verbs);
* new frames: every verb already in the lexicon, with dobj/ccomp/xcomp added to its frames.

Each candidate record is matched against gold content as the scorer does (token Jaccard >= 0.5,
one-to-one). For each (lemma, frame) the script prints how many candidates matched and how many did
not, and proposes those whose precision reaches ``--min-precision`` with ``--min-tp`` matches. A
record adds F1 when its precision exceeds about F1/2, so 0.45 leaves a margin for the optimism of
choosing on the same articles. Classes are then assigned by hand in ``kg/data/cues.tsv``.

Counts only: no article text is printed. Mine on one part of train (``--lo/--hi``) and check the
gain on another part and on dev.

    .venv/bin/python bench/mine_cues.py ../shared/polnear/train --lo 300
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

from kg.document import load_document
from kg.evaluate import _annotation_files, _match_doc, _parse_ann, load_gold, predictions_from_records
from kg.extract import extract_doc
from kg.lexicon import DATA, load_lexicon
from kg.nlp import load_model, parse

SKIP = {"say", "accord", "be", "have", "make", "go", "take", "give", "get", "do", "include", "use"}
PROBE_FRAMES = ("dobj", "ccomp", "xcomp")


def gold_cue_roots(split: Path, stems: list[str], docs: list) -> collections.Counter[tuple[str, str]]:
    """(lemma, particle) of the root of every gold cue that is a verb."""
    anns = _annotation_files(split)
    roots: collections.Counter[tuple[str, str]] = collections.Counter()
    for stem, doc in zip(stems, docs, strict=True):
        spans, events = _parse_ann(anns[stem])
        for event in events:
            if event.get("Cue") not in spans:
                continue
            a, b = spans[event["Cue"]][0]
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None or not len(span) or span.root.pos_ != "VERB":
                continue
            root = span.root
            parts = [t for t in span if t.i > root.i and t.dep_ in ("prt", "prep") and t.head == root]
            roots[(root.lemma_.lower(), parts[0].lower_ if parts else "")] += 1
    return roots


def probe_lexicon(roots: collections.Counter[tuple[str, str]], min_gold: int) -> str:
    """The packaged cue file with new-verb probes appended and every verb's frames widened."""
    lex = load_lexicon()
    out = []
    for line in (DATA / "cues.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n"):
        f = line.split("\t")
        if len(f) == 7 and f[1] == "verb" and " " not in f[0] and not line.startswith("#"):
            f[5] = ",".join(sorted(set(f[5].split(",")) | set(PROBE_FRAMES)))
            line = "\t".join(f)
        out.append(line)
    for (lemma, particle), n in roots.items():
        if n < min_gold or lemma in SKIP:
            continue
        known = lex.verb(lemma, particle or None)
        if known is not None and (known.particle or "") == particle:
            continue
        name = f"{lemma} {particle}" if particle else lemma
        frames = "pobj" if particle else ",".join(PROBE_FRAMES)
        out.append(f"{name}\tverb\tsay\tassert\tcertain\t{frames}\t0.3")
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path, help="PolNeAR split directory (text/ + attributions/)")
    ap.add_argument("--lo", type=int, default=0)
    ap.add_argument("--hi", type=int, default=10**9)
    ap.add_argument("--min-gold", type=int, default=3)
    ap.add_argument("--min-tp", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.45)
    args = ap.parse_args()
    if not (args.split / "text").is_dir():
        print(f"skip: {args.split}/text not found", file=sys.stderr)
        return 0
    stems = sorted(p.stem for p in (args.split / "text").glob("*.txt"))[args.lo : args.hi]
    documents = [load_document(args.split / "text" / f"{s}.txt") for s in stems]
    docs = list(parse(load_model(), (d.text for d in documents)))
    base = load_lexicon()
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as fh:
        fh.write(probe_lexicon(gold_cue_roots(args.split, stems, docs), args.min_gold))
    probe = load_lexicon(Path(fh.name))
    Path(fh.name).unlink()
    gold = load_gold(args.split)
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for stem, document, doc in zip(stems, documents, docs, strict=True):
        records = extract_doc(document, doc, probe)
        preds = predictions_from_records(r.to_json() for r in records)
        matched = set(
            _match_doc(gold.get(stem, []), preds, strict=False, pronoun_lenient=True).content.values()
        )
        for i, r in enumerate(records):
            counts[(r.cue_lemma or "", r.method or "")][0 if i in matched else 1] += 1
    print("lemma\tframe\tmatched\tunmatched\tprecision\tstatus")
    for (lemma, frame), (tp, fp) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        if frame not in (*PROBE_FRAMES, "pobj"):
            continue
        known = base.verb(*lemma.split(" ", 1)) if " " in lemma else base.verb(lemma)
        if known is not None and (known.lemma == lemma) and frame in known.frames:
            continue
        precision = tp / (tp + fp)
        if tp >= args.min_tp and precision >= args.min_precision:
            print(f"{lemma}\t{frame}\t{tp}\t{fp}\t{precision:.2f}\tpropose")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
