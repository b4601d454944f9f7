"""Explicit evidence one article gives about its origin: links, canonicals, credits, wording.

Read from the extracted `Article` only (its body links, canonical and syndication URLs,
structured data, credit lines and text); outlet names resolve through the register in
`newscrawl/outlets.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newscrawl.anchors import FIRST_APPEARED, is_source_anchor
from newscrawl.extract.structured import Structured
from newscrawl.provenance.decisions import Evidence, Source
from newscrawl.provenance.fingerprint import name_hash
from newscrawl.provenance.register import Outlets, load_outlets, registered_domain

if TYPE_CHECKING:
    from newscrawl.items import Article
    from newscrawl.outlets import Outlet

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
# What separates the names in a credit line: "Jane Doe/AFP via Getty Images", "(AP)", "— AP".
_CREDIT_SEPARATORS = re.compile(r"[|/,;:()\[\]—–]|\s-\s|^\s*-|-\s*$|\svia\s", re.IGNORECASE)


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
    _pointers(article, own_domain, found)
    _structured(article.structured, own_domain, outlets, found)
    _publisher(article, own, own_domain, outlets, found)
    _wording(article.body, own, outlets, found)
    _credits(article.credits, own, outlets, found)
    _first_appeared(article, own, outlets, found)
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


def _pointers(article: Article, own_domain: str, found: Signals) -> None:
    """URLs the page's head gives as the story's home: canonical, og:url, syndication tags."""
    og_urls = [og.get("og:url") for og in article.structured.get("opengraph", [])]
    pointers = [
        ("canonical", article.canonical_url),
        *(("og-url", url) for url in og_urls),
        *(("syndication-source", url) for url in article.syndication_urls),
    ]
    for kind, url in pointers:
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
            name, url = _name_and_url(item)
            if url is None and name is None:
                continue
            found.evidence.append(Evidence(key, url or name or ""))
            outlet = outlets.by_name(name) if name else None
            if url and url.startswith("http"):
                outlet = outlet or outlets.by_url(url)
                if key != "sourceOrganization" and registered_domain(url) != own_domain:
                    found.original_urls.append(url)
            if outlet:
                found.add_source(outlet, url or outlet.home)
                found.origin_outlets.add(outlet.name)


def _publisher(
    article: Article, own: Outlet | None, own_domain: str, outlets: Outlets, found: Signals
) -> None:
    """The article node's schema.org publisher when it is another outlet: a copy that kept its
    original's structured data still names the original's publisher."""
    stated = Structured.from_extruct(article.structured).article.get("publisher")
    own_names = {own, outlets.by_name(article.site_name or "")} - {None}
    for item in stated if isinstance(stated, list) else [stated]:
        name, url = _name_and_url(item)
        web = url if url and url.startswith(("http:", "https:")) else None
        outlet = (outlets.by_name(name) if name else None) or (outlets.by_url(web) if web else None)
        if outlet is None or outlet in own_names or (web and registered_domain(web) == own_domain):
            continue
        found.evidence.append(Evidence("schema-publisher", name or outlet.name))
        found.add_source(outlet, web or outlet.home)
        found.origin_outlets.add(outlet.name)


def _name_and_url(item: Any) -> tuple[str | None, str | None]:
    """A schema.org reference's name and URL: a node's `name` and `url` (or `@id`); a text is
    a URL when it looks like one, else a name."""
    if isinstance(item, dict):
        name, url = item.get("name"), item.get("url") or item.get("@id")
    elif isinstance(item, str):
        name, url = (None, item) if item.startswith(("http:", "https:")) else (item, None)
    else:
        return None, None
    return (name if isinstance(name, str) else None), (url if isinstance(url, str) else None)


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
def _mentions(outlets: Outlets) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    """One pattern for every outlet name, so a body is scanned once to see which it names:
    as written for lower-cased text, and ignoring case; and each name's outlet, by its place
    in the register. The names are a trie (`_trie`): at each word start the regex engine
    tries the few names that begin with the letter there, not each of them in turn."""
    by_name = {n.casefold(): i for i, o in enumerate(outlets.outlets) for n in o.names}
    names = rf"\b(?:{_trie(list(by_name))})\b"
    return re.compile(names), re.compile(names, re.IGNORECASE), by_name


def _named(body: str, outlets: Outlets) -> list[int]:
    """The outlets the text names, in any case, by their place in the register, in order.
    The text is casefolded for a case-sensitive scan, which the regex engine runs about
    three times faster than one ignoring case; where casefolding changes the text's length
    ("ß", "İ"), the scan ignores case instead."""
    lowered, ignoring_case, by_name = _mentions(outlets)
    folded = body.casefold()
    if len(folded) == len(body):
        return sorted({by_name[m.group(0)] for m in lowered.finditer(folded)})
    return sorted({by_name[m.group(0).casefold()] for m in ignoring_case.finditer(body)})


def _trie(names: list[str]) -> str:
    """An alternation matching what `a|b|...` of `names` (longest first) matches: names
    sharing a prefix share its branch, and a longer name is tried before the shorter one
    it extends, so the longest name that ends on a word boundary wins as before."""
    if names == [""]:
        return ""
    by_first: dict[str, list[str]] = {}
    for name in names:
        if name:
            by_first.setdefault(name[0], []).append(name[1:])
    branches = [re.escape(first) + _trie(rests) for first, rests in by_first.items()]
    ending = "" in names
    if len(branches) == 1 and not ending:
        return branches[0]
    return f"(?:{'|'.join(branches)}{'|' if ending else ''})"


def _wording(body: str, own: Outlet | None, outlets: Outlets, found: Signals) -> None:
    # Only outlets the text names at all get their phrase patterns run (a few, not all).
    patterns = _patterns(outlets)
    for place in _named(body, outlets):
        outlet, (attribution, promo) = outlets.outlets[place], patterns[place]
        if outlet == own or outlet.credit == "photo":
            continue  # a photo agency reports nothing ("according to the EPA" is not EPA's)
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
        parts = [p.strip() for p in _CREDIT_SEPARATORS.split(credit) if p.strip()]
        named = {part: outlets.by_name(part) for part in parts}
        named_others = [o for o in named.values() if o and o != own]
        if not named_others:
            continue
        # A wire's sign-off ("(AP)", "— Reuters", "WASHINGTON (AFP) —"): only wires and a
        # place in capitals. The text is the wire's, not just a photo it sold.
        sign_off = all(o.credit == "wire" for o in named_others) and all(
            part.isupper() for part, outlet in named.items() if outlet is None
        )
        found.evidence.append(Evidence("wire" if sign_off else "credit", credit))
        for outlet in named_others:
            found.add_source(outlet, outlet.home)
            if sign_off or not outlet.agency:
                found.origin_outlets.add(outlet.name)


def _first_appeared(article: Article, own: Outlet | None, outlets: Outlets, found: Signals) -> None:
    """Credit lines that name the site the text first appeared on, when that is another site
    than the page's own: `first-appeared` evidence, and the outlet as the text's origin when
    the register knows it."""
    own_label = registered_domain(article.url).split(".")[0]
    own_names = {name_hash(n) for n in (article.site_name, own and own.name, own_label) if n}
    for credit in article.credits:
        match = FIRST_APPEARED.fullmatch(credit)
        if match is None:
            continue
        name = match.group("name").strip()
        if name_hash(name) in own_names:
            continue
        found.evidence.append(Evidence("first-appeared", name))
        outlet = outlets.by_name(name)
        if outlet and outlet != own:
            found.add_source(outlet, outlet.home)
            found.origin_outlets.add(outlet.name)
