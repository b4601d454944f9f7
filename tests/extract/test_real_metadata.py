"""Metadata on real pages nobody here wrote: fundus' test pages, hand-checked values."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from trafilatura.metadata import extract_author
from trafilatura.xpaths import AUTHOR_XPATHS

from newscrawl.extract import decode_html, extract_article
from newscrawl.extract.metadata import _MAY_NAME_AUTHOR
from newscrawl.extract.tree import parse_html

DATA = Path(__file__).resolve().parent.parent / "data"
FOLDER = DATA / "fundus"
EXPECTED = {e["file"]: e for e in json.loads((FOLDER / "expected.json").read_text("utf-8"))}
# Each page tests one rule: a JSON-LD author, a site name that is no author, a byline
# with several people, pages in German, Spanish, French, Italian and
# Turkish, a UTC timestamp near midnight.
PAGES = [
    "it_CorriereDellaSera_2025_02_04.html.gz",  # 02:56 UTC, "5 gennaio" in Rome
    "at_ORF_2024_11_22.html.gz",  # "red, Agenturen" credits: no author
    "fr_LeMonde_2023_09_01.html.gz",  # "Le Monde" is the site; "Par ..." the byline
    "ch_NZZ_2024_07_18.html.gz",  # nine authors with initials in brackets
    "de_KlasseGegenKlasse_2026_01_07.html.gz",  # no stated date: htmldate, "06.01.2026"
    "es_ElPais_2024_10_15.html.gz",
    "tr_Haberturk_2024_07_03.html.gz",  # title, no author but the site
    "us_OccupyDemocrats_2023_06_20.html.gz",  # 23:48 UTC is 19:48 in New York
    "uk_TheGuardian_2024_02_24.html.gz",  # "Guardian staff reporter" in JSON-LD
    "de_LTO_2025_10_20.html.gz",  # "Dr. Max Kolter" only in the text, after "Von"
    "de_Focus_2023_04_28.html.gz",  # "von Montag, den 1. Mai bis ...": no byline
    "pt_ThePortugalNews_2025_02_03.html.gz",  # "By TPN, in News": the site, a section
]
# Pages of the second development set (tests/data/devmeta), each for a rule of its own.
DEVMETA = [
    "us_SpaceCom_2014_11_04.html.gz",  # "by Charles Q. Choi, Space.com Contributor |"
    "in_ReutersIndia_2014_12_30.html.gz",  # "(Reporting by Indulal PM; Editing by ...)"
    "us_PewResearch_2014_11_20.html.gz",  # rel=author links "Posts" and "Bio"
    "us_TalkingPointsMemo_2015_01_14.html.gz",  # "Malcolm Harris; January"
    "us_ALcom_2014_12_29.html.gz",  # "Ari Wasserman, Northeast Ohio Media Group"
    "us_CoolHunting_2014_12_04.html.gz",  # "CH Contributor": no author
    "us_DallasMorningNews_2014_12_24.html.gz",  # "Letters to the Editor", then "Letters"
    "fr_Liberation_2012_10_27.html.gz",  # "LAURE BRETTON Envoyés spéciaux à Toulouse"
    "us_CBSNewYork_2012_06_08.html.gz",  # a short post: og:type says article, so dated
]
DEVMETA_EXPECTED = {
    e["file"]: e for e in json.loads((DATA / "devmeta" / "expected.json").read_text("utf-8"))
}


@pytest.mark.parametrize(
    ("folder", "name"), [("fundus", name) for name in PAGES] + [("devmeta", n) for n in DEVMETA]
)
def test_metadata_of_a_real_page(folder: str, name: str) -> None:
    expected = (EXPECTED if folder == "fundus" else DEVMETA_EXPECTED)[name]
    html = decode_html(gzip.decompress((DATA / folder / name).read_bytes()), "text/html")
    article = extract_article(html, expected["url"])
    assert (article.published or "")[:10] == expected["date"]
    assert article.authors == expected["authors"]
    assert " ".join((article.title or "").split()) == expected["title"]


def test_the_byline_search_is_skipped_only_where_it_finds_nothing() -> None:
    """Where the cheap look for author markup finds none, trafilatura's byline search
    (which it spares) finds nothing either; where that search finds a name, so does the
    look. Checked on every stored real page, so that a trafilatura whose byline XPaths
    change is noticed."""
    looked = skipped = 0
    for name in EXPECTED:
        tree = parse_html(decode_html(gzip.decompress((FOLDER / name).read_bytes()), "text/html"))
        assert tree is not None
        if _MAY_NAME_AUTHOR(tree):
            looked += 1
            continue
        skipped += 1
        assert not any(expression(tree) for expression in AUTHOR_XPATHS), name
        assert extract_author(tree) is None, name
    assert looked and skipped
