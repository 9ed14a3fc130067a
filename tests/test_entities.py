"""Entity normalisation (kg.entities) and the source/agent nodes it gives (kg.graph).

Hand-written names and records; the seed tests use the real extractor (session model fixture).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg import ids
from kg.document import Document
from kg.entities import affiliation, article_agents, name_key, normal_name
from kg.graph import RunInfo, agent_iri, build_dataset, source_iri, union_graph
from kg.namespace import CKG
from kg.record import Attribution, Span

RUN = RunInfo("claim-kg", "test", "model-x", datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("name", "source_type", "expected"),
    [
        ("Vladimir Putin", "person", "Vladimir Putin"),
        ("Russian leader Vladimir Putin", "person", "Vladimir Putin"),  # title and demonym stripped
        ("President Vladimir Putin", "person", "Vladimir Putin"),
        ("Mr. Putin", "person", "Putin"),
        ("Putin's", "person", "Putin"),  # possessive
        ("Putin’s", "person", "Putin"),  # typographic apostrophe
        ("Mariupol Mayor Vadym Boichenko", "person", "Vadym Boichenko"),
        ("Secretary of State John Kerry", "person", "John Kerry"),
        ("President-elect Donald Trump", "person", "Donald Trump"),
        ("Donald J. Trump", "person", "Donald Trump"),  # middle initial
        ("Sen. Bernie Sanders", "person", "Bernie Sanders"),
        ("Erik Prince", "person", "Erik Prince"),  # a role word that is the surname stays
        ("PUTIN", "person", "Putin"),
        ("the Kremlin", "organization", "Kremlin"),
        ("The New York Times", "organization", "New York Times"),
        ("Justice Department", "organization", "Justice Department"),  # no title stripping for orgs
        ("Moscow's", "organization", "Moscow"),
    ],
)
def test_normal_name(name: str, source_type: str, expected: str) -> None:
    assert normal_name(name, source_type) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Vladimir Putin", "Russian leader Vladimir Putin", True),
        ("Donald J. Trump", "Donald Trump", True),
        ("Mr. Trump", "Trump", True),
        ("PUTIN", "Putin", True),
        ("Vladimir Putin", "Putin", False),  # surnames merge within an article only (article_agents)
        ("Hillary Clinton", "Bill Clinton", False),
    ],
)
def test_name_keys(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) == same


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Kremlin spokesman", "Kremlin"),
        ("Ukraine's military spokesman", "Ukraine"),
        ("Ukraine officials", "Ukraine"),
        ("Mariupol Mayor", "Mariupol"),
        ("White House press secretary", "White House"),
        ("Senate Majority Leader", "Senate"),
        ("FBI Director", "FBI"),
        ("State Department spokesman", "State Department"),
        ("Russian Foreign Ministry spokeswoman", "Russian Foreign Ministry"),
        ("a spokesman for the Clinton campaign", "Clinton"),
        ("Hillary Clinton's campaign manager", "Hillary Clinton"),
        # titles, qualifiers, parties and demonyms are no affiliation
        ("military spokesman", None),
        ("Russian leader", None),
        ("Republican strategist", None),
        ("Secretary of State", None),
        ("Democratic presidential nominee", None),
        ("Other high-profile Russian politicians", None),
        ("U.S. Attorney General", None),
        ("Officials", None),
        (None, None),
    ],
)
def test_affiliation(phrase: str | None, expected: str | None) -> None:
    assert affiliation(phrase) == expected


def record(
    doc: str,
    n: int,
    source: str,
    resolved: str | None = None,
    source_type: str = "person",
    role: str | None = None,
    start: int = 0,
) -> Attribution:
    return Attribution(
        id=ids.mint("attribution", doc, n),
        doc=doc,
        content=f"claim {n}",
        content_spans=(Span(100 + 10 * n, 105 + 10 * n),),
        sentence_span=Span(0, 400),
        kind="indirect",
        source=source,
        source_span=Span(start, start + len(source)),
        source_resolved=resolved or source,
        source_type=source_type,  # type: ignore[arg-type]
        source_role=role,
        cue="said",
        cue_lemma="say",
        cue_class="say",
    )


def graph_of(*articles: tuple[str, list[Attribution]]) -> Graph:
    items = [(Document(doc, "x" * 400), recs) for doc, recs in articles]
    return union_graph(build_dataset(items, RUN))


def test_a_bare_surname_joins_the_one_fuller_name_of_the_article() -> None:
    recs = [
        record("d1", 1, "Russian leader Vladimir Putin", "Vladimir Putin", role="Russian leader"),
        record("d1", 2, "Putin"),
        record("d1", 3, "President Vladimir Putin", "Vladimir Putin"),
    ]
    agents = article_agents(recs)
    assert {a.key for a in agents.values()} == {"vladimir putin"}
    nodes = {source_iri("d1", r, agents[r.id]) for r in recs}
    assert len(nodes) == 1
    g = graph_of(("d1", recs))
    (node,) = nodes
    assert node is not None
    assert list(g.objects(node, RDFS.label)) == [Literal("Vladimir Putin")]


def test_a_surname_shared_by_two_people_is_left_alone() -> None:
    recs = [record("d1", 1, "Hillary Clinton"), record("d1", 2, "Bill Clinton"), record("d1", 3, "Clinton")]
    assert article_agents(recs)[recs[2].id].key == "clinton"


def test_named_sources_share_one_agent_across_articles_unnamed_never() -> None:
    a = [
        record("d1", 1, "Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", role="Kremlin spokesman"),
        record("d1", 2, "officials", source_type="unnamed", start=50),
    ]
    b = [
        record("d2", 1, "Dmitry Peskov"),
        record("d2", 2, "officials", source_type="unnamed", start=50),
    ]
    g = graph_of(("d1", a), ("d2", b))
    peskov = agent_iri("dmitry peskov")
    s1, s2 = source_iri("d1", a[0]), source_iri("d2", b[0])
    assert s1 != s2  # one source node per article ...
    assert (s1, CKG.agent, peskov) in g and (s2, CKG.agent, peskov) in g  # ... one agent
    assert (peskov, RDF.type, CKG.Agent) in g
    assert list(g.objects(peskov, RDFS.label)) == [Literal("Dmitry Peskov")]
    assert (s1, PROV.actedOnBehalfOf, agent_iri("kremlin")) in g  # "Kremlin spokesman"
    assert (agent_iri("kremlin"), RDFS.label, Literal("Kremlin")) in g
    for doc, recs in (("d1", a), ("d2", b)):
        unnamed = source_iri(doc, recs[1])
        assert unnamed is not None and not list(g.objects(unnamed, CKG.agent))
    assert source_iri("d1", a[1]) != source_iri("d2", b[1])


def test_an_unnamed_source_acts_for_what_its_mention_names() -> None:
    recs = [record("d1", 1, "Ukraine's military spokesman", source_type="unnamed")]
    g = graph_of(("d1", recs))
    src = source_iri("d1", recs[0])
    assert list(g.objects(src, PROV.actedOnBehalfOf)) == [agent_iri("ukraine")]


def test_an_organisation_is_not_its_own_affiliation() -> None:
    rec = replace(record("d1", 1, "the Kremlin", source_type="organization"), source_role="Kremlin")
    g = graph_of(("d1", [rec]))
    assert not list(g.objects(source_iri("d1", rec), PROV.actedOnBehalfOf))


# ------------------------------------------------------------------ the seed article


def seed_graph(seed_document, seed_records) -> Graph:  # type: ignore[no-untyped-def]
    return union_graph(build_dataset([(seed_document, seed_records)], RUN))


def source_of(g: Graph, seed_records: list[Attribution], fragment: str) -> URIRef:
    (r,) = [r for r in seed_records if fragment in r.content]
    (node,) = g.objects(URIRef(r.id), CKG.source)
    assert isinstance(node, URIRef)
    return node


def test_seed_putin_and_vladimir_putin_are_one_source(seed_document, seed_records) -> None:  # type: ignore[no-untyped-def]
    g = seed_graph(seed_document, seed_records)
    putin = source_of(g, seed_records, "humane treatment")
    assert any(r.source == "Putin" for r in seed_records)
    assert list(g.objects(putin, RDFS.label)) == [Literal("Vladimir Putin")]
    assert (putin, CKG.agent, agent_iri("vladimir putin")) in g
    labels = [str(o) for s in g.subjects(RDF.type, CKG.NamedSource) for o in g.objects(s, RDFS.label)]
    assert sum("Putin" in label for label in labels) == 1


def test_seed_he_added_is_boichenkos_source_node(seed_document, seed_records) -> None:  # type: ignore[no-untyped-def]
    g = seed_graph(seed_document, seed_records)
    he = source_of(g, seed_records, "the Red Cross and the United Nations")
    said = source_of(g, seed_records, "the subject is very sensitive")
    assert he == said
    assert list(g.objects(he, RDFS.label)) == [Literal("Vadym Boichenko")]
    assert (he, PROV.actedOnBehalfOf, agent_iri("mariupol")) in g  # "Mariupol Mayor"


def test_seed_ukraine_officials_act_for_ukraine(seed_document, seed_records) -> None:  # type: ignore[no-untyped-def]
    g = seed_graph(seed_document, seed_records)
    officials = source_of(g, seed_records, "a prisoner swap")
    assert (officials, RDF.type, CKG.UnnamedSource) in g
    assert list(g.objects(officials, PROV.actedOnBehalfOf)) == [agent_iri("ukraine")]
    assert not list(g.objects(officials, CKG.agent))


def test_stats_count_an_agent_once_across_articles() -> None:
    from kg.analytics import most_quoted

    a = [record("d1", 1, "Russian leader Vladimir Putin", "Russian leader Vladimir Putin")]
    b = [record("d2", 1, "President Vladimir Putin", "President Vladimir Putin")]
    rows = most_quoted(graph_of(("d1", a), ("d2", b))).rows
    assert rows == [("Vladimir Putin", "person", 2, 2)]
