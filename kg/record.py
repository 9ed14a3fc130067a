"""The one record that crosses from the NLP side to the RDF side.

Offsets everywhere are **code-point indices into the document text exactly as read** (UTF-8 decoded,
newlines untranslated), half-open: ``text[span.start:span.end]`` is the span's text. Python ``len``
and SPARQL ``STRLEN`` count the same unit; JavaScript (UTF-16) does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Stance = Literal["assert", "deny"]
Certainty = Literal["certain", "probable", "possible"]
Kind = Literal["direct", "indirect", "mixed", "according_to", "passive", "unattributed_hedge"]
SourceType = Literal["person", "organization", "place", "group", "unnamed"]

STANCES: tuple[Stance, ...] = ("assert", "deny")
CERTAINTIES: tuple[Certainty, ...] = ("certain", "probable", "possible")
KINDS: tuple[Kind, ...] = ("direct", "indirect", "mixed", "according_to", "passive", "unattributed_hedge")
SOURCE_TYPES: tuple[SourceType, ...] = ("person", "organization", "place", "group", "unnamed")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open ``[start, end)`` range of code points in a document text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The text this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution: *source* --cue--> *content*, with stance, certainty and provenance.

    ``content`` is ``text[content_spans[0]]`` for one span; for a split quote it is the span texts
    joined by one space. ``source`` is the surface mention; ``source_resolved`` the fullest mention of
    the same entity in the article (equal to ``source`` when nothing better was found).
    ``method`` names the extraction rule that found the record (e.g. ``quote-cue``, ``ccomp``).
    """

    id: str
    doc: str
    content: str
    content_spans: tuple[Span, ...]
    sentence_span: Span
    kind: Kind
    stance: Stance = "assert"
    certainty: Certainty = "certain"
    hedge: str | None = None
    source: str | None = None
    source_span: Span | None = None
    source_resolved: str | None = None
    source_type: SourceType | None = None
    source_role: str | None = None
    cue: str | None = None
    cue_span: Span | None = None
    cue_lemma: str | None = None
    cue_class: str | None = None
    label: str = ""
    responds_to: str | None = None
    confidence: float = 0.5
    method: str | None = None

    def __post_init__(self) -> None:
        if not self.content_spans:
            raise ValueError("an attribution needs at least one content span")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1]")

    @property
    def content_start(self) -> int:
        return self.content_spans[0].start

    @property
    def content_end(self) -> int:
        return self.content_spans[-1].end

    def spans(self) -> dict[str, Span]:
        """Every span of the record by role (for checking ``text[s:e]`` against the stored strings)."""
        out: dict[str, Span] = {"sentence": self.sentence_span}
        if self.source_span:
            out["source"] = self.source_span
        if self.cue_span:
            out["cue"] = self.cue_span
        for i, s in enumerate(self.content_spans):
            out[f"content{i}"] = s
        return out

    def to_json(self) -> dict[str, Any]:
        """The JSONL contract (see README): every key always present, ``None`` where absent."""
        src, cue = self.source_span, self.cue_span
        return {
            "doc": self.doc,
            "id": self.id,
            "source": self.source,
            "source_resolved": self.source_resolved,
            "source_type": self.source_type,
            "source_role": self.source_role,
            "cue": self.cue,
            "cue_lemma": self.cue_lemma,
            "cue_class": self.cue_class,
            "content": self.content,
            "content_spans": [[s.start, s.end] for s in self.content_spans],
            "label": self.label,
            "stance": self.stance,
            "certainty": self.certainty,
            "hedge": self.hedge,
            "kind": self.kind,
            "responds_to": self.responds_to,
            "source_start": src.start if src else None,
            "source_end": src.end if src else None,
            "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None,
            "content_start": self.content_start,
            "content_end": self.content_end,
            "sentence_start": self.sentence_span.start,
            "sentence_end": self.sentence_span.end,
            "confidence": round(self.confidence, 4),
            "method": self.method,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Attribution:
        """Inverse of :meth:`to_json` (extra keys are ignored)."""

        def span(a: Any, b: Any) -> Span | None:
            return Span(int(a), int(b)) if a is not None and b is not None else None

        sentence = span(obj["sentence_start"], obj["sentence_end"])
        assert sentence is not None
        return cls(
            id=obj["id"],
            doc=obj["doc"],
            content=obj["content"],
            content_spans=tuple(Span(int(a), int(b)) for a, b in obj["content_spans"]),
            sentence_span=sentence,
            kind=obj["kind"],
            stance=obj["stance"],
            certainty=obj["certainty"],
            hedge=obj.get("hedge"),
            source=obj.get("source"),
            source_span=span(obj.get("source_start"), obj.get("source_end")),
            source_resolved=obj.get("source_resolved"),
            source_type=obj.get("source_type"),
            source_role=obj.get("source_role"),
            cue=obj.get("cue"),
            cue_span=span(obj.get("cue_start"), obj.get("cue_end")),
            cue_lemma=obj.get("cue_lemma"),
            cue_class=obj.get("cue_class"),
            label=obj.get("label") or "",
            responds_to=obj.get("responds_to"),
            confidence=float(obj.get("confidence", 0.5)),
            method=obj.get("method"),
        )
