"""What the second world's copiers do to words: a spinner with its own tables and artefacts,
WordPress-style excerpts, attributed rewrites, and an independent outlet's report of an event.

Every function takes a `random.Random`, so a world built from one seed is the same each time.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from tests.worlds import prose

if TYPE_CHECKING:
    import random
    from collections.abc import Sequence

# The spinner's table (word -> what it may become). Capitalised words are spun too, which is
# how real spinners mangle names ("Home Depot" -> "House Depot", "Steve Jobs" -> "Steve
# Careers"), and it holds the classic artefacts ("p.c", "12 months", "know-how", "automotive").
SYNONYMS: dict[str, tuple[str, ...]] = {
    word: tuple(choices)
    for word, choices in tomllib.loads(
        (Path(__file__).parent / "spinner.toml").read_text(encoding="utf-8")
    ).items()
}
_NAME = re.compile(r"(?<=[a-z,;:] )((?:[A-Z][a-z]+)(?: (?:[A-Z][a-z]+|[A-Z]\.))*)")
_QUOTE = re.compile(r"[\"“]([^\"”]{25,220})[\"”]")
_NOT_NAMES = prose.CLAUSE_WORDS | {"I"}


def spin(text: str, strength: float, rng: random.Random) -> str:
    """Swap each word the table knows with probability `strength` for one of its synonyms
    (which may be the word itself, as real tables hold), names and all."""
    tokens = prose.TOKEN.findall(text)
    for i, token in enumerate(tokens):
        choices = SYNONYMS.get(token.lower())
        if choices and rng.random() < strength:
            tokens[i] = prose.match_case(rng.choice(choices), token)
    return "".join(tokens)


def wp_excerpt(paragraphs: Sequence[str], words: int = 55) -> str:
    """WordPress's automatic excerpt: the first `words` words of the text, then " [&hellip;]"."""
    return " ".join(" ".join(paragraphs).split()[:words]) + " […]"


def lead(paragraphs: Sequence[str], count: int) -> list[str]:
    """The first `count` paragraphs, curly quotes straightened as feed importers do."""
    table = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})
    return [p.translate(table) for p in paragraphs[:count]]


_ATTRIBUTED = (
    "{lede}, {outlet} reported on {day}.",
    "As {outlet} first reported, {lede_lower}.",
    "{lede}, according to a report by {outlet}.",
    "{outlet} reports that {lede_lower}.",
)
_TWO = (
    "{lede}, according to reports by {outlet} and {other}.",
    "{lede}, {outlet} and {other} reported.",
)


def rewrite(
    paragraphs: Sequence[str],
    outlet: str,
    day: str,
    rng: random.Random,
    other: tuple[str, Sequence[str]] | None = None,
) -> list[str]:
    """A rewrite: the lede paraphrased and attributed, then about a third to a half of the
    other paragraphs, each cut to a sentence or two, lightly spun and put in another order;
    with `other`, a paragraph or two of a second outlet's report and both names in the lede."""
    first = prose.sentences(paragraphs[0])[0].rstrip(' .!?"”')
    lede = spin(first, 0.5, rng)
    lede_lower = (
        lede if _NAME.match(" " + lede) or lede[:2].isupper() else lede[:1].lower() + lede[1:]
    )
    forms = _TWO if other else _ATTRIBUTED
    opening = rng.choice(forms).format(
        lede=lede, lede_lower=lede_lower, outlet=outlet, other=other[0] if other else "", day=day
    )
    rest = list(paragraphs[1:])
    kept = rng.sample(rest, k=max(2, round(len(rest) * rng.uniform(0.33, 0.5))))
    if other:
        extra = list(other[1][1:])
        kept += rng.sample(extra, k=min(len(extra), rng.choice((1, 2))))
    rng.shuffle(kept)
    body = [spin(prose.shortened(p, rng, (1, 2)), rng.uniform(0.3, 0.5), rng) for p in kept]
    return [opening, *body]


def names(paragraphs: Sequence[str]) -> list[str]:
    """The names a text uses most (capitalised runs not opening a sentence)."""
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        for name in _NAME.findall(paragraph):
            if name.split()[0] not in _NOT_NAMES and len(name) > 3:
                counts[name] += 1
    return [n for n, _ in counts.most_common()]


def quotes(paragraphs: Sequence[str]) -> list[str]:
    """The direct quotes of a text, in order."""
    return [m.group(1).strip().rstrip(".,;:") for p in paragraphs for m in _QUOTE.finditer(p)]


_EVENT_LEDES = (
    "{a} dominated the conversation again on {day}, and {b} was never far behind.",
    "What began as a question about {a} has become a story about {b} as well.",
    "Three things to know about {a}, and why {b} keeps coming up.",
    "Reporters who spent the day around {a} came away with more questions than answers about {b}.",
)


def same_event(
    title: str, paragraphs: Sequence[str], filler: Sequence[str], day: str, rng: random.Random
) -> tuple[str, list[str]]:
    """Another outlet's own report of the event of (`title`, `paragraphs`): its own prose (an
    unrelated real text, `filler`, with that text's names swapped for the event's), the event's
    names, and up to two of the event's direct quotes word for word, as independent reports
    of one event quote the same people."""
    event_names = [*names([title, *paragraphs]), "officials", "the organisers", "the company"]
    own = names(filler)
    body = prose.retold(filler[:8], dict(zip(own[:8], event_names[:8], strict=False)))
    for i, quote in enumerate(quotes(paragraphs)[:2]):
        speaker = event_names[i % 2]
        body.insert(1 + 2 * i, f'"{quote}," {speaker} said, in remarks widely reported {day}.')
    a, b = event_names[0], event_names[1]
    lede = rng.choice(_EVENT_LEDES).format(a=a, b=b, day=day)
    headline = rng.choice((f"{a}: what we know", f"Explainer: {a}, {b} and what comes next",
                           spin(title, 0.9, rng)))  # fmt: skip
    return headline, [lede, *body]


_ADDED = (
    "In a statement released after this article was first published, a spokesperson said the "
    "matter was under review and that no further comment would be made until it was resolved.",
    "Late on Friday, two people familiar with the matter said a decision was expected within "
    "days, though neither would say which way it was likely to go.",
)


def updated(paragraphs: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """What an outlet serves after updating a story: a paragraph added after the second, a
    sentence of the last paragraph cut, and an editor's note at the end."""
    changed = list(paragraphs)
    changed.insert(2, rng.choice(_ADDED))
    parts = prose.sentences(changed[-1])
    if len(parts) > 1:
        changed[-1] = " ".join(parts[:-1])
    return (*changed, "This story has been updated with a statement and additional reporting.")
