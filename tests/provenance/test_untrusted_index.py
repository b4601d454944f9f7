"""A provenance index from someone else (a planted SQLite file, a shared Redis) is data, never
code: pickles planted in it are refused with one line, and the file they would write never
appears."""

from __future__ import annotations

import pickle
import sqlite3
import zlib
from typing import TYPE_CHECKING

import pytest
import redis

from newscrawl.items import Article
from newscrawl.provenance import link
from newscrawl.provenance.candidates import CandidateIndex
from newscrawl.provenance.entries import DamagedIndex
from tests.archive.test_reader import response
from tests.conftest import run_newscrawl
from tests.provenance.pseudo_news import prose
from tests.provenance.test_incremental_runs import ORIGINAL, page

if TYPE_CHECKING:
    from pathlib import Path


class _Payload:
    """Unpickling this creates a file: what an attacker's index would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (self.marker, "w")


def _archive_with_index(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    archive.mkdir()
    text = prose("harbour")
    (archive / "crawl-1.warc.gz").write_bytes(
        response(ORIGINAL, page("Harbour", text))
        + response("http://zeta-news.com/harbour/", page("Harbour", text))
    )
    done = run_newscrawl("provenance", str(archive), "--out", str(tmp_path / "p.jsonl"))
    assert done.returncode == 0, done.stderr
    return archive


@pytest.mark.parametrize(
    ("table", "column"), [("entries", "entry"), ("notes", "note"), ("records", "record")]
)
def test_a_planted_pickle_in_the_index_file_is_never_run(
    tmp_path: Path, table: str, column: str
) -> None:
    archive = _archive_with_index(tmp_path)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    db = sqlite3.connect(archive / "provenance-index" / "provenance-index.sqlite")
    planted = zlib.compress(payload) if table == "entries" else payload
    assert db.execute(f"UPDATE {table} SET {column} = ?", (planted,)).rowcount > 0
    db.commit()
    db.close()
    (archive / "crawl-2.warc.gz").write_bytes(
        response("http://aaa-news.com/harbour/", page("Harbour", prose("harbour")))
    )
    commands = [
        ("provenance", str(archive), "--out", str(tmp_path / "again.jsonl")),
        ("export", str(archive), "--out", str(tmp_path / "dataset"), "--workers", "1"),
        ("report", str(archive), "--out", str(tmp_path / "report")),
    ]
    for command in commands:
        done = run_newscrawl(*command)
        assert not marker.exists(), f"{command[0]} ran a pickle from the index"
        assert "Traceback" not in done.stderr, done.stderr
        if done.returncode != 0:  # refused, in one line naming the fix
            assert done.returncode == 2, done.stderr
            assert "delete" in done.stderr and "rebuild" in done.stderr


def test_a_planted_pickle_in_redis_is_never_run(tmp_path: Path, redis_url: str) -> None:
    marker = tmp_path / "pwned"
    text = prose("harbour")
    articles = [
        Article(url=ORIGINAL, body=text, fetched_at="2024-05-01T10:00:00Z"),
        Article(url="http://zeta-news.com/harbour/", body=text, fetched_at="2024-05-02T10:00:00Z"),
    ]
    link(articles, CandidateIndex(redis_url=redis_url, name="trusting"))
    client = redis.Redis.from_url(redis_url)
    payload = pickle.dumps(_Payload(marker))
    planted = 0
    for key in client.scan_iter("newscrawl:trusting:*"):
        kind = client.type(key)
        if kind == b"hash":
            for field in client.hkeys(key):
                client.hset(key, field, payload)
                planted += 1
        elif kind == b"set":
            client.sadd(key, payload)
            planted += 1
        elif kind == b"list":
            client.rpush(key, payload)
            planted += 1
    assert planted > 5
    again = [Article(url="http://aaa-news.com/harbour/", body=text, fetched_at=None)]
    with pytest.raises(DamagedIndex, match="delete"):
        link(again, CandidateIndex(redis_url=redis_url, name="trusting"))
    assert not marker.exists()
    assert not any(tmp_path.iterdir())  # redis-server stores nothing there either
