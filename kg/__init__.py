"""claim-kg: a claim-provenance knowledge graph built from news articles.

Text -> spaCy Doc -> :class:`kg.record.Attribution` records -> rdflib graph -> Turtle/TriG/JSONL + HTML.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claim-kg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
