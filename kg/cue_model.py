"""The learned cue model: which words are attribution cues in context, and which complement is the content.

A cue candidate is a verb (or a cue noun) outside quotations; its *variants* are the spans the parse offers
as its content (a clause complement, an object with its complement, a prepositional object, the clause a
parenthetical "he said" sits in, ...; built in :mod:`kg.extract`). Each (cue, variant) pair is described
by sparse features of the parse (lemmas, dependency labels, the subject's form, the lexicon's class and
frames, the span's shape) and scored by a logistic-regression model trained on PolNeAR train
(``bench/train_cue_model.py``): the probability that the variant is the content of an attribution with
this cue. The extractor keeps, per cue, the best variant whose probability reaches the model's threshold;
a cue whose variants cannot reach it, by an upper bound on their scores that needs no span
(:class:`VariantCeiling`), is passed over before its variants' candidates are built.

The weights live in ``kg/data/cue_model.tsv`` (feature, weight; no corpus text): lemmas and labels only.
Without that file the extractor falls back to the lexicon rules alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import repeat
from pathlib import Path

from spacy.tokens import Token

from kg.lexicon import Cue
from kg.wordclass import WordClass, word_class

MODEL_FILE = Path(__file__).parent / "data" / "cue_model.tsv"
PERSON_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "who"})
MARKS = frozenset({"that", "whether", "if", "to", "how", "why", "what", "when", "where", "who", "which"})
MAX_BOUNDS = 200_000  # variant bounds kept (VariantCeiling); past it, they are made afresh
SIZES = ((1, "1"), (3, "2-3"), (8, "4-8"), (20, "9-20"), (math.inf, "21+"))  # content words -> bucket


class CueModelError(ValueError):
    """A malformed model file; the message names the file and line."""


@dataclass(frozen=True)
class CueModel:
    """Feature weights of a logistic-regression model, its bias and its decision threshold, and the noun
    lemmas that are cue candidates besides the lexicon's cue nouns."""

    weights: dict[str, float]
    bias: float
    threshold: float
    nouns: frozenset[str] = frozenset()

    def score(self, features: Iterable[str]) -> float:
        """The linear score (log-odds) of ``features``, without the bias."""
        return sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: Iterable[str]) -> float:
        return sigmoid(self.bias + self.score(features))

    @property
    def log_odds_threshold(self) -> float:
        """The threshold as a linear score with the bias (``-inf`` for 0, ``inf`` for 1)."""
        if self.threshold <= 0.0:
            return -math.inf
        if self.threshold >= 1.0:
            return math.inf
        return math.log(self.threshold / (1.0 - self.threshold))

    @cached_property
    def ceiling(self) -> VariantCeiling:
        """Bounds on the variant scores of this model (made once, on first use)."""
        return VariantCeiling(self)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def read_model(path: Path) -> CueModel:
    """Read a model file: ``#`` comments; ``@bias``, ``@threshold`` and ``@noun`` (one lemma each)
    lines; then ``feature<TAB>weight`` lines."""
    weights: dict[str, float] = {}
    nouns: set[str] = set()
    numbers = {"@bias": 0.0, "@threshold": 0.5}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, value = line.rpartition("\t")
        if not sep or not name:
            raise CueModelError(f"{path}:{n}: expected 'feature<TAB>weight', got {line[:60]!r}")
        if name == "@noun":
            nouns.add(value.strip())
            continue
        try:
            number = float(value)
        except ValueError:
            raise CueModelError(f"{path}:{n}: {value!r} is not a number") from None
        if math.isnan(number) or math.isinf(number):
            raise CueModelError(f"{path}:{n}: {value!r} is not a finite number")
        if name.startswith("@"):
            if name not in numbers:
                raise CueModelError(f"{path}:{n}: unknown setting {name!r}")
            numbers[name] = number
        else:
            weights[name] = number
    return CueModel(weights, numbers["@bias"], numbers["@threshold"], frozenset(nouns))


@cache
def load_cue_model(path: Path | None = None) -> CueModel | None:
    """The packaged model (or the one at ``path``); ``None`` when the packaged file is absent."""
    target = path or MODEL_FILE
    if path is None and not target.exists():
        return None
    return read_model(target)


def write_model(model: CueModel, path: Path, header: Sequence[str] = ()) -> None:
    """Write ``model`` (features sorted by name) to ``path``, atomically."""
    from kg.export import atomic_write

    lines = [f"# {h}" for h in header]
    lines += [f"@bias\t{model.bias:.6g}", f"@threshold\t{model.threshold:.4g}"]
    lines += [f"@noun\t{noun}" for noun in sorted(model.nouns)]
    lines += [f"{name}\t{w:.5g}" for name, w in sorted(model.weights.items())]
    with atomic_write(path) as fh:
        fh.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------- features
# Features that name the cue's lemma: the model has them only for lemmas seen often enough in training
# (``bench/train_cue_model.py``); for rarer lemmas the lexicon decides (see ``Extractor.find_learned_cues``).
LEMMA_FEATURES = ("L=", "LD=", "LP=", "LS=", "LC=", "LPR=", "LOL=", "LNEST=", "HLL=", "LV=", "LVM=")


def knows(model: CueModel, lemma: str) -> bool:
    """Whether ``model`` was trained on enough occurrences of ``lemma`` to judge it."""
    return f"L={lemma}" in model.weights


def subject_form(subj: Token | None) -> str:
    """A coarse form of a cue's subject: none, personal pronoun, other pronoun, named entity type, noun."""
    if subj is None:
        return "none"
    if subj.pos_ == "PRON":
        return "pron-person" if subj.lower_ in PERSON_PRONOUNS else "pron-other"
    if subj.pos_ == "PROPN":
        return "propn-" + (subj.ent_type_ or "x")
    if subj.pos_ == "NOUN":
        return "noun-" + (subj.ent_type_ or ("pl" if subj.tag_ == "NNS" else "sg"))
    return "other"


def class_of(t: Token) -> WordClass | None:
    """The WordNet class of a candidate's lemma, as a noun or a verb (:mod:`kg.wordclass`); of a verb
    with its particle or preposition when WordNet lists the pair ("came out", "pointed out", "called for")."""
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN":
        return word_class(lemma, "n")
    if t.pos_ == "ADJ":
        return None  # the class file holds nouns and verbs; "clear" the adjective is not "clear" the verb
    after = t.nbor(1) if t.i + 1 < len(t.doc) else None
    if after is not None and after.head.i == t.i and after.dep_ in ("prt", "prep"):
        phrasal = word_class(f"{lemma}_{after.lower_}", "v")
        if phrasal is not None:
            return phrasal
    return word_class(lemma, "v")


def class_features(wc: WordClass | None, dep: str, form: str) -> list[str]:
    """Features naming a cue candidate's WordNet classes, alone and with its dependency and subject
    form: what the model learns of "commend" carries over to "laud" (both kinds of "praise")."""
    if wc is None:
        return ["WN=none"]
    f = [f"WN={wc.lexname}", f"WND={wc.lexname}|{dep}", f"WNS={wc.lexname}|{form}", f"WNT={wc.top}"]
    f += [f"WNA={name}" for name in wc.lexnames]
    f += [f"WNF={frame}" for frame in sorted(wc.frames)]
    if wc.hypernym is not None:
        f.append(f"WNH={wc.hypernym}")
    return f


def cue_features(
    t: Token,
    subj: Token | None,
    cue: Cue | None,
    nested: str | None,
    wc: WordClass | None,
    form: str,
    children: Iterable[Token] | None = None,
) -> list[str]:
    """Features of a cue candidate ``t`` alone (shared by all its variants).

    ``subj``: the subject found for it, and ``form`` its :func:`subject_form`; ``cue``: its lexicon
    entry; ``nested``: the dependency through which it hangs under an earlier reporting verb ("said that
    X *claimed* ..."), if any; ``wc``: its WordNet class (:func:`class_of`); ``children``: ``t.children``
    when the caller has them.
    """
    lemma, dep, pos = t.lemma_.lower(), t.dep_, t.pos_
    head = t.head
    f = [
        f"L={lemma}",
        f"P={pos}",
        f"T={t.tag_}",
        f"D={dep}",
        f"LD={lemma}|{dep}",
        f"LP={lemma}|{pos}",
        f"S={form}",
        f"LS={lemma}|{form}",
        f"DS={dep}|{form}",
    ]
    if head.i != t.i:
        hl = head.lemma_.lower()
        f.append(f"HP={head.pos_}|{dep}")
        if dep in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl"):
            f.append(f"HL={hl}|{dep}")
            f.append(f"HLL={hl}|{lemma}")
    else:
        f.append("ROOT")
    f += class_features(wc, dep, form)
    if subj is not None:
        f.append(f"SL={subj.lemma_.lower()}")
        if subj.pos_ == "NOUN" and (sc := word_class(subj.lemma_.lower(), "n")) is not None:
            f.append(f"SWN={sc.lexname}")  # "officials" noun.person, "the report" noun.communication
    for c in t.children if children is None else children:
        cd = c.dep_
        if cd in ("punct", "det", "cc"):
            continue
        f.append(f"C={cd}")
        f.append(f"LC={lemma}|{cd}")
        if cd in ("prep", "prt", "agent", "dative"):
            f.append(f"LPR={lemma}|{c.lower_}")
        elif cd == "neg":
            f.append("NEG")
        elif cd in ("aux", "auxpass"):
            f.append(f"AUX={c.lemma_.lower()}")
        elif cd == "advmod":
            f.append(f"ADV={c.lemma_.lower()}")
        elif cd == "dobj":
            f.append(f"OL={c.lemma_.lower()}")
            f.append(f"LOL={lemma}|{c.lemma_.lower()}")
    if cue is not None:
        f.append(f"LEX={cue.cue_class}")
        f.append(f"LEXW={round(cue.weight, 1)}")
        f.extend(f"LEXF={fr}" for fr in cue.frames)
    else:
        f.append("NOLEX")
    if nested:
        f.append(f"NEST={nested}")
        f.append(f"LNEST={lemma}|{nested}")
    return f


def variant_features(
    t: Token,
    kind: str,
    root: Token | None,
    n_words: int,
    before: bool,
    quoted: str,
    first: str,
    cue: Cue | None,
    subj_form: str,
    has_object: bool,
    wc: WordClass | None,
    rival: bool = False,
    siblings: frozenset[str] = frozenset(),
) -> list[str]:
    """Features of one content variant of cue ``t``: its kind (``ccomp``, ``dobj``, ``prep:for``, ...),
    length, side, how much of it is quoted (``none``/``part``/``all``), its first word when it is a
    complementiser or preposition, its root's part of speech, and whether the cue has a direct object
    besides ("cited [X] as Y" against "cited as Y"), and whether another variant lies on the cue's other
    side (``rival``: "In the hall - a gym on weekdays - X said he ..."); ``wc``: the cue's WordNet class;
    ``siblings``: the kinds of all the cue's variants (:func:`sibling_kinds`).

    They are the kind's :func:`kind_features` and :func:`sibling_features` (known before the span is)
    and one group per property of the span (size, quoted share, first word, side, root), which
    :meth:`VariantCeiling.of` bounds."""
    lemma = t.lemma_.lower()
    size = next(name for limit, name in SIZES if n_words <= limit)
    root_pos, root_lower = (root.pos_, root.lower_) if root is not None else (None, "")
    return [
        *kind_features(kind, *kind_inputs(lemma, t.pos_, t.dep_, cue, subj_form, has_object, wc)),
        *sibling_features(kind, siblings),
        *size_features(kind, size),
        *quoted_features(kind, quoted),
        *mark_features(kind, lemma, first if first in MARKS else "-"),
        *side_features(kind, before, rival),
        *root_features(kind, root_pos, root_lower),
    ]


KindInputs = tuple[str, str, str, str, bool, str, str | None, str, frozenset[str] | None]


def kind_inputs(
    lemma: str, pos: str, dep: str, cue: Cue | None, subj_form: str, has_object: bool, wc: WordClass | None
) -> KindInputs:
    """What :func:`kind_features` reads of a cue, as plain values (which also key the bounds of
    :class:`VariantCeiling`): lemma, part of speech, dependency, subject form, whether it has an
    object, WordNet lexname and hypernym, lexicon class and frames (``None`` without an entry)."""
    return (
        lemma,
        pos,
        dep,
        subj_form,
        has_object,
        wc.lexname if wc else "none",
        wc.hypernym if wc else None,
        cue.cue_class if cue else "nolex",
        cue.frames if cue else None,
    )


def kind_features(
    kind: str,
    lemma: str,
    pos: str,
    dep: str,
    subj_form: str,
    has_object: bool,
    lexname: str,
    hypernym: str | None,
    cue_class: str,
    frames: frozenset[str] | None,
) -> list[str]:
    """The features of a variant that its kind and its cue (:func:`kind_inputs`) decide, whatever the
    span."""
    f = [
        f"V={kind}",
        f"LV={lemma}|{kind}",
        f"PV={pos}|{kind}",
        f"VS={kind}|{subj_form}",
        f"VD={kind}|{dep}",
        f"VO={kind}|{has_object}",
        f"WV={lexname}|{kind}",
    ]
    if hypernym is not None:
        f.append(f"WHV={hypernym}|{kind}")
    f.append(f"CV={cue_class}|{kind}")
    if frames is not None:
        f.append(f"FV={kind.split(':', 1)[0] in frames}|{kind}")
    return f


CUT = "-cut"  # the suffix of a variant's kind cut before a trailing dependent (Extractor.variants)


def uncut(kind: str) -> str:
    """The kind of variant that ``kind`` was cut from (itself when it is not a cut)."""
    return kind.removesuffix(CUT)


def sibling_kinds(kinds: Iterable[str]) -> frozenset[str]:
    """The kinds of a cue's variants, a cut variant counted as its :func:`uncut` kind."""
    return frozenset(uncut(k) for k in kinds)


def sibling_features(kind: str, siblings: frozenset[str]) -> list[str]:
    """Which other kinds of variant the cue offers besides ``kind``: the passive's subject alone ("[The
    plan] was criticized") is the content less often when the verb also takes a complement ("was
    criticized for [ignoring the bridge]"), and an object less often beside a clause."""
    own = uncut(kind)
    return [f"SIB={own}|{k}" for k in sorted(siblings) if k != own]


def size_features(kind: str, size: str) -> list[str]:
    return [f"VN={kind}|{size}"]


def quoted_features(kind: str, quoted: str) -> list[str]:
    return [f"VQ={kind}|{quoted}"]


def mark_features(kind: str, lemma: str, mark: str) -> list[str]:
    return [f"VM={kind}|{mark}", f"LVM={lemma}|{mark}"]


def side_features(kind: str, before: bool, rival: bool) -> list[str]:
    side = "before" if before else "after"
    return [f"VB={kind}|{side}", f"VX={kind}|{side}"] if rival else [f"VB={kind}|{side}"]


ROOT_WORD_POS = ("PRON", "DET", "NUM")  # a root of these parts of speech is named by its word too


def root_features(kind: str, root_pos: str | None, root_lower: str) -> list[str]:
    if root_pos is None:
        return []
    f = [f"VR={kind}|{root_pos}"]
    if root_pos in ROOT_WORD_POS:
        f.append(f"VRL={kind}|{root_lower}")
    return f


class VariantCeiling:
    """Upper bounds on a variant's score before its span is known, so that a cue no variant can lift
    to the threshold is passed over without building its candidates (the decision stays exact).

    The bound of kind ``k`` is the score of its :func:`kind_features` and :func:`sibling_features` plus,
    for each group of span features, the best weight any value of the span's property can give: size,
    quoted share, first word (with the cue's lemma), side (with or without a rival), and root (none, or
    any part of speech; for :data:`ROOT_WORD_POS` with the best weight of any word, or 0 for a word the
    model lacks)."""

    def __init__(self, model: CueModel) -> None:
        self.model = model
        self.kind_part: dict[str, float] = {}  # kind -> the best of its span groups but the first word
        self.mark_part: dict[tuple[str, str], float] = {}  # (kind, lemma) -> the best first-word score
        self.bounds: dict[tuple[str, KindInputs], float] = {}
        word: dict[str, float] = {}  # kind -> best VRL weight (0: a word the model has no weight for)
        for name, w in model.weights.items():
            if name.startswith("VRL="):
                k = name[4:].rpartition("|")[0]
                word[k] = max(word.get(k, 0.0), w)
        self.root: dict[str, float] = {}  # kind -> best root group score (0: no root, or an unseen POS)
        for name, w in model.weights.items():
            if name.startswith("VR="):
                k, _, pos = name[3:].rpartition("|")
                self.root[k] = max(
                    self.root.get(k, 0.0), w + (word.get(k, 0.0) if pos in ROOT_WORD_POS else 0.0)
                )
        for k, best in word.items():  # a PRON/DET/NUM root the model has no VR weight for
            self.root[k] = max(self.root.get(k, 0.0), best)

    def of(self, kind: str, cue: KindInputs, siblings: frozenset[str] = frozenset()) -> float:
        """The bound for a variant of ``kind`` of a cue read as ``cue`` whose variants are of the kinds
        ``siblings``."""
        return self._kind_bound(kind, cue) + self.model.score(sibling_features(kind, siblings))

    def _kind_bound(self, kind: str, cue: KindInputs) -> float:
        key = (kind, cue)
        bound = self.bounds.get(key)
        if bound is None:
            if len(self.bounds) >= MAX_BOUNDS:
                self.bounds.clear()
                self.mark_part.clear()
            score = self.model.score
            part = self.kind_part.get(kind)
            if part is None:
                part = self.kind_part[kind] = (
                    max(score(size_features(kind, size)) for _, size in SIZES)
                    + max(score(quoted_features(kind, q)) for q in ("none", "part", "all"))
                    + max(score(side_features(kind, b, r)) for b in (False, True) for r in (False, True))
                    + self.root.get(kind, 0.0)
                )
            lemma = cue[0]
            mark = self.mark_part.get((kind, lemma))
            if mark is None:  # the same for every cue of this lemma whatever its other inputs
                mark = self.mark_part[kind, lemma] = max(
                    score(mark_features(kind, lemma, m)) for m in (*sorted(MARKS), "-")
                )
            bound = self.bounds[key] = score(kind_features(kind, *cue)) + part + mark
        return bound
