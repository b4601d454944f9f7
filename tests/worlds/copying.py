"""What the worlds of outlets' stories and their copies (`tests/worlds2/harsh.py`,
`tests/worlds3/polyglot.py`) share: the records of an aggregator, an original and a copy (the
first world's copies too), the links every original's copies must carry, the originals out of
reach, the updated originals and early-dated copies, and the rendering of originals, outlets
and copies.

A world subclasses the records with what is its own, and `CopyWorld`; class attributes and
small hooks say how it differs.
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from newscrawl.demo.responses import HTML, make_resource, normalize
from tests.worlds import serving
from tests.worlds.serving import PostT, SiteT, Truth, World, without_tracking

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence


@dataclass(frozen=True)
class Site:
    """An aggregator: its CMS, what it does to texts and how it says where they came from."""

    feed_paths: ClassVar[Mapping[str, str]]  # its feed's path by CMS, WordPress's by default

    key: str
    name: str
    host: str
    platform: str
    relation: str
    links: tuple[tuple[str, float], ...]
    scrapes: tuple[str, ...] = ()  # the sites it copies, if it copies copiers
    tagline: str = ""
    related_heading: str = ""

    @property
    def feed_url(self) -> str:
        return f"http://{self.host}{self.feed_paths.get(self.platform, '/feed/')}"


@dataclass
class Story(serving.Story):
    """An original: an outlet's article or an independent report of another's event."""

    missing: str = ""  # "unlinked", "gone" (answers 410) or "blocked" (robots.txt)
    event_of: Story | None = None
    copies: list[Any] = field(default_factory=list)


@dataclass
class Copy:
    """A page that carries a story's text: an aggregator's post (`site`) or an outlet's
    (in worlds 2 and 3)."""

    story: Any
    url: str
    title: str
    paragraphs: list[str]
    relation: str
    link: str
    published: datetime | None
    site: Any = None
    via: Any = None  # the copy it was taken from, if not the original
    kind: str = ""

    @property
    def source_url(self) -> str:
        """Where this copy says it took the text from."""
        return self.via.url if self.via else self.story.url  # type: ignore[no-any-return]


class CopyWorld(World[SiteT, PostT]):
    """A world whose outlets publish `stories` that aggregators (and outlets) copy (`copies`)."""

    sure_links: ClassVar[tuple[str, ...]]  # links every crawler of aggregators follows
    unsure_platforms: ClassVar[tuple[str, ...]] = ()  # ...but not on these sites' pages
    fallback_sites: ClassVar[tuple[str, ...]]  # who copies an original no copy links surely
    copy_weights: ClassVar[tuple[int, int, int, int]]  # how often 1, 2, 3 or 4 copy an original
    draw_from: ClassVar[int]  # how many of the least loaded copiers they are drawn from
    updates: ClassVar[int]  # how many originals are updated, and copies dated first
    early_hours: ClassVar[int]  # how far at most a copy dated first is before its original
    gone_body: ClassVar[bytes]  # the 410 page of an original that is gone
    robots = b"User-agent: *\nDisallow: /wp-admin/\nDisallow: /search\n"
    robots_barred = b"User-agent: *\nDisallow: /\n"

    stories: list[Any]
    copies: list[Any]

    # -- who copies -------------------------------------------------------------------------

    def is_sure_link(self, copy: Any) -> bool:
        """Whether a copy points at its source with a link every crawler follows."""
        return (
            copy.link in self.sure_links
            and copy.site is not None
            and copy.site.platform not in self.unsure_platforms
        )

    def _can_link_surely(self, site: Any) -> bool:
        return site.platform not in self.unsure_platforms and any(
            m in self.sure_links for m, _ in site.links
        )

    def _sure_link(self, site: Any) -> str:
        """The first of a site's ways of linking that every crawler follows."""
        return next(m for m, _ in site.links if m in self.sure_links)

    def _copy_all(self) -> None:
        """Each original copied by some of the least loaded copiers that take it, then the
        world's further copies; then the sure links, updates, early dates and every kind."""
        rng = self._rng
        copiers = [s for s in self.sites if not s.scrapes]
        load = {s.key: 0 for s in copiers}
        for story in self.stories:
            self._before_copies(story)
            able = self._copiers(story, copiers)
            count = rng.choices((1, 2, 3, 4), weights=self.copy_weights)[0]
            free = sorted(able, key=lambda s: (load[s.key], rng.random()))[: self.draw_from]
            for site in rng.sample(free, k=min(count, len(free))):
                load[site.key] += 1
                self._copy(story, site, via=self._source(story))
        self._copy_further()
        self._ensure_reachable()
        self._updates_and_early_dates()
        for copy in self.copies:
            copy.kind = self._kind(copy)

    def _before_copies(self, story: Any) -> None:
        """What happens to an original before the aggregators copy it."""

    def _copiers(self, story: Any, copiers: list[SiteT]) -> list[SiteT]:
        """The copiers that may take an original."""
        return copiers

    def _source(self, story: Any) -> Any:
        """What an aggregator copies an original from: None for the original itself."""
        return None

    @abstractmethod
    def _copy_further(self) -> None:
        """The copies made after the originals' first ones (of copies, or of more sources)."""

    @staticmethod
    @abstractmethod
    def _kind(copy: Any) -> str:
        """The case a copy is, the harshest first: what the per-kind table counts."""

    def _out_of_reach(
        self, stories: Sequence[Any], unlinked: Sequence[Any], free: Sequence[Any], gone: int
    ) -> None:
        """Originals out of reach: the `unlinked` ones never linked, `gone` of the `free` ones
        gone since (410), and all of outlets that bar crawlers in robots.txt."""
        for story in unlinked:
            story.missing = "unlinked"
        for story in self._rng.sample([s for s in free if not s.missing], gone):
            story.missing = "gone"
        for story in stories:
            if story.outlet.blocks_crawlers:
                story.missing = "blocked"

    @abstractmethod
    def _copy(self, story: Any, site: SiteT, via: Any = None) -> Any:
        """A new copy of `story` on `site` (taken from `via` if given)."""

    def _ensure_reachable(self) -> None:
        """Every original meant to be archived gets a sure link on one of its direct copies."""
        rng = self._rng
        for story in self.stories:
            if story.missing == "unlinked":
                continue
            direct = [c for c in story.copies if c.site and not c.via]
            if any(self.is_sure_link(c) for c in direct):
                continue
            able = [c for c in direct if self._can_link_surely(c.site)]
            if able:
                chosen = rng.choice(able)
                chosen.link = self._sure_link(chosen.site)
            else:
                site = rng.choice([s for s in self.sites if s.key in self.fallback_sites])
                extra = self._copy(story, site)
                extra.link = self._sure_link(site)

    @abstractmethod
    def _updatable(self, story: Any) -> bool:
        """Whether an original with copies may be updated after they were made."""

    @abstractmethod
    def _updated(self, story: Any) -> tuple[str, ...]:
        """An original's paragraphs after its update."""

    @abstractmethod
    def _early_datable(self, copy: Any) -> bool:
        """Whether a direct copy of an aggregator may show a date before its original's."""

    def _updates_and_early_dates(self) -> None:
        """Originals updated after they were copied, and copies that show an earlier date than
        their original (a post date taken from the feed in the wrong time zone)."""
        rng = self._rng
        kept = [s for s in self.stories if s.copies and self._updatable(s)]
        for story in rng.sample(kept, self.updates):
            last = max((c.published for c in story.copies if c.published), default=story.published)
            story.update = (self._updated(story), last + timedelta(hours=rng.uniform(2, 30)))
        plain = [c for c in self.copies if c.site and not c.via and self._early_datable(c)]
        for copy in rng.sample(plain, self.updates):
            hours = rng.randrange(60, self.early_hours * 60)
            copy.shown = copy.story.published - timedelta(minutes=hours)

    # -- rendering --------------------------------------------------------------------------

    @property
    @abstractmethod
    def publishers(self) -> Sequence[Any]:
        """The outlets (and wire services) whose originals the world serves."""

    @abstractmethod
    def _original_page(self, story: Any, siblings: list[Any]) -> str:
        """An original's page; `siblings` are its outlet's other stories."""

    @abstractmethod
    def _original_kind(self, story: Any) -> str:
        """The case an original is."""

    @abstractmethod
    def _outlet_home(self, outlet: Any, stories: list[Any]) -> str:
        """An outlet's home page, listing its `stories`."""

    @abstractmethod
    def _republished_page(self, copy: Any) -> str:
        """An outlet's page of another's story (a copy that has no `site`)."""

    @staticmethod
    def _feed_date(copy: Any) -> datetime:
        """The date a post has in its feed: the one it shows, else when it was published, else
        (undated) its original's."""
        return copy.shown or copy.published or copy.story.published  # type: ignore[no-any-return]

    def _post_time(self, copy: Any, zones: Sequence[float]) -> datetime | None:
        """The time a post shows on its page, on the clock of one of `zones` (hours off UTC,
        one drawn for every post); a post dated first shows the feed's wall-clock time,
        labelled as UTC."""
        zone = self._rng.choice(zones)
        shown = copy.shown or copy.published
        local = serving.local_time(shown, zone) if shown else None
        if copy.shown is not None:
            local = copy.shown.astimezone(UTC)
        return local

    def _rss_items(self, posts: Iterable[Any]) -> Iterator[str]:
        """The posts' <item>s in an RSS feed, each with the start of its text."""
        for c in posts:
            summary = " ".join(c.paragraphs[0].split()[:40])
            yield serving.rss_item(c, self._feed_date(c), guid=c.url, summary=summary)

    def _also_drew_on(self, copy: Any) -> str | None:
        """The second source of a copy that drew on two, if the world has such copies."""
        return None

    def _render(self) -> None:
        by_outlet: dict[str, list[Any]] = {}
        for story in self.stories:
            by_outlet.setdefault(story.outlet.key, []).append(story)
        for story in self.stories:
            self._render_story(story, [s for s in by_outlet[story.outlet.key] if s is not story])
        for outlet in self.publishers:
            self._add(outlet.home, self._outlet_home(outlet, by_outlet.get(outlet.key, [])), None)
        for copy in self.copies:
            if copy.site is None:
                self._add(copy.url, self._republished_page(copy), copy.published)
        for site in self.sites:
            posts = [c for c in self.copies if c.site is site]
            posts.sort(key=lambda c: c.published or c.story.published, reverse=True)
            self._render_site(site, posts)
        for copy in self.copies:
            self.truth[without_tracking(copy.url)] = Truth(
                copy.url,
                copy.host,
                without_tracking(copy.story.url),
                copy.relation,
                copy.kind,
                copy.link,
                copy.published is not None,
                also_drew_on=self._also_drew_on(copy),
            )
        hosts = {o.host for o in self.publishers} | {s.host for s in self.sites}
        self._add_robots(hosts, {o.host for o in self.publishers if o.blocks_crawlers})

    def _render_story(self, story: Any, siblings: list[Any]) -> None:
        body = self._original_page(story, siblings)
        if story.missing == "gone":
            self.resources[normalize(story.url)] = make_resource(
                self.gone_body, HTML, None, status=410
            )
        else:
            self._add(story.url, body, story.update[1] if story.update else story.published)
        self.truth[without_tracking(story.url)] = Truth(
            story.url,
            story.outlet.host,
            None,
            "original",
            self._original_kind(story),
            same_event_as=without_tracking(story.event_of.url) if story.event_of else None,
        )
