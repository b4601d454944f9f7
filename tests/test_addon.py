"""The add-on adds newscrawl's components where a project has not placed them itself."""

from __future__ import annotations

from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from newscrawl.addon import DOWNLOADER_MIDDLEWARES, EXTENSIONS, ITEM_PIPELINES

ADDON = {"newscrawl.addon.NewscrawlAddon": 0}
EXTRACT = "newscrawl.extract.pipeline.ExtractPipeline"
ARCHIVER = "newscrawl.archive.archiver.WarcArchiver"
PROGRESS = "newscrawl.progress.Progress"


def orders(setting: dict[object, int | None]) -> dict[type, int | None]:
    """A component priority dict keyed by class, whether its keys were paths or classes."""
    return {load_object(key): order for key, order in setting.items()}


def test_a_project_s_choices_for_newscrawl_components_survive_the_add_on() -> None:
    crawler = get_crawler(
        settings_dict={
            "ADDONS": ADDON,
            "ITEM_PIPELINES": {EXTRACT: None},
            "EXTENSIONS": {PROGRESS: 900},
        }
    )
    pipelines = orders(crawler.settings.getdict("ITEM_PIPELINES"))
    extensions = orders(crawler.settings.getdict("EXTENSIONS"))
    assert pipelines[load_object(EXTRACT)] is None
    assert extensions[load_object(PROGRESS)] == 900
    # What Scrapy builds from them: no extraction, the archiver still there.
    built = build_component_list(crawler.settings.getwithbase("ITEM_PIPELINES"))
    assert load_object(EXTRACT) not in built
    assert load_object(ARCHIVER) in built


def test_without_project_choices_every_component_gets_the_add_on_s_order() -> None:
    crawler = get_crawler(settings_dict={"ADDONS": ADDON})
    for setting, components in (
        ("EXTENSIONS", EXTENSIONS),
        ("ITEM_PIPELINES", ITEM_PIPELINES),
        ("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
    ):
        expected = {load_object(path): order for path, order in components.items()}
        assert orders(crawler.settings.getdict(setting)) == expected


def test_a_component_named_by_its_class_in_the_project_is_not_added_twice() -> None:
    archiver = load_object(ARCHIVER)
    crawler = get_crawler(settings_dict={"ADDONS": ADDON, "ITEM_PIPELINES": {archiver: 50}})
    pipelines = crawler.settings.getdict("ITEM_PIPELINES")
    assert pipelines[archiver] == 50
    assert ARCHIVER not in pipelines
