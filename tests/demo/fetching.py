"""Test helpers: fetch through the demo proxy; page text and links as a reader sees them."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from newscrawl.demo.server import DemoServer

_BLOCKS = {
    "article", "aside", "blockquote", "body", "br", "div", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p", "section", "ul",
}  # fmt: skip
_HIDDEN = {"head", "script", "style"}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(
    server: DemoServer | int,
    url: str,
    headers: dict[str, str] | None = None,
    *,
    method: str = "GET",
    proxy: bool = True,
) -> Reply:
    """One request to the demo server (or a port): absolute-form, as a proxy, or origin-form."""
    parts = urlsplit(url)
    target = url if proxy else (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    port = server if isinstance(server, int) else server.port
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, target, headers={"Host": parts.netloc, **(headers or {})})
        response = conn.getresponse()
        return Reply(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        conn.close()


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = [""]
        self.hidden = 0
        self.title = ""
        self.links: list[str] = []
        self.images: list[str] = []
        self.meta: dict[str, str] = {}
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.lines.append("")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        if tag == "img" and found.get("src"):
            self.images.append(found["src"] or "")
        if tag == "meta" and (found.get("property") or found.get("name")):
            self.meta[found.get("property") or found.get("name") or ""] = found.get("content") or ""
        if tag == "link" and found.get("rel"):
            self.meta["link:" + (found["rel"] or "")] = found.get("href") or ""
        if tag == "title":
            self._in = tag
        elif tag == "script":
            self._in = tag
            self.scripts.append((found, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden -= 1
        elif tag in _BLOCKS:
            self.lines.append("")
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        if not self.hidden:
            self.lines[-1] += data


def parse(html: str) -> _Page:
    """Visible text lines (block elements break lines), links, images, meta and scripts."""
    page = _Page()
    page.feed(html)
    page.close()
    page.lines = [" ".join(line.split()) for line in page.lines if line.strip()]
    return page
