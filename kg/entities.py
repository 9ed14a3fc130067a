"""Entity normalisation: which sources are the same real-world agent, and whom they speak for.

Works on the strings a record carries (no NLP model), so records read back from a store normalise
exactly as fresh ones:

- :func:`normal_name` strips titles and roles from a person's name ("Russian leader Vladimir Putin",
  "Mr. Putin's" -> "Vladimir Putin", "Putin"), a leading "the" and a possessive from any name, and
  middle initials ("Donald J. Trump" -> "Donald Trump"); :func:`name_key` is its case-folded form.
- :func:`article_agents` gives every named record of one article the key of its agent, merging a
  bare surname into the one fuller person name of the article that ends with it ("Putin" = "Vladimir
  Putin"). Named sources with the same key are one agent across articles; unnamed sources ("officials")
  are never an agent.
- :func:`affiliation` reads whom a source acts for from its role or unnamed mention: a capitalised
  name in it ("Kremlin spokesman", "Ukraine's military spokesman", "a spokesman for the Clinton
  campaign" -> Kremlin, Ukraine, Clinton), never a title, qualifier or demonym ("Russian leader",
  "Republican strategist" -> nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.record import Attribution

DATA = Path(__file__).parent / "data"

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class _StopWords:
    trim: frozenset[str]
    alone: frozenset[str]
    suffixes: tuple[str, ...]


@cache
def _stop_words() -> _StopWords:
    trim, alone, suffixes = set(), set(), []
    for line in (DATA / "affiliation_stop.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            suffixes.append(line[1:])
        elif line.endswith("=alone"):
            alone.add(line.removesuffix("=alone"))
        else:
            trim.add(line)
    return _StopWords(frozenset(trim), frozenset(alone), tuple(suffixes))


@cache
def _role_words() -> frozenset[str]:
    from kg.sources import role_words

    return frozenset(role_words())


def _strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word) if len(word) > 2 else word


def _is_role_word(word: str) -> bool:
    low = word.lower()
    return low in _role_words() or low.split("-")[0] in _role_words()


def normal_name(name: str, source_type: str | None = "person") -> str:
    """The name without titles, roles (persons only), a leading article, possessive or middle initials;
    all-capital or all-lower names in title case. ``""`` when nothing is left."""
    words = name.replace("’", "'").split()
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    if words:
        words[-1] = _strip_possessive(words[-1])
    if source_type == "person":
        # Drop everything up to the last role word that still leaves a name ("Russian leader Vladimir
        # Putin", "Secretary of State John Kerry"), and middle initials.
        cut = max((i + 1 for i, w in enumerate(words[:-1]) if _is_role_word(w)), default=0)
        words = words[cut:]
        if len(words) > 2:
            words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    out = " ".join(w for w in words if w)
    if out.isupper() or out.islower():
        out = out.title()
    return out


def name_key(name: str, source_type: str | None = "person") -> str:
    """The case-folded :func:`normal_name` without full stops: equal keys are one agent."""
    return " ".join(normal_name(name, source_type).casefold().replace(".", " ").split())


@dataclass(frozen=True)
class Agent:
    """The real-world agent a named source is: its key (identity) and its name as shown."""

    key: str
    name: str


def record_agent(record: Attribution) -> Agent | None:
    """The agent of one record taken alone (no surname merging); ``None`` for unnamed or no source."""
    if record.source is None or record.source_type in (None, "unnamed"):
        return None
    name = normal_name(record.source_resolved or record.source, record.source_type)
    key = name_key(name, None)
    return Agent(key, name) if key else None


def article_agents(records: Iterable[Attribution]) -> dict[str, Agent]:
    """Record id -> agent for the named records of one article, a bare surname merged into the one
    longer person name of the article ending with it (two candidates: left apart)."""
    records = list(records)
    agents = {r.id: a for r in records if (a := record_agent(r)) is not None}
    people = {a.key: a for r in records if r.source_type == "person" and (a := agents.get(r.id))}
    longer: dict[str, list[Agent]] = {}
    for a in people.values():
        words = a.key.split()
        if len(words) > 1:
            longer.setdefault(words[-1], []).append(a)
    out = {}
    for rid, a in agents.items():
        candidates = longer.get(a.key, []) if a.key in people and " " not in a.key else []
        out[rid] = candidates[0] if len(candidates) == 1 else a
    return out


def _runs(words: list[str]) -> list[list[str]]:
    """Maximal runs of capitalised words (a possessive ends a run)."""
    runs: list[list[str]] = []
    current: list[str] = []
    for w in words:
        core = w.strip(',;:()"')
        if core and (core[0].isupper() or core.lower() in ("u.s.",)):
            stripped = _strip_possessive(core)
            current.append(stripped)
            if stripped != core:
                runs.append(current)
                current = []
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _is_title(word: str) -> bool:
    return word.lower() in _stop_words().trim


def _not_alone(word: str) -> bool:
    """A word that is no affiliation on its own: "State", "U.S.", a demonym ("Russian")."""
    stop = _stop_words()
    low = word.lower()
    return low in stop.alone or (low.endswith(stop.suffixes) and len(low) > 5)


def affiliation(phrase: str | None) -> str | None:
    """Whom a role or an unnamed source phrase says the source acts for, or ``None``."""
    if not phrase:
        return None
    for run in _runs(phrase.replace("’", "'").split()):
        while run and _is_title(run[0]):
            run = run[1:]
        while run and _is_title(run[-1]):
            run = run[:-1]
        if run and not all(_not_alone(w) for w in run):
            return " ".join(run)
    return None


def source_affiliation(record: Attribution) -> str | None:
    """The affiliation of a record's source: from the role of a named source, from the whole mention
    of an unnamed one ("Ukraine officials" -> Ukraine)."""
    if record.source is None:
        return None
    if record.source_type == "unnamed":
        return affiliation(record.source)
    return affiliation(record.source_role)
