"""A harsh aggregator web: real news texts published by invented outlets and copied, spun,
excerpted and rewritten by aggregators built on real CMS markup, with the truth of every page.

`AggregatorWorld(seed)` renders every page once into `Resource`s keyed by URL and answers
`resolve` like `newscrawl.demo.world.DemoWorld` (`tests.worlds.serving.World`), so
`DemoServer(AggregatorWorld())` serves it to a crawler that uses the server as its HTTP proxy.
Only the aggregators' feeds are meant as seeds: an outlet's page is reached only through a copy
that links to it, and some outlets' pages through none (their originals stay out of the crawl,
as on the real web).
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newscrawl.demo.responses import HTML, make_resource
from tests.worlds import copying, prose, rewording, serving
from tests.worlds.serving import Relation, Text, Truth, World

if TYPE_CHECKING:
    from collections.abc import Sequence

DATA = Path(__file__).resolve().parent.parent / "data" / "aggregator-world" / "articles.jsonl"
_EPOCH = datetime(2024, 5, 2, 6, 0, tzinfo=UTC)
_SLUG_WORDS = 9
# How a copy points at its original. The first four are links the crawler follows to the
# original ("Source link"-like words, or a canonical URL); the others only a reader follows.
LinkMode = Literal[
    "source-link",
    "read-more",
    "via-anchor",
    "canonical",
    "appeared-first",
    "via-name",
    "attributed-link",
    "none",
]
FOLLOWED: frozenset[str] = frozenset({"source-link", "read-more", "via-anchor", "canonical"})


@dataclass(frozen=True, kw_only=True)
class Outlet(serving.Outlet):
    """An outlet with its own URL shape, and maybe a closing paragraph."""

    url_shape: str
    signoff: str = ""  # the outlet's closing paragraph, the same under every article


@dataclass(frozen=True)
class Aggregator:
    """A site that copies outlets: its CMS, its feed, what it does to texts, how it links."""

    key: str
    name: str
    host: str
    platform: str  # template name
    feed: Literal["rss", "atom"]
    relation: Relation
    links: tuple[tuple[LinkMode, float], ...]
    thesaurus: str = ""
    spin_share: float = 0.0
    excerpt_paragraphs: tuple[int, ...] = (1,)
    external_more: bool = False
    two_source_share: float = 0.0
    undated_share: float = 0.05
    related_heading: str = "Related posts"
    tagline: str = ""
    outro: str = ""  # the site's own closing paragraph, the same under every post

    @property
    def feed_url(self) -> str:
        path = {"rss": "/feed/", "atom": "/feeds/posts/default"}[self.feed]
        if self.platform == "ghost":
            path = "/rss/"
        return f"http://{self.host}{path}"


_OUTLET_WORDS = (
    ("Harbor", "Ledger"), ("Prairie", "Sentinel"), ("Granite", "Courier"), ("Lakeside", "Herald"),
    ("Riverbend", "Gazette"), ("Northgate", "Tribune"), ("Summit", "Observer"),
    ("Coastal", "Dispatch"), ("Valley", "Chronicle"), ("Frontier", "Post"), ("Beacon", "Times"),
    ("Capitol", "Record"), ("Ironwood", "Examiner"), ("Bayview", "Journal"),
    ("Cedar", "Register"), ("Highland", "Monitor"), ("Marsh", "Bulletin"), ("Silverton", "Star"),
    ("Kestrel", "Review"), ("Oakridge", "Telegraph"), ("Eastbrook", "Mercury"),
    ("Westfield", "Standard"), ("Redcliff", "Echo"), ("Foxhollow", "Press"),
    ("Brightwater", "Daily"), ("Stonebridge", "Argus"), ("Millbrook", "Clarion"),
    ("Pinecrest", "Independent"), ("Sandpoint", "Reporter"), ("Thornbury", "Advocate"),
    ("Willowmere", "Digest"), ("Ashford", "Courant"), ("Copperfield", "Inquirer"),
    ("Drumlin", "Wire"), ("Elmstead", "Voice"), ("Fairhaven", "Citizen"), ("Glenrock", "Eagle"),
    ("Hawthorne", "Messenger"), ("Juniper", "Spectator"), ("Kingsbay", "Leader"),
    ("Larkspur", "Pioneer"), ("Moorland", "Signal"), ("Newcombe", "Sun"),
    ("Orchard", "Weekly"), ("Pebblebrook", "Current"), ("Quarry", "Ledger"),
    ("Rosewood", "Bugle"), ("Saltmarsh", "Globe"),
)  # fmt: skip
_OUTLET_STYLES = ("classic", "modern", "wire", "magazine")
_URL_SHAPES = ("dated", "section-id", "html", "month")
_SECTIONS = ("world", "politics", "business", "technology", "culture", "science", "health")
_PLACES = ("LONDON", "NEW YORK", "WASHINGTON", "SAN FRANCISCO", "SYDNEY", "TORONTO", "BERLIN")
_AUTHORS = (
    "Maya Okafor", "Daniel Reyes", "Priya Natarajan", "Tom Haldane", "Sofia Lindqvist",
    "Owen Mbeki", "Hannah Cole", "Lucas Ferreira", "Aiko Tanaka", "Rachel Stein",
    "Marcus Doyle", "Elena Petrova", "Samir Haddad", "Grace O'Neill", "Jonah Whitaker",
)  # fmt: skip
# What outlets' CMSs call the element that holds the text.
_BODY_CLASSES = (
    "story-body", "article-body", "entry-content", "article-text", "body-copy", "rich-text",
    "paywall", "story-content", "post-content", "content-body", "article__content", "text",
)  # fmt: skip
_SIGNOFFS = (
    "Follow {name} on Facebook, X and Instagram for the latest news and updates from our "
    "newsroom, and sign up for our free morning newsletter.",
    "{name} is an independent, reader-funded newsroom. If you value our reporting, please "
    "consider supporting our journalism with a subscription today.",
    "Have a news tip? Contact the {name} newsroom by email or call our tip line, and "
    "follow us on social media for breaking news alerts.",
)
_EDITORS = ("Alex Morrow", "Jane Wardell", "Peter Graff", "Lisa Shumaker")


def _aggregators() -> tuple[Aggregator, ...]:
    """The aggregators: two or more of each CMS family, each with its own habits, and a mirror
    that scrapes the others."""
    return (
        Aggregator(
            "newsbuzz", "NewsBuzz Daily", "www.newsbuzz-daily.com", "wp_newspaper", "rss",
            "verbatim", (("none", 0.8), ("source-link", 0.2)),
            related_heading="You might also be interested in...", tagline="Breaking news 24/7",
        ),
        Aggregator(
            "trendwire", "Trend Wire Hub", "trendwirehub.net", "wp_newspaper", "rss",
            "verbatim", (("none", 0.6), ("appeared-first", 0.25), ("source-link", 0.15)),
            related_heading="Related posts", tagline="What the world is reading",
        ),
        Aggregator(
            "worldupdates", "World Updates Now", "worldupdates-now.com", "wp_autoblog", "rss",
            "spun", (("source-link", 0.7), ("none", 0.3)), thesaurus="roundtrip",
            spin_share=0.18, related_heading="Related", tagline="Latest world news",
            outro="Stay tuned to World Updates Now for more breaking news, analysis and updates "
            "from around the world. Do not forget to share this story with your friends.",
        ),
        Aggregator(
            "headlinepulse", "Headline Pulse", "www.headlinepulse.info", "wp_autoblog", "rss",
            "spun", (("source-link", 0.5), ("appeared-first", 0.3), ("none", 0.2)),
            thesaurus="mild", spin_share=0.05, related_heading="Similar",
            tagline="Pulse of the news",
        ),
        Aggregator(
            "dailyspin", "Daily Newsline 360", "dailynewsline360.com", "wp_autoblog", "rss",
            "spun", (("none", 0.75), ("source-link", 0.25)), thesaurus="thesaurus",
            spin_share=0.2, related_heading="Related Articles", tagline="Your daily briefing",
            outro="Disclaimer: This story is auto-aggregated by a computer program and has not "
            "been created or edited by Daily Newsline 360. Publisher: News Desk.",
        ),
        Aggregator(
            "feedzy", "The Morning Roundup", "morningroundup.news", "wp_autoblog", "rss",
            "verbatim", (("source-link", 0.55), ("read-more", 0.2), ("none", 0.25)),
            related_heading="More stories", tagline="Curated every morning",
        ),
        Aggregator(
            "blogspot", "Global Desk Digest", "globaldeskdigest.blogspot.com", "blogger", "atom",
            "spun", (("via-anchor", 0.45), ("via-name", 0.25), ("none", 0.3)),
            thesaurus="roundtrip", spin_share=0.06, undated_share=0.15,
            tagline="News from everywhere, in one place",
        ),
        Aggregator(
            "ghostly", "Signal & Noise", "signal-and-noise.ghost.io", "ghost", "rss",
            "verbatim", (("canonical", 0.65), ("none", 0.35)), tagline="Stories worth your time",
        ),
        Aggregator(
            "snippets", "Headline Snippets", "headlinesnippets.com", "excerpt", "rss",
            "excerpt", (("read-more", 0.7), ("none", 0.3)), excerpt_paragraphs=(1,),
            related_heading="More headlines", tagline="The lede, then the link",
        ),
        Aggregator(
            "briefly", "Briefly World", "www.brieflyworld.net", "excerpt", "rss",
            "excerpt", (("read-more", 0.6), ("none", 0.4)), excerpt_paragraphs=(2, 3),
            external_more=True, related_heading="Around the web",
            tagline="Short reads from around the web",
        ),
        Aggregator(
            "rewired", "Rewired Report", "rewiredreport.com", "wp_magazine", "rss",
            "rewrite", (("attributed-link", 0.4), ("via-anchor", 0.2), ("none", 0.4)),
            two_source_share=0.5, related_heading="Related reading", tagline="News, explained",
        ),
        Aggregator(
            "storyloop", "Story Loop Media", "storyloop-media.com", "wp_magazine", "rss",
            "rewrite", (("none", 0.55), ("attributed-link", 0.3), ("via-anchor", 0.15)),
            two_source_share=0.5, related_heading="Keep reading", tagline="All sides of the story",
            outro="Story Loop Media brings you every side of the story. Subscribe to our "
            "newsletter and never miss a development in the stories that matter to you.",
        ),
        Aggregator(
            "portal", "Newsportal Express", "newsportal-express.com", "wp_newspaper", "rss",
            "spun", (("canonical", 0.4), ("source-link", 0.2), ("none", 0.4)),
            thesaurus="mild", spin_share=0.12, related_heading="Read also", tagline="Express news",
        ),
        Aggregator(
            "mirror", "Latest News Mirror", "latestnewsmirror.com", "wp_autoblog", "rss",
            "verbatim", (("source-link", 0.7), ("none", 0.3)), related_heading="Trending now",
            tagline="Mirrors the best of the web",
            outro="We have collected this news from other websites; all rights belong to the "
            "original publisher, and we will remove the post on request.",
        ),
        Aggregator(
            "clipper", "NewsClipper", "www.newsclipper.org", "wp_autoblog", "rss",
            "excerpt", (("read-more", 0.5), ("source-link", 0.2), ("none", 0.3)),
            excerpt_paragraphs=(2, 3, 4), related_heading="Recent clips",
            tagline="Clips of the day",
        ),
    )  # fmt: skip


@dataclass
class _Story(serving.Story):
    """An original and where it was copied."""

    outlet: Outlet
    missing: bool = False
    same_event_of: _Story | None = None
    copies: list[_Copy] = field(default_factory=list)


@dataclass
class _Copy(copying.Copy):
    story: _Story
    relation: Relation
    link: LinkMode
    site: Aggregator
    via: _Copy | None = None  # scraped from another aggregator's copy, not from the outlet
    second: _Story | None = None


class AggregatorWorld(World[Aggregator, _Copy]):
    """The world for one seed: sites, pages (`resources`), seeds (`feeds`) and `truth`."""

    profile_name = "aggregator-world"
    description = "The aggregator test world (tests/worlds/aggregators.py)."
    operator = "aggregator world"
    max_pages = 5000
    deny_patterns = ("/wp-admin/", "[?&]share=", "/tag/", "/author/")
    post_patterns = (
        r"^https?://[^/]+/news/[a-z0-9-]+/$",
        r"^https?://[^/]+/story/\d+-[a-z0-9-]+$",
        r"^https?://signal-and-noise\.ghost\.io/(?!tag/|author/|about/|rss/)[a-z0-9-]+/$",
    )
    not_found = (
        b"<!DOCTYPE html><html><head><title>Page not found</title></head><body>"
        b"<h1>Oops! That page can&rsquo;t be found.</h1></body></html>"
    )
    servers = ("nginx", "Apache", "cloudflare", "LiteSpeed")
    robots = b"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
    robots_barred = b"User-agent: Googlebot\nAllow: /\n\nUser-agent: *\nDisallow: /\n"
    epoch = _EPOCH
    templates = serving.template_env(Path(__file__).parent / "templates")

    def __init__(self, seed: int = 0, texts_: Sequence[Text] | None = None) -> None:
        super().__init__(seed, random.Random(seed), _aggregators())
        self.outlets = self._outlets()
        self.stories = self._stories(list(texts_ or serving.load_texts(DATA)))
        self.copies = self._copies()
        self._render()

    # -- building ---------------------------------------------------------------------------

    def _outlets(self) -> list[Outlet]:
        rng = self._rng
        outlets = []
        for i, (place, paper) in enumerate(_OUTLET_WORDS):
            host = rng.choice(
                (
                    f"www.{place.lower()}{paper.lower()}.com",
                    f"{place.lower()}-{paper.lower()}.com",
                    f"www.the{place.lower()}{paper.lower()}.net",
                    f"{place.lower()}{paper.lower()}-news.com",
                    f"news.{place.lower()}{paper.lower()}.org",
                )
            )
            outlets.append(
                Outlet(
                    key=f"o{i:02d}",
                    name=f"The {place} {paper}",
                    short=f"{place[:1]}{paper[:1]}",
                    host=host,
                    style=_OUTLET_STYLES[i % len(_OUTLET_STYLES)],
                    url_shape=rng.choice(_URL_SHAPES),
                    tz_hours=rng.choice((-7, -5, -4, 0, 1, 2, 5.5, 10)),
                    tagline=f"Independent journalism for {place} since {rng.randint(1890, 2005)}",
                    blocks_crawlers=i == 7,
                    signoff=rng.choice(_SIGNOFFS).format(name=f"The {place} {paper}")
                    if i % 3 == 0
                    else "",
                )
            )
        return outlets

    def _original_url(self, outlet: Outlet, title: str, when: datetime, number: int) -> str:
        name = serving.slug(title, _SLUG_WORDS)
        local = serving.local_time(when, outlet.tz_hours)
        path = {
            "dated": f"/news/{local:%Y/%m/%d}/{name}",
            "section-id": f"/{self._rng.choice(_SECTIONS)}/{name}-{number}",
            "html": f"/article/{name}.html",
            "month": f"/{local:%Y/%m}/{name}/",
        }[outlet.url_shape]
        return f"http://{outlet.host}{path}"

    def _stories(self, pool: list[Text]) -> list[_Story]:
        rng = self._rng
        rng.shuffle(pool)
        fillers, pool = pool[:10], pool[10:]
        stories = []
        for i, text in enumerate(pool):
            outlet = rng.choice(self.outlets)
            when = _EPOCH + timedelta(minutes=rng.randrange(0, 40 * 24 * 60))
            stories.append(
                _Story(
                    text=text,
                    outlet=outlet,
                    url=self._original_url(outlet, text.title, when, 100000 + 37 * i),
                    published=when,
                    author=rng.choice(_AUTHORS),
                    section=rng.choice(_SECTIONS),
                )
            )
        # Same-event reports: another outlet's own account of ten of the events.
        for n, (filler, event) in enumerate(zip(fillers, rng.sample(stories, 10), strict=True)):
            title, paragraphs = rewording.same_event((event.text.title, event.text.paragraphs),
                                                 filler.paragraphs, rng)  # fmt: skip
            outlet = rng.choice([o for o in self.outlets if o is not event.outlet])
            when = event.published + timedelta(minutes=rng.randrange(-300, 600))
            report = Text(f"event-{filler.id}", title, tuple(paragraphs))
            stories.append(
                _Story(
                    text=report,
                    outlet=outlet,
                    url=self._original_url(outlet, title, when, 200000 + 41 * n),
                    published=when,
                    author=rng.choice(_AUTHORS),
                    section=event.section,
                    same_event_of=event,
                )
            )
        for story in rng.sample([s for s in stories if s.same_event_of is None], 12):
            story.missing = True
        return stories

    def _copies(self) -> list[_Copy]:
        rng = self._rng
        load = {a.key: 0 for a in self.sites}
        copies: list[_Copy] = []
        for story in self.stories:
            count = rng.choices((1, 2, 3, 4), weights=(3, 3, 2, 1))[0]
            # Among the least loaded sites, so that each aggregator copies dozens of outlets.
            free = sorted(self.outlet_copiers, key=lambda a: (load[a.key], rng.random()))[:7]
            sites = rng.sample(free, k=count)
            for site in sites:
                load[site.key] += 1
                copies.append(self._copy(story, site))
            if not story.missing and not any(c.link in FOLLOWED for c in story.copies):
                linking = [c for c in story.copies if any(m in FOLLOWED for m, _ in c.site.links)]
                if linking:
                    chosen = linking[0]
                    modes = [m for m, _ in chosen.site.links if m in FOLLOWED]
                    chosen.link = modes[0]
                    chosen.kind = self._kind(chosen)
                else:
                    site = rng.choice(
                        [a for a in self.sites if any(m in FOLLOWED for m, _ in a.links)]
                    )
                    extra = self._copy(story, site, link=next(
                        m for m, _ in site.links if m in FOLLOWED))  # fmt: skip
                    copies.append(extra)
        # Rewrite sites like to cite two outlets on one event: the same-event reports.
        rewriters = [a for a in self.sites if a.relation == "rewrite"]
        for report in self.stories:
            event = report.same_event_of
            if event is not None and not event.missing:
                fresh = [a for a in rewriters if all(c.site is not a for c in event.copies)]
                site = rng.choice(fresh or rewriters)
                copies.append(self._copy(event, site, second=report))
        copies += self._scraped(copies)
        for story in rng.sample([s for s in self.stories if not s.missing], 20):
            story.update = (
                rewording.updated(story.text.paragraphs, rng),
                story.published + timedelta(hours=rng.uniform(6, 72)),
            )
        return copies

    @property
    def outlet_copiers(self) -> list[Aggregator]:
        """The aggregators that copy outlets (the mirror copies other aggregators)."""
        return [a for a in self.sites if a.key != "mirror"]

    def _scraped(self, copies: list[_Copy]) -> list[_Copy]:
        """The mirror's posts: verbatim copies of other aggregators' verbatim copies, whose
        "Source link" names the aggregator it scraped, not the outlet."""
        rng = self._rng
        mirror = next(a for a in self.sites if a.key == "mirror")
        verbatim = [c for c in copies if c.relation == "verbatim" and c.second is None]
        scraped = []
        for via in rng.sample(verbatim, k=min(18, len(verbatim))):
            modes, weights = zip(*mirror.links, strict=True)
            published = (via.published or via.story.published) + timedelta(
                minutes=rng.randrange(30, 2 * 24 * 60)
            )
            url = self._copy_url(mirror, via.title, published)
            copy = _Copy(via.story, url, via.title, list(via.paragraphs), "verbatim",
                         rng.choices(modes, weights=weights)[0], published, mirror,
                         kind="copy-of-copy", via=via)  # fmt: skip
            via.story.copies.append(copy)
            scraped.append(copy)
        return scraped

    def _copy(
        self,
        story: _Story,
        site: Aggregator,
        link: LinkMode | None = None,
        second: _Story | None = None,
    ) -> _Copy:
        """A copy of `story` on `site`; a rewrite may draw on a `second` report of its event."""
        rng = self._rng
        if link is None:
            modes, weights = zip(*site.links, strict=True)
            link = "none" if story.missing else rng.choices(modes, weights=weights)[0]
        title, paragraphs = story.text.title, list(story.text.paragraphs)
        if site.relation == "spun":
            spun = rewording.spin(
                title, paragraphs, site.thesaurus, site.spin_share * rng.uniform(0.7, 1.3), rng
            )
            title, paragraphs = spun.title, list(spun.paragraphs)
        elif site.relation == "excerpt":
            paragraphs = rewording.excerpt(paragraphs, rng.choice(site.excerpt_paragraphs), rng)
        elif site.relation == "rewrite":
            partner = story.same_event_of or next(
                (s for s in self.stories if s.same_event_of is story), None
            )
            if second is None and partner and rng.random() < site.two_source_share:
                second = partner
            paragraphs = rewording.rewrite(
                paragraphs,
                story.outlet.name,
                rng,
                other=(second.outlet.name, second.text.paragraphs) if second else None,
            )
            title = rewording.spin_text(title, rewording.THESAURI["mild"], 0.4, rng)
        published = None
        if rng.random() >= site.undated_share:
            published = story.published + timedelta(minutes=rng.randrange(90, 4 * 24 * 60))
        url = self._copy_url(site, title, published or story.published)
        copy = _Copy(story, url, title, paragraphs, site.relation, link, published, site,
                     second=second)  # fmt: skip
        copy.kind = self._kind(copy)
        story.copies.append(copy)
        return copy

    def _copy_url(self, site: Aggregator, title: str, when: datetime) -> str:
        """A new post's URL, in the permalinks of the site's CMS."""
        number = self._rng.randrange(10000, 99999)

        def path(name: str) -> str:
            return {
                "wp_newspaper": f"/{when:%Y/%m/%d}/{name}/",
                "wp_autoblog": f"/{when:%Y/%m/%d}/{name}/",
                "wp_magazine": f"/news/{name}/",
                "blogger": f"/{when:%Y/%m}/{name}.html",
                "ghost": f"/{name}/",
                "excerpt": f"/story/{number}-{name}",
            }[site.platform]

        return self._free_url(site, serving.slug(title, _SLUG_WORDS), path)

    @staticmethod
    def _kind(copy: _Copy) -> str:
        if copy.via is not None:
            return "copy-of-copy"
        linked = "linked" if copy.link in FOLLOWED else "nolink"
        if copy.story.missing:
            return f"original-missing/{copy.relation}"
        if copy.site.platform == "wp_newspaper" and copy.relation == "verbatim":
            return f"theme-{linked}"
        if copy.relation == "rewrite":
            return "rewrite-two-sources" if copy.second else "rewrite"
        return f"{copy.relation}-{linked}"

    # -- rendering --------------------------------------------------------------------------

    def _render(self) -> None:
        by_outlet: dict[str, list[_Story]] = {}
        for story in self.stories:
            by_outlet.setdefault(story.outlet.key, []).append(story)
        for story in self.stories:
            changed = story.update[1] if story.update else story.published
            self._add(story.url, self._original_page(story, by_outlet[story.outlet.key]), changed)
            event = story.same_event_of
            self.truth[story.url] = Truth(
                story.url,
                story.outlet.host,
                None,
                "original",
                "same-event" if event else ("original-missing" if story.missing else "original"),
                same_event_as=event.url if event else None,
            )
        for site in self.sites:
            posts = [c for c in self.copies if c.site is site]
            posts.sort(key=lambda c: c.published or c.story.published, reverse=True)
            self._render_site(site, posts)
        for copy in self.copies:
            self.truth[copy.url] = Truth(
                copy.url,
                copy.site.host,
                copy.story.url,
                copy.relation,
                copy.kind,
                copy.link,
                copy.published is not None,
                also_drew_on=copy.second.url if copy.second else None,
            )
        hosts = {o.host for o in self.outlets} | {a.host for a in self.sites}
        self._add_robots(
            hosts | {"feeds.linkrelay.example"}, {o.host for o in self.outlets if o.blocks_crawlers}
        )

    def _original_page(self, story: _Story, siblings: list[_Story]) -> str:
        outlet = story.outlet
        tz = timezone(timedelta(hours=outlet.tz_hours))
        local = story.published.astimezone(tz)
        paragraphs, modified = story.update or (story.text.paragraphs, story.published)
        modified = modified.astimezone(tz)
        date_text = {
            "classic": f"{local:%B} {local.day}, {local:%Y} {local:%I:%M %p}",
            "modern": f"{local:%d %b %Y}",
            "wire": f"{local:%B} {local.day}, {local:%Y} {local:%H:%M} {self._tz_name(tz)}",
            "magazine": f"{local:%A} {local.day} {local:%B %Y}",
        }[outlet.style]
        jsonld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.text.title,
            "datePublished": local.isoformat(),
            "dateModified": modified.isoformat(),
            "author": {"@type": "Person", "name": story.author},
            "publisher": {"@type": "Organization", "name": outlet.name, "url": outlet.home},
            "mainEntityOfPage": story.url,
        }
        page = {
            "url": story.url,
            "title": story.text.title,
            "canonical": story.url,
            "og": True,
            "jsonld": serving.script_json(jsonld),
            "published_iso": local.isoformat(),
            "date_text": date_text,
            "summary": prose.sentences(story.text.paragraphs[0])[0][:200],
            "paragraphs": (*paragraphs, outlet.signoff) if outlet.signoff else paragraphs,
            "updated": f"{modified:%B} {modified.day}, {modified:%Y}" if story.update else "",
            "author": story.author,
            "author_slug": serving.slug(story.author, _SLUG_WORDS),
            "section": story.section.title(),
            "place": self._rng.choice(_PLACES),
            "editor": self._rng.choice(_EDITORS),
            "year": local.year,
            "more": [(s.text.title, s.url) for s in siblings if s is not story][:5],
        }
        site = {
            "name": outlet.name,
            "short": outlet.short,
            "tagline": outlet.tagline,
            "title_suffix": f" | {outlet.name}",
            "body_class": _BODY_CLASSES[int(outlet.key[1:]) % len(_BODY_CLASSES)],
            "feed_url": f"{outlet.home}feed/",
        }
        return self.templates.get_template(f"outlet_{outlet.style}.html").render(
            page=page, site=site
        )

    @staticmethod
    def _tz_name(tz: timezone) -> str:
        hours = (tz.utcoffset(None) or timedelta()).total_seconds() / 3600
        return {-7: "PDT", -5: "CDT", -4: "EDT", 0: "GMT", 1: "BST", 2: "CEST"}.get(
            hours, f"GMT{hours:+g}"
        )

    def _copy_date(self, copy: _Copy) -> tuple[str, str, str]:
        """(ISO date, shown date, shown time) in the site's habits and a random time zone."""
        if copy.published is None:
            return "", "", ""
        tz = timezone(timedelta(hours=self._rng.choice((-5, -4, 0, 1, 3, 5.5, 8))))
        local = copy.published.astimezone(tz)
        shown = {
            "wp_newspaper": f"{local:%B} {local.day}, {local:%Y}",
            "wp_autoblog": f"{local:%d/%m/%Y}",
            "wp_magazine": f"{local:%d.%m.%Y}",
            "blogger": f"{local:%A, %B %d, %Y}",
            "ghost": f"{local.day} {local:%b %Y}",
            "excerpt": f"{local:%Y-%m-%d %H:%M}",
        }[copy.site.platform]
        return local.isoformat(), shown, f"{local:%I:%M %p}".lstrip("0")

    def _href(self, copy: _Copy) -> str:
        """The URL a copy's source link carries: feed importers add their tracking
        parameters, and some sites send it through a feed-redirect service."""
        url = copy.source_url
        if copy.site.key in ("feedzy", "worldupdates", "mirror"):
            campaign = serving.slug(copy.story.text.title, 4)
            return f"{url}?utm_source=rss&utm_medium=rss&utm_campaign={campaign}"
        if copy.site.key in ("blogspot", "clipper") and self._rng.random() < 0.5:
            token = f"{self._rng.getrandbits(40):010x}"
            short = f"http://feeds.linkrelay.example/~r/{copy.site.key}/~3/{token}/"
            self.resources[short] = make_resource(
                b"", HTML, None, status=301, server="GSE", extra=(("Location", url),)
            )
            return short
        return url

    def _link_html(self, copy: _Copy) -> str:
        url = html.escape(self._href(copy))
        outlet = html.escape(copy.story.outlet.name)
        title = html.escape(copy.story.text.title)
        return {
            "source-link": f'<p><a href="{url}" target="_blank" rel="nofollow noopener">'
            "Source link</a></p>",
            "read-more": f'<p class="read-more"><a href="{url}" target="_blank" '
            'rel="noopener">Read more &raquo;</a></p>',
            "via-anchor": f'<p class="via"><a href="{url}">via {outlet}</a></p>',
            "via-name": f'<p class="via">Via: <a href="{url}">{outlet}</a></p>',
            "appeared-first": f'<p>The post <a href="{url}">{title}</a> appeared first on '
            f'<a href="{html.escape(copy.story.outlet.home)}">{outlet}</a>.</p>',
        }.get(copy.link, "")

    def _body_html(self, copy: _Copy, inline: tuple[str, str] | None) -> str:
        """The copy's paragraphs; a newspaper theme slips a "READ ALSO" link into them."""
        paragraphs = [html.escape(p, quote=False) for p in copy.paragraphs]
        if copy.link == "attributed-link" and paragraphs:
            name = html.escape(copy.story.outlet.name, quote=False)
            anchor = f'<a href="{html.escape(copy.source_url)}">{name}</a>'
            paragraphs[0] = paragraphs[0].replace(name, anchor, 1)
        if inline and len(paragraphs) > 4:
            title, url = (html.escape(v) for v in inline)
            paragraphs.insert(3, f'<strong>READ ALSO:</strong> <a href="{url}">{title}</a>')
        if copy.site.outro:
            paragraphs.append(html.escape(copy.site.outro, quote=False))
        return "\n".join(f"<p>{p}</p>" for p in paragraphs)

    def _copy_page(self, copy: _Copy, posts: Sequence[_Copy]) -> str:
        site = copy.site
        rng = self._rng
        iso, shown, time_text = self._copy_date(copy)
        others = [p for p in posts if p is not copy]
        related = [(p.title, p.url) for p in rng.sample(others, k=min(4, len(others)))]
        popular = [(p.title, p.url) for p in others[:5]]
        stories = []
        if site.platform == "excerpt":
            for other in rng.sample(others, k=min(5, len(others))):
                more = other.url
                if site.external_more and not other.story.missing:
                    more = other.story.url
                stories.append(
                    {
                        "url": other.url,
                        "title": other.title,
                        "snippet": prose.sentences(other.paragraphs[0])[0],
                        "more": more,
                    }
                )
        canonical = copy.source_url if copy.link == "canonical" else copy.url
        jsonld = None
        if site.platform in ("wp_newspaper", "wp_magazine", "ghost") and iso:
            jsonld = serving.script_json(
                {
                    "@context": "https://schema.org",
                    "@type": "BlogPosting" if site.platform != "wp_magazine" else "Article",
                    "headline": copy.title,
                    "datePublished": iso,
                    "author": {"@type": "Person", "name": "admin"},
                    "publisher": {"@type": "Organization", "name": site.name},
                }
            )
        page = {
            "url": copy.url,
            "title": copy.title,
            "canonical": canonical,
            "og": site.platform != "blogger",
            "jsonld": jsonld,
            "published_iso": iso,
            "date_text": shown,
            "time_text": time_text,
            "summary": prose.sentences(copy.paragraphs[0])[0][:160],
            "body": self._body_html(
                copy, related[-1] if site.platform == "wp_newspaper" and related else None
            ),
            "link_html": self._link_html(copy),
            "author": rng.choice(("admin", "Editorial Team", "newsdesk", "Staff", "Sam")),
            "author_slug": "admin",
            "post_id": rng.randrange(1000, 99999),
            "category": copy.story.section,
            "tags": [copy.story.section.title(), "News", "Trending"],
            "views": rng.randrange(3, 4000),
            "reading": max(1, len(" ".join(copy.paragraphs).split()) // 230),
            "year": (copy.published or copy.story.published).year,
            "related": related,
            "popular": popular,
            "stories": stories,
            "source_label": f"{copy.story.outlet.name}" if copy.link != "none" else "",
        }
        return self._post_html(site, page)

    def _feed(self, site: Aggregator, posts: Sequence[_Copy]) -> str:
        def when(copy: _Copy) -> datetime:
            return copy.published or copy.story.published

        if site.feed == "atom":
            entries = (
                serving.atom_entry(
                    c,
                    when(c),
                    entry_id=f"tag:{site.host},2024:post-{i}",
                    text=c.paragraphs[0][:300],
                    author="admin",
                    full=False,
                )
                for i, c in enumerate(posts)
            )
            return self._atom(site, f"tag:{site.host},2024:blog", entries)
        items = (
            serving.rss_item(
                c,
                when(c),
                guid=f"http://{site.host}/?p={1000 + i}",
                summary=c.paragraphs[0][:280],
                creator="admin",
            )
            for i, c in enumerate(posts)
        )
        return self._rss(site, items, dublin_core=True, language="en-US")
