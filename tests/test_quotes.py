"""Quotation segments at the character level: which marks quote, and which are apostrophes."""

from __future__ import annotations

import pytest

from kg.quotes import find_quotes, quote_chains

# (text, the quoted segments in order)
SEGMENTS = [
    ('"We will not back down," the governor said.', ["We will not back down"]),
    # low-9 openings: German-style „…“ and Polish-style „…”; guillemets
    ("„We will not back down“, the governor said. „Never.“", ["We will not back down", "Never."]),
    ("„We will not back down”, the governor said.", ["We will not back down"]),
    ("«We will not back down», the governor said.", ["We will not back down"]),
    # British style: single marks quote speech, straight or curly
    (
        "'We have no choice,' the harbour master told reporters. 'The timbers are rotten.'",
        ["We have no choice", "The timbers are rotten."],
    ),
    ("‘It is over,’ said the harbour master’s deputy. ‘We lost.’", ["It is over", "We lost."]),
    ("'We have no choice', the harbour master said.", ["We have no choice"]),
    # apostrophes are not quotation marks
    ("The fishermen's boats don't sail on Sundays.", []),
    ("Rock 'n' roll filled the halls in the '90s, and in ’68 too.", []),
    ("They'll see 'em at the pier 'til dawn.", []),
    ("'200 jobs will go,' the union said.", ["200 jobs will go"]),
    # a possessive "s'" closes a quotation only when nothing else in the paragraph can
    ("'The players' union will appeal,' she said.", ["The players' union will appeal"]),
    ("He called them 'liars' and walked out.", ["liars"]),
    ("He called them 'liars' and said 'we will win.'", ["liars", "we will win."]),
    # single marks inside a double-quoted segment are a nested quote; doubles inside singles likewise
    ("\"He told me 'never again' twice,\" she said.", ["He told me 'never again' twice"]),
    ("'He told me \"never again\",' she said.", ['He told me "never again"']),
    # a single quotation must close in its paragraph, unless the next paragraph reopens it
    ("'This one never closes.\n\nThe next paragraph is the writer's.", []),
    ("'We will fight on.\n\n'And we will win,' she said.", ["We will fight on.", "And we will win"]),
]


@pytest.mark.parametrize(("text", "segments"), SEGMENTS, ids=[s[0][:40] for s in SEGMENTS])
def test_quoted_segments(text: str, segments: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == segments


def test_single_quotation_over_paragraphs_is_one_chain() -> None:
    text = "'We will fight on.\n\n'And we will win,' she said. 'Nobody doubts it.'"
    chains = quote_chains(find_quotes(text))
    assert [[text[q.start : q.end] for q in c] for c in chains] == [
        ["We will fight on.", "And we will win"],
        ["Nobody doubts it."],
    ]


def test_mark_inside_a_quotation_left_open_does_not_break_its_chain() -> None:
    text = "'We will 'fight on.\n\n'And we will win,' she said."
    chains = quote_chains(find_quotes(text))
    assert [[text[q.start : q.end] for q in c] for c in chains] == [["We will 'fight on.", "And we will win"]]


def test_chains_are_numbered_in_text_order_across_mark_styles() -> None:
    text = "'One,' she said. \"Two,\" he said. 'Three,' she said."
    assert [q.chain for q in find_quotes(text)] == [0, 1, 2]


@pytest.mark.parametrize(
    "text", ["'", "''", "' '", "'a", "a'", "‘’‘’", "'\n'", "\"'\"'", "'x' 'y", "’90s '", "s' s' s'"]
)
def test_odd_single_marks_never_crash(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
