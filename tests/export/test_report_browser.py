"""The report in a real headless Chromium: open the CNBC story, see the autoblog copy marked
`spun` with its evidence, click its replay link and see pywb serve the archived page; the
page whose title carries a script shows it as text and runs nothing. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo import world
from tests.conftest import ROOT, missing, run_newscrawl, running_pywb

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# As this workplace's probe starts it: no sandbox (root), no background network traffic.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (bash .ci/run installs it)")
    if not Path(CHROMIUM).exists():
        missing("chromium is not installed (bash .ci/run installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_with_replay(
    demo_archive: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    with running_pywb(demo_archive, tmp_path_factory.mktemp("pywb-report")) as base:
        out = tmp_path_factory.mktemp("report-browser")
        done = run_newscrawl("report", str(demo_archive), "--out", str(out), "--replay-url", base)
        assert done.returncode == 0, done.stderr
        yield out


def test_spun_copy_and_its_replay_in_a_browser(browser: Browser, report_with_replay: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((report_with_replay / "index.html").as_uri())
    page.get_by_role("link", name="Blinken meets Chinese Foreign Minister Qin Gang").first.click()
    row = page.locator(f'tr[data-url="{world.AUTOBLOG_COPY}"]')
    assert "spun" in row.inner_text()
    assert "source-link" in row.inner_text() and "text-reuse" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "report-cnbc-cluster.png"), full_page=True)
    row.locator("a.replay").click()
    page.wait_for_load_state("networkidle")
    texts = [frame.content() for frame in page.frames]
    assert any("Source link" in text and "Overseas Minister" in text for text in texts)
    page.screenshot(path=str(ARTIFACTS / "report-replay-autoblog.png"), full_page=True)
    assert dialogs == []


def test_a_title_with_a_script_is_shown_as_text(browser: Browser, report_with_replay: Path) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown = False
    for html in sorted(report_with_replay.glob("*.html")):
        page.goto(html.as_uri())
        shown |= '<script>alert("xss")</script>' in page.locator("body").inner_text()
    assert shown, "the title is on some page, as text"
    assert dialogs == [], "no script from a scraped page ran"
