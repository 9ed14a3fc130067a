"""Boilerplate that is not a claim: copyright lines, photo captions and credits, "Read more", bylines.

Works on paragraphs (line-separated blocks) and returns character ranges to leave out.
"""

from __future__ import annotations

import re

from kg.record import Span

# ("Ã©", or "A" with a combining tilde and "©", is an "é" decoded as Windows-1252: "rÃ©sumÃ©")
COPYRIGHT = re.compile(r"(?<![Ã\u0303])©|\bcopyright\b|all rights reserved|do not reproduce", re.IGNORECASE)
CALL_TO_ACTION = re.compile(
    r"^\s*(read more|related( stories| articles)?:|click here|sign up|subscribe|follow us|share this|"
    r"watch:|listen:|advertisement\s*$)",
    re.IGNORECASE,
)
BYLINE = re.compile(  # "By Jane Smith", "... and Omar Farouk", then a desk or an outlet in title case
    r"^\s*(?i:by)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(\s+and\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})?"
    r"(\s*[,|–—-]\s*[A-Z][\w.'’-]*(\s+([A-Z][\w.'’-]*|and|of|for|the)){0,6})?\s*$"
)
CREDIT = re.compile(  # (the word boundary shared by a group: scanning with one test is 3 times faster)
    # an agency credits a picture after a slash ("John Doe/AFP", "REUTERS/Ann Reyes"); not a dateline,
    # "New York (AFP) -", nor a poll, "a Reuters/Ipsos poll"
    r"getty images|/\s*shutterstock|/\s*afp\b|\(photo\b|"
    r"\b(?:afp\s*(?:/|photo\b|via\b)|reuters/(?!ipsos)|ap photo\b|"
    r"photo:|image:|credit:|photograph:|picture:)",
    re.IGNORECASE,
)
QUOTE_MARK = re.compile(r"[\"“”]")


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines of ``text`` as spans (news paragraphs are line-separated)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Span(start, end))
    return out


def is_boilerplate(paragraph: str, following: str | None = None) -> bool:
    """Whether one paragraph is boilerplate; ``following`` is the next paragraph (captions repeat)."""
    if len(paragraph) < 400 and COPYRIGHT.search(paragraph):
        return True
    if CALL_TO_ACTION.search(paragraph) or BYLINE.match(paragraph):
        return True
    if not QUOTE_MARK.search(paragraph) and len(paragraph.split()) < 80 and CREDIT.search(paragraph):
        return True  # (the copyright and credit searches are the slow tests: they come last)
    # A photo caption printed twice, the second time with its credit appended (not a paragraph repeated).
    return bool(
        following
        and len(paragraph) > 40
        and len(following) > len(paragraph)
        and following.startswith(paragraph)
    )


def boilerplate_spans(text: str) -> list[Span]:
    """Character ranges of boilerplate paragraphs, in order."""
    paras = paragraphs(text)
    out = []
    for i, p in enumerate(paras):
        nxt = paras[i + 1].of(text) if i + 1 < len(paras) else None
        if is_boilerplate(p.of(text), nxt):
            out.append(p)
    return out
