"""The story's URLs in the demo world, and the crawl rules for it: what tests, benchmarks
and the demo's profile look for."""

from __future__ import annotations

CNBC_ARTICLE = (
    "http://www.cnbc.com/2023/06/18/blinken-meets-chinese-foreign-minister-qin-gang-in-beijing.html"
)
CNBC_REDIRECT = CNBC_ARTICLE.replace("://www.", "://", 1)
CNBC_IMAGE = (
    "http://image.cnbcfm.com/api/v1/image/"
    "107259393-1687072766476-gettyimages-1258623185-afp_33ka7vl.jpeg"
)
CNJ_COPY = (
    "http://chicagonewsjournal.com/2023/06/18/"
    "blinken-meets-chinese-foreign-minister-qin-gang-on-high-stakes-diplomatic-trip-to-beijing/"
)
ZENGER_COPY = (
    "http://www.zenger.news/2023/06/18/"
    "blinken-meets-chinas-foreign-minister-to-restore-bilateral-relations/"
)
AUTOBLOG_COPY = (
    "http://www.worldnewsera.com/2023/06/18/blinken-meets-chinese-language-overseas-minister"
    "-qin-gang-on-high-stakes-diplomatic-journey-to-beijing/"
)
HEADTOPICS_COPY = "http://headtopics.com/my/blinken-flies-to-beijing-with-low-expectations-41087253"
ASIANLITE_COPY = (
    "http://asianlite.com/2023/top-news/blinken-meets-top-chinese-diplomat-wang-yi-in-beijing/"
)
BENZINGA_ORIGINAL = (
    "http://www.benzinga.com/news/23/06/32890123/"
    "blinken-meets-chinas-foreign-minister-to-restore-bilateral-relations"
)
REUTERS_WIRE = "http://www.reuters.com/world/blinken-heads-china-with-low-expectations-2023-06-16/"
ROBOTS_DISALLOWED = "http://www.cnbc.com/pro/china-personal-finance-stock-bernstein/"
NOT_FOUND = (
    "http://www.worldnewsera.com/2023/06/17/us-china-talks-delayed-as-blinken-trip-rescheduled/"
)
XSS_TITLE_PAGE = (
    "http://www.worldnewsera.com/2023/06/17/researchers-find-script-injection-in-news-widgets/"
)
GZIP_PAGE = ASIANLITE_COPY
CHUNKED_PAGE = ZENGER_COPY
SEED_COPIES: dict[str, str] = {
    "000": CNJ_COPY,
    "001": ZENGER_COPY,
    "002": AUTOBLOG_COPY,
    "003": HEADTOPICS_COPY,
    "004": ASIANLITE_COPY,
}
# The story's pages by name: the five seed copies, then the originals they came from, the
# CNBC article in both versions; each with the world version that serves it.
STORY_COPIES = ("cnj", "zenger", "autoblog", "headtopics", "asianlite")
STORY_PAGES: dict[str, tuple[str, str]] = {
    "cnj": ("first", CNJ_COPY),
    "zenger": ("first", ZENGER_COPY),
    "autoblog": ("first", AUTOBLOG_COPY),
    "headtopics": ("first", HEADTOPICS_COPY),
    "asianlite": ("first", ASIANLITE_COPY),
    "cnbc-first": ("first", CNBC_ARTICLE),
    "cnbc-updated": ("updated", CNBC_ARTICLE),
    "benzinga": ("first", BENZINGA_ORIGINAL),
    "reuters": ("first", REUTERS_WIRE),
}
# Date paths (/2023/06/18/slug/, /2023/top-news/slug/), Benzinga ids, Head Topics ids and
# Reuters' dated slugs; never section, tag, feed, sitemap or /pro/ pages.
ARTICLE_PATTERN = (
    r"^https?://[^/?#]+/(?:20\d\d/\d\d/\d\d/[a-z0-9-]+(?:\.html|/)|20\d\d/[a-z-]+/[a-z0-9-]+/"
    r"|news/\d\d/\d\d/\d+/[a-z0-9-]+|my/[a-z0-9-]+-\d{6,}|world/[a-z0-9-]+-20\d\d-\d\d-\d\d/)$"
)
ALLOWED_DOMAINS = (
    "cnbc.com",
    "cnbcfm.com",
    "chicagonewsjournal.com",
    "worldnewsera.com",
    "zenger.news",
    "benzinga.com",
    "headtopics.com",
    "reuters.com",
    "asianlite.com",
)
