"""Records -> rdflib graphs under the claim-kg ontology (``ontology/claim-kg.ttl``).

One named graph per article (graph IRI = article IRI) plus one for the extraction run. Every node has a
deterministic IRI (:mod:`kg.ids`), so two builds of the same input give the same triples apart from the
run's time, and loading a file twice adds nothing. No blank nodes. Literals are plain (no
``xsd:string``) so they compare equal after a round trip through any store.

Shape of one attribution (prefixes as bound by :func:`bind_prefixes`)::

    <attribution/…> a ckg:Attribution ;
        ckg:source <source/…> ; ckg:claim <claim/…> ; ckg:article <article/…> ;
        ckg:evidence <article/…#char=1830,1990> ;
        ckg:cue "belies" ; ckg:cueLemma "belie" ; ckg:cueClass ckgv:cue/deny ;
        ckg:stance ckgv:stance/deny ; ckg:certainty ckgv:certainty/certain ;
        ckg:quoteKind ckgv:kind/indirect ;
        ckg:contentSpan <article/…#char=1851,1863> ; ckg:respondsTo <attribution/…> ;
        ckg:confidence 0.53 ; prov:wasGeneratedBy <run/…> .
    <source/…> ckg:denies <claim/…> .            # the one-triple reading "Moscow denies these claims"
    <claim/…> ckg:disputes <claim/…> .           # this claim answers that one
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg import ids
from kg.document import Document
from kg.entities import Agent, article_agents, name_key, normal_name, record_agent, source_affiliation
from kg.namespace import CKG, NIF, SCHEMA, SHORTCUTS, VOCAB, concept
from kg.rdfstore import (
    from_ox,
    graph_over,
    named,
    new_dataset,
    ox_graph_name,
    ox_store_of,
    to_ox,
    union_store,
)
from kg.record import Attribution, Span

RUN_GRAPH = URIRef(ids.BASE + "graph/runs")


@dataclass(frozen=True)
class RunInfo:
    """The extraction run (a ``prov:Activity``): its IRI depends on tool, version and model, not time."""

    tool: str
    tool_version: str
    model: str
    started: datetime

    @property
    def iri(self) -> URIRef:
        return URIRef(ids.mint("run", self.tool, self.tool_version, self.model))


def article_iri(doc_id: str) -> URIRef:
    """The article's IRI, which is also the name of its graph."""
    return URIRef(ids.mint("article", doc_id))


def is_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI that Turtle and N-Quads writers accept."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


# Characters a URL may carry in the wild but an IRI may not hold unescaped (RFC 3987).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def url_term(url: str) -> URIRef | Literal:
    """A web address as an IRI, percent-encoding spaces and the like; a plain literal if it has no scheme."""
    cleaned = _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url.strip())
    return URIRef(cleaned) if is_iri(cleaned) else Literal(url)


def attribution_iri(record_id: str) -> URIRef:
    """A record's id as its IRI (ids minted by :mod:`kg.ids` are IRIs); any other id is hashed into one."""
    return URIRef(record_id) if is_iri(record_id) else URIRef(ids.mint("attribution", record_id))


def span_iri(article: URIRef, span: Span) -> URIRef:
    """RFC 5147 style: ``<article>#char=begin,end`` (code points)."""
    return URIRef(f"{article}#char={span.start},{span.end}")


def source_iri(doc_id: str, record: Attribution, agent: Agent | None = None) -> URIRef | None:
    """One source per real-world agent within an article; unnamed sources one per mention.

    A named source is keyed by its agent's normalised name (:mod:`kg.entities`; ``agent`` as
    :func:`kg.entities.article_agents` merged it, else the record's own), so "Vladimir Putin", "Russian
    leader Vladimir Putin" and "Putin" in one article are one node. The document id is part of every
    source IRI: the same agent in two articles is two sources sharing one ``ckg:agent``. An unnamed
    source without a span (records from elsewhere) is one per record.
    """
    if record.source is None:
        return None
    if record.source_type == "unnamed":
        if record.source_span is None:
            return URIRef(ids.mint("source", doc_id, "record", record.id))
        return URIRef(ids.mint("source", doc_id, record.source_span.start, record.source_span.end))
    agent = agent or record_agent(record)
    name = agent.key if agent else (record.source_resolved or record.source).casefold()
    return URIRef(ids.mint("source", doc_id, name))


def agent_iri(key: str) -> URIRef:
    """The real-world agent of a normalised name key (:func:`kg.entities.name_key`), across articles."""
    return URIRef(ids.mint("agent", key))


def claim_iri(doc_id: str, record: Attribution) -> URIRef:
    """The claim a record attributes: one per article and content spans."""
    return URIRef(ids.mint("claim", doc_id, [[s.start, s.end] for s in record.content_spans]))


def publisher_iri(name: str) -> URIRef:
    """The publishing organisation, one node per case-folded name across all articles."""
    return URIRef(ids.mint("publisher", name.casefold()))


def bind_prefixes(g: Graph) -> None:
    """Bind the prefixes our exports use (schema.org deliberately as http://schema.org/)."""
    for prefix, ns in (
        ("ckg", CKG._NS),
        ("ckgv", VOCAB),
        ("schema", SCHEMA),
        ("prov", PROV),
        ("nif", NIF),
        ("dcterms", DCTERMS),
        ("xsd", XSD),
        ("rdfs", RDFS),
        ("skos", SKOS),
        ("owl", OWL),
    ):
        g.bind(prefix, ns, override=True, replace=True)


def _offset(n: int) -> ox.Literal:
    return typed(str(n), XSD.nonNegativeInteger)


def plain(value: str) -> ox.Literal:
    """A plain (``xsd:string``) literal made for Oxigraph directly; ``ValueError`` naming the value when it
    is no valid RDF (a lone surrogate)."""
    try:
        return ox.Literal(value)
    except (ValueError, UnicodeError) as exc:
        raise ValueError(f"cannot write {value[:80]!r} as RDF: {exc}") from exc


def typed(value: str, datatype: URIRef) -> ox.Literal:
    return ox.Literal(value, datatype=named(str(datatype)))


def _meta_values(value: object) -> Iterator[str]:
    """The non-empty strings of a metadata value: one for a scalar, one per item for a list."""
    items = value if isinstance(value, list | tuple) else [value]
    for item in items:
        if item is not None and str(item) != "":
            yield str(item)


@dataclass(frozen=True)
class _SourceFacts:
    """What one source node says about itself: label, type and role (the first record's that has one),
    the agent it is (named sources) and the affiliations its roles or mentions name."""

    label: str
    source_type: str | None
    role: str | None
    agent: Agent | None = None
    affiliations: tuple[str, ...] = ()


def _claim_labels(doc_id: str, records: Sequence[Attribution]) -> dict[URIRef, tuple[str, str]]:
    """Claim IRI -> (content, label) of the first record with that claim (several records may share it)."""
    out: dict[URIRef, tuple[str, str]] = {}
    for r in records:
        out.setdefault(claim_iri(doc_id, r), (r.content, r.label or r.content))
    return out


def _source_facts(
    doc_id: str, records: Sequence[Attribution], agents: dict[str, Agent]
) -> dict[URIRef, _SourceFacts]:
    """Source IRI -> its label, type and role, so that a node merged from several mentions
    ("Moscow", "moscow") has one label, one type and one role; plus its agent and affiliations."""
    out: dict[URIRef, _SourceFacts] = {}
    for r in records:
        src = source_iri(doc_id, r, agents.get(r.id))
        if src is None:
            continue
        old = out.get(src)
        affiliation = source_affiliation(r)
        affiliations = old.affiliations if old else ()
        if affiliation and affiliation not in affiliations:
            affiliations = (*affiliations, affiliation)
        out[src] = _SourceFacts(
            label=old.label if old else (r.source_resolved or r.source or ""),
            source_type=(old.source_type if old else None) or r.source_type,
            role=(old.role if old else None) or r.source_role,
            agent=old.agent if old else agents.get(r.id),
            affiliations=affiliations,
        )
    return out


class _Writer:
    """Adds one article's triples to its named graph: article, text, spans, claims, sources, records."""

    def __init__(self, g: Graph, document: Document, run: RunInfo, union: ox.Store | None = None) -> None:
        self.g = g
        self.doc = document
        self.run = run
        self.article = article_iri(document.id)
        self.context = span_iri(self.article, Span(0, len(document.text))) if document.text else self.article
        self._store = ox_store_of(g)  # Oxigraph behind g: quads go straight in, no rdflib bookkeeping
        self._graph_name = ox_graph_name(g)
        self._quads: list[ox.Quad] = []
        self._union = union  # also written to the default graph of this store, when given

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | ox.Literal | None) -> None:
        """Add one triple (kept until :meth:`flush`); ``o is None`` means there is nothing to say."""
        if o is not None:
            self._quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), self._graph_name))  # type: ignore[arg-type]

    def flush(self) -> None:
        """Write the triples added so far into the graph, in one go."""
        if self._union is not None:
            self._union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self._quads)
        if self._store is not None:
            self._store.extend(self._quads)
        else:
            terms = ((q.subject, q.predicate, q.object) for q in self._quads)
            self.g.addN((from_ox(s), from_ox(p), from_ox(o), self.g) for s, p, o in terms)  # type: ignore[arg-type]
        self._quads = []

    def lit(self, value: object) -> ox.Literal | None:
        """A plain literal, or ``None`` (nothing written) for a missing or empty value."""
        return None if value is None or value == "" else plain(str(value))

    def article_node(self) -> None:
        """The article, its metadata, its publisher and its text (the context of every span)."""
        a, meta, add = self.article, self.doc.meta, self.add
        add(a, RDF.type, CKG.Article)
        add(a, DCTERMS.identifier, plain(self.doc.id))
        for key, prop in (
            ("title", SCHEMA.headline),
            ("date", SCHEMA.datePublished),
            ("language", SCHEMA.inLanguage),
            ("author", SCHEMA.author),
        ):
            for value in _meta_values(meta.get(key)):
                add(a, prop, plain(value))
        for url in _meta_values(meta.get("url")):
            add(a, SCHEMA.url, url_term(url))
        add(a, CKG.textSha256, plain(self.doc.sha256))
        for name in _meta_values(meta.get("publisher")):
            org = publisher_iri(name)
            add(a, SCHEMA.publisher, org)
            add(org, RDF.type, SCHEMA.Organization)
            add(org, SCHEMA.name, plain(name))
        if self.doc.text:
            add(a, CKG.text, self.context)
            add(self.context, RDF.type, CKG.ArticleText)
            add(self.context, NIF.isString, plain(self.doc.text))
            add(self.context, NIF.beginIndex, _offset(0))
            add(self.context, NIF.endIndex, _offset(len(self.doc.text)))

    def span_node(self, span: Span, cls: URIRef = CKG.TextSpan) -> URIRef:
        """A span ``<article>#char=b,e`` with its offsets and the text it covers."""
        node = span_iri(self.article, span)
        self.add(node, RDF.type, cls)
        self.add(node, NIF.beginIndex, _offset(span.start))
        self.add(node, NIF.endIndex, _offset(span.end))
        self.add(node, NIF.anchorOf, plain(span.of(self.doc.text)))
        self.add(node, NIF.referenceContext, self.context)
        return node

    def claim_node(self, claim: URIRef, content: str, label: str) -> None:
        """A claim: its text as written, a short label, and the article it appears in."""
        self.add(claim, RDF.type, CKG.Claim)
        self.add(claim, SCHEMA.text, plain(content))
        self.add(claim, RDFS.label, plain(label))
        self.add(claim, SCHEMA.appearance, self.article)

    def source_node(self, src: URIRef, facts: _SourceFacts) -> None:
        """A source: named or unnamed, its resolved name, type and role."""
        add = self.add
        add(src, RDF.type, CKG.Source)
        add(src, RDF.type, CKG.UnnamedSource if facts.source_type == "unnamed" else CKG.NamedSource)
        add(src, RDFS.label, plain(facts.label))
        add(src, CKG.sourceType, concept("source-type", facts.source_type) if facts.source_type else None)
        add(src, CKG.role, self.lit(facts.role))
        if facts.agent is not None:
            add(src, CKG.agent, self.agent_node(facts.agent.key, facts.agent.name))
        for name in facts.affiliations:
            key = name_key(name, None)
            if key and (facts.agent is None or key != facts.agent.key):
                add(src, PROV.actedOnBehalfOf, self.agent_node(key, normal_name(name, None)))

    def agent_node(self, key: str, name: str) -> URIRef:
        """The agent of a name key, across articles: its IRI and label depend on the name alone."""
        node = agent_iri(key)
        self.add(node, RDF.type, CKG.Agent)
        self.add(node, RDFS.label, plain(name))
        return node

    def attribution(
        self, r: Attribution, claims_by_id: dict[str, URIRef], agent: Agent | None = None
    ) -> None:
        """The record's n-ary node, its spans, the shortcut triple and the claim-to-claim link."""
        add, lit = self.add, self.lit
        node = attribution_iri(r.id)
        claim = claims_by_id[r.id]
        add(node, RDF.type, CKG.Attribution)
        add(node, CKG.article, self.article)
        add(node, CKG.claim, claim)
        add(node, CKG.evidence, self.span_node(r.sentence_span, CKG.Sentence))
        for s in r.content_spans:
            add(node, CKG.contentSpan, self.span_node(s))
        if r.cue_span:
            add(node, CKG.cueSpan, self.span_node(r.cue_span))
        add(node, CKG.cue, lit(r.cue))
        add(node, CKG.cueLemma, lit(r.cue_lemma))
        add(node, CKG.cueClass, concept("cue", r.cue_class) if r.cue_class else None)
        add(node, CKG.stance, concept("stance", r.stance))
        add(node, CKG.certainty, concept("certainty", r.certainty))
        add(node, CKG.quoteKind, concept("kind", r.kind))
        add(node, CKG.hedge, lit(r.hedge))
        add(node, CKG.confidence, typed(str(Decimal(str(round(r.confidence, 4)))), XSD.decimal))
        add(node, CKG.method, lit(r.method))
        add(node, PROV.wasGeneratedBy, self.run.iri)
        add(node, CKG.respondsTo, attribution_iri(r.responds_to) if r.responds_to else None)
        if r.responds_to and r.responds_to in claims_by_id:
            link = CKG.disputes if r.stance == "deny" else CKG.supports
            add(claim, link, claims_by_id[r.responds_to])
        src = source_iri(self.doc.id, r, agent)
        if src is not None and r.source is not None:
            add(node, CKG.source, src)
            add(node, CKG.sourceMention, plain(r.source))
            if r.source_span is not None:
                add(node, CKG.sourceSpan, self.span_node(r.source_span))
            # a cue outside the lexicon (found by the cue model) has no class: the generic shortcut
            add(src, SHORTCUTS.get(r.cue_class, CKG.attributes) if r.cue_class else CKG.attributes, claim)


def _run_triples(g: Graph, run: RunInfo) -> None:
    g.add((run.iri, RDF.type, CKG.ExtractionRun))
    g.add((run.iri, RDFS.label, Literal(f"{run.tool} {run.tool_version} with {run.model}")))
    g.add((run.iri, CKG.toolVersion, Literal(f"{run.tool} {run.tool_version}")))
    g.add((run.iri, CKG.model, Literal(run.model)))
    g.add((run.iri, PROV.startedAtTime, Literal(run.started.isoformat(), datatype=XSD.dateTime)))


def add_article(
    g: Graph, document: Document, records: Sequence[Attribution], run: RunInfo, union: ox.Store | None = None
) -> None:
    """Add one article and its records to ``g`` (normally the article's named graph), and to the default
    graph of ``union`` when given."""
    w = _Writer(g, document, run, union)
    w.article_node()
    for claim, (content, label) in _claim_labels(document.id, records).items():
        w.claim_node(claim, content, label)
    agents = article_agents(records)
    for src, facts in _source_facts(document.id, records, agents).items():
        w.source_node(src, facts)
    claims = {r.id: claim_iri(document.id, r) for r in records}
    for r in records:
        w.attribution(r, claims, agents.get(r.id))
    w.flush()


def build_dataset(
    items: Iterable[tuple[Document, Sequence[Attribution]]], run: RunInfo, union: Graph | None = None
) -> Dataset:
    """A dataset with one named graph per article and one for the run, in an in-memory Oxigraph store
    behind rdflib's API (:mod:`kg.rdfstore`). With ``union`` (a graph from :func:`new_union_graph`), every
    triple also goes there as it is made: the same graph :func:`union_graph` would copy afterwards."""
    ds = new_dataset()
    bind_prefixes(ds)
    union_store = ox_store_of(union) if union is not None else None
    for document, records in items:
        add_article(ds.graph(article_iri(document.id)), document, records, run, union_store)
    _run_triples(ds.graph(RUN_GRAPH), run)
    if union is not None:
        _run_triples(union, run)
    return ds


def new_union_graph() -> Graph:
    """An empty graph to pass to :func:`build_dataset` as ``union`` (in-memory Oxigraph, default graph)."""
    g = graph_over(ox.Store())
    bind_prefixes(g)
    return g


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one graph (what ``claims.ttl`` holds): a copy, in the default
    graph of a new in-memory Oxigraph store."""
    source = ox_store_of(ds)
    if source is None:  # a dataset in another rdflib store
        source = ox.Store()
        source.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o, _ in ds.quads())  # type: ignore[arg-type]
    g = graph_over(union_store(source))
    bind_prefixes(g)
    return g


_PREFIXES = """
PREFIX ckg: <https://w3id.org/claim-kg/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
"""
# Flat look-ups, each linear in the graph, joined in Python: one query joining them all with nested
# OPTIONALs grows much faster than the graph in Oxigraph (81 s for the 84 PolNeAR dev articles).
_ATTRIBUTION_QUERY = _PREFIXES + "SELECT ?a ?p ?o WHERE { ?a a ckg:Attribution ; ?p ?o }"
_SPAN_QUERY = _PREFIXES + "SELECT ?x ?b ?e WHERE { ?x nif:beginIndex ?b ; nif:endIndex ?e }"
_CLAIM_QUERY = (
    _PREFIXES + "SELECT ?c ?text ?label WHERE { ?c schema:text ?text OPTIONAL { ?c rdfs:label ?label } }"
)
_ARTICLE_QUERY = _PREFIXES + "SELECT ?art ?doc WHERE { ?art a ckg:Article ; dcterms:identifier ?doc }"
_SOURCE_QUERY = (
    _PREFIXES
    + """SELECT ?s ?label ?type ?role WHERE {
  ?s a ckg:Source OPTIONAL { ?s rdfs:label ?label } OPTIONAL { ?s ckg:sourceType ?type }
  OPTIONAL { ?s ckg:role ?role } }"""
)


def _concept_value(iri: object) -> str | None:
    if iri is None:
        return None
    return str(iri).rsplit("/", 1)[-1].replace("-", "_")


def records_from_graph(g: Graph) -> list[Attribution]:
    """The records a graph holds (the inverse of :func:`add_article`), ordered by document and offset."""
    props: dict[str, dict[str, list[object]]] = {}
    for a, p, o in g.query(_ATTRIBUTION_QUERY):  # type: ignore[misc]
        props.setdefault(str(a), {}).setdefault(str(p).rsplit("#", 1)[-1], []).append(o)
    spans = {str(x): Span(int(str(b)), int(str(e))) for x, b, e in g.query(_SPAN_QUERY)}  # type: ignore[misc]
    claims = {str(c): (str(t), None if lab is None else str(lab)) for c, t, lab in g.query(_CLAIM_QUERY)}  # type: ignore[misc]
    articles = {str(art): str(doc) for art, doc in g.query(_ARTICLE_QUERY)}  # type: ignore[misc]
    sources = {str(x): (lab, typ, role) for x, lab, typ, role in g.query(_SOURCE_QUERY)}  # type: ignore[misc]

    out = []
    for aid, f in props.items():

        def one(name: str, f: dict[str, list[object]] = f) -> str | None:
            values = f.get(name)
            return str(values[0]) if values else None

        def span_of(name: str) -> Span | None:
            node = one(name)
            return spans.get(node) if node is not None else None

        claim, article, evidence = one("claim"), one("article"), span_of("evidence")
        content_spans = sorted(
            (spans[str(k)] for k in f.get("contentSpan", []) if str(k) in spans), key=lambda x: x.start
        )
        if claim not in claims or article not in articles or evidence is None or not content_spans:
            continue  # not a complete attribution (a graph cut short by hand)
        content, label = claims[claim]
        source = one("source")
        resolved, source_type, role = sources.get(source, (None, None, None)) if source else (None,) * 3
        mention = one("sourceMention") if source else None
        confidence = one("confidence")
        out.append(
            Attribution(
                id=aid,
                doc=articles[article],
                content=content,
                content_spans=tuple(content_spans),
                sentence_span=evidence,
                kind=_concept_value(one("quoteKind")),  # type: ignore[arg-type]
                stance=_concept_value(one("stance")),  # type: ignore[arg-type]
                certainty=_concept_value(one("certainty")),  # type: ignore[arg-type]
                hedge=one("hedge"),
                source=mention,
                source_span=span_of("sourceSpan") if mention is not None else None,
                source_resolved=str(resolved) if mention is not None and resolved is not None else None,
                source_type=_concept_value(source_type) if mention is not None else None,  # type: ignore[arg-type]
                source_role=str(role) if mention is not None and role is not None else None,
                cue=one("cue"),
                cue_span=span_of("cueSpan"),
                cue_lemma=one("cueLemma"),
                cue_class=_concept_value(one("cueClass")),
                label=label or "",
                responds_to=one("respondsTo"),
                confidence=float(confidence) if confidence is not None else 0.5,
                method=one("method"),
            )
        )
    out.sort(key=lambda a: (a.doc, a.content_spans[0].start, a.id))
    return out
