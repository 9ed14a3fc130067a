"""Stance (assert / deny), certainty and hedges of an attribution, and what a denial answers.

- A denial cue (deny, reject, dismiss, belie, refute ...) gives ``deny`` unless the cue is negated
  ("did not deny").
- A negated content gives ``deny`` when it answers something: it points back ("no *such* deal",
  "*any* wrongdoing", "*these* claims"), calls a claim false ("the report is false"), or shares
  content words with an earlier claim from another source.
- Hedges lower certainty: a hedge adverb ("allegedly") on the cue or in the content, a hedging
  passive ("is believed"), a cue whose own certainty is lower ("alleges", "suggests").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from kg.record import Certainty, Stance

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing", "none", "nowhere"})
FALSITY = frozenset(
    [
        "false",
        "untrue",
        "baseless",
        "fake",
        "wrong",
        "inaccurate",
        "unfounded",
        "nonsense",
        "lie",
        "lies",
        "ridiculous",
        "absurd",
        "fabricated",
        "fabrication",
        "bogus",
        "incorrect",
        "misleading",
        "groundless",
        "hoax",
        "rubbish",
        "unsubstantiated",
        "unfounded",
        "debunked",
        "disproven",
        "erroneous",
    ]
)
CLAIM_NOUNS = frozenset(
    [
        "claim",
        "claims",
        "report",
        "reports",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "rumor",
        "rumors",
        "rumour",
        "rumours",
        "story",
        "stories",
        "assertion",
        "assertions",
        "suggestion",
        "suggestions",
        "charge",
        "charges",
        "speculation",
    ]
)
CERTAINTY_ORDER: dict[Certainty, int] = {"certain": 0, "probable": 1, "possible": 2}
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def weaker(a: Certainty, b: Certainty) -> Certainty:
    """The less certain of two certainties."""
    return a if CERTAINTY_ORDER[a] >= CERTAINTY_ORDER[b] else b


def is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in token.children)


def root_negated(root: Token) -> bool:
    """The content's main clause negates: "no such deal was made", "he did not", "nothing happened"."""
    for c in root.children:
        if c.dep_ == "neg" or c.lower_ == "never":
            return True
        negative_argument = c.lower_ in NEGATORS or any(
            d.dep_ == "det" and d.lower_ in NEGATORS for d in c.children
        )
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and negative_argument:
            return True
    return False


def falsity(root: Token) -> bool:
    """A main clause calling something false ("the report is false", "called the charges unfounded")."""
    words = [root, *(c for c in root.children if c.dep_ in ("acomp", "attr", "oprd", "xcomp"))]
    return any(t.lemma_.lower() in FALSITY for t in words)


def points_back(tokens: Sequence[Token], root: Token | None = None) -> bool:
    """Content referring back to an earlier claim: "no *such* deal", or a claim noun as the content
    itself or as the subject/object of its main clause ("*these claims*", "the *report* is false")."""
    if any(t.lower_ == "such" for t in tokens):
        return True
    heads = [t for t in tokens if t.head.i == t.i or t.head not in tokens]
    if root is not None:
        heads += [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return any(t.lemma_.lower() in CLAIM_NOUNS for t in heads)


def content_words(tokens: Iterable[Token]) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens if t.pos_ in CONTENT_POS and not t.is_stop)


@dataclass(frozen=True, slots=True)
class StanceDecision:
    stance: Stance
    responds: bool  # whether the record answers an earlier claim
    reason: str


def decide_stance(
    cue_stance: Stance,
    cue: Token | None,
    root: Token | None,
    content: Sequence[Token],
    overlaps_earlier: bool,
    coordinated_with_denial: bool,
) -> StanceDecision:
    """The stance of one attribution (see the module docstring for the rules)."""
    if cue_stance == "deny":
        if cue is not None and is_negated(cue):
            return StanceDecision("assert", False, "negated denial cue")
        return StanceDecision("deny", points_back(content, root) or overlaps_earlier, "denial cue")
    if root is None:
        return StanceDecision("assert", False, "")
    if cue is not None and falsity(cue) and points_back(content, root):
        return StanceDecision("deny", True, "calls a claim false")  # "called the story false"
    if falsity(root) and (points_back(content, root) or overlaps_earlier):
        return StanceDecision("deny", True, "calls a claim false")
    if root_negated(root):
        if points_back(content, root) or coordinated_with_denial:
            return StanceDecision("deny", True, "negated content pointing back")
        if overlaps_earlier:
            return StanceDecision("deny", True, "negated content answering an earlier claim")
    return StanceDecision("assert", False, "")
