"""What the tests of the aggregator worlds share: the checks any world passes, those of the
worlds of stories and copies (2 and 3), the score of a live run, and the targets the linker
must reach there.

A world's test module defines its `world` fixture (one world a seed, `world_fixture`) and its
`run` fixture (a live run, `run_fixture` or `tests.worlds.live.live_run`), and subclasses
`WorldTests` as `TestWorld` with its own floors (or only `WorldShapeTests`, with no floors).
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, ClassVar

import pytest

from newscrawl.demo.responses import normalize
from tests.worlds.live import live_run
from tests.worlds.scoring import Score, report, score

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tests.worlds.live import Run
    from tests.worlds.serving import World


def visible_text(body: bytes) -> str:
    """A page's text as a reader sees it, roughly: no head, scripts or tags, spaces folded."""
    text = re.sub(r"<(script|style|head)\b.*?</\1>", " ", body.decode(), flags=re.S)
    text = re.sub(r"</?(p|div|li|h\d|br)\b[^>]*>", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def changed(before: Sequence[str], after: Sequence[str]) -> float:
    """The share of words that differ between two texts (paragraphs), in order."""
    a, b = " ".join(before).split(), " ".join(after).split()
    return 1 - SequenceMatcher(None, a, b, autojunk=False).ratio()


def world_fixture(build: Callable[[int], World[Any, Any]], seeds: Sequence[int] = (0, 1)) -> Any:
    """A test module's `world` fixture: the world `build` makes of each of `seeds`."""

    @pytest.fixture(scope="module", params=seeds)
    def world(request: pytest.FixtureRequest) -> World[Any, Any]:
        return build(request.param)

    return world


def run_fixture(build: Callable[[], World[Any, Any]], name: str) -> Any:
    """A test module's `run` fixture: one live run of the world `build` makes, in a folder
    named `name`."""

    @pytest.fixture(scope="module")
    def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
        return live_run(tmp_path_factory.mktemp(name), world=build())

    return run


class WorldShapeTests:
    """The checks of its own shape every world passes."""

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


class CopyWorldTests(WorldShapeTests):
    """The checks of the worlds of stories and copies (`tests.worlds.copying.CopyWorld`)."""

    def test_missing_originals_are_out_of_reach_and_the_others_are_linked(self, world: Any) -> None:
        pages = {c.url: world.resources[normalize(c.url)].body.decode() for c in world.copies}
        for story in world.stories:
            if story.missing == "unlinked":
                assert not any(story.url in page for page in pages.values()), story.url
            elif story.missing == "gone":
                assert world.resources[normalize(story.url)].status == 410
                assert any(story.url in page for page in pages.values())
            elif story.missing == "blocked":
                robots = world.resources[f"http://{story.outlet.host}/robots.txt"].body
                assert b"Disallow: /\n" in robots
            else:
                assert any(
                    world.is_sure_link(c) and story.url in pages[c.url] for c in story.copies
                ), story.url

    def test_same_event_reports_do_not_share_prose(self, world: Any) -> None:
        for story in (s for s in world.stories if s.event_of):
            shared = changed(story.event_of.text.paragraphs, story.text.paragraphs)
            assert shared > 0.8, (story.url, shared)


class WorldTests(WorldShapeTests):
    """The tests every world passes. A subclass sets its run's time limit and the floors of
    the linker's figures on its world."""

    precision: ClassVar[float]
    recall: ClassVar[float]
    relation_accuracy: ClassVar[float]

    @pytest.fixture(scope="class")
    @classmethod
    def result(cls, run: Run) -> Score:
        assert run.crawl.returncode == 0, run.crawl.stderr[-3000:]
        assert run.link.returncode == 0, run.link.stderr[-3000:]
        return score(run.world.truth, run.records)

    # -- the targets ------------------------------------------------------------------------

    def test_precision(self, result: Score) -> None:
        assert result.precision >= self.precision, report(result)

    def test_recall(self, result: Score) -> None:
        assert result.recall >= self.recall, report(result)

    def test_relation_accuracy(self, result: Score) -> None:
        assert result.relation_accuracy >= self.relation_accuracy, report(result)

    def test_no_same_event_report_is_linked_to_the_other(self, result: Score) -> None:
        assert result.same_event_links == [], result.same_event_links
