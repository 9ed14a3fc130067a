"""Headline truecasing: a Title Case line is parsed as the sentence it is.

News headlines and subheads are written in Title Case ("Senator Slams Plan To Close The Bridge"), and
spaCy's small model tags nearly every capitalised word a proper noun there, so the parse -- and every
attribution in the line -- goes wrong. :func:`truecase` rewrites such lines in sentence case, deciding
each word by how the rest of the article writes it (mid-sentence "Slams" never, "slams" or a common
word: lower; "Cruz" capitalised mid-sentence: kept). Only letter case changes, so the result has the
input's length and every character offset: :func:`kg.nlp.parse` parses the truecased text and gives the
Doc the original words back.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

COMMON_WORDS_FILE = Path(__file__).parent / "data" / "common_words.txt"
FUNCTION_WORDS_FILE = Path(__file__).parent / "data" / "function_words.txt"
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
MIN_WORDS = 3  # words of four letters or more a line needs before it can be Title Case
TITLE_SHARE = 0.75  # of those, the capitalised share that makes a line Title Case
MAX_LINE = 200  # longer lines are running text, whatever their case
SUFFIXES = ("s", "es", "ed", "d", "ing", "ies", "ied", "er", "ers", "ly")


@cache
def common_words() -> frozenset[str]:
    """Lower-case common words: WordNet's frequent lemmas (``kg/data/common_words.txt``, built by
    ``bench/build_word_classes.py``) and function words (``kg/data/function_words.txt``)."""
    return frozenset(_words(COMMON_WORDS_FILE) + _words(FUNCTION_WORDS_FILE))


def _words(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def is_common(word: str) -> bool:
    """Whether ``word`` (lower case) is, or inflects, a common word: "slams" -> "slam"."""
    words = common_words()
    if word in words:
        return True
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if stem in words or stem + "e" in words or (suffix in ("ies", "ied") and stem + "y" in words):
                return True
    return False


def is_title_case(line: str) -> bool:
    """Whether ``line`` is a Title Case headline: short, and most of its longer words capitalised."""
    if len(line) > MAX_LINE:
        return False
    long_words = [w for w in WORD.findall(line) if len(w) > 3]
    return len(long_words) >= MIN_WORDS and sum(w[0].isupper() for w in long_words) >= TITLE_SHARE * len(
        long_words
    )


def key_of(word: str) -> str:
    """The lower-case word before any apostrophe: "Trump’s" counts as "trump", "Won’t" as "won"."""
    return re.split(r"['’]", word.lower(), maxsplit=1)[0]


def case_evidence(text: str) -> tuple[Counter[str], Counter[str]]:
    """How ``text`` writes its words: capitalised after a lower-case word or comma (a name's case, not
    a sentence's), and in lower case."""
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    prev_end, prev_word = -10, ""
    for m in WORD.finditer(text):
        w = m.group(0)
        if w[0].isupper() and not w.isupper():
            gap = text[prev_end : m.start()]
            if prev_word[:1].islower() and gap.strip() in ("", ","):
                capital[key_of(w)] += 1
        elif w.islower():
            lower[key_of(w)] += 1
        prev_end, prev_word = m.end(), w
    return capital, lower


def truecase(text: str) -> str:
    """``text`` with its Title Case lines in sentence case, same length; other lines unchanged."""
    lines = text.split("\n")
    title = [is_title_case(line) for line in lines]
    if not any(title):
        return text
    capital, lower = case_evidence("\n".join(line for line, t in zip(lines, title, strict=True) if not t))

    def word_case(m: re.Match[str]) -> str:
        w = m.group(0)
        if not w[0].isupper() or w == "I" or any(c.isupper() for c in w[1:]):
            return w  # lower already, "I", an acronym ("GOP") or inner capitals ("McCain")
        key = key_of(w)
        caps, lows = capital[key], lower[key]
        if caps != lows:
            return w if caps > lows else w.lower()
        return w.lower() if all(is_common(p) for p in key.split("-")) else w

    out = []
    for line, is_title in zip(lines, title, strict=True):
        if is_title:
            first = WORD.search(line)
            start = first.end() if first else 0  # the line's first word keeps its capital
            line = line[:start] + WORD.sub(word_case, line[start:])
        out.append(line)
    return "\n".join(out)
