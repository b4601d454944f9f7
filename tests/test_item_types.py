"""A user's own spider that yields plain dicts, with newscrawl added to it: its page items are
archived and extracted like the `news` spider's Page items, other items pass untouched."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.world import STORY_PAGES, DemoWorld
from newscrawl.items import as_page

if TYPE_CHECKING:
    from collections.abc import Iterator

VERSION, STORY_URL = STORY_PAGES["cnj"]

SPIDER = """
import scrapy


class UserSpider(scrapy.Spider):
    name = "user"
    custom_settings = {
        "ADDONS": {"newscrawl.addon.NewscrawlAddon": 0},
        "NEWSCRAWL_ALLOW_LOOPBACK": True,
        "NEWSCRAWL_ARCHIVE_DIR": "archives",
        "NEWSCRAWL_EXTRACT_WORKERS": 1,
        "FEEDS": {"items.jsonl": {"format": "jsonlines"}},
    }

    async def start(self):
        for path in ("/story", "/front"):
            yield scrapy.Request(BASE + path)

    def parse(self, response):
        yield {
            "url": response.url,
            "status": response.status,
            "html": response.text,
            "is_article": response.url.endswith("/story"),
            "title": "a page",
        }
        yield {"note": "no page", "url": response.url}
"""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """One real demo story at /story, and a front page linking to it at /front."""
    pages = {
        "/story": DemoWorld(version=VERSION).resolve(STORY_URL, {}).body,
        "/front": b'<html><title>Front</title><body><a href="/story">Story</a></body></html>',
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


def test_dict_items_pass_through_the_archive_and_extract_pipelines(
    site: str, tmp_path: Path
) -> None:
    (tmp_path / "spider.py").write_text(f"BASE = {site!r}\n{SPIDER}", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "runspider", "spider.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    items = [json.loads(line) for line in (tmp_path / "items.jsonl").read_text().splitlines()]

    # The non-page dicts pass untouched; the front page is no article and stops at extraction.
    assert sorted(item["note"] for item in items if "note" in item) == ["no page", "no page"]
    (article,) = [item for item in items if "note" not in item]
    assert article["url"] == f"{site}/story"
    assert "Blinken" in article["body"]
    assert "html" not in article, "the page became an Article"

    # The article says where its response was archived, and that record is its response.
    warc = tmp_path / "archives" / "newscrawl" / Path(article["warc_file"]).name
    with warc.open("rb") as stream:
        stream.seek(article["warc_offset"])
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Record-ID") == article["warc_record_id"]
        assert record.rec_headers.get_header("WARC-Target-URI") == article["url"]
    # Both pages, article or not, are described in a metadata record beside their response.
    with warc.open("rb") as stream:
        described = [
            record.rec_headers.get_header("WARC-Target-URI")
            for record in ArchiveIterator(stream)
            if record.rec_type == "metadata"
        ]
    assert sorted(described) == [f"{site}/front", f"{site}/story"]


@attrs.define
class AttrsPage:
    url: str
    html: str
    warc_file: str | None = None


@attrs.define
class AttrsNote:
    url: str


def test_an_attrs_item_with_a_page_s_fields_is_read_and_written_as_a_page() -> None:
    item = AttrsPage("http://a.example/", "<p>x</p>")
    page = as_page(item)
    assert page is not None
    page["warc_file"] = "a.warc.gz"
    assert item.warc_file == "a.warc.gz"
    assert as_page(AttrsNote("http://a.example/")) is None
    assert as_page("http://a.example/") is None
