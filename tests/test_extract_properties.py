"""Properties every extraction keeps, on generated news-like text.

Articles are put together from invented attribution shapes (reported speech, quotes before, after and
around the speaker, colons, "according to", dashes, parentheses) with every quotation-mark style,
unbalanced marks, CRLF and blank-line breaks and stray hostile characters. Whatever the text, the
extractor must not fail, every span it records must be the document's own characters, and the same
text must give the same records.
"""

from __future__ import annotations

from itertools import pairwise

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from kg.document import Document
from kg.extract import Options, extract
from kg.record import CERTAINTIES, STANCES, Attribution

SPEAKERS = ["Dana Whitfield", "the mayor", "Officials", "He", "she", "Ms. Quill", "a council spokesman"]
CUES = ["said", "told reporters", "denied", "warned", "added", "claimed", "insisted", "vowed", "believes"]
CLAUSES = [
    "the bridge would reopen in May",
    "no such deal was made",
    "the figures were wrong, and the vote was rushed",
    "to provide help to the families who stayed",
    "there were allegedly more trucks on the way",
    "it is believed that the pier will hold",
]
MARKS = [  # (open, close); an empty close leaves the quotation unbalanced
    ('"', '"'),
    ("“", "”"),
    ("'", "'"),
    ("‘", "’"),
    ("«", "»"),
    ("„", "“"),
    ("''", "''"),
    ("``", "''"),
    ('"', ""),
    ("", "”"),
]
BREAKS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "\u2028", " — ", " (", ") "]
NOISE = ["\x00", "\x7f", "\u200f", "\u202e", "🙂", "👩‍👩‍👧", "𝄞", "é", "\\", "<p>", "&amp;", "…", "--", "—"]


@st.composite
def sentence(draw: st.DrawFn) -> str:
    who, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
    what = draw(st.sampled_from(CLAUSES))
    o, c = draw(st.sampled_from(MARKS))
    shapes = [
        f"{who} {cue} {what}.",
        f"{who} {cue} that {what}.",
        f"{o}{what.capitalize()},{c} {who} {cue}.",
        f"{o}{what.capitalize()},{c} {cue} {who}.",
        f"{who} {cue}: {o}{what.capitalize()}.{c}",
        f"{o}{what.capitalize()}.{c}",
        f"{o}{what},{c} {who} {cue}, {o}and {what}.{c}",
        f"According to {who}, {what}.",
        f"{what.capitalize()}, {who} {cue}, after the vote.",
        f"{o}{what.capitalize()}{c} — {who}",
        f"{who.upper()}: {what}.",
        f"Photo: {who} / Getty Images",
    ]
    return draw(st.sampled_from(shapes))


@st.composite
def article(draw: st.DrawFn) -> str:
    parts = draw(st.lists(sentence(), min_size=1, max_size=8))
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(BREAKS)) + part
    for _ in range(draw(st.integers(0, 3))):  # stray characters anywhere, even inside a word
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
    return text


def check(text: str, r: Attribution) -> None:
    spans = r.content_spans
    assert all(0 <= s.start < s.end <= len(text) for s in spans), (r.content, spans)
    assert all(a.end <= b.start for a, b in pairwise(spans)), spans
    assert " ".join(text[s.start : s.end] for s in spans) == r.content
    if r.source_span is not None:
        assert text[r.source_span.start : r.source_span.end] == r.source
    if r.cue_span is not None:
        assert text[r.cue_span.start : r.cue_span.end] == r.cue
    assert r.sentence_span.start <= spans[0].start < r.sentence_span.end
    assert r.stance in STANCES
    assert r.certainty in CERTAINTIES
    assert 0.0 <= r.confidence <= 1.0
    assert r.content.strip() == r.content != ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article(), join_quotes=st.booleans())
def test_generated_articles_keep_every_span_exact(nlp, text: str, join_quotes: bool) -> None:  # type: ignore[no-untyped-def]
    options = Options(join_quotes=join_quotes)
    records = extract(Document("gen", text), nlp, options=options)
    for r in records:
        check(text, r)
    assert len({r.id for r in records}) == len(records)
    answered = {r.responds_to for r in records} - {None}
    assert answered <= {r.id for r in records}
    assert extract(Document("gen", text), nlp, options=options) == records
