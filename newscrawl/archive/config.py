"""The archive stage's settings, parsed once from Scrapy settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Self

    from scrapy.settings import BaseSettings


@dataclass(frozen=True)
class WarcConfig:
    """Where and how WARC files are written (see `newscrawl.settings` for each default)."""

    folder: Path
    prefix: str
    collection: str
    max_size: int
    gzip_level: int
    queue_size: int
    operator: str
    wacz: bool

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        """Read the NEWSCRAWL_* settings; the collection names the sub-folder of the run."""
        prefix = settings.get("NEWSCRAWL_WARC_PREFIX")
        collection = settings.get("NEWSCRAWL_COLLECTION") or prefix
        return cls(
            folder=Path(settings.get("NEWSCRAWL_ARCHIVE_DIR")) / collection,
            prefix=prefix,
            collection=collection,
            max_size=settings.getint("NEWSCRAWL_WARC_MAX_SIZE"),
            gzip_level=settings.getint("NEWSCRAWL_WARC_GZIP_LEVEL"),
            queue_size=settings.getint("NEWSCRAWL_WARC_QUEUE_SIZE"),
            operator=settings.get("NEWSCRAWL_OPERATOR"),
            wacz=settings.getbool("NEWSCRAWL_WACZ"),
        )
