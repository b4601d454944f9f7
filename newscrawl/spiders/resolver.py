"""The crawl's DNS resolver: a name is looked up once, and connected to only where it was vetted.

The address guard (`middlewares.AddressGuard`) decides on a host's addresses before a request
is sent; the downloader then connects to whatever the reactor's name resolver answers. Had the
two looked the name up separately, a name whose answer changes in between (DNS rebinding)
would pass the guard with a public address and be connected to at a private one, and a name
that failed the guard's lookup but resolved later would never have been checked.
`GuardedResolver` is both ends: the guard asks it and tells it which answers passed, and the
downloader gets exactly those. A name nobody vetted is checked here against the crawl's
settings; a name that does not resolve gets no address, so the connection fails.
"""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING, Any

from scrapy.utils.asyncio import run_in_thread
from scrapy.utils.datatypes import LocalCache
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IHostnameResolver, IHostResolution
from zope.interface import implementer  # type: ignore[import-untyped]

from newscrawl.spiders.guard import host_addresses, literal_address, refusal

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from typing import Self

    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

    Lookup = Callable[[str], Sequence[str]]

logger = logging.getLogger(__name__)

# A hosts-table name that stands for every host the table does not list.
ANY_HOST = "*"


def system_lookup(host: str) -> tuple[str, ...]:
    """Every address the system resolver gives `host` (IPv4 and IPv6); blocks, raises OSError."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def parse_hosts(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """A hosts table from `ADDRESS NAME...` lines, as in /etc/hosts (`*`: any other name).

    Raises ValueError naming the line whose address is not an IP address.
    """
    table: dict[str, tuple[str, ...]] = {}
    for line in lines:
        address, *names = line.split() or [""]
        ip = literal_address(address)
        if ip is None or not names:
            raise ValueError(f"hosts entry {line!r} is not 'ADDRESS NAME...'")
        for name in names:
            key = name.lower().rstrip(".")
            table[key] = (*table.get(key, ()), str(ip))
    return table


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:
        """A lookup in a thread cannot be taken back; its answer is simply not used."""


@implementer(IHostnameResolver)
class GuardedResolver:
    """A Scrapy `TWISTED_DNS_RESOLVER` that hands out only vetted, public addresses.

    Answers come from `NEWSCRAWL_HOSTS` (a hosts table, checked like any answer), literal IPs
    and `localhost` as they are, or one system lookup per name, cached for the crawl (up to
    `DNSCACHE_SIZE` names). What the downloader gets is the answer `vet()` recorded for that
    name; failing that, the answer when it passes the same rule as targets
    (`NEWSCRAWL_ALLOW_LOOPBACK`, `NEWSCRAWL_ALLOW_PRIVATE`), else nothing.
    """

    def __init__(
        self,
        reactor: Any = None,
        *,
        hosts: Mapping[str, Sequence[str]] | None = None,
        allow_loopback: bool = False,
        allow_private: bool = False,
        cache_size: int = 10000,
        lookup: Lookup = system_lookup,
    ) -> None:
        self.reactor = reactor
        self.hosts = dict(hosts or {})
        self.allow_loopback = allow_loopback
        self.allow_private = allow_private
        self.lookup = lookup
        self._answers: LocalCache[str, tuple[str, ...]] = LocalCache(max(cache_size, 1))
        self._vetted: LocalCache[str, tuple[str, ...]] = LocalCache(max(cache_size, 1))

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any = None) -> Self:
        settings = crawler.settings
        return cls(
            reactor,
            hosts=parse_hosts(settings.getlist("NEWSCRAWL_HOSTS")),
            allow_loopback=settings.getbool("NEWSCRAWL_ALLOW_LOOPBACK"),
            allow_private=settings.getbool("NEWSCRAWL_ALLOW_PRIVATE"),
            cache_size=settings.getint("DNSCACHE_SIZE"),
        )

    def install_on_reactor(self) -> None:
        """Answer the reactor's lookups (its simple `resolve()` too, which Twisted derives)."""
        if self.reactor is None:
            # Imported here: importing it installs a reactor, which must not happen before
            # Scrapy has chosen one.
            from twisted.internet import reactor

            self.reactor = reactor
        self.reactor.installNameResolver(self)

    async def addresses(self, host: str) -> tuple[str, ...]:
        """Every address of `host`, looked up once; () when it does not resolve."""
        key = host.lower().strip("[]").rstrip(".")
        if key in self.hosts:
            return tuple(self.hosts[key])
        known = host_addresses(key)
        if known is not None:
            return tuple(str(address) for address in known)
        if ANY_HOST in self.hosts:
            return tuple(self.hosts[ANY_HOST])
        if key not in self._answers:
            try:
                answer = tuple(await run_in_thread(self.lookup, key))
            except (OSError, UnicodeError):
                answer = ()
            self._answers[key] = answer
        return self._answers[key]

    def vet(self, host: str, addresses: Sequence[str]) -> None:
        """Record that `host` may be connected to at `addresses`, and nowhere else."""
        self._vetted[host.lower().strip("[]").rstrip(".")] = tuple(addresses)

    async def connectable(self, host: str) -> tuple[str, ...]:
        """The addresses the downloader may connect to for `host` (maybe none)."""
        key = host.lower().strip("[]").rstrip(".")
        if key in self._vetted:
            return self._vetted[key]
        addresses = await self.addresses(key)
        found = refusal(f"http://{key}/", addresses, self.allow_loopback, self.allow_private)
        if found is not None or not addresses:
            logger.warning("no connection to %s: %s", key, found or "it does not resolve")
            return ()
        return addresses

    def resolveHostName(
        self,
        resolutionReceiver: Any,  # an IResolutionReceiver (zope: mypy cannot check it)
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[Any]] | None = None,
        transportSemantics: str = "TCP",
    ) -> Any:
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)

        def deliver(addresses: tuple[str, ...]) -> None:
            for text in addresses:
                ip = literal_address(text)
                if ip is None:
                    continue  # not an IP address: nothing to connect to
                kind = IPv4Address if ip.version == 4 else IPv6Address
                if addressTypes is None or kind in addressTypes:
                    resolutionReceiver.addressResolved(kind("TCP", str(ip), portNumber))
            resolutionReceiver.resolutionComplete()

        def failed(failure: Failure) -> None:
            logger.error("no connection to %s: %s", hostName, failure.getErrorMessage())
            resolutionReceiver.resolutionComplete()

        deferred_from_coro(self.connectable(hostName)).addCallbacks(deliver, failed)
        return resolution
