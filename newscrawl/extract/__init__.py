"""Understand: HTML page -> clean `Article` (text, metadata, body links, credits)."""

from newscrawl.extract.article import extract_article
from newscrawl.extract.charset import decode_html

__all__ = ["decode_html", "extract_article"]
