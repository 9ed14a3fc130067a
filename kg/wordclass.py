"""WordNet classes of lemmas: what the cue model knows of a word it has not seen often in training.

PolNeAR's cues are spread over hundreds of verbs ("praised", "lauded", "backed", "endorsed"), most too
rare in training for a feature naming the lemma. WordNet groups them: its lexicographer files
("verb.communication", "verb.cognition", "noun.person"), the first sense's direct hypernym ("laud" and
"commend" are kinds of "praise", "back" and "endorse" of "approve") and, for verbs, the sentence frames
it takes ("Somebody ----s that CLAUSE" is frame 26). The cue model's features (:mod:`kg.cue_model`)
name these classes, so what it learns of one verb carries over to the others of its class.

The data, ``kg/data/word_classes.tsv``, is built from WordNet 3.0 by ``bench/build_word_classes.py``
(WordNet 3.0 Copyright 2006 by Princeton University; licence in ``kg/data/WORDNET-LICENSE.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORD_CLASSES_FILE = Path(__file__).parent / "data" / "word_classes.tsv"
POS = frozenset({"v", "n"})


class WordClassError(ValueError):
    """A malformed word-class file; the message names the file and line."""


@dataclass(frozen=True)
class WordClass:
    """A lemma's WordNet classes: its first sense's lexicographer file, the files of its first senses,
    its first sense's direct hypernym and top hypernym (first words), and its verb frames."""

    lexname: str
    lexnames: tuple[str, ...]
    hypernym: str | None
    top: str
    frames: frozenset[int]


def read_word_classes(path: Path) -> dict[tuple[str, str], WordClass]:
    """``(lemma, pos) -> WordClass`` from a file of ``lemma pos lexname lexnames hypernym top frames``
    rows (tab-separated; ``-`` for none; ``#`` comments)."""
    classes: dict[tuple[str, str], WordClass] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 7 or fields[1] not in POS:
            raise WordClassError(f"{path}:{n}: expected 7 fields 'lemma pos lexname ...', got {line[:60]!r}")
        lemma, pos, lexname, lexnames, hypernym, top, frames = fields
        try:
            frame_set = frozenset(int(f) for f in frames.split(",")) if frames != "-" else frozenset()
        except ValueError:
            raise WordClassError(f"{path}:{n}: frames {frames!r} are not numbers") from None
        classes[lemma, pos] = WordClass(
            lexname, tuple(lexnames.split(",")), None if hypernym == "-" else hypernym, top, frame_set
        )
    return classes


@cache
def load_word_classes(path: Path | None = None) -> dict[tuple[str, str], WordClass]:
    """The packaged classes (or those at ``path``); empty when the packaged file is absent."""
    target = path or WORD_CLASSES_FILE
    if path is None and not target.exists():
        return {}
    return read_word_classes(target)


def word_class(lemma: str, pos: str) -> WordClass | None:
    """The packaged class of ``lemma`` as a ``"v"`` (verb) or ``"n"`` (noun)."""
    return load_word_classes().get((lemma, pos))
