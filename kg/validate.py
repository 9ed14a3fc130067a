"""SHACL validation of claim graphs against ``ontology/shapes.ttl`` with pySHACL.

The shapes use ``sh:class``, so the data is validated together with the ontology (for class
membership through ``rdfs:subClassOf``, e.g. a ckg:Sentence is a ckg:TextSpan).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
SHAPES = ONTOLOGY / "shapes.ttl"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_graph(data: Graph, shapes: Path = SHAPES) -> ValidationReport:
    """Validate ``data`` (an explicit graph, not a dataset) against the SHACL ``shapes``."""
    from pyshacl import validate
    from rdflib.namespace import SH

    shapes_graph = Graph().parse(shapes, format="turtle")
    ontology = Graph().parse(ONTOLOGY / "claim-kg.ttl", format="turtle")
    conforms, results, text = validate(
        data, shacl_graph=shapes_graph, ont_graph=ontology, inference="rdfs", allow_warnings=False
    )
    violations = len(list(results.subjects(SH.resultSeverity, SH.Violation)))
    return ValidationReport(bool(conforms), violations, str(text))
