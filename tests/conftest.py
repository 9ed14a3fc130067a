"""Shared fixtures: one spaCy pipeline per session, the seed article and its records."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.document import Document, load_document
from kg.extract import extract
from kg.nlp import load_model
from kg.record import Attribution

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "latin-times-mariupol-surrender.txt"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_model()


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return load_document(SEED)


@pytest.fixture(scope="session")
def seed_records(nlp, seed_document) -> list[Attribution]:  # type: ignore[no-untyped-def]
    return extract(seed_document, nlp)


@pytest.fixture(scope="session")
def run_extract(nlp):  # type: ignore[no-untyped-def]
    """Extract records from a text given inline."""

    def run(text: str) -> list[Attribution]:
        return extract(Document("t", text), nlp)

    return run
