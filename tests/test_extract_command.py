"""`newscrawl extract`: the same articles from the WARCs as the live crawl made, on all
cores, into JSONL or Parquet, with a clear report of what it skipped."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscrawl.demo import world
from newscrawl.export.datasets import article_schema
from newscrawl.items import Article
from tests.helpers import ROOT, run_newscrawl
from tests.warcs import html, raw_record, response

PAGES = [*world.SEED_COPIES.values(), world.CNBC_ARTICLE, world.BENZINGA_ORIGINAL]


def read_jsonl(path: Path) -> dict[str, dict]:
    return {row["url"]: row for row in map(json.loads, path.read_text().splitlines())}


@pytest.fixture(scope="module")
def offline(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("extract") / "articles.jsonl"
    done = run_newscrawl("extract", str(demo_archive), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "articles from" in done.stderr
    return read_jsonl(out)


def test_offline_extraction_equals_the_live_crawl(demo_archive: Path, offline: dict) -> None:
    (live_file,) = demo_archive.glob("*-articles.jsonl")
    live = read_jsonl(live_file)
    for url in PAGES:
        assert offline[url] == live[url], url


def test_every_article_traces_back_to_its_warc_record(demo_archive: Path, offline: dict) -> None:
    for url in PAGES:
        article = offline[url]
        record = raw_record(demo_archive / article["warc_file"], article["warc_offset"])
        assert b"WARC-Type: response\r\n" in record
        assert f"WARC-Target-URI: {url}\r\n".encode() in record
        assert f"WARC-Record-ID: {article['warc_record_id']}\r\n".encode() in record
        assert article["body"], url


def test_parquet_has_the_article_schema(demo_archive: Path, tmp_path: Path, offline: dict) -> None:
    out = tmp_path / "articles.parquet"
    done = run_newscrawl("extract", str(demo_archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = pq.read_table(out)
    assert table.num_rows == len(offline)
    assert table.schema.names == [f.name for f in dataclasses.fields(Article)]
    assert table.schema == article_schema()
    rows = {row["url"]: row for row in table.to_pylist()}
    autoblog = rows[world.AUTOBLOG_COPY]
    assert {"url": world.CNBC_ARTICLE, "text": "Source link"} in autoblog["links_out"]


def test_bad_input_is_reported_with_file_and_offset(tmp_path: Path) -> None:
    good = response("http://a.example/ok", html("A readable page with enough words to keep"))
    torn = response("http://a.example/torn", html("torn") * 50)[:-60]
    page = "<html><head><title>Café</title></head><body><p>Déjà vu at the café.</p></body></html>"
    latin1 = response("http://a.example/latin1", page.encode("latin-1"), "text/html; charset=utf-8")
    warc = tmp_path / "bad.warc.gz"
    warc.write_bytes(good + torn + latin1)
    (tmp_path / "notes.txt").write_text("not an archive")
    out = tmp_path / "out.jsonl"
    done = run_newscrawl("extract", str(tmp_path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"unreadable {warc} @ {len(good)}:" in done.stderr
    articles = read_jsonl(out)
    assert set(articles) == {"http://a.example/ok", "http://a.example/latin1"}
    assert "Déjà vu at the café." in articles["http://a.example/latin1"]["body"], (
        "Latin-1 bytes declared as UTF-8 come out right"
    )


def test_wrong_output_suffix_names_the_fix(tmp_path: Path) -> None:
    done = run_newscrawl("extract", str(tmp_path), "--out", str(tmp_path / "out.csv"))
    assert done.returncode == 2
    assert "name a .jsonl or .parquet file" in done.stderr


def _running_descendants(pid: int) -> set[int]:
    """Processes under `pid` that have not exited (an orphan's zombie counts as exited)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            children.setdefault(int(ppid), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def test_workers_exit_when_the_extract_command_is_killed(tmp_path: Path) -> None:
    """Killed outright, `newscrawl extract` leaves no worker behind (they fork from a server
    that exits with it)."""
    pages = [response(f"http://a.example/{i}", html(f"page {i} " * 400)) for i in range(3000)]
    (tmp_path / "many.warc.gz").write_bytes(b"".join(pages))
    command = [sys.executable, "-m", "newscrawl", "extract", str(tmp_path), "--workers", "2"]
    out = ["--out", str(tmp_path / "out.jsonl")]
    crawl = subprocess.Popen(command + out, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(workers := _running_descendants(crawl.pid)) < 3:  # the server and two workers
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.2)
    os.kill(crawl.pid, signal.SIGKILL)
    crawl.wait()
    deadline = time.monotonic() + 20
    while left := {pid for pid in workers if _alive(pid)}:
        assert time.monotonic() < deadline, f"workers left running: {left}"
        time.sleep(0.2)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
