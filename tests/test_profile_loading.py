"""Crawl profiles: good ones load, bad ones fail with a message that names the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from newscrawl.profile import ProfileError, load_profile

if TYPE_CHECKING:
    from pathlib import Path

GOOD = """
name = "t"
[seeds]
feeds = ["http://www.example.com/feed.xml"]
[scope]
allowed_domains = ["example.com"]
article_patterns = ['/20\\d\\d/']
max_depth = 3
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_profile_sets_scrapy_settings(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, GOOD))
    assert profile.seeds.feeds == ("http://www.example.com/feed.xml",)
    settings = profile.scrapy_settings()
    assert settings["DEPTH_LIMIT"] == 4, "pages stop at 3, their images one hop later"
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["NEWSCRAWL_WARC_PREFIX"] == "t"


def test_demo_profile_is_found_by_name() -> None:
    profile = load_profile("demo")
    assert profile.name == "demo"
    assert profile.network.proxy.startswith("http://127.0.0.1:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD.replace("max_depth", "max_dept"),
            "unknown key scope.'max_dept'; did you mean scope.'max_depth'",
        ),
        (GOOD + "\n[sedes]\n", "unknown key 'sedes'; did you mean 'seeds'"),
        (
            GOOD.replace("http://www.example.com/feed.xml", "www.example.com/feed"),
            "is not an absolute http(s) URL",
        ),
        (GOOD.replace("/20\\d\\d/", "(unclosed"), "is not a valid regex"),
        (GOOD.replace("max_depth = 3", "max_depth = -1"), "must be a number >= 0"),
        (GOOD.replace("max_depth = 3", 'max_depth = "3"'), "must be a number >= 0"),
        ('name = "t"\n', "[seeds] needs at least one of feeds, sitemaps, start_urls"),
        ("name = [", "not valid TOML"),
    ],
)
def test_bad_profile_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile(write(tmp_path, text))
    assert message in str(info.value)
    assert "p.toml" in str(info.value)


def test_missing_profile_lists_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"does not exist; known profiles: .*demo"):
        load_profile(tmp_path / "nope.toml")


def test_cli_names_the_profile_problem_and_exits_2(tmp_path: Path) -> None:
    from tests.helpers import run_newscrawl

    bad = write(tmp_path, GOOD.replace("max_depth", "max_dept"))
    done = run_newscrawl("crawl", str(bad), "--out", str(tmp_path))
    assert done.returncode == 2
    assert "did you mean scope.'max_depth'" in done.stderr
    assert not list(tmp_path.rglob("*.warc.gz")), "nothing is fetched"
