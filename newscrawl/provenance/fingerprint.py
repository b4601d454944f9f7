"""Text fingerprints that survive site chrome, excerpting and article spinning.

Two views of one body: exact word 5-grams (verbatim reuse) and the function-word skeleton
(every run of content words collapsed to one slot) whose n-grams a synonym spinner leaves
mostly intact, because spinners swap content words and keep "of the", "on a", "in".
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

EXACT_N = 5
SKELETON_N = 8
_SLOT = "*"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")


@cache
def function_words() -> frozenset[str]:
    """The function-word list shipped next to this module."""
    text = (Path(__file__).parent / "function_words.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes kept inside words."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def skeleton(tokens: list[str]) -> list[str]:
    """Function words kept, each run of content words collapsed to one slot."""
    kept = function_words()
    out: list[str] = []
    for token in tokens:
        if token in kept:
            out.append(token)
        elif not out or out[-1] != _SLOT:
            out.append(_SLOT)
    return out


def shingles(tokens: list[str], n: int) -> frozenset[int]:
    """Hashed n-grams of a token list (crc32: stable across processes, unlike hash())."""
    grams = (" ".join(tokens[i : i + n]) for i in range(max(len(tokens) - n + 1, 0)))
    return frozenset(zlib.crc32(g.encode()) for g in grams)


@dataclass(frozen=True)
class Fingerprint:
    """What the linker compares: exact and spin-robust shingle sets of one body."""

    exact: frozenset[int]
    robust: frozenset[int]
    length: int  # words

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        tokens = words(text)
        return cls(shingles(tokens, EXACT_N), shingles(skeleton(tokens), SKELETON_N), len(tokens))


def containment(part: frozenset[int], whole: frozenset[int]) -> float:
    """Share of `part`'s shingles that occur in `whole` (0 for an empty `part`)."""
    return len(part & whole) / len(part) if part else 0.0


@dataclass(frozen=True)
class Alignment:
    """How a copy's words line up with an original's."""

    kept: float  # share of the original's words found in the copy, in order
    reused: float  # share of the copy's words taken from the original
    spliced: bool  # the copy cuts original text out mid-sentence (excerpt splicing)


def align(copy: str, original: str) -> Alignment:
    """Word alignment of `copy` against `original` (difflib; run on verified candidates only)."""
    ours = words(copy)
    theirs, starts = _sentence_words(original)
    matcher = SequenceMatcher(None, theirs, ours, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    spliced = any(
        op == "delete" and i2 - i1 >= 2 and not (starts[i1] and starts[i2])
        for op, i1, i2, _, _ in matcher.get_opcodes()
    )
    return Alignment(matched / max(len(theirs), 1), matched / max(len(ours), 1), spliced)


def _sentence_words(text: str) -> tuple[list[str], list[bool]]:
    """Words, and for each word index (plus the end) whether a sentence starts there."""
    tokens: list[str] = []
    starts: list[bool] = []
    end = 0
    for match in _WORD.finditer(text):
        starts.append(not tokens or bool(_SENTENCE_BREAK.search(text, end, match.start())))
        tokens.append(match.group(0).lower().replace("’", "'"))
        end = match.end()
    return tokens, [*starts, True]
