"""What the tests of the two aggregator worlds share: the checks any world passes, the score
of its live run, and the targets the linker must reach there.

A world's test module defines its `world` fixture (one world a seed) and its `run` fixture (a
live run, `tests.worlds.live.live_run`), and subclasses `WorldTests` as `TestWorld` with its
own floors.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, ClassVar

import pytest

from newscrawl.demo.responses import normalize
from tests.worlds.scoring import Score, report, score

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tests.worlds.live import Run


def visible_text(body: bytes) -> str:
    """A page's text as a reader sees it, roughly: no head, scripts or tags, spaces folded."""
    text = re.sub(r"<(script|style|head)\b.*?</\1>", " ", body.decode(), flags=re.S)
    text = re.sub(r"</?(p|div|li|h\d|br)\b[^>]*>", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def changed(before: Sequence[str], after: Sequence[str]) -> float:
    """The share of words that differ between two texts (paragraphs), in order."""
    a, b = " ".join(before).split(), " ".join(after).split()
    return 1 - SequenceMatcher(None, a, b, autojunk=False).ratio()


class WorldTests:
    """The tests every world passes. A subclass sets its run's time limit and the floors of
    the linker's figures on its world."""

    seconds: ClassVar[float]  # the crawl and the link together
    precision: ClassVar[float]
    recall: ClassVar[float]
    relation_accuracy: ClassVar[float]

    @pytest.fixture(scope="class")
    @classmethod
    def result(cls, run: Run) -> Score:
        assert run.crawl.returncode == 0, run.crawl.stderr[-3000:]
        assert run.link.returncode == 0, run.link.stderr[-3000:]
        return score(run.world.truth, run.records)

    # -- the world --------------------------------------------------------------------------

    def test_world_is_the_same_for_a_seed_and_differs_between_seeds(self, world: Any) -> None:
        again = type(world)(world.seed)
        assert again.truth == world.truth
        assert {u: r.body for u, r in again.resources.items()} == {
            u: r.body for u, r in world.resources.items()
        }
        assert type(world)(world.seed + 10).truth != world.truth

    def test_every_copy_page_holds_its_text_and_only_feeds_are_seeds(self, world: Any) -> None:
        feeds = "".join(world.resources[normalize(f)].body.decode() for f in world.feeds)
        for copy in world.copies:
            page = world.resources[normalize(copy.url)]
            assert page.status == 200
            text = visible_text(page.body)
            for paragraph in copy.paragraphs:
                assert " ".join(paragraph.split()) in text, (copy.url, paragraph[:60])
            if copy.site:
                assert html.escape(copy.url) in feeds
        for story in world.stories:
            assert story.url not in feeds

    # -- the live run -----------------------------------------------------------------------

    def test_run_time(self, run: Run) -> None:
        assert run.crawl_seconds + run.link_seconds < self.seconds

    # -- the targets ------------------------------------------------------------------------

    def test_precision(self, result: Score) -> None:
        assert result.precision >= self.precision, report(result)

    def test_recall(self, result: Score) -> None:
        assert result.recall >= self.recall, report(result)

    def test_relation_accuracy(self, result: Score) -> None:
        assert result.relation_accuracy >= self.relation_accuracy, report(result)

    def test_no_same_event_report_is_linked_to_the_other(self, result: Score) -> None:
        assert result.same_event_links == [], result.same_event_links
