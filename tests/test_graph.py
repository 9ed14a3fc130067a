"""Records -> RDF (kg.graph) and the writers (kg.export): shape, determinism, SHACL, exports that parse.

Every graph here is built from hand-made records over a short text, so no NLP model is needed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, PROV

from kg import ids
from kg.document import Document
from kg.export import (
    CSV_FIELDS,
    atomic_write,
    rdflib_term,
    turtle_string,
    write_csv,
    write_jsonl,
    write_nquads,
    write_trig,
    write_turtle,
)
from kg.graph import (
    RUN_GRAPH,
    RunInfo,
    article_iri,
    build_dataset,
    claim_iri,
    new_union_graph,
    source_iri,
    union_graph,
)
from kg.namespace import CKG, NIF, SCHEMA, concept
from kg.record import Attribution, Span

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
RUN = RunInfo("claim-kg", "test", "model-x", datetime(2026, 1, 1, tzinfo=UTC))
TEXT = (
    "Ukrainian officials said a prisoner swap was discussed. "
    'Moscow denied "any such deal" on Tuesday. '
    "The talks were allegedly held in Istanbul."
)
META = {
    "title": "Swap talks",
    "publisher": "Example News",
    "date": "2022-05-18",
    "url": "https://example.org/a",
    "language": "en",
    "author": "A. Writer",
}


def find(text: str, phrase: str, at: int = 0) -> Span:
    """The span of the first ``phrase`` in ``text`` at or after ``at``."""
    start = text.index(phrase, at)
    return Span(start, start + len(phrase))


def sentence(text: str, inside: Span, at: int = 0) -> Span:
    """The sentence of :data:`TEXT` around ``inside`` (sentences end with a full stop)."""
    start = text.rfind(". ", at, inside.start)
    end = text.find(".", inside.end)
    return Span(at if start < 0 else start + 2, end + 1)


def sample(text: str = TEXT, doc_id: str = "d1", at: int = 0) -> tuple[Document, list[Attribution]]:
    """A claim, a denial answering it and an unattributed hedge over :data:`TEXT`, found in ``text``
    from offset ``at`` (so that the same sentences can sit inside other text)."""
    content = find(text, "a prisoner swap was discussed", at)
    claim = Attribution(
        id=ids.mint("attribution", doc_id, 1),
        doc=doc_id,
        content=content.of(text),
        content_spans=(content,),
        sentence_span=sentence(text, content, at),
        kind="indirect",
        source="Ukrainian officials",
        source_span=find(text, "Ukrainian officials", at),
        source_resolved="Ukrainian officials",
        source_type="unnamed",
        cue="said",
        cue_span=find(text, "said", at),
        cue_lemma="say",
        cue_class="say",
        label="prisoner swap discussed",
        confidence=0.8,
        method="ccomp",
    )
    quoted = find(text, "any such deal", at)
    denial = Attribution(
        id=ids.mint("attribution", doc_id, 2),
        doc=doc_id,
        content=quoted.of(text),
        content_spans=(quoted,),
        sentence_span=sentence(text, quoted, at),
        kind="direct",
        stance="deny",
        source="Moscow",
        source_span=find(text, "Moscow", at),
        source_resolved="Moscow",
        source_type="organization",
        cue="denied",
        cue_span=find(text, "denied", at),
        cue_lemma="deny",
        cue_class="deny",
        responds_to=claim.id,
        confidence=0.6,
        method="quote-cue",
    )
    held = find(text, "The talks were allegedly held in Istanbul", at)
    hedge = Attribution(
        id=ids.mint("attribution", doc_id, 3),
        doc=doc_id,
        content=held.of(text),
        content_spans=(held,),
        sentence_span=Span(held.start, held.end + 1),
        kind="unattributed_hedge",
        certainty="probable",
        hedge="allegedly",
        confidence=0.4,
    )
    return Document(doc_id, text, META), [claim, denial, hedge]


def built(*items: tuple[Document, list[Attribution]], run: RunInfo = RUN) -> Graph:
    return union_graph(build_dataset(items or [sample()], run))


def record_claim(g: Graph, record: Attribution) -> URIRef:
    claim = g.value(URIRef(record.id), CKG.claim)
    assert isinstance(claim, URIRef)
    return claim


# ---------------------------------------------------------------- mapping
def test_attribution_node_links_everything() -> None:
    g = built()
    claim, denial, _ = sample()[1]
    a = URIRef(denial.id)
    article = article_iri("d1")
    assert (a, RDF.type, CKG.Attribution) in g
    assert (a, CKG.article, article) in g
    assert (a, CKG.stance, concept("stance", "deny")) in g
    assert (a, CKG.certainty, concept("certainty", "certain")) in g
    assert (a, CKG.quoteKind, concept("kind", "direct")) in g
    assert (a, CKG.cueClass, concept("cue", "deny")) in g
    assert (a, CKG.cue, Literal("denied")) in g
    assert (a, CKG.cueLemma, Literal("deny")) in g
    assert (a, CKG.sourceMention, Literal("Moscow")) in g
    assert (a, CKG.respondsTo, URIRef(claim.id)) in g
    assert (a, CKG.confidence, Literal(Decimal("0.6"), datatype=XSD.decimal)) in g
    assert (a, PROV.wasGeneratedBy, RUN.iri) in g
    assert (a, CKG.evidence, URIRef(f"{article}#char=56,97")) in g
    assert (a, CKG.contentSpan, URIRef(f"{article}#char=71,84")) in g
    assert (a, CKG.sourceSpan, URIRef(f"{article}#char=56,62")) in g
    assert (a, CKG.cueSpan, URIRef(f"{article}#char=63,69")) in g
    assert (URIRef(f"{article}#char=56,97"), RDF.type, CKG.Sentence) in g


def test_shortcut_triples_and_claim_links() -> None:
    g = built()
    claim, denial, _ = sample()[1]
    officials, moscow = source_iri("d1", claim), source_iri("d1", denial)
    asserted, denied = record_claim(g, claim), record_claim(g, denial)
    assert (officials, CKG.says, asserted) in g
    assert (moscow, CKG.denies, denied) in g
    assert (denied, CKG.disputes, asserted) in g
    assert (denied, CKG.supports, None) not in g
    assert (denied, SCHEMA.text, Literal("any such deal")) in g
    assert (asserted, RDFS.label, Literal("prisoner swap discussed")) in g
    assert (denied, RDFS.label, Literal("any such deal")) in g  # no label: the content
    assert (asserted, SCHEMA.appearance, article_iri("d1")) in g


def test_an_assenting_answer_supports_and_an_unclassed_cue_gets_the_generic_shortcut() -> None:
    doc, (claim, denial, hedge) = sample()
    agree = replace(denial, stance="assert", cue_class=None)
    g = built((doc, [claim, agree, hedge]))
    answer = record_claim(g, agree)
    assert (answer, CKG.supports, record_claim(g, claim)) in g
    # a cue outside the lexicon is not speech: ckg:attributes, the super-property, not ckg:says
    assert (source_iri("d1", agree), CKG.attributes, answer) in g
    assert (source_iri("d1", agree), CKG.says, answer) not in g
    assert (URIRef(agree.id), CKG.cueClass, None) not in g


def test_unattributed_hedge_has_no_source_and_no_shortcut() -> None:
    g = built()
    hedge = URIRef(sample()[1][2].id)
    assert (hedge, CKG.source, None) not in g
    assert (hedge, CKG.hedge, Literal("allegedly")) in g
    assert (hedge, CKG.certainty, concept("certainty", "probable")) in g
    assert (None, None, g.value(hedge, CKG.claim)) in g
    assert not [s for s, p, _ in g.triples((None, None, g.value(hedge, CKG.claim))) if p != CKG.claim]


def test_article_metadata_and_text() -> None:
    g = built()
    a = article_iri("d1")
    context = URIRef(f"{a}#char=0,{len(TEXT)}")
    assert (a, RDF.type, CKG.Article) in g
    assert (a, DCTERMS.identifier, Literal("d1")) in g
    assert (a, SCHEMA.headline, Literal("Swap talks")) in g
    assert (a, SCHEMA.datePublished, Literal("2022-05-18")) in g
    assert (a, SCHEMA.url, URIRef("https://example.org/a")) in g
    assert (a, SCHEMA.inLanguage, Literal("en")) in g
    assert (a, SCHEMA.author, Literal("A. Writer")) in g
    assert (a, CKG.textSha256, Literal(sample()[0].sha256)) in g
    publisher = g.value(a, SCHEMA.publisher)
    assert (publisher, RDF.type, SCHEMA.Organization) in g
    assert (publisher, SCHEMA.name, Literal("Example News")) in g
    assert (a, CKG.text, context) in g
    assert (context, RDF.type, CKG.ArticleText) in g
    assert (context, NIF.isString, Literal(TEXT)) in g


def test_a_url_with_spaces_is_escaped_and_a_non_url_kept_as_text() -> None:
    records = sample()[1]
    g = built((Document("d1", TEXT, {**META, "url": "https://example.org/a b"}), records))
    assert (article_iri("d1"), SCHEMA.url, URIRef("https://example.org/a%20b")) in g
    g = built((Document("d1", TEXT, {**META, "url": "see the paper edition"}), records))
    assert (article_iri("d1"), SCHEMA.url, Literal("see the paper edition")) in g
    assert turtle_string(g)


def test_sources_merge_by_resolved_name_within_an_article_only() -> None:
    doc, (claim, denial, hedge) = sample()
    again = replace(denial, id=ids.mint("attribution", "d1", 4), source_resolved="MOSCOW")
    other_doc, other = sample(doc_id="d2")
    g = built((doc, [claim, denial, hedge, again]), (other_doc, other))
    moscow = source_iri("d1", denial)
    assert source_iri("d1", again) == moscow
    assert source_iri("d2", other[1]) != moscow
    assert list(g.objects(moscow, RDFS.label)) == [Literal("Moscow")]  # one label though two spellings
    assert (moscow, RDF.type, CKG.NamedSource) in g
    assert (moscow, CKG.sourceType, concept("source-type", "organization")) in g
    officials = source_iri("d1", claim)
    assert (officials, RDF.type, CKG.UnnamedSource) in g


def test_unnamed_sources_are_one_per_mention() -> None:
    claim = sample()[1][0]
    elsewhere = find(TEXT, "Moscow")
    second = replace(claim, id=ids.mint("attribution", "d1", 9), source_span=elsewhere)
    assert source_iri("d1", second) != source_iri("d1", claim)


def test_one_named_graph_per_article_and_one_for_the_run() -> None:
    ds = build_dataset([sample(), sample(doc_id="d2")], RUN)
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {article_iri("d1"), article_iri("d2"), RUN_GRAPH}
    first = ds.graph(article_iri("d1"))
    assert (article_iri("d2"), None, None) not in first
    assert (None, CKG.article, article_iri("d1")) in first
    run = ds.graph(RUN_GRAPH)
    assert set(run.subjects()) == {RUN.iri}
    assert (RUN.iri, RDF.type, CKG.ExtractionRun) in run


def test_no_blank_nodes_and_plain_literals() -> None:
    g = built()
    # Offsets are written xsd:nonNegativeInteger; Oxigraph (the store behind the graph) keeps every
    # integer type as xsd:integer: the same value, which is still in nif:beginIndex's range.
    allowed = {None, XSD.integer, XSD.nonNegativeInteger, XSD.decimal, XSD.dateTime}
    for triple in g:
        assert not any(isinstance(t, BNode) for t in triple), triple
        o = triple[2]
        if isinstance(o, Literal):
            assert o.datatype in allowed and o.language is None, triple
    for offset in g.objects(None, NIF.beginIndex):
        assert isinstance(offset, Literal) and offset.datatype in (XSD.integer, XSD.nonNegativeInteger)
        assert int(offset) >= 0


def test_every_span_anchor_equals_the_text() -> None:
    g = built()
    spans = set(g.subjects(RDF.type, CKG.TextSpan)) | set(g.subjects(RDF.type, CKG.Sentence))
    assert len(spans) >= 10
    for s in spans:
        begin, end = int(str(g.value(s, NIF.beginIndex))), int(str(g.value(s, NIF.endIndex)))
        assert str(g.value(s, NIF.anchorOf)) == TEXT[begin:end]
        assert str(s).endswith(f"#char={begin},{end}")
        assert g.value(g.value(s, NIF.referenceContext), NIF.isString) == Literal(TEXT)


def test_two_builds_differ_only_in_the_run_time() -> None:
    later = RunInfo(RUN.tool, RUN.tool_version, RUN.model, datetime(2027, 1, 1, tzinfo=UTC))
    assert later.iri == RUN.iri
    a, b = built(), built(run=later)
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    assert [p for _, p, _ in only_a] == [PROV.startedAtTime]
    assert [p for _, p, _ in only_b] == [PROV.startedAtTime]
    a.remove((None, PROV.startedAtTime, None))
    b.remove((None, PROV.startedAtTime, None))
    assert isomorphic(a, b) and set(a) == set(b)


def shacl(data: Graph) -> tuple[bool, str]:
    """pySHACL on an explicit graph, with the ontology for rdfs:subClassOf (a Sentence is a TextSpan)."""
    from pyshacl import validate

    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    onto = Graph().parse(ONTOLOGY / "claim-kg.ttl", format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=onto, inference="rdfs")
    return bool(conforms), str(text)


def test_shapes_conform() -> None:
    conforms, text = shacl(built(sample(), sample(doc_id="d2")))
    assert conforms, text


@pytest.mark.parametrize(("begin", "end"), [(1, len(TEXT)), (0, len(TEXT) - 1)])
def test_shapes_catch_an_article_text_with_wrong_offsets(begin: int, end: int) -> None:
    g = built()
    context = URIRef(f"{article_iri('d1')}#char=0,{len(TEXT)}")
    g.set((context, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
    g.set((context, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    assert not shacl(g)[0]


# ---------------------------------------------------------------- exports
def ox_graph(triples: object) -> Graph:
    """A graph of what pyoxigraph parsed (plain literals stay plain)."""
    g = Graph()
    for t in triples:  # type: ignore[attr-defined]
        g.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    return g


def ox_dataset(quads: list[ox.Quad]) -> dict[str, Graph]:
    """Graph name -> graph of what pyoxigraph parsed."""
    out: dict[str, list[ox.Quad]] = {}
    for q in quads:
        out.setdefault(str(q.graph_name), []).append(q)
    return {name: ox_graph(qs) for name, qs in out.items()}


def rdflib_graphs(ds: Dataset) -> dict[str, Graph]:
    return {f"<{g.identifier}>": g for g in ds.graphs() if len(g)}


def test_turtle_parses_in_oxigraph_and_is_isomorphic(tmp_path: Path) -> None:
    g = built()
    ttl = turtle_string(g)
    assert isomorphic(ox_graph(ox.parse(ttl, format=ox.RdfFormat.TURTLE)), g)
    write_turtle(g, tmp_path / "c.ttl")
    assert (tmp_path / "c.ttl").read_text(encoding="utf-8") == ttl


def test_turtle_declares_only_the_prefixes_it_uses() -> None:
    ttl = turtle_string(built())
    declared = {line.split()[1] for line in ttl.splitlines() if line.startswith("@prefix")}
    assert {"ckg:", "nif:", "schema:", "prov:"} <= declared
    assert not declared & {"owl:", "skos:", "ckgv:", "rdf:"}  # rdf:type is written "a"
    assert "@prefix schema: <http://schema.org/>" in ttl


def test_trig_and_nquads_parse_in_oxigraph_graph_by_graph(tmp_path: Path) -> None:
    ds = build_dataset([sample(), sample(doc_id="d2")], RUN)
    expected = rdflib_graphs(ds)
    write_trig(ds, tmp_path / "c.trig")
    write_nquads(ds, tmp_path / "c.nq")
    for name, fmt in (("c.trig", ox.RdfFormat.TRIG), ("c.nq", ox.RdfFormat.N_QUADS)):
        got = ox_dataset(list(ox.parse(path=str(tmp_path / name), format=fmt)))
        assert got.keys() == expected.keys(), name
        for graph_name, g in expected.items():
            assert isomorphic(got[graph_name], g), (name, graph_name)


def test_loading_twice_adds_nothing() -> None:
    ttl = turtle_string(built())
    store = ox.Store()
    store.load(ttl, format=ox.RdfFormat.TURTLE)
    n = len(store)
    store.load(ttl, format=ox.RdfFormat.TURTLE)
    assert len(store) == n


# Hostile strings: quotes and triple quotes, backslashes, line breaks, control characters, emoji and
# other astral characters, right-to-left text and marks. No lone surrogates: decoded UTF-8 has none.
TOKENS = ['"', '"""', "'", "'''", "\\", "\\u0041", "\n", "\r", "\t", "\x00", "\x01", "\x1f", "\x7f"]
TOKENS += ["🙂", "👩‍👩‍👧", "𝄞", "\u200f", "\u202e", "עברית", "العربية", "<>", "&", "@prefix", "#", "é"]
hostile = st.lists(
    st.sampled_from(TOKENS) | st.characters(exclude_categories=["Cs"]), min_size=1, max_size=25
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=hostile, suffix=hostile, title=hostile)
def test_hostile_text_gives_turtle_whose_literals_are_the_original_strings(
    prefix: str, suffix: str, title: str
) -> None:
    text = prefix + " " + TEXT + suffix
    doc_id = "h" + prefix[:5]
    _, records = sample(text, doc_id, at=len(prefix) + 1)
    quoted = replace(  # a claim whose content is the hostile prefix itself
        records[0],
        id=ids.mint("attribution", doc_id, 0),
        content=prefix,
        content_spans=(Span(0, len(prefix)),),
        sentence_span=Span(0, len(prefix)),
        label=title,
        source_role=suffix,
    )
    doc = Document(doc_id, text, {**META, "title": title, "author": suffix})
    g = built((doc, [quoted, *records]))
    ttl = turtle_string(g)
    store = ox.Store()
    store.load(ttl, format=ox.RdfFormat.TURTLE)
    literals = {q.object.value for q in store if isinstance(q.object, ox.Literal)}
    assert {text, prefix, suffix, title} <= literals
    assert isomorphic(ox_graph(ox.parse(ttl, format=ox.RdfFormat.TURTLE)), g)
    claim = claim_iri(doc_id, quoted)
    assert g.value(claim, SCHEMA.text) == Literal(prefix)


# ---------------------------------------------------------------- record files
def test_atomic_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as fh:
        fh.write("partial")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    with atomic_write(tmp_path / "new" / "out.txt") as fh:
        fh.write("complete")
    assert (tmp_path / "new" / "out.txt").read_text(encoding="utf-8") == "complete"


def test_binary_atomic_write_starts_writeback_and_keeps_every_byte(tmp_path: Path) -> None:
    import kg.export as export

    target = tmp_path / "big.nq"
    piece = bytes(range(256)) * 4096  # 1 MiB
    with atomic_write(target, "wb") as fh:
        for _ in range(20):  # past two writeback chunks
            fh.write(piece)
        if export._SYNC_FILE_RANGE is not None:  # Linux
            assert fh.synced == 16 * len(piece)
    assert target.read_bytes() == piece * 20


def test_jsonl_round_trips_the_records(tmp_path: Path) -> None:
    records = sample()[1]
    write_jsonl(records, tmp_path / "r.jsonl")
    lines = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Attribution.from_json(json.loads(line)) for line in lines] == records


def test_csv_has_the_json_keys_as_columns() -> None:
    records = sample()[1]
    buf = io.StringIO()
    write_csv(records, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(records[0].to_json()) == CSV_FIELDS
    assert list(rows[0]) == CSV_FIELDS
    assert json.loads(rows[0]["content_spans"]) == [[25, 54]]
    assert rows[2]["source"] == ""  # absent: an empty cell
    empty = io.StringIO()
    write_csv([], empty)
    assert empty.getvalue().strip() == ",".join(CSV_FIELDS)


def test_a_union_built_alongside_holds_what_the_union_copy_holds() -> None:
    items = [sample(), sample(doc_id="d2")]
    union = new_union_graph()
    ds = build_dataset(items, RUN, union)
    copy = union_graph(build_dataset(items, RUN))
    assert len(union) == len(copy) > 0
    assert set(union) == set(copy) == set(union_graph(ds))
