"""An article forwarded in an e-mail, as a mailing list's archive or a webmail view shows
it: the sender's note, the "Forwarded message" mark and the headers (From, Date, Subject),
the article, then the sender's signature after the "-- " line. The mark says where the
article starts and the signature where it ends."""

from __future__ import annotations

import re

from newscrawl.extract.tree import ARTICLE_LENGTH

# The line a mail client writes over a forwarded message (Thunderbird, Gmail, Outlook, Apple
# Mail; in German and French too).
_FORWARDED = re.compile(
    r"-{2,} ?(?:forwarded|original|weitergeleitete|message transféré|mensaje reenviado)"
    r" (?:message|nachricht|message|mensaje)? ?-{2,}|begin forwarded message:"
    r"|-{2,} ?message (?:transféré|d'origine) ?-{2,}",
    re.IGNORECASE,
)
# The forwarded message's headers, right after that line.
_HEADER = re.compile(
    r"(?:from|to|cc|date|sent|subject|reply-to|von|an|datum|gesendet|betreff|de|à|objet"
    r"|envoyé|para|asunto|fecha|enviado)\s*:\s.*",
    re.IGNORECASE,
)
# The signature separator ("-- "), on a line of its own.
_SIGNATURE = "--"


def forwarded_only(paragraphs: list[str]) -> list[str]:
    """The paragraphs from the forwarded message's first line after its headers to the
    line before the sender's signature, where a forwarded-message mark follows no more
    than a note's worth of text; else the paragraphs."""
    lines = [(i, line) for i, p in enumerate(paragraphs) for line in p.splitlines()]
    mark = next(
        (n for n, (_, line) in enumerate(lines) if _FORWARDED.fullmatch(line.strip())), None
    )
    if mark is None or sum(len(line) for _, line in lines[:mark]) >= ARTICLE_LENGTH:
        return paragraphs
    start = mark + 1
    while start < len(lines) and _HEADER.fullmatch(lines[start][1].strip()):
        start += 1
    end = next(
        (n for n in range(start, len(lines)) if lines[n][1].strip() == _SIGNATURE), len(lines)
    )
    kept: dict[int, list[str]] = {}
    for i, line in lines[start:end]:
        kept.setdefault(i, []).append(line)
    return ["\n".join(own) for own in kept.values()]
