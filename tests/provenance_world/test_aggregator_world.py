"""Provenance judged on the aggregator world (`tests/worlds/aggregators.py`): a live crawl of
real texts copied, spun, excerpted and rewritten by aggregators, seeded from their feeds only,
then `newscrawl provenance` on the archive, scored against the world's truth.

The world tests check the world itself; the target tests are the bar the linker must reach
(`TestWorld`, with the tests both worlds share in `tests/provenance_world/common.py`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo.responses import normalize
from tests.provenance_world.common import WorldTests, changed, world_fixture
from tests.warcs import read_records
from tests.worlds.aggregators import FOLLOWED, AggregatorWorld
from tests.worlds.live import live_run
from tests.worlds.scoring import report
from tests.worlds.serving import without_tracking

if TYPE_CHECKING:
    from tests.worlds.live import Run
    from tests.worlds.scoring import Score

pytestmark = pytest.mark.timeout(600)


world = world_fixture(AggregatorWorld, (0, 1, 2))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return live_run(tmp_path_factory.mktemp("aggregator-world"), seed=0)


# -- the world ------------------------------------------------------------------------------


def test_world_has_the_size_and_mix_asked_for(world: AggregatorWorld) -> None:
    assert 40 <= len(world.outlets) <= 60
    assert 12 <= len(world.sites) <= 16
    assert sum(t.kind == "copy-of-copy" for t in world.truth.values()) >= 10
    assert sum(s.update is not None for s in world.stories) >= 10
    assert 120 <= len(world.stories) <= 200
    assert len(world.truth) == len(world.stories) + len(world.copies), "one page per URL"
    copies = [t for t in world.truth.values() if t.original_url]
    relations = Counter(t.relation for t in copies)
    assert set(relations) == {"verbatim", "spun", "excerpt", "rewrite"}
    assert all(n >= 25 for n in relations.values()), relations
    no_link = sum(t.link == "none" for t in copies) / len(copies)
    assert 0.28 <= no_link <= 0.45, no_link
    per_site = Counter(t.site for t in copies)
    assert all(n >= 12 for n in per_site.values()), per_site
    assert sum(t.kind == "same-event" for t in world.truth.values()) == 10
    assert sum(not t.dated for t in copies) >= 5


def test_spun_copies_swap_four_to_fifteen_percent_of_words(world: AggregatorWorld) -> None:
    shares = []
    for copy in world.copies:
        if copy.relation == "spun":
            shares.append(changed(copy.story.text.paragraphs, copy.paragraphs))
    assert min(shares) > 0.015, min(shares)
    shares.sort()
    assert 0.03 <= shares[len(shares) // 4] <= 0.07, shares
    assert 0.08 <= shares[len(shares) * 3 // 4] <= 0.16, shares
    assert shares[-1] <= 0.2, shares


def test_spinner_artefacts_are_there(world: AggregatorWorld) -> None:
    spun = " ".join(" ".join(c.paragraphs) for c in world.copies if c.relation == "spun")
    artefacts = ("12 months", "p.c.", "know-how", "in response to", "automotive", "drawback")
    found = [a for a in artefacts if a in spun]
    assert len(found) >= 3, found


def test_missing_originals_are_linked_from_nowhere(world: AggregatorWorld) -> None:
    missing = [s.url for s in world.stories if s.missing]
    assert len(missing) == 12
    linked = {
        s.url for s in world.stories if any(c.link in FOLLOWED and not c.via for c in s.copies)
    }
    assert not linked & set(missing)
    for story in world.stories:
        if not story.missing:
            assert story.url in linked, story.url
    copy_pages = [world.resources[normalize(c.url)].body.decode() for c in world.copies]
    for url in missing:
        assert not any(url in page for page in copy_pages), url


def test_copies_are_dated_after_their_originals(world: AggregatorWorld) -> None:
    for copy in world.copies:
        if copy.published is not None:
            lag = copy.published - copy.story.published
            assert 1.4 * 3600 <= lag.total_seconds() <= (6 if copy.via else 4) * 86400


# -- the live crawl ------------------------------------------------------------------------


def test_crawl_fetched_the_feeds_the_copies_and_the_reachable_originals(run: Run) -> None:
    world = run.world
    asked = {without_tracking(url) for method, url in run.requests if method == "GET"}
    assert {normalize(f) for f in world.feeds} <= asked
    assert {f"http://{host}/robots.txt" for host in world.aggregator_hosts} <= asked
    copies = {normalize(c.url) for c in world.copies}
    assert copies <= asked, sorted(copies - asked)[:5]
    reachable = {
        normalize(s.url) for s in world.stories if not s.missing and not s.outlet.blocks_crawlers
    }
    assert reachable <= asked, sorted(reachable - asked)[:5]
    missing = {normalize(s.url) for s in world.stories if s.missing}
    assert not missing & asked
    outlet_homes = {normalize(o.home) for o in world.outlets}
    assert not outlet_homes & asked, "an outlet's home page is not a seed"


def test_crawl_obeys_robots_on_the_sites_of_originals(run: Run) -> None:
    world = run.world
    asked = {without_tracking(url) for method, url in run.requests if method == "GET"}
    blocked = [o for o in world.outlets if o.blocks_crawlers]
    assert blocked, "one outlet's robots.txt turns crawlers away"
    assert {f"http://{o.host}/robots.txt" for o in blocked} <= asked
    pages = {normalize(s.url) for s in world.stories if s.outlet.blocks_crawlers}
    assert pages, "and copies link to its originals"
    assert not pages & asked, sorted(pages & asked)


def test_archive_holds_every_copy_and_reachable_original(run: Run) -> None:
    records = read_records(sorted(run.archive.glob("*.warc.gz")))
    archived = {
        without_tracking(r.uri) for r in records if r.type == "response" and r.status == 200
    }
    world = run.world
    assert {normalize(c.url) for c in world.copies} <= archived
    reachable = {
        normalize(s.url) for s in world.stories if not s.missing and not s.outlet.blocks_crawlers
    }
    assert reachable <= archived
    assert set(run.records) >= {normalize(c.url) for c in world.copies}


# -- the targets ---------------------------------------------------------------------------


class TestWorld(WorldTests):
    """The linker's floors on this world (its time is `benchmarks/aggregator_world.py`'s)."""

    precision = 0.99
    recall = 0.95
    relation_accuracy = 0.90

    def test_theme_copies_without_a_link_are_linked(self, result: Score) -> None:
        assert result.kinds.get("theme-nolink", [0, 0])[1] >= 10
        assert result.kind_share("theme-nolink") >= 0.95, report(result)
