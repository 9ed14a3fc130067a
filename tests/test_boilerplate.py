"""Boilerplate paragraphs (kg/boilerplate.py): bylines, with a desk or an outlet after them."""

from __future__ import annotations

import pytest

from kg.boilerplate import is_boilerplate

# (paragraph, whether it is a byline)
BYLINES = [
    ("By Jane Roe", True),
    ("by Jane Roe", True),
    ("BY JANE ROE, Staff Writer", True),
    ("By Jane Roe and Omar Haddad, Political Correspondents", True),
    ("By Jane Roe | Reuters", True),
    ("By Jane Roe, Omar Haddad and Li Wen", True),
    # a sentence that opens with "By" is no byline
    ("By Monday, Reuters reported the deal.", False),
    ("By Friday, the army had withdrawn from the port.", False),
    ("By 2030, emissions must halve.", False),
]


@pytest.mark.parametrize(("paragraph", "byline"), BYLINES, ids=[b[0] for b in BYLINES])
def test_bylines(paragraph: str, byline: bool) -> None:
    assert is_boilerplate(paragraph) is byline
