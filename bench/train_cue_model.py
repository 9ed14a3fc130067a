"""Train the cue model (kg/cue_model.py) on PolNeAR train and write kg/data/cue_model.tsv.

Every verb outside quotations, and every noun whose lemma is a lexicon cue noun or heads at least
:data:`MIN_NOUN` gold cues in train, is a cue candidate; every span its parse offers is a variant (see
``Extractor.variants``). A (cue, variant) pair is positive when the cue overlaps a gold cue and the
variant's text matches that attribution's content as the scorer counts a match (token-set Jaccard
>= 0.5, and within 0.1 of the best variant of that cue). A quotation PolNeAR joins with the speaker's
next one ('"A," she said. "B."') counts as matched by either part: claim-kg keeps the parts apart.

A logistic regression (scikit-learn, L2) is fitted on the pairs' sparse features. The regularisation and
the decision threshold are chosen by document-level cross-validation on train only: each fold's model
extracts the held-out fold's articles with the whole extractor, and the setting with the best mean of
content and full F1 over all folds is kept. The dev split is not read.

The cross-validation's records at that setting also give the confidence calibration
(kg/data/calibration.tsv): per kind of raw score (the model's probability, the rules' table), a centred
isotonic map to the share of records that matched a gold attribution, each value resting on at least
``kg.confidence.MIN_BLOCK`` records.

Writes only feature names (lemmas, dependency labels, word classes) and weights: no corpus text.

With ``--held-out FILE`` the cross-validation's records at the chosen setting are written too (JSONL,
each extracted by a model that never saw its article): ``bench/agreement.py --train-pred FILE`` scores
them against PolNeAR's annotators.

Usage: python bench/train_cue_model.py [TRAIN_DIR] [--cache FILE.spacy] [--folds 4] [--out FILE] [--c C]
       [--held-out FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.confidence import CALIBRATION, isotonic_steps, write_calibration
from kg.cue_model import LEMMA_FEATURES, MODEL_FILE, CueModel, write_model
from kg.document import Document
from kg.evaluate import GoldItem, jaccard, load_gold, prediction_matches, predictions_from_records, score
from kg.extract import Extractor, Options, _content_chars, assemble
from kg.lexicon import load_lexicon
from kg.nlp import load_model, parse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRAIN = ROOT.parent / "shared" / "polnear" / "train"
MIN_COUNT = 2  # features seen fewer times in training are dropped
MIN_NOUN = 3  # gold cues a noun lemma must head in train to become a candidate
MIN_LEMMA = 10  # candidates of a lemma in train for the model to get features naming it
PRUNE = 0.02  # smaller weights are dropped (content F1 on train folds unchanged; a smaller file)
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
CS = (0.1, 0.3, 1.0)


@dataclass
class Article:
    document: Document
    doc: Any  # spacy Doc
    gold: list[GoldItem]


def load_articles(split: Path, cache: Path | None) -> list[Article]:
    """The split's articles, parsed; the parses are kept in ``cache`` (a DocBin) when given."""
    from spacy.tokens import DocBin

    gold = load_gold(split)
    stems = sorted(gold)
    texts = [(split / "text" / f"{s}.txt").read_bytes().decode("utf-8") for s in stems]
    nlp = load_model()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(parse(nlp, texts))
        if cache is not None:
            db = DocBin(store_user_data=False)
            for d in docs:
                db.add(d)
            db.to_disk(cache)
    if len(docs) != len(texts) or any(d.text != t for d, t in zip(docs, texts, strict=True)):
        raise SystemExit(f"{cache}: the cached parses are not of these texts; delete it")
    return [Article(Document(s, t), d, gold[s]) for s, t, d in zip(stems, texts, docs, strict=True)]


def overlaps(spans: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    return any(x < b and a < y for x, y in spans)


def cue_nouns(articles: Sequence[Article]) -> frozenset[str]:
    """Noun lemmas (not already lexicon cue nouns) under at least :data:`MIN_NOUN` gold cues."""
    lex = load_lexicon()
    counts: Counter[str] = Counter()
    for art in articles:
        for g in art.gold:
            if not g.cue_spans:
                continue
            heads = {
                t.lemma_.lower()
                for a, b in g.cue_spans
                for t in art.doc.char_span(a, b, alignment_mode="expand") or ()
                if t.pos_ == "NOUN"
            }
            counts.update(h for h in heads if h.isalpha() and lex.noun(h) is None)
    return frozenset(n for n, c in counts.items() if c >= MIN_NOUN)


def pairs_of(article: Article, nouns: frozenset[str]) -> tuple[list[list[str]], list[int], list[str]]:
    """Features, labels and cue lemmas of every (cue candidate, variant) pair of one article."""
    ex = Extractor(article.document, article.doc, load_lexicon(), Options(learned_cues=False))
    text = article.document.text
    golds = [
        (g.cue_spans, [g.content, *(text[a:b] for a, b in g.content_spans if len(g.content_spans) > 1)])
        for g in article.gold
        if g.cue_spans
    ]
    X: list[list[str]] = []
    y: list[int] = []
    lemmas: list[str] = []
    for sent in article.doc.sents:
        if ex.in_boilerplate(sent.start_char) and ex.in_boilerplate(max(sent.end_char - 1, 0)):
            continue
        for t in ex.cue_candidates(sent, nouns):
            base, rows, *_ = ex.scored_variants(t)
            if not rows:
                continue
            mine = [c for spans, cs in golds if overlaps(spans, t.idx, t.idx + len(t.text)) for c in cs]
            js = []
            for _, cand, _ in rows:
                content = " ".join(text[s:e] for s, e in _content_chars(article.doc, cand))
                js.append(max((jaccard(content, g) for g in mine), default=0.0))
            best = max(js)
            for (_, _, feats), j in zip(rows, js, strict=True):
                X.append(base + feats)
                y.append(int(j >= 0.5 and j >= best - 0.1))
                lemmas.append(t.lemma_.lower())
    return X, y, lemmas


def fit(
    X: Sequence[list[str]], y: Sequence[int], lemmas: Sequence[str], c: float, nouns: frozenset[str]
) -> CueModel:
    """Logistic regression over the features seen at least :data:`MIN_COUNT` times; features naming a
    lemma only for lemmas that are candidates at least :data:`MIN_LEMMA` times."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in X for f in set(row))
    frequent = {lemma for lemma, n in Counter(lemmas).items() if n >= MIN_LEMMA}
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}

    def kept(row: list[str], lemma: str) -> dict[str, int]:
        rare = lemma not in frequent
        return {f: 1 for f in row if f in keep and not (rare and f.startswith(LEMMA_FEATURES))}

    vec = DictVectorizer()
    M = vec.fit_transform([kept(row, lemma) for row, lemma in zip(X, lemmas, strict=True)]).tocsr()
    M.indices = M.indices.astype("int32")  # liblinear takes 32-bit indices only
    M.indptr = M.indptr.astype("int32")
    lr = LogisticRegression(C=c, solver="liblinear", max_iter=500)
    lr.fit(M, y)
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, lr.coef_[0], strict=True) if abs(w) >= PRUNE}
    for lemma in frequent:  # "L=lemma" marks the lemmas the model knows (see kg.cue_model.knows)
        weights.setdefault(f"L={lemma}", 0.0)
    return CueModel(weights, float(lr.intercept_[0]), 0.5, nouns)


def flat(
    per_article: Sequence[tuple[list[list[str]], list[int], list[str]]],
) -> tuple[list[list[str]], list[int], list[str]]:
    X = [row for xs, _, _ in per_article for row in xs]
    y = [lab for _, ys, _ in per_article for lab in ys]
    lemmas = [lemma for _, _, ls in per_article for lemma in ls]
    return X, y, lemmas


def extract_with(
    articles: Sequence[Article], model: CueModel, groups: list[str] | None = None
) -> list[dict[str, Any]]:
    """The records the whole extractor finds with ``model``, with raw (uncalibrated) confidences; each
    record's confidence group ("model" or "rules") is appended to ``groups`` when given."""
    out = []
    lex = load_lexicon()
    for art in articles:
        ex = Extractor(art.document, art.doc, lex, Options())
        ex.model = model
        cands = ex.run()
        out += [
            r.to_json()
            for r in assemble(
                art.document, art.doc, cands, ex.aside(), ex.tok, calibrated=False, quotes=ex.quotes
            )
        ]
        if groups is not None:
            groups += [c.confidence_group for c in cands]
    return out


def calibration(
    gold: dict[str, list[GoldItem]], records: list[dict[str, Any]], groups: list[str]
) -> dict[str, list[tuple[float, float]]]:
    """Per confidence group, the isotonic map from raw confidence to the share of content matches
    (:func:`kg.confidence.isotonic_steps`)."""
    matched = prediction_matches(gold, predictions_from_records(records))
    steps = {}
    for group in sorted(set(groups)):
        pick = [i for i, g in enumerate(groups) if g == group]
        steps[group] = isotonic_steps(
            [float(records[i]["confidence"]) for i in pick], [matched[i] for i in pick]
        )
    return steps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", type=Path, nargs="?", default=DEFAULT_TRAIN)
    ap.add_argument(
        "--cache", type=Path, default=None, help="DocBin of the parsed articles (made if absent)."
    )
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--calibration", type=Path, default=CALIBRATION)
    ap.add_argument("--c", type=float, default=None, help="Fix the regularisation (skips its search).")
    ap.add_argument("--held-out", type=Path, help="Write the cross-validation's records (JSONL).")
    a = ap.parse_args()
    if not a.train.is_dir():
        print(f"skip: {a.train} not found", file=sys.stderr)
        return 0
    t0 = time.perf_counter()
    articles = load_articles(a.train, a.cache)
    nouns = cue_nouns(articles)
    per_article = [pairs_of(art, nouns) for art in articles]
    n_pairs = sum(len(p[1]) for p in per_article)
    n_pos = sum(sum(p[1]) for p in per_article)
    print(
        f"{len(articles)} articles, {len(nouns)} cue nouns, {n_pairs} pairs ({n_pos} positive) "
        f"in {time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    gold = {art.document.id: art.gold for art in articles}
    f1: dict[tuple[float, float], float] = {}
    held_out: dict[tuple[float, float], tuple[list[dict[str, Any]], list[str]]] = {}
    for c in CS if a.c is None else (a.c,):
        found: dict[float, list[dict[str, Any]]] = {th: [] for th in THRESHOLDS}
        kinds: dict[float, list[str]] = {th: [] for th in THRESHOLDS}
        for k in range(a.folds):
            held = [art for i, art in enumerate(articles) if i % a.folds == k]
            train = [p for i, p in enumerate(per_article) if i % a.folds != k]
            m = fit(*flat(train), c, nouns)
            for th in THRESHOLDS:
                found[th] += extract_with(held, CueModel(m.weights, m.bias, th, nouns), kinds[th])
        for th in THRESHOLDS:
            rep = score(gold, predictions_from_records(found[th]))
            f1[c, th] = (rep.content_f1 + rep.full_f1) / 2
            held_out[c, th] = (found[th], kinds[th])
            print(
                f"C={c} threshold={th}: content F1 {rep.content_f1:.3f} (P {rep.content_precision:.3f} "
                f"R {rep.content_recall:.3f}), full F1 {rep.full_f1:.3f}",
                flush=True,
            )
    best_c, best_th = max(f1, key=lambda k: f1[k])
    m = fit(*flat(per_article), best_c, nouns)
    model = CueModel(m.weights, m.bias, best_th, nouns)
    header = [
        "claim-kg cue model: logistic-regression weights over parse features (kg/cue_model.py).",
        f"Trained by bench/train_cue_model.py on {len(articles)} PolNeAR train articles: C={best_c} and",
        f"threshold {best_th} chosen by {a.folds}-fold cross-validation on train (mean of content and full"
        f" F1 {f1[best_c, best_th]:.3f}). Feature names and weights only, no corpus text.",
    ]
    write_model(model, a.out, header)
    records, groups = held_out[best_c, best_th]  # the cross-validation's records at the chosen setting
    if a.held_out is not None:
        from kg.export import atomic_write

        with atomic_write(a.held_out) as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    write_calibration(
        calibration(gold, records, groups),
        a.calibration,
        [
            "claim-kg confidence calibration (kg/confidence.py): raw confidence -> share of content matches,",
            f"isotonic per group, from {len(records)} records of the {a.folds}-fold cross-validation on "
            f"{len(articles)} PolNeAR train articles (bench/train_cue_model.py). Numbers only.",
        ],
    )
    print(
        f"wrote {a.out}: {len(model.weights)} features, C={best_c}, threshold {best_th} "
        f"({time.perf_counter() - t0:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
