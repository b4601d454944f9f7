"""The words of a link that says "this is where the text came from".

Shared by the spider (which follows such links to archive the original too) and the
extract stage (which keeps them in `links_out` for the provenance stage).
"""

from __future__ import annotations

import re

SOURCE_ANCHOR = re.compile(
    r"(source( link)?|original( article| story| source)?|read (more|the (full|original) "
    r"(story|article))|continue reading|full (story|article)|via\b.{1,40})\W*",
    re.IGNORECASE,
)


def is_source_anchor(text: str) -> bool:
    """Whether a link's whole text is one of the source-pointing phrases."""
    return SOURCE_ANCHOR.fullmatch(" ".join(text.split())) is not None
