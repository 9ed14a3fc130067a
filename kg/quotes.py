"""Direct quotations at the character level: straight and curly marks, unbalanced marks, paragraphs.

News convention: a quotation that runs over several paragraphs leaves each paragraph open and
reopens the next with an opening mark. A quote left open at a paragraph end whose next paragraph
does not reopen it is closed at that paragraph end (an unbalanced mark never swallows the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = frozenset('"')
# Two-character quote marks of some wire styles (''quote'' and ``quote'').
DOUBLED = re.compile(r"''|``")
MARK = re.compile(r"''|``|[\"“”„«»]")
PARAGRAPH = re.compile(r"\n")
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

    tags = [(t.start(), t.end()) for t in TAG.finditer(text)] if "<" in text else []
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
        elif mark in OPENING or mark == "``":
            # An opening mark inside an open quote: the earlier one was never closed.
            close(pos, None)
            chain += 1
            open_at, open_width = pos, width
        else:
            close(pos, pos)
    if open_at is not None:
        end = next((e for e in para_ends if e > open_at), len(text))
        close(end, None)
    return quotes


def quote_chains(quotes: list[Quote]) -> list[list[Quote]]:
    """Group segments by chain (one list per quotation, in text order)."""
    chains: dict[int, list[Quote]] = {}
    for q in quotes:
        chains.setdefault(q.chain, []).append(q)
    return list(chains.values())
