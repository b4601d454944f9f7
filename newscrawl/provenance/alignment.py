"""What a copy did to its original's text, measured on a word alignment, and the relation
those measures define.

The copy's words are aligned to the original's (rapidfuzz's Levenshtein opcodes over word
ids), paragraph by paragraph order checked on the side. The measures, each a share:
- coverage: of the original's words, those the copy reproduces in order, swapped words
  included;
- substitution: of those, the ones an edit of one or two words replaced (a spinner's
  "Overseas Minister" for "Foreign Minister", "p.c" for "percent");
- reuse: of the copy's own words (the lines its site repeats left out), those aligned to the
  original;
- paraphrase: of the original's aligned span, the words longer edits replaced;
- reordered: paragraphs of the original appear in the copy out of their order;
- spliced: the copy cuts words out of the original mid-sentence (an excerpt's splice).

The relations (docs/provenance.md states them for users):
- rewrite: reordered, or less than half of the copy is the original's, or more than a
  quarter of the span is paraphrased, or substitution of 2% or more in a copy that keeps
  less than 60% of the original (shortened and reworded);
- spun: otherwise, substitution of 2% or more;
- verbatim: otherwise, coverage of 75% or more, not spliced;
- excerpt: otherwise (a shorter, near-verbatim part, cut or spliced in order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from newscrawl.provenance.fingerprint import paragraphs, words

if TYPE_CHECKING:
    from newscrawl.provenance.decisions import Relation

SMALL_EDIT = 2  # words an edit may replace and still be a spinner's swap ("know-how")
SMALL_EDIT_INTO = 3  # ... and the words it may put in their place
# An excerpt keeps a lede and a few paragraphs, two thirds of its original at most; a copy
# of an original updated since it was copied lacks only the update, a paragraph or two.
VERBATIM_COVERAGE = 0.75
SPUN_SUBSTITUTION = 0.02
SPUN_COVERAGE = 0.6  # a spinner swaps words all through the text; a shortened one rewrites
REWRITE_REUSE = 0.5
REWRITE_PARAPHRASE = 0.25
ANCHOR = 4  # equal words in a row that align a copy with its original for sure
MATCHED_PARAGRAPH = 0.4  # share of a copy paragraph's word pairs found in one original's
CLEAR_MATCH = 2  # ... and this many times as many as in any other
_SENTENCE_END = re.compile(r"(?<=[.!?])")
SUBSTANTIAL_PARAGRAPH = 8  # words: shorter paragraphs (datelines, captions) say nothing of order


@dataclass(frozen=True)
class Alignment:
    """How a copy's words line up with an original's (see the module's measures)."""

    coverage: float
    substitution: float
    reuse: float
    paraphrase: float
    reordered: bool
    spliced: bool

    @property
    def relation(self) -> Relation:
        if self.reordered or self.reuse < REWRITE_REUSE or self.paraphrase > REWRITE_PARAPHRASE:
            return "rewrite"
        if self.substitution >= SPUN_SUBSTITUTION:
            return "spun" if self.coverage >= SPUN_COVERAGE else "rewrite"
        whole = self.coverage >= VERBATIM_COVERAGE and not self.spliced
        return "verbatim" if whole else "excerpt"

    @property
    def detail(self) -> str:
        return (
            f"coverage {self.coverage:.2f}, substitution {self.substitution:.3f}, reuse "
            f"{self.reuse:.2f}, paraphrase {self.paraphrase:.2f}"
            + (", reordered" if self.reordered else "")
            + (", spliced" if self.spliced else "")
        )


def align(copy: str, original: str, chrome: frozenset[int] = frozenset()) -> Alignment:
    """Measure `copy` against `original`; paragraphs of the copy whose hashes are in `chrome`
    (lines its site repeats on other pages) are left out of the copy's words.

    Only edits between the first and the last anchor (a run of `ANCHOR` equal words) count:
    outside them, where the copy has its own text against text of the original it left out,
    the alignment pairs words by chance."""
    copy_lines = [tokens for h, tokens, _ in paragraphs(copy) if h not in chrome]
    original_lines = [tokens for _, tokens, _ in paragraphs(original)]
    ours = [w for tokens in copy_lines for w in tokens]
    theirs = [w for tokens in original_lines for w in tokens]
    ops = list(Levenshtein.opcodes(theirs, ours))  # words compared by their hashes
    anchors = [
        n for n, op in enumerate(ops) if op.tag == "equal" and op.src_end - op.src_start >= ANCHOR
    ]
    if not anchors:
        return Alignment(0.0, 0.0, 0.0, 0.0, reordered=False, spliced=False)
    starts: list[bool] = []  # read only where the copy cuts words out
    equal = swapped = swaps = rewritten = aligned_copy = 0
    spliced = False
    for op in ops[anchors[0] : anchors[-1] + 1]:
        removed, added = op.src_end - op.src_start, op.dest_end - op.dest_start
        if op.tag == "equal":
            equal += removed
            aligned_copy += added
        elif op.tag == "delete" and removed >= SMALL_EDIT:  # cut: at sentence ends, or not
            starts = starts or _sentence_starts(original)
            spliced = spliced or not (starts[op.src_start] and starts[op.src_end])
        elif removed <= SMALL_EDIT and added <= SMALL_EDIT_INTO:  # a spinner's swap
            swaps += 1
            swapped += removed if op.tag == "replace" else 0
            aligned_copy += added
        elif op.tag == "replace":
            rewritten += removed
    span = ops[anchors[-1]].src_end - ops[anchors[0]].src_start
    kept = equal + swapped
    return Alignment(
        coverage=kept / max(len(theirs), 1),
        substitution=swaps / max(kept, 1),
        reuse=aligned_copy / max(len(ours), 1),
        paraphrase=rewritten / max(span, 1),
        reordered=_reordered(copy_lines, original_lines),
        spliced=spliced,
    )


def _sentence_starts(text: str) -> list[bool]:
    """For each word of `text` (as `paragraphs` splits it), and for the end, whether a
    sentence starts there."""
    starts: list[bool] = []
    for _, _, line in paragraphs(text):
        for sentence in _SENTENCE_END.split(line):
            tokens = words(sentence)
            starts += [True] + [False] * (len(tokens) - 1) if tokens else []
    return [*starts, True]


def _reordered(copy_lines: list[list[str]], original_lines: list[list[str]]) -> bool:
    """Whether substantial paragraphs of the copy follow the original's in another order:
    each is matched to the original paragraph holding most of its word pairs, when that one
    clearly holds more than any other."""
    theirs = [set(pairwise(tokens)) for tokens in original_lines]
    order: list[int] = []
    for tokens in copy_lines:
        pairs = set(pairwise(tokens))
        if len(tokens) < SUBSTANTIAL_PARAGRAPH or not theirs:
            continue
        found = sorted(((len(pairs & p), i) for i, p in enumerate(theirs)), reverse=True)
        best, index = found[0]
        runner_up = found[1][0] if len(found) > 1 else 0
        if best >= MATCHED_PARAGRAPH * len(pairs) and best >= CLEAR_MATCH * runner_up:
            order.append(index)
    return any(later < earlier for earlier, later in pairwise(order))
