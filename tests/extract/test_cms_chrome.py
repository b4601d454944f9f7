"""Chrome recognised by its pattern on templates of CMSs the demo world does not use.

Each template in tests/data/cms/ is modelled on one CMS's real markup (see its NOTICE.md)
and filled with real article text: the body must keep every line of the article and no
line of the template's chrome, whatever class names the chrome carries."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from newscrawl.extract import extract_article

FOLDER = Path(__file__).resolve().parent.parent / "data" / "cms"
ARTICLES = json.loads((FOLDER / "articles.json").read_text("utf-8"))
CHROME: dict[str, list[str]] = json.loads((FOLDER / "chrome.json").read_text("utf-8"))
ORIGINAL = "https://original.example/2024/04/28/the-story/"


def build(template: str, article: dict[str, object]) -> str:
    """The template around the article: `{{TITLE}}`, and its paragraphs as `<p>`s
    (`{{PARAGRAPHS}}`) or as Blogger writes them, text between `<br>`s (`{{DIVS}}`)."""
    paragraphs = [html.escape(p) for p in article["paragraphs"]]  # type: ignore[attr-defined]
    page = (FOLDER / f"{template}.html").read_text("utf-8")
    page = page.replace("{{PARAGRAPHS}}", "\n".join(f"<p>{p}</p>" for p in paragraphs))
    page = page.replace("{{DIVS}}", "<br /><br />\n".join(paragraphs))
    return page.replace("{{TITLE}}", html.escape(str(article["title"])))


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("article", ARTICLES, ids=[a["source"] for a in ARTICLES])
@pytest.mark.parametrize("template", sorted(CHROME))
def test_body_is_the_article_without_chrome(template: str, article: dict[str, object]) -> None:
    url = f"https://{template.replace('_', '-')}.example/2024/04/28/the-story/"
    extracted = extract_article(build(template, article), url)
    body = lines(extracted.body)
    chrome = [c.replace("{{TITLE}}", str(article["title"])) for c in CHROME[template]]
    assert [line for line in body if line in chrome] == []
    assert [c for c in chrome if len(c.split()) >= 4 and c in extracted.body] == []
    wanted = [" ".join(p.split()) for p in article["paragraphs"]]  # type: ignore[attr-defined]
    assert [p for p in wanted if p not in body] == []


@pytest.mark.parametrize("template", ["feedzy", "wp_automatic"])
def test_provenance_anchors_stay_in_links_and_credits(template: str) -> None:
    """Pruning chrome from the body leaves the links the provenance stage reads."""
    extracted = extract_article(build(template, ARTICLES[0]), "https://aggregator.example/a/")
    assert ORIGINAL in [link.url for link in extracted.links_out]
