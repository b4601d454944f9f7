"""How aggregators change the words they take: spinners, excerpts, rewrites, and how an
independent outlet writes up the same event in its own words.

Every function takes a `random.Random`, so a world built from one seed is the same each time.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from tests.worlds import prose

if TYPE_CHECKING:
    import random
    from collections.abc import Sequence

_TABLES: dict[str, dict[str, list[str]]] = tomllib.loads(
    (Path(__file__).parent / "thesauri.toml").read_text(encoding="utf-8")
)
# A thesaurus-walk spinner knows every plain synonym too, and then its own far-fetched ones.
THESAURI = {
    "mild": _TABLES["common"] | _TABLES["mild"],
    "roundtrip": _TABLES["common"] | _TABLES["roundtrip"],
    "thesaurus": _TABLES["common"] | _TABLES["mild"] | _TABLES["thesaurus"],
}
_PROPER = re.compile(r"(?<![.!?]\s)(?<=\s)([A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})?)")
_QUOTE = re.compile(r"[\"“]([^\"”]{20,160})[\"”]")
_COMMON_CAPS = prose.CLAUSE_WORDS | {"Two", "Three"}


@dataclass(frozen=True)
class Spun:
    """A spun text and the share of its words the spinner changed."""

    paragraphs: tuple[str, ...]
    title: str
    swapped: float


def spin_text(text: str, table: dict[str, list[str]], share: float, rng: random.Random) -> str:
    """Swap about `share` of the words of `text` for the table's synonyms, phrases first."""
    words = len(text.split())
    budget = int(words * share + rng.random())
    phrases = sorted((k for k in table if " " in k), key=len, reverse=True)
    for phrase in phrases:
        if budget <= 0:
            break
        for found in list(re.finditer(rf"\b{re.escape(phrase)}\b", text)):
            if rng.random() < 0.8 and budget > 0:
                choice = rng.choice(table[phrase])
                if choice != phrase:
                    text = text.replace(found.group(0), choice, 1)
                    budget -= len(phrase.split())
    tokens = prose.TOKEN.findall(text)
    slots = [
        i
        for i, t in enumerate(tokens)
        if t.lower() in table and any(s != t.lower() for s in table[t.lower()])
    ]
    rng.shuffle(slots)
    for i in slots[: max(budget, 0)]:
        word = tokens[i]
        choices = [s for s in table[word.lower()] if s != word.lower()]
        tokens[i] = prose.match_case(rng.choice(choices), word)
    return "".join(tokens)


def spin(
    title: str, paragraphs: Sequence[str], thesaurus: str, share: float, rng: random.Random
) -> Spun:
    """An article through a spinner: every paragraph and the title, at the same strength."""
    table = THESAURI[thesaurus]
    spun = tuple(spin_text(p, table, share, rng) for p in paragraphs)
    before = " ".join(paragraphs).split()
    kept = SequenceMatcher(None, before, " ".join(spun).split(), autojunk=False).ratio()
    changed = 1 - kept
    return Spun(spun, spin_text(title, table, max(share, 0.2), rng), changed)


def plain_typography(text: str) -> str:
    """Curly quotes and dashes made straight, as many CMS imports do."""
    return (
        text.replace("“", '"')
        .replace("”", '"')
        .replace("’", "'")
        .replace("‘", "'")
        .replace("—", " - ")
        .replace("–", "-")
    )


def excerpt(paragraphs: Sequence[str], count: int, rng: random.Random) -> list[str]:
    """The first `count` paragraphs, near-verbatim; a long lede may be cut at a sentence."""
    taken = [plain_typography(p) for p in paragraphs[:count]]
    parts = prose.sentences(taken[-1])
    if len(parts) > 3 and rng.random() < 0.5:
        taken[-1] = " ".join(parts[: len(parts) // 2 + 1])
    return taken


_ATTRIBUTIONS = (
    "{lede}, reports {outlet}.",
    "{lede}, {outlet} reported.",
    "According to {outlet}, {lede_lower}.",
    "{lede}, as first reported by {outlet}.",
)
_TWO_SOURCES = (
    "{lede}, report {outlet} and {other}.",
    "According to reports by {outlet} and {other}, {lede_lower}.",
)


def _bare(sentence: str) -> str:
    return sentence.rstrip().rstrip(".!?\"”'’ ")


def rewrite(
    paragraphs: Sequence[str],
    outlet: str,
    rng: random.Random,
    *,
    other: tuple[str, Sequence[str]] | None = None,
) -> list[str]:
    """An attributed rewrite: about half the paragraphs, shortened, paraphrased and reordered,
    with "..., reports OUTLET" in the lede (two outlets if `other` gives a second source)."""
    table = THESAURI["mild"]
    first = prose.sentences(paragraphs[0])[0]
    lede = spin_text(_bare(first), table, 0.25, rng)
    lede_lower = lede[:1].lower() + lede[1:] if not _PROPER.match(lede) else lede
    forms = _TWO_SOURCES if other else _ATTRIBUTIONS
    opening = rng.choice(forms).format(
        lede=lede, lede_lower=lede_lower, outlet=outlet, other=other[0] if other else ""
    )
    rest = list(paragraphs[1:])
    kept = rng.sample(rest, k=max(1, len(rest) // 2))
    if other:
        more = list(other[1][1:])
        kept = kept[: max(1, len(kept) * 2 // 3)] + rng.sample(more, k=max(1, len(more) // 4))
    rng.shuffle(kept)
    body = [spin_text(prose.shortened(p, rng), table, rng.uniform(0.15, 0.3), rng) for p in kept]
    return [opening, *body]


def proper_names(paragraphs: Sequence[str]) -> list[str]:
    """The names an article uses most (capitalised words not opening a sentence)."""
    counts: dict[str, int] = {}
    for paragraph in paragraphs:
        for name in _PROPER.findall(paragraph):
            if name.split()[0] not in _COMMON_CAPS:
                counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def short_quote(paragraphs: Sequence[str]) -> str | None:
    """One short direct quote of an article, if it has one."""
    for paragraph in paragraphs:
        found = _QUOTE.search(paragraph)
        if found and len(found.group(1).split()) <= 25:
            return found.group(1).strip().rstrip(".,;:")
    return None


_SAME_EVENT_LEDES = (
    "{a} was again the focus this week, with {b} drawing attention of its own as reporters "
    "tried to piece together what had happened and what comes next.",
    "Questions about {a} kept piling up on Thursday, and {b} was rarely far from the conversation.",
    "It started, as these things often do, with {a}. By the end of the day {b} was part of it too.",
    "For anyone following {a}, the past few days have been hard to keep up with; here is where "
    "things stand, and where {b} fits in.",
    "Our correspondents spent the week talking to people close to {a} and {b}. This is what they "
    "found.",
)
_SAME_EVENT_TITLES = (
    "{a}: what we know so far",
    "{a} and {b} at the centre of a week of questions",
    "Why {a} matters now, and what {b} says",
    "{a}, {b} and the questions nobody is answering",
    "Explainer: {a} and {b}",
)


def same_event(
    event: tuple[str, Sequence[str]], filler: Sequence[str], rng: random.Random
) -> tuple[str, list[str]]:
    """An independent report of the event of `event` (title, paragraphs): its names and at most
    one short quote, told in other words (the sentences of an unrelated text, `filler`, with
    that text's names swapped for the event's)."""
    title, paragraphs = event
    names = [*proper_names([title, *paragraphs]), "officials", "the organisers"]
    a, b = names[0], names[1]
    own = proper_names(filler)
    body = prose.retold(filler[:7], dict(zip(own[:6], names[:6], strict=False)))
    lede = rng.choice(_SAME_EVENT_LEDES).format(a=a, b=b)
    quote = short_quote(paragraphs)
    if quote:
        body.insert(1, f'"{quote}," {names[2] if len(names) > 2 else a} was quoted as saying.')
    headline = rng.choice(_SAME_EVENT_TITLES).format(a=a, b=b)
    if rng.random() < 0.5:  # or the other outlet's headline, in other words
        headline = spin_text(title, THESAURI["thesaurus"], 0.5, rng)
    return headline, [lede, *body]


_UPDATES = (
    "Update: This story has been updated with additional reporting.",
    "This article was updated to include further comment and to correct a detail.",
    "Correction: An earlier version of this story misstated a figure. It has been corrected.",
    "UPDATE — This story has been updated with new information as it became available.",
)


def updated(paragraphs: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """The version an outlet serves after updating a story: one sentence reworded, one
    paragraph added in the middle, an update note at the end."""
    changed = list(paragraphs)
    i = rng.randrange(1, len(changed))
    parts = prose.sentences(changed[i])
    j = rng.randrange(len(parts))
    parts[j] = spin_text(parts[j], THESAURI["mild"], 0.3, rng)
    changed[i] = " ".join(parts)
    added = (
        "Asked about the matter on a call with reporters, a spokesperson declined to say more "
        "than that the situation was being followed closely and that a statement would follow."
    )
    changed.insert(rng.randrange(2, len(changed) + 1), added)
    return (*changed, rng.choice(_UPDATES))
