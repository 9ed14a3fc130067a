"""Stance (assert / deny), certainty and hedges of an attribution, and what a denial answers.

- A denial cue (deny, reject, dismiss, belie, refute ...) gives ``deny`` unless the cue is negated
  ("did not deny").
- A negated content gives ``deny`` when it answers something: it points back ("no *such* deal",
  "*these* claims"), calls a claim false ("the report is false"), or shares its predicate and content
  words with an earlier claim from another source ("he never *took* bribes").
- A content calling what was said before false or not true ("That is simply not true", "This is
  false") gives ``deny``, unlinked: a pronoun does not say which claim it means.
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
        "fiction",
        "falsehood",
        "disinformation",
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
        "finding",
        "findings",
        "conclusion",
        "conclusions",
        "account",
        "accounts",
    ]
)
# Nouns that rename the clause before them and take a reporting verb's relative clause: "..., a figure
# the army disputed", "..., a charge he denies" (lemmas; ``Extractor.rejoinder``).
RENAMING_NOUNS = frozenset({w for w in CLAIM_NOUNS if not w.endswith("s")}) | frozenset(
    [
        "figure",
        "number",
        "estimate",
        "forecast",
        "prediction",
        "projection",
        "version",
        "characterization",
        "characterisation",
        "description",
        "portrayal",
        "depiction",
        "assessment",
        "contention",
        "notion",
        "idea",
        "view",
        "statement",
        "something",
        "point",
    ]
)
# Cue classes whose rejoinder agrees with the clause it renames ("..., a figure the employer confirmed"),
# so that the graph links the two claims (``supports``); a denial cue's rejoinder disputes it. Others
# ("..., something Trump mocked", "..., something she opposed") state no agreement to link.
AGREEING_CLASSES = frozenset({"admit", "confirm", "endorse"})
OWN_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})  # the speaker's own
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


TRUTH = frozenset({"true", "accurate", "correct", "case"})  # "not true", "not accurate", "not the case"


def untruth(root: Token) -> bool:
    """A negated main clause calling something true: "that is simply not true", "it is not the case"."""
    return root_negated(root) and any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in TRUTH for c in root.children
    )


def back_subject(root: Token) -> bool:
    """A main clause whose subject is a pronoun for what was said before: "*That* is simply not true",
    "*This* is false"; not an "it" standing for a clause after it, which judges rather than denies
    ("It is absurd *that* ...", "It's not correct *to say* ...")."""
    predicates = [root, *(c for c in root.children if c.dep_ in ("acomp", "attr"))]
    if any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > root.i for t in predicates for c in t.children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in BACK_PRONOUNS for c in root.children)


BACK_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "them"})


def called_back(cue: Token) -> bool:
    """A cue whose object is a pronoun for something said before: "calling *it* categorically false";
    not an "it" standing for a clause after it ("called it wrong *to close the shelters*")."""
    extraposed = any(
        c.dep_ in ("xcomp", "ccomp") for t in (cue, *cue.children) for c in t.children if c.i > cue.i
    )
    return not extraposed and any(c.dep_ == "dobj" and c.lower_ in BACK_PRONOUNS for c in cue.children)


def points_back(tokens: Sequence[Token], root: Token | None = None, *, definite: bool = False) -> bool:
    """Content referring back to an earlier claim: "no *such* deal", or a claim noun as the content
    itself or as the subject/object of its main clause ("*these claims*", "the *report* is false");
    ``definite``: a claim noun only with a determiner or possessor that picks out one ("*the* report",
    "*these* charges", "*Trump's* claim"; not "no criminal charges")."""
    return pointer(tokens, root, definite=definite) is not None


DEFINITE = frozenset({"the", "these", "those", "this", "that", "such"})


def pointer(tokens: Sequence[Token], root: Token | None = None, *, definite: bool = False) -> Token | None:
    """The word a content points back with (see :func:`points_back`): "such" or the claim noun."""
    for t in tokens:
        if t.lower_ == "such" and _refers_back(t):
            return t.head if t.head.lower_ in CLAIM_NOUNS else t
    heads = [t for t in tokens if t.head.i == t.i or t.head not in tokens]
    if root is not None:
        heads += [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for t in heads:
        if t.lemma_.lower() in CLAIM_NOUNS and (not definite or _definite(t)):
            return t
    return None


def _definite(noun: Token) -> bool:
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children)


def pointer_scope(noun: Token) -> tuple[Token | None, frozenset[str]]:
    """Whose claim a pointer names and what about: "the *president*'s claims about *retaliation*",
    "the *AP* report" -> (the owner's token, the nouns of the phrase besides the owner)."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ not in OWN_POSSESSIVES), None)
    if owner is None:
        owner = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    owned = {t.i for t in owner.subtree} if owner is not None else set()
    about = frozenset(
        t.lemma_.lower()
        for t in noun.subtree
        if t.pos_ in ("NOUN", "PROPN") and t.i != noun.i and t.i not in owned and not t.is_stop
    )
    return owner, about


def _refers_back(such: Token) -> bool:
    """ "no *such* deal", "any such claims", "such reports": not "such a free hand" (a manner)."""
    before = such.doc[such.i - 1].lower_ if such.i > 0 else ""
    return before in NEGATORS or before == "any" or such.head.lower_ in CLAIM_NOUNS


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
    if cue is not None and falsity(cue) and (points_back(content, root) or called_back(cue)):
        return StanceDecision("deny", True, "calls a claim false")  # "called the story false"
    if falsity(root) and (points_back(content, root) or overlaps_earlier):
        return StanceDecision("deny", True, "calls a claim false")
    if (falsity(root) or untruth(root)) and back_subject(root):  # "That is simply not true"
        return StanceDecision("deny", False, "calls what was said false")
    if root_negated(root):
        if points_back(content, root, definite=True) or coordinated_with_denial:
            return StanceDecision("deny", True, "negated content pointing back")
        if overlaps_earlier:
            return StanceDecision("deny", True, "negated content answering an earlier claim")
    return StanceDecision("assert", False, "")
