"""`newscrawl export` and `newscrawl provenance` on one archive folder: the dataset carries
what the provenance index decided, cluster ids included."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tests.helpers import run_newscrawl
from tests.provenance.pseudo_news import prose
from tests.provenance.test_incremental_runs import ORIGINAL, page, records
from tests.warcs import response

if TYPE_CHECKING:
    from pathlib import Path

FIELDS = ("original_url", "relation", "confidence", "cluster", "evidence", "sources")


def test_export_has_the_provenance_the_index_decided(tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "provenance.jsonl"
    archive.mkdir()
    text = prose("port")
    source = f'<p><a href="{ORIGINAL}">Source link</a></p>'
    # Run 1: a copy whose original is not archived yet; run 2: the original, and a copy on
    # a site whose URL sorts first (a story linked from scratch would take its id from it).
    (archive / "crawl-1.warc.gz").write_bytes(
        response("http://zeta-news.com/port/", page("Port", text, source))
    )
    done = run_newscrawl("provenance", str(archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    (archive / "crawl-2.warc.gz").write_bytes(
        response(ORIGINAL, page("Port", text))
        + response("http://aaa-news.com/port/", page("Port", text))
    )
    done = run_newscrawl("provenance", str(archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    linked = records(out)
    assert len({r["cluster"] for r in linked.values()}) == 1

    done = run_newscrawl(
        "export", str(archive), "--out", str(tmp_path / "dataset"), "--workers", "1"
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in (tmp_path / "dataset" / "articles.jsonl").open()]
    assert {row["url"] for row in rows} == set(linked)
    for row in rows:
        assert {f: row[f] for f in FIELDS} == {f: linked[row["url"]][f] for f in FIELDS}
