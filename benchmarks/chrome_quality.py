"""Chrome left and article lines lost on the CMS template pages, newscrawl against trafilatura.

Every template of a folder (tests/data/cms2 by default) is filled with every article of the
folder, as tests/extract/test_cms_chrome.py builds them, and read by newscrawl's
`extract_article(html, url).body` and by `trafilatura.extract(html)` alone. The column
"+ site" is the body `newscrawl export --drop-site-chrome` writes: each template is one
site whose pages (each an article at its own URL) are linked into one provenance index, and
the paragraphs the site repeats on pages of other texts leave the body
(`newscrawl.export.site_chrome`). Per template:
the chrome lines left in the body and the article lines lost, summed over the articles
(the judging is `tests.extract.cms_pages.judge`: a chrome line counts if it is a body line,
or, at four words or more, anywhere in the body; an article line is kept if it is a whole
body line after whitespace normalisation).

    python benchmarks/chrome_quality.py [--folder cms] [--folder cms2] [--failures]

`--folder` picks the folders to score (repeatable; cms2 when none is given); `--failures`
lists, for newscrawl, each chrome line left and each article line lost.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.extract import extract_article
from tests.extract.cms_pages import FOLDERS, Case, Verdict, cases, exported_bodies, judge

if TYPE_CHECKING:
    from newscrawl.items import Article

READERS = ("newscrawl", "+ site", "trafilatura")


def read(every: list[Case]) -> dict[Case, dict[str, Verdict]]:
    """Each reader's verdict on each page; the pages of one template are one site's."""
    verdicts: dict[Case, dict[str, Verdict]] = {}
    sites: dict[tuple[str, str], list[tuple[Case, Article]]] = defaultdict(list)
    for case in every:
        page = case.page()
        article = extract_article(page, case.own_url)
        sites[case.folder, case.template].append((case, article))
        verdicts[case] = {
            "newscrawl": judge(article.body, case),
            "trafilatura": judge(trafilatura.extract(page) or "", case),
        }
    for pages in sites.values():
        for (case, _), body in zip(pages, exported_bodies(pages), strict=True):
            verdicts[case]["+ site"] = judge(body, case)
    return verdicts


def table(verdicts: dict[Case, dict[str, Verdict]]) -> list[str]:
    """One row per template: chrome left / lines lost for each reader, then the totals."""
    rows: dict[str, dict[str, list[int]]] = defaultdict(lambda: {r: [0, 0] for r in READERS})
    for case, by_reader in verdicts.items():
        for reader, verdict in by_reader.items():
            counts = rows[f"{case.folder}/{case.template}"][reader]
            counts[0] += len(verdict.chrome_left)
            counts[1] += len(verdict.lines_lost)
    width = max(len(t) for t in rows)
    out = [f"{'template':<{width}}  " + "".join(f"{r + ' left/lost':>22}" for r in READERS)]
    totals = {r: [0, 0] for r in READERS}
    for template in sorted(rows):
        cells = []
        for reader in READERS:
            left, lost = rows[template][reader]
            totals[reader][0] += left
            totals[reader][1] += lost
            cells.append(f"{left:>14} / {lost:<5}")
        out.append(f"{template:<{width}}  {''.join(cells)}")
    cells = [f"{totals[r][0]:>14} / {totals[r][1]:<5}" for r in READERS]
    out.append(f"{'total':<{width}}  {''.join(cells)}")
    return out


def failures(verdicts: dict[Case, dict[str, Verdict]]) -> list[str]:
    out = []
    for case, by_reader in verdicts.items():
        verdict = by_reader["newscrawl"]
        out += [f"{case.id}: chrome left: {line}" for line in verdict.chrome_left]
        out += [f"{case.id}: line lost: {line}" for line in verdict.lines_lost]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", action="append", choices=sorted(FOLDERS))
    parser.add_argument("--failures", action="store_true", help="list newscrawl's failures")
    args = parser.parse_args()
    every = [case for folder in args.folder or ["cms2"] for case in cases(folder)]
    verdicts = read(every)
    print(f"{len(every)} pages, each template with each article of its folder; counts summed")
    print("\n".join(table(verdicts)))
    if args.failures:
        print("\n".join(["", "newscrawl failures:", *failures(verdicts)]))


if __name__ == "__main__":
    main()
