"""The crawl freezes start-up's objects while its engine runs, and lets them go after."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.conf import build_component_list
from scrapy.utils.test import get_crawler

from newscrawl.gcfreeze import FreezeStartup

if TYPE_CHECKING:
    from collections.abc import Iterator


class Tracked:
    """An object the garbage collector tracks (it has a __dict__)."""


def frozen(obj: object) -> bool:
    """Whether the collector no longer looks at `obj`: it is in no generation (frozen).
    Counts are no measure of this: a frozen object that dies leaves the frozen count."""
    return not any(o is obj for o in gc.get_objects())


@pytest.fixture(autouse=True)
def nothing_frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with no engine counted and nothing frozen, and leaves it so even when
    it fails half-way."""
    monkeypatch.setattr(FreezeStartup, "engines", 0)
    gc.unfreeze()
    yield
    gc.unfreeze()


def freezer() -> FreezeStartup:
    return FreezeStartup.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_GC_FREEZE": True}))


def test_start_up_objects_are_frozen_while_the_engine_runs() -> None:
    freezing, alive = freezer(), Tracked()
    freezing.engine_started()
    assert frozen(alive)
    assert gc.get_freeze_count() > 1000, "start-up's modules and classes are frozen too"
    freezing.engine_stopped()
    assert not frozen(alive)
    assert gc.get_freeze_count() == 0


def test_with_two_crawlers_the_last_engine_to_stop_unfreezes() -> None:
    first, second = freezer(), freezer()
    before = Tracked()
    first.engine_started()
    between = Tracked()
    second.engine_started()
    assert frozen(before)
    assert not frozen(between), "the second crawler's start freezes no more"
    first.engine_stopped()
    assert frozen(before), "the second crawler still runs"
    second.engine_stopped()
    assert not frozen(before)


def test_an_engine_that_never_started_unfreezes_nothing() -> None:
    running, failed = freezer(), freezer()
    alive = Tracked()
    running.engine_started()
    failed.engine_stopped()
    assert frozen(alive)
    running.engine_stopped()
    assert not frozen(alive)


def test_it_can_be_switched_off() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_GC_FREEZE": False})
    with pytest.raises(NotConfigured):
        FreezeStartup.from_crawler(crawler)


def test_the_add_on_enables_it() -> None:
    crawler = get_crawler(settings_dict={"ADDONS": {"newscrawl.addon.NewscrawlAddon": 0}})
    assert FreezeStartup in build_component_list(crawler.settings.getwithbase("EXTENSIONS"))
    assert crawler.settings.getbool("NEWSCRAWL_GC_FREEZE")
