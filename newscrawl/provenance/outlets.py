"""The outlet register (`outlets.toml`): names and domains that attributions resolve to."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tldextract

# The bundled public suffix list only: never fetch it at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=())


def registered_domain(url: str) -> str:
    """`www.bbc.co.uk/news` -> `bbc.co.uk`; the host itself when it has no public suffix."""
    parts = _EXTRACT(url)
    return parts.top_domain_under_public_suffix or parts.domain


@dataclass(frozen=True)
class Outlet:
    """A news outlet or agency."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    agency: bool

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def home(self) -> str:
        return self.domains[0]


@dataclass(frozen=True)
class Outlets:
    """Lookups over the register, by name (case-insensitive) and by URL."""

    outlets: tuple[Outlet, ...]

    def by_name(self, name: str) -> Outlet | None:
        wanted = name.strip().casefold()
        return next((o for o in self.outlets if wanted in {n.casefold() for n in o.names}), None)

    def by_url(self, url: str) -> Outlet | None:
        host = _EXTRACT(url).fqdn
        domain = registered_domain(url)
        return next((o for o in self.outlets if domain in o.domains or host in o.domains), None)


@cache
def load_outlets(path: Path = Path(__file__).parent / "outlets.toml") -> Outlets:
    """The register shipped with newscrawl (or another file in the same format)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Outlets(
        tuple(
            Outlet(
                o["name"], tuple(o.get("aliases", ())), tuple(o["domains"]), o.get("agency", False)
            )
            for o in data["outlet"]
        )
    )
