"""The RDF side: ontology terms, deterministic IRIs, no blank nodes, exports that parse, evidence spans."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, SKOS

from kg import ids
from kg.document import Document
from kg.export import turtle_string, write_nquads, write_trig
from kg.graph import RunInfo, article_iri, build_dataset, union_graph
from kg.namespace import CKG, NIF, NS, SCHEMES, concept
from kg.record import Attribution, Span
from kg.vocab import VOCABULARIES, vocabulary_graph

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
RUN = RunInfo("claim-kg", "test", "model-x", datetime(2026, 1, 1, tzinfo=UTC))


def ontology_graph() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY / "claim-kg.ttl", format="turtle")
    return g


def test_every_namespace_term_is_declared_with_label_and_comment() -> None:
    g = ontology_graph()
    declared = {s for s in g.subjects(RDF.type, None) if str(s).startswith(NS)}
    in_code = {URIRef(NS + name) for name in CKG.__annotations__}
    assert declared == in_code
    for term in in_code:
        assert (term, RDFS.label, None) in g and (term, RDFS.comment, None) in g, term


def test_ontology_header() -> None:
    g = ontology_graph()
    onto = URIRef("https://w3id.org/claim-kg/ns")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert (onto, OWL.versionIRI, None) in g


def test_vocabulary_file_is_generated_from_the_code() -> None:
    committed = Graph().parse(VOCABULARIES, format="turtle")
    assert isomorphic(committed, vocabulary_graph()), "run: python -m kg.vocab"
    for scheme, values in SCHEMES.items():
        for value in values:
            assert (concept(scheme, value), RDF.type, SKOS.Concept) in committed


def sample(text: str, doc_id: str = "d1") -> tuple[Document, list[Attribution]]:
    """A hand-made claim and a denial answering it."""
    claim_start = text.index("a deal")
    claim = Attribution(
        id=ids.mint("attribution", doc_id, 1),
        doc=doc_id,
        content=text[claim_start : claim_start + 6],
        content_spans=(Span(claim_start, claim_start + 6),),
        sentence_span=Span(0, len(text)),
        kind="indirect",
        source="Officials",
        source_span=Span(0, 9),
        source_resolved="Officials",
        source_type="unnamed",
        cue="said",
        cue_span=Span(10, 14),
        cue_lemma="say",
        cue_class="say",
        label="deal",
        confidence=0.8,
        method="ccomp",
    )
    denial = Attribution(
        id=ids.mint("attribution", doc_id, 2),
        doc=doc_id,
        content=text[0:9],
        content_spans=(Span(0, 9),),
        sentence_span=Span(0, len(text)),
        kind="indirect",
        stance="deny",
        source="Moscow",
        source_span=Span(10, 14),
        source_resolved="Moscow",
        source_type="organization",
        cue_class="deny",
        responds_to=claim.id,
        confidence=0.6,
    )
    meta = {"title": "T", "publisher": "P", "date": "2022-05-18", "url": "https://example.org/a"}
    return Document(doc_id, text, meta), [claim, denial]


TEXT = "Officials said a deal was near. Moscow denied it."


def test_mapping_shape() -> None:
    ds = build_dataset([sample(TEXT)], RUN)
    g = union_graph(ds)
    claim, denial = sample(TEXT)[1]
    a = URIRef(denial.id)
    assert (a, RDF.type, CKG.Attribution) in g
    assert (a, CKG.stance, concept("stance", "deny")) in g
    assert (a, CKG.respondsTo, URIRef(claim.id)) in g
    source = g.value(a, CKG.source)
    denied = g.value(a, CKG.claim)
    assert (source, CKG.denies, denied) in g
    assert (denied, CKG.disputes, g.value(URIRef(claim.id), CKG.claim)) in g
    assert (a, PROV.wasGeneratedBy, RUN.iri) in g
    assert {ctx.identifier for ctx in ds.graphs()} >= {article_iri("d1")}


def test_no_blank_nodes_and_plain_literals() -> None:
    g = union_graph(build_dataset([sample(TEXT)], RUN))
    for triple in g:
        assert not any(isinstance(t, BNode) for t in triple)
    labels = list(g.objects(None, RDFS.label))
    assert Literal("Officials") in labels


def test_every_span_anchor_equals_the_text() -> None:
    g = union_graph(build_dataset([sample(TEXT)], RUN))
    spans = list(g.subjects(NIF.anchorOf, None))
    assert spans
    for s in spans:
        begin, end = int(g.value(s, NIF.beginIndex)), int(g.value(s, NIF.endIndex))
        assert str(g.value(s, NIF.anchorOf)) == TEXT[begin:end]


def test_two_builds_are_identical_but_for_the_run_time() -> None:
    later = RunInfo(RUN.tool, RUN.tool_version, RUN.model, datetime(2027, 1, 1, tzinfo=UTC))
    a = union_graph(build_dataset([sample(TEXT)], RUN))
    b = union_graph(build_dataset([sample(TEXT)], later))
    a.remove((None, PROV.startedAtTime, None))
    b.remove((None, PROV.startedAtTime, None))
    assert set(a) == set(b)


def test_exports_parse_in_oxigraph_and_are_isomorphic(tmp_path: Path) -> None:
    ds = build_dataset([sample(TEXT)], RUN)
    g = union_graph(ds)
    ttl = turtle_string(g)
    back = Graph().parse(data=ttl, format="turtle")
    assert isomorphic(back, g)
    assert len(list(ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE))) == len(g)
    write_trig(ds, tmp_path / "c.trig")
    write_nquads(ds, tmp_path / "c.nq")
    quads = list(ox.parse(path=str(tmp_path / "c.trig"), format=ox.RdfFormat.TRIG))
    assert len(quads) == len(list(ds.quads((None, None, None, None))))
    assert len(list(ox.parse(path=str(tmp_path / "c.nq"), format=ox.RdfFormat.N_QUADS))) == len(quads)


def test_loading_twice_adds_nothing() -> None:
    ttl = turtle_string(union_graph(build_dataset([sample(TEXT)], RUN)))
    store = ox.Store()
    store.load(ttl.encode(), format=ox.RdfFormat.TURTLE)
    n = len(store)
    store.load(ttl.encode(), format=ox.RdfFormat.TURTLE)
    assert len(store) == n


hostile = st.text(
    alphabet=st.sampled_from(list('ab "\\\n\r\t\x00\x01\x7f\u200f\u05d0\u0627🙂"""\'<>&'))
    | st.characters(blacklist_categories=("Cs",)),  # no lone surrogates: not in decoded UTF-8
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=hostile, suffix=hostile)
def test_hostile_texts_give_turtle_that_parses_and_round_trips(prefix: str, suffix: str) -> None:
    text = prefix + " Officials said a deal was near. Moscow denied it." + suffix
    doc, records = sample(text[len(prefix) + 1 :])
    doc = Document("h", text, {"title": prefix})
    shift = len(prefix) + 1
    moved = [
        Attribution(
            **{
                **{f: getattr(r, f) for f in r.__dataclass_fields__},
                "doc": "h",
                "content_spans": tuple(Span(s.start + shift, s.end + shift) for s in r.content_spans),
                "sentence_span": Span(r.sentence_span.start + shift, r.sentence_span.end + shift),
                "source_span": Span(r.source_span.start + shift, r.source_span.end + shift)
                if r.source_span
                else None,
                "cue_span": Span(r.cue_span.start + shift, r.cue_span.end + shift) if r.cue_span else None,
            }
        )
        for r in records
    ]
    g = union_graph(build_dataset([(doc, moved)], RUN))
    ttl = turtle_string(g)
    store = ox.Store()
    store.load(ttl.encode(), format=ox.RdfFormat.TURTLE)
    strings = {q.object.value for q in store if isinstance(q.object, ox.Literal)}
    assert text in strings
    assert prefix in strings


@pytest.mark.parametrize("path", sorted((ONTOLOGY).glob("*.ttl")), ids=lambda p: p.name)
def test_ontology_files_parse_in_oxigraph(path: Path) -> None:
    assert list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
