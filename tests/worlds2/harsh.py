"""The second aggregator world: harsher than the first, and written without reading the linker.

Real texts (`tests/data/aggregator-world2/`) published by invented outlets and two wire
services, copied by nine aggregators built on real CMS markup (WP Automatic in JNews, Feedzy
in Kadence, WPeMatico in Twenty Twenty, spinners in ColorMag, Blogger Contempo, Ghost Source,
Drupal Olivero, a PHP headline site) and by two scrapers that copy the copiers, so that some
texts reach the web through chains of three. `HarshWorld(seed)` renders every page into
`Resource`s and answers `resolve` as the first world does (both are `tests.worlds.serving.World`),
so the same server, crawl and score serve both; `truth` says what each page is
(`tests.worlds.serving.Truth`).

The truth, case by case (what a right linker answers):
- every copy names the page its text first appeared on: the outlet's article, even when the
  copy took it from another copy (a chain) or from a legitimate outlet that carried it;
- a wire story's original is the wire service's own page; outlets that carry it with credit
  ("(AP) —", "By ..., Reuters") are `verbatim` copies of it, like any other copy; when the
  wire's page is not in the crawl, no carrier is the original of another;
- relations, measured on words: `verbatim` (the original's words in order, at most stray
  markers added), `spun` (in order, some words swapped one for one), `excerpt` (the start of
  a longer original, near-verbatim), `rewrite` (parts, reordered and reworded, attributed);
- an independent report of the same event (its own prose, the same names, two of the same
  quotes) is an original, linked to nothing, and its copies name it, not the other report;
- a copy of an original that is not archived (never linked, gone, or barred by robots.txt)
  names nothing: naming another copy is a wrong link.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from tests.worlds import copying, prose, serving
from tests.worlds.copying import CopyWorld
from tests.worlds.serving import Text
from tests.worlds2 import words

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

DATA = Path(__file__).resolve().parent.parent / "data" / "aggregator-world2" / "articles.jsonl"
_EPOCH = datetime(2024, 9, 3, 5, 0, tzinfo=UTC)
_SLUG_WORDS = 8

# Links that point at the article a copy took its text from, in the words each CMS uses.
POINTING = frozenset(
    {"source-link", "read-more", "canonical", "go-to-source", "source-field", "attributed-link"}
)
# The ones every crawler of aggregators follows; each archived original has one of these, on a
# page that has no other such link (a headline site's page has seven "Read more »").
SURE = ("source-link", "read-more", "canonical")
_LINK_CLASS = {
    "source-link": "linked", "read-more": "linked", "canonical": "linked",
    "go-to-source": "gotosource", "source-field": "sourcefield", "attributed-link": "attrlink",
    "attributed": "credit", "text-credit": "credit", "home-link": "homelink", "none": "nolink",
}  # fmt: skip


@dataclass(frozen=True)
class Outlet(serving.Outlet):
    """An outlet, or a wire service."""

    wire: bool = False


@dataclass(frozen=True)
class Site(copying.Site):
    """An aggregator, with how strongly it spins, how often it cites two outlets or leaves a
    post undated, and its permalinks."""

    feed_paths: ClassVar[Mapping[str, str]] = {
        "blogger": "/feeds/posts/default",
        "ghost": "/rss/",
        "drupal": "/rss.xml",
        "phpexcerpt": "/rss.php",
    }

    strength: tuple[float, float] = (0.0, 0.0)
    two_source: float = 0.0
    undated: float = 0.05
    related_heading: str = "Related Posts"
    permalink: str = "dated"

    @property
    def feed(self) -> Literal["rss", "atom"]:
        return "atom" if self.platform == "blogger" else "rss"


_SITES = (
    Site("viral", "Viral Newsroom", "viralnewsroom.com", "jnews", "verbatim",
         (("source-link", 0.3), ("home-link", 0.3), ("none", 0.4)),
         related_heading="You May Also Like", tagline="All the news that goes viral"),
    Site("digest", "Daily Feed Digest", "www.dailyfeeddigest.com", "feedzy", "excerpt",
         (("read-more", 0.6), ("home-link", 0.15), ("none", 0.25)),
         related_heading="Similar News", tagline="Your feeds, digested"),
    Site("politics", "US Politics Watch", "uspoliticswatch.net", "wpematico", "verbatim",
         (("go-to-source", 0.55), ("none", 0.45)), tagline="Politics, all day"),
    Site("buzz", "Trending Buzz Now", "trendingbuzznow.com", "colormag", "spun",
         (("source-link", 0.4), ("none", 0.6)), strength=(0.8, 1.0),
         related_heading="You May Also Like", tagline="What's trending", permalink="postname"),
    Site("wave", "News Wave 24", "newswave24.com", "colormag", "spun",
         (("text-credit", 0.5), ("none", 0.5)), strength=(0.3, 0.5),
         related_heading="Related Articles", tagline="News around the clock",
         permalink="postname"),
    Site("blog", "World Report Daily", "worldreportdaily.blogspot.com", "blogger", "verbatim",
         (("text-credit", 0.45), ("source-link", 0.25), ("none", 0.3)), undated=0.15,
         tagline="The world, reported daily"),
    Site("brief", "The Brief Room", "briefroom.ghost.io", "ghost", "rewrite",
         (("attributed", 0.55), ("attributed-link", 0.45)), two_source=0.4,
         tagline="The news, briefly and in our words"),
    Site("regional", "Regional Report Network", "regionalreport.net", "drupal", "verbatim",
         (("source-field", 0.6), ("none", 0.4)), tagline="News from every region"),
    Site("hub", "HeadlineHub", "headlinehub.info", "phpexcerpt", "excerpt",
         (("read-more", 0.55), ("home-link", 0.15), ("none", 0.3)),
         related_heading="Latest headlines", tagline="Headlines from 1,000 sources"),
    Site("mirror", "NewsMirror Pro", "newsmirrorpro.com", "jnews", "verbatim",
         (("source-link", 0.75), ("none", 0.25)), scrapes=("viral", "politics", "blog", "buzz"),
         related_heading="Don't Miss", tagline="Mirroring the best of the web"),
    Site("repost", "AllNews Repost", "allnewsrepost.com", "wpematico", "verbatim",
         (("source-link", 0.5), ("none", 0.5)), scrapes=("mirror",),
         tagline="Reposted for you"),
)  # fmt: skip

_OUTLET_NAMES = (
    "The Carden Post", "Millford Tribune", "The Ostrava Courier", "Bellweather Times",
    "The Granby Ledger", "Haleford Evening News", "The Tilbury Dispatch", "Northmoor Gazette",
    "The Pellham Record", "Westerly Star-Journal", "The Corran Observer", "Dunmore Daily",
    "The Saxby Herald", "Ravensworth Press", "The Elkmont Sentinel", "Kilbride Chronicle",
    "The Ashvale Times", "Farrow County News", "The Lindenfield Bulletin", "Marlow Bay Courier",
    "The Quenby Mercury", "Stillwater Examiner",
)  # fmt: skip
_STYLES = ("arc", "bsp", "vip")
_WIRES = (("Reuters", "Reuters", "www.reuters.com"), ("The Associated Press", "AP", "apnews.com"))
_SECTIONS = ("world", "politics", "business", "technology", "culture", "science", "sports")
_PLACES = ("WASHINGTON", "NEW YORK", "LONDON", "CHICAGO", "LOS ANGELES", "SEOUL", "BRUSSELS")
_AUTHORS = (
    "Nadia Brennan", "Colin Ashby", "Ruth Okonkwo", "Felix Marchetti", "Ingrid Solberg",
    "Teodor Varga", "Layla Haddad", "Benedict Oyelaran", "Carmen Ibarra", "Hugo Lindqvist",
    "Miriam Castell", "Desmond Achebe", "Yuki Morimoto", "Sean Callaghan",
)  # fmt: skip


@dataclass
class Story(copying.Story):
    """An original: an outlet's article, a wire story, or an independent report of an event."""

    outlet: Outlet

    @property
    def archivable(self) -> bool:
        return not self.missing


@dataclass
class Copy(copying.Copy):
    """A page that carries a story's text: an aggregator's post or an outlet's wire carriage."""

    story: Story
    site: Site | None = None
    via: Copy | None = None
    shown: datetime | None = None  # the date the page shows, when it is not `published`
    carrier: Outlet | None = None
    second: Story | None = None
    long_excerpt: bool = False  # all but the last few paragraphs

    @property
    def host(self) -> str:
        return self.site.host if self.site else self.carrier.host  # type: ignore[union-attr]

    @property
    def depth(self) -> int:
        """How many copies lie between this one and the original (wire carriers count)."""
        return 1 + (self.via.depth if self.via else 0)


# Sites whose WordPress permalinks are the bare post name ("/slug/").
_POSTNAME = "|".join(re.escape(s.host) for s in _SITES if s.permalink == "postname")


class HarshWorld(CopyWorld[Site, Copy]):
    """The world for one seed: outlets, sites, pages (`resources`), seeds (`feeds`), `truth`."""

    profile_name = "aggregator-world2"
    description = "The second aggregator test world (tests/worlds2/harsh.py)."
    operator = "aggregator world 2"
    max_pages = 3000
    deny_patterns = ("/wp-admin/", "[?&]share=", "/tag/", "/author/", "/search")
    post_patterns = (
        r"^https?://regionalreport\.net/article/[a-z0-9-]+$",
        r"^https?://headlinehub\.info/news\.php\?id=\d+",
        r"^https?://briefroom\.ghost\.io/(?!tag/|author/|about/|rss/)[a-z0-9-]+/$",
        rf"^https?://(?:{_POSTNAME})/(?!category/|tag/|author/|feed/)[a-z0-9-]+/$",
    )
    not_found = (
        b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>"
        b"<h1>Not Found</h1></body></html>"
    )
    servers = ("nginx", "Apache", "cloudflare", "openresty")
    epoch = _EPOCH
    templates = serving.template_env(Path(__file__).parent / "templates", yoast=True)
    sure_links = SURE
    unsure_platforms = ("phpexcerpt",)  # seven "Read more »" a page: no crawler follows all
    fallback_sites = ("viral", "digest")
    copy_weights = (4, 4, 2, 1)
    draw_from = 6
    updates = 6
    early_hours = 8
    gone_body = (
        b"<html><body><h1>410 Gone</h1><p>This article is no longer available.</p></body></html>"
    )

    def __init__(self, seed: int = 0, texts: Sequence[Text] | None = None) -> None:
        super().__init__(seed, random.Random(f"world2-{seed}"), _SITES)
        self.outlets, self.wires = self._outlets()
        self.stories = self._stories(list(texts or serving.load_texts(DATA)))
        self.copies: list[Copy] = []
        self._copy_all()
        self._render()

    # -- who publishes ----------------------------------------------------------------------

    def _outlets(self) -> tuple[list[Outlet], list[Outlet]]:
        rng = self._rng
        outlets = []
        for i, name in enumerate(_OUTLET_NAMES):
            bare = re.sub(r"^the", "", re.sub(r"[^a-z]", "", name.lower()))
            host = rng.choice(
                (
                    f"www.{bare}.com",
                    f"{bare}.com",
                    f"www.{bare}news.com",
                    f"{bare}.co.uk",
                    f"news.{bare}.org",
                )
            )
            outlets.append(
                Outlet(
                    f"o{i:02d}",
                    name,
                    "".join(w[0] for w in name.split() if w != "The"),
                    host,
                    _STYLES[i % len(_STYLES)],
                    rng.choice((-7, -5, -4, 0, 1, 9)),
                    f"Trusted news since {rng.randint(1871, 1998)}",
                    blocks_crawlers=i == 5,
                )
            )
        wires = [
            Outlet(f"w{i}", name, short, host, "wire", 0, "Independent global news", wire=True)
            for i, (name, short, host) in enumerate(_WIRES)
        ]
        return outlets, wires

    def _article_url(self, outlet: Outlet, title: str, when: datetime) -> str:
        name = serving.slug(title, _SLUG_WORDS)
        local = serving.local_time(when, outlet.tz_hours)
        number = self._rng.randrange(1_000_000, 9_999_999)
        path = {
            "arc": f"/{self._rng.choice(_SECTIONS)}/{local:%Y/%m/%d}/{name}/",
            "bsp": f"/news/{name}-{number}",
            "vip": f"/{local:%Y/%m/%d}/{name}/",
            "wire": f"/article/{name}-{number:x}",
        }[outlet.style]
        return f"http://{outlet.host}{path}"

    def _story(self, text: Text, outlet: Outlet, when: datetime) -> Story:
        rng = self._rng
        return Story(
            text,
            outlet,
            self._article_url(outlet, text.title, when),
            when,
            rng.choice(_AUTHORS),
            rng.choice(_SECTIONS),
        )

    def _stories(self, pool: list[Text]) -> list[Story]:
        rng = self._rng
        rng.shuffle(pool)
        prose, wire_texts, pool = pool[:5], pool[5:11], pool[11:]
        stories = []
        for text in pool:
            when = _EPOCH + timedelta(minutes=rng.randrange(0, 30 * 24 * 60))
            stories.append(self._story(text, rng.choice(self.outlets), when))
        for i, text in enumerate(wire_texts):
            when = _EPOCH + timedelta(minutes=rng.randrange(0, 30 * 24 * 60))
            stories.append(self._story(text, self.wires[i % 2], when))
        # Independent reports of five events, each by another outlet, in its own words.
        plain = [s for s in stories if not s.outlet.wire]
        for filler, event in zip(prose, rng.sample(plain, 5), strict=True):
            when = event.published + timedelta(minutes=rng.randrange(-240, 480))
            title, paragraphs = words.same_event(
                event.text.title, event.text.paragraphs, filler.paragraphs, f"{when:%A}", rng
            )
            outlet = rng.choice([o for o in self.outlets if o is not event.outlet])
            report = self._story(Text(f"event-{filler.id}", title, tuple(paragraphs)), outlet, when)
            report.event_of = event
            report.section = event.section
            stories.append(report)
        # Originals out of reach: never linked, gone since (410), or barred by robots.txt.
        free = [s for s in stories if s.event_of is None and not s.outlet.blocks_crawlers]
        wire_stories = [s for s in free if s.outlet.wire]
        plain = [s for s in free if not s.outlet.wire]
        self._out_of_reach(stories, [*rng.sample(plain, 4), rng.choice(wire_stories)], plain, 3)
        if not any(s.missing == "blocked" for s in stories):
            stories[0].outlet = next(o for o in self.outlets if o.blocks_crawlers)
            stories[0].url = self._article_url(
                stories[0].outlet, stories[0].text.title, stories[0].published
            )
            stories[0].missing = "blocked"
        return stories

    # -- who copies -------------------------------------------------------------------------

    def _before_copies(self, story: Story) -> None:
        if story.outlet.wire:
            self._carry(story)

    def _source(self, story: Story) -> Copy | None:
        """A wire story is copied from one of its carriers more often than not."""
        carriers = [c for c in story.copies if c.carrier]
        return self._rng.choice(carriers) if carriers and self._rng.random() < 0.6 else None

    def _copy_further(self) -> None:
        # Rewrites that cite two outlets: an event and the other outlet's report of it.
        brief = next(s for s in self.sites if s.key == "brief")
        for report in [s for s in self.stories if s.event_of]:
            self._copy(report.event_of, brief, second=report)  # type: ignore[arg-type]
        self._scrape()
        self._link_carriers()

    def _carry(self, story: Story) -> None:
        """Two or three outlets run the wire story verbatim, with its credit."""
        rng = self._rng
        for outlet in rng.sample(
            [o for o in self.outlets if not o.blocks_crawlers], rng.choice((2, 3))
        ):
            when = story.published + timedelta(minutes=rng.randrange(4, 90))
            url = self._article_url(outlet, story.text.title, when)
            copy = Copy(
                story,
                url,
                story.text.title,
                list(story.text.paragraphs),
                "verbatim",
                "text-credit",
                when,
                carrier=outlet,
            )
            story.copies.append(copy)
            self.copies.append(copy)

    def _copy(
        self, story: Story, site: Site, via: Copy | None = None, second: Story | None = None
    ) -> Copy:
        rng = self._rng
        source = via or None
        title = source.title if source else story.text.title
        paragraphs = list(source.paragraphs if source else story.text.paragraphs)
        relation = source.relation if source and source.site else "verbatim"
        long_excerpt = source.long_excerpt if source else False
        if site.relation == "spun":
            strength = rng.uniform(*site.strength)
            paragraphs = [words.spin(p, strength, rng) for p in paragraphs]
            title = words.spin(title, min(1.0, strength + 0.2), rng)
            relation = "spun"
        elif site.relation == "excerpt":
            draw = rng.random()
            if site.platform == "feedzy" and draw < 0.4:
                paragraphs = [words.wp_excerpt(paragraphs, rng.choice((40, 55)))]
            elif site.platform == "feedzy" and draw < 0.7 and len(paragraphs) >= 7:
                # the feed's full text, cut where the outlet's feed stops: most of the article
                paragraphs = words.lead(paragraphs, len(paragraphs) - rng.choice((2, 3, 4)))
                long_excerpt = True
            else:
                paragraphs = words.lead(paragraphs, rng.choice((1, 2, 3)))
            relation = "excerpt"
        elif site.relation == "rewrite":
            partner = second or next((s for s in self.stories if s.event_of is story), None)
            if second is None and partner and rng.random() < site.two_source:
                second = partner
            other = (second.outlet.name, second.text.paragraphs) if second else None
            day = f"{story.published:%A}"
            paragraphs = words.rewrite(paragraphs, story.outlet.name, day, rng, other=other)
            title = words.spin(title, 0.8, rng)
            relation = "rewrite"
        modes, weights = zip(*site.links, strict=True)
        link = rng.choices(modes, weights=weights)[0]
        if story.missing == "unlinked" and link in POINTING and not via:
            link = rng.choice(("none", "text-credit", "home-link"))
        if site.relation == "rewrite" and story.missing == "unlinked":
            link = "attributed"
        published = None
        if rng.random() >= site.undated:
            start = via.published if via and via.published else story.published
            published = start + timedelta(minutes=rng.randrange(20, 3 * 24 * 60))
        url = self._post_url(site, title, published or story.published)
        copy = Copy(
            story,
            url,
            title,
            paragraphs,
            relation,
            link,
            published,
            site=site,
            via=via,
            second=second,
            long_excerpt=long_excerpt,
        )
        story.copies.append(copy)
        self.copies.append(copy)
        return copy

    def _scrape(self) -> None:
        """The scrapers: the mirror copies the copiers' verbatim and spun posts, the repost
        site copies the mirror, so some texts are three copies away from their original."""
        rng = self._rng
        for key in ("mirror", "repost"):
            site = next(s for s in self.sites if s.key == key)
            taken = [
                c
                for c in self.copies
                if c.site and c.site.key in site.scrapes and c.relation in ("verbatim", "spun")
            ]
            for via in rng.sample(taken, k=min(len(taken), 16 if key == "mirror" else 10)):
                self._copy(via.story, site, via=via)

    def _link_carriers(self) -> None:
        """Every outlet that carried a wire story is reached: an aggregator credits it."""
        rng = self._rng
        sure = [s for s in self.sites if not s.scrapes and self._can_link_surely(s)]
        for carrier in [c for c in self.copies if c.carrier]:
            if any(c.via is carrier and self.is_sure_link(c) for c in self.copies):
                continue
            site = rng.choice(sure)
            extra = self._copy(carrier.story, site, via=carrier)
            extra.link = self._sure_link(site)

    def _updatable(self, story: Story) -> bool:
        return story.archivable and not story.outlet.wire

    def _updated(self, story: Story) -> tuple[str, ...]:
        return words.updated(story.text.paragraphs, self._rng)

    def _early_datable(self, copy: Copy) -> bool:
        return bool(
            copy.published
            and copy.story.archivable
            and copy.site is not None
            and copy.site.relation in ("verbatim", "spun")
        )

    def _post_url(self, site: Site, title: str, when: datetime) -> str:
        """A new post's URL, in the permalinks of the site's CMS (a headline site numbers
        every try)."""

        def path(name: str) -> str:
            number = self._rng.randrange(10_000, 99_999)
            if site.permalink == "postname":
                return f"/{name}/"
            return {
                "blogger": f"/{when:%Y/%m}/{name}.html",
                "ghost": f"/{name}/",
                "drupal": f"/article/{name}",
                "phpexcerpt": f"/news.php?id={number}&title={name}",
            }.get(site.platform, f"/{when:%Y/%m/%d}/{name}/")

        return self._free_url(site, serving.slug(title, _SLUG_WORDS), path)

    @staticmethod
    def _kind(copy: Copy) -> str:
        story, link = copy.story, _LINK_CLASS[copy.link]
        cases = (
            (bool(story.missing), f"original-{story.missing}/{copy.relation}"),
            (copy.carrier is not None, "wire-carrier"),
            (copy.via is not None and copy.via.carrier is not None, "wire-copy-of-carrier"),
            (copy.depth >= 3, "chain-3"),
            (copy.depth == 2, "chain-2"),
            (copy.shown is not None, "dated-first"),
            (story.update is not None, f"of-updated-original/{copy.relation}"),
            (copy.second is not None, "rewrite-two-outlets"),
            (copy.long_excerpt, f"excerpt-long-{link}"),
            (story.outlet.wire, f"wire-{copy.relation}-{link}"),
        )
        return next((kind for hit, kind in cases if hit), f"{copy.relation}-{link}")

    # -- rendering --------------------------------------------------------------------------

    @property
    def publishers(self) -> list[Outlet]:
        return [*self.outlets, *self.wires]

    def _original_kind(self, story: Story) -> str:
        if story.event_of:
            return "same-event"
        if story.missing:
            return f"original-{story.missing}"
        return "wire-original" if story.outlet.wire else "original"

    def _also_drew_on(self, copy: Copy) -> str | None:
        return serving.without_tracking(copy.second.url) if copy.second else None

    def _outlet_page(
        self,
        outlet: Outlet,
        *,
        url: str,
        title: str,
        paragraphs: Sequence[str],
        author: str,
        section: str,
        published: datetime,
        modified: datetime | None,
        siblings: list[Story],
    ) -> str:
        local = serving.local_time(published, outlet.tz_hours)
        changed = serving.local_time(modified, outlet.tz_hours) if modified else None
        jsonld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": local.isoformat(),
            "dateModified": (changed or local).isoformat(),
            "author": [{"@type": "Person", "name": author}],
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": outlet.name,
                "url": outlet.home,
            },
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        }
        date_text = {
            "arc": f"{local:%B} {local.day}, {local:%Y} at {local:%-I:%M %p}",
            "bsp": f"{local:%a, %b} {local.day}, {local:%Y}",
            "vip": f"{local:%B} {local.day}, {local:%Y}",
            "wire": f"{local:%B} {local.day}, {local:%Y}",
        }[outlet.style]
        page = {
            "url": url,
            "title": title,
            "canonical": url,
            "og": True,
            "jsonld": serving.script_json(jsonld),
            "published_iso": local.isoformat() if outlet.style != "wire" else "",
            "modified_iso": changed.isoformat() if changed else "",
            "shown_iso": local.isoformat(),
            "date_text": date_text,
            "updated": f"{changed:%B} {changed.day}, {changed:%Y} {changed:%-I:%M %p}"
            if changed
            else "",
            "epoch_ms": int((modified or published).timestamp() * 1000),
            "summary": prose.sentences(paragraphs[0])[0][:200],
            "paragraphs": paragraphs,
            "author": author,
            "author_slug": serving.slug(author, _SLUG_WORDS),
            "section": section.title(),
            "place": self._rng.choice(_PLACES),
            "year": local.year,
            "post_id": self._rng.randrange(100_000, 999_999),
            "more": [(s.text.title, s.url) for s in siblings[:5]],
        }
        site = {
            "name": outlet.name,
            "short": outlet.short,
            "tagline": outlet.tagline,
            "title_suffix": f" | {outlet.name}",
            "copyright": outlet.name,
        }
        return self.templates.get_template(f"outlet_{outlet.style}.html").render(
            page=page, site=site
        )

    def _original_page(self, story: Story, siblings: list[Story]) -> str:
        paragraphs, modified = story.update or (story.text.paragraphs, None)
        return self._outlet_page(
            story.outlet,
            url=story.url,
            title=story.text.title,
            paragraphs=paragraphs,
            author=story.author,
            section=story.section,
            published=story.published,
            modified=modified,
            siblings=siblings,
        )

    def _republished_page(self, copy: Copy) -> str:
        """A legitimate outlet's page of a wire story: the wire's byline and dateline."""
        wire = copy.story.outlet
        place = self._rng.choice(_PLACES)
        paragraphs = [f"{place} ({wire.short}) — {copy.paragraphs[0]}", *copy.paragraphs[1:]]
        paragraphs.append(
            f"Copyright {copy.story.published.year} {wire.name}. All rights reserved."
        )
        outlet = copy.carrier
        assert outlet is not None
        return self._outlet_page(
            outlet,
            url=copy.url,
            title=copy.title,
            paragraphs=paragraphs,
            author=f"{copy.story.author}, {wire.name}",
            section=copy.story.section,
            published=copy.published or copy.story.published,
            modified=None,
            siblings=[],
        )

    def _outlet_home(self, outlet: Outlet, stories: list[Story]) -> str:
        teasers = [
            {
                "url": s.url,
                "title": s.text.title,
                "dek": prose.sentences(s.text.paragraphs[0])[0],
                "when": f"{serving.local_time(s.published, outlet.tz_hours):%b %d, %Y}",
            }
            for s in sorted(stories, key=lambda s: s.published, reverse=True)
            if not s.missing
        ]
        page = {"teasers": teasers, "year": _EPOCH.year}
        return self.templates.get_template("outlet_home.html").render(
            page=page, site={"name": outlet.name, "tagline": outlet.tagline}
        )

    def _credit_name(self, copy: Copy) -> str:
        """Whom a copy credits by name: the wire for a wire story, else the outlet."""
        return copy.story.outlet.name

    def _link_html(self, copy: Copy) -> str:
        src = html.escape(copy.source_url)
        if copy.link == "source-link" and copy.site and copy.site.key in ("viral", "mirror"):
            src += "?utm_source=wp-automatic&amp;utm_medium=referral"
        name = html.escape(
            copy.via.site.name if copy.via and copy.via.site else self._credit_name(copy)
        )
        home = html.escape(copy.story.outlet.home)
        author = html.escape(copy.story.author)
        if copy.link == "text-credit":
            forms = (
                f"<p>via {name}</p>",
                f"<p><em>(Source: {name})</em></p>",
                f"<p>This article originally appeared on {name}.</p>",
            )
            return self._rng.choice(forms)
        return {
            "source-link": f'<p><a href="{src}" target="_blank" rel="noopener">Source link</a></p>',
            "read-more": f'<p><a href="{src}" target="_blank" rel="noopener">Read More</a></p>'
            if copy.site and copy.site.platform == "feedzy"
            else f'<p class="continue"><a href="{src}" target="_blank">Continue reading at '
            f"{name} &raquo;</a></p>",
            "go-to-source": f'<p><a href="{src}" target="_blank">Go to Source</a><br>'
            f"Author: {author}</p>",
            "home-link": f'<p>Source: <a href="{home}" target="_blank" rel="nofollow">'
            f"{name}</a></p>",
        }.get(copy.link, "")

    def _body_html(self, copy: Copy, also: tuple[str, str] | None) -> str:
        site = copy.site
        assert site is not None
        paragraphs = [html.escape(p, quote=False) for p in copy.paragraphs]
        if copy.relation == "rewrite":
            names = [copy.story.outlet.name, *([copy.second.outlet.name] if copy.second else [])]
            if copy.link == "attributed-link":
                first = html.escape(names[0], quote=False)
                anchor = f'<a href="{html.escape(copy.story.url)}">{first}</a>'
                paragraphs[0] = paragraphs[0].replace(first, anchor, 1)
        if site.platform == "jnews":
            if also and len(paragraphs) > 4:
                t, u = (html.escape(v) for v in also)
                paragraphs.insert(3, f'<strong>ALSO READ:</strong> <a href="{u}">{t}</a>')
            paragraphs = ["[ad_1]", *paragraphs, "[ad_2]"]
        if site.platform == "blogger":
            inner = "</div>\n<div><br></div>\n<div>".join(paragraphs)
            body = f"<div>{inner}</div>"
        else:
            body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
        if site.platform != "drupal":
            body += "\n" + self._link_html(copy)
        return body

    def _copy_page(self, copy: Copy, posts: Sequence[Copy]) -> str:
        site = copy.site
        assert site is not None
        rng = self._rng
        others = [p for p in posts if p is not copy]
        related = [
            (p.title, p.url, prose.sentences(p.paragraphs[0])[0][:180])
            for p in rng.sample(others, k=min(5, len(others)))
        ]
        local = self._post_time(copy, (-5, -4, 0, 2, 5.5, 8))
        date_text = ""
        if local:
            date_text = {
                "jnews": f"{local:%B} {local.day}, {local:%Y}",
                "feedzy": f"{local:%B} {local.day}, {local:%Y}",
                "wpematico": f"{local:%B} {local.day}, {local:%Y}",
                "colormag": f"{local:%B} {local.day}, {local:%Y}",
                "blogger": f"{local:%B} {local.day}, {local:%Y}",
                "ghost": f"{local:%b} {local.day}, {local:%Y}",
                "drupal": f"{local:%a, %m/%d/%Y - %H:%M}",
                "phpexcerpt": f"{local:%d.%m.%Y %H:%M}",
            }[site.platform]
        stories = []
        if site.platform == "phpexcerpt":
            for other in rng.sample(others, k=min(6, len(others))):
                more = other.url if other.story.missing else other.story.url
                stories.append(
                    {
                        "url": other.url,
                        "title": other.title,
                        "more": more,
                        "snippet": prose.sentences(other.paragraphs[0])[0],
                    }
                )
        jsonld = None
        if local and site.platform in ("jnews", "feedzy", "ghost", "colormag"):
            jsonld = serving.script_json(
                {
                    "@context": "https://schema.org",
                    "@type": "BlogPosting",
                    "headline": copy.title,
                    "datePublished": local.isoformat(),
                    "dateModified": local.isoformat(),
                    "author": {"@type": "Person", "name": "admin"},
                    "publisher": {"@type": "Organization", "name": site.name},
                }
            )
        after = ""
        if site.platform == "drupal" and copy.link == "source-field":
            src = html.escape(copy.source_url)
            after = (
                '<div class="field field--name-field-source-url field--type-link '
                'field--label-inline clearfix"><div class="field__label">Original article'
                f'</div><div class="field__item"><a href="{src}">{src}</a></div></div>'
            )
        source_label = ""
        if site.platform == "phpexcerpt" and copy.link != "none":
            source_label = f"Source: {html.escape(self._credit_name(copy))}"
        page = {
            "url": copy.url,
            "title": copy.title,
            "canonical": copy.source_url if copy.link == "canonical" else copy.url,
            "og": site.platform != "phpexcerpt",
            "jsonld": jsonld,
            "published_iso": local.isoformat() if local else "",
            "modified_iso": "",
            "date_text": date_text,
            "time_text": f"{local:%-I:%M %p}" if local else "",
            "summary": prose.sentences(copy.paragraphs[0])[0][:160],
            "body": self._body_html(copy, related[-1][:2] if related else None),
            "after_body": after,
            "author": rng.choice(("admin", "News Desk", "editor", "Staff Writer")),
            "author_slug": "admin",
            "post_id": rng.randrange(1000, 99999),
            "category": copy.story.section,
            "tags": [copy.story.section.title(), "Top Stories"],
            "reading": max(1, len(" ".join(copy.paragraphs).split()) // 250),
            "year": self._feed_date(copy).year,
            "related": related,
            "popular": [(p.title, p.url) for p in others[:5]],
            "stories": stories,
            "source_label": source_label,
        }
        return self._post_html(site, page)

    def _feed(self, site: Site, posts: Sequence[Copy]) -> str:
        if site.feed == "atom":
            entries = (
                serving.atom_entry(
                    c,
                    self._feed_date(c),
                    entry_id=f"tag:blogger.com,1999:blog-1.post-{i}",
                    text=c.paragraphs[0],
                    author="Unknown",
                    full=True,
                )
                for i, c in enumerate(posts)
            )
            return self._atom(site, "tag:blogger.com,1999:blog-1", entries)
        return self._rss(site, self._rss_items(posts))
