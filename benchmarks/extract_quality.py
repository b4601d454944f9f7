"""Body quality: newscrawl's `extract_article(...).body` against trafilatura alone.

Both read the same pages, in two sets:
- the demo world's story pages (the five seed copies and the originals, the CNBC article in
  both versions). The reference is the hand-checked text behind each page: its article's
  TOML paragraphs as the page shows them (a `copy_of` copy shows the copied article's words;
  the autoblog shows its spun paragraphs). Only text paragraphs count: figures, promos and
  tweets are page furniture of uncertain status, and the autoblog's "[ad_1]"/"[ad_2]" slots
  are ad placeholders, not words of the article;
- the 23 real news pages newspaper4k ships in its source package with the article text its
  own tests expect (fetched once with pip into ~/.cache/newscrawl, digest pinned).

Scores are over sets of 4-word shingles of lower-cased `\\w+` tokens, taken within lines
(in scripts written without spaces a token is a run of text between punctuation):
precision (how much of the extracted text is article), recall (how much of the article was
extracted), F1; averaged per page (macro). Lines under 4 tokens ("[ad_1]", "Source link")
make no shingle, so the scores do not see them: the tests do.

    python benchmarks/extract_quality.py [--cache DIR]

Target: never below trafilatura alone on any page, clearly above it on aggregator pages.

Metadata is scored on the 81 real news pages in `tests/data/fundus/` (fundus' test pages,
2019-2026, 35 of them German; title, authors and day hand-checked against each page's
visible headline, byline and date, see its NOTICE.md), beside trafilatura's metadata and
htmldate's date on the same pages:
- title: strict = equal after whitespace normalisation; lenient = one holds the other
  (case-folded) or token F1 >= 0.9;
- authors: strict = the same set of names; lenient = the same number of names, each
  matched leniently (a page whose byline names no one expects no names);
- date: the day.
Their bodies are scored as above against fundus' own text of each page (its
publisher-specific parsers' output, not hand-checked).
Targets: author >= 0.70, date >= 0.92, title lenient >= 0.90.

The same table is printed for a held-out set, `tests/data/heldout-meta/` (45 real pages of
45 publishers from Mozilla Readability's test pages, 2013-2024, checked by hand by someone
who had not read the extractor, see its NOTICE.md): the fundus figures are development
figures, these are not. `--meta-set DIR` scores other folders laid out the same way
instead (repeatable), such as `tests/data/devmeta/`, a second development set (58 real pages
of 58 sites from goose3's, newspaper3k's and Postlight Parser's test pages, 2010-2019,
checked by hand by someone who had not read the extractor, see its NOTICE.md);
`--failures` lists, for each page of those folders and field newscrawl gets wrong, what the
page expects and what newscrawl found. No target: the held-out figures are only reported.

    python benchmarks/extract_quality.py [--cache DIR] [--meta-set DIR ...] [--failures]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import trafilatura
from htmldate import find_date

from newscrawl.demo.world import STORY_COPIES, STORY_PAGES, DemoWorld
from newscrawl.extract import decode_html, extract_article

if TYPE_CHECKING:
    from collections.abc import Callable

_AD_SLOT = re.compile(r"\[ad_\d+\]")
SHINGLE = 4
NEWSPAPER4K_VERSION = "0.9.6"
NEWSPAPER4K_SHA256 = "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
FUNDUS = DATA / "fundus"
HELDOUT = DATA / "heldout-meta"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newscrawl"


@dataclass(frozen=True)
class Page:
    """A page to score: where it lives, its HTML, and the text its article really has."""

    url: str
    html: str
    reference: str


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


def demo_pages() -> dict[str, Page]:
    """The story's pages in the demo world, each with its hand-checked paragraphs."""
    worlds = {version: DemoWorld(version=version) for version in ("first", "updated")}
    found = {}
    for name, (version, url) in STORY_PAGES.items():
        resource = worlds[version].resolve(url, {})
        html = decode_html(resource.body, resource.header("Content-Type"))
        found[name] = Page(url, html, reference_text(worlds[version], url))
    return found


def package_pages(cache: Path) -> dict[str, Page]:
    """Real news pages shipped in newspaper4k's source package with their expected text.

    Its tests check its extractor against `tests/data/txt/NAME.txt` for
    `tests/data/html/NAME.html` (CNN, Time, Wired, cleveland.com, Yonhap, pages in Spanish,
    Arabic, Chinese, Japanese, Latvian, Thai, Burmese...). The sdist is fetched once with pip
    from the package index and checked against its pinned digest."""
    sdist = cache / f"newspaper4k-{NEWSPAPER4K_VERSION}.tar.gz"
    if not sdist.exists():
        requirement = f"newspaper4k=={NEWSPAPER4K_VERSION}"
        pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary"]
        subprocess.run([*pip, ":all:", requirement, "-d", str(cache)], check=True)
    if hashlib.sha256(sdist.read_bytes()).hexdigest() != NEWSPAPER4K_SHA256:
        raise SystemExit(f"{sdist} is not newspaper4k {NEWSPAPER4K_VERSION}: delete it and rerun")
    data = f"newspaper4k-{NEWSPAPER4K_VERSION}/tests/data"
    with tarfile.open(sdist) as archive:
        files = {
            member.name.removeprefix(data + "/"): archive.extractfile(member).read()
            for member in archive.getmembers()
            if member.isfile() and member.name.startswith(data + "/")
        }
    found = {}
    for name in sorted(files):
        stem = name.removeprefix("txt/").removesuffix(".txt")
        if not (name.startswith("txt/") and f"html/{stem}.html" in files):
            continue
        metadata = json.loads(files.get(f"metadata/{stem}.json", b"{}"))
        url = metadata.get("url") or f"https://newspaper4k.example/{stem}"
        html = decode_html(files[f"html/{stem}.html"], "text/html")
        found[stem] = Page(url, html, files[name].decode("utf-8"))
    return found


def compare(pages: dict[str, Page]) -> dict[str, dict[str, Score]]:
    """Each page's score for newscrawl's body and for trafilatura alone."""
    extractors: dict[str, Callable[[str, str], str]] = {
        "newscrawl": lambda html, url: extract_article(html, url).body,
        "trafilatura": lambda html, _url: trafilatura.extract(html) or "",
    }
    return {
        name: {
            key: score(run(page.html, page.url), page.reference) for key, run in extractors.items()
        }
        for name, page in pages.items()
    }


def print_table(
    title: str, rows: dict[str, dict[str, Score]], groups: dict[str, list[str]]
) -> None:
    """One line a page, then the macro averages of each group of pages."""
    header = f"{title:28} | {'newscrawl P/R/F1':22} | {'trafilatura P/R/F1':22} | ΔF1"
    print(header)
    print("-" * len(header))
    for name, scores in rows.items():
        ours, theirs = scores["newscrawl"], scores["trafilatura"]
        print(f"{name:28} | {_cells(ours)} | {_cells(theirs)} | {ours.f1 - theirs.f1:+.3f}")
    print("-" * len(header))
    for label, names in groups.items():
        means = {
            key: Score.mean([rows[n][key] for n in names]) for key in ("newscrawl", "trafilatura")
        }
        delta = means["newscrawl"].f1 - means["trafilatura"].f1
        print(f"{'mean, ' + label:28} | {_cells(means['newscrawl'])} | ", end="")
        print(f"{_cells(means['trafilatura'])} | {delta:+.3f}")
    print()


@dataclass(frozen=True)
class Metadata:
    """What one extractor says of a page: title, author names, day of publication."""

    title: str
    authors: tuple[str, ...]
    day: str


@dataclass(frozen=True)
class MetaPage:
    """A real page with its hand-checked metadata and its article's text (fundus')."""

    name: str
    url: str
    html: str
    truth: Metadata
    body: str


def metadata_pages(folder: Path = FUNDUS) -> list[MetaPage]:
    """The stored real pages and their expected metadata (`expected.json`)."""
    pages = []
    for entry in json.loads((folder / "expected.json").read_text(encoding="utf-8")):
        raw = gzip.decompress((folder / entry["file"]).read_bytes())
        truth = Metadata(entry["title"], tuple(entry["authors"]), entry["date"])
        name = entry["file"].removesuffix(".html.gz")
        html = decode_html(raw, "text/html")
        pages.append(MetaPage(name, entry["url"], html, truth, entry["body"]))
    return pages


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def same_text(got: str, want: str, *, strict: bool) -> bool:
    """Strict: equal after whitespace normalisation. Lenient: one holds the other
    (case-folded), or token F1 >= 0.9."""
    got, want = " ".join(got.split()), " ".join(want.split())
    if strict or got == want:
        return got == want
    if not got or not want:
        return False
    if got.casefold() in want.casefold() or want.casefold() in got.casefold():
        return True
    a, b = _tokens(got), _tokens(want)
    common = sum(min(a.count(t), b.count(t)) for t in set(a))
    return bool(common) and 2 * common / (len(a) + len(b)) >= 0.9


def same_names(got: tuple[str, ...], want: tuple[str, ...], *, strict: bool) -> bool:
    """The same set of names (strict), or as many names each matched leniently."""
    if strict:
        return {" ".join(n.split()) for n in got} == {" ".join(n.split()) for n in want}
    return len(set(got)) == len(set(want)) and all(
        any(same_text(g, w, strict=False) for g in got) for w in want
    )


def metadata_of(page: MetaPage) -> dict[str, Metadata]:
    """newscrawl's, trafilatura's and htmldate's metadata for one page."""
    ours = extract_article(page.html, page.url)
    theirs = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    their_authors = (theirs.author or "").split("; ") if theirs is not None else []
    return {
        "newscrawl": Metadata(ours.title or "", tuple(ours.authors), (ours.published or "")[:10]),
        "trafilatura": Metadata(
            (theirs.title if theirs is not None else None) or "",
            tuple(a for a in their_authors if a),
            ((theirs.date if theirs is not None else None) or "")[:10],
        ),
        "htmldate": Metadata(
            "", (), find_date(page.html, url=page.url, extensive_search=True) or ""
        ),
    }


def metadata_scores(
    pages: list[MetaPage], found: dict[str, dict[str, Metadata]]
) -> dict[str, dict[str, float]]:
    """Each extractor's accuracy over the pages (`found`: `metadata_of` each page): title
    and authors strict and lenient, day."""
    scores: dict[str, dict[str, float]] = {}
    for key in ("newscrawl", "trafilatura", "htmldate"):
        hits = {"title": 0, "title~": 0, "author": 0, "author~": 0, "date": 0}
        for page in pages:
            got, want = found[page.name][key], page.truth
            hits["title"] += same_text(got.title, want.title, strict=True)
            hits["title~"] += same_text(got.title, want.title, strict=False)
            hits["author"] += same_names(got.authors, want.authors, strict=True)
            hits["author~"] += same_names(got.authors, want.authors, strict=False)
            hits["date"] += got.day == want.day
        scores[key] = {field: n / len(pages) for field, n in hits.items()}
    return scores


def print_metadata(scores: dict[str, dict[str, float]], count: int, label: str) -> None:
    """One line an extractor: title, author (strict / lenient) and date accuracy."""
    heading = f"{label} metadata, {count} pages"
    print(f"{heading:27} | title strict / lenient | author strict / lenient | date")
    print("-" * 80)
    for key, s in scores.items():
        title = f"{s['title']:.3f} / {s['title~']:.3f}" if key != "htmldate" else "-"
        author = f"{s['author']:.3f} / {s['author~']:.3f}" if key != "htmldate" else "-"
        print(f"{key:27} | {title:22} | {author:23} | {s['date']:.3f}")
    print()


def print_failures(pages: list[MetaPage], found: dict[str, dict[str, Metadata]]) -> None:
    """Each page and field newscrawl gets wrong: expected, then found; a title or authors
    right only leniently are marked "(lenient)"."""
    for page in pages:
        got, want = found[page.name]["newscrawl"], page.truth
        verdicts = {
            "title": (
                same_text(got.title, want.title, strict=True),
                same_text(got.title, want.title, strict=False),
            ),
            "authors": (
                same_names(got.authors, want.authors, strict=True),
                same_names(got.authors, want.authors, strict=False),
            ),
            "day": (got.day == want.day,) * 2,
        }
        for field, (strict, lenient) in verdicts.items():
            if strict:
                continue
            mark = " (lenient)" if lenient else ""
            print(f"{page.name:26} {field + mark:17} expected {getattr(want, field)!r}")
            print(f"{'':26} {'':17} got      {getattr(got, field)!r}")
    print()


def score_metadata(folder: Path, label: str, *, failures: bool = False) -> list[MetaPage]:
    """Print the metadata table of one folder of pages (and newscrawl's misses on it)."""
    pages = metadata_pages(folder)
    found = {page.name: metadata_of(page) for page in pages}
    print_metadata(metadata_scores(pages, found), len(pages), label)
    if failures:
        print_failures(pages, found)
    return pages


def main() -> None:
    """Score both extractors' bodies on the demo pages and on newspaper4k's pages, and the
    metadata on the stored real pages, fundus' and held-out; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the sdist is kept")
    parser.add_argument(
        "--meta-set",
        type=Path,
        action="append",
        metavar="DIR",
        help="a held-out folder of pages with expected.json (repeatable; default: "
        f"{HELDOUT.relative_to(DATA.parent.parent)})",
    )
    parser.add_argument(
        "--failures", action="store_true", help="list newscrawl's misses on the --meta-set pages"
    )
    args = parser.parse_args()
    demo = compare(demo_pages())
    print_table(
        "demo page", demo, {"all pages": list(demo), "aggregator copies": list(STORY_COPIES)}
    )
    pages = score_metadata(FUNDUS, "fundus")
    for folder in args.meta_set or [HELDOUT]:
        label = "held-out" if folder.resolve() == HELDOUT else folder.name
        score_metadata(folder, label, failures=args.failures)
    bodies = compare({p.name: Page(p.url, p.html, p.body) for p in pages})
    print_table("fundus page", bodies, {"all pages": list(bodies)})
    args.cache.mkdir(parents=True, exist_ok=True)
    real = compare(package_pages(args.cache))
    print_table(f"newspaper4k {NEWSPAPER4K_VERSION} page", real, {"all pages": list(real)})


def _cells(s: Score) -> str:
    return f"{s.precision:.3f} {s.recall:.3f} {s.f1:.3f}".ljust(22)


if __name__ == "__main__":
    main()
