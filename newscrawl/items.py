"""Records that flow out of the spider (plain dataclasses, handled through ItemAdapter)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    """One HTML page the spider parsed: what the archive stage needs to describe it."""

    url: str
    status: int
    title: str = ""
    is_article: bool = False
    depth: int = 0
    referer: str | None = None
    outlinks: list[str] = field(default_factory=list)
    download_latency: float | None = None
    html: str = ""
    content_type: str = ""
    # Where the archive stage wrote the response (filled in by WarcArchiver).
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_record_id: str | None = None
    payload_digest: str | None = None
    fetched_at: str | None = None
