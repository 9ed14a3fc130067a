"""A short claim label for graph views: "prisoner swap — discussed", "no such deal — made"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj")
SUBJECT_KEEP = ("compound", "amod", "nummod", "poss", "neg", "quantmod", "nmod")
NEGATIVE_DETS = frozenset({"no", "neither", "never"})
MAX_WORDS = 8


def _subject_phrase(subj: Token) -> str:
    words = []
    for t in subj.subtree:
        if t.i > subj.i:
            break
        if t.i == subj.i or t.dep_ in SUBJECT_KEEP or (t.dep_ == "det" and t.lower_ in NEGATIVE_DETS):
            words.append(t.text)
    return " ".join(words)


def _predicate(root: Token) -> str:
    neg = [c.text for c in root.children if c.dep_ == "neg"]
    if root.lemma_ == "be" or root.pos_ == "AUX":
        attrs = [c for c in root.children if c.dep_ in ("attr", "acomp", "xcomp")]
        if attrs:  # the copula before its negation: "That — is not true"
            return " ".join([root.text, *neg, attrs[0].text])
    return " ".join([*neg, root.text])


def claim_label(doc: Doc, root: Token | None, content: str) -> str:
    """``subject — predicate`` from the content clause's root, else the first words of the content."""
    if root is not None and root.pos_ in ("VERB", "AUX"):
        subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.dep_ != "expl":
            return f"{_subject_phrase(subj)} — {_predicate(root)}"
        obj = next((c for c in root.children if c.dep_ in ("attr", "dobj", "acomp")), None)
        if subj is not None and obj is not None:  # "there were commanders ..."
            return f"{_subject_phrase(obj)} — {root.text}"
        if obj is not None:  # an infinitival claim: "vowed to provide humane treatment"
            return f"{root.text} {_subject_phrase(obj)}"
    words = content.split()
    return " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "")
