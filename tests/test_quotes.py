"""Quotation segments at the character level: which marks quote, and which are apostrophes."""

from __future__ import annotations

import pytest

from kg.quotes import balance_marks, find_quotes, quote_chains

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


# (text, a span as (first, last) substrings it runs from and to, the span balance_marks makes of it)
BALANCED = [
    # the closing mark after the span's last word (and its punctuation) joins it
    ('They called the plan "reckless." Then they left.', ("the plan", "reckless."), 'the plan "reckless."'),
    (
        "They called the plan \u201creckless,\u201d and left.",
        ("the plan", "reckless"),
        "the plan \u201creckless,\u201d",
    ),
    (
        "They called the plan ''reckless.'' Then they left.",
        ("the plan", "reckless."),
        "the plan ''reckless.''",
    ),
    # the opening mark right before the span's first word joins it
    ('He said "the plan is reckless" twice.', ("the plan", 'reckless"'), '"the plan is reckless"'),
    # words between the span and the mark: the span stays as it is
    (
        'They called the plan "reckless and rushed." Then they left.',
        ("the plan", "reckless"),
        'the plan "reckless',
    ),
    # a span with both marks, or with none, stays as it is
    ('They called the plan "reckless." Then they left.', ("the plan", 'reckless."'), 'the plan "reckless."'),
    ("They called the plan reckless. Then they left.", ("the plan", "reckless."), "the plan reckless."),
    # a quotation left open at the paragraph end has no closing mark to take
    ('They called the plan "reckless.\n\nThen they left.', ("the plan", "reckless."), 'the plan "reckless.'),
]


@pytest.mark.parametrize(("text", "ends", "balanced"), BALANCED, ids=[b[2][:30] for b in BALANCED])
def test_a_span_takes_the_quote_marks_it_would_leave_unpaired(
    text: str, ends: tuple[str, str], balanced: str
) -> None:
    a = text.index(ends[0])
    b = text.index(ends[1], a) + len(ends[1])
    ((start, end),) = balance_marks([(a, b)], find_quotes(text), text)
    assert text[start:end] == balanced


def test_spans_that_meet_after_taking_their_marks_merge() -> None:
    text = 'He called it "a farce," and more.'
    first = (text.index("it"), text.index("farce") + len("farce"))
    second = (text.index('" and'), text.index("more") + len("more"))
    assert balance_marks([first, second], find_quotes(text), text) == [(first[0], second[1])]
