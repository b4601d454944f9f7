"""`--dask`: extract, provenance and export run their per-archive work as tasks on a real
Dask cluster (a LocalCluster of 2 worker processes) and give what the single process gives;
a --dask value that names no cluster, or a scheduler that does not answer, is one line."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
import pytest

from newscrawl.demo.world import DemoWorld
from tests.helpers import free_port, run_newscrawl
from tests.warcs import response

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("distributed")

WARCS = 3


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo world's HTML pages (originals and their aggregator copies), spread over
    three WARCs, the last one ending in bytes that are no record."""
    world = DemoWorld()
    pages = [
        (url, resource)
        for url in world.urls()
        if dict((resource := world.resolve(url, {})).headers)["Content-Type"].startswith(
            "text/html"
        )
    ]
    folder = tmp_path_factory.mktemp("dask") / "archives"
    folder.mkdir()
    for n in range(WARCS):
        records = [response(url, r.body, "text/html; charset=utf-8") for url, r in pages[n::WARCS]]
        tail = b"not a record" * 5 if n == WARCS - 1 else b""
        (folder / f"world-{n}.warc.gz").write_bytes(b"".join(records) + tail)
    return folder


def both_ways(archives: Path, tmp_path: Path, *command: str) -> tuple[Path, Path]:
    """Run `newscrawl COMMAND ARCHIVES --out OUT` in one process and on a local Dask cluster,
    each on its own copy of the archives (each then extracts them: no store yet)."""
    outs = []
    for way, extra in (("single", ()), ("dask", ("--dask", "local", "--workers", "2"))):
        copy = tmp_path / way / "archives"
        shutil.copytree(archives, copy)
        out = tmp_path / way / command[1]
        done = run_newscrawl(command[0], str(copy), "--out", str(out), *extra)
        assert done.returncode == 0, done.stderr
        assert "unreadable" in done.stderr and "world-2.warc.gz" in done.stderr
        assert ("dashboard http://127.0.0.1:" in done.stderr) == (way == "dask"), done.stderr
        assert (copy / "articles" / "world-0.warc.gz.parquet").is_file()
        outs.append(out)
    return outs[0], outs[1]


def sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text().splitlines())


def test_extract_on_dask_gives_what_one_process_gives(archives: Path, tmp_path: Path) -> None:
    single, dask = both_ways(archives, tmp_path, "extract", "articles.jsonl")
    lines = sorted_lines(single)
    assert len(lines) > 40
    assert sorted_lines(dask) == lines


def test_provenance_on_dask_gives_what_one_process_gives(archives: Path, tmp_path: Path) -> None:
    single, dask = both_ways(archives, tmp_path, "provenance", "provenance.jsonl")
    lines = sorted_lines(single)
    assert any('"relation": "verbatim"' in line for line in lines)
    assert sorted_lines(dask) == lines


def test_export_on_dask_gives_what_one_process_gives(archives: Path, tmp_path: Path) -> None:
    single, dask = both_ways(archives, tmp_path, "export", "dataset")
    lines = sorted_lines(single / "articles.jsonl")
    assert sorted_lines(dask / "articles.jsonl") == lines
    partitions = sorted(p.relative_to(single) for p in single.glob("parquet/*/*.parquet"))
    assert partitions
    assert sorted(p.relative_to(dask) for p in dask.glob("parquet/*/*.parquet")) == partitions
    for partition in partitions:
        assert pq.read_table(dask / partition).equals(pq.read_table(single / partition))


def test_extract_on_an_existing_scheduler(archives: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    single = tmp_path / "single.jsonl"
    shutil.copytree(archives, tmp_path / "one")
    done = run_newscrawl("extract", str(tmp_path / "one"), "--out", str(single), "--workers", "1")
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "archives"
    shutil.copytree(archives, copy)
    out = tmp_path / "remote.jsonl"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        address = cluster.scheduler_address
        done = run_newscrawl("extract", str(copy), "--out", str(out), "--dask", address)
    assert done.returncode == 0, done.stderr
    assert f"Dask {address}: 2 workers" in done.stderr
    assert sorted_lines(out) == sorted_lines(single)


@pytest.mark.parametrize("value", ["lokal", "127.0.0.1:8786", "http://127.0.0.1:8786", "tcp://x"])
def test_a_dask_value_that_names_no_cluster_is_one_line(archives: Path, value: str) -> None:
    done = run_newscrawl("extract", str(archives), "--out", "x.jsonl", "--dask", value)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    (error,) = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert "give `local`" in error and "tcp://HOST:8786" in error


def test_a_scheduler_that_does_not_answer_is_one_line(archives: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    out = tmp_path / "p.jsonl"
    done = run_newscrawl("provenance", str(archives), "--out", str(out), "--dask", address)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    (error,) = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert f"no Dask scheduler answers at {address}" in error
    assert not out.exists()
