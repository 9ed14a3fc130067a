"""HTML views: self-contained and offline, the expected nodes and edges, article text never executes.

The graphs are built by hand in the shape kg.graph writes (terms from kg.namespace only), so these tests
do not depend on the extraction or mapping code.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib import namespace as rns

from kg import ids
from kg.document import Document
from kg.graph import RunInfo, build_dataset, union_graph
from kg.namespace import CKG, NIF, SCHEMA, concept
from kg.record import Attribution
from kg.record import Span as Span_
from kg.sourcenet import filter_network, source_network, write_source_view
from kg.view import LINK_COLOURS, STANCE_COLOURS, script_json, view_network, write_view
from tests import chromium as browser

BASE = "https://example.org/kg/"
PAYLOADS = (
    "</script><script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
)


@dataclass
class Attr:
    """One hand-made attribution (IRIs are local names under BASE)."""

    id: str
    claim: str
    content: str
    article: str
    source: str | None = None
    cue: str | None = "said"
    stance: str = "assert"
    certainty: str = "certain"
    hedge: str | None = None
    sentence: str = "A sentence."
    label: str | None = None


def iri(name: str) -> URIRef:
    return URIRef(BASE + name)


def add_article(
    g: Graph, name: str, headline: str, publisher: str = "Reuters", url: URIRef | Literal | None = None
) -> None:
    a, org = iri(name), iri(f"org/{publisher}")
    g.add((a, RDF.type, CKG.Article))
    g.add((a, SCHEMA.headline, Literal(headline)))
    g.add((a, SCHEMA.url, url or URIRef(f"https://news.example.com/{name}")))
    g.add((a, SCHEMA.datePublished, Literal("2024-05-01", datatype=rns.XSD.date)))
    g.add((a, rns.DCTERMS.identifier, Literal(name)))
    g.add((a, SCHEMA.publisher, org))
    g.add((org, SCHEMA.name, Literal(publisher)))


def add_source(g: Graph, name: str, label: str, kind: str) -> None:
    s = iri(name)
    g.add((s, RDF.type, CKG.Source))
    g.add((s, RDF.type, CKG.UnnamedSource if kind == "unnamed" else CKG.NamedSource))
    g.add((s, RDFS.label, Literal(label)))
    g.add((s, CKG.sourceType, concept("source-type", kind)))


def add_attribution(g: Graph, r: Attr) -> None:
    a, claim, ev = iri(r.id), iri(r.claim), iri(f"{r.id}/sentence")
    g.add((a, RDF.type, CKG.Attribution))
    g.add((a, CKG.claim, claim))
    g.add((a, CKG.article, iri(r.article)))
    g.add((a, CKG.evidence, ev))
    g.add((ev, RDF.type, CKG.Sentence))
    g.add((ev, NIF.anchorOf, Literal(r.sentence)))
    g.add((ev, NIF.beginIndex, Literal(0)))
    g.add((ev, NIF.endIndex, Literal(len(r.sentence))))
    g.add((a, CKG.stance, concept("stance", r.stance)))
    g.add((a, CKG.certainty, concept("certainty", r.certainty)))
    g.add((a, CKG.confidence, Literal("0.85", datatype=rns.XSD.decimal)))
    if r.cue:
        g.add((a, CKG.cue, Literal(r.cue)))
        g.add((a, CKG.cueLemma, Literal(r.cue.lower())))
    if r.hedge:
        g.add((a, CKG.hedge, Literal(r.hedge)))
    if r.source:
        g.add((a, CKG.source, iri(r.source)))
        g.add((a, CKG.sourceMention, Literal(r.source)))
    g.add((claim, RDF.type, CKG.Claim))
    g.add((claim, SCHEMA.text, Literal(r.content)))
    g.add((claim, RDFS.label, Literal(r.label or r.content)))


def seed_graph() -> Graph:
    """Two articles; a claim, its denial (disputes), an unattributed hedged claim, a hedged
    confirmation (supports)."""
    g = Graph()
    add_article(g, "a1", "Talks in Geneva")
    add_article(g, "a2", "Deal confirmed", publisher="AP")
    add_source(g, "officials", "Officials", "unnamed")
    add_source(g, "moscow", "Moscow", "place")
    attrs = [
        Attr("x1", "c1", "a deal was near", "a1", "officials", sentence="Officials said a deal was near."),
        Attr("x2", "c2", "no deal was near", "a1", "moscow", cue="denied", stance="deny"),
        Attr(
            "x3",
            "c3",
            "the minister resigned",
            "a1",
            None,
            cue=None,
            certainty="possible",
            hedge="reportedly",
        ),
        Attr("x4", "c4", "the deal is done", "a2", "officials", cue="confirmed", certainty="probable"),
    ]
    for r in attrs:
        add_attribution(g, r)
    g.add((iri("x2"), CKG.respondsTo, iri("x1")))
    g.add((iri("c2"), CKG.disputes, iri("c1")))
    g.add((iri("c4"), CKG.supports, iri("c1")))
    return g


def hostile_graph() -> Graph:
    """Every text field that reaches the page holds a script-breaking payload."""
    both = f"{PAYLOADS[0]} {PAYLOADS[1]}"
    g = Graph()
    add_article(g, "a1", both)
    add_source(g, "s1", both, "person")
    add_attribution(
        g, Attr("x1", "c1", both, "a1", "s1", cue=PAYLOADS[0], hedge=PAYLOADS[1], sentence=both, label=both)
    )
    add_attribution(g, Attr("x2", "c2", both, "a1", None, cue=None, certainty="possible", hedge=PAYLOADS[0]))
    return g


def page_data(page: str) -> dict[str, Any]:
    blocks = re.findall(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    data: dict[str, Any] = json.loads(blocks[0])
    return data


def vendored_vis() -> str:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return "".join((lib / f).read_text(encoding="utf-8") for f in ("vis-network.css", "vis-network.min.js"))


def vendored_vis_part(page: str, tag: str) -> str:
    """The first <style>/<script> element's content: the inlined vis-network CSS / JS."""
    match = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S)
    assert match and len(match.group(1)) > 10_000
    return match.group(1)


@pytest.fixture
def seed_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str, Path]:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)  # pyvis must not drop a lib/ directory here
    out = tmp_path / "out" / "view.html"
    stats = write_view(seed_graph(), out, title="Seed & <friends>")
    return stats, out.read_text(encoding="utf-8"), cwd


def test_view_network_nodes_and_edges() -> None:
    net = view_network(seed_graph())
    kinds = sorted(d["kind"] for _, d in net.nodes(data=True))
    assert kinds == [*["article"] * 2, *["claim"] * 4, "no-source", "source", "unnamed-source"]
    rels = sorted(d["kind"] for _, _, d in net.edges(data=True))
    assert rels == [*["attribution"] * 4, "disputes", *["in"] * 4, "supports"]
    edges = {k: d for _, _, k, d in net.edges(keys=True, data=True)}
    assert edges[BASE + "x1"]["label"] == "said" and not edges[BASE + "x1"]["dashes"]
    assert edges[BASE + "x2"]["color"] == STANCE_COLOURS["deny"] and edges[BASE + "x2"]["stance"] == "deny"
    assert edges[BASE + "x3"]["dashes"] and edges[BASE + "x3"]["label"] == "reportedly"
    assert edges[BASE + "x4"]["dashes"] and edges[BASE + "x4"]["color"] == STANCE_COLOURS["assert"]
    assert net.has_edge(BASE + "c2", BASE + "c1", key="disputes")
    assert net.edges[BASE + "c4", BASE + "c1", "supports"]["color"] == LINK_COLOURS["supports"]


def test_unattributed_claim_hangs_off_a_placeholder() -> None:
    net = view_network(seed_graph())
    (placeholder,) = [n for n, d in net.nodes(data=True) if d["kind"] == "no-source"]
    assert net.nodes[placeholder]["label"] == "(no named source)"
    assert list(net.successors(placeholder)) == [BASE + "c3"]


def test_tooltips_carry_the_evidence() -> None:
    net = view_network(seed_graph())
    tip = net.edges[BASE + "officials", BASE + "c1", BASE + "x1"]["title"]
    for part in ("Officials", "said", "0.85", "Officials said a deal was near.", "Talks in Geneva"):
        assert part in tip
    assert "reportedly" in net.edges["no-source:" + BASE + "a1", BASE + "c3", BASE + "x3"]["title"]
    claim_tip = net.nodes[BASE + "c1"]["title"]
    assert "a deal was near" in claim_tip and "Officials said a deal was near." in claim_tip
    assert "Reuters" in net.nodes[BASE + "a1"]["title"]


def test_network_attributes_are_scalars(tmp_path: Path) -> None:
    nx.write_graphml(view_network(seed_graph()), tmp_path / "v.graphml")  # fails on None, lists, dicts


def test_empty_graph(tmp_path: Path) -> None:
    stats = write_view(Graph(), tmp_path / "empty.html")
    assert (stats.nodes, stats.edges) == (0, 0)
    assert page_data((tmp_path / "empty.html").read_text(encoding="utf-8"))["nodes"] == []


def test_page_counts_match(seed_page: tuple[Any, str, Path]) -> None:
    stats, page, _ = seed_page
    assert (stats.nodes, stats.edges) == (9, 10)
    data = page_data(page)
    assert (len(data["nodes"]), len(data["edges"])) == (9, 10)
    styles = {n: (d["color"], d["shape"]) for n, d in view_network(seed_graph()).nodes(data=True)}
    assert {n["id"]: (n["color"], n["shape"]) for n in data["nodes"]} == styles
    dashed = sorted(e["label"] for e in data["edges"] if e.get("dashes"))
    assert dashed == ["confirmed", "reportedly"]
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 250


def test_page_is_offline(seed_page: tuple[Any, str, Path]) -> None:
    _, page, cwd = seed_page
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""@import|url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    # The only http(s) strings left are inside the inlined vis-network (licence comments, the SVG
    # namespace, links in error messages); none is a resource reference. Article URLs are in the data as
    # text, with "/" escaped.
    vendored = vendored_vis()
    assert all(url in vendored for url in re.findall(r"https?://[^\s\"'<>)]*", page))
    skeleton = page.replace(vendored_vis_part(page, "style"), "").replace(
        vendored_vis_part(page, "script"), ""
    )
    assert not re.search(r"https?://", skeleton)
    assert "news.example.com" in page  # article URL is shown in a tooltip, as text
    assert list(cwd.iterdir()) == [] and not (Path(__file__).parent / "lib").exists()


def test_page_has_title_and_legend(seed_page: tuple[Any, str, Path]) -> None:
    _, page, _ = seed_page
    assert "<title>Seed &amp; &lt;friends&gt;</title>" in page
    assert '<h1 id="kg-heading">Seed &amp; &lt;friends&gt;</h1>' in page
    assert '<aside id="kg-legend">' in page
    for text in ("asserts", "denies", "hedged", "disputes", "supports", "named source", "claim", "article"):
        assert text in page.split('<aside id="kg-legend">')[1].split("</aside>")[0]


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    write_view(hostile_graph(), out, title=PAYLOADS[0])
    page = out.read_text(encoding="utf-8")
    assert "</script><script>document.title" not in page
    assert "<img" not in page
    assert page.count("</script>") == 3  # vis-network, the data block, our code
    assert "&lt;/script&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page  # the title
    texts = [
        str(item.get(k, ""))
        for kind in ("nodes", "edges")
        for item in page_data(page)[kind]
        for k in ("label", "title")
    ]
    for payload in PAYLOADS:  # the text survives, as data
        assert any(payload in t for t in texts)


@pytest.mark.parametrize("value", ["</script>", "<!--<script>", "a & b > c", "https://x/y", "\u2028"])
def test_script_json_round_trips(value: str) -> None:
    text = script_json({"v": value})
    assert "<" not in text and ">" not in text and "&" not in text and "//" not in text
    assert json.loads(text) == {"v": value}


HOVER = """<script>
// test only: once the layout has settled, move the mouse onto a node so vis-network shows its tooltip,
// and "click" the article node the way vis-network reports a click
setTimeout(function () {
  var net = window.kgNetwork, at = net.canvasToDOM(net.getPosition(%s));
  var canvas = document.querySelector("#mynetwork canvas"), box = canvas.getBoundingClientRect();
  var move = {clientX: box.left + at.x, clientY: box.top + at.y, bubbles: true};
  canvas.dispatchEvent(new MouseEvent("mousemove", move));
  net.body.emitter.emit("click", {nodes: [%s], edges: []});
}, 2000);
</script>"""


@pytest.fixture(scope="session")
def chromium() -> None:
    from tests.debian import Unavailable, ensure

    try:
        ensure("chromium", "chromium")
    except Unavailable as exc:
        pytest.skip(str(exc))


@pytest.mark.slow
@pytest.mark.usefixtures("chromium")
def test_payload_does_not_run_in_a_browser(tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    write_view(hostile_graph(), out, title="safe title")
    page = out.read_text(encoding="utf-8")
    hover = HOVER % (json.dumps(BASE + "c1"), json.dumps(BASE + "a1"))
    out.write_text(page.replace("</body>", hover + "</body>"), encoding="utf-8")
    run = browser.dump_dom(out)
    dom = run.stdout
    assert run.console == []
    assert browser.body_data(dom)["state"] == "stable"
    assert "<title>safe title</title>" in dom
    assert "pwned" not in dom.split("</head>")[0]
    assert re.search(r'<div id="mynetwork"[^>]*>.*?<canvas', dom, re.S)
    assert "<img" not in dom
    # the hovered claim's tooltip shows the payload as text
    tooltip = re.search(r'<div class="vis-tooltip"[^>]*><div class="kg-tip">(.*?)</div>', dom, re.S)
    assert tooltip and "&lt;img src=x onerror=" in tooltip.group(1)
    # ... with a link back to the article
    assert (
        '<a href="https://news.example.com/a1" target="_blank" rel="noopener noreferrer">' in tooltip.group(1)
    )
    # clicking the article node keeps its text in the side panel, with the link
    details = re.search(r'<div id="kg-details">(.*?)</div>\s*</aside>', dom, re.S)
    assert details and "&lt;/script&gt;&lt;script&gt;document.title" in details.group(1)
    assert '<a href="https://news.example.com/a1"' in details.group(1)


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        (URIRef("https://news.example.com/a1"), "https://news.example.com/a1"),
        (Literal("javascript:document.title='pwned'"), None),
        (Literal("news.example.com/a1"), None),
    ],
)
def test_article_links_are_web_addresses_only(
    tmp_path: Path, url: URIRef | Literal, linked: str | None
) -> None:
    g = Graph()
    add_article(g, "a1", "Talks", url=url)
    add_source(g, "s", "Officials", "unnamed")
    add_attribution(g, Attr("x1", "c1", "a deal was near", "a1", "s"))
    write_view(g, tmp_path / "v.html")
    data = page_data((tmp_path / "v.html").read_text(encoding="utf-8"))
    urls = {item.get("url") for kind in ("nodes", "edges") for item in data[kind]} - {None}
    assert urls == ({linked} if linked else set())
    article = next(n for n in data["nodes"] if n["id"] == BASE + "a1")
    assert str(url) in article["title"]  # the address is still shown, as text


# ---------------------------------------------------------------------------------------------------
# real headless Chromium on the seed article and on a small corpus

RUN = RunInfo("claim-kg", "test", "model-x", datetime(2026, 1, 1, tzinfo=UTC))
NETWORK_AREA = (0, 60, 1000, 900)  # the canvas in a 1280x900 window (heading above, legend on the right)
OUTLETS = ("Latin Times", "Reuters", "AP")


def copy_of(doc: Document, records: list[Attribution], k: int) -> tuple[Document, list[Attribution]]:
    """The seed as another outlet's article: a new document id (so new IRIs) and publisher."""
    doc_id = f"{doc.id}~{k}"
    meta = {**doc.meta, "publisher": OUTLETS[k], "url": f"https://news.example.com/{k}"}

    def moved(r: Attribution) -> Attribution:
        respond = ids.mint("attribution", doc_id, r.responds_to) if r.responds_to else None
        return dataclasses.replace(
            r, doc=doc_id, id=ids.mint("attribution", doc_id, r.id), responds_to=respond
        )

    return Document(doc_id, doc.text, meta), [moved(r) for r in records]


@pytest.fixture(scope="module")
def seed_rdf(seed_document: Document, seed_records: list[Attribution]) -> Graph:
    return union_graph(build_dataset([(seed_document, seed_records)], RUN))


@pytest.fixture(scope="module")
def corpus_rdf(seed_document: Document, seed_records: list[Attribution]) -> Graph:
    copies = [copy_of(seed_document, seed_records, k) for k in range(len(OUTLETS))]
    return union_graph(build_dataset(copies, RUN))


def look(page: Path, png: Path) -> tuple[dict[str, str], float, int]:
    """Open ``page`` twice in Chromium: the ``<body>`` data once drawn (no console output allowed), and
    the grey-level variance and colour count of a screenshot of the network area."""
    run = browser.dump_dom(page)
    assert run.console == [], run.console
    shot = browser.screenshot(page, png)
    assert shot.console == [], shot.console
    return browser.body_data(run.stdout), *browser.pixel_spread(png, NETWORK_AREA)


@pytest.mark.slow
@pytest.mark.usefixtures("chromium")
def test_seed_view_renders_in_a_browser(seed_rdf: Graph, tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    stats = write_view(seed_rdf, page, title="seed")
    data, variance, colours = look(page, tmp_path / "seed.png")
    assert stats.nodes > 15 and stats.edges > 20
    assert data["state"] == "stable"
    assert (int(data["nodes"]), int(data["edges"])) == (stats.nodes, stats.edges)
    assert variance > 100 and colours > 50, (variance, colours)


@pytest.mark.slow
@pytest.mark.usefixtures("chromium")
def test_corpus_view_renders_in_a_browser(corpus_rdf: Graph, tmp_path: Path) -> None:
    every = source_network(corpus_rdf)
    (moscow,) = [n for n, label in every.nodes(data="label") if label == "Moscow"]
    # one Moscow across the three copies, disputing each copy's own (unnamed) Ukraine officials
    assert every.nodes[moscow]["articles"] == len(OUTLETS)
    assert every.nodes[moscow]["outlets"] == "AP 2, Latin Times 2, Reuters 2"
    disputed = [v for _, v, k in every.out_edges(moscow, keys=True) if k == "disputes"]
    assert len(disputed) == len(OUTLETS) and all(v.startswith("unnamed:") for v in disputed)
    page = tmp_path / "corpus.html"
    stats = write_source_view(corpus_rdf, page, title="corpus")
    expected = filter_network(every, top=150)
    assert (stats.nodes, stats.edges) == (expected.number_of_nodes(), expected.number_of_edges())
    data, variance, colours = look(page, tmp_path / "corpus.png")
    assert data["state"] == "stable"
    assert (int(data["nodes"]), int(data["edges"])) == (stats.nodes, stats.edges)
    assert variance > 100 and colours > 50, (variance, colours)


@pytest.mark.slow
@pytest.mark.usefixtures("chromium")
def test_blank_canvas_is_caught(tmp_path: Path) -> None:
    """The screenshot check can fail: an empty graph draws nothing in the network area."""
    page = tmp_path / "empty.html"
    write_view(Graph(), page)
    data, variance, colours = look(page, tmp_path / "empty.png")
    assert data["state"] == "stable" and data["nodes"] == "0"
    assert variance < 1 and colours <= 2


@pytest.mark.slow
@pytest.mark.usefixtures("chromium")
def test_payload_does_not_run_in_the_corpus_view(tmp_path: Path) -> None:
    g = hostile_graph()
    add_source(g, "s2", PAYLOADS[1], "person")
    add_attribution(g, Attr("x3", "c3", PAYLOADS[0], "a1", "s2", stance="deny"))
    g.add((iri("c3"), CKG.disputes, iri("c1")))
    out = tmp_path / "h.html"
    write_source_view(g, out, title="safe title")
    run = browser.dump_dom(out)
    assert run.console == []
    assert "<title>safe title</title>" in run.stdout and "pwned" not in run.stdout.split("</head>")[0]
    assert "<img" not in run.stdout
    data = browser.body_data(run.stdout)
    assert (data["state"], data["nodes"], data["edges"]) == ("stable", "2", "1")


def _many_articles(n: int) -> list[tuple[Document, list[Attribution]]]:
    """``n`` one-claim articles, each quoting a different person."""
    out = []
    for i in range(n):
        text = f"Person{i} said the plan{i} works."
        source, content = Span_(0, len(f"Person{i}")), Span_(text.index("the"), len(text) - 1)
        record = Attribution(
            id=ids.mint("attribution", f"a{i}", 1),
            doc=f"a{i}",
            content=content.of(text),
            content_spans=(content,),
            sentence_span=Span_(0, len(text)),
            kind="indirect",
            source=source.of(text),
            source_span=source,
            source_resolved=source.of(text),
            source_type="person",
            cue="said",
            cue_span=Span_(text.index("said"), text.index("said") + 4),
            cue_class="say",
        )
        out.append((Document(f"a{i}", text), [record]))
    return out


@pytest.mark.parametrize(("articles", "corpus"), [(10, False), (600, True)])
def test_a_build_draws_the_corpus_view_when_the_article_view_is_too_large(
    tmp_path: Path, articles: int, corpus: bool
) -> None:
    from kg.view import LARGE, article_view_size, write_build_view

    items = _many_articles(articles)
    records = [r for _, rs in items for r in rs]
    assert (article_view_size(records) > LARGE) is corpus  # 3 nodes an article: article, claim, source
    run = RunInfo("claim-kg", "t", "m", datetime(2024, 1, 1, tzinfo=UTC))
    graph = union_graph(build_dataset(items, run))
    write_build_view(graph, records, tmp_path / "graph.html", title="t")
    data = page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))
    claims = [n for n in data["nodes"] if "widthConstraint" in n]  # claim boxes are width-capped
    assert bool(claims) is not corpus  # the corpus view draws sources only
    assert len(data["nodes"]) == (150 if corpus else 3 * articles)
