"""`newscrawl provenance` on the demo run's WARCs, as a user runs it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newscrawl.demo import world
from tests.archive.test_reader import html, response
from tests.conftest import run_newscrawl

if TYPE_CHECKING:
    from pathlib import Path


def test_provenance_of_the_demo_archive(demo_archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "provenance.jsonl"
    done = run_newscrawl(
        "provenance", str(demo_archive), "--out", str(out), "--index", str(tmp_path / "ix")
    )
    assert done.returncode == 0, done.stderr
    records = {r["url"]: r for r in map(json.loads, out.read_text().splitlines())}
    autoblog = records[world.AUTOBLOG_COPY]
    assert autoblog["relation"] == "spun"
    assert autoblog["original_url"] == world.CNBC_ARTICLE
    kinds = {e["kind"] for e in autoblog["evidence"]}
    assert "source-link" in kinds
    cnj = records[world.CNJ_COPY]
    assert (cnj["relation"], cnj["original_url"]) == ("verbatim", world.CNBC_ARTICLE)
    assert records[world.HEADTOPICS_COPY]["original_url"] == world.REUTERS_WIRE
    assert records[world.CNBC_ARTICLE]["relation"] == "original"
    assert 0 < autoblog["confidence"] <= 1
    assert autoblog["cluster"] == records[world.CNBC_ARTICLE]["cluster"]
    assert any((tmp_path / "ix").iterdir()), "the index is kept for later runs"
    (pages,) = demo_archive.glob("*-pages.jsonl")
    crawled = {json.loads(line).get("url") for line in pages.read_text().splitlines()} - {None}
    assert set(records) == crawled, "one record per article the crawl kept, no home pages"


def test_provenance_wants_a_jsonl_output(tmp_path: Path) -> None:
    done = run_newscrawl("provenance", str(tmp_path), "--out", str(tmp_path / "p.csv"))
    assert done.returncode == 2
    assert "name a .jsonl file" in done.stderr


def test_the_index_of_all_archives_is_no_archive_folder(tmp_path: Path) -> None:
    demo = tmp_path / "archives" / "demo"
    demo.mkdir(parents=True)
    (demo / "crawl-1.warc.gz").write_bytes(response("http://example.com/a", html("a")))
    done = run_newscrawl("provenance", "archives", "--out", "p.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "archives" / "provenance-index").is_dir()
    done = run_newscrawl("wacz", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (demo / "demo.wacz").is_file()
    assert "provenance-index" not in done.stderr
