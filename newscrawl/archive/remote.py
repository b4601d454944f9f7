"""Archives named by URL (https://, http://, s3://), read through fsspec as they stream in.

A remote file is read in blocks of byte ranges, the next block fetched while this one is
parsed, so a 1 GB WARC is never held whole, nor copied to disk. Options are fsspec's own, as
every fsspec user sets them: AWS credentials, region and `AWS_ENDPOINT_URL` as botocore reads
them, anything else from fsspec's configuration (`FSSPEC_S3_ANON=true` for a public bucket,
`FSSPEC_HTTP='{"client_kwargs": {"trust_env": true}}'` for a proxy, or ~/.config/fsspec/).

These are paths the user names: the crawl's address rules do not apply to them.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import fsspec

if TYPE_CHECKING:
    from collections.abc import Iterator

SCHEMES = ("http", "https", "s3")
# Bytes asked for at a time: few requests per file, and two blocks (the one read, the
# next one coming) are all a file holds in memory.
BLOCK_SIZE = 8 << 20
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class RemoteError(OSError):
    """An archive URL that cannot be read: no such object, refused, unreachable, malformed."""


@dataclass(frozen=True, order=True)
class RemoteFile:
    """A file named by URL, with what reading it needs of a path: its name, its folder, its
    size (None when the server does not say)."""

    url: str
    size: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.url

    @property
    def _path(self) -> PurePosixPath:
        return PurePosixPath(urlsplit(self.url).path or "/")

    @property
    def name(self) -> str:
        return self._path.name

    @property
    def suffix(self) -> str:
        return self._path.suffix

    @property
    def parent(self) -> PurePosixPath:
        return self._path.parent

    def with_name(self, name: str) -> RemoteFile:
        """The file called `name` in the same folder."""
        parts = urlsplit(self.url)
        path = str(self._path.with_name(name))
        return replace(self, url=urlunsplit((parts.scheme, parts.netloc, path, "", "")), size=None)


def is_url(name: object) -> bool:
    """Whether a path given is a URL (of any scheme: an unknown one is refused, not read as
    a local path)."""
    return isinstance(name, str) and _URL.match(name) is not None


def check_url(url: str) -> None:
    """Raise `RemoteError` for a URL that cannot name an archive, before anything is sent."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises ValueError for a port out of range
    except ValueError as exc:
        raise RemoteError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise RemoteError(f"{url}: only http://, https:// and s3:// URLs are read")
    if not parts.hostname:
        raise RemoteError(f"{url}: no {'bucket' if parts.scheme == 's3' else 'host'} named")


def remote_files(url: str) -> list[RemoteFile]:
    """The file a URL names, or every file under it when it names an S3 prefix (a folder);
    raise `RemoteError` with the reason, in one line, when there is none or it cannot be
    reached."""
    check_url(url)
    with _reading(url):
        fs, path = _filesystem(url)
        info = fs.info(path)
        if info["type"] != "directory":
            return [RemoteFile(url, info.get("size"))]
        found = fs.find(path, detail=True)
    return [
        RemoteFile(fs.unstrip_protocol(name), entry.get("size")) for name, entry in found.items()
    ]


def open_remote(file: RemoteFile, block_size: int = BLOCK_SIZE) -> IO[bytes]:
    """Open a remote file for reading in blocks of `block_size` bytes, the next block fetched
    in the background; raise `RemoteError` when it cannot be opened."""
    options: dict[str, Any] = {"size": file.size} if file.size else {}
    with _reading(file.url):
        fs, path = _filesystem(file.url)
        handle: IO[bytes] = fs.open(
            path,
            "rb",
            block_size=block_size,
            cache_type="background",
            cache_options={"maxblocks": 2},
            **options,
        )
    return handle


def _filesystem(url: str) -> tuple[Any, str]:
    """fsspec's filesystem for `url`, as configured, and the path in it. Over HTTP the bytes
    are taken as stored: a server that labels a .warc.gz `Content-Encoding: gzip` must not
    have it inflated on the way (the offsets of its records would be the inflated ones)."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return fsspec.url_to_fs(url)  # type: ignore[no-any-return]
    client: dict[str, Any] = {}
    for scheme in ("http", "https"):
        client.update(fsspec.config.conf.get(scheme, {}).get("client_kwargs", {}))
    return fsspec.url_to_fs(url, client_kwargs=client | {"auto_decompress": False})  # type: ignore[no-any-return]


@contextmanager
def _reading(url: str) -> Iterator[None]:
    """Any failure to reach `url` raised as a `RemoteError` that says why in one line."""
    try:
        yield
    except RemoteError:
        raise
    except Exception as exc:  # aiohttp's, botocore's, fsspec's own: all of them say why
        raise RemoteError(f"{url}: {_why(exc, url)}") from exc


def _why(exc: Exception, url: str) -> str:
    """What went wrong, in one line: an HTTP status, the cause that fsspec wraps, or 'not
    found' for a FileNotFoundError that only names the file."""
    if isinstance(exc, ImportError) and url.startswith("s3:"):
        return f"{exc}: pip install 'newscrawl[s3]'"
    cause = exc.__cause__ if isinstance(exc.__cause__, Exception) else exc
    status = getattr(cause, "status", None)
    if isinstance(status, int):
        return f"HTTP {status} {getattr(cause, 'message', '')}".rstrip()
    text = " ".join(str(cause).split())
    if isinstance(cause, FileNotFoundError) and (not text or text in url):
        return "not found"
    if type(cause).__name__ == "NoCredentialsError":  # botocore's
        return "no AWS credentials found (for a public bucket: FSSPEC_S3_ANON=true)"
    return f"{type(cause).__name__}: {text}" if text else type(cause).__name__
