"""Structured data (JSON-LD, OpenGraph, microdata, Dublin Core) read with extruct."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import extruct
from extruct.jsonld import JsonLdExtractor
from lxml import etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# The cheap syntaxes: rdfa and microformat multiply extruct's time by ~20 on news pages.
SYNTAXES = ["json-ld", "opengraph", "microdata", "dublincore"]
_HAS_ITEMS = etree.XPath("boolean(//*[@itemscope])")
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "OpinionNewsArticle",
        "Report",
        "TechArticle",
        "ScholarlyArticle",
        "SatiricalArticle",
        "BackgroundNewsArticle",
        "Review",  # a top-level one is a review article (nested ones, a product's, are not read)
        "CriticReview",
    }
)
_REVIEWS = frozenset({"Review", "CriticReview"})


def extract_structured(tree: HtmlElement, url: str) -> dict[str, list[dict[str, Any]]]:
    """extruct's uniform output for the cheap syntaxes (kept raw in `Article.structured`).

    Reads the already parsed tree. A syntax that fails is left out silently: the page's
    other metadata still counts. JSON-LD is read block by block, so that a broken block (a
    headline's quotes left unescaped, common) costs only itself, not the page's other
    blocks. Microdata is looked for only on pages with an `itemscope` (four in five news
    pages have none, and extruct walks the page twice for it)."""
    others = [s for s in SYNTAXES if s != "json-ld" and (s != "microdata" or _HAS_ITEMS(tree))]
    found = extruct.extract(
        tree, base_url=url, syntaxes=others, uniform=True, with_og_array=True, errors="ignore"
    )
    found["json-ld"] = _JSON_LD.extract_items(tree)
    return {s: found.get(s, []) for s in ("microdata", "json-ld", "opengraph", "dublincore")}


class _BlockByBlock(JsonLdExtractor):  # type: ignore[misc]
    """extruct's JSON-LD reader, with a block that is not JSON skipped."""

    def _extract_items(self, node: HtmlElement) -> list[Any]:
        try:
            return list(super()._extract_items(node))
        except (ValueError, TypeError, RecursionError):
            return []


_JSON_LD = _BlockByBlock()


@dataclass
class Structured:
    """Lookups over extruct's output: the article node, OpenGraph and Dublin Core values."""

    article: dict[str, Any] = field(default_factory=dict)
    website: dict[str, Any] = field(default_factory=dict)
    webpage: dict[str, Any] = field(default_factory=dict)
    og: dict[str, list[str]] = field(default_factory=dict)
    dc: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_extruct(cls, data: dict[str, list[dict[str, Any]]]) -> Structured:
        """Pick the first schema.org Article-like node (JSON-LD before microdata)."""
        nodes = [n for item in data.get("json-ld", []) for n in _flatten(item)]
        nodes += [n for item in data.get("microdata", []) for n in _flatten(item)]
        articles = [n for n in nodes if _types(n) & ARTICLE_TYPES]
        # a review widget's node ("Best local paper!") gives way to the page's article
        stories = [n for n in articles if not _types(n) <= _REVIEWS] or articles
        article = _resolved(stories[0] if stories else {}, nodes)
        website = next((n for n in nodes if "WebSite" in _types(n)), {})
        webpage = next((n for n in nodes if "WebPage" in _types(n)), {})
        og: dict[str, list[str]] = {}
        for item in data.get("opengraph", []):
            for key, value in item.items():
                if key == "@type":  # where extruct's uniform output puts og:type
                    og.setdefault("og:type", []).extend(texts(value))
                elif not key.startswith("@"):
                    og.setdefault(key, []).extend(texts(value))
        dc: dict[str, list[str]] = {}
        for item in data.get("dublincore", []):
            for element in item.get("elements", []) + item.get("terms", []):
                name = str(element.get("name", "")).lower().split(".")[-1]
                dc.setdefault(name, []).extend(texts(element.get("content")))
        return cls(article, website, webpage, og, dc)

    @property
    def describes_article(self) -> bool:
        """Whether the page's structured data says it is an article."""
        return bool(self.article) or "article" in self.og.get("og:type", [])

    def first(self, *keys: str) -> str | None:
        """The first non-empty text among article properties, og: and dc: keys, in order.

        Keys are `ld:name` (the article node), `site:name` (the WebSite node), `page:name`
        (the WebPage node), `og:...` / `article:...` (OpenGraph) or `dc:name` (Dublin
        Core)."""
        for key in keys:
            found = self.values(key)
            if found:
                return found[0]
        return None

    def values(self, key: str) -> list[str]:
        """Every text under one key (see `first`)."""
        prefix, _, name = key.partition(":")
        if prefix == "ld":
            return texts(self.article.get(name))
        if prefix == "site":
            return texts(self.website.get(name))
        if prefix == "page":
            return texts(self.webpage.get(name))
        if prefix == "dc":
            return self.dc.get(name, [])
        return self.og.get(key, [])


def texts(value: Any) -> list[str]:
    """Strings out of a schema.org value: text, list, or node (its name, url or @id; an
    ImageObject's url)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    if isinstance(value, dict):
        image = str(value.get("@type", "")).endswith("ImageObject")
        for key in ("url", "contentUrl") if image else ("name", "url", "@id"):
            if value.get(key):
                return texts(value[key])
        return []
    text = str(value).strip()
    return [text] if text else []


def _flatten(item: Any) -> list[dict[str, Any]]:
    """A JSON-LD item's nodes, `@graph` unrolled."""
    if isinstance(item, list):
        return [n for i in item for n in _flatten(i)]
    if not isinstance(item, dict):
        return []
    if "@graph" in item:
        return _flatten(item["@graph"])
    return [item]


def _resolved(node: dict[str, Any], nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """The node with each bare `{"@id": ...}` reference among its values replaced by the
    node that `@id` names elsewhere in the page (Yoast and other SEO plugins state the
    author as a Person node of the `@graph`, referenced from the article)."""
    named = {str(n["@id"]): n for n in nodes if n.get("@id") and len(n) > 1}

    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, dict) and set(value) == {"@id"}:
            return named.get(str(value["@id"]), value)
        return value

    return {key: resolve(value) for key, value in node.items()}


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", [])
    names = kind if isinstance(kind, list) else [kind]
    return {str(name).rsplit("/", 1)[-1] for name in names}
