"""Progress: a live line on a terminal, plain log lines when the output is not a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.demo.generated import GeneratedSite
from newscrawl.demo.server import DemoServer
from tests.helpers import generated_site_profile, run_newscrawl, run_on_a_terminal

if TYPE_CHECKING:
    from pathlib import Path


def test_a_terminal_gets_a_live_line_and_a_pipe_gets_log_lines(tmp_path: Path) -> None:
    site = GeneratedSite(400, page_size=4000, links=8, delay=0.01)
    slow = ["-s", "NEWSCRAWL_EXTRACT=false", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "progress", site, server.proxy_url)
        shown = run_on_a_terminal("crawl", str(profile), "--out", str(tmp_path / "tty"), *slow)
        piped = run_newscrawl(
            "crawl", str(profile), "--out", str(tmp_path / "pipe"), *slow,
            "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0.5",
        )  # fmt: skip
    assert "crawling" in shown, "the live line is drawn"
    assert "\x1b[" in shown, "with the terminal's control sequences"
    assert "pages (" in shown and "MB archived" in shown
    assert "finished" in shown, "the log still reaches the terminal"
    assert piped.returncode == 0, piped.stderr
    assert "crawling" not in piped.stderr and "\x1b[" not in piped.stderr
    assert piped.stderr.count("pages (") >= 2, "plain progress lines while it runs"


def test_a_wrong_progress_mode_names_the_choices(tmp_path: Path) -> None:
    profile = generated_site_profile(tmp_path, "p", GeneratedSite(2), "http://127.0.0.1:9")
    result = run_newscrawl("crawl", str(profile), "-s", "NEWSCRAWL_PROGRESS=bar")
    assert result.returncode == 2
    assert "use auto, live or lines" in result.stderr


def test_verbose_shows_the_log_and_a_log_file_keeps_all_of_it(tmp_path: Path) -> None:
    site = GeneratedSite(20, page_size=2000, links=4)
    with DemoServer(site) as server:
        profile = generated_site_profile(tmp_path, "verbosity", site, server.proxy_url)
        quiet = run_newscrawl(
            "crawl", str(profile), "--out", str(tmp_path / "a"),
            "--log-file", str(tmp_path / "full.log"),
        )  # fmt: skip
        verbose = run_newscrawl("crawl", str(profile), "--out", str(tmp_path / "b"), "-v")
        debug = run_newscrawl("crawl", str(profile), "--out", str(tmp_path / "c"), "-vv")
    assert quiet.returncode == verbose.returncode == debug.returncode == 0, quiet.stderr
    assert "Spider opened" not in quiet.stderr and "Overridden settings" not in quiet.stderr
    assert "pages (" in quiet.stderr, "newscrawl's own progress lines still show"
    log = (tmp_path / "full.log").read_text()
    assert "Overridden settings" in log and "Dumping Scrapy stats" in log
    assert "DEBUG" not in log, "the file gets the log at LOG_LEVEL (INFO)"
    assert "[scrapy.core.engine] INFO: Spider opened" in verbose.stderr
    assert "DEBUG: Crawled (200)" not in verbose.stderr
    assert "DEBUG: Crawled (200)" in debug.stderr


def test_a_wrong_flag_names_the_fix() -> None:
    result = run_newscrawl("crawl", "demo", "--outt", "x")
    assert result.returncode == 2
    assert "No such option: --outt" in result.stderr or "No such option '--outt'" in result.stderr
    assert "Did you mean '--out'?" in result.stderr


def test_the_old_spelling_of_the_world_option_names_the_new_one() -> None:
    result = run_newscrawl("demo", "--version", "first")
    assert result.returncode == 2
    assert "the demo world's is --world" in result.stderr
    assert "Did you mean" not in result.stderr
