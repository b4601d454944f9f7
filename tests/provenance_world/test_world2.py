"""Provenance judged on the second, harsher aggregator world (`tests/worlds2/harsh.py`): chains
of three copies, wire stories carried by legitimate outlets, excerpt pages full of other
stories' "Read more »", links to an outlet's home page, credits in words only, spinners with
their artefacts, updated originals, copies dated before their originals, independent reports
of one event, and originals that are never linked, gone (410) or barred by robots.txt.

Live-crawled from the aggregators' feeds only, then `newscrawl provenance`, then scored
(`TestWorld`, with the tests both worlds share in `tests/provenance_world/common.py`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo.responses import normalize
from tests.provenance_world.common import (
    CopyWorldTests,
    WorldTests,
    changed,
    run_fixture,
    world_fixture,
)
from tests.worlds.scoring import report
from tests.worlds.serving import without_tracking
from tests.worlds2.harsh import POINTING, HarshWorld

if TYPE_CHECKING:
    from tests.worlds.live import Run
    from tests.worlds.scoring import Score

pytestmark = pytest.mark.timeout(300)


world = world_fixture(HarshWorld)
run = run_fixture(lambda: HarshWorld(0), "aggregator-world2")


# -- the world ------------------------------------------------------------------------------


def test_world_has_every_harsh_case(world: HarshWorld) -> None:
    kinds = Counter(t.kind for t in world.truth.values())
    copies = [c for c in world.copies if c.site]
    assert kinds["chain-3"] >= 5, kinds
    assert kinds["chain-2"] >= 5, kinds
    assert kinds["wire-carrier"] >= 8, kinds
    assert kinds["same-event"] == 5
    assert (
        kinds["rewrite-two-outlets"]
        + sum(n for k, n in kinds.items() if k.startswith("original-") and "/" in k)
        >= 3
    )
    assert sum(s.update is not None for s in world.stories) == 6
    assert sum(c.shown is not None for c in world.copies) == 6
    assert {s.missing for s in world.stories} == {"", "unlinked", "gone", "blocked"}
    links = Counter(c.link for c in copies)
    assert {"home-link", "text-credit", "go-to-source", "source-field", "none"} <= set(links)
    no_link = sum(c.link not in POINTING for c in copies) / len(copies)
    assert 0.3 <= no_link <= 0.6, no_link
    relations = Counter(t.relation for t in world.truth.values())
    assert min(relations.values()) >= 15, relations
    assert Counter(c.site.key for c in copies if c.site).most_common()[-1][1] >= 8


def test_spinners_have_two_strengths_and_their_artefacts(world: HarshWorld) -> None:
    by_site: dict[str, list[float]] = {}
    spun_text = []
    for copy in world.copies:
        if copy.site and copy.site.relation == "spun" and copy.via is None:
            share = changed(copy.story.text.paragraphs, copy.paragraphs)
            by_site.setdefault(copy.site.key, []).append(share)
            spun_text.append(" ".join(copy.paragraphs))
    mild, strong = (sorted(v) for v in sorted(by_site.values(), key=lambda v: sum(v) / len(v)))
    assert mild[len(mild) // 2] < 0.06 < strong[len(strong) // 2], (mild, strong)
    assert min(mild) > 0.004
    assert max(strong) <= 0.25
    found = {a for a in ("p.c", "12 months", "know-how", "automotive") if a in " ".join(spun_text)}
    assert found, "the classic spinner artefacts"


def test_excerpt_pages_end_in_other_stories_read_more_links(world: HarshWorld) -> None:
    hub = [c for c in world.copies if c.site and c.site.key == "hub"]
    assert hub
    for copy in hub:
        body = world.resources[normalize(copy.url)].body.decode()
        assert body.count("Read more &raquo;") >= 5
        outlets = {c.story.url for c in hub if c is not copy and not c.story.missing}
        assert any(url in body for url in outlets)


def test_copies_dated_first_show_a_date_before_their_original(world: HarshWorld) -> None:
    early = [c for c in world.copies if c.shown is not None]
    for copy in early:
        assert copy.shown is not None
        assert copy.shown < copy.story.published
        body = world.resources[normalize(copy.url)].body.decode()
        assert copy.shown.astimezone(copy.shown.tzinfo).strftime("%Y") in body


# -- the live crawl ------------------------------------------------------------------------


def test_crawl_reached_every_copy_and_no_missing_original(run: Run) -> None:
    world = run.world
    assert isinstance(world, HarshWorld)
    asked = {without_tracking(url) for method, url in run.requests if method == "GET"}
    assert {without_tracking(c.url) for c in world.copies} <= asked
    unlinked = {without_tracking(s.url) for s in world.stories if s.missing == "unlinked"}
    assert not unlinked & asked
    blocked = {without_tracking(s.url) for s in world.stories if s.missing == "blocked"}
    assert not blocked & asked
    assert set(run.records) >= {without_tracking(c.url) for c in world.copies}


# -- today's figures as floors ------------------------------------------------------------
# Issue 13's goals on this world: precision >= 0.99, recall >= 0.95, relation accuracy >= 0.90,
# independent same-event reports never linked. Seed 0 measures today precision 1.000 (155/155),
# recall 0.986, relation accuracy 0.941 to 0.957 (from crawl to crawl), confident links all
# right; the floors sit a little below.


class TestWorld(CopyWorldTests, WorldTests):
    """The linker's floors on this world (its time is `benchmarks/aggregator_world.py`'s)."""

    # Copies of an original that is not archived (never linked, gone, barred by robots.txt)
    # were tied to a sibling copy on a host not known as a copier: no longer.
    precision = 0.99
    recall = 0.96
    # Long excerpts (all but the last paragraphs) and copies of since-updated originals are
    # the ones called wrong (verbatim <-> excerpt).
    relation_accuracy = 0.93

    def test_confident_links_are_right(self, result: Score) -> None:
        # Goal: of links with confidence >= 0.9, at least 99% right, over every record.
        assert result.named_confident >= 80
        share = result.named_confident_right / result.named_confident
        assert share >= 0.98, report(result)
