"""Source resolution (kg.coref) on annotated Docs: what the resolver takes as a person."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.coref import person_names


def annotated(words: list[str], subject: int, subject_ent: str, person: tuple[int, int] | None) -> Doc:
    """A two-sentence Doc whose token ``subject`` is a proper-noun subject tagged ``subject_ent`` and
    whose ``person`` tokens (when given) are a PERSON entity."""
    n = len(words)
    pos = ["PROPN" if w[0].isupper() and w != "." else "PUNCT" if w == "." else "VERB" for w in words]
    deps = ["dep"] * n
    deps[subject] = "nsubj"
    ents = ["O"] * n
    ents[subject] = f"B-{subject_ent}"
    if person is not None:
        a, b = person
        ents[a:b] = ["B-PERSON"] + ["I-PERSON"] * (b - a - 1)
    return Doc(spacy.blank("en").vocab, words=words, pos=pos, deps=deps, heads=list(range(n)), ents=ents)


@pytest.mark.parametrize(
    ("words", "subject", "person", "is_person"),
    [
        # NER tagged the surname a person elsewhere in the article: the ORG tag is a slip
        (["Dana", "Whitfield", "spoke", ".", "Whitfield", "left", "."], 4, (0, 2), True),
        # no person of that name anywhere: an organisation ("Acme closed")
        (["Dana", "Whitfield", "spoke", ".", "Acme", "closed", "."], 4, (0, 2), False),
        (["Whitfield", "left", "."], 0, None, False),
    ],
)
def test_org_tagged_subject_is_a_person_when_the_article_names_one(words, subject, person, is_person) -> None:  # type: ignore[no-untyped-def]
    doc = annotated(words, subject, "ORG", person)
    found = {n.pos for n in person_names(doc, [False] * len(doc))}
    assert (doc[subject].idx in found) is is_person


def test_descriptions_are_organisation_words() -> None:
    """A description that resolves to an organisation is typed one itself when nothing precedes it."""
    from kg.coref import DESCRIPTIONS
    from kg.sources import ORG_WORDS

    assert DESCRIPTIONS <= ORG_WORDS, sorted(DESCRIPTIONS - ORG_WORDS)
