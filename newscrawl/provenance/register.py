"""Lookups over the outlet register (`newscrawl/outlets.toml`): attributions, links and
credits resolve to outlets by name or by URL."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import tldextract

from newscrawl.outlets import REGISTER, Outlet, read_outlets

if TYPE_CHECKING:
    from pathlib import Path

# The bundled public suffix list only: never fetch it at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=())


@lru_cache(maxsize=4096)
def _parts(url: str) -> tuple[str, str]:
    """(registered domain, host) of a URL: an article's own URL is asked for several times."""
    parts = _EXTRACT(url)
    return parts.top_domain_under_public_suffix or parts.domain, parts.fqdn


def registered_domain(url: str) -> str:
    """`www.bbc.co.uk/news` -> `bbc.co.uk`; the host itself when it has no public suffix."""
    return _parts(url)[0]


@dataclass(frozen=True)
class Outlets:
    """Lookups over the register, by name (case-insensitive) and by URL."""

    outlets: tuple[Outlet, ...]

    def by_name(self, name: str) -> Outlet | None:
        wanted = name.strip().casefold()
        return next((o for o in self.outlets if wanted in {n.casefold() for n in o.names}), None)

    def by_url(self, url: str) -> Outlet | None:
        domain, host = _parts(url)
        return next((o for o in self.outlets if domain in o.domains or host in o.domains), None)


@cache
def load_outlets(path: Path = REGISTER) -> Outlets:
    """The register shipped with newscrawl (or another file in the same format)."""
    return Outlets(read_outlets(path))
