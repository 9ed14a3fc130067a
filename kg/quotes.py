"""Direct quotations at the character level: straight and curly marks, unbalanced marks, paragraphs.

Double marks pair as “…”, "…", ''…'', ``…'', «…» and, in the German and Polish styles, „…“ and „…”.

News convention: a quotation that runs over several paragraphs leaves each paragraph open and
reopens the next with an opening mark. A quote left open at a paragraph end whose next paragraph
does not reopen it is closed at that paragraph end (an unbalanced mark never swallows the article).

Single marks (‘…’ and '…') quote speech in British style ('We have no choice,' she said) and in
headlines, but the same characters are apostrophes ("don't", "the players' union", "'90s"). A single
mark opens a quotation only after a space or bracket and before a word that is not an elision
("'em", "'til"); it closes one only after a non-space and before a non-letter; a possessive
"players' union" closes one only when no other closing mark follows in the paragraph before a new
quotation opens. A single quotation must close in its paragraph unless the next paragraph reopens
it, and single marks inside a double-quoted segment are nested quotes, not segments of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = frozenset('"')
# Two-character quote marks of some wire styles (''quote'' and ``quote'').
DOUBLED = re.compile(r"''|``")
MARK = re.compile(r"''|``|[\"“”„«»]")
PARAGRAPH = re.compile(r"\n")
SINGLE = re.compile(r"[‘’']")
SINGLE_OPENING = frozenset("‘'")
SINGLE_CLOSING = frozenset("’'")
OPENS_AFTER = frozenset('([{—–-:/"“')
# Words that an apostrophe elides at their start: "'em", "'til", "rock 'n' roll" (and decades, "'90s").
ELISIONS = frozenset({"em", "til", "till", "cause", "bout", "n", "tis", "twas", "round", "neath", "s"})
# A markup tag left in the text (<tweet author="..." id="...">, <a href="...">): its attribute
# values are not quotations.
TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?/?>")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted segment: ``start``/``end`` bound the inner text (marks and outer spaces excluded).

    ``open_mark`` and ``close_mark`` are the mark offsets (``close_mark`` is ``None`` when the
    segment was left open); ``chain`` numbers the quotation the segment belongs to (a quotation
    reopened over paragraphs has several segments with the same chain).
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    chain: int

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in PARAGRAPH.finditer(text)] + [len(text)]


def _inner(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim whitespace and a trailing comma from ``text[start:end]``; ``None`` when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return (start, end) if start < end else None


def _looks_opening(text: str, pos: int, width: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + width] if pos + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def _first_nonspace(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def find_quotes(text: str) -> list[Quote]:
    """All quoted segments of ``text`` in order. Never raises on unbalanced or odd marks."""
    para_ends = _paragraph_ends(text)
    tags = [(t.start(), t.end()) for t in TAG.finditer(text)] if "<" in text else []
    doubles = _double_quotes(text, para_ends, tags)
    if not any(c in text for c in "‘'"):
        return doubles
    singles = _single_quotes(text, doubles, max((q.chain for q in doubles), default=-1), para_ends, tags)
    if not singles:
        return doubles
    # a double-quoted segment inside a single-quoted one is a nested quote ('He said "no",' she said)
    kept = [q for q in doubles if not any(s.open_mark < q.open_mark and q.end <= s.end for s in singles)]
    merged = sorted(kept + singles, key=lambda q: q.start)
    renumber: dict[int, int] = {}
    return [
        Quote(q.start, q.end, q.open_mark, q.close_mark, renumber.setdefault(q.chain, len(renumber)))
        for q in merged
    ]


def _double_quotes(text: str, para_ends: list[int], tags: list[tuple[int, int]]) -> list[Quote]:
    """The segments quoted with double marks (“…”, "…", ''…'', ``…'') outside markup ``tags``."""
    quotes: list[Quote] = []
    open_at: int | None = None  # offset of the pending opening mark
    open_width = 0
    chain = -1
    para_idx = 0

    def close(end: int, close_mark: int | None) -> None:
        nonlocal open_at
        assert open_at is not None
        span = _inner(text, open_at + open_width, end)
        if span:
            quotes.append(Quote(span[0], span[1], open_at, close_mark, chain))
        open_at = None

    tag_idx = 0
    for m in MARK.finditer(text):
        pos, mark = m.start(), m.group()
        while tag_idx < len(tags) and tags[tag_idx][1] <= pos:
            tag_idx += 1
        if tag_idx < len(tags) and tags[tag_idx][0] <= pos:
            continue  # inside a markup tag
        width = len(mark)
        # Crossing paragraph ends while a quote is pending: close it there, and note whether the
        # paragraph the mark sits in reopens it.
        reopened = False
        while para_idx < len(para_ends) and para_ends[para_idx] < pos:
            if open_at is not None:
                nxt = _first_nonspace(text, para_ends[para_idx])
                reopens = nxt == pos and (mark in OPENING or mark in STRAIGHT or mark == "``")
                close(para_ends[para_idx], None)
                reopened = reopens
            para_idx += 1
        if open_at is None:
            if mark in CLOSING and not _looks_opening(text, pos, width):
                continue  # a stray closing mark (one that looks like an opening is taken as a typo)
            if mark == "''" and not _looks_opening(text, pos, width):
                continue
            if not reopened:
                chain += 1
            open_at, open_width = pos, width
        elif (mark in OPENING or mark == "``") and not (
            text[open_at] == "„" and mark == "“" and not _looks_opening(text, pos, width)
        ):
            # An opening mark inside an open quote: the earlier one was never closed. (A “ that
            # follows a word closes a „ quotation: „…“ is the German-style pair.)
            close(pos, None)
            chain += 1
            open_at, open_width = pos, width
        else:
            close(pos, pos)
    if open_at is not None:
        end = next((e for e in para_ends if e > open_at), len(text))
        close(end, None)
    return quotes


def _elided(text: str, pos: int) -> bool:
    """Whether the single mark at ``pos`` elides the start of the word after it ("'em", "'90s")."""
    m = re.match(r"[A-Za-z0-9]+", text[pos + 1 : pos + 8])
    if m is None:
        return False
    word = m.group()
    if word[0].isdigit():  # a decade or a year ("'90s", "'68"), not "'200 jobs will go'"
        return re.fullmatch(r"\d\ds?", word) is not None
    return word.lower() in ELISIONS and not text[pos + 1 + len(word) : pos + 2 + len(word)].isalpha()


def _single_opens(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (
        text[pos] in SINGLE_OPENING
        and (before.isspace() or before in OPENS_AFTER)
        and not after.isspace()
        and after not in "‘’'"
        and not _elided(text, pos)
    )


def _single_closes(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return text[pos] in SINGLE_CLOSING and not before.isspace() and not after.isalnum()


def _possessive(text: str, pos: int) -> bool:
    """A closing-shaped mark after a plural "s" and before a word: "the players' union"."""
    return text[pos - 1] in "sS" and text[pos + 1 : pos + 2] == " " and text[pos + 2 : pos + 3].isalpha()


def _single_quotes(
    text: str, doubles: list[Quote], chain_base: int, para_ends: list[int], tags: list[tuple[int, int]]
) -> list[Quote]:
    """Segments quoted with single marks outside the double-quoted ones and markup ``tags`` (see the
    module docstring)."""
    covered = [(q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end) for q in doubles]
    marks = [
        m.start()
        for m in SINGLE.finditer(text)
        if not any(a <= m.start() < b for a, b in covered) and not any(a <= m.start() < b for a, b in tags)
    ]
    out: list[Quote] = []
    chain = chain_base
    reopened: int | None = None  # the chain the mark at ``marks[i]`` continues from the paragraph before
    i = 0
    while i < len(marks):
        pos = marks[i]
        if not _single_opens(text, pos):
            i += 1
            continue
        if reopened is None:
            chain += 1
        this_chain, reopened = (chain if reopened is None else reopened), None
        para_end = next(e for e in para_ends if e >= pos)
        closers = []
        for j in range(i + 1, len(marks)):
            if marks[j] >= para_end:
                break
            if _single_closes(text, marks[j]):
                closers.append(j)
        close_j = _closer(text, marks, closers)
        if close_j is not None:
            span = _inner(text, pos + 1, marks[close_j])
            if span:
                out.append(Quote(span[0], span[1], pos, marks[close_j], this_chain))
            i = close_j + 1
            continue
        nxt = _first_nonspace(text, para_end)
        at = bisect_left(marks, nxt)
        if at < len(marks) and marks[at] == nxt and _single_opens(text, nxt):
            span = _inner(text, pos + 1, para_end)  # left open: the next paragraph reopens it
            if span:
                out.append(Quote(span[0], span[1], pos, None, this_chain))
            i, reopened = at, this_chain
            continue
        i += 1
    return out


def _closer(text: str, marks: list[int], closers: list[int]) -> int | None:
    """Which of the closing-shaped ``closers`` (indices into ``marks``) closes the quotation: the first
    that is not a possessive, unless a new quotation opens before it ("them 'liars' and said 'we won'":
    the possessive-shaped one closes); a possessive-shaped one as the last resort."""
    for n, j in enumerate(closers):
        if not _possessive(text, marks[j]):
            return j
        firm = next((k for k in closers[n + 1 :] if not _possessive(text, marks[k])), None)
        if firm is None or any(_single_opens(text, marks[x]) for x in range(j + 1, firm)):
            return j
    return None


def quote_chains(quotes: list[Quote]) -> list[list[Quote]]:
    """Group segments by chain (one list per quotation, in text order)."""
    chains: dict[int, list[Quote]] = {}
    for q in quotes:
        chains.setdefault(q.chain, []).append(q)
    return list(chains.values())


CLOSING_PUNCTUATION = frozenset(".,!?;:")


def mark_length(text: str, pos: int) -> int:
    """The length of the quote mark at ``pos`` (2 for a doubled ``''`` or ``` `` ```)."""
    return 2 if text.startswith(("''", "``"), pos) else 1


def balance_marks(
    spans: Sequence[tuple[int, int]], quotes: Sequence[Quote], text: str
) -> list[tuple[int, int]]:
    """Character spans widened to the quote marks they leave unpaired: a span that holds a quotation's
    opening mark and stops just before its closing mark, with nothing but closing punctuation
    between, takes the mark ('called them "baseless.' -> 'called them "baseless."'); a span that holds
    a closing mark and starts right after its opening mark takes that. Spans that meet then merge."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        for q in quotes:
            if q.close_mark is None:
                continue
            if a <= q.open_mark < b <= q.close_mark and all(
                c in CLOSING_PUNCTUATION for c in text[b : q.close_mark]
            ):
                b = q.close_mark + mark_length(text, q.close_mark)
            elif q.open_mark < a <= q.close_mark < b and a == q.open_mark + mark_length(text, q.open_mark):
                a = q.open_mark
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out
