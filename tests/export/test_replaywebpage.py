"""The demo's WACZ in ReplayWeb.page, in a real headless Chromium: its `ui.js` and service
worker (npm's `replaywebpage`, fetched by `.ci/run` into .cache/replaywebpage/) and the WACZ
served from 127.0.0.1 (a service worker needs a secure origin, which loopback is); the
autoblog copy renders, Source link and all, in the replay frame. The screenshot goes to
test-artifacts/ as the other browser tests' do."""

from __future__ import annotations

import re
import shutil
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo import world
from tests.conftest import ROOT, missing
from tests.export.conftest import ARTIFACTS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Frame, Page

PACKAGE = ROOT / ".cache" / "replaywebpage" / "package"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>newscrawl demo in ReplayWeb.page</title>
<script src="./ui.js"></script></head>
<body style="margin:0">
<replay-web-page style="display:block;height:100vh" source="demo.wacz" url="{url}"
  replayBase="./replay/" embed="default"></replay-web-page>
</body></html>
"""


class RangeHandler(SimpleHTTPRequestHandler):
    """Static files, with the single byte ranges ReplayWeb.page reads a WACZ by."""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def send_head(self):  # type: ignore[no-untyped-def]  # the base class's own signature
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if not match or not path.endswith(".wacz"):
            return super().send_head()
        data = open(path, "rb").read()  # noqa: PTH123, SIM115  # a small test file
        if match.group(1):
            first, last = int(match.group(1)), int(match.group(2) or len(data) - 1)
        else:  # bytes=-N: the last N bytes (where a zip keeps its directory)
            first, last = max(0, len(data) - int(match.group(2))), len(data) - 1
        last = min(last, len(data) - 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Range", f"bytes {first}-{last}/{len(data)}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        if self.command == "HEAD":
            return None
        self.wfile.write(data[first : last + 1])
        return None


@pytest.fixture(scope="module")
def site(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """ReplayWeb.page and the demo's WACZ served on 127.0.0.1; yields the page's URL."""
    if not (PACKAGE / "ui.js").exists():
        missing(f"ReplayWeb.page not found in {PACKAGE}: run `bash .ci/run`")
    root = tmp_path_factory.mktemp("replaywebpage")
    shutil.copy(PACKAGE / "ui.js", root / "ui.js")
    (root / "replay").mkdir()
    shutil.copy(PACKAGE / "sw.js", root / "replay" / "sw.js")
    (wacz,) = demo_archive.glob("*.wacz")
    shutil.copy(wacz, root / "demo.wacz")
    (root / "index.html").write_text(PAGE.format(url=world.AUTOBLOG_COPY), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def frame_text(frame: Frame) -> str:
    """A frame's markup, or nothing while it is torn down or navigating: look again later."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return frame.content()
    except PlaywrightError:
        return ""


def replay_frame(page: Page) -> Frame | None:
    """The frame ReplayWeb.page shows the archived copy in, once it has rendered."""
    for frame in page.frames:
        if "/replay/w/" in frame.url and "Overseas Minister" in frame_text(frame):
            return frame
    return None


def test_the_autoblog_copy_replays_in_replaywebpage(page: Page, site: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site)
    deadline = time.monotonic() + 90
    while (replayed := replay_frame(page)) is None and time.monotonic() < deadline:
        # On a first visit the replay frame can load before the service worker controls
        # /replay/ (a directory listing, here): load the page again, as a person would.
        if any(
            frame.url.startswith(site.removesuffix("index.html") + "replay/?")
            and "Directory listing" in frame_text(frame)
            for frame in page.frames
        ):
            page.reload()
        page.wait_for_timeout(500)
    assert replayed is not None, f"no replay frame shows the copy: {[f.url for f in page.frames]}"
    links = replayed.locator("a", has_text="Source link")
    assert links.count() == 1, "the copy's Source link, an anchor as archived"
    assert (links.get_attribute("href") or "").endswith(world.CNBC_ARTICLE)
    links.scroll_into_view_if_needed()  # the screenshot shows the link
    page.wait_for_timeout(1000)  # let the frame paint for the screenshot
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "replaywebpage-autoblog.png"))
