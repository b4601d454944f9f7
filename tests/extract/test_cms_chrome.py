"""Chrome recognised by its pattern on templates of CMSs the demo world does not use.

Each template in tests/data/cms/, tests/data/cms2/ and tests/data/cms3/ is modelled on one
CMS's real markup (see each folder's NOTICE.md) and filled with real article text: the body
must keep every line of the article and no line of the template's chrome, whatever class
names the chrome carries. tests/data/cms2/, tests/data/cms3/ and tests/data/cms4/ were
written without reading the extractor; the templates cms4 fails today are listed in
KNOWN_FAILURES, strict: each must start failing the day it passes."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from tests.extract.cms_pages import Case, articles, cases, judge

ORIGINAL = "https://original.example/2024/04/28/the-story/"


KNOWN_FAILURES = {
    "cms4/coverage_cluster": "'More coverage' items open with a source, a bias label, a"
    " country and an age before the headline: more than a lead-in",
}
EVERY = [
    pytest.param(
        case,
        id=case.id,
        marks=[pytest.mark.xfail(strict=True, reason=reason)]
        if (reason := KNOWN_FAILURES.get(f"{case.folder}/{case.template}"))
        else [],
    )
    for case in cases("cms") + cases("cms2") + cases("cms3") + cases("cms4")
]


@pytest.mark.parametrize("case", EVERY)
def test_body_is_the_article_without_chrome(case: Case) -> None:
    verdict = judge(extract_article(case.page(), case.url).body, case)
    assert verdict.chrome_left == []
    assert verdict.lines_lost == []


@pytest.mark.parametrize("template", ["feedzy", "wp_automatic"])
def test_provenance_anchors_stay_in_links_and_credits(template: str) -> None:
    """Pruning chrome from the body leaves the links the provenance stage reads."""
    page = Case("cms", template, articles("cms")[0]).page()
    extracted = extract_article(page, "https://aggregator.example/a/")
    assert ORIGINAL in [link.url for link in extracted.links_out]
