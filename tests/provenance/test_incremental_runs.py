"""Runs that build on earlier ones: the index under the archive folder, archives read once,
every known article in each run's output, decisions that do not depend on how the archives
were split into runs, story clusters that keep their ids."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import zipfile
from typing import TYPE_CHECKING

import numpy as np
import pytest

from newscrawl.items import Article, Link
from newscrawl.provenance import Provenance, link, run_provenance
from newscrawl.provenance.candidates import INDEX_FILE, OLD_INDEX_FILE, CandidateIndex, StaleIndex
from newscrawl.provenance.command import INDEX_FOLDER
from newscrawl.provenance.stores import POSTINGS
from tests.archive.test_reader import response
from tests.conftest import ROOT, run_newscrawl
from tests.provenance.pseudo_news import prose, wrapped

if TYPE_CHECKING:
    from pathlib import Path

ORIGINAL = "http://www.cnbc.com/2024/05/02/port-tariff-plan.html"
COPY = "http://dailyscoop.net/2024/05/port-tariff/"


def decisions(records: list[Provenance]) -> dict[str, tuple[str | None, str, float]]:
    return {r.url: (r.original_url, r.relation, r.confidence) for r in records}


def in_runs(runs: list[list[Article]], folder: Path) -> list[Provenance]:
    """Link each run's articles in turn through one index in `folder`; every record kept."""
    for articles in runs:
        with CandidateIndex.held(folder) as index:
            link(articles, index)
            index.save()
    with CandidateIndex.held(folder) as index:
        return index.records()


def test_story_clusters_keep_their_ids_from_run_to_run(tmp_path: Path) -> None:
    text = prose("port")
    # Run 1: a copy pointing at an original not crawled yet.
    early = Article("http://zeta-news.com/port/", body=text, links_out=[Link(ORIGINAL, "Source")])
    with CandidateIndex.held(tmp_path) as first:
        (before,) = link([early], first)
        first.save()
    # Run 2: the original, and a copy on a site whose URL sorts before every other.
    later = [Article(ORIGINAL, body=text), Article("http://aaa-news.com/port/", body=text)]
    with CandidateIndex.held(tmp_path) as second:
        after = link(later, second)
    assert {r.cluster for r in after} == {before.cluster}
    assert [r.relation for r in after] == ["original", "verbatim"]


def test_a_copy_of_a_copy_reaches_the_first_original_however_the_runs_are_split(
    tmp_path: Path,
) -> None:
    text = prose("port")
    first = "https://harborgazette.com/news/port/"
    second = "https://dailyscoop.net/port-copy/"
    third = "https://echo-news.org/port-copy-of-copy/"
    original = Article(first, body=text)
    copy = Article(second, body=text, links_out=[Link(first, "Source")])
    copy_of_copy = Article(third, body=text, links_out=[Link(second, "Source")])
    together = decisions(link([original, copy, copy_of_copy]))
    assert together[third][:2] == (first, "verbatim")
    for n, runs in enumerate(
        [[[original, copy], [copy_of_copy]], [[copy_of_copy], [copy], [original]]]
    ):
        assert decisions(in_runs(runs, tmp_path / str(n))) == together


def test_copies_archived_before_their_original_are_linked_when_it_comes(tmp_path: Path) -> None:
    text = prose("port")
    copy = Article(COPY, body=wrapped(text), links_out=[Link(ORIGINAL, "Source link")])
    # A re-report shares no passage with the original: only its link, once followed, ties it.
    report = Article(
        "https://riversidepost.com/port-report/",
        body=prose("report", story="port"),
        links_out=[Link(ORIGINAL, "Source link")],
    )
    before = decisions(in_runs([[copy, report]], tmp_path))
    assert before[COPY] == before[report.url] == (ORIGINAL, "unknown", 0.4)
    after = decisions(in_runs([[Article(ORIGINAL, body=text)]], tmp_path))
    assert after == decisions(link([copy, report, Article(ORIGINAL, body=text)]))
    assert after[COPY][:2] == (ORIGINAL, "verbatim")
    assert after[report.url][:2] == (ORIGINAL, "rewrite")
    assert after[ORIGINAL][1] == "original"


def test_stories_a_run_joins_share_one_id_on_every_page(tmp_path: Path) -> None:
    stories = []
    for story in ("port", "harbor"):
        source = f"https://{story}-gazette.com/news/"
        stories.append(
            [
                Article(source, body=prose(story)),
                Article(f"https://{story}-copies.net/a/", body=prose(story)),
                # Tied to its story by its link only: a run that joins stories never meets it.
                Article(
                    f"https://{story}-reports.org/a/",
                    body=prose(f"{story}-report", story=story),
                    links_out=[Link(source, "Source link")],
                ),
            ]
        )
    both = Article("https://roundup.com/a/", body=prose("port") + "\n\n" + prose("harbor"))
    records = in_runs([*stories, [both]], tmp_path)
    assert len(records) == 7
    assert len({r.cluster for r in records}) == 1


def page(title: str, body: str, links: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}{links}</article></body></html>"
    ).encode()


def records(path: Path) -> dict[str, dict]:
    return {r["url"]: r for r in map(json.loads, path.read_text().splitlines())}


def first_crawl(archive: Path) -> Path:
    archive.mkdir()
    warc = archive / "crawl-1.warc.gz"
    warc.write_bytes(
        response(ORIGINAL, page("Port tariff plan", prose("port")))
        + response("http://www.cnbc.com/2024/05/02/other.html", page("Other", prose("other")))
    )
    return warc


def test_a_later_run_reads_only_new_archives_and_writes_every_known_article(
    tmp_path: Path,
) -> None:
    archive, out = tmp_path / "archive", tmp_path / "provenance.jsonl"
    done = run_newscrawl("provenance", str(first_crawl(archive)), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (archive / INDEX_FOLDER / INDEX_FILE).is_file(), "the index sits by the archives"
    first = records(out)
    assert first[ORIGINAL]["relation"] == "original"

    (archive / "crawl-2.warc.gz").write_bytes(
        response(COPY, page("Port tariff plan", wrapped(prose("port"))))
    )
    done = run_newscrawl("provenance", str(archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "1 archive file already linked by an earlier run" in done.stderr
    second = records(out)
    assert set(second) == {*first, COPY}, "the earlier run's articles are kept"
    assert (second[COPY]["relation"], second[COPY]["original_url"]) == ("verbatim", ORIGINAL)
    assert second[COPY]["cluster"] == first[ORIGINAL]["cluster"]

    written = out.read_text()
    done = run_newscrawl("provenance", str(archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text() == written, "nothing new: the same records"


def test_a_run_that_fails_before_writing_its_output_saves_nothing(tmp_path: Path) -> None:
    warc = first_crawl(tmp_path / "archive")
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(OSError), CandidateIndex.held(tmp_path / "index") as index:
        run_provenance([str(warc)], tmp_path / "taken" / "provenance.jsonl", index)
    out = tmp_path / "provenance.jsonl"
    with CandidateIndex.held(tmp_path / "index") as index:
        run = run_provenance([str(warc)], out, index)
    assert run.read == [warc], "the failed run did not mark the archive read"
    assert ORIGINAL in records(out)


def wacz(path: Path, warcs: dict[str, bytes], note: str) -> Path:
    """A WACZ of `warcs`; `note` changes its size as packaging the same WARCs again does."""
    with zipfile.ZipFile(path, "w") as package:
        for name, data in warcs.items():
            package.writestr(f"archive/{name}", data)
        package.writestr("datapackage.json", json.dumps({"created": note}))
    return path


def test_the_warcs_of_a_wacz_packaged_again_are_not_read_again(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    package = tmp_path / "archive" / "archive.wacz"
    warcs = {"crawl-1.warc.gz": response(ORIGINAL, page("Port tariff plan", prose("port")))}
    out = tmp_path / "provenance.jsonl"

    def run() -> tuple[list[Path], list[Path]]:
        with CandidateIndex.held(tmp_path / "index") as index:
            done = run_provenance([str(package)], out, index)
        return done.read, done.skipped

    wacz(package, warcs, "first")
    assert run() == ([package], [])
    size = package.stat().st_size
    wacz(package, warcs, "packaged again, a while later")
    assert package.stat().st_size != size
    assert run() == ([], [package])
    warcs["crawl-2.warc.gz"] = response(COPY, page("Port tariff plan", wrapped(prose("port"))))
    wacz(package, warcs, "with a new run")
    assert run() == ([package], [])
    assert (records(out)[COPY]["relation"], records(out)[COPY]["original_url"]) == (
        "verbatim",
        ORIGINAL,
    )


HOLD = """
import sys, time
from pathlib import Path
from newscrawl.provenance.candidates import CandidateIndex
with CandidateIndex.held(Path(sys.argv[1])):
    print("holding", flush=True)
    sys.stdin.readline()
"""


def test_a_second_run_waits_for_the_one_holding_the_index(tmp_path: Path) -> None:
    warc, index = first_crawl(tmp_path / "archive"), tmp_path / "index"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(index)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    log = tmp_path / "second.log"
    try:
        assert holder.stdout and holder.stdout.readline() == "holding\n"
        with log.open("w") as stderr:
            second = subprocess.Popen(
                [sys.executable, "-m", "newscrawl", "provenance", str(warc), "--index",
                 str(index), "--out", str(tmp_path / "p.jsonl")],
                stderr=stderr,
                cwd=ROOT,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while "waiting for" not in log.read_text():
            assert second.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the second run never said it waits"
            time.sleep(0.1)
        assert f"pid {holder.pid} on" in log.read_text(), "the message names the holder"
        time.sleep(1)
        assert second.poll() is None, "it waits while the first holds the index"
    finally:
        assert holder.stdin
        holder.stdin.close()
        holder.wait(30)
    assert second.wait(120) == 0, log.read_text()
    assert ORIGINAL in records(tmp_path / "p.jsonl")


def test_landmarks_are_stored_once(tmp_path: Path) -> None:
    article = Article(ORIGINAL, body=prose("port"))
    for _ in range(2):  # the second run finds the capture indexed already
        with CandidateIndex.held(tmp_path) as index:
            link([article], index)
            index.save()
    runs = [np.load(path) for path in (tmp_path / POSTINGS).glob("marks-*.npy")]
    values = np.concatenate([run[0] for run in runs])
    assert len(values) == len(set(values.tolist())) > 0


def test_an_index_of_another_version_names_the_folder_to_delete(tmp_path: Path) -> None:
    with CandidateIndex.held(tmp_path / "new") as index:
        index.save()
    db = sqlite3.connect(tmp_path / "new" / INDEX_FILE)
    assert db.execute("PRAGMA user_version").fetchone()[0] > 0, "the version is written"
    old = tmp_path / "old"
    old.mkdir()
    db = sqlite3.connect(old / INDEX_FILE)
    db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY)")  # the first, unversioned index
    db.commit()
    older = tmp_path / "older"
    older.mkdir()
    (older / OLD_INDEX_FILE).write_bytes(b"")
    for folder in (old, older):
        with pytest.raises(StaleIndex, match="delete that folder"):
            CandidateIndex(folder)
        done = run_newscrawl(
            "provenance", str(tmp_path), "--index", str(folder), "--out", str(tmp_path / "p.jsonl")
        )
        assert done.returncode == 2
        assert str(folder) in done.stderr and "delete that folder" in done.stderr
