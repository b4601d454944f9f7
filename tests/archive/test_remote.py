"""Archives named by URL: a real WARC served over HTTP on 127.0.0.1, and from moto's S3
server on 127.0.0.1, reads as the same file on disk does; what cannot be read is one line."""

from __future__ import annotations

import json
import shutil
import threading
import zipfile
from dataclasses import asdict
from typing import TYPE_CHECKING

import boto3
import pytest
from moto.server import ThreadedMotoServer
from werkzeug.serving import make_server
from werkzeug.utils import send_from_directory
from werkzeug.wrappers import Request, Response

from newscrawl.archive.reader import ReadReport, archive_files, iter_captures, warcs_of
from newscrawl.archive.remote import BLOCK_SIZE, RemoteError, RemoteFile, remote_files
from tests.archive.test_reader import THIRD_PARTY_WARCS, wrong_length
from tests.helpers import free_port, run_newscrawl
from tests.test_hostile_input import one_error
from tests.warcs import html, response

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# 16 HTML pages captured by pywb (see tests/data/warcs/README.md).
IANA = THIRD_PARTY_WARCS / "pywb" / "iana.warc.gz"
# One page of Common Crawl's (see tests/data/warcs/README.md).
WHIRLWIND = THIRD_PARTY_WARCS / "commoncrawl-whirlwind" / "whirlwind.warc.gz"
BUCKET = "news-archive"


class FileServer:
    """Files of a folder over HTTP/1.1 with byte ranges (werkzeug's, as a real server
    answers them), noting the method and Range header of every request. Files are sent as
    nginx sends a .warc.gz (application/octet-stream), or, `gzip_labelled`, as Apache's
    `AddEncoding` does (`Content-Encoding: gzip`: an HTTP client would inflate them)."""

    def __init__(self, folder: Path, *, gzip_labelled: bool = False) -> None:
        self.folder = folder
        self.mimetype = None if gzip_labelled else "application/octet-stream"
        self.requests: list[tuple[str, str, str | None]] = []
        # Files answered 404 from now on, as a deleted file would be; set at once, so that no
        # request in flight finds the file half gone (werkzeug then answers 500).
        self.lost: set[str] = set()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    @Request.application
    def app(self, request: Request) -> Response:
        self.requests.append((request.method, request.path, request.headers.get("Range")))
        path = request.path.lstrip("/")
        if path in self.lost:
            return Response("gone", status=404)
        return send_from_directory(self.folder, path, request.environ, mimetype=self.mimetype)

    def __enter__(self) -> FileServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[FileServer]:
    folder = tmp_path / "served"
    folder.mkdir()
    with FileServer(folder) as server:
        yield server


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on 127.0.0.1, with the bucket `BUCKET` holding iana.warc.gz twice
    (at the top and under crawl/) beside a file that is no archive, and a WARC anyone may
    read."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    s3.create_bucket(Bucket=BUCKET)
    for key in ("iana.warc.gz", "crawl/2024/iana.warc.gz"):
        s3.put_object(Bucket=BUCKET, Key=key, Body=IANA.read_bytes())
    s3.put_object(
        Bucket=BUCKET,
        Key="public/whirlwind.warc.gz",
        Body=WHIRLWIND.read_bytes(),
        ACL="public-read",
    )
    s3.put_object(Bucket=BUCKET, Key="crawl/2024/notes.txt", Body=b"not an archive")
    yield endpoint
    server.stop()


@pytest.fixture
def s3(s3_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The AWS settings a user of the local S3 server gives, in this process and the
    commands it starts: nothing is read from ~/.aws, nothing asked of a metadata service."""
    for name, value in {
        "AWS_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }.items():
        monkeypatch.setenv(name, value)
    return f"s3://{BUCKET}"


def extracted(path: str, out: Path) -> list[dict[str, object]]:
    done = run_newscrawl("extract", path, "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_a_warc_over_http_and_from_s3_gives_the_articles_of_the_file(
    served: FileServer, s3: str, tmp_path: Path
) -> None:
    shutil.copy(IANA, served.folder / "iana.warc.gz")
    local = extracted(str(served.folder / "iana.warc.gz"), tmp_path / "local.jsonl")
    assert len(local) == 16
    assert extracted(f"{served.url}/iana.warc.gz", tmp_path / "http.jsonl") == local
    assert extracted(f"{s3}/iana.warc.gz", tmp_path / "s3.jsonl") == local


def test_a_warc_labelled_gzip_encoded_is_read_as_stored(tmp_path: Path) -> None:
    """Offsets are those of the file: the bytes are not inflated on the way."""
    folder = tmp_path / "served"
    folder.mkdir()
    shutil.copy(IANA, folder / "iana.warc.gz")
    with FileServer(folder, gzip_labelled=True) as server:
        (archive,) = archive_files([f"{server.url}/iana.warc.gz"])
        streamed = [(c.offset, c.url, c.body) for c in iter_captures(archive, ReadReport())]
    assert any(method == "GET" for method, _, _ in server.requests)
    assert streamed == [(c.offset, c.url, c.body) for c in iter_captures(IANA, ReadReport())]


def test_a_wacz_over_http_is_read_as_on_disk(served: FileServer) -> None:
    """Its zip directory and its WARCs are read by range from the end and the middle."""
    wacz = served.folder / "run.wacz"
    with zipfile.ZipFile(wacz, "w") as package:
        package.write(IANA, "archive/iana.warc.gz")
        package.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
    (archive,) = archive_files([f"{served.url}/run.wacz"])
    assert warcs_of(archive) == warcs_of(wacz) == {("iana.warc.gz", IANA.stat().st_size)}
    on_disk = [(c.offset, c.url, c.body) for c in iter_captures(wacz, ReadReport())]
    assert [(c.offset, c.url, c.body) for c in iter_captures(archive, ReadReport())] == on_disk
    assert len(on_disk) == 16


def test_an_s3_prefix_is_read_as_a_folder_of_archives(s3: str) -> None:
    (archive,) = archive_files([f"{s3}/crawl"])
    assert archive == RemoteFile(f"{s3}/crawl/2024/iana.warc.gz")
    assert archive.size == IANA.stat().st_size
    assert warcs_of(archive) == warcs_of(IANA), "known again, as the same WARC on disk"


def test_a_public_object_is_read_without_credentials_when_asked_to(
    s3: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    url, out = f"{s3}/public/whirlwind.warc.gz", str(tmp_path / "out.jsonl")
    error = one_error(run_newscrawl("extract", url, "--out", out), 2)
    assert f"{url}: no AWS credentials found (for a public bucket: FSSPEC_S3_ANON=true)" in error
    monkeypatch.setenv("FSSPEC_S3_ANON", "true")
    assert extracted(url, tmp_path / "anon.jsonl") == extracted(
        str(shutil.copy(WHIRLWIND, tmp_path)), tmp_path / "l.jsonl"
    )


def test_provenance_and_export_read_urls_and_keep_no_index_for_them(
    served: FileServer, tmp_path: Path
) -> None:
    shutil.copy(WHIRLWIND, served.folder / WHIRLWIND.name)
    url = f"{served.url}/{WHIRLWIND.name}"
    done = run_newscrawl("provenance", url, "--out", str(tmp_path / "p.jsonl"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    done = run_newscrawl("export", url, "--out", str(tmp_path / "dataset"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (row,) = map(json.loads, (tmp_path / "dataset" / "articles.jsonl").read_text().splitlines())
    assert row["url"] == record["url"] and row["warc_file"] == WHIRLWIND.name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset", "p.jsonl", "served"], (
        "no provenance-index/ (nor an http: folder) made for a URL"
    )


def test_a_remote_warc_is_streamed_in_ranges_of_a_block(served: FileServer) -> None:
    """A WARC of three blocks is read in byte ranges no larger than a block, each asked for
    once: never fetched whole."""
    copies = 2 * BLOCK_SIZE // IANA.stat().st_size + 1
    big = served.folder / "big.warc.gz"
    big.write_bytes(IANA.read_bytes() * copies)
    local, remote = ReadReport(), ReadReport()
    on_disk = [asdict(c) | {"file": ""} for c in iter_captures(big, local)]
    (archive,) = archive_files([f"{served.url}/big.warc.gz"])
    streamed = [asdict(c) | {"file": ""} for c in iter_captures(archive, remote)]
    assert streamed == on_disk and len(on_disk) == 16 * copies
    assert remote.skipped == local.skipped
    ranges = [r for method, _, r in served.requests if method == "GET"]
    assert all(ranges), "every GET asks for a range"
    spans = [tuple(map(int, r.removeprefix("bytes=").split("-"))) for r in ranges if r]
    assert all(end - start + 1 <= BLOCK_SIZE for start, end in spans)
    assert sorted(spans) == sorted(set(spans)) and len(spans) == 3


def test_a_file_lost_while_read_is_reported_and_reading_ends(served: FileServer) -> None:
    """A block that cannot be fetched any more (a 404 from now on) ends the reading of that
    file with one report, as a torn file does: no exception reaches the caller."""
    copies = 2 * BLOCK_SIZE // IANA.stat().st_size + 1
    big = served.folder / "big.warc.gz"
    big.write_bytes(IANA.read_bytes() * copies)
    (archive,) = archive_files([f"{served.url}/big.warc.gz"])
    report = ReadReport()
    captures = iter_captures(archive, report)
    next(captures)
    served.lost.add(big.name)
    assert 1 + sum(1 for _ in captures) < 16 * copies
    (bad,) = report.bad
    assert bad.file == archive.url and "404" in bad.error


def test_bad_records_and_bombs_in_a_remote_warc_are_reported_as_on_disk(
    served: FileServer,
) -> None:
    """The reader's checks hold on a stream: a torn member, a short record and a body past
    the size limit are reported at the same offsets, and reading resumes after each."""
    members = [
        response("http://a.example/1", html("first")),
        response("http://a.example/torn", html("torn") * 50)[:-60],
        response("http://a.example/2", html("second")),
        wrong_length("http://a.example/wrong-length"),
        response("http://a.example/big", html("big " * 5000)),
        response("http://a.example/3", html("last")),
    ]
    warc = served.folder / "mixed.warc.gz"
    warc.write_bytes(b"".join(members))
    (archive,) = archive_files([f"{served.url}/mixed.warc.gz"])
    local, remote = ReadReport(), ReadReport()
    on_disk = [c.url for c in iter_captures(warc, local, max_size=10_000)]
    streamed = [c.url for c in iter_captures(archive, remote, max_size=10_000)]
    assert streamed == on_disk == ["http://a.example/1", "http://a.example/2", "http://a.example/3"]
    assert [(b.offset, b.error) for b in remote.bad] == [(b.offset, b.error) for b in local.bad]
    assert {b.file for b in remote.bad} == {archive.url}
    assert len(remote.bad) == 3 and "DOWNLOAD_MAXSIZE" in remote.bad[-1].error


def test_urls_that_name_nothing_readable_are_one_line_errors(
    served: FileServer, s3: str, tmp_path: Path
) -> None:
    out = str(tmp_path / "out.jsonl")
    refused = f"http://127.0.0.1:{free_port()}/x.warc.gz"
    for url, says in (
        (f"{served.url}/missing.warc.gz", "HTTP 404 NOT FOUND"),
        (refused, "Cannot connect to host"),
        ("https://", "no host named"),
        ("s3:///key.warc.gz", "no bucket named"),
        ("http://127.0.0.1:99999/x.warc.gz", "not a valid URL"),
        ("ftp://127.0.0.1/x.warc.gz", "only http://, https:// and s3:// URLs are read"),
        (f"{s3}/missing.warc.gz", f"{s3}/missing.warc.gz: not found"),
        ("s3://no-such-bucket/x.warc.gz", "The specified bucket does not exist"),
    ):
        error = one_error(run_newscrawl("extract", url, "--out", out), 2)
        assert says in error, error
        assert url in error
    assert not (tmp_path / "out.jsonl").exists()
    for command in ("provenance", "export", "report"):
        error = one_error(run_newscrawl(command, refused, "--out", str(tmp_path / command)), 2)
        assert "Cannot connect to host" in error


def test_the_reason_is_given_to_api_callers_too(served: FileServer) -> None:
    with pytest.raises(RemoteError, match=r"missing\.warc\.gz: HTTP 404"):
        remote_files(f"{served.url}/missing.warc.gz")
