"""Cross-article claim linking: claims about the same proposition, ``supports`` or ``disputes``.

Precision first. Each claim's content is parsed once (spaCy) into a :class:`Signature`: its content
lemmas, its named entities (normalised as :mod:`kg.entities` normalises names) and its polarity
(a denial cue or a negated main verb). Two claims of different articles are linked when

- their sources are different (two articles quoting the same agent is repetition, not corroboration;
  unnamed sources are always different, as they never merge across articles),
- each has at least :data:`MIN_LEMMAS` content lemmas and they share a named entity and at least
  :data:`MIN_SHARED` lemmas, and
- the IDF-weighted Dice overlap of their lemma sets is at least :data:`THRESHOLD` (tuned on a PolNeAR
  train subset, checked by hand on dev: ``bench/link_check.py``);

and the link is ``ckg:supports`` when the polarities agree, ``ckg:disputes`` when they differ (the
negative claim disputes the positive one). Links live in their own named graph (:data:`LINKS_GRAPH`),
recomputed over every article after each build, with a reified :class:`~kg.namespace.CKG` ``ClaimLink``
recording the score and the shared terms.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import TYPE_CHECKING

from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef

from kg import ids
from kg.entities import article_agents, name_key
from kg.graph import claim_iri
from kg.namespace import CKG
from kg.record import Attribution

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.store import ClaimStore

LINKS_GRAPH = URIRef(ids.BASE + "graph/links")

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT", "LAW", "FAC", "LOC", "PRODUCT"})
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


@dataclass(frozen=True)
class Signature:
    """What linking compares: content lemmas, normalised entities and whether the content is negated."""

    lemmas: frozenset[str]  # content lemmas outside entities, and "@" + each entity key
    entities: frozenset[str]
    verbs: frozenset[str]  # lemmas of the content's non-generic verbs: candidate predicates
    negated: bool
    numbers: frozenset[str] = frozenset()  # numerals as written ("13", "1,300")
    negated_lemmas: frozenset[str] = frozenset()  # words under a negation ("not pay", "no deal")


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
    relation: str  # "supports" | "disputes"
    score: float
    shared: tuple[str, ...]

    @property
    def predicate(self) -> URIRef:
        return CKG.disputes if self.relation == "disputes" else CKG.supports

    @property
    def iri(self) -> URIRef:
        return URIRef(ids.mint("link", str(self.source.claim), self.relation, str(self.target.claim)))


def signature_of(doc: Doc) -> Signature:
    """The signature of a parsed content."""
    ents = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
    in_entity = {i for e in ents for i in range(e.start, e.end)}
    words = [
        t
        for t in doc
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
    roots = [t for t in doc if t.dep_ == "ROOT"][:1]
    negated = any(
        c.lower_ in NEGATIONS and c.dep_ in ("neg", "det", "advmod", "nsubj", "dobj")
        for root in roots
        for c in root.children
    )
    numbers = {t.text for t in doc if t.like_num and any(c.isdigit() for c in t.text)}
    negated_lemmas = set()
    for t in doc:
        if t.lower_ in NEGATIONS and t.dep_ in ("neg", "det", "advmod", "nsubj", "dobj"):
            negated_lemmas.add(t.head.lemma_.lower())  # "not pay", "no deal", "never banned"
            if t.head.dep_ in ("nsubj", "nsubjpass", "dobj"):
                negated_lemmas.add(t.head.head.lemma_.lower())  # "no deal was made"
    return Signature(
        frozenset(lemmas | {f"@{e}" for e in entities}),
        frozenset(entities),
        frozenset(verbs),
        negated,
        frozenset(numbers),
        frozenset(negated_lemmas),
    )


def signatures(texts: Sequence[str], nlp: Language) -> list[Signature]:
    """The signature of every text (parsed in batches, without the NER-independent extras)."""
    return [signature_of(doc) for doc in nlp.pipe(texts, batch_size=256)]


def claims_of(records: Iterable[Attribution], nlp: Language) -> list[ClaimInfo]:
    """One :class:`ClaimInfo` per claim that has a source (unattributed hedges are nobody's claim)."""
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
    items = sorted(firsts.items(), key=lambda kv: (kv[1][0].doc, kv[1][0].content_start, str(kv[0])))
    sigs = signatures([r.content for _, (r, _) in items], nlp)
    return [ClaimInfo(c, r, key, s) for (c, (r, key)), s in zip(items, sigs, strict=True)]


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
        if len(c.signature.lemmas) >= MIN_LEMMAS and c.signature.entities and c.signature.verbs
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
        if a.record.doc == b.record.doc or a.source_key == b.source_key or a.label == b.label:
            continue
        sa, sb = a.signature, b.signature
        if not sa.entities & sb.entities or not (sa.verbs & sb.lemmas or sb.verbs & sa.lemmas):
            continue
        if sa.numbers and sb.numbers and not sa.numbers & sb.numbers:
            continue  # "leads by 6 points" and "by 13 points": two different figures
        score, shared = score_pair(sa, sb, idf)
        if score < threshold or len(shared) < min_shared:
            continue
        common = sa.lemmas & sb.lemmas
        neg_a, neg_b = a.negative_on(common), b.negative_on(common)
        if neg_a != neg_b and score < threshold + DISPUTE_MARGIN:
            continue
        if neg_a == neg_b:
            src, dst = (
                (b, a)
                if (b.record.doc, b.record.content_start) > (a.record.doc, a.record.content_start)
                else (a, b)
            )
            links.append(Link(src, dst, "supports", score, shared))
        else:
            src, dst = (a, b) if neg_a else (b, a)
            links.append(Link(src, dst, "disputes", score, shared))
    links.sort(key=lambda k: (-k.score, str(k.source.claim), str(k.target.claim)))
    return links


def link_records(records: Iterable[Attribution], nlp: Language, **kwargs: float) -> list[Link]:
    """Parse the claims of ``records`` and link them across articles."""
    return find_links(claims_of(records, nlp), **kwargs)  # type: ignore[arg-type]


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
