"""The words of a link that says "this is where the text came from".

Shared by the spider (which follows such links to archive the original too), the extract
stage (which keeps them in `links_out`) and the provenance stage (which reads them as a
copy's pointer to its original).
"""

from __future__ import annotations

import re

SOURCE_ANCHOR = re.compile(
    r"(source( link|:.{1,60})?|original( article| story| source)?"
    r"|originally published( (at|on|by|in) .{1,60})?"
    r"|read (more|(the )?(full|original) (story|article))|continue reading|full (story|article)"
    r"|via\b.{1,40})\W*",
    re.IGNORECASE,
)


def is_source_anchor(text: str) -> bool:
    """Whether a link's whole text is one of the source-pointing phrases."""
    return SOURCE_ANCHOR.fullmatch(" ".join(text.split())) is not None
