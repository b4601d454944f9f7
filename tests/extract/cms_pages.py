"""CMS template pages filled with real articles, and how a body is judged on them.

Shared by tests/extract/test_cms_chrome.py and benchmarks/chrome_quality.py, so the test
and the benchmark build the same pages and count the same failures (tests/data/cms25
is held out: scored by the benchmark only, until rules are written on its misses and a new
set, built the same way, takes its place).

A folder (tests/data/cms to tests/data/cms25) holds `<template>.html` files,
`chrome.json` (per template, every line of chrome it shows) and `articles.json` (real
articles: a title and paragraphs, and optionally `links`, the links the original page put
inside its paragraphs as `[paragraph index, anchor text, href]`, so that a paragraph keeps
the link density it had). A template names the article's parts with placeholders:
- `{{TITLE}}`;
- `{{PARAGRAPHS}}`: every paragraph as a `<p>`; `{{PARAGRAPHS a:b}}`: the paragraphs
  `a` to `b` (Python slice bounds, either may be left out), so that chrome can sit between
  them; the slices of one template cover every paragraph once;
- `{{DIVS}}`: every paragraph, as Blogger writes them: text between `<br>`s."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.export.site_chrome import without_site_chrome
from newscrawl.provenance import link
from newscrawl.provenance.candidates import CandidateIndex

if TYPE_CHECKING:
    from newscrawl.items import Article as Extracted

DATA = Path(__file__).resolve().parent.parent / "data"
FOLDERS = {name: DATA / name for name in ("cms", *(f"cms{n}" for n in range(2, 28)))}
HELD_OUT = "cms27"  # scored by the benchmark only: no test reads its pages or articles

_SLICE = re.compile(r"\{\{PARAGRAPHS(?: (-?\d*):(-?\d*))?\}\}")


@dataclass(frozen=True)
class Article:
    source: str
    title: str
    paragraphs: tuple[str, ...]
    links: tuple[tuple[int, str, str], ...] = ()


@dataclass(frozen=True)
class Case:
    """One template of one folder filled with one article."""

    folder: str
    template: str
    article: Article

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.template}/{self.article.source}"

    @property
    def url(self) -> str:
        return f"https://{self.template.replace('_', '-')}.example/2024/04/28/the-story/"

    @property
    def own_url(self) -> str:
        """The page's URL when the template's pages are one site's (`exported_bodies`)."""
        return f"{self.url}{self.article.source}/"

    def page(self) -> str:
        return build(FOLDERS[self.folder] / f"{self.template}.html", self.article)

    def chrome(self) -> list[str]:
        listed = json.loads((FOLDERS[self.folder] / "chrome.json").read_text("utf-8"))
        lines = (c.replace("{{TITLE}}", self.article.title) for c in listed[self.template])
        return [" ".join(c.split()) for c in lines]


@dataclass(frozen=True)
class Verdict:
    chrome_left: list[str]
    lines_lost: list[str]


def articles(folder: str) -> list[Article]:
    raw = json.loads((FOLDERS[folder] / "articles.json").read_text("utf-8"))
    return [
        Article(
            a["source"],
            a["title"],
            tuple(a["paragraphs"]),
            tuple((i, text, href) for i, text, href in a.get("links", [])),
        )
        for a in raw
    ]


def cases(folder: str) -> list[Case]:
    listed = json.loads((FOLDERS[folder] / "chrome.json").read_text("utf-8"))
    return [Case(folder, t, a) for t in sorted(listed) for a in articles(folder)]


def build(template: Path, article: Article) -> str:
    paragraphs = [html.escape(p) for p in article.paragraphs]
    for i, text, href in article.links:
        anchor = html.escape(text)
        if anchor not in paragraphs[i]:
            raise ValueError(f"{article.source}: link text {text!r} not in paragraph {i}")
        link = f'<a href="{html.escape(href)}">{anchor}</a>'
        paragraphs[i] = paragraphs[i].replace(anchor, link, 1)

    def as_p(match: re.Match[str]) -> str:
        start, stop = (int(b) if b else None for b in match.groups(""))
        return "\n".join(f"<p>{p}</p>" for p in paragraphs[start:stop])

    page = _SLICE.sub(as_p, template.read_text("utf-8"))
    page = page.replace("{{DIVS}}", "<br /><br />\n".join(paragraphs))
    return page.replace("{{TITLE}}", html.escape(article.title))


def exported_bodies(read: list[tuple[Case, Extracted]]) -> list[str]:
    """The bodies `newscrawl export --drop-site-chrome` writes for the pages of one site
    (`read`: each page's case and its article as extracted from its `own_url`): linked into
    one provenance index, without the paragraphs the site repeats (`export/site_chrome.py`)."""
    index = CandidateIndex()
    link([article for _, article in read], index)
    return [body for body, _ in without_site_chrome([a for _, a in read], index)]


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def judge(body: str, case: Case) -> Verdict:
    """Chrome left: a body line that is a chrome line, or a chrome line of four words or
    more found anywhere in the body (glued to other text); a line found only inside a
    longer one left ("X" in "Related: X") counts once, as the longer; a body line may carry
    a "- " list bullet (trafilatura writes list items so). Lost: an article paragraph that
    is not a whole line of the body, whitespace normalised."""
    found = lines(body)
    found += [line.removeprefix("- ") for line in found if line.startswith("- ")]
    flat = " ".join(body.split())
    chrome = case.chrome()
    left = [c for c in chrome if c in found or (len(c.split()) >= 4 and c in flat)]
    left = [c for c in left if c in found or not any(c != o and c in o for o in left)]
    wanted = [" ".join(p.split()) for p in case.article.paragraphs]
    return Verdict(left, [p for p in wanted if p not in found])
