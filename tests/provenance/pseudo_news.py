"""Made-up news prose for the linker's tests: each story draws on its own pseudo-words and
names, so two texts share words only where a test makes them share."""

from __future__ import annotations

import random

FUNCTION = ["the", "of", "in", "on", "and", "to", "that", "with", "for", "by", "as", "at", "a"]
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "gu", "bri", "sto", "fen"]
# What an aggregator puts around every text it shows: the same lines on each of its pages.
CHROME_TOP = "Share this article with your friends"
CHROME_BOTTOM = "Subscribe to our newsletter to get the latest headlines in your inbox every day."


def vocabulary(seed: str, size: int = 60) -> list[str]:
    """`size` distinct pseudo-words, the same for the same seed."""
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < size:
        found["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))] = None
    return list(found)


def prose(seed: str, paragraphs: int = 6, story: str | None = None) -> str:
    """`paragraphs` paragraphs (two sentences each) on the words and names of `story`
    (by default its own): two texts on one story share words, not sentences."""
    rng = random.Random(seed)
    words = vocabulary(f"{story or seed}-words")
    names = [w.capitalize() for w in vocabulary(f"{story or seed}-names", 4)]
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(2):
            tokens = []
            for _ in range(rng.randint(7, 10)):
                tokens += [rng.choice(names) if rng.random() < 0.15 else rng.choice(words)]
                tokens += [rng.choice(FUNCTION)]
            text = " ".join([*tokens, rng.choice(words)])
            sentences.append(text[0].upper() + text[1:] + ".")
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def wrapped(text: str) -> str:
    """`text` as an aggregator shows it, in its site chrome."""
    return f"{CHROME_TOP}\n\n{text}\n\n{CHROME_BOTTOM}"


def lede(text: str, paragraphs: int = 2) -> str:
    """The first paragraphs of a text: an excerpt."""
    return "\n\n".join(text.split("\n\n")[:paragraphs])


def spin(text: str, story: str) -> str:
    """`text` (on `story`'s words) with half its content words swapped for synonyms, as
    an article spinner does: the function words around them stay."""
    rng = random.Random(f"{story}-spin")
    synonyms = dict(zip(vocabulary(f"{story}-words"), vocabulary(f"{story}-synonyms"), strict=True))
    return " ".join(
        synonyms[word] if word in synonyms and rng.random() < 0.5 else word
        for word in text.split(" ")
    )
