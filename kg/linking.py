"""Cross-article claim linking: claims about the same proposition, ``supports`` or ``disputes``.

Precision first. Each claim's content is parsed once (spaCy) into a :class:`Signature`: its content
lemmas, its named entities (normalised as :mod:`kg.entities` normalises names), its verbs, its words,
whether it is a statement at all (a verb with a subject, not a noun phrase such as "a ban on Muslims")
and its polarity (a denial cue or a negated main verb). Two claims of different articles are about one
proposition when

- both are statements with at least :data:`MIN_LEMMAS` content lemmas, and they share a named entity,
  a non-generic verb (the predicate) and at least :data:`MIN_SHARED` lemmas, with no differing figures;
- the IDF-weighted Dice overlap of their lemma sets is at least :data:`THRESHOLD`, or at least
  :data:`QUOTE_THRESHOLD` when they share a run of :data:`QUOTE_RUN` words (one quotation reported
  twice) -- tuned by reading PolNeAR train links, checked by hand on dev (``bench/link_check.py``).

Such a pair is linked ``ckg:restates`` when it is one statement reported twice (the same agent -- a bare
surname is the full name it mostly stands for in the corpus -- or the same quotation of at least
:data:`SAME_WORDS` words, most of the shorter claim), else, when the two also share a predicate with one
of its arguments ("Mexico will pay" and "make Mexico pay": ``pay>mexico``; not "farmers will pay" and
"taxpayers will pay"), ``ckg:supports`` when the polarities agree, ``ckg:disputes`` when they differ
(the negative claim disputes the positive one, at a higher overlap). A person named only by a description
("the real estate tycoon") may be the other claim's source, so it gets no supports/disputes; a
second-person source ("if you say that ...") is hypothetical, and its claims are not linked.
Links live in their own named graph (:data:`LINKS_GRAPH`), recomputed over every article after each
build, with a reified :class:`~kg.namespace.CKG` ``ClaimLink`` recording the score and the shared terms.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef

from kg import ids
from kg.entities import article_agents, name_key
from kg.graph import claim_iri
from kg.namespace import CKG
from kg.record import Attribution

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from kg.store import ClaimStore

LINKS_GRAPH = URIRef(ids.BASE + "graph/links")

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT", "LAW", "FAC", "LOC", "PRODUCT"})
SECOND_PERSON = frozenset({"you", "your", "yourself", "yourselves", "y'all"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor"})
# Verbs too common to name a proposition.
GENERIC_VERBS = frozenset(
    [
        "say",
        "tell",
        "be",
        "have",
        "do",
        "make",
        "get",
        "go",
        "take",
        "come",
        "want",
        "think",
        "know",
        "see",
        "need",
        "give",
        "let",
        "put",
        "keep",
        "look",
        "seem",
        "become",
        "begin",
        "continue",
        "try",
        "ask",
        "add",
    ]
)
MIN_LEMMAS = 4  # shorter contents ("these claims", "it") say too little to be matched
MIN_SHARED = 3  # shared content lemmas, named entities included
THRESHOLD = 0.5  # IDF-weighted Dice overlap of the two lemma sets
DISPUTE_MARGIN = 0.15  # a dispute needs a higher overlap: polarity from negation is the weaker signal
MAX_POSTING = 200  # a lemma in more claims than this does not propose candidate pairs
QUOTE_RUN = 6  # this many words in a row in both contents: one quotation reported twice
SAME_WORDS = 8  # this many words of a quotation in a row: the same statement, whoever the sources are
QUOTE_THRESHOLD = 0.35  # the overlap a shared quotation needs
SURNAME_DOMINANCE = 3  # a bare surname is the full name quoted this many times as often as the next


@dataclass(frozen=True)
class Signature:
    """What linking compares: content lemmas, normalised entities and whether the content is negated."""

    lemmas: frozenset[str]  # content lemmas outside entities, and "@" + each entity key
    entities: frozenset[str]
    verbs: frozenset[str]  # lemmas of the content's non-generic verbs: candidate predicates
    negated: bool
    numbers: frozenset[str] = frozenset()  # numerals as written ("13", "1,300")
    negated_lemmas: frozenset[str] = frozenset()  # words under a negation ("not pay", "no deal")
    clause: bool = True  # a statement (a verb with its subject), not a noun phrase ("a ban on Muslims")
    words: tuple[str, ...] = ()  # the content's words, case-folded: shared runs of them are quotations
    # predicate>argument pairs: a non-generic verb or noun with its subject, object or prepositional object
    # ("pay>mexico" from "Mexico will pay" and "make Mexico pay"; "ban>muslims" from "a ban on Muslims")
    arguments: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClaimInfo:
    """One claim (the first record that states it) with its article, source key and polarity."""

    claim: URIRef
    record: Attribution
    source_key: str  # the agent key of a named source; the record id for unnamed or no source
    signature: Signature

    @property
    def label(self) -> str:
        """The source as the article names it, case-folded (two unnamed "officials" look alike)."""
        return (self.record.source_resolved or self.record.source or "").casefold()

    @property
    def described(self) -> bool:
        """A person named by a description only ("the real estate tycoon"): which agent it is, unknown."""
        r = self.record
        words = (r.source_resolved or r.source or "").split()
        return r.source_type == "person" and not any(w[:1].isupper() for w in words[1:] or words)

    @property
    def addressed(self) -> bool:
        """A second-person "source" ("if you say that ..."): a generic or hypothetical speaker."""
        return self.label in SECOND_PERSON

    @property
    def negative(self) -> bool:
        """Polarity of the whole content (see :meth:`negative_on`)."""
        return self.negative_on(None)

    def negative_on(self, shared: frozenset[str] | None) -> bool:
        """Polarity towards the shared words: the content negates them ("Mexico would not pay" negates
        "pay"; without shared words, a negated main verb), and a denial cue flips that. A stance of
        ``deny`` without a denial cue comes from the negated content itself ("says that no such deal
        was made")."""
        sig = self.signature
        negated = bool(shared & sig.negated_lemmas) if shared else sig.negated
        r = self.record
        if r.stance == "deny" and r.cue_class == "deny":
            return not negated
        return r.stance == "deny" or negated


@dataclass(frozen=True)
class Link:
    """``source_claim --relation--> target_claim`` with its evidence."""

    source: ClaimInfo
    target: ClaimInfo
    relation: str  # "supports" | "disputes" | "restates" (the same source in another article)
    score: float
    shared: tuple[str, ...]

    @property
    def predicate(self) -> URIRef:
        return {"disputes": CKG.disputes, "restates": CKG.restates}.get(self.relation, CKG.supports)

    @property
    def iri(self) -> URIRef:
        return URIRef(ids.mint("link", str(self.source.claim), self.relation, str(self.target.claim)))


def signature_of(doc: Doc) -> Signature:
    """The signature of a parsed content."""
    return signature_of_tokens(list(doc), list(doc.ents))


def signature_of_tokens(tokens: Sequence[Token], ents: Sequence[SpacySpan]) -> Signature:
    """The signature of a content given as its tokens (in the order of the text, possibly cut out of a
    longer parse) and the named entities among them: the tree is read within the content only (a token
    whose head lies outside it is a root; children outside it do not count)."""
    inside = {t.i for t in tokens}
    ents = [e for e in ents if e.label_ in ENTITY_LABELS]
    in_entity = {i for e in ents for i in range(e.start, e.end)}
    words = [
        t
        for t in tokens
        if t.pos_ in CONTENT_POS
        and not t.is_stop
        and t.i not in in_entity
        and any(c.isalnum() for c in t.text)
        and len(t.text) > 1
    ]
    lemmas = {t.lemma_.lower() for t in words}
    verbs = {t.lemma_.lower() for t in words if t.pos_ == "VERB"} - GENERIC_VERBS
    entities = {name_key(e.text, None) for e in ents}
    entities.discard("")
    roots = [t for t in tokens if t.head.i == t.i or t.head.i not in inside][:1]
    negated = any(
        c.lower_ in NEGATIONS and c.dep_ in ("neg", "det", "advmod", "nsubj", "dobj")
        for root in roots
        for c in root.children
        if c.i in inside
    )
    numbers = {t.text for t in tokens if t.like_num and any(c.isdigit() for c in t.text)}
    negated_lemmas = set()
    for t in tokens:
        if (
            t.lower_ in NEGATIONS
            and t.dep_ in ("neg", "det", "advmod", "nsubj", "dobj")
            and t.head.i in inside
        ):
            negated_lemmas.add(t.head.lemma_.lower())  # "not pay", "no deal", "never banned"
            head = t.head
            if head.dep_ in ("nsubj", "nsubjpass", "dobj") and head.head.i in inside:
                negated_lemmas.add(head.head.lemma_.lower())  # "no deal was made"
    clause = any(
        t.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and c.i in inside for c in t.children)
        for t in tokens
    )
    entity_of = {i: name_key(e.text, None) for e in ents for i in range(e.start, e.end)}
    return Signature(
        frozenset(lemmas | {f"@{e}" for e in entities}),
        frozenset(entities),
        frozenset(verbs),
        negated,
        frozenset(numbers),
        frozenset(negated_lemmas),
        clause,
        tuple(t.lower_ for t in tokens if any(c.isalnum() for c in t.text)),
        frozenset(_arguments(tokens, inside, entity_of)),
    )


ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _arguments(tokens: Sequence[Token], inside: set[int], entity_of: dict[int, str]) -> Iterator[str]:
    """The content's ``predicate>argument`` pairs (see :class:`Signature`): a verb or noun of the content
    (not a generic verb) and the head of a subject, object or prepositional object of it, as an entity key
    or a noun lemma (pronouns say nothing here)."""
    for t in tokens:
        if t.pos_ not in ("VERB", "NOUN") or t.lemma_.lower() in GENERIC_VERBS or t.is_stop:
            continue
        if _circumstantial(t, inside):
            continue
        predicate = t.lemma_.lower()
        children = [c for c in t.children if c.i in inside]
        args = [c for c in children if c.dep_ in ARGUMENT_DEPS]
        args += [
            g
            for c in children
            if c.dep_ in ("prep", "agent")
            for g in c.children
            if g.dep_ == "pobj" and g.i in inside
        ]
        if t.dep_ == "relcl" and t.head.i in inside:
            args.append(t.head)  # "the bill, which passed the Senate": pass>bill
        for a in args:
            if a.pos_ == "PRON":
                continue
            key = entity_of.get(a.i) or (a.lemma_.lower() if a.pos_ in ("NOUN", "PROPN") else "")
            if key:
                yield f"{predicate}>{key}"


def _circumstantial(t: Token, inside: set[int]) -> bool:
    """Whether ``t`` sits in a circumstance of the content rather than in what it states: under an
    adverbial clause or phrase of a verb ("ticket sales doubled *the week after the council's vote to
    approve* ...", "would not meet the council *because of its calls for a recount* ..."). A noun's
    own complement ("calls for a recount", "a vote on") is part of the statement."""
    h = t
    while h.head.i != h.i and h.head.i in inside:
        if h.dep_ in ("advcl", "npadvmod") or (h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX")):
            return True
        h = h.head
    return False


def signatures(texts: Sequence[str], nlp: Language) -> list[Signature]:
    """The signature of every text (parsed in batches, without the NER-independent extras)."""
    return [signature_of(doc) for doc in nlp.pipe(texts, batch_size=256)]


SignatureKey = tuple[str, tuple[tuple[int, int], ...], str]


def signature_key(record: Attribution) -> SignatureKey:
    """What a signature depends on: the article, the content's offsets and its text."""
    return (record.doc, tuple((s.start, s.end) for s in record.content_spans), record.content)


def signature_in_context(doc: Doc, record: Attribution) -> Signature | None:
    """The signature of a record's content read off the article's own parse (no second parse; the
    words are tagged in their sentence); ``None`` when a span does not fall on token edges."""
    tokens: list[Token] = []
    ents: list[SpacySpan] = []
    for span in record.content_spans:
        piece = doc.char_span(span.start, span.end, alignment_mode="expand")
        if piece is None or not len(piece):
            return None
        tokens.extend(piece)
        ents.extend(piece.ents)
    return signature_of_tokens(tokens, ents)


class SignatureCache:
    """Signatures by :func:`signature_key`, filled at extraction from the article parses (in worker
    processes too: they travel back with the records), so linking parses only what it has not seen."""

    def __init__(self) -> None:
        self._by_key: dict[SignatureKey, Signature] = {}

    def __len__(self) -> int:
        return len(self._by_key)

    def add(self, record: Attribution, signature: Signature) -> None:
        self._by_key[signature_key(record)] = signature

    def update(self, pairs: Iterable[tuple[SignatureKey, Signature]]) -> None:
        self._by_key.update(pairs)

    def get(self, record: Attribution) -> Signature | None:
        return self._by_key.get(signature_key(record))

    def read_parse(self, doc: Doc, records: Iterable[Attribution]) -> list[tuple[SignatureKey, Signature]]:
        """Add the signatures of ``records`` read off ``doc``; returns them (to send to another process)."""
        out = []
        for r in records:
            if r.source is None:
                continue  # nobody's claim: never linked
            sig = signature_in_context(doc, r)
            if sig is not None:
                key = signature_key(r)
                self._by_key[key] = sig
                out.append((key, sig))
        return out

    def clear(self) -> None:
        self._by_key.clear()

    def save(self, path: Path, records: Iterable[Attribution], model: str) -> None:
        """Write the signatures of ``records`` (those known) to ``path`` (JSON, atomically), tagged
        with the ``model`` they were read with."""
        from kg.export import atomic_write

        rows = []
        for r in records:
            sig = self.get(r)
            if sig is not None:
                rows.append([list(signature_key(r)), _signature_json(sig)])
        with atomic_write(path) as fh:
            json.dump({"format": SIGNATURE_FORMAT, "model": model, "signatures": rows}, fh)

    def load(self, path: Path, model: str) -> int:
        """Add the signatures saved in ``path`` with ``model`` (none when the file is missing, another
        model's or unreadable: they are then parsed again); how many were added."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != SIGNATURE_FORMAT or data.get("model") != model:
                return 0
            pairs = [
                ((doc, tuple((a, b) for a, b in spans), content), _signature_from_json(sig))
                for (doc, spans, content), sig in data["signatures"]
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return 0
        self.update(pairs)
        return len(pairs)


# 2: read within the content in its own parse; 3: predicate>argument pairs; 4: none from circumstances
SIGNATURE_FORMAT = 4
SIGNATURES = SignatureCache()  # this process's signatures


def _signature_json(sig: Signature) -> dict[str, object]:
    return {
        f.name: sorted(v) if isinstance(v, frozenset) else list(v) if isinstance(v, tuple) else v
        for f in fields(sig)
        for v in [getattr(sig, f.name)]
    }


def _signature_from_json(obj: dict[str, object]) -> Signature:
    values: dict[str, object] = {}
    for f in fields(Signature):
        v = obj[f.name]
        values[f.name] = tuple(v) if f.name == "words" else frozenset(v) if isinstance(v, list) else bool(v)  # type: ignore[arg-type]
    return Signature(**values)  # type: ignore[arg-type]


def claims_of(
    records: Iterable[Attribution],
    nlp: Language | None = None,
    cache: SignatureCache | None = None,
    model: str | None = None,
) -> list[ClaimInfo]:
    """One :class:`ClaimInfo` per claim that has a source (unattributed hedges are nobody's claim).

    Signatures come from ``cache`` (default: this process's, filled at extraction); only contents it
    lacks are parsed (and added to it), with ``nlp`` or else ``model`` loaded when first needed."""
    cache = SIGNATURES if cache is None else cache
    by_doc: defaultdict[str, list[Attribution]] = defaultdict(list)
    for r in records:
        by_doc[r.doc].append(r)
    firsts: dict[URIRef, tuple[Attribution, str]] = {}
    for doc_id, recs in sorted(by_doc.items()):
        agents = article_agents(recs)
        for r in recs:
            claim = claim_iri(doc_id, r)
            if r.source is None or claim in firsts:
                continue
            agent = agents.get(r.id)
            firsts[claim] = (r, f"agent:{agent.key}" if agent else f"record:{r.id}")
    surnames = _corpus_surnames(key for r, key in firsts.values() if r.source_type == "person")
    items = sorted(firsts.items(), key=lambda kv: (kv[1][0].doc, kv[1][0].content_start, str(kv[0])))
    known = [cache.get(r) for _, (r, _) in items]
    missing = [i for i, sig in enumerate(known) if sig is None]
    if missing and nlp is None:
        from kg.nlp import load_model

        nlp = load_model(model)
    parsed = signatures([items[i][1][0].content for i in missing], nlp) if nlp is not None else []
    for i, sig in zip(missing, parsed, strict=True):
        known[i] = sig
        cache.add(items[i][1][0], sig)
    return [
        ClaimInfo(c, r, surnames.get(key, key), s)
        for (c, (r, key)), s in zip(items, known, strict=True)
        if s is not None
    ]


def _corpus_surnames(keys: Iterable[str]) -> dict[str, str]:
    """Bare surname agent key -> the full name it stands for across the corpus: the full person name
    ending with it that is named at least :data:`SURNAME_DOMINANCE` times as often as any other
    ("agent:trump" -> "agent:donald trump" when Melania and Ivanka Trump are rarely quoted)."""
    counts = Counter(keys)
    full: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, n in counts.items():
        words = key.removeprefix("agent:").split()
        if key.startswith("agent:") and len(words) > 1:
            full[f"agent:{words[-1]}"].append((n, key))
    out = {}
    for short, names in full.items():
        names.sort(reverse=True)
        if len(names) == 1 or names[0][0] >= SURNAME_DOMINANCE * names[1][0]:
            out[short] = names[0][1]
    return out


def _idf(claims: Sequence[ClaimInfo]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for c in claims:
        df.update(c.signature.lemmas)
    n = len(claims)
    return {lemma: math.log((n + 1) / (k + 0.5)) for lemma, k in df.items()}


def score_pair(a: Signature, b: Signature, idf: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    """IDF-weighted Dice overlap of two lemma sets, and the shared terms (entities first)."""
    shared = a.lemmas & b.lemmas
    weight = sum(idf.get(x, 0.0) for x in shared)
    total = sum(idf.get(x, 0.0) for x in a.lemmas) + sum(idf.get(x, 0.0) for x in b.lemmas)
    score = 2 * weight / total if total else 0.0
    terms = sorted(shared, key=lambda x: (not x.startswith("@"), x))
    return score, tuple(x.removeprefix("@") for x in terms)


def find_links(
    claims: Sequence[ClaimInfo], *, threshold: float = THRESHOLD, min_shared: int = MIN_SHARED
) -> list[Link]:
    """Every cross-article link among ``claims`` (see the module docstring), best first per pair."""
    idf = _idf(claims)
    eligible = [
        c
        for c in claims
        if len(c.signature.lemmas) >= MIN_LEMMAS
        and c.signature.entities
        and c.signature.verbs
        and c.signature.clause
        and not c.addressed
    ]
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(eligible):
        for e in c.signature.entities:
            postings[e].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) <= MAX_POSTING:
            pairs.update(combinations(members, 2))
    links = []
    for i, j in sorted(pairs):
        a, b = eligible[i], eligible[j]
        if a.record.doc == b.record.doc:
            continue
        sa, sb = a.signature, b.signature
        if not sa.entities & sb.entities or not sa.verbs & sb.verbs:
            continue  # one predicate about one entity
        if sa.numbers and sb.numbers and not sa.numbers & sb.numbers:
            continue  # "leads by 6 points" and "by 13 points": two different figures
        score, shared = score_pair(sa, sb, idf)
        if len(shared) < min_shared:
            continue
        run = _longest_run(sa.words, sb.words)
        quoted = run >= QUOTE_RUN
        if score < threshold and not (quoted and score >= QUOTE_THRESHOLD):
            continue
        common = sa.lemmas & sb.lemmas
        neg_a, neg_b = a.negative_on(common), b.negative_on(common)
        # One statement reported twice: by the same source, or the same words quoted at length, most of
        # the shorter claim (the other "source" is then who repeated it: "fact-checkers", "the president",
        # a misattribution).
        # Such words are one statement whatever an aside in one version negates ("not me, not Tom");
        # only a denial cue makes the repetition a dispute.
        quotation = "direct" in (a.record.kind, b.record.kind) or "mixed" in (a.record.kind, b.record.kind)
        most = 2 * run >= min(len(sa.words), len(sb.words))  # the run is most of the shorter claim
        verbatim = quotation and run >= SAME_WORDS and most
        if verbatim and "deny" not in (a.record.cue_class, b.record.cue_class):
            neg_b = neg_a
        same_source = a.source_key == b.source_key or a.label == b.label
        if neg_a != neg_b and (same_source or score < threshold + DISPUTE_MARGIN):
            continue
        same_source = same_source or (neg_a == neg_b and verbatim)
        if not same_source and (a.described or b.described):
            continue  # "the real estate tycoon" may well be the named source of the other claim
        if not same_source and not sa.arguments & sb.arguments:
            continue  # shared words, but not one predicate of one argument: two propositions
        if neg_a == neg_b:
            src, dst = (
                (b, a)
                if (b.record.doc, b.record.content_start) > (a.record.doc, a.record.content_start)
                else (a, b)
            )
            links.append(Link(src, dst, "restates" if same_source else "supports", score, shared))
        else:
            src, dst = (a, b) if neg_a else (b, a)
            links.append(Link(src, dst, "disputes", score, shared))
    links.sort(key=lambda k: (-k.score, str(k.source.claim), str(k.target.claim)))
    return links


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The length of the longest run of words that ``a`` and ``b`` share."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def link_records(
    records: Iterable[Attribution], nlp: Language | None = None, model: str | None = None, **kwargs: float
) -> list[Link]:
    """Link the claims of ``records`` across articles (claims without a kept signature are parsed with
    ``nlp``, or ``model`` loaded when first needed)."""
    return find_links(claims_of(records, nlp, model=model), **kwargs)  # type: ignore[arg-type]


def add_links(g: Graph, links: Iterable[Link]) -> None:
    """The link triples and their reified evidence (``ckg:ClaimLink``) into ``g``."""
    for link in links:
        s, o = link.source.claim, link.target.claim
        g.add((s, link.predicate, o))
        node = link.iri
        g.add((node, RDF.type, CKG.ClaimLink))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, link.predicate))
        g.add((node, RDF.object, o))
        g.add((node, CKG.score, Literal(Decimal(str(round(link.score, 4))), datatype=XSD.decimal)))
        for term in link.shared:
            g.add((node, CKG.sharedTerm, Literal(term)))


def replace_links(ds: Dataset, links: Iterable[Link]) -> Graph:
    """Replace the links graph of ``ds`` with ``links``; the new graph."""
    ds.remove_graph(ds.graph(LINKS_GRAPH))
    g = ds.graph(LINKS_GRAPH)
    add_links(g, links)
    return g


def store_links(claim_store: ClaimStore, links: Graph) -> None:
    """Replace the links graph of a store with ``links`` (dropped when there are none)."""
    claim_store.store.update(f"DROP SILENT GRAPH <{LINKS_GRAPH}>")
    if len(links):
        ds = Dataset()
        for triple in links:
            ds.graph(LINKS_GRAPH).add(triple)
        claim_store.replace_graphs(ds)
