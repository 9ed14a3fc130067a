"""The claim-kg ontology terms, as one rdflib ``DefinedNamespace`` (a misspelt term raises).

A test checks every term here against ``ontology/*.ttl`` and back. Controlled values (cue class,
stance, certainty, quote kind, source type) are SKOS concepts under :data:`VOCAB`, minted by
:func:`concept`.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

NS = "https://w3id.org/claim-kg/ns#"
VOCAB = Namespace("https://w3id.org/claim-kg/vocab/")
SCHEMA = Namespace("http://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

# Concept schemes and their members, in the order they are presented.
SCHEMES: dict[str, tuple[str, ...]] = {
    "stance": ("assert", "deny"),
    "certainty": ("certain", "probable", "possible"),
    "kind": ("direct", "indirect", "mixed", "according_to", "passive", "unattributed_hedge"),
    "source-type": ("person", "organization", "place", "group", "unnamed"),
    "cue": (
        "say",
        "claim",
        "allege",
        "deny",
        "confirm",
        "admit",
        "argue",
        "warn",
        "promise",
        "call",
        "ask",
        "believe",
        "report",
        "estimate",
        "suggest",
        "criticize",
        "want",
        "endorse",
    ),
}
# the cue classes narrower than another (skos:broader in ontology/vocabularies.ttl)
BROADER: dict[str, str] = {
    "claim": "say",
    "allege": "say",
    "confirm": "say",
    "admit": "say",
    "argue": "say",
    "warn": "say",
    "report": "say",
    "estimate": "say",
    "suggest": "say",
}


def concept(scheme: str, value: str) -> URIRef:
    """The SKOS concept IRI of ``value`` in ``scheme`` (e.g. ``concept("stance", "deny")``)."""
    if value not in SCHEMES[scheme]:
        raise KeyError(f"{value!r} is not in the {scheme} scheme")
    return VOCAB[f"{scheme}/{value.replace('_', '-')}"]


def scheme_iri(scheme: str) -> URIRef:
    """The ``skos:ConceptScheme`` IRI of ``scheme``."""
    if scheme not in SCHEMES:
        raise KeyError(scheme)
    return VOCAB[scheme]


class CKG(DefinedNamespace):
    """claim-kg ontology: classes and properties."""

    _NS = Namespace(NS)
    _fail = True

    # classes
    Attribution: URIRef  # one n-ary source-cue-content record (prov:Entity)
    Claim: URIRef  # the proposition (schema:Claim)
    Source: URIRef  # who (prov:Agent)
    NamedSource: URIRef
    UnnamedSource: URIRef
    Article: URIRef  # schema:NewsArticle
    TextSpan: URIRef  # nif:String with offsets
    Sentence: URIRef  # nif:Sentence
    ArticleText: URIRef  # nif:Context: the article text exactly as read
    ExtractionRun: URIRef  # prov:Activity
    Agent: URIRef  # a real-world agent across articles (prov:Agent)
    ClaimLink: URIRef  # a cross-article supports/disputes triple, reified with its evidence

    # attribution -> node
    source: URIRef  # -> Source (sub-property of prov:wasAttributedTo)
    claim: URIRef  # -> Claim
    article: URIRef  # -> Article
    evidence: URIRef  # -> Sentence
    sourceSpan: URIRef  # -> TextSpan
    cueSpan: URIRef  # -> TextSpan
    contentSpan: URIRef  # -> TextSpan
    cueClass: URIRef  # -> skos:Concept in vocab/cue
    stance: URIRef  # -> skos:Concept in vocab/stance
    certainty: URIRef  # -> skos:Concept in vocab/certainty
    quoteKind: URIRef  # -> skos:Concept in vocab/kind
    respondsTo: URIRef  # -> Attribution answered by this one

    # attribution -> literal
    cue: URIRef  # cue text as written
    cueLemma: URIRef
    hedge: URIRef  # hedge word, e.g. "allegedly"
    sourceMention: URIRef  # the source as written ("He")
    confidence: URIRef  # xsd:decimal in [0, 1]
    method: URIRef  # the extraction rule that found the attribution

    # source
    sourceType: URIRef  # -> skos:Concept in vocab/source-type
    role: URIRef  # literal: "military spokesman"
    agent: URIRef  # -> Agent (named sources)

    # claim <-> claim
    disputes: URIRef
    supports: URIRef
    restates: URIRef  # the same source states the same proposition in another article
    score: URIRef  # ClaimLink -> xsd:decimal
    sharedTerm: URIRef  # ClaimLink -> literal

    # article and text
    text: URIRef  # -> ArticleText
    textSha256: URIRef

    # extraction run
    toolVersion: URIRef
    model: URIRef

    # source --cue class--> claim shortcuts (one per cue concept), under one super-property
    attributes: URIRef
    says: URIRef
    claims: URIRef
    alleges: URIRef
    denies: URIRef
    confirms: URIRef
    admits: URIRef
    argues: URIRef
    warns: URIRef
    promises: URIRef
    callsFor: URIRef
    asks: URIRef
    believes: URIRef
    reports: URIRef
    estimates: URIRef
    suggests: URIRef
    criticizes: URIRef
    wants: URIRef
    endorses: URIRef


# cue class -> its shortcut property
SHORTCUTS: dict[str, URIRef] = {
    "say": CKG.says,
    "claim": CKG.claims,
    "allege": CKG.alleges,
    "deny": CKG.denies,
    "confirm": CKG.confirms,
    "admit": CKG.admits,
    "argue": CKG.argues,
    "warn": CKG.warns,
    "promise": CKG.promises,
    "call": CKG.callsFor,
    "ask": CKG.asks,
    "believe": CKG.believes,
    "report": CKG.reports,
    "estimate": CKG.estimates,
    "suggest": CKG.suggests,
    "criticize": CKG.criticizes,
    "want": CKG.wants,
    "endorse": CKG.endorses,
}
