"""HTML views: self-contained and offline, the expected nodes and edges, article text never executes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg import ids
from kg.document import Document
from kg.graph import build_dataset, union_graph
from kg.record import Attribution, Span
from kg.view import view_network, write_view
from tests.test_graph import RUN, TEXT, sample

PAYLOADS = [
    "</script><script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
]


def hostile_graph():  # type: ignore[no-untyped-def]
    text = f'"{PAYLOADS[0]} and {PAYLOADS[1]}," the spokesman said.'
    end = text.index(",")
    record = Attribution(
        id=ids.mint("attribution", "x", 1),
        doc="x",
        content=text[1:end],
        content_spans=(Span(1, end),),
        sentence_span=Span(0, len(text)),
        kind="direct",
        source="the spokesman",
        source_span=Span(text.index("the spokesman"), text.index("the spokesman") + 13),
        source_type="unnamed",
        cue="said",
        cue_span=Span(len(text) - 5, len(text) - 1),
        cue_class="say",
        label=PAYLOADS[1],
    )
    return union_graph(build_dataset([(Document("x", text, {"title": PAYLOADS[0]}), [record])], RUN))


def test_view_network_counts() -> None:
    net = view_network(union_graph(build_dataset([sample(TEXT)], RUN)))
    kinds = sorted(d["kind"] for _, d in net.nodes(data=True))
    assert kinds == ["article", "claim", "claim", "source", "source"]
    rels = sorted(d["kind"] for _, _, d in net.edges(data=True))
    assert rels == ["appearance", "appearance", "attribution", "attribution", "disputes"]


def test_page_is_offline_and_has_a_legend(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    stats = write_view(union_graph(build_dataset([sample(TEXT)], RUN)), out, title="Seed")
    page = out.read_text(encoding="utf-8")
    assert stats.nodes == 5 and stats.edges == 5
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?://""", page)
    assert not re.search(r"@import|url\(\s*['\"]?https?://", page)
    assert "Legend" in page and "<title>Seed</title>" in page
    assert not (tmp_path / "lib").exists() and not Path("lib").exists()


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    write_view(hostile_graph(), out, title=PAYLOADS[0])
    page = out.read_text(encoding="utf-8")
    assert "</script><script>document.title" not in page
    assert "<img src=x" not in page
    data = re.findall(r"(?:nodes|edges) = new vis\.DataSet\((.*?)\);", page)
    assert len(data) == 2 and all("<" not in d and ">" not in d for d in data)
    assert "\\u003c/script\\u003e" in data[0] or "\\u003c/script\\u003e" in data[1]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium is not installed")
def test_payload_does_not_run_in_a_browser(tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    write_view(hostile_graph(), out, title="safe title")
    dom = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            out.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "<title>safe title</title>" in dom
    assert "pwned" not in dom.split("</title>")[0]
    assert "<canvas" in dom
