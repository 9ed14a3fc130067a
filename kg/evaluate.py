"""Score extracted attributions against gold: content detection, full attribution, stance.

The definition is that of the reference scorer (``../shared/eval/score.py`` with ``--pronoun-lenient``);
this is an independent implementation of it, cross-checked in ``tests/test_evaluate.py``.

*Tokens* of a string are the lowercased runs of ``[^\\W_]+`` (letters and digits; punctuation and
underscores separate). Everything is scored within one document:

- **content match**: a prediction and a gold item match when the Jaccard index of the *sets* of tokens
  of their content strings is ``>= 0.5`` (an empty set matches nothing). Matching is one-to-one and
  greedy: candidate pairs are taken best first by (higher Jaccard, source match, required before
  optional gold, equal stance, equal cue text, lower gold index, lower prediction index).
- **source match**: some *content word* of the predicted source — a token not in :data:`STOPWORDS` nor in
  :data:`PLACEHOLDERS` — occurs among the tokens of the gold ``source`` or ``source_resolved``.
  A gold item whose source is ``None`` matches only a prediction whose source has no content word other
  than a placeholder ("unknown", "unspecified", ...). *Pronoun-lenient* (on by default): a gold source
  whose ``source`` and ``source_resolved`` are made only of stopwords ("who", "his") matches any
  prediction with at least one token.
- **full match**: a second, separate greedy one-to-one matching over the content-matched candidate
  pairs (Jaccard ``>= 0.5``) whose source matches, best Jaccard first (ties: gold index, prediction index),
  restricted to required gold items and to predictions that are not don't-care.
- **optional gold** items are don't-care unless ``strict``: a prediction that the content matching pairs
  with an optional gold item is neither a true nor a false positive, and an unmatched optional item is
  not a false negative. With ``strict`` every gold item is required.
- P = TP / scored predictions, R = TP / required gold items, F1 their harmonic mean (0 when undefined),
  summed over the gold documents; predictions for documents absent from the gold are ignored.
- **stance** confusion over the content-matched pairs with required gold. Gold stance is compared as
  given; predicted stance is normalised (``deny`` for "den...", "negative", "reject", "neg").

Gold comes from a PolNeAR/brat split directory (``text/`` + ``attributions/STEM_XXXX.ann``; the first
annotator file by name; discontinuous spans joined with one space; events without content skipped;
the source is the ``Source`` role's text, ``None`` without one, as in Attribution-no-source events)
or from a gold JSONL file (``{"id": ..., "attributions": [...]}`` per line). Text files are read in
Python's universal-newline text mode, exactly as the reference converter reads them. Numeric document
ids are zero-padded to two digits ("7" -> "07").
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "KINDS",
    "PLACEHOLDERS",
    "PRF",
    "STOPWORDS",
    "THRESHOLD",
    "DocRow",
    "EvalInputError",
    "EvalReport",
    "GoldItem",
    "PrecisionCounts",
    "Prediction",
    "RecallCounts",
    "against_annotators",
    "agreement",
    "annotator_files",
    "combine_source",
    "gold_texts",
    "jaccard",
    "load_gold",
    "load_predictions",
    "multi_annotated",
    "normalize_doc_id",
    "normalize_stance",
    "pr_curve",
    "prediction_matches",
    "predictions_from_records",
    "prf",
    "score",
    "source_is_empty",
    "source_match",
    "tokens",
]

THRESHOLD = 0.5
"""Minimum token-set Jaccard of two content strings for a content match."""

KINDS = ("direct", "indirect", "mixed", "according_to", "passive", "unattributed_hedge")
"""Report order of gold kinds (other kinds, e.g. PolNeAR's ``polnear``, follow alphabetically)."""

# Tokens that never make a source match on their own.
# fmt: off
STOPWORDS = frozenset({
    "a", "an", "the", "of", "for", "and", "or", "in", "on", "at", "to", "with", "by", "from", "as",
    "into", "onto", "about", "over", "than", "that", "this", "these", "those",
    "its", "their", "his", "her", "our", "your", "my", "mr", "mrs", "ms", "dr", "sir",
    "who", "which", "whom", "whose", "s",
})
# fmt: on

PLACEHOLDERS = frozenset(
    {"unknown", "unspecified", "none", "null", "n", "na", "unattributed", "implicit", "nobody"}
)
"""Tokens a predicted source may use to say "no source"."""

_TOKEN_RE = re.compile(r"[^\W_]+")
_ANNOTATOR_FILE_RE = re.compile(r"_[0-9a-f]{4}\.ann$")
_DENY_WORDS = frozenset({"negative", "reject", "neg"})


class EvalInputError(ValueError):
    """A gold or prediction file that cannot be read; the message names the file and line."""


# --------------------------------------------------------------------------------------------------
# Tokens, overlap, source matching
# --------------------------------------------------------------------------------------------------


def tokens(text: str | None) -> list[str]:
    """Lowercased letter/digit runs of ``text`` (``None`` has none)."""
    return _TOKEN_RE.findall((text or "").lower())


def jaccard(a: str | None, b: str | None) -> float:
    """Jaccard index of the token sets of ``a`` and ``b``; 0.0 when either has no token."""
    set_a, set_b = set(tokens(a)), set(tokens(b))
    if not set_a or not set_b:
        return 0.0
    return len(set_a & set_b) / len(set_a | set_b)


def _non_stopwords(text: str | None) -> set[str]:
    return {t for t in tokens(text) if t not in STOPWORDS}


def source_is_empty(source: str | None) -> bool:
    """True when a predicted source says "no source": no token beyond stopwords and placeholders."""
    return not (_non_stopwords(source) - PLACEHOLDERS)


def source_match(pred_source: str | None, gold: GoldItem, *, pronoun_lenient: bool = True) -> bool:
    """Whether a predicted source matches the gold item's source (see the module docstring)."""
    if gold.source is None:
        return source_is_empty(pred_source)
    if pronoun_lenient and not _non_stopwords(gold.source) and not _non_stopwords(gold.source_resolved):
        return bool(tokens(pred_source))
    pred_words = _non_stopwords(pred_source) - PLACEHOLDERS
    gold_tokens = set(tokens(gold.source)) | set(tokens(gold.source_resolved))
    return bool(pred_words & gold_tokens)


def normalize_doc_id(doc: object) -> str:
    """A document id as the scorer keys it: stripped, numeric ids zero-padded to two digits."""
    text = str(doc).strip()
    return text.zfill(2) if text.isdigit() else text


def normalize_stance(stance: object) -> str:
    """``"deny"`` for "deny"/"denial"/"negative"/"reject"/"neg" (any case), else ``"assert"``."""
    text = (str(stance) if stance else "assert").strip().lower()
    return "deny" if text.startswith("den") or text in _DENY_WORDS else "assert"


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldItem:
    """One gold attribution. ``source`` is ``None`` when the attribution has no source."""

    source: str | None
    source_resolved: str | None
    cue: str
    content: str
    stance: str = "assert"
    kind: str = "unknown"
    optional: bool = False
    content_start: int | None = None
    # character offsets of the cue and of the content (brat gold only; not part of an item's identity)
    cue_spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    content_spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> GoldItem:
        """From one item of a gold JSONL line's ``attributions`` (missing stance: assert)."""
        start = obj.get("content_start")
        return cls(
            source=_opt_str(obj.get("source")),
            source_resolved=_opt_str(obj.get("source_resolved")),
            cue=str(obj.get("cue") or ""),
            content=str(obj.get("content") or ""),
            stance=str(obj.get("stance") or "assert"),
            kind=str(obj.get("kind") or "unknown"),
            optional=bool(obj.get("optional", False)),
            content_start=None if start is None else int(start),
        )


def load_gold(path: Path | str) -> dict[str, list[GoldItem]]:
    """Gold attributions by document id, from a brat split directory or a gold JSONL file."""
    p = Path(path)
    return _load_brat_gold(p) if p.is_dir() else _load_jsonl_gold(p)


def gold_texts(path: Path | str, texts: Path | str | None = None) -> dict[str, Path]:
    """Document id -> text file for the documents of the gold at ``path``.

    For a brat split these are ``text/STEM.txt`` of the annotated documents. For a gold JSONL file they
    are ``DOC.txt`` in ``texts`` (default: the JSONL file's directory), where such a file exists.
    """
    p = Path(path)
    if p.is_dir():
        return {normalize_doc_id(stem): p / "text" / f"{stem}.txt" for stem in _annotation_files(p)}
    text_dir = Path(texts) if texts is not None else p.parent
    found = {doc: text_dir / f"{doc}.txt" for doc in _load_jsonl_gold(p)}
    return {doc: f for doc, f in found.items() if f.is_file()}


def _json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """The non-blank lines of a JSONL file, parsed, with their line numbers."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{path}:{number}: not JSON: {exc.msg}") from exc


def _load_jsonl_gold(path: Path) -> dict[str, list[GoldItem]]:
    gold: dict[str, list[GoldItem]] = {}
    for number, obj in _json_lines(path):
        if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("attributions"), list):
            raise EvalInputError(f"{path}:{number}: expected {{'id': ..., 'attributions': [...]}}")
        gold[normalize_doc_id(obj["id"])] = [GoldItem.from_json(a) for a in obj["attributions"]]
    return gold


# brat standoff: "Tn<TAB>Label start end[;start end]<TAB>text" and "En<TAB>Trigger:Tx Role:Ty ..."
Spans = list[tuple[int, int]]


def annotator_files(split: Path) -> dict[str, list[Path]]:
    """Stem -> its annotator files (``STEM_XXXX.ann``, by name) in ``split/attributions``."""
    files: dict[str, list[Path]] = {}
    for f in sorted((split / "attributions").iterdir(), key=lambda q: q.name):
        if f.is_file() and f.name.endswith(".ann"):
            stem = _ANNOTATOR_FILE_RE.sub("", f.name).removesuffix(".ann")
            files.setdefault(stem, []).append(f)
    return files


def _annotation_files(split: Path) -> dict[str, Path]:
    """Stem -> its first annotator file (by name) in ``split/attributions``."""
    return {stem: files[0] for stem, files in annotator_files(split).items()}


def _parse_spans(field_text: str) -> Spans:
    spans = []
    for part in field_text.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def _parse_event(field_text: str) -> dict[str, str]:
    """``"Attribution:T1 Content:T2"`` -> ``{"Attribution": "T1", "Content": "T2"}`` (last of a role)."""
    event = {}
    for arg in field_text.split():
        role, colon, ref = arg.partition(":")
        if not colon:
            raise ValueError(f"event argument without ':': {arg!r}")
        event[role] = ref
    return event


def _parse_ann(path: Path) -> tuple[dict[str, Spans], list[dict[str, str]]]:
    """Text-bound annotations (id -> spans) and events (role -> annotation id) of one ``.ann`` file."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            try:
                if line.startswith("T") and len(parts) >= 2:
                    spans[parts[0]] = _parse_spans(parts[1].partition(" ")[2])
                elif line.startswith("E"):
                    events.append(_parse_event(parts[1]))
            except (IndexError, ValueError) as exc:
                raise EvalInputError(f"{path}:{number}: malformed brat line: {line.rstrip()!r}") from exc
    return spans, events


def _role_text(event: Mapping[str, str], role: str, spans: Mapping[str, Spans], text: str) -> str | None:
    """The text of an event's role (discontinuous spans joined by one space), ``None`` without it."""
    ref = event.get(role)
    if ref is None or ref not in spans:
        return None
    return " ".join(text[a:b] for a, b in spans[ref])


def _brat_items(ann: Path, text: str) -> list[GoldItem]:
    spans, events = _parse_ann(ann)
    items = []
    for event in events:
        content = _role_text(event, "Content", spans, text)
        if not content:
            continue
        source = _role_text(event, "Source", spans, text)
        items.append(
            GoldItem(
                source=source,
                source_resolved=source,
                cue=_role_text(event, "Cue", spans, text) or "",
                content=content,
                stance="assert",
                kind="polnear",
                optional=False,
                content_start=spans[event["Content"]][0][0],
                cue_spans=tuple(spans.get(event.get("Cue", ""), ())),
                content_spans=tuple(spans[event["Content"]]),
            )
        )
    return items


def _load_brat_gold(split: Path) -> dict[str, list[GoldItem]]:
    gold: dict[str, list[GoldItem]] = {}
    for stem, ann in sorted(_annotation_files(split).items()):
        text = (split / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        gold[normalize_doc_id(stem)] = _brat_items(ann, text)
    return gold


# --------------------------------------------------------------------------------------------------
# Predictions
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    """One predicted attribution; ``source`` holds surface and resolved source together."""

    doc: str
    source: str | None
    cue: str
    content: str
    stance: str = "assert"
    confidence: float = 1.0
    cue_class: str | None = None


def combine_source(surface: str | None, resolved: str | None) -> str | None:
    """``"he Vadym Boichenko"`` from surface ``"he"`` and resolved ``"Vadym Boichenko"``; one if equal."""
    if not resolved or (surface or "").strip().lower() == resolved.strip().lower():
        return surface
    if not surface:
        return resolved
    return f"{surface} {resolved}"


def _confidence(value: object) -> float:
    """A prediction's confidence; 1.0 when absent."""
    if value is None:
        return 1.0
    if isinstance(value, int | float | str):
        return float(value)
    raise ValueError(f"confidence must be a number, not {value!r}")


def load_predictions(path: Path | str, texts: Path | str | None = None) -> list[Prediction]:
    """Predictions from a JSONL file, one attribution per line.

    Keys: ``doc`` (alias ``id``), ``source``, ``cue``, ``content``, ``stance``, optional ``confidence`` and
    ``cue_class``. When ``content`` is empty and ``content_start``/``content_end`` are given, the content
    is ``DOC.txt[start:end]`` from the ``texts`` directory. A gold-format line
    (``{"id": ..., "attributions": [...]}``) contributes each of its attributions. As in the reference
    scorer only ``source`` counts, except in claim-kg records (lines of the JSONL contract, with
    ``content_spans``), whose ``source_resolved`` is joined to it as :func:`predictions_from_records`
    does, so that ``kg eval --pred`` of a saved run scores what the run scored.
    """
    p = Path(path)
    text_dir = Path(texts) if texts is not None else None
    cache: dict[str, str | None] = {}
    predictions = []
    for number, obj in _json_lines(p):
        if not isinstance(obj, dict):
            raise EvalInputError(f"{p}:{number}: expected a JSON object")
        for item in _expand(obj):
            doc = normalize_doc_id(item.get("doc", item.get("id", "")))
            content = item.get("content") or _content_from_offsets(item, doc, text_dir, cache)
            resolved = item.get("source_resolved") if "content_spans" in item else None
            predictions.append(
                Prediction(
                    doc=doc,
                    source=combine_source(_opt_str(item.get("source")), _opt_str(resolved)),
                    cue=str(item.get("cue") or ""),
                    content=str(content or ""),
                    stance=normalize_stance(item.get("stance")),
                    confidence=_confidence(item.get("confidence")),
                    cue_class=_opt_str(item.get("cue_class")),
                )
            )
    return predictions


def _expand(obj: dict[str, Any]) -> list[dict[str, Any]]:
    """A gold-format line's attributions (each tagged with the line's id), or the line itself."""
    if "attributions" in obj:
        return [dict(a, doc=obj["id"]) for a in obj["attributions"]]
    return [obj]


def _content_from_offsets(
    item: Mapping[str, Any], doc: str, text_dir: Path | None, cache: dict[str, str | None]
) -> str | None:
    start, end = item.get("content_start"), item.get("content_end")
    if start is None or end is None or text_dir is None:
        return None
    if doc not in cache:
        f = text_dir / f"{doc}.txt"
        cache[doc] = f.read_text(encoding="utf-8") if f.is_file() else None
    text = cache[doc]
    return None if text is None else text[int(start) : int(end)]


def predictions_from_records(records: Iterable[Mapping[str, Any]]) -> list[Prediction]:
    """Predictions from our JSONL record dicts (:meth:`kg.record.Attribution.to_json`)."""
    return [
        Prediction(
            doc=normalize_doc_id(r["doc"]),
            source=combine_source(_opt_str(r.get("source")), _opt_str(r.get("source_resolved"))),
            cue=str(r.get("cue") or ""),
            content=str(r.get("content") or ""),
            stance=normalize_stance(r.get("stance")),
            confidence=_confidence(r.get("confidence")),
            cue_class=_opt_str(r.get("cue_class")),
        )
        for r in records
    ]


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


def prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    """Precision, recall and F1, each 0.0 when its denominator is 0."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f)


@dataclass
class RecallCounts:
    """Required gold items of one group, and how many were content- and fully matched."""

    gold: int = 0
    content: int = 0
    full: int = 0

    @property
    def content_recall(self) -> float:
        return self.content / self.gold if self.gold else 0.0

    @property
    def full_recall(self) -> float:
        return self.full / self.gold if self.gold else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "content": self.content,
            "full": self.full,
            "content_recall": self.content_recall,
            "full_recall": self.full_recall,
        }


@dataclass
class PrecisionCounts:
    """Scored predictions of one group, and how many were content- and fully matched."""

    pred: int = 0
    content: int = 0
    full: int = 0

    @property
    def content_precision(self) -> float:
        return self.content / self.pred if self.pred else 0.0

    @property
    def full_precision(self) -> float:
        return self.full / self.pred if self.pred else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "pred": self.pred,
            "content": self.content,
            "full": self.full,
            "content_precision": self.content_precision,
            "full_precision": self.full_precision,
        }


@dataclass(frozen=True)
class DocRow:
    """Per-document counts: required gold, scored predictions, true positives."""

    doc: str
    gold: int
    pred: int
    content_tp: int
    full_tp: int

    @property
    def content_f1(self) -> float:
        return prf(self.content_tp, self.pred, self.gold).f1

    @property
    def full_f1(self) -> float:
        return prf(self.full_tp, self.pred, self.gold).f1

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "gold": self.gold,
            "pred": self.pred,
            "content_tp": self.content_tp,
            "full_tp": self.full_tp,
            "content_f1": self.content_f1,
            "full_f1": self.full_f1,
        }


def _ordered_kinds(kinds: Iterable[str]) -> list[str]:
    present = set(kinds)
    return [k for k in KINDS if k in present] + sorted(present - set(KINDS))


def _label(name: str) -> str:
    return name or "(none)"


def _width(title: str, names: Iterable[str]) -> int:
    """Width of a table's first column: the title, or two spaces of indent plus the longest name."""
    return max([len(title), *(2 + len(n) for n in names)])


@dataclass
class EvalReport:
    """The outcome of :func:`score`; counts are summed over the gold documents."""

    strict: bool = False
    pronoun_lenient: bool = True
    n_gold: int = 0
    n_pred: int = 0
    tp_content: int = 0
    tp_full: int = 0
    dont_care: int = 0
    stance: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(gold stance, predicted stance) -> content-matched pairs."""
    by_kind: dict[str, RecallCounts] = field(default_factory=dict)
    by_cue_class: dict[str, RecallCounts] = field(default_factory=dict)
    """Recall by the class of the gold cue text (see ``classify`` in :func:`score`)."""
    by_pred_cue_class: dict[str, PrecisionCounts] = field(default_factory=dict)
    """Precision by the prediction's ``cue_class`` (else the class of its cue text)."""
    docs: list[DocRow] = field(default_factory=list)
    unknown_docs: dict[str, int] = field(default_factory=dict)
    """Documents absent from the gold -> number of (ignored) predictions."""

    @property
    def content(self) -> PRF:
        return prf(self.tp_content, self.n_pred, self.n_gold)

    @property
    def full(self) -> PRF:
        return prf(self.tp_full, self.n_pred, self.n_gold)

    @property
    def content_precision(self) -> float:
        return self.content.precision

    @property
    def content_recall(self) -> float:
        return self.content.recall

    @property
    def content_f1(self) -> float:
        return self.content.f1

    @property
    def full_precision(self) -> float:
        return self.full.precision

    @property
    def full_recall(self) -> float:
        return self.full.recall

    @property
    def full_f1(self) -> float:
        return self.full.f1

    @property
    def stance_pairs(self) -> int:
        return sum(self.stance.values())

    @property
    def stance_accuracy(self) -> float:
        agree = sum(n for (g, p), n in self.stance.items() if g == p)
        return agree / self.stance_pairs if self.stance_pairs else 0.0

    @property
    def mode(self) -> str:
        return "strict (all gold items required)" if self.strict else "default (optional gold don't-care)"

    @property
    def summary_line(self) -> str:
        """``content_f1=X.XXX full_f1=X.XXX``, the reference scorer's last line."""
        return f"content_f1={self.content_f1:.3f} full_f1={self.full_f1:.3f}"

    def worst(self, n: int = 10) -> list[DocRow]:
        """The ``n`` documents with the lowest full F1 (ties: most gold items first; empty docs left out)."""
        rows = [r for r in self.docs if r.gold or r.pred]
        return sorted(rows, key=lambda r: (r.full_f1, -r.gold, r.doc))[:n]

    def to_text(self, worst: int = 10) -> str:
        """A readable report; its last line is :attr:`summary_line`."""
        lines = [f"mode: {self.mode}; pronoun-lenient: {'on' if self.pronoun_lenient else 'off'}"]
        if self.unknown_docs:
            n = sum(self.unknown_docs.values())
            lines.append(f"warning: {n} predictions for documents not in the gold were ignored")
        lines += self._worst_lines(worst)
        lines += self._recall_lines("kind", self.by_kind, _ordered_kinds(self.by_kind))
        by_size = sorted(self.by_cue_class, key=lambda k: (-self.by_cue_class[k].gold, k))
        lines += self._recall_lines("cue class", self.by_cue_class, by_size)
        lines += self._precision_lines()
        lines += self._totals_lines()
        lines.append(self.summary_line)
        return "\n".join(lines)

    def _worst_lines(self, n: int) -> list[str]:
        rows = self.worst(n)
        if not rows:
            return []
        w = _width(f"worst {len(rows)} documents by full F1", (r.doc for r in rows))
        out = [
            "",
            f"{f'worst {len(rows)} documents by full F1':<{w}}  gold  pred  content_tp  full_tp  full_f1",
        ]
        for r in rows:
            counts = f"{r.gold:5d} {r.pred:5d} {r.content_tp:11d} {r.full_tp:8d}  {r.full_f1:.3f}"
            out.append(f"  {r.doc:<{w - 2}} {counts}")
        return out

    @staticmethod
    def _recall_lines(title: str, groups: Mapping[str, RecallCounts], order: list[str]) -> list[str]:
        if not groups:
            return []
        w = _width(f"recall by {title}", map(_label, order))
        out = ["", f"{f'recall by {title}':<{w}}  gold  content  recall   full  recall"]
        for name in order:
            c = groups[name]
            out.append(
                f"  {_label(name):<{w - 2}} {c.gold:5d} {c.content:8d}  {c.content_recall:6.3f}"
                f" {c.full:6d}  {c.full_recall:6.3f}"
            )
        return out

    def _precision_lines(self) -> list[str]:
        groups = self.by_pred_cue_class
        if not groups:
            return []
        order = sorted(groups, key=lambda k: (-groups[k].pred, k))
        w = _width("precision by predicted cue class", map(_label, order))
        out = ["", f"{'precision by predicted cue class':<{w}}  pred  content  precis   full  precis"]
        for name in order:
            c = groups[name]
            out.append(
                f"  {_label(name):<{w - 2}} {c.pred:5d} {c.content:8d}  {c.content_precision:6.3f}"
                f" {c.full:6d}  {c.full_precision:6.3f}"
            )
        return out

    def _totals_lines(self) -> list[str]:
        st = self.stance
        deny_total = st["deny", "deny"] + st["deny", "assert"]
        assert_total = st["assert", "assert"] + st["assert", "deny"]
        c, f = self.content, self.full
        return [
            "",
            f"gold items: {self.n_gold}   predictions scored: {self.n_pred}   "
            f"predictions on optional gold (don't-care): {self.dont_care}",
            f"{'':22}{'P':>7}{'R':>7}{'F1':>7}   TP",
            f"  content detection   {c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}   {self.tp_content}",
            f"  full attribution    {f.precision:7.3f}{f.recall:7.3f}{f.f1:7.3f}   {self.tp_full}",
            f"  stance accuracy on {self.stance_pairs} content-matched pairs: {self.stance_accuracy:.3f}   "
            f"(gold deny -> pred deny {st['deny', 'deny']}/{deny_total}, "
            f"gold assert -> pred deny {st['assert', 'deny']}/{assert_total})",
        ]

    def to_json(self) -> dict[str, Any]:
        """Every figure of the report as JSON-serialisable data."""
        return {
            "strict": self.strict,
            "pronoun_lenient": self.pronoun_lenient,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "dont_care": self.dont_care,
            "content": {**self.content._asdict(), "tp": self.tp_content},
            "full": {**self.full._asdict(), "tp": self.tp_full},
            "stance": {
                "pairs": self.stance_pairs,
                "accuracy": self.stance_accuracy,
                "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.stance.items())},
            },
            "by_kind": {k: self.by_kind[k].to_json() for k in _ordered_kinds(self.by_kind)},
            "by_cue_class": {k: v.to_json() for k, v in sorted(self.by_cue_class.items())},
            "by_pred_cue_class": {k: v.to_json() for k, v in sorted(self.by_pred_cue_class.items())},
            "docs": [r.to_json() for r in self.docs],
            "unknown_docs": dict(sorted(self.unknown_docs.items())),
        }


# --------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    """A gold item and a prediction whose contents overlap enough to match."""

    gold: int
    pred: int
    overlap: float
    source_ok: bool


@dataclass(frozen=True)
class _DocMatch:
    required: list[bool]
    content: dict[int, int]  # gold index -> prediction index
    full: dict[int, int]
    dont_care: frozenset[int]  # prediction indices matched to optional gold


def _greedy(pairs: Iterable[_Pair], key: Callable[[_Pair], tuple[float, ...]]) -> dict[int, int]:
    """One-to-one matching taking pairs in ``key`` order: gold index -> prediction index."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for pair in sorted(pairs, key=key):
        if pair.gold not in matched and pair.pred not in used:
            matched[pair.gold] = pair.pred
            used.add(pair.pred)
    return matched


def _same_cue(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


def _match_doc(
    gold: Sequence[GoldItem], preds: Sequence[Prediction], *, strict: bool, pronoun_lenient: bool
) -> _DocMatch:
    required = [strict or not g.optional for g in gold]
    pairs = [
        _Pair(gi, pi, overlap, source_match(p.source, g, pronoun_lenient=pronoun_lenient))
        for gi, g in enumerate(gold)
        for pi, p in enumerate(preds)
        if (overlap := jaccard(p.content, g.content)) >= THRESHOLD
    ]

    def content_key(x: _Pair) -> tuple[float, ...]:
        g, p = gold[x.gold], preds[x.pred]
        prefs = (x.source_ok, required[x.gold], p.stance == g.stance, _same_cue(p.cue, g.cue))
        return (-x.overlap, *(-int(b) for b in prefs), x.gold, x.pred)

    content = _greedy(pairs, content_key)
    dont_care = frozenset(pi for gi, pi in content.items() if not required[gi])
    full_pairs = [x for x in pairs if x.source_ok and required[x.gold] and x.pred not in dont_care]
    full = _greedy(full_pairs, lambda x: (-x.overlap, x.gold, x.pred))
    return _DocMatch(required, content, full, dont_care)


class ContentPair(NamedTuple):
    """A gold item and the prediction the content matching pairs it with (as :func:`score` counts)."""

    doc: str
    gold: int  # index into the document's gold items
    prediction: int  # index into the predictions as given
    source_ok: bool  # whether the prediction's source matches the gold item's
    required: bool  # False for optional gold (its prediction is neither right nor wrong)


def content_pairs(
    gold: Mapping[str, Sequence[GoldItem]], predictions: Sequence[Prediction], *, pronoun_lenient: bool = True
) -> list[ContentPair]:
    """Every content match :func:`score` makes, by document in sorted order."""
    gold_by_doc = {normalize_doc_id(doc): items for doc, items in gold.items()}
    where: dict[str, list[int]] = {}
    for i, p in enumerate(predictions):
        where.setdefault(normalize_doc_id(p.doc), []).append(i)
    pairs = []
    for doc in sorted(where):
        idx = where[doc]
        items = gold_by_doc.get(doc, [])
        preds = [predictions[i] for i in idx]
        m = _match_doc(items, preds, strict=False, pronoun_lenient=pronoun_lenient)
        for gi, pi in sorted(m.content.items()):
            ok = source_match(preds[pi].source, items[gi], pronoun_lenient=pronoun_lenient)
            pairs.append(ContentPair(doc, gi, idx[pi], ok, m.required[gi]))
    return pairs


def prediction_matches(
    gold: Mapping[str, Sequence[GoldItem]], predictions: Sequence[Prediction], *, pronoun_lenient: bool = True
) -> list[bool]:
    """For each prediction, in order, whether the content matching pairs it with a gold item (of its
    document; optional gold counts as matched), as :func:`score` counts a content match."""
    matched = [False] * len(predictions)
    for pair in content_pairs(gold, predictions, pronoun_lenient=pronoun_lenient):
        matched[pair.prediction] = True
    return matched


def _default_classify(cue: str) -> str:
    return cue.strip().lower()


def _group_predictions(predictions: Iterable[Prediction]) -> dict[str, list[Prediction]]:
    """Predictions by normalised document id, in input order, with normalised stance."""
    by_doc: dict[str, list[Prediction]] = {}
    for p in predictions:
        doc, stance = normalize_doc_id(p.doc), normalize_stance(p.stance)
        if (doc, stance) != (p.doc, p.stance):
            p = dataclasses.replace(p, doc=doc, stance=stance)
        by_doc.setdefault(doc, []).append(p)
    return by_doc


def _add_doc(
    report: EvalReport,
    doc: str,
    gold: Sequence[GoldItem],
    preds: Sequence[Prediction],
    m: _DocMatch,
    classify: Callable[[str], str],
) -> None:
    """Add one matched document's counts to ``report``."""
    n_required = sum(m.required)
    n_pred = len(preds) - len(m.dont_care)
    content_tp = sum(1 for gi in m.content if m.required[gi])
    report.n_gold += n_required
    report.n_pred += n_pred
    report.tp_content += content_tp
    report.tp_full += len(m.full)
    report.dont_care += len(m.dont_care)
    report.docs.append(DocRow(doc, n_required, n_pred, content_tp, len(m.full)))
    for gi, g in enumerate(gold):
        if not m.required[gi]:
            continue
        groups = (
            report.by_kind.setdefault(g.kind, RecallCounts()),
            report.by_cue_class.setdefault(classify(g.cue), RecallCounts()),
        )
        for counts in groups:
            counts.gold += 1
            counts.content += gi in m.content
            counts.full += gi in m.full
        if gi in m.content:
            report.stance[g.stance, preds[m.content[gi]].stance] += 1
    content_preds = {pi for gi, pi in m.content.items() if m.required[gi]}
    full_preds = set(m.full.values())
    for pi, p in enumerate(preds):
        if pi in m.dont_care:
            continue
        cls = p.cue_class if p.cue_class is not None else classify(p.cue)
        precision = report.by_pred_cue_class.setdefault(cls, PrecisionCounts())
        precision.pred += 1
        precision.content += pi in content_preds
        precision.full += pi in full_preds


def score(
    gold: Mapping[str, Sequence[GoldItem]],
    predictions: Iterable[Prediction],
    *,
    strict: bool = False,
    pronoun_lenient: bool = True,
    classify: Callable[[str], str] | None = None,
) -> EvalReport:
    """Score predictions against gold (see the module docstring for the definition).

    ``classify`` maps a cue text to the class used by the recall-by-cue-class table (and the
    precision table for predictions without ``cue_class``); default: the lowercased cue text.
    """
    classify_cue = classify or _default_classify
    gold_by_doc = {normalize_doc_id(doc): items for doc, items in gold.items()}
    preds_by_doc = _group_predictions(predictions)
    report = EvalReport(strict=strict, pronoun_lenient=pronoun_lenient)
    report.unknown_docs = {doc: len(ps) for doc, ps in preds_by_doc.items() if doc not in gold_by_doc}
    for doc in sorted(gold_by_doc):
        items, preds = gold_by_doc[doc], preds_by_doc.get(doc, [])
        m = _match_doc(items, preds, strict=strict, pronoun_lenient=pronoun_lenient)
        _add_doc(report, doc, items, preds, m, classify_cue)
    return report


def multi_annotated(split: Path | str) -> dict[str, list[list[GoldItem]]]:
    """The articles of a brat split that several people annotated: stem -> each annotator's attributions
    (annotator files in name order)."""
    root = Path(split)
    out: dict[str, list[list[GoldItem]]] = {}
    for stem, files in sorted(annotator_files(root).items()):
        if len(files) > 1:
            text = (root / "text" / f"{stem}.txt").read_text(encoding="utf-8")
            out[normalize_doc_id(stem)] = [_brat_items(f, text) for f in files]
    return out


def agreement(
    annotated: Mapping[str, Sequence[Sequence[GoldItem]]], *, pronoun_lenient: bool = True
) -> EvalReport:
    """How well people agree, by this module's definition: on each article of ``annotated``
    (:func:`multi_annotated`), each annotator's attributions scored as predictions against each other
    annotator's as gold, pooled over all ordered pairs (so precision equals recall)."""
    gold: dict[str, Sequence[GoldItem]] = {}
    pairs: list[Prediction] = []
    for stem, items in annotated.items():
        for i, mine in enumerate(items):
            for j, other in enumerate(items):
                if i != j:
                    gold[f"{stem}#{i}#{j}"] = mine
                    pairs += [Prediction(f"{stem}#{i}#{j}", g.source, g.cue, g.content) for g in other]
    return score(gold, pairs, pronoun_lenient=pronoun_lenient)


def against_annotators(
    annotated: Mapping[str, Sequence[Sequence[GoldItem]]],
    predictions: Iterable[Prediction],
    *,
    pronoun_lenient: bool = True,
) -> EvalReport:
    """``predictions`` (keyed by document id) scored against every annotator of the articles of
    ``annotated``, pooled as :func:`agreement` pools people: the extractor held to the standard people
    meet."""
    own = _group_predictions(predictions)
    gold: dict[str, Sequence[GoldItem]] = {}
    versus: list[Prediction] = []
    for stem, items in annotated.items():
        for i, mine in enumerate(items):
            gold[f"{stem}#{i}"] = mine
            versus += [dataclasses.replace(p, doc=f"{stem}#{i}") for p in own.get(stem, [])]
    return score(gold, versus, pronoun_lenient=pronoun_lenient)


def pr_curve(
    gold: Mapping[str, Sequence[GoldItem]],
    predictions: Iterable[Prediction],
    thresholds: Sequence[float],
    *,
    strict: bool = False,
    pronoun_lenient: bool = True,
    classify: Callable[[str], str] | None = None,
) -> list[tuple[float, EvalReport]]:
    """One report per threshold, scoring only the predictions with ``confidence >= threshold``."""
    preds = list(predictions)
    return [
        (
            t,
            score(
                gold,
                [p for p in preds if p.confidence >= t],
                strict=strict,
                pronoun_lenient=pronoun_lenient,
                classify=classify,
            ),
        )
        for t in thresholds
    ]
