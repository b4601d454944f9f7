"""Syndication tags and register-driven credits on small built pages."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.credits import is_credit, text_credits
from newscrawl.outlets import credit_names

BODY = "<p>" + "A paragraph of the article, long enough to be its main text block. " * 4 + "</p>"
URL = "http://copy.example/2024/05/06/story/"


def page(head: str = "", body: str = BODY) -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_syndication_meta_and_link_tags_are_read_as_absolute_urls() -> None:
    head = (
        '<meta name="syndication-source" content="https://www.reuters.com/world/story-1/">'
        '<link rel="original-source" href="/originals/story-1">'
        '<meta name="original-source" content="https://www.reuters.com/world/story-1/">'
        '<link rel="syndication-source" href="http://wire.example/story-1">'
    )
    article = extract_article(page(head), URL)
    assert article.syndication_urls == [
        "https://www.reuters.com/world/story-1/",
        "http://copy.example/originals/story-1",
        "http://wire.example/story-1",
    ]


def test_a_page_without_syndication_tags_has_none() -> None:
    head = '<meta name="description" content="x"><link rel="canonical" href="/a">'
    assert extract_article(page(head), URL).syndication_urls == []


def test_every_wire_of_the_register_signs_a_dateline() -> None:
    wires = credit_names("wire")
    assert {"AP", "Reuters", "AFP", "Bloomberg", "dpa", "ANI", "PTI", "Xinhua", "UPI"} <= set(wires)
    for name in wires:
        assert text_credits(f"BERLIN ({name}) — The vote was held.") == [f"({name})"]


@pytest.mark.parametrize(
    "lede",
    [
        "The Environmental Protection Agency (EPA) said on Tuesday it would act.",  # photo agency
        "Shares rose (AP reported nothing) as markets opened.",
    ],
)
def test_acronyms_that_are_not_a_wire_sign_off_are_no_dateline(lede: str) -> None:
    assert text_credits(lede) == []


@pytest.mark.parametrize(
    "line",
    ["Jane Doe | EPA-EFE", "John Roe | Shutterstock", "Jane Doe | NurPhoto", "— dpa", "UPI"],
)
def test_register_agencies_make_credit_lines(line: str) -> None:
    assert is_credit(line)
