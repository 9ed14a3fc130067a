"""The ontology files and the code agree: every term, concept and value set is declared once, in both."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, SH, SKOS, Namespace

from kg import __version__
from kg.namespace import CKG, NIF, NS, SCHEMES, SHORTCUTS, concept, scheme_iri
from kg.vocab import vocabulary_graph

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
VANN = Namespace("http://purl.org/vocab/vann/")
ONTOLOGY_IRI = URIRef("https://w3id.org/claim-kg/ns")
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


def parse(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name, format="turtle")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return parse("claim-kg.ttl")


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return parse("vocabularies.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return parse("shapes.ttl")


def code_terms() -> set[URIRef]:
    return {URIRef(NS + name) for name in CKG.__annotations__}


def test_every_code_term_is_declared_with_a_type_label_and_comment(onto: Graph) -> None:
    for term in sorted(code_terms()):
        assert set(onto.objects(term, RDF.type)) & TERM_TYPES, f"{term} has no OWL type"
        labels = list(onto.objects(term, RDFS.label))
        comments = list(onto.objects(term, RDFS.comment))
        assert len(labels) == 1 and isinstance(labels[0], Literal) and labels[0].language == "en", term
        assert comments and all(str(c).strip() for c in comments), term


def test_every_term_the_ontology_names_in_our_namespace_is_in_the_code(onto: Graph) -> None:
    mentioned = {t for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert mentioned - code_terms() == set()
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(NS)}
    assert declared == code_terms()


def test_the_namespace_class_refuses_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        _ = CKG.sayz


def test_ontology_header(onto: Graph) -> None:
    o = ONTOLOGY_IRI
    assert (o, RDF.type, OWL.Ontology) in onto
    assert (o, OWL.versionIRI, URIRef(f"{o}/{__version__}")) in onto
    assert (o, OWL.versionInfo, Literal(__version__)) in onto
    assert onto.value(o, DCTERMS.title) is not None
    assert (o, DCTERMS.license, URIRef("https://opensource.org/licenses/MIT")) in onto
    assert (o, VANN.preferredNamespacePrefix, Literal("ckg")) in onto
    assert (o, VANN.preferredNamespaceUri, Literal(NS)) in onto


@pytest.mark.parametrize(
    ("term", "parent"),
    [
        (CKG.Attribution, URIRef("http://www.w3.org/ns/prov#Entity")),
        (CKG.Claim, URIRef("http://schema.org/Claim")),
        (CKG.Source, URIRef("http://www.w3.org/ns/prov#Agent")),
        (CKG.Article, URIRef("http://schema.org/NewsArticle")),
        (CKG.TextSpan, NIF.String),
        (CKG.Sentence, NIF.Sentence),
        (CKG.ArticleText, NIF.Context),
        (CKG.ExtractionRun, URIRef("http://www.w3.org/ns/prov#Activity")),
    ],
)
def test_classes_specialise_prov_schema_and_nif(onto: Graph, term: URIRef, parent: URIRef) -> None:
    assert (term, RDFS.subClassOf, parent) in onto


def test_source_is_a_prov_attribution(onto: Graph) -> None:
    assert (CKG.source, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) in onto


def test_every_property_has_a_domain_and_range_of_its_own_or_inherited(onto: Graph) -> None:
    properties = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(
        onto.subjects(RDF.type, OWL.DatatypeProperty)
    )
    for p in (p for p in properties if str(p).startswith(NS)):
        supers = set(onto.transitive_objects(p, RDFS.subPropertyOf))
        assert any((s, RDFS.domain, None) in onto for s in supers), f"{p}: no domain"
        assert any((s, RDFS.range, None) in onto for s in supers), f"{p}: no range"


def test_offsets_are_documented_as_code_points(onto: Graph) -> None:
    for p in (NIF.beginIndex, NIF.endIndex):
        comment = str(onto.value(p, RDFS.comment))
        assert "code point" in comment and "UTF-16" in comment, p
    assert "UTF-16" in str(onto.value(CKG.TextSpan, RDFS.comment))


def test_shortcuts_cover_the_cue_scheme_under_one_super_property(onto: Graph, vocab: Graph) -> None:
    assert set(SHORTCUTS) == set(SCHEMES["cue"])
    say = concept("cue", "say")
    for cue_class, prop in SHORTCUTS.items():
        assert CKG.attributes in set(onto.transitive_objects(prop, RDFS.subPropertyOf)), prop
        # a shortcut is a kind of ckg:says exactly when its cue concept is narrower than "say"
        narrower_than_say = (concept("cue", cue_class), SKOS.broader, say) in vocab
        assert ((prop, RDFS.subPropertyOf, CKG.says) in onto) == narrower_than_say, prop


def test_every_concept_is_in_the_vocabularies(vocab: Graph) -> None:
    for scheme, values in SCHEMES.items():
        s = scheme_iri(scheme)
        assert (s, RDF.type, SKOS.ConceptScheme) in vocab
        assert vocab.value(s, SKOS.prefLabel) is not None
        for value in values:
            c = concept(scheme, value)
            assert (c, RDF.type, SKOS.Concept) in vocab, c
            assert (c, SKOS.inScheme, s) in vocab, c
            assert vocab.value(c, SKOS.prefLabel) is not None, c
            assert vocab.value(c, SKOS.definition) is not None, c
            top = (c, SKOS.topConceptOf, s) in vocab
            broader = vocab.value(c, SKOS.broader)
            assert top or (broader, SKOS.inScheme, s) in vocab, f"{c}: neither top concept nor narrower"


def test_vocabularies_hold_no_concept_the_code_lacks(vocab: Graph) -> None:
    in_code = {concept(scheme, v) for scheme, values in SCHEMES.items() for v in values}
    assert set(vocab.subjects(RDF.type, SKOS.Concept)) == in_code


@pytest.mark.parametrize(
    ("cue_class", "verbs"),
    [
        ("say", ["say", "tell", "add", "state", "note"]),
        ("deny", ["deny", "reject", "dismiss", "belie", "refute"]),
        ("allege", ["allege", "accuse"]),
        ("claim", ["claim", "contend"]),
        ("promise", ["vow", "pledge", "promise"]),
        ("call", ["call for", "urge", "demand"]),
        ("believe", ["believe", "think", "expect", "fear"]),
        ("report", ["report", "announce", "reveal", "show", "find"]),
    ],
)
def test_cue_concepts_list_their_typical_verbs(vocab: Graph, cue_class: str, verbs: list[str]) -> None:
    labels = {str(o) for o in vocab.objects(concept("cue", cue_class), SKOS.altLabel)}
    assert set(verbs) <= labels


@pytest.mark.parametrize("narrow", ["allege", "claim"])
def test_allege_and_claim_are_narrower_than_say(vocab: Graph, narrow: str) -> None:
    assert (concept("cue", narrow), SKOS.broader, concept("cue", "say")) in vocab


def test_vocabulary_file_is_generated_from_the_code(vocab: Graph) -> None:
    assert isomorphic(vocab, vocabulary_graph()), "run: python -m kg.vocab"


def _value_set(shapes: Graph, path: URIRef) -> set[URIRef]:
    prop = next(shapes.subjects(SH.path, path))
    head = shapes.value(prop, SH["in"])
    assert head is not None, f"no sh:in for {path}"
    return {URIRef(str(t)) for t in Collection(shapes, head)}


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        (CKG.stance, "stance"),
        (CKG.certainty, "certainty"),
        (CKG.quoteKind, "kind"),
        (CKG.sourceType, "source-type"),
        (CKG.cueClass, "cue"),
    ],
)
def test_shape_value_sets_are_the_schemes(shapes: Graph, path: URIRef, scheme: str) -> None:
    assert _value_set(shapes, path) == {concept(scheme, v) for v in SCHEMES[scheme]}


def test_shapes_use_only_declared_terms(shapes: Graph) -> None:
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used <= code_terms()


@pytest.mark.parametrize("path", sorted(ONTOLOGY.glob("*.ttl")), ids=lambda p: p.name)
def test_ontology_files_parse_in_oxigraph(path: Path) -> None:
    assert list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
