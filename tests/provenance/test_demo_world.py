"""The linker on every article page of the demo world: the seed copies and their originals."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo.world import (
    ARTICLE_PATTERN,
    ASIANLITE_COPY,
    AUTOBLOG_COPY,
    BENZINGA_ORIGINAL,
    CNBC_ARTICLE,
    CNJ_COPY,
    HEADTOPICS_COPY,
    REUTERS_WIRE,
    ZENGER_COPY,
    DemoWorld,
)
from newscrawl.extract import decode_html, extract_article
from newscrawl.provenance import Provenance, link

if TYPE_CHECKING:
    from newscrawl.items import Article

FETCHED = {"first": "2023-06-18T06:00:00+00:00", "updated": "2023-06-18T14:00:00+00:00"}
CNBC_JETBLUE = "http://www.cnbc.com/2025/06/17/jetblue-to-cut-more-flights-costs-as-break-even-2025-unlikely.html"
CNBC_BUFFETT = "http://www.cnbc.com/2025/06/17/jimmy-buffett-estate-family-trusts.html"
CNJ_JETBLUE = (
    "http://chicagonewsjournal.com/2025/06/17/"
    "jetblue-to-cut-more-flights-other-costs-as-break-even-2025-unlikely/"
)
CNJ_BUFFETT = (
    "http://chicagonewsjournal.com/2025/06/17/"
    "battle-over-jimmy-buffett-estate-highlights-risks-of-family-trusts/"
)


def world_articles() -> list[Article]:
    """Every article page of both world versions; a page unchanged in `updated` only once."""
    articles: list[Article] = []
    seen: set[tuple[str, str]] = set()
    for version, fetched in FETCHED.items():
        world = DemoWorld(version)  # type: ignore[arg-type]
        for url in world.urls():
            resource = world.resolve(url, {})
            if not re.match(ARTICLE_PATTERN, url) or resource.status != 200:
                continue
            html = decode_html(resource.body, resource.header("Content-Type"))
            article = extract_article(html, url)
            if (url, article.body) not in seen:
                seen.add((url, article.body))
                article.fetched_at = fetched
                articles.append(article)
    return articles


@pytest.fixture(scope="module")
def records() -> list[Provenance]:
    return link(world_articles())


def one(records: list[Provenance], url: str) -> Provenance:
    (record,) = [r for r in records if r.url == url]
    return record


def kinds(record: Provenance) -> set[str]:
    return {e.kind for e in record.evidence}


def test_autoblog_is_spun_cnbc_with_source_link_and_text(records: list[Provenance]) -> None:
    record = one(records, AUTOBLOG_COPY)
    assert (record.relation, record.original_url) == ("spun", CNBC_ARTICLE)
    assert {"source-link", "text-reuse"} <= kinds(record)


def test_cnj_is_verbatim_cnbc_without_a_link(records: list[Provenance]) -> None:
    record = one(records, CNJ_COPY)
    assert (record.relation, record.original_url) == ("verbatim", CNBC_ARTICLE)
    assert {"text-reuse", "credit", "promo"} <= kinds(record)
    assert "source-link" not in kinds(record)


def test_headtopics_is_excerpt_of_reuters(records: list[Provenance]) -> None:
    record = one(records, HEADTOPICS_COPY)
    assert (record.relation, record.original_url) == ("excerpt", REUTERS_WIRE)


def test_asianlite_is_rewrite_citing_cnn_and_bbc(records: list[Provenance]) -> None:
    record = one(records, ASIANLITE_COPY)
    assert record.relation == "rewrite"
    assert record.original_url is None
    assert {"CNN", "BBC"} <= {s.name for s in record.sources}


def test_zenger_is_verbatim_benzinga_citing_reuters(records: list[Provenance]) -> None:
    record = one(records, ZENGER_COPY)
    assert (record.relation, record.original_url) == ("verbatim", BENZINGA_ORIGINAL)
    assert {"Benzinga", "Reuters"} <= {s.name for s in record.sources}


@pytest.mark.parametrize("url", [BENZINGA_ORIGINAL, REUTERS_WIRE, CNBC_JETBLUE, CNBC_BUFFETT])
def test_originals(records: list[Provenance], url: str) -> None:
    assert one(records, url).relation == "original"


def test_cnbc_captures_are_versions_of_one_original(records: list[Provenance]) -> None:
    first, updated = sorted(
        (r for r in records if r.url == CNBC_ARTICLE), key=lambda r: r.fetched_at or ""
    )
    assert first.relation == updated.relation == "original"
    assert first.original_url is None and updated.original_url is None
    assert first.cluster == updated.cluster == one(records, CNJ_COPY).cluster
    assert one(records, AUTOBLOG_COPY).cluster == first.cluster
    assert "version" in kinds(first)


@pytest.mark.parametrize(
    ("copy", "original"), [(CNJ_JETBLUE, CNBC_JETBLUE), (CNJ_BUFFETT, CNBC_BUFFETT)]
)
def test_cnj_copies_of_other_cnbc_stories(
    records: list[Provenance], copy: str, original: str
) -> None:
    record = one(records, copy)
    assert (record.relation, record.original_url) == ("verbatim", original)
    assert record.cluster == one(records, original).cluster


def test_unrelated_articles_never_join_the_blinken_story(records: list[Provenance]) -> None:
    blinken = one(records, CNJ_COPY).cluster
    for record in records:
        if not re.search(r"blinken|beijing|chin", record.url):
            assert record.cluster != blinken, record.url
            assert record.original_url not in {CNBC_ARTICLE, REUTERS_WIRE, BENZINGA_ORIGINAL}
