"""What the worlds of outlets' stories and their copies (`tests/worlds2/harsh.py`,
`tests/worlds3/polyglot.py`) share: the links every original's copies must carry, the updated
originals and early-dated copies, and the rendering of originals, outlets and copies.

A world's stories have `outlet`, `url`, `published`, `update`, `missing`, `event_of` and
`copies`; its copies have `story`, `site` (None for an outlet's republication), `via`, `link`,
`relation`, `kind` and `published`. Class attributes and small hooks say how a world differs.
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from newscrawl.demo.responses import HTML, make_resource, normalize
from tests.worlds.serving import PostT, SiteT, Truth, World, without_tracking

if TYPE_CHECKING:
    from collections.abc import Sequence


class CopyWorld(World[SiteT, PostT]):
    """A world whose outlets publish `stories` that aggregators (and outlets) copy (`copies`)."""

    sure_links: ClassVar[tuple[str, ...]]  # links every crawler of aggregators follows
    unsure_platforms: ClassVar[tuple[str, ...]] = ()  # ...but not on these sites' pages
    fallback_sites: ClassVar[tuple[str, ...]]  # who copies an original no copy links surely
    updates: ClassVar[int]  # how many originals are updated, and copies dated first
    early_hours: ClassVar[int]  # how far at most a copy dated first is before its original
    gone_body: ClassVar[bytes]  # the 410 page of an original that is gone

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
