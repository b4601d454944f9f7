"""The third aggregator world (`tests/worlds3/polyglot.py`): texts in five languages, CMS
markup the other worlds lack, legitimate syndication, reblogs, attributed rewrites in the
text's language. The world is checked for shape; its one live run asserts only what must
never happen, not floors of today's figures (the world judges the linker, it is not tuned to
it: the figures are in docs/test-worlds.md).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo.responses import normalize
from tests.provenance_world.common import CopyWorldTests, changed, run_fixture, world_fixture
from tests.worlds.scoring import score
from tests.worlds.serving import without_tracking
from tests.worlds3 import language
from tests.worlds3.polyglot import PolyglotWorld

if TYPE_CHECKING:
    from tests.worlds.live import Run

pytestmark = pytest.mark.timeout(300)


world = world_fixture(PolyglotWorld)
# Seed 0 crawled from the feeds and the outlets' home pages, so that (nearly) every original is
# archived and can be wrongly linked.
run = run_fixture(lambda: PolyglotWorld(0, outlet_seeds=True), "aggregator-world3")


# -- the world ------------------------------------------------------------------------------


def test_every_kind_language_and_site_is_present(world: PolyglotWorld) -> None:
    kinds = Counter(t.kind.split("/")[0] for t in world.truth.values())
    for kind in ("original", "same-event", "syndicated", "copy-of-syndicated", "reblog-linked",
                 "reblog-nolink", "dated-first", "of-updated-original", "original-unlinked",
                 "original-gone", "original-blocked", "verbatim-linked", "verbatim-nolink",
                 "excerpt-linked", "excerpt-nolink"):  # fmt: skip
        assert kinds[kind], (kind, kinds)
    assert kinds["same-event"] == 4
    direct = [c for c in world.copies if c.site and not c.via]
    assert {c.story.lang for c in direct if c.relation == "spun"} == {"de", "en", "es"}
    assert len({c.story.lang for c in direct if c.relation == "rewrite"}) >= 3
    assert {s.lang for s in world.stories} == set(language.LANGUAGES)
    assert 30 <= sum(s.event_of is None for s in world.stories) <= 40
    assert {c.site.key for c in world.copies if c.site} == {s.key for s in world.sites}
    relations = Counter(t.relation for t in world.truth.values())
    assert set(relations) == {"original", "verbatim", "spun", "excerpt", "rewrite"}


def test_truth_is_consistent(world: PolyglotWorld) -> None:
    originals = {u for u, t in world.truth.items() if t.original_url is None}
    for url, fact in world.truth.items():
        assert url == without_tracking(fact.url)
        if fact.original_url is not None:
            assert fact.original_url in originals, url  # a copy names an original, never a copy
        if fact.same_event_as is not None:
            assert fact.same_event_as in originals
            assert world.truth[fact.same_event_as].same_event_as is None
    for copy in world.copies:
        assert world.truth[without_tracking(copy.url)].original_url == copy.story.url
        if copy.relation == "verbatim":
            assert " ".join(copy.paragraphs) in " ".join(copy.story.text.paragraphs) or copy.via
        if copy.relation == "spun" and copy.via is None:
            assert 0 < changed(copy.story.text.paragraphs, copy.paragraphs) < 0.2


def test_republications_are_canonical_and_only_gone_originals_answer_410(
    world: PolyglotWorld,
) -> None:
    for copy in world.copies:
        if copy.partner:  # a partner's republication: canonical to the original, credit in words
            page = world.resources[normalize(copy.url)].body.decode()
            assert f'rel="canonical" href="{copy.story.url}"' in page
    for story in world.stories:
        status = world.resources[normalize(story.url)].status
        assert status == (410 if story.missing == "gone" else 200)


def test_same_event_reports_share_a_quote(world: PolyglotWorld) -> None:
    for story in (s for s in world.stories if s.event_of):
        event = story.event_of
        assert event is not None
        assert language.quotes(event.text.paragraphs)[0] in " ".join(story.text.paragraphs)


class TestWorld(CopyWorldTests):
    """The checks worlds 2 and 3 share, on this one."""


# -- the live run: only what must never happen ----------------------------------------------


def test_live_run_never_links_an_original_or_one_report_of_an_event_to_another(
    run: Run,
) -> None:
    assert run.crawl.returncode == 0, run.crawl.stderr[-3000:]
    assert run.link.returncode == 0, run.link.stderr[-3000:]
    world = run.world
    asked = {without_tracking(url) for method, url in run.requests if method == "GET"}
    assert {without_tracking(c.url) for c in world.copies if c.site} <= asked
    out_of_reach = {without_tracking(s.url) for s in world.stories if s.missing != "gone"
                    and s.missing}  # fmt: skip
    assert not out_of_reach & asked
    linked_originals = [
        (url, record["original_url"])
        for url, record in run.records.items()
        if url in world.truth
        and world.truth[url].original_url is None
        and record.get("original_url")
    ]
    assert sum(world.truth[url].original_url is None for url in run.records) >= 30
    assert linked_originals == []
    assert score(world.truth, run.records).same_event_links == []
