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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg import ids
from kg.document import Document
from kg.namespace import CKG, NIF, SCHEMA, SHORTCUTS, VOCAB, concept
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
    return URIRef(ids.mint("article", doc_id))


def span_iri(article: URIRef, span: Span) -> URIRef:
    """RFC 5147 style: ``<article>#char=begin,end`` (code points)."""
    return URIRef(f"{article}#char={span.start},{span.end}")


def source_iri(doc_id: str, record: Attribution) -> URIRef | None:
    """One source per resolved name within an article; unnamed sources one per mention."""
    if record.source is None or record.source_span is None:
        return None
    if record.source_type == "unnamed":
        return URIRef(ids.mint("source", doc_id, record.source_span.start, record.source_span.end))
    name = (record.source_resolved or record.source).casefold()
    return URIRef(ids.mint("source", doc_id, name))


def claim_iri(doc_id: str, record: Attribution) -> URIRef:
    return URIRef(ids.mint("claim", doc_id, [[s.start, s.end] for s in record.content_spans]))


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


def _offset(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


class _Writer:
    """Adds one article's triples to its named graph."""

    def __init__(self, g: Graph, document: Document, run: RunInfo) -> None:
        self.g = g
        self.doc = document
        self.run = run
        self.article = article_iri(document.id)
        self.context = span_iri(self.article, Span(0, len(document.text))) if document.text else self.article

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def lit(self, value: object) -> Literal | None:
        return None if value is None or value == "" else Literal(str(value))

    def article_node(self) -> None:
        a, meta, add = self.article, self.doc.meta, self.add
        add(a, RDF.type, CKG.Article)
        add(a, DCTERMS.identifier, Literal(self.doc.id))
        add(a, SCHEMA.headline, self.lit(meta.get("title")))
        add(a, SCHEMA.datePublished, self.lit(meta.get("date")))
        add(a, SCHEMA.url, URIRef(meta["url"]) if meta.get("url") else None)
        add(a, SCHEMA.inLanguage, self.lit(meta.get("language")))
        add(a, SCHEMA.author, self.lit(meta.get("author")))
        add(a, CKG.textSha256, Literal(self.doc.sha256))
        if meta.get("publisher"):
            org = URIRef(ids.mint("publisher", str(meta["publisher"]).casefold()))
            add(a, SCHEMA.publisher, org)
            add(org, RDF.type, SCHEMA.Organization)
            add(org, SCHEMA.name, Literal(str(meta["publisher"])))
        if self.doc.text:
            add(a, CKG.text, self.context)
            add(self.context, RDF.type, CKG.ArticleText)
            add(self.context, NIF.isString, Literal(self.doc.text))
            add(self.context, NIF.beginIndex, _offset(0))
            add(self.context, NIF.endIndex, _offset(len(self.doc.text)))

    def span_node(self, span: Span, cls: URIRef = CKG.TextSpan) -> URIRef:
        node = span_iri(self.article, span)
        self.add(node, RDF.type, cls)
        self.add(node, NIF.beginIndex, _offset(span.start))
        self.add(node, NIF.endIndex, _offset(span.end))
        self.add(node, NIF.anchorOf, Literal(span.of(self.doc.text)))
        self.add(node, NIF.referenceContext, self.context)
        return node

    def attribution(self, r: Attribution, claims_by_id: dict[str, URIRef]) -> None:
        add, lit = self.add, self.lit
        node = URIRef(r.id)
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
        add(node, CKG.confidence, Literal(Decimal(str(round(r.confidence, 4))), datatype=XSD.decimal))
        add(node, CKG.method, lit(r.method))
        add(node, PROV.wasGeneratedBy, self.run.iri)
        add(node, CKG.respondsTo, URIRef(r.responds_to) if r.responds_to else None)
        add(claim, RDF.type, CKG.Claim)
        add(claim, SCHEMA.text, Literal(r.content))
        add(claim, RDFS.label, Literal(r.label or r.content))
        add(claim, SCHEMA.appearance, self.article)
        if r.responds_to and r.responds_to in claims_by_id:
            link = CKG.disputes if r.stance == "deny" else CKG.supports
            add(claim, link, claims_by_id[r.responds_to])
        self.source(r, node, claim)

    def source(self, r: Attribution, node: URIRef, claim: URIRef) -> None:
        src = source_iri(self.doc.id, r)
        if src is None or r.source_span is None:
            return
        add = self.add
        add(node, CKG.source, src)
        add(node, CKG.sourceMention, Literal(r.source or ""))
        add(node, CKG.sourceSpan, self.span_node(r.source_span))
        add(src, RDF.type, CKG.Source)
        add(src, RDF.type, CKG.UnnamedSource if r.source_type == "unnamed" else CKG.NamedSource)
        add(src, RDFS.label, Literal(r.source_resolved or r.source or ""))
        add(src, CKG.sourceType, concept("source-type", r.source_type) if r.source_type else None)
        add(src, CKG.role, self.lit(r.source_role))
        add(src, SHORTCUTS.get(r.cue_class or "say", CKG.says), claim)


def _run_triples(g: Graph, run: RunInfo) -> None:
    g.add((run.iri, RDF.type, CKG.ExtractionRun))
    g.add((run.iri, RDFS.label, Literal(f"{run.tool} {run.tool_version} with {run.model}")))
    g.add((run.iri, CKG.toolVersion, Literal(f"{run.tool} {run.tool_version}")))
    g.add((run.iri, CKG.model, Literal(run.model)))
    g.add((run.iri, PROV.startedAtTime, Literal(run.started.isoformat(), datatype=XSD.dateTime)))


def add_article(g: Graph, document: Document, records: Sequence[Attribution], run: RunInfo) -> None:
    """Add one article and its records to ``g`` (normally the article's named graph)."""
    w = _Writer(g, document, run)
    w.article_node()
    claims = {r.id: claim_iri(document.id, r) for r in records}
    for r in records:
        w.attribution(r, claims)


def build_dataset(items: Iterable[tuple[Document, Sequence[Attribution]]], run: RunInfo) -> Dataset:
    """A dataset with one named graph per article and one for the run."""
    ds = Dataset()
    bind_prefixes(ds)
    for document, records in items:
        add_article(ds.graph(article_iri(document.id)), document, records, run)
    _run_triples(ds.graph(RUN_GRAPH), run)
    return ds


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one graph (what ``claims.ttl`` holds)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


RECORDS_QUERY = """
PREFIX ckg: <https://w3id.org/claim-kg/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
SELECT ?a ?doc ?content ?label ?stance ?certainty ?kind ?hedge ?cue ?cueLemma ?cueClass ?confidence ?method
       ?respondsTo ?mention ?resolved ?sourceType ?role ?sb ?se ?cb ?ce ?eb ?ee ?kb ?ke
WHERE {
  ?a a ckg:Attribution ; ckg:article ?art ; ckg:claim ?c ; ckg:stance ?stance ; ckg:certainty ?certainty ;
     ckg:quoteKind ?kind ; ckg:evidence ?ev ; ckg:contentSpan ?k .
  ?art dcterms:identifier ?doc .
  ?c schema:text ?content .
  OPTIONAL { ?c rdfs:label ?label }
  ?ev nif:beginIndex ?eb ; nif:endIndex ?ee .
  ?k nif:beginIndex ?kb ; nif:endIndex ?ke .
  OPTIONAL { ?a ckg:hedge ?hedge } OPTIONAL { ?a ckg:cue ?cue } OPTIONAL { ?a ckg:cueLemma ?cueLemma }
  OPTIONAL { ?a ckg:cueClass ?cueClass } OPTIONAL { ?a ckg:confidence ?confidence }
  OPTIONAL { ?a ckg:method ?method }
  OPTIONAL { ?a ckg:respondsTo ?respondsTo }
  OPTIONAL { ?a ckg:cueSpan ?cs . ?cs nif:beginIndex ?cb ; nif:endIndex ?ce }
  OPTIONAL {
    ?a ckg:source ?s ; ckg:sourceMention ?mention ; ckg:sourceSpan ?ss .
    ?ss nif:beginIndex ?sb ; nif:endIndex ?se .
    OPTIONAL { ?s rdfs:label ?resolved } OPTIONAL { ?s ckg:sourceType ?sourceType }
    OPTIONAL { ?s ckg:role ?role }
  }
}
"""


def _concept_value(iri: object) -> str | None:
    if iri is None:
        return None
    return str(iri).rsplit("/", 1)[-1].replace("-", "_")


def records_from_graph(g: Graph) -> list[Attribution]:
    """The records a graph holds (the inverse of :func:`add_article`), ordered by document and offset."""
    rows: dict[str, dict[str, object]] = {}
    spans: dict[str, set[tuple[int, int]]] = {}
    for row in g.query(RECORDS_QUERY):
        r: dict[str, object] = dict(row.asdict())  # type: ignore[union-attr]
        aid = str(r["a"])
        spans.setdefault(aid, set()).add((int(str(r["kb"])), int(str(r["ke"]))))
        rows.setdefault(aid, r)
    out = []
    for aid, r in rows.items():

        def span(b: str, e: str, r: dict[str, object] = r) -> Span | None:
            return (
                Span(int(str(r[b])), int(str(r[e])))
                if r.get(b) is not None and r.get(e) is not None
                else None
            )

        source_type = r.get("sourceType")
        out.append(
            Attribution(
                id=aid,
                doc=str(r["doc"]),
                content=str(r["content"]),
                content_spans=tuple(Span(b, e) for b, e in sorted(spans[aid])),
                sentence_span=Span(int(str(r["eb"])), int(str(r["ee"]))),
                kind=_concept_value(r["kind"]),  # type: ignore[arg-type]
                stance=_concept_value(r["stance"]),  # type: ignore[arg-type]
                certainty=_concept_value(r["certainty"]),  # type: ignore[arg-type]
                hedge=str(r["hedge"]) if r.get("hedge") is not None else None,
                source=str(r["mention"]) if r.get("mention") is not None else None,
                source_span=span("sb", "se"),
                source_resolved=str(r["resolved"]) if r.get("resolved") is not None else None,
                source_type=_concept_value(source_type) if source_type is not None else None,  # type: ignore[arg-type]
                source_role=str(r["role"]) if r.get("role") is not None else None,
                cue=str(r["cue"]) if r.get("cue") is not None else None,
                cue_span=span("cb", "ce"),
                cue_lemma=str(r["cueLemma"]) if r.get("cueLemma") is not None else None,
                cue_class=_concept_value(r.get("cueClass")),
                label=str(r["label"]) if r.get("label") is not None else "",
                responds_to=str(r["respondsTo"]) if r.get("respondsTo") is not None else None,
                confidence=float(str(r["confidence"])) if r.get("confidence") is not None else 0.5,
                method=str(r["method"]) if r.get("method") is not None else None,
            )
        )
    out.sort(key=lambda a: (a.doc, a.content_spans[0].start, a.id))
    return out
