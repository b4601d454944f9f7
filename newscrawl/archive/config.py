"""The archive stage's settings, parsed once from Scrapy settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.archive.state import STATE_FILE
from newscrawl.archive.writer import COMPRESSORS, timestamp14
from newscrawl.profile import PLAIN_NAME, ProfileError

if TYPE_CHECKING:
    from typing import Self

    from scrapy.settings import BaseSettings


@dataclass(frozen=True)
class WarcConfig:
    """Where and how WARC files are written (see `newscrawl.settings` for each default)."""

    folder: Path
    run_id: str
    prefix: str
    collection: str
    max_size: int
    gzip: str
    gzip_level: int
    answer_delay: float
    operator: str
    wacz: bool
    incremental: bool

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        """Read the NEWSCRAWL_* settings; the collection names the sub-folder of the run,
        and a run without a NEWSCRAWL_RUN_ID is named PREFIX-YYYYMMDDhhmmss (now, UTC)."""
        prefix = _plain(settings, "NEWSCRAWL_WARC_PREFIX")
        collection = _plain(settings, "NEWSCRAWL_COLLECTION") or prefix
        started = timestamp14(datetime.now(UTC))
        gzip, level = _gzip(settings)
        return cls(
            folder=Path(settings.get("NEWSCRAWL_ARCHIVE_DIR")) / collection,
            run_id=_plain(settings, "NEWSCRAWL_RUN_ID") or f"{prefix}-{started}",
            prefix=prefix,
            collection=collection,
            max_size=settings.getint("NEWSCRAWL_WARC_MAX_SIZE"),
            gzip=gzip,
            gzip_level=level,
            answer_delay=settings.getfloat("NEWSCRAWL_WARC_ANSWER_DELAY"),
            operator=settings.get("NEWSCRAWL_OPERATOR"),
            wacz=settings.getbool("NEWSCRAWL_WACZ"),
            incremental=settings.getbool("NEWSCRAWL_INCREMENTAL"),
        )

    def run_file(self, suffix: str) -> Path:
        """A file of this run next to its WARCs: `<run-id><suffix>`."""
        return self.folder / f"{self.run_id}{suffix}"

    @property
    def state_path(self) -> Path:
        """The collection's crawl state, shared by its runs."""
        return self.folder / STATE_FILE


def _plain(settings: BaseSettings, name: str) -> str:
    """A setting that names files or the run's folder: a plain name, so that nothing is
    written outside the archive folder."""
    value = str(settings.get(name) or "")
    if value and not PLAIN_NAME.fullmatch(value):
        raise ProfileError(
            f"{name}={value!r} must be a plain file name: letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (no '/')"
        )
    return value


def _gzip(settings: BaseSettings) -> tuple[str, int]:
    """NEWSCRAWL_WARC_GZIP and its level, checked before any file is opened."""
    library, level = (
        settings.get("NEWSCRAWL_WARC_GZIP"),
        settings.getint("NEWSCRAWL_WARC_GZIP_LEVEL"),
    )
    if library not in COMPRESSORS:
        choices = " or ".join(f'"{name}"' for name in COMPRESSORS)
        raise ProfileError(f"NEWSCRAWL_WARC_GZIP={library!r} is not a gzip library: use {choices}")
    levels = COMPRESSORS[library][1]
    if level not in levels:
        raise ProfileError(
            f"NEWSCRAWL_WARC_GZIP_LEVEL={level} is out of {library}'s range: "
            f"use {levels.start}-{levels.stop - 1}"
        )
    return library, level
