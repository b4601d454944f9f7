"""Body quality: newscrawl's `extract_article(...).body` against trafilatura alone.

Both read the same demo pages (the five seed copies and the originals, the CNBC article in
both versions). The reference is the hand-checked text behind each page: its article's
TOML paragraphs as the page shows them (a `copy_of` copy shows the copied article's words;
the autoblog shows its spun paragraphs). Only text paragraphs count: figures, promos and
tweets are page furniture of uncertain status, and the autoblog's "[ad_1]"/"[ad_2]" slots
are ad placeholders, not words of the article.

Scores are over sets of 4-word shingles of lower-cased `\\w+` tokens, taken within lines:
precision (how much of the extracted text is article), recall (how much of the article was
extracted), F1; averaged per page (macro). Lines under 4 tokens ("[ad_1]", "Source link")
make no shingle, so the scores do not see them: the tests do.

    python benchmarks/extract_quality.py

Target: never below trafilatura alone on any page, clearly above it on aggregator pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import trafilatura

from newscrawl.demo.world import STORY_COPIES, STORY_PAGES, DemoWorld
from newscrawl.extract import decode_html, extract_article

if TYPE_CHECKING:
    from collections.abc import Callable

_AD_SLOT = re.compile(r"\[ad_\d+\]")
SHINGLE = 4


@dataclass(frozen=True)
class Score:
    """Shingle precision, recall and F1 of one extraction against its reference."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> Score:
        """A page's score; F1 is the harmonic mean of precision and recall."""
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)

    @classmethod
    def mean(cls, scores: list[Score]) -> Score:
        """Macro average: each field averaged over pages (F1 too, not F1 of the means)."""
        n = len(scores)
        return cls(*(sum(getattr(s, f) for s in scores) / n for f in ("precision", "recall", "f1")))


def shingles(text: str) -> set[tuple[str, ...]]:
    """Every run of SHINGLE consecutive lower-cased word tokens within one line.

    Runs never span a line break: whether a promo box sits between two paragraphs must not
    count as missing words, and trafilatura's text separates paragraphs by one newline
    where newscrawl's body uses a blank line."""
    found: set[tuple[str, ...]] = set()
    for paragraph in text.splitlines():
        tokens = re.findall(r"\w+", paragraph.lower())
        found.update(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))
    return found


def score(extracted: str, reference: str) -> Score:
    """Precision and recall of the extracted text's shingles against the reference's."""
    got, want = shingles(extracted), shingles(reference)
    common = len(got & want)
    return Score.of(common / len(got) if got else 0.0, common / len(want) if want else 0.0)


def reference_text(world: DemoWorld, url: str) -> str:
    """The hand-checked paragraphs of the article the world serves at `url`."""
    article = next(a for a in world.articles if a.url == url)
    paragraphs = [p for p in article.paragraphs if isinstance(p, str)]
    return "\n\n".join(p for p in paragraphs if not _AD_SLOT.fullmatch(p))


def main() -> None:
    """Score both extractors on every page; print the table and the averages."""
    worlds = {version: DemoWorld(version=version) for version in ("first", "updated")}
    extractors: dict[str, Callable[[str, str], str]] = {
        "newscrawl": lambda html, url: extract_article(html, url).body,
        "trafilatura": lambda html, _url: trafilatura.extract(html) or "",
    }
    rows: dict[str, dict[str, Score]] = {}
    for name, (version, url) in STORY_PAGES.items():
        world = worlds[version]
        resource = world.resolve(url, {})
        html = decode_html(resource.body, resource.header("Content-Type"))
        reference = reference_text(world, url)
        rows[name] = {key: score(run(html, url), reference) for key, run in extractors.items()}

    header = f"{'page':28} | {'newscrawl P/R/F1':22} | {'trafilatura P/R/F1':22} | ΔF1"
    print(header)
    print("-" * len(header))
    for name, scores in rows.items():
        ours, theirs = scores["newscrawl"], scores["trafilatura"]
        print(f"{name:28} | {_cells(ours)} | {_cells(theirs)} | {ours.f1 - theirs.f1:+.3f}")
    print("-" * len(header))
    for label, names in (("all pages", list(rows)), ("aggregator copies", list(STORY_COPIES))):
        means = {key: Score.mean([rows[n][key] for n in names]) for key in extractors}
        delta = means["newscrawl"].f1 - means["trafilatura"].f1
        print(f"{'mean, ' + label:28} | {_cells(means['newscrawl'])} | ", end="")
        print(f"{_cells(means['trafilatura'])} | {delta:+.3f}")


def _cells(s: Score) -> str:
    return f"{s.precision:.3f} {s.recall:.3f} {s.f1:.3f}".ljust(22)


if __name__ == "__main__":
    main()
