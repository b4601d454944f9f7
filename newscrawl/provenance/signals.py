"""Explicit evidence one article gives about its origin: links, canonicals, credits, wording.

Read from the extracted `Article` only (its body links, canonical URL, structured data, credit
lines and text); outlet names resolve through the register in `outlets.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newscrawl.anchors import is_source_anchor
from newscrawl.provenance.outlets import Outlet, Outlets, load_outlets, registered_domain
from newscrawl.provenance.records import Evidence, Source

if TYPE_CHECKING:
    from newscrawl.items import Article

# Phrases that attribute reporting to a named outlet; {name} is one outlet's alternation.
_ATTRIBUTIONS = (
    r"\b(?i:reports?) {name}",
    r"\b{name} (?i:(?:has |had )?report(?:ed|s))\b",
    r"\b(?i:according to) {name}",
    r"\b(?i:told|in an interview with) {name}",
    r"\b(?i:(?:produced|published|written) in (?:association|partnership|collaboration) with) "
    r"{name}",
    r"\b(?i:via|source:|courtesy of) {name}",
)
# Phrases that name the outlet whose copy this is, not just one it cites.
_ORIGIN_ATTRIBUTION = re.compile(r"produced|published|written|courtesy", re.IGNORECASE)
# A brand's own promo left in copied text: "Read more about China from CNBC Pro".
_PROMO = r"^(?:read|watch|listen|subscribe|sign up|get)\b[^\n]{{0,60}}?\b(?:from|on|to|at) {name}"


@dataclass
class Signals:
    """What an article says about its own origin."""

    evidence: list[Evidence] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # URLs the article points to as its original (source links, foreign canonicals).
    original_urls: list[str] = field(default_factory=list)
    # Outlets named as the origin of this very text (credit line, promo, "produced with").
    origin_outlets: set[str] = field(default_factory=set)

    def add_source(self, outlet: Outlet, url: str) -> None:
        if all(s.name != outlet.name for s in self.sources):
            self.sources.append(Source(outlet.name, url))


def read_signals(article: Article, outlets: Outlets | None = None) -> Signals:
    """Every explicit provenance signal of `article`, self-references left out."""
    outlets = outlets or load_outlets()
    own_domain = registered_domain(article.url)
    own = outlets.by_url(article.url)
    found = Signals()
    _links(article, own_domain, outlets, found)
    _canonicals(article, own_domain, found)
    _structured(article.structured, own_domain, outlets, found)
    _wording(article.body, own, outlets, found)
    _credits(article.credits, own, outlets, found)
    return found


def _links(article: Article, own_domain: str, outlets: Outlets, found: Signals) -> None:
    for link in article.links_out:
        if registered_domain(link.url) == own_domain:
            continue
        outlet = outlets.by_url(link.url)
        is_page = urlsplit(link.url).path.strip("/") != ""
        if is_source_anchor(link.text) and is_page:
            found.evidence.append(Evidence("source-link", f"{link.text.strip()} -> {link.url}"))
            found.original_urls.append(link.url)
        elif outlet:
            found.evidence.append(Evidence("outlet-link", f"{link.text.strip()} -> {link.url}"))
        if outlet:
            found.add_source(outlet, link.url)


def _canonicals(article: Article, own_domain: str, found: Signals) -> None:
    og_urls = [og.get("og:url") for og in article.structured.get("opengraph", [])]
    for kind, url in [("canonical", article.canonical_url), *(("og-url", u) for u in og_urls)]:
        if isinstance(url, str) and url and registered_domain(url) != own_domain:
            found.evidence.append(Evidence(kind, url))
            if url not in found.original_urls:
                found.original_urls.append(url)


def _structured(
    structured: dict[str, list[dict]], own_domain: str, outlets: Outlets, found: Signals
) -> None:
    for key, value in _walk(structured):
        if key not in ("isBasedOn", "isBasedOnUrl", "sourceOrganization"):
            continue
        for item in value if isinstance(value, list) else [value]:
            url = item.get("url") or item.get("@id") if isinstance(item, dict) else item
            name = item.get("name") if isinstance(item, dict) else None
            if not isinstance(url, str) and not isinstance(name, str):
                continue
            found.evidence.append(Evidence(key, str(url or name)))
            outlet = outlets.by_name(name) if isinstance(name, str) else None
            if isinstance(url, str) and url.startswith("http"):
                outlet = outlet or outlets.by_url(url)
                if key != "sourceOrganization" and registered_domain(url) != own_domain:
                    found.original_urls.append(url)
            if outlet:
                found.add_source(outlet, url if isinstance(url, str) else outlet.home)
                found.origin_outlets.add(outlet.name)


def _walk(data: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair of nested dicts and lists."""
    pairs: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            pairs.append((key, value))
            pairs.extend(_walk(value))
    elif isinstance(data, list):
        for value in data:
            pairs.extend(_walk(value))
    return pairs


@cache
def _patterns(outlets: Outlets) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per outlet: (attribution pattern, promo pattern), names matched as whole words."""
    compiled = []
    for outlet in outlets.outlets:
        names = "|".join(re.escape(n) for n in sorted(outlet.names, key=len, reverse=True))
        name = rf"(?:the )?(?:{names})\b"
        attribution = "|".join(p.format(name=name) for p in _ATTRIBUTIONS)
        compiled.append(
            (re.compile(attribution), re.compile(_PROMO.format(name=name), re.I | re.M))
        )
    return compiled


@cache
def _mentions(outlets: Outlets) -> tuple[re.Pattern[str], dict[str, Outlet]]:
    """One pattern for every outlet name, so a body is scanned once to see which it names."""
    by_name = {name.casefold(): o for o in outlets.outlets for name in o.names}
    names = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    return re.compile(rf"\b(?:{names})\b", re.IGNORECASE), by_name


def _wording(body: str, own: Outlet | None, outlets: Outlets, found: Signals) -> None:
    # Only outlets the text names at all get their phrase patterns run (a few, not all).
    pattern, by_name = _mentions(outlets)
    named = {by_name[m.group(0).casefold()] for m in pattern.finditer(body)}
    for outlet, (attribution, promo) in zip(outlets.outlets, _patterns(outlets), strict=True):
        if outlet == own or outlet not in named:
            continue
        for match in attribution.finditer(body):
            found.evidence.append(Evidence("attribution", match.group(0)))
            found.add_source(outlet, outlet.home)
            if _ORIGIN_ATTRIBUTION.search(match.group(0)):
                found.origin_outlets.add(outlet.name)
        for match in promo.finditer(body):
            found.evidence.append(Evidence("promo", match.group(0)))
            found.add_source(outlet, outlet.home)
            found.origin_outlets.add(outlet.name)


def _credits(credits: list[str], own: Outlet | None, outlets: Outlets, found: Signals) -> None:
    for credit in dict.fromkeys(credits):
        named = [outlets.by_name(part) for part in re.split(r"\s*[|/,;]\s*", credit)]
        named_others = [o for o in named if o and o != own]
        if not named_others:
            continue
        found.evidence.append(Evidence("credit", credit))
        for outlet in named_others:
            found.add_source(outlet, outlet.home)
            if not outlet.agency:
                found.origin_outlets.add(outlet.name)
