"""Cue and hedge lexicons: data files (``kg/data/*.tsv``) loaded into typed entries.

Users tune extraction by passing their own cue file (same columns) to :func:`load_lexicon`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import cast

from kg.namespace import SCHEMES
from kg.record import CERTAINTIES, STANCES, Certainty, Stance

DATA = Path(__file__).parent / "data"
FRAMES = frozenset({"ccomp", "xcomp", "dobj", "quote", "pobj", "clause"})
POS = ("verb", "noun", "prep")
# adverb: reportive ("reportedly"): a claim resting on someone unnamed, an attribution by itself;
# modal: epistemic ("perhaps"): only weakens the certainty of an attribution it occurs in;
# passive: be + participle ("is believed")
HEDGE_FORMS = frozenset({"adverb", "modal", "passive"})


class LexiconError(ValueError):
    """A malformed lexicon file; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: ``lemma`` (with particle for phrasal cues, e.g. ``call for``) and what it implies."""

    lemma: str
    pos: str
    cue_class: str
    stance: Stance
    certainty: Certainty
    frames: frozenset[str]
    weight: float

    @property
    def head(self) -> str:
        return self.lemma.split(" ", 1)[0]

    @property
    def particle(self) -> str | None:
        parts = self.lemma.split(" ", 1)
        return parts[1] if len(parts) == 2 else None


@dataclass(frozen=True, slots=True)
class Hedge:
    word: str
    form: str
    certainty: Certainty


@dataclass(frozen=True)
class Lexicon:
    """Cues indexed by (head lemma, pos); hedges by word. ``left_out``: the (head lemma, pos) keys of the
    packaged cues that a user's cue file leaves out -- switched off, for the cue model too."""

    cues: dict[tuple[str, str], tuple[Cue, ...]] = field(default_factory=dict)
    adverb_hedges: dict[str, Hedge] = field(default_factory=dict)
    passive_hedges: dict[str, Hedge] = field(default_factory=dict)
    left_out: frozenset[tuple[str, str]] = frozenset()

    def switched_off(self, lemma: str, pos: str) -> bool:
        """Whether ``lemma`` (a ``"verb"`` or ``"noun"``) is a packaged cue this lexicon leaves out."""
        return (lemma, pos) in self.left_out

    def verb(self, lemma: str, particle: str | None = None) -> Cue | None:
        """The verb cue for ``lemma`` (preferring the phrasal ``lemma particle`` when it exists)."""
        entries = self.cues.get((lemma, "verb"), ())
        if particle is not None:
            for cue in entries:
                if cue.particle == particle:
                    return cue
        for cue in entries:
            if cue.particle is None:
                return cue
        return None

    def phrasal(self, lemma: str) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues.get((lemma, "verb"), ()) if c.particle is not None)

    def noun(self, lemma: str) -> Cue | None:
        entries = self.cues.get((lemma, "noun"), ())
        return entries[0] if entries else None

    def source_phrase(self, preposition: str, noun: str) -> Cue | None:
        """The cue of a prepositional phrase naming the source of the clause it modifies
        ("*in* the latest *poll*, the mayor leads"): preposition and the head lemma of its object."""
        return next((c for c in self.cues.get((preposition, "prep"), ()) if c.particle == noun), None)

    def classify(self, cue_text: str) -> str:
        """Map a cue as written ("has said", "according to") to a cue class, for evaluation reports."""
        words = [w.strip(".,:;\"'“”") for w in cue_text.lower().split()]
        if "according" in words:
            return "according_to"
        for i, w in enumerate(words):
            for lemma in _guess_lemmas(w):
                nxt = words[i + 1] if i + 1 < len(words) else None
                cue = self.verb(lemma, nxt) or self.noun(lemma)
                if cue:
                    return cue.cue_class
        return "other"


def _guess_lemmas(word: str) -> Iterable[str]:
    """Cheap lemma guesses for a written verb form (used only to classify gold cue strings)."""
    irregular = {
        "said": "say",
        "says": "say",
        "told": "tell",
        "thought": "think",
        "wrote": "write",
        "found": "find",
        "shown": "show",
        "felt": "feel",
        "swore": "swear",
        "knew": "know",
    }
    if word in irregular:
        yield irregular[word]
        return
    yield word
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            yield word[: -len(suffix)] + repl


def _rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t")
    for (n, _), row in zip(lines[1:], reader, strict=True):
        yield n, row


def read_cues(path: Path) -> list[Cue]:
    cues = []
    for n, row in _rows(path):
        try:
            frames = frozenset(f.strip() for f in row["frames"].split(",") if f.strip())
            cue = Cue(
                row["lemma"].strip().lower(),
                row["pos"].strip(),
                row["class"].strip(),
                cast(Stance, row["stance"].strip()),
                cast(Certainty, row["certainty"].strip()),
                frames,
                float(row["weight"]),
            )
        except (KeyError, ValueError, AttributeError) as exc:
            raise LexiconError(f"{path}:{n}: malformed cue row ({exc})") from exc
        problems = [
            message
            for bad, message in (
                (cue.cue_class not in SCHEMES["cue"], f"unknown class {cue.cue_class!r}"),
                (cue.stance not in STANCES, f"unknown stance {cue.stance!r}"),
                (cue.certainty not in CERTAINTIES, f"unknown certainty {cue.certainty!r}"),
                (bool(cue.frames - FRAMES), f"unknown frames {sorted(cue.frames - FRAMES)}"),
                (cue.pos not in POS, f"pos must be one of {', '.join(POS)}, not {cue.pos!r}"),
                (cue.pos == "prep" and cue.particle is None, "a prep cue is a preposition and a noun"),
            )
            if bad
        ]
        if problems:
            raise LexiconError(f"{path}:{n}: " + "; ".join(problems))
        cues.append(cue)
    return cues


def read_hedges(path: Path) -> list[Hedge]:
    hedges = []
    for n, row in _rows(path):
        certainty = row.get("certainty", "").strip()
        if certainty not in CERTAINTIES or row.get("form") not in HEDGE_FORMS:
            raise LexiconError(f"{path}:{n}: malformed hedge row {row}")
        hedges.append(Hedge(row["word"].strip().lower(), row["form"], certainty))
    return hedges


@cache
def load_lexicon(cue_file: Path | None = None, hedge_file: Path | None = None) -> Lexicon:
    """The lexicon from the packaged data files, or from the given ones. A given cue file replaces the
    packaged one: the packaged cues it leaves out are switched off (``Lexicon.left_out``), so that the
    cue model does not find them either."""
    packaged = DATA / "cues.tsv"
    by_key: dict[tuple[str, str], list[Cue]] = {}
    for cue in read_cues(cue_file or packaged):
        by_key.setdefault((cue.head, cue.pos), []).append(cue)
    left_out: frozenset[tuple[str, str]] = frozenset()
    if cue_file is not None and cue_file.resolve() != packaged.resolve():
        left_out = frozenset((c.head, c.pos) for c in read_cues(packaged)) - by_key.keys()
    hedges = read_hedges(hedge_file or DATA / "hedges.tsv")
    return Lexicon(
        cues={k: tuple(v) for k, v in by_key.items()},
        adverb_hedges={h.word: h for h in hedges if h.form in ("adverb", "modal")},
        passive_hedges={h.word: h for h in hedges if h.form == "passive"},
        left_out=left_out,
    )
