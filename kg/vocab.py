"""The SKOS vocabularies (``ontology/vocabularies.ttl``), generated from :data:`kg.namespace.SCHEMES` and
the cue lexicon so that the vocabulary and the extractor cannot drift apart.

Regenerate with ``python -m kg.vocab``; a test checks the committed file is up to date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import RDF, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from kg.lexicon import DATA, read_cues
from kg.namespace import BROADER, SCHEMES, concept, scheme_iri

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
VOCABULARIES = ONTOLOGY / "vocabularies.ttl"

SCHEME_LABELS = {
    "stance": ("Stance", "Whether a source asserts or denies a claim."),
    "certainty": ("Certainty", "How certain the attribution presents the claim, lowered by hedges."),
    "kind": ("Quote kind", "How the content is reported."),
    "source-type": ("Source type", "What kind of source a claim is attributed to."),
    "cue": (
        "Cue class",
        "Classes of reporting cues; the verbs and nouns of the lexicon are alternative labels.",
    ),
}
DEFINITIONS = {
    ("stance", "assert"): "The source puts the claim forward.",
    (
        "stance",
        "deny",
    ): "The source rejects the claim (deny, dismiss, belie, or negated content answering it).",
    ("certainty", "certain"): "Presented as fact.",
    ("certainty", "probable"): "Hedged: allegedly, reportedly, is believed, alleges.",
    ("certainty", "possible"): "Strongly hedged: purportedly, suggests, estimates.",
    ("kind", "direct"): "A direct quotation in quote marks.",
    ("kind", "indirect"): "Reported speech: a cue with a complement clause, infinitive or object.",
    ("kind", "mixed"): "Reported speech that contains a partial quotation.",
    ("kind", "according_to"): 'Attribution by a phrase naming the source: "according to X", "in a new poll".',
    ("kind", "passive"): 'A passive cue with an agent ("was reported by journalists").',
    ("kind", "unattributed_hedge"): 'A hedged claim with no named source ("allegedly", "is believed").',
    ("source-type", "person"): "A named person, or a pronoun resolved to one.",
    (
        "source-type",
        "organization",
    ): "An organisation, government or institution (a city that speaks is its government).",
    ("source-type", "place"): "A place.",
    ("source-type", "group"): "A named group (Republicans, the Kurds).",
    ("source-type", "unnamed"): "A source not identified by name (officials, a source, initial reports).",
}


def vocabulary_graph() -> Graph:
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    verbs: dict[str, set[str]] = {}
    for cue in read_cues(DATA / "cues.tsv"):
        verbs.setdefault(cue.cue_class, set()).add(cue.lemma)
    for scheme, values in SCHEMES.items():
        s = scheme_iri(scheme)
        label, comment = SCHEME_LABELS[scheme]
        g.add((s, RDF.type, SKOS.ConceptScheme))
        g.add((s, SKOS.prefLabel, Literal(label, lang="en")))
        g.add((s, SKOS.definition, Literal(comment, lang="en")))
        for value in values:
            c = concept(scheme, value)
            g.add((c, RDF.type, SKOS.Concept))
            g.add((c, SKOS.inScheme, s))
            g.add((c, SKOS.prefLabel, Literal(value.replace("_", " "), lang="en")))
            g.add((c, SKOS.notation, Literal(value)))
            definition = DEFINITIONS.get((scheme, value)) or f"Cues of the class {value}."
            g.add((c, SKOS.definition, Literal(definition, lang="en")))
            if scheme == "cue" and value in BROADER:
                g.add((c, SKOS.broader, concept("cue", BROADER[value])))
            else:
                g.add((c, SKOS.topConceptOf, s))
                g.add((s, SKOS.hasTopConcept, c))
            for verb in sorted(verbs.get(value, ())) if scheme == "cue" else ():
                g.add((c, SKOS.altLabel, Literal(verb, lang="en")))
    return g


def main() -> int:
    from kg.export import turtle_string

    VOCABULARIES.write_text(turtle_string(vocabulary_graph()), encoding="utf-8")
    print(f"wrote {VOCABULARIES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
