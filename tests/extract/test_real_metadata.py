"""Metadata on real pages nobody here wrote: fundus' test pages, hand-checked values."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from trafilatura.metadata import extract_author

from newscrawl.extract import decode_html, extract_article
from newscrawl.extract.byline import byline
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


# Pages of the third development set (tests/data/n4kmeta), each for one field's rule.
N4KMETA = [
    ("es_UltimaHora_2014_01_08.html.gz", "title"),  # "... » Local » Noticias » Ultima Hora"
    ("xx_SottNet_2020_05_14.html.gz", "title"),  # "... -- Sott.net"
    ("sg_ONEEsports_2023_11_19.html.gz", "title"),  # the <h1>'s "’" for og:title's "'"
    ("us_CNN_2013_11_28.html.gz", "authors"),  # "A, B, C, and Tom Watkins, CNN"
    ("us_Fox13Now_2013_12_30.html.gz", "authors"),  # "CNN Wire", then "By ... / CNN"
    ("th_Prachatai_2019_01_21.html.gz", "authors"),  # a "Submitted" label, no one
    # No stated date, htmldate's guess only a year: "الأربعاء، 28 آب/اغسطس 2013" shown.
    ("ae_CNNArabic_2013_08_28.html.gz", "published"),
]
# Pages of the fourth development set (tests/data/msmeta), each for one field's rule.
MSMETA = [
    # A broken JSON-LD block (a headline's quotes unescaped) beside two good ones, and an
    # og:title cut at the same quote.
    ("br_Torcedores_2019_06_05.html.gz", "title"),
    ("br_Torcedores_2019_06_05.html.gz", "authors"),
    ("xx_MediumWebpack_2017_06_19.html.gz", "title"),  # headline "X - webpack - Medium", og "X"
    ("us_ArsTechnica_2017_06_11.html.gz", "authors"),  # "Ars Staff"; the byline shows it twice
    ("us_AnandTech_2017_06_29.html.gz", "published"),  # a top-level Review node's date
    # A Yoast graph dating the WebPage, no Article node, in UTC past midnight; the <time>
    # element states the local time.
    ("us_eWEEK_2024_02_09.html.gz", "published"),
]
SET_EXPECTED = {
    folder: {e["file"]: e for e in json.loads((DATA / folder / "expected.json").read_text("utf-8"))}
    for folder in ("n4kmeta", "msmeta")
}


@pytest.mark.parametrize(
    ("folder", "name", "field"),
    [("n4kmeta", *case) for case in N4KMETA] + [("msmeta", *case) for case in MSMETA],
)
def test_one_field_of_a_real_page(folder: str, name: str, field: str) -> None:
    expected = SET_EXPECTED[folder][name]
    html = decode_html(gzip.decompress((DATA / folder / name).read_bytes()), "text/html")
    article = extract_article(html, expected["url"])
    if field == "published":
        assert (article.published or "")[:10] == expected["date"]
    else:
        assert getattr(article, field) == expected[field]


def test_the_byline_search_answers_as_trafilatura_s() -> None:
    """`byline` asks trafilatura's byline tests in Python of the elements that carry their
    attributes: on every stored real page it finds what `extract_author` finds, so that a
    trafilatura whose byline XPaths change is noticed."""
    found = 0
    for folder in (FOLDER, DATA / "devmeta"):
        for page in sorted(folder.glob("*.html.gz")):
            html = decode_html(gzip.decompress(page.read_bytes()), "text/html")
            tree = parse_html(html)
            assert tree is not None
            expected = extract_author(tree)
            assert byline(tree) == expected, page.name
            found += expected is not None
    assert found >= 30


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # A date inside the byline goes; the words after it join the words before it.
        ('<p class="byline">By Jane <time>May 2</time>Doe</p>', "Jane Doe"),
        # A byline in the comments is a commenter's; the article's comes after it.
        (
            '<div id="comments"><span class="author">Max Roe</span></div>'
            '<span class="author-name">Ann Lee</span>',
            "Ann Lee",
        ),
        # The first of trafilatura's tests that finds a name wins over an earlier element.
        ('<div class="post-writer">Tom Poe</div><a rel="author">Kim Day</a>', "Kim Day"),
        ('<div class="sidebar"><p class="byline">Sam Ode</p></div>', None),
        # trafilatura's test of a child `<rel>` element, which lxml's parser keeps.
        ("<span><rel>me</rel> Jane Doe</span>", "Me Jane Doe"),
    ],
)
def test_the_byline_search_on_marked_blocks(markup: str, expected: str | None) -> None:
    tree = parse_html(f"<html><body>{markup}<p>Text.</p></body></html>")
    assert tree is not None
    assert byline(tree) == extract_author(tree) == expected
