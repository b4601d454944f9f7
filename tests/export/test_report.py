"""`newscrawl report` on the demo run: the pages a reader opens, parsed as a browser would."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import lxml.html
import pytest

from newscrawl.demo import world
from tests.helpers import run_newscrawl

if TYPE_CHECKING:
    from pathlib import Path

    from lxml.html import HtmlElement

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"
REPLAY = "http://127.0.0.1:9999"


@pytest.fixture(scope="module")
def report(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    done = run_newscrawl(
        "report", str(demo_archive), "--out", str(out), "--replay-url", REPLAY, "--workers", "2"
    )
    assert done.returncode == 0, done.stderr
    return out


def page(report: Path, name: str) -> HtmlElement:
    return lxml.html.fromstring((report / name).read_text(encoding="utf-8"))


def cnbc_cluster(report: Path) -> HtmlElement:
    index = page(report, "index.html")
    titles = {a.text_content(): a.get("href") for a in index.cssselect("table.clusters a")}
    assert "Blinken meets Chinese Foreign Minister Qin Gang" in " ".join(titles)
    (href,) = (h for t, h in titles.items() if t.startswith("Blinken meets Chinese Foreign"))
    assert re.fullmatch(r"cluster-[\w-]+\.html", href)
    return page(report, href)


def autoblog_row(cluster: HtmlElement) -> HtmlElement:
    (row,) = cluster.xpath("//tr[@data-url=$url]", url=world.AUTOBLOG_COPY)
    return row


def test_index_counts_sites_and_relations(report: Path) -> None:
    index = page(report, "index.html")
    header = [th.text_content() for th in index.cssselect("table.counts tr")[0]]
    assert header[1:4] == ["original", "verbatim", "spun"]
    sites = {tr[0].text_content(): tr for tr in index.cssselect("table.counts tr")[1:]}
    assert sites["World News Era"][header.index("spun")].text_content() == "1"
    assert sites["all sites"][header.index("spun")].text_content() == "1"


def test_cluster_page_shows_the_spun_copy_with_evidence_and_replay_link(report: Path) -> None:
    row = autoblog_row(cnbc_cluster(report))
    assert row.cssselect(".relation")[0].text_content() == "spun"
    kinds = {b.text_content() for b in row.cssselect("ul.evidence .kind")}
    assert kinds >= {"source-link", "text-reuse"}
    assert "CNBC" in row.cssselect("ul.sources")[0].text_content()
    (replay,) = row.cssselect("a.replay")
    assert re.fullmatch(
        re.escape(f"{REPLAY}/demo/") + r"\d{14}/" + re.escape(world.AUTOBLOG_COPY),
        replay.get("href"),
    )


def test_cluster_graph_points_the_copy_at_its_original(report: Path) -> None:
    cluster = cnbc_cluster(report)
    (svg,) = cluster.xpath("//svg")
    edges = {(e.get("data-from"), e.get("data-to")): e for e in svg.xpath(".//line")}
    edge = edges[(world.AUTOBLOG_COPY, world.CNBC_ARTICLE)]
    assert "rel-spun" in edge.get("class")
    assert float(edge.get("x1")) > float(edge.get("x2"))  # copies right, originals left
    labels = {g.get("data-url"): g.text_content() for g in svg.xpath(".//g")}
    assert "World News Era" in labels[world.AUTOBLOG_COPY]
    assert "CNBC" in labels[world.CNBC_ARTICLE]


def test_diff_page_shows_what_the_spinner_replaced(report: Path) -> None:
    (link,) = autoblog_row(cnbc_cluster(report)).cssselect("a.diff")
    diff = page(report, link.get("href"))
    replaced = [
        (tr[0].text_content(), tr[1].text_content())
        for tr in diff.cssselect("table.diff tr.replace")
    ]
    assert any("Foreign" in old and "Overseas" in new for old, new in replaced)


def test_scraped_markup_is_text_and_no_script_can_run(report: Path) -> None:
    files = sorted(report.glob("*.html"))
    assert len(files) > 3
    shown = False
    for file in files:
        tree = page(report, file.name)
        assert not tree.xpath("//script"), file.name
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), file.name
        assert not tree.xpath("//img"), file.name
        (csp,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")
        assert csp.get("content") == CSP
        shown |= any('<script>alert("xss")</script>' in (e.text or "") for e in tree.iter())
    assert shown


def test_report_without_archive_covers_the_folders_under_archives(
    demo_archive: Path, report: Path, tmp_path: Path
) -> None:
    shutil.copytree(demo_archive, tmp_path / "archives" / "demo")
    done = run_newscrawl("report", "--out", "report", "--replay-url", REPLAY, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (replay,) = autoblog_row(cnbc_cluster(tmp_path / "report")).cssselect("a.replay")
    assert replay.get("href").startswith(f"{REPLAY}/demo/")
    made = sorted(p.name for p in (tmp_path / "report").glob("*.html"))
    assert made == sorted(p.name for p in report.glob("*.html"))
