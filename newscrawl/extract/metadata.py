"""Article metadata: structured data first, then the page's head and byline, then htmldate.

Publishers state their metadata in JSON-LD and OpenGraph for search engines and social
sites; that is the most reliable source, and the page's `<meta>` tags, `rel=author` links
and visible byline are the fallbacks, in that order. htmldate runs on every page that looks
like one article and states no date, and on a page whose stated timestamp lies near
midnight UTC: there the day the page shows its readers (its local day) wins over the UTC
day when the two differ by one. A home page, section front or contact page gets no date
search: its "date" would be some teaser's.
"""

from __future__ import annotations

import re
import warnings
from copy import deepcopy
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cached_property
from html import unescape
from itertools import islice, takewhile
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from dateutil.parser import UnknownTimezoneWarning
from htmldate import find_date
from lxml import etree

from newscrawl.extract.byline import byline
from newscrawl.extract.tree import normalize_space, text_of, word_count
from newscrawl.items import Article

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

    from newscrawl.extract.structured import Structured
    from newscrawl.extract.tree import MainBlock


# htmldate's parser (dateutil) warns of a zone name it cannot place ("EST") on such pages,
# in the output of every command that extracts; the day it reads is all that is kept.
warnings.filterwarnings("ignore", category=UnknownTimezoneWarning)

# Author `<meta>` names, in order of trust; keys are lower-cased (`DC.creator` too).
_AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
# What bylines name that is no person: staff, desks, teams, roles, organisations, degrees.
_NOT_A_NAME = re.compile(
    r"\b(staff|redaktion|rédaction|redacción|redazione|editorial|newsroom|desk|team|red|"
    r"editors?|agencies|agenturen|contributors?|correspondents?|columnists?|reporters?|"
    r"writers?|media|group|network|agency|wire|submitted|posted|published|updated|"
    r"MD|PhD|MA|MSc|BSc|BA|MBA|MPH|RN|DDS|JD)\b|@|https?:|www\.|"
    r"\.(com|net|org|de|at|ch|fr|es|it|uk|is|be)\b|\d",
    re.IGNORECASE,
)
# Between names: a comma and the like, "and" and the like, or both ("A, B, and C").
_AND = r"(?:and|und|et|y|e|og|och|ve)\s"
_NAME_SEPARATORS = re.compile(rf"\s*(?:[,;|/&](?:\s*{_AND})?|\s{_AND})\s*", re.IGNORECASE)
_BY = re.compile(
    r"^(?:(?:posted|written|submitted|published)\s+)?(?:by|von|par|por|quelle|source)\b:?\s*",
    re.IGNORECASE,
)
# A name's trailing initials, place or day: "Elena Oberholzer (obe)", "AP in Valencia",
# "Jane Doe Monday".
_AFTER_NAME = re.compile(
    r"\s*\([^)]*\)$|\s+in\s+[A-Z][\w-]+$|\s+(?i:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)$"
)
# Words that introduce a byline in running text: "By Jane Doe", "(Reporting by Jane Doe;".
_BYLINE_START = re.compile(
    r"^\(?(?:(?:additional\s+)?reporting\s+by|by|von|par|por)\s+(?=[A-ZÀ-ÖØ-Þ])", re.IGNORECASE
)
_BYLINE_XPATH = etree.XPath(
    "//body//*[not(self::script or self::style or ancestor-or-self::a)]/text()"
    "[re:test(normalize-space(.), '^\\(?((additional )?reporting by|by|von|par|por)( |$)', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
# Where the people who wrote it end in such a line: "; Editing by".
_BYLINE_PARTS = re.compile(r";\s*(?:edit|writ|compil)\w*\s+by\b", re.IGNORECASE)
_BYLINE_LENGTH = 120  # a byline is a short line; a longer one is a sentence of the article
# A full name, as such a line must give: two words or more, the first and last capitalised.
_FULL_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[\w'’.-]+)*\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*")
# Separators between a `<title>`'s headline and the site's name.
_TITLE_SEPARATORS = (" | ", " :: ", " -- ", " — ", " – ", " - ", " · ", " » ", " ：", ": ")
# Separators that only a site's name follows in a title, never a headline's own words
# ("Euro zone growth to stay sluggish - Reuters poll"): after these the site may be named
# with a place ("» Ultima Hora Mallorca") or shortened ("：日本経済新聞").
_SITE_SEPARATORS = (" » ", " ：")
# A headline this long at least leads a breadcrumb ("Headline » Local » News » Site"): once
# the site's name is gone, the short parts after it are sections.
_HEADLINE_WORDS = 4
# What follows a headline in a title, before the site's own words: punctuation, a space.
_AFTER_HEADLINE = re.compile(r"\s*[.|:·»/–—-]+\s+\S")
_BEFORE_HEADLINE = re.compile(r"\S\s+[|:·»/–—-]+\s*$")
# A stated timestamp within these bounds of midnight UTC may be another day locally:
# UTC-8 (the Americas' west coast) to UTC+10 (eastern Australia).
_LOCAL_OFFSETS = (timedelta(hours=-8), timedelta(hours=10))

_ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# Elements that show an article's date ("cnn_strytmstmp", "post-date", "entry-time").
_DATE_ELEMENTS = etree.XPath(
    "//body//*[re:test(concat(@class, ' ', @id), '(^|[-_ ])(date|time)|tmstmp|stamp', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_DATE_TEXT = 100  # a date element's text is a line at most
_DATE_TRIES = 3  # date elements read, the first ones with a year
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TWO_MONTH_NAMES = re.compile(r"([^\W\d_]+)/([^\W\d_]+)")  # "آب/اغسطس", "Ağustos/August"
_DAY_MONTH_YEAR = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],  # not "3 days ago" from the crawl day
}

# Google News' tags naming where a syndicated or rewritten story first appeared.
_SYNDICATION_XPATH = (
    "//meta[@name = 'syndication-source' or @name = 'original-source']/@content"
    " | //link[@rel = 'syndication-source' or @rel = 'original-source']/@href"
)


class _Page:
    """What the page states outside structured data: its `<meta>` and `<link>` elements."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree

    @cached_property
    def metas(self) -> dict[str, str]:
        """`<meta>` contents by lower-cased name or http-equiv (the first of each)."""
        found: dict[str, str] = {}
        for element in self.tree.iter("meta"):
            key = (element.get("name") or element.get("http-equiv") or "").lower()
            content = normalize_space(element.get("content") or "")
            if key and content:
                found.setdefault(key, content)
        return found

    def meta(self, *names: str) -> str | None:
        """The first stated `<meta>` content among `names`."""
        return next((self.metas[n] for n in names if n in self.metas), None)

    def meta_all(self, *names: str) -> list[str]:
        """Every stated `<meta>` content among `names` (all of a repeated name), in order."""
        return [
            normalize_space(element.get("content") or "")
            for name in names
            for element in self.tree.iter("meta")
            if (element.get("name") or element.get("property") or "").lower() == name
        ]

    def link(self, rel: str) -> str | None:
        """A `<link rel=...>` target."""
        hrefs = self.tree.xpath("//link[@rel = $r]/@href", r=rel)
        return str(hrefs[0]).strip() if hrefs else None


def read_metadata(tree: HtmlElement, url: str, data: Structured, main: MainBlock) -> Article:
    """An article with every metadata field filled (no text yet), each from the most
    reliable source that has it."""
    page = _Page(tree)
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    site_name = (
        data.first("og:site_name", "site:name")
        or page.meta("application-name")
        or host  # as trafilatura would say
        or None
    )
    publisher = data.first("ld:publisher", "dc:publisher") or site_name
    sites = _SiteNames(host, site_name, publisher)
    language = (
        data.first("ld:inLanguage", "dc:language")
        or tree.get("lang")
        or _locale(data.first("og:locale"))
        or page.meta("content-language")
    )
    canonical = _absolute(
        url, page.link("canonical") or data.first("og:url", "ld:url", "ld:mainEntityOfPage")
    )
    return Article(
        url=url,
        canonical_url=canonical,
        syndication_urls=_syndication_urls(tree, url),
        title=_title(tree, data, sites, (url, canonical)),
        authors=_authors(tree, data, page, sites),
        published=_published(tree, (url, canonical), data, main, language),
        modified=iso_date(
            data.first("ld:dateModified", "article:modified_time", "og:updated_time")
        ),
        language=language,
        site_name=site_name,
        publisher=publisher,
        description=data.first("ld:description", "og:description", "dc:description")
        or page.meta("description"),
        section=data.first("ld:articleSection", "article:section") or page.meta("section"),
        tags=_tags(data, page),
        image=_absolute(url, data.first("ld:image", "og:image", "og:image:url"))
        or _absolute(url, page.meta("twitter:image")),
    )


def _published(
    tree: HtmlElement,
    urls: tuple[str, str | None],
    data: Structured,
    main: MainBlock,
    language: str | None,
) -> str | None:
    """The stated publication date (of an article page's WebPage node, the page itself by
    its url (`urls`: the page's and its canonical), where no article node states one), on
    the page's local day where it is stated in UTC;
    htmldate's for an article that states none, or the day its date element shows in the
    page's language where htmldate finds none or only a year (its "2013-01-01")."""
    stated = iso_date(data.first("ld:datePublished", "article:published_time", "dc:date"))
    if stated is None:
        if not _is_article_page(tree, data, main):
            return None
        # An SEO plugin's graph may date the WebPage and state no Article node.
        pages = {u.rstrip("/") for u in urls if u}
        if (data.first("page:url", "page:@id") or "").rstrip("/") in pages:
            stated = iso_date(data.first("page:datePublished"))
    if stated is None:
        found = iso_date(find_date(tree, url=urls[0], extensive_search=True))
        if found is None or found.endswith("-01-01"):
            return _shown_day(tree, language) or found
        return found
    moment = datetime.fromisoformat(stated)
    if moment.utcoffset() != timedelta(0) or not _near_midnight(moment):
        return stated
    return _local_time(tree, moment) or stated


def _shown_day(tree: HtmlElement, language: str | None) -> str | None:
    """The day the page's first date element shows (a class or id that says date, time or
    timestamp; a short text with a year), read by dateparser in the page's stated language,
    absolute dates only: "الأربعاء، 28 آب/اغسطس 2013" (a month's two names, "آب/اغسطس", read
    as the second)."""
    from dateparser.search import search_dates  # only for the few pages that need it

    if not language:  # guessing the language costs dateparser seconds
        return None
    languages = [re.split(r"[-_]", language)[0].lower()]
    texts = (text_of(element) for element in _DATE_ELEMENTS(tree))
    dated = (t for t in texts if len(t) <= _DATE_TEXT and _YEAR.search(t))
    for text in islice(dated, _DATE_TRIES):
        try:
            found = search_dates(
                _TWO_MONTH_NAMES.sub(r"\2", text), languages=languages, settings=_DAY_MONTH_YEAR
            )
        except (ValueError, TypeError):  # a language dateparser does not know
            return None
        if found:
            return found[0][1].date().isoformat()
    return None


def _near_midnight(moment: datetime) -> bool:
    """Whether some local time zone puts this instant on another day than its own."""
    return any((moment + offset).date() != moment.date() for offset in _LOCAL_OFFSETS)


def _local_time(tree: HtmlElement, moment: datetime) -> str | None:
    """A UTC instant in the page's own time zone: the same instant stated elsewhere with
    the local offset (a `<time>` element, a `<meta>`), else the day the page's date
    elements show where that is one day off the UTC day."""
    for stamp in tree.xpath("//time/@datetime | //meta/@content"):
        local = iso_date(str(stamp)) if _ISO_STAMP.match(str(stamp)) else None
        if local and (when := datetime.fromisoformat(local)).utcoffset() and when == moment:
            return local
    body = tree.find("body")
    if body is None:
        return None
    shown = deepcopy(body)
    for element in shown.xpath(".//script | .//style | .//*[@datetime or @content]"):
        element.attrib.pop("datetime", None)
        element.attrib.pop("content", None)
        if element.tag in {"script", "style"}:
            element.drop_tree()
    day = find_date(shown, extensive_search=False, original_date=True)
    days = {(moment + offset).date().isoformat() for offset in _LOCAL_OFFSETS}
    return day if day in days - {moment.date().isoformat()} else None


def _is_article_page(tree: HtmlElement, data: Structured, main: MainBlock) -> bool:
    """Whether the page is one article: its main block holds an article's worth of text,
    its structured data says so, or its markup has a single `<article>` (teaser lists
    have many, or none)."""
    return main.holds_article or data.describes_article or len(tree.xpath("//article")) == 1


def _syndication_urls(tree: HtmlElement, url: str) -> list[str]:
    """`syndication-source` and `original-source` targets, from `<meta>` and `<link>` alike."""
    targets = (str(target).strip() for target in tree.xpath(_SYNDICATION_XPATH))
    return list(dict.fromkeys(urljoin(url, target) for target in targets if target))


class _SiteNames:
    """The names a site goes by (its name, publisher, host), compared without case,
    spaces or punctuation: "DER SPIEGEL", "spiegel.de" and "Spiegel" are one."""

    def __init__(self, host: str, *names: str | None) -> None:
        labels = host.split(".")[:-1]  # "orf.at" -> "orf"; "news.bbc.co.uk" -> news, bbc, co
        self.names = {_squash(n) for n in (host, *names, *labels) if n and len(_squash(n)) > 2}

    def named(self, text: str) -> bool:
        """Whether the text is one of the site's names (or its name with a suffix such as
        "online" or ".de" that only a site name carries)."""
        squashed = _squash(text)
        return squashed in self.names or any(
            (squashed.startswith(name) and squashed[len(name) :] in {"online", "de", "com"})
            or (len(name) > 5 and len(text.split()) <= 4 and squashed.endswith(name))
            for name in self.names
        )

    def closes_title(self, text: str) -> bool:
        """Whether a title's last part, after a separator only a site's name follows
        (`_SITE_SEPARATORS`), names the site with a place ("Ultima Hora Mallorca") or
        shortened (Nikkei's "日本経済新聞" of its "日本経済新聞 電子版"). Not for bylines:
        "Benzinga Newsdesk" is a desk, not the site."""
        squashed = _squash(text)
        return any(
            (len(name) > 5 and len(text.split()) <= 4 and squashed.startswith(name))
            or (len(squashed) > 4 and name.startswith(squashed))
            for name in self.names
        )


def _letters(text: str) -> str:
    """The text's letters and digits, case kept: an `<h1>` in capitals is not the headline
    as written."""
    return "".join(ch for ch in text if ch.isalnum())


def _squash(text: str) -> str:
    return _letters(text.casefold())


def _title(
    tree: HtmlElement, data: Structured, sites: _SiteNames, urls: tuple[str, str | None]
) -> str | None:
    """The stated headline (JSON-LD, OpenGraph, Dublin Core), as the `<h1>` spells it where
    that is the same headline (`_shows_whole`), else the `<title>` without the site's name;
    the `<h1>` only where it matches that title (a site banner may be the first `<h1>`), else
    a heading that opens or closes the title (`_part_of`). A heading that links up to the
    page's site or section (`_links_up`) names those, not the story: the title's part that
    it names goes."""
    stated = data.first("ld:headline", "og:title", "dc:title")
    if stated:  # often escaped twice: "&quot;" in a JSON-LD string
        title = _without_site_name(normalize_space(unescape(stated)), sites)
        headings = list(_headings(tree))
        shorter = normalize_space(unescape(data.first("og:title") or ""))
        if (
            shorter
            and title.startswith(tuple(shorter + s for s in _TITLE_SEPARATORS))
            and not any(_shows_whole(h, title) for h in headings)
        ):
            title = shorter  # the headline's tail names where it ran: "X - webpack - Medium"
        return next((h for h in headings if _shows_whole(h, title)), title)
    title = _without_site_name(normalize_space(tree.findtext(".//title") or ""), sites)
    if not title:
        return data.first("ld:name")
    headings = [
        (heading.tag, text, _links_up(heading, urls))
        for heading in tree.iter("h1", "h2", "h3")
        if (text := text_of(heading))
    ]
    own = [(tag, text) for tag, text, up in headings if not up]
    found = next((text for tag, text in own if tag == "h1" and _same_headline(text, title)), None)
    found = found or next((text for _, text in own if _part_of(text, title)), None)
    banners = _SiteNames("", *(text for _, text, up in headings if up))
    return found or _without_site_name(title, banners)


def _links_up(heading: HtmlElement, urls: tuple[str, str | None]) -> bool:
    """Whether the heading links to a page well above this one on its site (the front page,
    a blog's or a section's front: two folders up at least, or `rel="home"`): a banner
    naming the site, not the story. A link one folder up is the post's own, seen from its
    second page or its comments' ("/post/comment-page-2/")."""
    pages = [urlsplit(url) for url in urls if url]
    for link in heading.iter("a"):
        target = urlsplit(urljoin(urls[0], link.get("href") or ""))
        folders = len(target.path.rstrip("/").split("/"))
        if link.get("rel") == "home" or any(
            target.netloc == page.netloc
            and page.path.startswith(target.path)
            and (target.path in ("", "/") or len(page.path.rstrip("/").split("/")) - folders >= 2)
            for page in pages
        ):
            return True
    return False


def _part_of(heading: str, title: str) -> bool:
    """Whether the heading opens the title or closes it, punctuation and fewer words on its
    other side ("X - Blog name", "Blog name - X")."""
    if word_count(heading) < _HEADLINE_WORDS or len(heading) * 2 < len(title):
        return False  # the shorter part of a title names a site, a section or a column
    if title.startswith(heading):
        return _AFTER_HEADLINE.match(title, len(heading)) is not None
    return title.endswith(heading) and _BEFORE_HEADLINE.search(title[: -len(heading)]) is not None


def _headings(tree: HtmlElement) -> Iterator[str]:
    """The texts of the page's `<h1>`s."""
    return (text for heading in tree.iter("h1") if (text := text_of(heading)))


def _shows_whole(heading: str, title: str) -> bool:
    """Whether the visible `<h1>` is the stated headline character for character but its
    own apostrophes, quotes and dashes ("Heartsteel’s" where the stated one has
    "Heartsteel's"). One that holds more is passed over (a kicker or a standfirst inside the
    `<h1>` is no part of the headline), and one that lacks the stated punctuation too (a
    kicker's colon in an element of its own)."""
    return len(heading) == len(title) and _letters(heading) == _letters(title)


def _without_site_name(title: str, sites: _SiteNames) -> str:
    """The title without a leading or trailing part that names the site."""
    for separator in _TITLE_SEPARATORS:
        parts = title.split(separator)
        if len(parts) < 2:
            continue
        if sites.named(parts[-1]) or (
            separator in _SITE_SEPARATORS and sites.closes_title(parts[-1])
        ):
            parts.pop()
            while (
                separator == " » "
                and len(parts) > 1
                and len(parts[0].split()) >= _HEADLINE_WORDS
                and len(parts[-1].split()) <= 2
            ):
                parts.pop()
            return separator.join(parts).strip()
        if sites.named(parts[0]):
            return separator.join(parts[1:]).strip()
    return title


def _same_headline(heading: str, title: str) -> bool:
    """Whether an `<h1>` and a title are the same headline (one holds the other)."""
    a, b = _squash(heading), _squash(title)
    return bool(a and b) and (a in b or b in a)


def iso_date(text: str | None) -> str | None:
    """An ISO 8601 date or date-time, or None when the text is not a date."""
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)  # RFC 822, as in feeds and old meta tags
        except (TypeError, ValueError):
            return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return moment.date().isoformat()
    return moment.isoformat()


def _authors(tree: HtmlElement, data: Structured, page: _Page, sites: _SiteNames) -> list[str]:
    """The first source's people: JSON-LD, Dublin Core, author `<meta>` tags, `rel=author`
    links, then the visible byline (trafilatura's). A source that names only the site, its
    staff or a URL gives way to the next."""
    sources = (
        lambda: data.values("ld:author"),
        lambda: data.values("dc:creator"),
        lambda: page.meta_all(*_AUTHOR_METAS),
        lambda: [text_of(a) for a in tree.xpath("//body//a[@rel = 'author']")],
        lambda: (byline(tree) or "").split(";"),
        lambda: _bylines_in_text(tree),
    )
    refused: list[str] = []  # what earlier sources stated that names no one
    for source in sources:
        stated = source()
        names = [
            name
            for name in _people(stated, sites)
            if not any(name.casefold() in text.casefold() for text in refused)
        ]
        if names:
            return names
        refused += stated
    return []


def _bylines_in_text(tree: HtmlElement) -> list[str]:
    """The full names of the first short line of the page that starts like a byline ("By
    Jane Doe, Staff Writer", "(Reporting by Jane Doe; Editing by John Roe)"), outside
    links (a teaser's byline is another story's): for pages whose byline has no markup of
    its own."""
    for text in _BYLINE_XPATH(tree):
        parent = text.getparent()  # for a tail, the element (or comment) it follows
        if parent is not None and text.is_tail:
            parent = parent.getparent()
        line = text_of(parent) if parent is not None else ""
        if len(line) <= _BYLINE_LENGTH and (start := _BYLINE_START.match(line)):
            people = _BYLINE_PARTS.split(line[start.end() :].rstrip(")"))[0]
            names = [n for n in _NAME_SEPARATORS.split(people) if _FULL_NAME.fullmatch(n)]
            if names:
                return names
    return []


def _people(stated: list[str], sites: _SiteNames) -> list[str]:
    """Names out of stated author strings (split at commas, "and" and the like, "By"
    removed), without the site's own name, staff credits, e-mails or URLs."""
    names = []
    for text in stated:
        parts = _NAME_SEPARATORS.split(normalize_space(unescape(text)))
        if text.startswith(("http:", "https:")) or ("," in text and sites.named(parts[0])):
            continue  # "hessenschau.de, Frankfurt, Germany": the site and where it is
        names += [
            _once(_in_capitals(_AFTER_NAME.sub("", _BY.sub("", name)).strip())) for name in parts
        ]
    people = [n for n in names if n and not sites.named(n) and not _NOT_A_NAME.search(n)]
    if any(" " in name for name in people):  # beside full names, a lone word is a label
        people = [n for n in people if " " in n or not (n.istitle() and n.isalpha())]
    return list(dict.fromkeys(people))


def _once(name: str) -> str:
    """A name of two words or more that a byline shows twice in a row (an avatar's label and
    the link beside it: "Chris Stokel-Walker Chris Stokel-Walker"), once ("Li Li" stays)."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half > 1 and words[:half] == words[half:] else name


def _in_capitals(name: str) -> str:
    """A name written in capitals without the words after it: "LAURE BRETTON Envoyés
    spéciaux à Toulouse" -> "LAURE BRETTON"."""
    words = name.split()
    capitals = list(takewhile(lambda word: word.isupper() and len(word) > 1, words))
    return " ".join(capitals) if 2 <= len(capitals) < len(words) else name


def _tags(data: Structured, page: _Page) -> list[str]:
    tags = data.values("ld:keywords") or data.values("article:tag")
    if not tags:
        stated = page.meta("news_keywords", "keywords")
        tags = [stated] if stated else []
    split = [t.strip() for tag in tags for t in tag.split(",")]
    return list(dict.fromkeys(t for t in split if t))


def _locale(locale: str | None) -> str | None:
    return locale.replace("_", "-") if locale else None


def _absolute(url: str, href: str | None) -> str | None:
    return urljoin(url, href) if href else None
