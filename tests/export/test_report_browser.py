"""The report in a real headless Chromium: open the CNBC story, see the autoblog copy marked
`spun` with its evidence, click its replay link and see pywb serve the archived page; the
page whose title carries a script shows it as text and runs nothing. Screenshots, taken
whether the assertions pass or fail, go to test-artifacts/ at the top of the repository."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo import world
from tests.export.conftest import ARTIFACTS
from tests.helpers import run_newscrawl, running_pywb

XSS_TITLE = 'Researchers find <script>alert("xss")</script> and <img src=x onerror=alert(1)>'

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Page


@pytest.fixture(scope="module")
def report_with_replay(
    demo_archive: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    """The demo report, its replay links pointing at a pywb serving the demo run; yields the
    report folder and pywb's base URL."""
    with running_pywb(demo_archive, tmp_path_factory.mktemp("pywb-report")) as base:
        out = tmp_path_factory.mktemp("report-browser")
        done = run_newscrawl("report", str(demo_archive), "--out", str(out), "--replay-url", base)
        assert done.returncode == 0, done.stderr
        yield out, base


def watch_dialogs(page: Page) -> list[str]:
    """The messages of every alert, confirm or prompt the page opens (each one dismissed)."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def test_spun_copy_and_its_replay_in_a_browser(
    page: Page, report_with_replay: tuple[Path, str]
) -> None:
    report, base = report_with_replay
    dialogs = watch_dialogs(page)
    page.goto((report / "index.html").as_uri())
    page.get_by_role("link", name="Blinken meets Chinese Foreign Minister Qin Gang").first.click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-cnbc-cluster.png"), full_page=True)
    row = page.locator(f'tr[data-url="{world.AUTOBLOG_COPY}"]')
    assert row.locator(".relation").inner_text() == "spun"
    kinds = set(row.locator("ul.evidence .kind").all_inner_texts())
    assert kinds >= {"source-link", "text-reuse"}
    row.locator("a.replay").click()
    page.wait_for_load_state("networkidle")
    assert re.fullmatch(
        re.escape(f"{base}/demo/") + r"\d{14}/" + re.escape(world.AUTOBLOG_COPY), page.url
    ), page.url
    texts = [frame.content() for frame in page.frames]
    assert any("Source link" in text and "Overseas Minister" in text for text in texts)
    assert dialogs == []


def test_a_title_with_a_script_is_shown_as_text(
    page: Page, report_with_replay: tuple[Path, str]
) -> None:
    report, _base = report_with_replay
    dialogs = watch_dialogs(page)
    showing = []
    for html in sorted(report.glob("*.html")):
        page.goto(html.as_uri())
        if XSS_TITLE in page.locator("body").inner_text():
            showing.append(html)
    assert showing, "the title is on some page, as text"
    assert dialogs == [], "no script from a scraped page ran"
    page.goto(showing[0].as_uri())  # for the screenshot
    assert page.locator("img").count() == 0
    assert dialogs == []
