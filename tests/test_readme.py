"""The README's SPARQL example and its printed result stay true."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_readme_query_prints_what_the_readme_shows(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = r"```sh\n\.venv/bin/kg query out/claims\.ttl -e '(.*?)'\n```\n\n```\n(.*?)```"
    m = re.search(example, readme, re.S)
    assert m, "README example not found"
    query, shown = m.group(1), m.group(2)
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(ROOT / "seeds"), "-o", str(tmp_path)]).exit_code == 0
    result = runner.invoke(main, ["query", str(tmp_path / "claims.ttl"), "-e", query])
    assert result.exit_code == 0
    assert result.stdout == shown


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme


def test_readme_ontology_picture_is_generated_from_the_ontology() -> None:
    from rdflib import Graph

    from kg.diagram import ONTOLOGY, readme_block

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_block(Graph().parse(ONTOLOGY, format="turtle")) in readme, "run: python -m kg.diagram"
