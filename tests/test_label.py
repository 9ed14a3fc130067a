"""Claim labels (kg/label.py): a short "subject — predicate" per claim for graph views."""

from __future__ import annotations

import pytest

# (text, content fragment, label): negation where it is read
LABELS = [
    ('"That is simply not true," he said.', "That is simply not true", "That — is not true"),
    ("Officials said the deal was dead.", "the deal was dead", "deal — was dead"),
    ("The ministry said no such deal was made.", "no such deal", "no such deal — made"),
    ("Police said the bridge had not collapsed.", "the bridge had not collapsed", "bridge — not collapsed"),
]


@pytest.mark.parametrize(("text", "fragment", "label"), LABELS, ids=[x[2] for x in LABELS])
def test_claim_label(run_extract, text: str, fragment: str, label: str) -> None:  # type: ignore[no-untyped-def]
    (r,) = [r for r in run_extract(text) if fragment in r.content]
    assert r.label == label
