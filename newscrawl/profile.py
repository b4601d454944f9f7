"""Crawl profiles: TOML files in `settings/` that say what to crawl and how.

A profile is data, not code. It is parsed once into a frozen `Profile`; every mistake in it
(missing file, unknown key, wrong type, bad URL or regex) raises `ProfileError` naming the
file, the key and the fix, before anything is fetched.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newscrawl.spiders.resolver import parse_hosts


class ProfileError(ValueError):
    """A crawl profile that cannot be used, with a message that says why and how to fix it."""


@dataclass(frozen=True)
class Seeds:
    """Where a crawl starts."""

    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    """Which links a crawl follows, and how far."""

    allowed_domains: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    deny_patterns: tuple[str, ...] = ()
    follow_links: bool = True
    max_depth: int = 2
    max_pages: int = 0
    fetch_images: bool = False
    # Also fetch the page an article names as its source ("Source link", a canonical URL on
    # another site), wherever it is, up to `max_sources` pages: the original gets archived too.
    follow_sources: bool = False
    max_sources: int = 100


@dataclass(frozen=True)
class Politeness:
    """How hard a crawl may press on the sites it visits."""

    obey_robots: bool = True
    autothrottle: bool = True
    download_delay: float = 0.0
    concurrent_requests_per_domain: int = 4


@dataclass(frozen=True)
class Archive:
    """How a crawl's WARCs are named and packaged."""

    prefix: str = ""
    operator: str = ""
    wacz: bool = False
    max_file_size: int = 0


@dataclass(frozen=True)
class Network:
    """How requests leave this machine."""

    proxy: str = ""
    allow_loopback: bool = False
    # Names answered without DNS, as lines of /etc/hosts ("ADDRESS NAME...", "*": any name).
    hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """One crawl profile, as read from its TOML file."""

    name: str
    path: Path
    description: str = ""
    seeds: Seeds = field(default_factory=Seeds)
    scope: Scope = field(default_factory=Scope)
    politeness: Politeness = field(default_factory=Politeness)
    archive: Archive = field(default_factory=Archive)
    network: Network = field(default_factory=Network)

    def scrapy_settings(self) -> dict[str, Any]:
        """The Scrapy settings this profile sets (applied at "spider" priority)."""
        settings: dict[str, Any] = {
            "ROBOTSTXT_OBEY": self.politeness.obey_robots,
            "AUTOTHROTTLE_ENABLED": self.politeness.autothrottle,
            "DOWNLOAD_DELAY": self.politeness.download_delay,
            "CONCURRENT_REQUESTS_PER_DOMAIN": self.politeness.concurrent_requests_per_domain,
            # Pages stop at max_depth (the spider checks); their images may be one hop deeper.
            "DEPTH_LIMIT": self.scope.max_depth + 1,
            "CLOSESPIDER_PAGECOUNT": self.scope.max_pages,
            "NEWSCRAWL_WARC_PREFIX": self.archive.prefix or self.name,
            "NEWSCRAWL_COLLECTION": self.name,
            "NEWSCRAWL_WACZ": self.archive.wacz,
            "NEWSCRAWL_ALLOW_LOOPBACK": self.network.allow_loopback,
        }
        if self.archive.operator:
            settings["NEWSCRAWL_OPERATOR"] = self.archive.operator
        if self.archive.max_file_size:
            settings["NEWSCRAWL_WARC_MAX_SIZE"] = self.archive.max_file_size
        if self.network.proxy:
            settings["NEWSCRAWL_PROXY"] = self.network.proxy
        if self.network.hosts:
            settings["NEWSCRAWL_HOSTS"] = list(self.network.hosts)
        return settings


_SECTIONS: dict[str, type] = {
    "seeds": Seeds,
    "scope": Scope,
    "politeness": Politeness,
    "archive": Archive,
    "network": Network,
}
_TOP_LEVEL = ("name", "description", *_SECTIONS)
_URL_KEYS = {"feeds", "sitemaps", "start_urls"}
_REGEX_KEYS = {"article_patterns", "deny_patterns"}
# Limits below which a crawl cannot work (0 concurrent requests: it never progresses).
_MINIMUM = {"concurrent_requests_per_domain": 1}
# A plain file or folder name: letters, digits, '.', '_', '-', not starting with '.' or '-'.
PLAIN_NAME = re.compile(r"[A-Za-z0-9][\w.-]*", re.ASCII)


PACKAGED_PROFILES = Path(__file__).parent / "profiles"


def find_profile(name: str | Path) -> Path:
    """A profile file from a path, or a bare name looked up in `settings/`, then in the package."""
    path = Path(name)
    if path.suffix or path.is_file() or len(path.parts) > 1:
        return path
    for folder in (Path("settings"), PACKAGED_PROFILES):
        if (candidate := folder / f"{name}.toml").is_file():
            return candidate
    return path


def load_profile(name: str | Path) -> Profile:
    """Read and check a crawl profile; raise `ProfileError` that names what is wrong."""
    path = find_profile(name)
    if not path.is_file():
        hint = _nearby_profiles(path)
        raise ProfileError(f"crawl profile {str(path)!r} does not exist{hint}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from exc
    _reject_unknown(path, "", data, _TOP_LEVEL)
    name = data.get("name") or path.stem
    if not isinstance(name, str) or not PLAIN_NAME.fullmatch(name):
        raise ProfileError(f"{path}: name {name!r} must be letters, digits, '.', '_' or '-'")
    sections = {key: _section(path, key, data.get(key, {})) for key in _SECTIONS}
    profile = Profile(
        name=name, path=path, description=str(data.get("description", "")), **sections
    )
    seeds = profile.seeds
    if not (seeds.feeds or seeds.sitemaps or seeds.start_urls):
        raise ProfileError(f"{path}: [seeds] needs at least one of feeds, sitemaps, start_urls")
    return profile


def _section(path: Path, name: str, raw: Any) -> Any:
    cls = _SECTIONS[name]
    if not isinstance(raw, dict):
        raise ProfileError(f"{path}: [{name}] must be a table, not {type(raw).__name__}")
    known = {f.name: f for f in fields(cls)}
    _reject_unknown(path, f"{name}.", raw, tuple(known))
    values = {
        key: _coerce(f"{path}: {name}.{key}", key, getattr(cls(), key), value)
        for key, value in raw.items()
    }
    return cls(**values)


def _coerce(where: str, key: str, default: Any, value: Any) -> Any:
    """Check `value` against the type of the key's default; return it in that type."""
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{where} must be a list of strings")
        for item in value:
            _check_value(where, key, item)
        return tuple(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ProfileError(f"{where} must be true or false, not {value!r}")
        return value
    if isinstance(default, int | float):
        least = _MINIMUM.get(key, 0)
        whole = isinstance(default, int)
        number = isinstance(value, int if whole else int | float) and not isinstance(value, bool)
        if not number or not math.isfinite(value) or value < least:
            kind = " (a whole number)" if whole else ""
            raise ProfileError(f"{where} must be a number >= {least}{kind}, not {value!r}")
        return type(default)(value)
    if not isinstance(value, str):
        raise ProfileError(f"{where} must be a string, not {value!r}")
    if key == "proxy" and value:
        _check_url(where, value)
    if key == "prefix" and value and not PLAIN_NAME.fullmatch(value):
        raise ProfileError(
            f"{where} {value!r} must be a plain file name: letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (no '/')"
        )
    return value


def _check_value(where: str, key: str, value: str) -> None:
    if key == "hosts":
        try:
            parse_hosts([value])
        except ValueError as exc:
            raise ProfileError(f"{where}: {exc}") from exc
    elif key in _URL_KEYS:
        _check_url(where, value)
    elif key in _REGEX_KEYS:
        try:
            re.compile(value)
        except re.error as exc:
            raise ProfileError(f"{where}: {value!r} is not a valid regex: {exc}") from exc


def _check_url(where: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProfileError(f"{where}: {url!r} is not an absolute http(s) URL")


def _reject_unknown(path: Path, prefix: str, data: dict[str, Any], known: tuple[str, ...]) -> None:
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {prefix}{close[0]!r}?" if close else ""
            raise ProfileError(
                f"{path}: unknown key {prefix}{key!r}{hint} (known: {', '.join(known)})"
            )


def _nearby_profiles(path: Path) -> str:
    folders = (path.parent, Path("settings"), PACKAGED_PROFILES)
    names = sorted({p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.toml")})
    return f"; known profiles: {', '.join(names)}" if names else ""
