"""Explicit signals on small built pages: schema.org publisher, syndication tags, wire credits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newscrawl.extract import extract_article
from newscrawl.items import Article
from newscrawl.provenance import link
from newscrawl.provenance.attribution import read_signals
from newscrawl.provenance.decisions import Evidence

COPY = "http://www.copydaily.com/2024/05/06/story/"
PARAGRAPH = "A paragraph of the article, long enough to be its main text block. " * 4


def page(head: str = "", lede: str = PARAGRAPH) -> str:
    return (
        f"<html><head>{head}</head><body><article><p>{lede}</p><p>{PARAGRAPH}</p>"
        "</article></body></html>"
    )


def json_ld(publisher: Any) -> str:
    node = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A story"}
    return (
        f'<script type="application/ld+json">{json.dumps(node | {"publisher": publisher})}</script>'
    )


@pytest.mark.parametrize(
    "publisher",
    [
        {"@type": "Organization", "name": "CNBC"},
        {"@type": "Organization", "name": "Copy Daily", "url": "https://www.cnbc.com/"},
        "CNBC",
    ],
)
def test_publisher_naming_another_outlet_is_origin_evidence(publisher: Any) -> None:
    found = read_signals(extract_article(page(json_ld(publisher)), COPY))
    assert [e.kind for e in found.evidence] == ["schema-publisher"]
    assert [s.name for s in found.sources] == ["CNBC"]
    assert found.origin_outlets == {"CNBC"}


@pytest.mark.parametrize(
    ("url", "publisher"),
    [
        ("https://www.cnbc.com/2024/05/06/story.html", {"name": "CNBC"}),  # the outlet's own page
        (COPY, {"name": "Copy Daily", "url": "http://copydaily.com/"}),  # not a known outlet
        (COPY, {"name": "The Guardian", "url": "http://news.copydaily.com/"}),  # its own domain
    ],
)
def test_own_or_unknown_publisher_is_no_evidence(url: str, publisher: Any) -> None:
    found = read_signals(extract_article(page(json_ld(publisher)), url))
    assert found.evidence == [] and found.sources == [] and not found.origin_outlets


def test_syndication_tags_point_to_the_original() -> None:
    head = (
        '<meta name="syndication-source" content="https://www.reuters.com/world/story-1/">'
        '<link rel="original-source" href="/2024/05/01/own-earlier-story/">'
    )
    found = read_signals(extract_article(page(head), COPY))
    assert found.evidence == [
        Evidence("syndication-source", "https://www.reuters.com/world/story-1/")
    ]
    assert found.original_urls == ["https://www.reuters.com/world/story-1/"]


def test_syndicated_copy_links_to_the_original_it_names() -> None:
    head = '<meta name="syndication-source" content="http://www.wireservice.net/2024/05/06/story">'
    (record,) = link([extract_article(page(head), COPY)])
    assert record.original_url == "http://www.wireservice.net/2024/05/06/story"


@pytest.mark.parametrize(
    ("lede", "wire"),
    [
        (f"WASHINGTON (AP) — {PARAGRAPH}", "Associated Press"),
        (f"BEIJING (Reuters) - {PARAGRAPH}", "Reuters"),
        (f"PARIS (AFP) — {PARAGRAPH}", "AFP"),
        (f"NEW DELHI (PTI) — {PARAGRAPH}", "Press Trust of India"),
    ],
)
def test_wire_dateline_names_its_wire(lede: str, wire: str) -> None:
    found = read_signals(extract_article(page(lede=lede), COPY))
    assert [e.kind for e in found.evidence] == ["wire"]
    assert [s.name for s in found.sources] == [wire]
    assert found.origin_outlets == {wire}


@pytest.mark.parametrize(
    ("credit", "kind", "names", "origin"),
    [
        ("— AP", "wire", ["Associated Press"], {"Associated Press"}),
        ("WASHINGTON (AFP) —", "wire", ["AFP"], {"AFP"}),
        ("Reuters", "wire", ["Reuters"], {"Reuters"}),
        ("Leah Millis | Afp | Getty Images", "credit", ["AFP", "Getty Images"], set()),
        ("Photo: Jane Doe/Reuters", "credit", ["Reuters"], set()),
        ("Jane Doe/AFP via Getty Images", "credit", ["AFP", "Getty Images"], set()),
        ("Credit: Shutterstock", "credit", ["Shutterstock"], set()),
        ("Jane Doe | EPA-EFE", "credit", ["EPA"], set()),
    ],
)
def test_credit_lines_resolve_through_the_register(
    credit: str, kind: str, names: list[str], origin: set[str]
) -> None:
    found = read_signals(Article(url=COPY, credits=[credit]))
    assert found.evidence == [Evidence(kind, credit)]
    assert [s.name for s in found.sources] == names
    assert found.origin_outlets == origin


def test_a_wire_credit_on_the_wires_own_site_is_no_evidence() -> None:
    article = Article(url="https://apnews.com/article/story", credits=["(AP)"])
    assert read_signals(article).evidence == []


def test_a_photo_agency_named_in_the_text_is_not_an_attribution() -> None:
    body = "The rules were tightened, according to the EPA, which regulates emissions."
    assert read_signals(Article(url=COPY, body=body)).sources == []
