"""Chrome recognised by its pattern on templates of CMSs the demo world does not use.

Each template in tests/data/cms/ and tests/data/cms2/ is modelled on one CMS's real markup
(see each folder's NOTICE.md) and filled with real article text: the body must keep every
line of the article and no line of the template's chrome, whatever class names the chrome
carries. tests/data/cms2/ was written without reading the extractor; the pairs it fails
today are listed in KNOWN_FAILURES, strict: each must start failing the day it passes."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from tests.extract.cms_pages import Case, articles, cases, judge

ORIGINAL = "https://original.example/2024/04/28/the-story/"


def _pairs(template: str) -> list[tuple[str, str]]:
    folder, _, _ = template.partition("/")
    return [(template, a.source) for a in articles(folder)]


KNOWN_FAILURES: dict[tuple[str, str], str] = {
    **dict.fromkeys(
        _pairs("cms2/djangocms_blog"),
        "the 'par …' / date list, inline 'À lire aussi :' link and the 'initialement "
        "publié sur' line kept",
    ),
    **dict.fromkeys(
        _pairs("cms2/drupal_olivero"),
        "inline 'Related:' link and the 'Have a news tip?' line kept",
    ),
    **dict.fromkeys(
        _pairs("cms2/hugo_papermod"), "'This article was first published on' note kept"
    ),
    **dict.fromkeys(
        _pairs("cms2/jannah_es"),
        "inline 'Te puede interesar:' link and 'La entrada … se publicó primero en …' kept",
    ),
    **dict.fromkeys(_pairs("cms2/jekyll_chirpy"), "newsletter sign-up line kept"),
    **dict.fromkeys(
        _pairs("cms2/joomla_cassiopeia"),
        "table of contents title and inline 'Lesen Sie auch:' link kept",
    ),
    **dict.fromkeys(_pairs("cms2/medium"), "'If you enjoyed this story, hit the 👏' kept"),
    **dict.fromkeys(
        _pairs("cms2/newspack"), "donation box and the republish button's licence line kept"
    ),
    **dict.fromkeys(_pairs("cms2/soledad_fr"), "'L’article … est apparu en premier sur …' kept"),
    **dict.fromkeys(_pairs("cms2/substack"), "footnote 'This piece first ran in …' kept"),
    **dict.fromkeys(_pairs("cms2/wix"), "inline 'Read next:' link kept"),
    **dict.fromkeys(
        _pairs("cms2/wordpress_feed_de"),
        "affiliate disclosure, inline 'Auch interessant:' and bare teaser links, "
        "'Der Beitrag … erschien zuerst auf …' kept",
    ),
}


def _params() -> list[object]:
    every = cases("cms") + cases("cms2")
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=reason)]
            if (
                reason := KNOWN_FAILURES.get(
                    (f"{case.folder}/{case.template}", case.article.source)
                )
            )
            else [],
        )
        for case in every
    ]


@pytest.mark.parametrize("case", _params())
def test_body_is_the_article_without_chrome(case: Case) -> None:
    verdict = judge(extract_article(case.page(), case.url).body, case)
    assert verdict.chrome_left == []
    assert verdict.lines_lost == []


def test_known_failures_name_real_cases() -> None:
    """A renamed template or article must not leave a stale entry behind."""
    every = {(f"{c.folder}/{c.template}", c.article.source) for c in cases("cms") + cases("cms2")}
    assert set(KNOWN_FAILURES) <= every


@pytest.mark.parametrize("template", ["feedzy", "wp_automatic"])
def test_provenance_anchors_stay_in_links_and_credits(template: str) -> None:
    """Pruning chrome from the body leaves the links the provenance stage reads."""
    page = Case("cms", template, articles("cms")[0]).page()
    extracted = extract_article(page, "https://aggregator.example/a/")
    assert ORIGINAL in [link.url for link in extracted.links_out]
