"""What both worlds' copiers need of prose, whatever they do to it: words and sentences as
they split it, a swapped word in the case of the one it replaces, the capitalised words that
are not names, a paragraph cut short, and a text told again with other names.

Every function that draws takes a `random.Random`, so a world built from one seed is the same
each time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random
    from collections.abc import Mapping, Sequence

# Words and what lies between them, so that "".join(tokens) gives the text back.
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^A-Za-z]+")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_CLAUSE_WORDS = (
    "The This That These Those There Their They When What Where Which While With From After "
    "Before But And For Its His Her Our Your Not Now Then One Many Some Most More If In On At "
    "As It He She We You How Why Who All Also Yet So Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October "
    "November December Mr Mrs Ms Dr"
)
# Capitalised words that open clauses (or are days, months, titles), not names.
CLAUSE_WORDS = frozenset(_CLAUSE_WORDS.split())


def match_case(word: str, like: str) -> str:
    """`word` in the case of `like`, the word it replaces."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (a plain splitter, good enough for news prose)."""
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def shortened(paragraph: str, rng: random.Random, lengths: Sequence[int] = (2,)) -> str:
    """A paragraph of more than two sentences cut to a run of them from a random start, as many
    as one of `lengths` (drawn when there is a choice); a shorter paragraph as it is."""
    parts = sentences(paragraph)
    if len(parts) > 2:
        start = rng.randrange(len(parts) - 1)
        length = rng.choice(lengths) if len(lengths) > 1 else lengths[0]
        parts = parts[start : start + length]
    return " ".join(parts)


def retold(paragraphs: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """`paragraphs` with each name of `names` (whole words) swapped for the one it maps to."""
    told = []
    for paragraph in paragraphs:
        text = paragraph
        for old, new in names.items():
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        told.append(text)
    return told
