"""Lookups over the outlet register (`newscrawl/outlets.toml`): attributions, links and
credits resolve to outlets by name or by URL."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True, eq=False)
class Outlets:
    """Lookups over the register, by name (case-insensitive) and by URL. Compared and hashed
    by identity: the patterns made from a register are cached by it, once a process, and
    hashing every outlet's names at each look-up cost more than the look-up."""

    outlets: tuple[Outlet, ...]
    # The first outlet (and its place in the register) of each name, casefolded, and domain.
    _names: dict[str, Outlet] = field(init=False, repr=False)
    _domains: dict[str, tuple[int, Outlet]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        names: dict[str, Outlet] = {}
        domains: dict[str, tuple[int, Outlet]] = {}
        for place, outlet in enumerate(self.outlets):
            for name in outlet.names:
                names.setdefault(name.casefold(), outlet)
            for domain in outlet.domains:
                domains.setdefault(domain, (place, outlet))
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_domains", domains)

    def by_name(self, name: str) -> Outlet | None:
        return self._names.get(name.strip().casefold())

    def by_url(self, url: str) -> Outlet | None:
        """The first outlet of the register that has the URL's registered domain or host."""
        found = [self._domains.get(part) for part in _parts(url)]
        first = min((f for f in found if f), key=lambda f: f[0], default=None)
        return None if first is None else first[1]


@cache
def load_outlets(path: Path = REGISTER) -> Outlets:
    """The register shipped with newscrawl (or another file in the same format)."""
    return Outlets(read_outlets(path))
