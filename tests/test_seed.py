"""The seed article (Latin Times, Mariupol surrender) is the golden test of the extractor."""

from __future__ import annotations

import json

import pytest

from kg.record import Attribution

# (content fragment, resolved source fragment or None for no named source, stance, hedged, kind)
EXPECTED = [
    ("about 700 more have done the same", "a new update", "assert", True, "indirect"),
    ("The state is making utmost efforts", "Oleksandr Motuzaynik", "assert", False, "direct"),
    (
        "Any information to the public could endanger that process",
        "Oleksandr Motuzaynik",
        "assert",
        False,
        "direct",
    ),
    ("Unfortunately, the subject is very sensitive", "Vadym Boichenko", "assert", False, "direct"),
    (
        "President Volodymyr Zelensky, the Red Cross and the United Nations were involved in talks",
        "Vadym Boichenko",
        "assert",
        False,
        "indirect",
    ),
    (
        "a prisoner swap for Mariupol defenders was discussed",
        "Ukraine officials",
        "assert",
        False,
        "according_to",
    ),
    ("these claims", "Moscow", "deny", False, "indirect"),
    ("no such deal was made for the fighters", "Moscow", "deny", False, "indirect"),
    (
        "to provide humane treatment to the wounded soldiers who surrender",
        "Vladimir Putin",
        "assert",
        False,
        "indirect",
    ),
    (
        "them never to be exchanged, or even for their execution",
        "Russian politicians",
        "assert",
        False,
        "indirect",
    ),
    (
        "video footage showing buses bringing some captured fighters to both locations",
        "journalists",
        "assert",
        False,
        "passive",
    ),
    ("Tens of thousands of civilians are believed to be dead", None, "assert", True, "unattributed_hedge"),
    (
        "there were allegedly commanders still holed up in the Azovstal steelworks plant",
        None,
        "assert",
        True,
        "unattributed_hedge",
    ),
    (
        "there were soldiers from Ukraine over in Mariupol who surrendered",
        "initial reports",
        "assert",
        False,
        "indirect",
    ),
]


def find(records: list[Attribution], fragment: str) -> Attribution:
    hits = [r for r in records if fragment in r.content]
    assert hits, f"no record with content containing {fragment!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("fragment", "source", "stance", "hedged", "kind"), EXPECTED, ids=[e[0][:30] for e in EXPECTED]
)
def test_seed_attribution(seed_records, fragment, source, stance, hedged, kind) -> None:  # type: ignore[no-untyped-def]
    r = find(seed_records, fragment)
    if source is None:
        assert r.source is None
    else:
        assert r.source_resolved is not None and source in r.source_resolved
    assert r.stance == stance
    assert (r.certainty != "certain") == hedged, r
    assert r.kind == kind


def test_motuzaynik_quote_is_one_attribution_over_three_sentences(seed_records) -> None:  # type: ignore[no-untyped-def]
    r = find(seed_records, "The state is making utmost efforts")
    assert "Let's wait." in r.content
    assert r.content.endswith("save the lives of our heroes")
    assert r.cue == "told"
    assert r.source == "military spokesman Oleksandr Motuzaynik"
    assert r.source_role == "military spokesman"


def test_he_added_resolves_to_boichenko(seed_records) -> None:  # type: ignore[no-untyped-def]
    r = find(seed_records, "the Red Cross and the United Nations")
    assert r.source == "He"
    assert r.source_resolved == "Vadym Boichenko"
    assert r.source_type == "person"


def test_denials_answer_the_prisoner_swap_claim(seed_records) -> None:  # type: ignore[no-untyped-def]
    swap = find(seed_records, "a prisoner swap")
    for fragment in ("these claims", "no such deal"):
        assert find(seed_records, fragment).responds_to == swap.id


def test_hedges_are_recorded(seed_records) -> None:  # type: ignore[no-untyped-def]
    assert find(seed_records, "commanders still holed up").hedge == "allegedly"
    assert "believed" in (find(seed_records, "Tens of thousands").hedge or "")
    assert find(seed_records, "about 700 more").cue_lemma == "allege"


def test_unnamed_sources_are_typed(seed_records) -> None:  # type: ignore[no-untyped-def]
    for fragment in ("about 700 more", "prisoner swap", "there were soldiers", "never to be exchanged"):
        assert find(seed_records, fragment).source_type == "unnamed"
    assert find(seed_records, "no such deal").source_type == "organization"


def test_nothing_from_caption_or_copyright(seed_records, seed_document) -> None:  # type: ignore[no-untyped-def]
    caption = seed_document.text.index("Natalia Georgiyevna")
    assert all(r.sentence_span.end <= caption for r in seed_records)


def test_exactly_the_expected_attributions(seed_records) -> None:  # type: ignore[no-untyped-def]
    assert len(seed_records) == len(EXPECTED)


def test_labels(seed_records) -> None:  # type: ignore[no-untyped-def]
    assert find(seed_records, "a prisoner swap").label == "prisoner swap — discussed"
    assert find(seed_records, "no such deal").label == "no such deal — made"


def test_every_span_matches_the_text(seed_records, seed_document) -> None:  # type: ignore[no-untyped-def]
    text = seed_document.text
    for r in seed_records:
        j = r.to_json()
        if len(r.content_spans) == 1:
            assert text[j["content_start"] : j["content_end"]] == r.content
        assert " ".join(text[a:b] for a, b in j["content_spans"]) == r.content
        if r.source is not None:
            assert text[j["source_start"] : j["source_end"]] == r.source
        if r.cue is not None:
            assert text[j["cue_start"] : j["cue_end"]] == r.cue
        sentence = text[j["sentence_start"] : j["sentence_end"]]
        assert all(sentence.find(text[a:b]) >= 0 for a, b in j["content_spans"])
        assert json.loads(json.dumps(j)) == j
