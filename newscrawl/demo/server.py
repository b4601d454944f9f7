"""Serve a `Resolver` on loopback as an HTTP forward proxy (and as a plain origin server).

A crawler that sends every request to this proxy sees the demo world under its real URLs;
the server only looks URLs up and never connects anywhere. Run it on its own with
`newscrawl demo-server --port 8765`.
"""

from __future__ import annotations

import functools
import gzip
import signal
import sys
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import FrameType, TracebackType

    from newscrawl.demo.responses import Resolver

_CHUNKS = 4  # a chunked body goes out in this many chunks


@functools.lru_cache(maxsize=256)
def _gzipped(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=6, mtime=0)


def _accepts_gzip(accept_encoding: str) -> bool:
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _gzip_etag(etag: str) -> str:
    """The gzip variant's own ETag, as Apache marks it (the world treats both as one entity)."""
    return etag[:-1] + '-gzip"' if etag.endswith('"') else etag


class _Handler(BaseHTTPRequestHandler):
    """Answers GET and HEAD, in absolute form (proxy) or origin form (with a Host header)."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request log is `DemoServer.requests`, not stderr."""

    def _answer(self, send_body: bool) -> None:
        url = self._url()
        with self.server.lock:
            self.server.requests.append((self.command, url))
        resource = self.server.resolver.resolve(url, dict(self.headers.items()))
        body, headers = resource.body, list(resource.headers)
        if (
            resource.gzip
            and resource.body
            and _accepts_gzip(self.headers.get("Accept-Encoding", ""))
        ):
            body = _gzipped(body)
            headers = [(k, _gzip_etag(v) if k == "ETag" else v) for k, v in headers]
            headers.append(("Content-Encoding", "gzip"))
        self.send_response_only(resource.status)
        self.send_header("Date", formatdate(usegmt=True))
        for name, value in headers:
            self.send_header(name, value)
        chunked = resource.chunked and resource.status != 304
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif resource.status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and resource.status != 304:
            self._write(body, chunked)

    def _url(self) -> str:
        if self.path.startswith(("http://", "https://")):
            return self.path
        return f"http://{self.headers.get('Host', 'localhost')}{self.path}"

    def _write(self, body: bytes, chunked: bool) -> None:
        if not chunked:
            self.wfile.write(body)
            return
        step = max(1, -(-len(body) // _CHUNKS))
        parts = [body[i : i + step] for i in range(0, len(body), step)]
        self.wfile.write(
            b"".join(b"%X\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # benchmarks open many connections at once

    def __init__(self, address: tuple[str, int], resolver: Resolver) -> None:
        super().__init__(address, _Handler)
        self.resolver = resolver
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-response are normal for a crawler; anything else is shown."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class DemoServer:
    """A `Resolver` served on loopback from a daemon thread; a context manager."""

    def __init__(self, resolver: Resolver, host: str = "127.0.0.1", port: int = 0) -> None:
        self.resolver = resolver
        self._server = _Server((host, port), resolver)
        self.port: int = self._server.server_address[1]
        self.proxy_url = f"http://{host}:{self.port}"
        self.requests = self._server.requests
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="demo-server", daemon=True
        )

    def start(self) -> DemoServer:
        """Start serving in the background; returns self."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def serve_until_stopped(resolver: Resolver, host: str, port: int) -> None:
    """Serve `resolver` until SIGTERM or Ctrl-C (`newscrawl demo-server`); the first line
    printed names the address, for whoever started it."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with DemoServer(resolver, host=host, port=port) as server:
        print(f"listening on {server.proxy_url}", flush=True)
        stop.wait()
