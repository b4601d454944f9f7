"""The crawl freezes start-up's objects while its engine runs, and lets them go after."""

from __future__ import annotations

import gc

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.conf import build_component_list
from scrapy.utils.test import get_crawler

from newscrawl.gcfreeze import FreezeStartup


def freezer() -> FreezeStartup:
    return FreezeStartup.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_GC_FREEZE": True}))


def test_start_up_objects_are_frozen_while_the_engine_runs() -> None:
    freezing = freezer()
    alive = object.__new__(type("Alive", (), {}))  # tracked, so it is frozen with the rest
    try:
        freezing.engine_started()
        assert gc.get_freeze_count() > 1000
        assert not any(o is alive for o in gc.get_objects(generation=2))
    finally:
        freezing.engine_stopped()
    assert gc.get_freeze_count() == 0
    assert any(o is alive for o in gc.get_objects())


def test_with_two_crawlers_the_last_engine_to_stop_unfreezes() -> None:
    first, second = freezer(), freezer()
    first.engine_started()
    frozen = gc.get_freeze_count()
    try:
        second.engine_started()
        assert gc.get_freeze_count() == frozen, "the second crawler's start freezes no more"
        first.engine_stopped()
        assert gc.get_freeze_count() == frozen, "the second crawler still runs"
    finally:
        second.engine_stopped()
    assert gc.get_freeze_count() == 0


def test_an_engine_that_never_started_unfreezes_nothing() -> None:
    running, failed = freezer(), freezer()
    running.engine_started()
    try:
        failed.engine_stopped()
        assert gc.get_freeze_count() > 0
    finally:
        running.engine_stopped()
    assert gc.get_freeze_count() == 0


def test_it_can_be_switched_off() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_GC_FREEZE": False})
    with pytest.raises(NotConfigured):
        FreezeStartup.from_crawler(crawler)


def test_the_add_on_enables_it() -> None:
    crawler = get_crawler(settings_dict={"ADDONS": {"newscrawl.addon.NewscrawlAddon": 0}})
    assert FreezeStartup in build_component_list(crawler.settings.getwithbase("EXTENSIONS"))
    assert crawler.settings.getbool("NEWSCRAWL_GC_FREEZE")
