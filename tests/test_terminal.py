"""What `newscrawl demo` shows a person: on a terminal, a live line and then the copies it
found, in a few dozen lines; through a pipe, plain lines; the whole log only where asked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.demo import world
from tests.helpers import run_on_a_terminal, visible

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

# What must never reach a person's screen by default: Scrapy's dumps, DEBUG records, HTML.
NOISE = ("Overridden settings", "Enabled downloader middlewares", "DEBUG", "Dumping Scrapy stats")
HTML = re.compile(r"<(/?[a-z]+[ >/]|!doctype)", re.IGNORECASE)


def seed_copy_lines(text: str) -> dict[str, str]:
    """The line naming each seed copy (by its URL without scheme and www., as the demo
    shows it), for the seed copies that have one."""
    found = {}
    for url in world.SEED_COPIES.values():
        start = re.sub(r"^https?://(www\.)?", "", url)[:20]
        lines = [line for line in text.splitlines() if start in line]
        if lines:
            found[url] = lines[0]
    return found


def test_the_demo_on_a_terminal_is_short_and_ends_with_the_copies(tmp_path: Path) -> None:
    raw = run_on_a_terminal("demo", "--out", str(tmp_path / "archives"), "--world", "first")
    shown = visible(raw)
    assert raw.count("\n") < 60, shown
    assert "crawling" in shown and "pages (" in shown, "the live line was drawn"
    for noise in NOISE:
        assert noise not in shown
    assert not HTML.search(shown), HTML.search(shown)
    table = shown[shown.index("copies and their originals") :]
    rows = seed_copy_lines(table)
    assert set(rows) == set(world.SEED_COPIES.values()), table
    autoblog = rows[world.AUTOBLOG_COPY]
    assert "spun" in autoblog and "cnbc.com/2023/06/18/" in autoblog
    assert "source-link" in autoblog, "its key evidence: the Source link to CNBC"
    assert "verbatim" in rows[world.CNJ_COPY]
    for where in ("demo-provenance.jsonl", ".wacz", "demo-dataset", "index.html", "replay"):
        assert where in table


def test_the_demo_through_a_pipe_prints_plain_lines(
    demo_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _folder, result = demo_run
    assert result.returncode == 0, result.stderr
    shown = result.stderr
    assert "\x1b[" not in shown and "\r" not in shown, "no redraws, no colours"
    assert "crawling " not in shown, "no live line"
    assert shown.count("\n") < 60, shown
    for noise in NOISE:
        assert noise not in shown
    assert not HTML.search(shown)
    assert re.search(r"\[newscrawl\.progress\] INFO: \d+ pages \(", shown), "progress lines"
    copies = seed_copy_lines(shown[shown.index(" copies:") :])
    assert set(copies) == set(world.SEED_COPIES.values()), shown
    assert re.search(r"spun 0\.\d\d of cnbc\.com/2023/06/18/", copies[world.AUTOBLOG_COPY])
    assert "where it is:" in shown
