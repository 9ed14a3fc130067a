"""A picture of the ontology for the README: a Mermaid class diagram generated from ontology/claim-kg.ttl.

``python -m kg.diagram`` rewrites the block between the ``ontology-diagram`` markers in README.md; a test
checks the README is up to date with the ontology.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.namespace import NS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "claim-kg.ttl"
README = ROOT / "README.md"
BEGIN, END = "<!-- ontology-diagram:begin -->", "<!-- ontology-diagram:end -->"
PREFIXES = {
    "http://www.w3.org/ns/prov#": "prov",
    "http://schema.org/": "schema",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#": "nif",
    "http://www.w3.org/2004/02/skos/core#": "skos",
    "http://www.w3.org/2001/XMLSchema#": "xsd",
}


def short(term: object) -> str:
    text = str(term)
    if text.startswith(NS):
        return text[len(NS) :]
    for ns, prefix in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}_{text[len(ns) :]}"
    return text.rsplit("/", 1)[-1]


def mermaid(g: Graph) -> str:
    """Classes with their datatype properties, object properties as associations, sub-classes as
    inheritance (only the claim-kg namespace; shortcut properties are summarised by their super-property)."""
    ours = sorted((c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(NS)), key=str)
    lines = ["classDiagram", "  direction LR"]
    for cls in ours:
        fields = sorted(
            f"    {short(p)}: {short(r)}"
            for p in g.subjects(RDFS.domain, cls)
            if (p, RDF.type, OWL.DatatypeProperty) in g
            for r in g.objects(p, RDFS.range)
        )
        lines.append(f"  class {short(cls)} {{")
        lines.extend(fields)
        lines.append("  }")
        for parent in sorted(g.objects(cls, RDFS.subClassOf), key=str):
            if isinstance(parent, URIRef):
                lines.append(f"  {short(parent)} <|-- {short(cls)}")
    shortcut_parents = {URIRef(NS + "attributes"), URIRef(NS + "says")}
    for p in sorted(g.subjects(RDF.type, OWL.ObjectProperty), key=str):
        if not str(p).startswith(NS) or set(g.objects(p, RDFS.subPropertyOf)) & shortcut_parents:
            continue
        for d in g.objects(p, RDFS.domain):
            for r in g.objects(p, RDFS.range):
                lines.append(f"  {short(d)} --> {short(r)} : {short(p)}")
    return "\n".join(lines) + "\n"


def readme_block(g: Graph) -> str:
    return f"{BEGIN}\n```mermaid\n{mermaid(g)}```\n{END}"


def main() -> int:
    g = Graph().parse(ONTOLOGY, format="turtle")
    text = README.read_text(encoding="utf-8")
    block = readme_block(g)
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.replace(
            "## Loading the Turtle", f"## The ontology\n\n{block}\n\n## Loading the Turtle", 1
        )
    README.write_text(text, encoding="utf-8")
    print(f"updated {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
