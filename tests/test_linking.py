"""Cross-article claim linking (kg.linking) on small hand-written article pairs, and in builds.

The texts are written for these tests; parsing uses the real spaCy model (session fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, URIRef

from kg import ids
from kg.document import Document
from kg.extract import extract
from kg.graph import claim_iri
from kg.linking import LINKS_GRAPH, Link, link_records
from kg.namespace import CKG
from kg.record import Attribution, Span

APPROVED = "the Springfield city council approved the new stadium budget on Monday"


def rec(doc: str, content: str, source: str, source_type: str = "person", **kw: object) -> Attribution:
    text_at = 200
    return Attribution(
        id=ids.mint("attribution", doc, content),
        doc=doc,
        content=content,
        content_spans=(Span(text_at, text_at + len(content)),),
        sentence_span=Span(0, text_at + len(content) + 1),
        source=source,
        source_span=Span(0, len(source)),
        source_resolved=source,
        source_type=source_type,  # type: ignore[arg-type]
        **{"cue": "said", "cue_lemma": "say", "cue_class": "say", "kind": "indirect", **kw},  # type: ignore[arg-type]
    )


def links_between(nlp, a: Attribution, b: Attribution) -> list[Link]:  # type: ignore[no-untyped-def]
    # Two unrelated claims as background, so that the shared terms are not in every claim.
    background = [
        rec("z1", "the state legislature passed a water bill for Shelbyville farmers", "Ann Lee"),
        rec("z2", "President Obama visited Ohio factories to promote trade deals", "Bob Ray"),
    ]
    return link_records([a, b, *background], nlp)


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "the Springfield city council approved the stadium budget", "officials", "unnamed"),
            "supports",
            id="same-proposition-named-and-unnamed",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "the Springfield city council did not approve the new stadium budget", "John Smith"),
            "disputes",
            id="negated-content",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec(
                "b",
                "the Springfield city council approved the new stadium budget",
                "the mayor's office",
                "organization",
                stance="deny",
                cue="denied",
                cue_lemma="deny",
                cue_class="deny",
            ),
            "disputes",
            id="denial-cue",
        ),
        pytest.param(
            rec("a", "Springfield will pay for the new stadium roof and the parking garage", "Jane Roe"),
            rec(
                "b",
                "he told reporters that Springfield would not pay for the new stadium roof and the parking"
                " garage",
                "John Smith",
            ),
            "disputes",
            id="negation-inside-the-content",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "Springfield will host the state marathon next spring", "officials", "unnamed"),
            None,
            id="shared-entity-other-proposition",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "the Springfield city council approved the new stadium budget", "Ms. Jane Roe"),
            "restates",
            id="same-agent-is-repetition",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "the Springfield city council approved the new stadium budget", "Roe"),
            "restates",
            id="bare-surname-is-the-corpus-full-name",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec(
                "b",
                "Springfield city council approved the new stadium budget on Monday, fact-checkers found",
                "fact-checkers",
                "unnamed",
                kind="direct",
            ),
            "restates",
            id="same-words-quoted-at-length",
        ),
        pytest.param(
            rec(
                "a",
                "Believe me, this city has never had a builder or a planner, not me, not Tom [Hale], nobody"
                " better qualified than Jane Roe to run the stadium project of Springfield.",
                "Bob Ray",
                kind="direct",
            ),
            rec(
                "b",
                "Believe me, this city has never had a builder or a planner better qualified than Jane Roe"
                " to run the stadium project of Springfield.",
                "Jane Roe",
                kind="direct",
            ),
            "restates",
            id="same-words-quoted-with-a-negated-aside",
        ),
        pytest.param(
            rec(
                "a",
                'that Jane Roe misled the "citizens" panel on the parking garage, on the bond vote and on'
                " sending all her stadium budget papers to the Springfield city clerk before the vote",
                "the inspector",
                kind="mixed",
            ),
            rec(
                "b",
                "that she sent all her stadium budget papers to the Springfield city clerk, in full and on"
                " time, as the city charter asks of every council member",
                "Jane Roe",
            ),
            None,
            id="a-shared-phrase-in-a-longer-claim-is-no-repetition",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "the Springfield city council approved the new stadium budget", "you", "unnamed"),
            None,
            id="a-second-person-source-is-hypothetical",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "the Springfield city council approved the stadium budget", "the team owner"),
            None,
            id="a-description-may-be-the-same-person",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec(
                "b",
                "ticket sales in Springfield doubled the week after the city council approved the new"
                " stadium budget",
                "John Smith",
            ),
            None,
            id="the-proposition-only-in-a-circumstance",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec(
                "b",
                "the Springfield mayor would not meet the council because of its vote approving the new"
                " stadium budget",
                "John Smith",
            ),
            None,
            id="the-proposition-only-in-a-reason",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("b", "the vote of the Springfield city council approving the new stadium budget", "Bo Li"),
            None,
            id="a-noun-phrase-is-no-statement",
        ),
        pytest.param(
            rec("a", "the Springfield council approved 12 new stadium contracts", "Jane Roe"),
            rec("b", "the Springfield council approved 40 new stadium contracts", "John Smith"),
            None,
            id="different-figures",
        ),
        pytest.param(
            rec("a", APPROVED, "Jane Roe"),
            rec("a", "the Springfield city council approved the stadium budget", "John Smith"),
            None,
            id="same-article",
        ),
        pytest.param(
            rec("a", "these claims", "Jane Roe"),
            rec("b", "these claims", "John Smith"),
            None,
            id="too-short",
        ),
        pytest.param(
            rec("a", "Springfield farmers will pay more for water than the new stadium costs", "Jane Roe"),
            rec("b", "Springfield taxpayers will pay for the new stadium", "John Smith"),
            None,
            id="shared-words-but-no-shared-predicate-and-argument",
        ),
    ],
)
def test_link_pairs(nlp, a: Attribution, b: Attribution, relation: str | None) -> None:  # type: ignore[no-untyped-def]
    links = links_between(nlp, a, b)
    if relation is None:
        assert links == []
        return
    (link,) = links
    assert link.relation == relation
    assert {link.source.record.id, link.target.record.id} == {a.id, b.id}
    assert "springfield" in link.shared and 0.0 < link.score <= 1.0
    assert (
        link.predicate
        == {"supports": CKG.supports, "disputes": CKG.disputes, "restates": CKG.restates}[relation]
    )
    if relation == "disputes":
        assert link.source.record.id == b.id  # the negative claim disputes the positive one


WORLD = "Officials said that the Springfield city council approved the new stadium budget on Monday.\n"
OTHER = "Jane Roe told reporters that the Springfield city council approved the new stadium budget.\n"
UNRELATED = "Jane Roe told reporters that the Shelbyville zoo will open a new penguin house in May.\n"


def links_in(ds: Dataset) -> set[tuple[str, str]]:
    g = ds.graph(LINKS_GRAPH)
    return {
        (str(s), str(p)) for s, p, _ in g.triples((None, None, None)) if p in (CKG.supports, CKG.disputes)
    }


def test_build_links_articles_and_writes_the_evidence(tmp_path: Path) -> None:
    from kg.pipeline import build

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(WORLD, encoding="utf-8")
    (src / "b.txt").write_text(OTHER, encoding="utf-8")
    build([src], tmp_path / "out", workers=1)
    ds = Dataset()
    ds.parse(tmp_path / "out" / "claims.trig", format="trig")
    assert len(links_in(ds)) == 1
    g = Graph().parse(tmp_path / "out" / "claims.ttl", format="turtle")
    (node,) = g.subjects(RDF.type, CKG.ClaimLink)
    assert g.value(node, RDF.predicate) == CKG.supports
    assert "springfield" in {str(t) for t in g.objects(node, CKG.sharedTerm)}


def test_store_builds_recompute_the_links_over_all_articles(tmp_path: Path) -> None:
    from kg.pipeline import build
    from kg.store import ClaimStore

    store, out = tmp_path / "store", tmp_path / "out"
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(WORLD, encoding="utf-8")
    build([src], out, workers=1, store=store)
    assert not links_in(ClaimStore(store, read_only=True).to_dataset())
    (src / "b.txt").write_text(OTHER, encoding="utf-8")  # a new article that corroborates a
    build([src], out, workers=1, store=store)
    with ClaimStore(store, read_only=True) as cs:
        assert len(links_in(cs.to_dataset())) == 1
    (src / "b.txt").write_text(UNRELATED, encoding="utf-8")  # b changes: its link goes
    build([src], out, workers=1, store=store)
    with ClaimStore(store, read_only=True) as cs:
        assert not links_in(cs.to_dataset())
    assert "ClaimLink" not in (out / "claims.ttl").read_text(encoding="utf-8")


def test_the_seed_denial_answers_the_prisoner_swap_claim(nlp, seed_document, seed_records) -> None:  # type: ignore[no-untyped-def]
    from kg.graph import build_dataset, union_graph
    from tests.test_entities import RUN

    g = union_graph(build_dataset([(seed_document, seed_records)], RUN))
    swap = next(r for r in seed_records if "prisoner swap" in r.content)
    denial = next(r for r in seed_records if "no such deal" in r.content)
    assert (claim_iri(seed_document.id, denial), CKG.disputes, claim_iri(seed_document.id, swap)) in g
    assert g.value(URIRef(denial.id), CKG.respondsTo) == URIRef(swap.id)


def test_extracted_records_link_across_two_articles(nlp) -> None:  # type: ignore[no-untyped-def]
    a = extract(Document("a", WORLD), nlp)
    b = extract(Document("b", OTHER), nlp)
    (link,) = link_records([*a, *b], nlp)
    assert link.relation == "supports"


@pytest.mark.parametrize("workers", [1, 2])
def test_signatures_come_from_the_article_parse(nlp, workers: int) -> None:  # type: ignore[no-untyped-def]
    """Extraction keeps each claim's signature (from worker processes too), so linking parses nothing
    again and finds the same link as parsing the claims on their own."""
    from kg.linking import SignatureCache, claims_of, find_links
    from kg.pipeline import extract_documents

    docs = [Document("a", WORLD), Document("b", OTHER)]
    cache = SignatureCache()
    records = [r for _, rs in extract_documents(docs, workers=workers, signatures=cache) for r in rs]
    assert len(cache) == sum(1 for r in records if r.source is not None)
    in_context = claims_of(records, None, cache, model="no-such-model")  # loading it would fail
    reparsed = claims_of(records, nlp, SignatureCache())
    assert [(x.record.id, x.signature.entities) for x in in_context] == [
        (x.record.id, x.signature.entities) for x in reparsed
    ]
    assert [link.relation for link in find_links(in_context)] == ["supports"]


def test_stats_show_who_supports_whom(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.analytics import supports_table
    from kg.graph import build_dataset, union_graph
    from kg.linking import add_links
    from tests.test_entities import RUN

    a = extract(Document("a", WORLD), nlp)
    b = extract(Document("b", OTHER), nlp)
    g = union_graph(build_dataset([(Document("a", WORLD), a), (Document("b", OTHER), b)], RUN))
    add_links(g, link_records([*a, *b], nlp))
    ((supporter, supported, count, _),) = supports_table(g).rows
    assert {supporter, supported} == {"Officials", "Jane Roe"} and count == 1


def test_store_builds_keep_the_signatures_for_the_next_build(tmp_path: Path) -> None:
    """A store build saves its claims' signatures beside the store; a later build (another process)
    reads them back equal instead of parsing the claims again."""
    from kg import __version__
    from kg.linking import SIGNATURES, SignatureCache
    from kg.pipeline import build
    from kg.store import ClaimStore

    store, src = tmp_path / "store", tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(WORLD, encoding="utf-8")
    (src / "b.txt").write_text(OTHER, encoding="utf-8")
    build([src], tmp_path / "out", workers=1, store=store)
    saved = tmp_path / "store.signatures.json"
    with ClaimStore(store, read_only=True) as cs:
        from kg.graph import records_from_graph, union_graph

        records = [r for r in records_from_graph(union_graph(cs.to_dataset())) if r.source is not None]
    fresh = SignatureCache()
    assert fresh.load(saved, f"{__version__} default") == len(records) > 0
    assert all(fresh.get(r) == SIGNATURES.get(r) for r in records)
    assert SignatureCache().load(saved, f"{__version__} another-model") == 0  # parsed again instead
    saved.write_text("{not json", encoding="utf-8")
    assert SignatureCache().load(saved, f"{__version__} default") == 0
