"""Text fingerprints that survive site chrome, excerpting and article spinning.

Views of one body: exact word 5-grams (verbatim reuse), the
function-word skeleton (every run of content words collapsed to one slot) whose 8-grams a
synonym spinner leaves mostly intact, because spinners swap content words and keep "of the",
"on a", "in"; the distinct content words (does a re-report talk about the same things?); and
one hash per paragraph (site chrome is the paragraphs a site repeats on its pages); the
names it mentions (a re-report names the people and places of its source; a copy may name
the site it took the text from).
Shingle sets are sorted uint32 arrays: a few KiB an article instead of a Python set's ~30.
They are derived from the body, which stays the reference: the word alignment of a verified
pair (`alignment.py`) sees what a copy did to the text, which no set of shingles shows.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

EXACT_N = 5
SKELETON_N = 8
MIN_CONTENT_CHARS = 3  # shorter non-function words ("mr", "us") say nothing about a story
_SLOT = "*"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NAME_TOKEN = re.compile(r"[^\W_]+")
# Capitalised words (Latin scripts) and what may join them in a name: "St. Mary's", "AT&T".
_CAPITAL = r"[A-ZÀ-ÖØ-Þ][^\W_]*"
_CAPITALISED_RUN = re.compile(rf"{_CAPITAL}(?:[\s.'’&-]+{_CAPITAL})*")
_NAME_RUN = 4  # longest run of capitalised words taken as one name
_MULTIPLIER = np.uint64(0x100000001B3)  # FNV prime: mixes one word's hash into an n-gram's
_SLOT_HASH = zlib.crc32(_SLOT.encode())
_FUNCTION, _CONTENT = 1 << 32, 1 << 33  # flags of a token's hash (see `_WordHashes`)
_KNOWN_WORDS = 1 << 18  # tokens whose hash a process keeps (~30 MiB)
# Characters that are never part of a word (nor an apostrophe), each made a space by a regex:
# str.translate is as fast on ASCII text only, and four times slower on any other.
_PUNCTUATION = re.compile(r'[,.;:!?()\[\]{}"“”‘«»—–\-/…_|*&%$#@+=<>~^\\]')
Hashes = npt.NDArray[np.uint32]


@cache
def function_words() -> frozenset[str]:
    """The function-word list shipped next to this module."""
    text = (Path(__file__).parent / "function_words.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes kept inside words."""
    # Whitespace and common punctuation split like any other non-word character; the chunks
    # left are mostly plain words, and only the others go through the regex.
    chunks = _PUNCTUATION.sub(" ", text.lower().replace("’", "'")).split()
    if "".join(chunks).isalnum():  # what [^\W_]+ matches (re's \w is isalnum() or "_")
        return chunks  # all plain words, as most paragraphs without an apostrophe are
    found: list[str] = []
    for chunk in chunks:
        if chunk.isalnum():
            found.append(chunk)
        else:
            found += _WORD.findall(chunk)
    return found


def paragraphs(text: str) -> list[tuple[int, list[str], str]]:
    """(hash, words, text) of each paragraph with words in it; the hash is blind to case,
    spacing and punctuation."""
    found = []
    for line in text.splitlines():
        if tokens := words(line):
            found.append((zlib.crc32(" ".join(tokens).encode()), tokens, line))
    return found


class _WordHashes(dict[str, int]):
    """crc32 of a token (stable across processes and Python versions, unlike hash()), with
    two flags above its 32 bits: a function word (`_FUNCTION`), a content word
    (`_CONTENT`). Computed once a process per token, up to `_KNOWN_WORDS` tokens."""

    def __missing__(self, token: str) -> int:
        if len(self) >= _KNOWN_WORDS:
            self.clear()
        value = zlib.crc32(token.encode())
        if token in function_words():
            value |= _FUNCTION
        elif len(token) >= MIN_CONTENT_CHARS:
            value |= _CONTENT
        self[token] = value
        return value


_HASHES = _WordHashes()


def shingles(hashes: npt.NDArray[np.uint64], n: int) -> Hashes:
    """Distinct hashed n-grams of a sequence of word hashes, sorted."""
    count = len(hashes) - n + 1
    if count <= 0:
        return np.empty(0, np.uint32)
    gram = hashes[:count].copy()  # polynomial hash of each window; uint64 arithmetic wraps
    for offset in range(1, n):
        gram *= _MULTIPLIER
        gram += hashes[offset : offset + count]
    gram ^= gram >> np.uint64(32)
    return _distinct(gram.astype(np.uint32))


def _distinct(values: Hashes) -> Hashes:
    """The distinct values, sorted: what np.unique gives, in a sixth of its time on the few
    hundred values of an article (it hashes them first)."""
    values.sort()
    kept = np.empty(len(values), bool)
    kept[:1] = True
    np.not_equal(values[1:], values[:-1], out=kept[1:])
    return values[kept]


def name_hash(name: str) -> int:
    """A name as compared: case, spaces, punctuation and a leading "the" ignored."""
    return _hash_of_name(_NAME_TOKEN.findall(name.casefold()))


def _hash_of_name(tokens: list[str]) -> int:
    """`name_hash` of a name's casefolded word tokens."""
    if tokens[:1] == ["the"]:
        tokens = tokens[1:]
    return zlib.crc32("".join(tokens).encode())


def mentions(text: str) -> frozenset[int]:
    """Every run of up to four capitalised words in `text`, hashed as a name ("The", "But"
    and other function words at a sentence's start are no names)."""
    found: set[int] = set()
    for run in _CAPITALISED_RUN.findall(text):
        found |= _RUN_NAMES[run]
    return frozenset(found)


class _RunNames(dict[str, frozenset[int]]):
    """The names of one run of capitalised words: a run ("President Joe Biden", "Reuters")
    comes back in article after article, so each is hashed once a process, up to
    `_KNOWN_WORDS` runs."""

    def __missing__(self, run: str) -> frozenset[int]:
        if len(self) >= _KNOWN_WORDS:
            self.clear()
        plain = function_words()
        tokens = _NAME_TOKEN.findall(run)
        # Each word's share of `name_hash` of a run of words: casefold works letter by
        # letter, so the name's tokens are those of its words, in order.
        folded = [_NAME_TOKEN.findall(token.casefold()) for token in tokens]
        named = [token.casefold() not in plain for token in tokens]
        found = set()
        for start in range(len(tokens)):
            for end in range(start + 1, min(start + _NAME_RUN, len(tokens)) + 1):
                if any(named[start:end]):
                    name = [part for word in folded[start:end] for part in word]
                    found.add(_hash_of_name(name))
        self[run] = names = frozenset(found)
        return names


_RUN_NAMES = _RunNames()


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What the linker compares: shingle sets, content words and paragraphs of one body."""

    exact: Hashes
    robust: Hashes
    content: Hashes
    lines: tuple[tuple[int, int], ...]  # (hash, words) of each paragraph, in order
    mentions: frozenset[int]  # the names it mentions (see `mentions`)
    length: int  # words

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        tokens: list[str] = []
        lines = []
        for line_hash, found, _ in paragraphs(text):
            lines.append((line_hash, len(found)))
            tokens += found
        flagged = np.fromiter(map(_HASHES.__getitem__, tokens), np.uint64, len(tokens))
        hashes = flagged & np.uint64(0xFFFFFFFF)
        kept = (flagged & np.uint64(_FUNCTION)).astype(bool)
        content = (flagged & np.uint64(_CONTENT)).astype(bool)
        # The skeleton: function words kept, each run of content words one slot (a word is
        # dropped when it and the word before it are both content words).
        slots = np.where(kept, hashes, np.uint64(_SLOT_HASH))
        starts = kept.copy()
        starts[1:] |= kept[:-1]
        starts[:1] = True
        return cls(
            exact=shingles(hashes, EXACT_N),
            robust=shingles(slots[starts], SKELETON_N),
            content=_distinct(hashes[content].astype(np.uint32)),
            lines=tuple(lines),
            mentions=mentions(text),
            length=len(tokens),
        )


def containment(part: Hashes, whole: Hashes) -> float:
    """Share of `part`'s shingles that occur in `whole` (0 for an empty `part`)."""
    return shared(part, whole) / len(part) if len(part) else 0.0


def shared(a: Hashes, b: Hashes) -> int:
    """How many shingles two sets have in common."""
    return len(np.intersect1d(a, b, assume_unique=True))
