"""Provenance quality on a large generated world, scored end to end through `link()`.

Most originals sit on outlet domains registered in `newscrawl/outlets.toml`; the others
(--independent, default 40%) on independent sites the register does not know, where no
publisher identity tells an original from its copies: only pointers, names and the shape of
the reuse can. Copies sit on aggregator domains, not registered either. Text is composed
deterministically from real English function words (Zipf-weighted, as in news prose) and a
few hundred pseudo-word content words, plus topic words per story cluster and a few names
(people, places) per story, so distinct articles on one topic share vocabulary but not
sentences. Each original gets some of:

  verbatim   the whole body in aggregator chrome (lines every aggregator page repeats),
             "Source link" to it or not, a credit line naming its site or not
  spun       synonym substitution of content words (rate --spin, default 0.5; a few synonyms
             are phrases with a function word in them, "go to" for "visit"), in chrome,
             linked or not, credited or not
  excerpt    lede only, or non-adjacent paragraphs spliced; "Read more »" link or not
  rewrite    new sentences on the story (its names, its topic) that attribute the outlet
             ("reports CNN", "according to the Riverdale Herald"); half quote two of the
             original's paragraphs; some link the original page ("Source link" anchor or an
             anchor on the outlet's name)

and one copy in five is crawled before its original (fetched_at earlier, no date of its
own). Dates come in the forms found in the wild: a bare date (a third of the independents'
originals), a time without a zone, a time with a zone; WARC dates in UTC. Two independent
sites leak a line of their template into every text (a newsletter pitch), so their originals
carry chrome too. Distractors are other stories of the same cluster (on outlet domains:
originals with no copies; on aggregators: unknown), a third of them quoting one sentence of
the original (the same statement quoted by two stories), unrelated articles on aggregator
domains, and a few aggregator pages whose stale "Source link" points at an original though
they tell another story.

Expected labels (what the issue asks the linker to say):
  original on a registered outlet, copies or not  relation "original", original_url None
  original on an independent site                 "original" if a copy shares its text or
                                                  links to it, else "unknown" (nothing tells)
  verbatim / spun / excerpt copy                  that relation, original_url = the original
  rewrite                                         relation "rewrite", original_url = the page
                                                  it links (any anchor) or quotes, else None
  distractor on an outlet domain                  "original", None
  distractor, unrelated or stale-pointer page     "unknown", None
    on an aggregator

Scores: original_url precision (records that name an original and name the right one) and
recall (articles that should name one and do), relation accuracy, overall, per expected
relation and per variant; then the relation confusion and a few failures.

    python benchmarks/provenance_quality.py [--originals 300] [--seed 1] [--spin 0.5]
                                            [--independent 0.4]

Targets (issue): original_url precision >= 0.98, recall >= 0.95, spun copies included.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from newscrawl.items import Article, Link
from newscrawl.provenance import link
from newscrawl.provenance.fingerprint import function_words
from newscrawl.provenance.linker import page_key
from newscrawl.provenance.register import load_outlets

if TYPE_CHECKING:
    from newscrawl.provenance.decisions import Provenance

# Outlets the originals come from (all in outlets.toml; checked at start-up).
OUTLETS = {
    "cnn.com": "CNN",
    "reuters.com": "Reuters",
    "bbc.co.uk": "BBC",
    "cnbc.com": "CNBC",
    "bloomberg.com": "Bloomberg",
    "theguardian.com": "The Guardian",
    "aljazeera.com": "Al Jazeera",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "axios.com": "Axios",
}
AGGREGATORS = [
    "newsbreakdaily.net",
    "headlinehub24.com",
    "worldnewsfeed.org",
    "dailyscoop-now.com",
    "trendwire.info",
    "flashnewsroom.net",
    "thenewsmill.co",
    "globalpulse-news.com",
    "viralbrief.net",
    "marketmurmur.org",
]
# Function words with rough news-prose frequencies (all in function_words.txt).
FUNCTION_WEIGHTS = {
    "the": 60, "of": 30, "to": 28, "and": 27, "a": 22, "in": 20, "that": 11, "is": 10,
    "for": 9, "it": 8, "was": 8, "on": 7, "with": 7, "as": 6, "he": 5, "by": 5, "at": 5,
    "from": 5, "has": 5, "have": 4, "be": 4, "this": 4, "they": 3, "not": 3, "are": 3,
    "which": 3, "but": 3, "were": 3, "an": 3, "will": 3, "their": 3, "had": 3, "would": 2,
    "been": 2, "more": 2, "after": 2, "about": 2, "into": 2, "over": 2, "than": 2,
    "when": 2, "she": 2, "its": 2, "could": 1, "under": 1, "between": 1, "during": 1,
}  # fmt: skip
CHROME_TOP = ["Share this article", "Advertisement", "Trending now", "Follow us for updates"]
CHROME_BOTTOM = [
    "Subscribe to our newsletter to get the latest headlines in your inbox every morning.",
    "Copyright 2024 all rights reserved. Content is provided for information only.",
    "Related posts: more stories you may like from around the web",
    "Comments are closed for this post. Please read our community guidelines.",
]
ONSETS = [
    *"bcdfghjklmnprstvwz",
    *("br", "cr", "dr", "fl", "gr", "kl", "pr", "st", "tr", "sh", "ch", "th"),
]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
CODAS = ["", "", "n", "r", "l", "s", "t", "m", "nd", "rk", "st"]
# Independent sites: not in the register, so no publisher identity tells their originals
# from copies. Two leak a line of their page template into the extracted text.
INDEPENDENTS = {
    "riverdaleherald.com": "Riverdale Herald",
    "northcoastledger.net": "North Coast Ledger",
    "valleyobserver.org": "Valley Observer",
    "harborgazette.com": "Harbor Gazette",
    "prairiedispatch.net": "Prairie Dispatch",
    "lakesidechronicle.com": "Lakeside Chronicle",
    "summitcourier.org": "Summit Courier",
    "mesatribune.net": "Mesa Tribune",
}
LEAKY = {"harborgazette.com", "mesatribune.net"}
LEAKY_FOOTER = "Sign up for the {name} newsletter to get local news in your inbox every day."
# How aggregators credit what they copy, when they do.
CREDITS = ["Source: {name}", "Via {name}", "This story was originally published by {name}."]
START = datetime(2024, 5, 1, 6, 0)
DOMAINS = list(OUTLETS)


@dataclass(frozen=True)
class Expected:
    """The truth about one generated article."""

    relation: str
    original_url: str | None
    variant: str  # finer label for the per-variant table, e.g. "spun+link"


class Vocabulary:
    """Pseudo-word content words (general and per topic), their synonyms, function words."""

    def __init__(self, seed: int, general: int = 600, topics: int = 400, per_topic: int = 40):
        rng = random.Random(f"vocabulary-{seed}")
        self.taken = taken = set(function_words())
        self.general = self._fresh(rng, general, taken)
        self.topics = [self._fresh(rng, per_topic, taken) for _ in range(topics)]
        self.synonyms: dict[str, str] = {}
        phrase_heads = ["go", "make", "take", "set", "put", "come"]
        for word in [*self.general, *(w for topic in self.topics for w in topic)]:
            roll = rng.random()
            if roll < 0.08:  # a phrase that brings a function word: "visit" -> "go to"
                self.synonyms[word] = (
                    f"{rng.choice(phrase_heads)} {rng.choice(['to', 'up', 'on', 'out', 'over'])}"
                )
            elif roll < 0.25:  # two content words for one
                self.synonyms[word] = " ".join(self._fresh(rng, 2, taken))
            else:
                self.synonyms[word] = self._fresh(rng, 1, taken)[0]
        self.function = list(FUNCTION_WEIGHTS)
        self.function_weights = list(FUNCTION_WEIGHTS.values())

    def names(self, rng: random.Random) -> list[str]:
        """A story's own names (people, places), capitalised pseudo-words."""
        return [w.capitalize() for w in self._fresh(rng, 4, self.taken)]

    @staticmethod
    def _fresh(rng: random.Random, count: int, taken: set[str]) -> list[str]:
        found: list[str] = []
        while len(found) < count:
            syllables = rng.choice((2, 2, 3))
            word = "".join(
                rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                for _ in range(syllables)
            )
            if word not in taken:
                taken.add(word)
                found.append(word)
        return found


def sentence(
    rng: random.Random, vocab: Vocabulary, topic: list[str], names: list[str] | None = None
) -> str:
    """A news-like sentence: runs of content words between runs of function words; some
    content words are the story's own names (people, places) when it has them."""
    tokens: list[str] = []
    if rng.random() < 0.4:
        tokens.append("the")
    length = rng.randint(12, 26)

    def content() -> str:
        roll = rng.random()
        if names and roll < 0.08:
            return rng.choice(names)
        return rng.choice(topic) if roll < 0.35 else rng.choice(vocab.general)

    while len(tokens) < length:
        for _ in range(1 if rng.random() < 0.7 else 2):
            tokens.append(content())
        tokens += rng.choices(vocab.function, vocab.function_weights, k=rng.choice((1, 1, 2)))
    tokens.append(content())
    text = " ".join(tokens)
    return text[0].upper() + text[1:] + "."


def story(
    rng: random.Random, vocab: Vocabulary, topic: list[str], names: list[str] | None = None
) -> list[str]:
    """Paragraphs of 2-3 sentences, 6-10 of them (250-500 words)."""
    return [
        " ".join(sentence(rng, vocab, topic, names) for _ in range(rng.randint(2, 3)))
        for _ in range(rng.randint(6, 10))
    ]


def spin(rng: random.Random, vocab: Vocabulary, paragraphs: list[str], rate: float) -> list[str]:
    """Swap each content word for its synonym with probability `rate`."""
    out = []
    for paragraph in paragraphs:
        words = []
        for word in paragraph.split(" "):
            bare = word.rstrip(".").lower()
            if bare in vocab.synonyms and rng.random() < rate:
                swapped = vocab.synonyms[bare]
                if word[0].isupper():
                    swapped = swapped[0].upper() + swapped[1:]
                words.append(swapped + ("." if word.endswith(".") else ""))
            else:
                words.append(word)
        out.append(" ".join(words))
    return out


def chrome(rng: random.Random, paragraphs: list[str]) -> str:
    """The body as an aggregator shows it: a chrome line above, one or two below."""
    bottom = rng.sample(CHROME_BOTTOM, rng.randint(1, 2))
    return "\n\n".join([rng.choice(CHROME_TOP), *paragraphs, *bottom])


def stamp(moment: datetime, zone: timedelta | None = None) -> str:
    """ISO 8601 without a zone, or in the zone `zone` east of UTC."""
    if zone is None:
        return moment.isoformat(timespec="seconds")
    return (moment + zone).replace(tzinfo=timezone(zone)).isoformat(timespec="seconds")


def fetched(moment: datetime) -> str:
    """A WARC-Date: always UTC, with its zone."""
    return stamp(moment, timedelta(0))


@dataclass(frozen=True)
class Origin:
    """Where one original story was published."""

    url: str
    name: str  # the outlet's or site's name, as copies credit it
    published: datetime
    independent: bool  # on a site the outlet register does not know
    footer: str | None  # a site line its extracted text keeps (a leaky template)


class World:
    """The generated articles and their truth, built story by story from one seeded rng."""

    def __init__(
        self, seed: int, originals: int, spin_rate: float, independent_rate: float
    ) -> None:
        self.vocab = Vocabulary(seed, topics=max(originals // 5 + 100, 400))
        self.rng = random.Random(seed)
        self.spin_rate = spin_rate
        self.independent_rate = independent_rate
        self.articles: list[Article] = []
        self.truth: dict[str, Expected] = {}
        self.linked: set[str] = set()  # originals some copy shares text with or links to
        self.serial = 0

    def add(self, article: Article, expected: Expected) -> None:
        self.articles.append(article)
        self.truth[article.url] = expected

    def copy_url(self, kind: str) -> str:
        self.serial += 1
        return f"https://{self.rng.choice(AGGREGATORS)}/2024/05/{kind}-story-{self.serial - 1}/"

    def origin(self, n: int) -> Origin:
        """Story `n`'s home: a registered outlet, or (at the independent rate) a site the
        register does not know, which states a date without a time one time in three."""
        rng = self.rng
        published = START + timedelta(hours=n * 2)
        if rng.random() >= self.independent_rate:
            domain = DOMAINS[n % len(DOMAINS)]
            url = f"https://www.{domain}/2024/05/{n // 10:02d}/news/story-{n}.html"
            return Origin(url, OUTLETS[domain], published, independent=False, footer=None)
        domain = rng.choice(list(INDEPENDENTS))
        name = INDEPENDENTS[domain]
        footer = LEAKY_FOOTER.format(name=name) if domain in LEAKY else None
        url = f"https://{domain}/news/2024/05/story-{n}/"
        return Origin(url, name, published, independent=True, footer=footer)

    def story_with_copies(self, n: int) -> None:
        """Original number `n`, some copies of it, a distractor, maybe an unrelated article."""
        rng, vocab = self.rng, self.vocab
        cluster = vocab.topics[n // 5]  # five originals per topic cluster: distractors
        origin = self.origin(n)
        names = vocab.names(rng)
        paragraphs = story(rng, vocab, cluster, names)
        date_only = origin.independent and rng.random() < 1 / 3
        self.add(
            Article(
                origin.url,
                title=f"Story {n}",
                body="\n\n".join([*paragraphs, *([origin.footer] if origin.footer else [])]),
                published=origin.published.date().isoformat()
                if date_only
                else stamp(origin.published),
                fetched_at=fetched(origin.published + timedelta(hours=3)),
                site_name=origin.name,
            ),
            Expected("original", None, "original" + ("+independent" if origin.independent else "")),
        )
        if rng.random() < 0.6:
            linked = rng.random() < 0.5
            kept = [*paragraphs, *([origin.footer] if origin.footer else [])]
            self.copy(origin, "verbatim", kept, link_text="Source link" if linked else None)
        if rng.random() < 0.6:
            linked = rng.random() < 0.5
            spun = spin(rng, vocab, paragraphs, self.spin_rate)
            self.copy(origin, "spun", spun, link_text="Source link" if linked else None)
        if rng.random() < 0.5:
            linked = rng.random() < 0.5
            if rng.random() < 0.5:
                kind, kept = "lede", paragraphs[:2]
            else:
                kind, kept = "spliced", paragraphs[0:1] + paragraphs[2:3] + paragraphs[4:5]
            self.copy(
                origin,
                "excerpt",
                kept,
                link_text="Read more »" if linked else None,
                variant=f"-{kind}",
                wrapped=False,
            )
        if rng.random() < 0.4:
            self.rewrite(origin, cluster, names, paragraphs)
        self.others(n, origin, cluster, paragraphs)
        if origin.independent and origin.url not in self.linked:
            # Nothing copies it: no way to tell it from any page of an unknown site.
            self.truth[origin.url] = Expected("unknown", None, "original+independent+uncopied")

    def copy(
        self,
        origin: Origin,
        kind: str,
        paragraphs: list[str],
        *,
        link_text: str | None,
        variant: str = "",
        wrapped: bool = True,
    ) -> None:
        """A verbatim, spun or excerpted copy of `origin`, in aggregator chrome (excerpts
        bare); one in five crawled before it; some credit the original by name."""
        rng = self.rng
        early = rng.random() < 0.2  # crawled before the original, no date of its own
        moment = origin.published + (timedelta(hours=-30) if early else timedelta(hours=8))
        links = []
        if link_text:
            # Source links in the wild often differ in scheme from the crawled URL.
            target = origin.url.replace("https://", "http://") if rng.random() < 0.3 else origin.url
            links.append(Link(target, link_text))
        credited = wrapped and rng.random() < 0.3
        if credited:
            paragraphs = [*paragraphs, rng.choice(CREDITS).format(name=origin.name)]
        self.linked.add(origin.url)
        variant = (
            kind
            + variant
            + ("+link" if link_text else "")
            + ("+credit" if credited else "")
            + ("+early" if early else "")
            + ("+independent" if origin.independent else "")
        )
        zone = timedelta(hours=rng.choice((-5, 0, 2)))
        self.add(
            Article(
                self.copy_url(kind),
                body=chrome(rng, paragraphs) if wrapped else "\n\n".join(paragraphs),
                published=None if early else stamp(origin.published + timedelta(hours=5), zone),
                fetched_at=fetched(moment),
                links_out=links,
            ),
            Expected(kind, origin.url, variant),
        )

    def rewrite(
        self, origin: Origin, cluster: list[str], names: list[str], paragraphs: list[str]
    ) -> None:
        """New sentences on the story, attributing its outlet by name; half quote two of its
        paragraphs, some link the original page."""
        rng, vocab = self.rng, self.vocab
        rewritten = story(rng, vocab, cluster, names)[:5]
        credit = rng.choice(
            [f"{sentence(rng, vocab, cluster, names)[:-1]}, reports {origin.name}.",
             f"According to {origin.name}, {sentence(rng, vocab, cluster, names).lower()}"]
        )  # fmt: skip
        rewritten.insert(1, credit)
        quoting = rng.random() < 0.5
        if quoting:
            first, second = sorted(rng.sample(range(len(paragraphs)), 2))
            rewritten[3:3] = [paragraphs[first]]
            rewritten[5:5] = [paragraphs[second]]
        anchor = rng.choice([None, None, "Source link", origin.name])
        links = [Link(origin.url, anchor)] if anchor else []
        if anchor or quoting:
            self.linked.add(origin.url)
        variant = (
            "rewrite"
            + ("+passages" if quoting else "")
            + {None: "", "Source link": "+source-link"}.get(anchor, "+name-link")
            + ("+independent" if origin.independent else "")
        )
        self.add(
            Article(
                self.copy_url("rewrite"),
                body="\n\n".join(rewritten),
                published=stamp(origin.published + timedelta(hours=6)),
                fetched_at=fetched(origin.published + timedelta(hours=9)),
                links_out=links,
            ),
            Expected("rewrite", origin.url if anchor or quoting else None, variant),
        )

    def others(self, n: int, origin: Origin, cluster: list[str], paragraphs: list[str]) -> None:
        """A different story of the same cluster (shares topic words, not text; one in three
        quotes one sentence of the original); an unrelated article; rarely, a page whose
        stale Source link points at the original though it tells another story."""
        rng, vocab = self.rng, self.vocab
        other_story = story(rng, vocab, cluster, vocab.names(rng))
        quote = rng.random() < 1 / 3
        if quote:  # the same statement quoted by two stories on one event
            sentences = " ".join(paragraphs).split(". ")
            other_story[1] += " " + rng.choice(sentences[:-1]) + "."
        suffix = "+quote" if quote else ""
        if rng.random() < 0.5:
            other = DOMAINS[(n + 1 + rng.randrange(len(DOMAINS) - 1)) % len(DOMAINS)]
            self.add(
                Article(
                    f"https://www.{other}/2024/05/news/other-{n}.html",
                    body="\n\n".join(other_story),
                    published=stamp(origin.published),
                    fetched_at=fetched(origin.published + timedelta(hours=4)),
                ),
                Expected("original", None, "distractor-outlet" + suffix),
            )
        else:
            self.add(
                Article(
                    self.copy_url("topic"),
                    body=chrome(rng, other_story),
                    published=stamp(origin.published + timedelta(hours=1)),
                    fetched_at=fetched(origin.published + timedelta(hours=4)),
                ),
                Expected("unknown", None, "distractor-aggregator" + suffix),
            )
        if rng.random() < 0.5:  # unrelated: a topic no original uses
            topic = vocab.topics[-1 - rng.randrange(100)]
            self.add(
                Article(
                    self.copy_url("misc"),
                    body=chrome(rng, story(rng, vocab, topic)),
                    fetched_at=fetched(origin.published + timedelta(hours=2)),
                ),
                Expected("unknown", None, "unrelated"),
            )
        if rng.random() < 0.1:
            topic = vocab.topics[-1 - rng.randrange(100)]
            self.add(
                Article(
                    self.copy_url("stale"),
                    body=chrome(rng, story(rng, vocab, topic)),
                    fetched_at=fetched(origin.published + timedelta(hours=7)),
                    links_out=[Link(origin.url, "Source link")],
                ),
                Expected("unknown", None, "stale-pointer"),
            )


def generate(
    originals: int, seed: int = 1, spin_rate: float = 0.5, independent_rate: float = 0.4
) -> tuple[list[Article], dict[str, Expected]]:
    """Articles (shuffled) and the truth by URL; everything follows from `seed`."""
    registered = load_outlets()
    for domain, name in OUTLETS.items():
        outlet = registered.by_url(f"https://www.{domain}/")
        assert outlet is not None and outlet.name == name, (domain, outlet)
    for domain, name in [*((a, None) for a in AGGREGATORS), *INDEPENDENTS.items()]:
        assert registered.by_url(f"https://{domain}/") is None, domain
        assert name is None or registered.by_name(name) is None, name
    world = World(seed, originals, spin_rate, independent_rate)
    for n in range(originals):
        world.story_with_copies(n)
    world.rng.shuffle(world.articles)
    return world.articles, world.truth


def _same(a: str | None, b: str | None) -> bool:
    return a == b or (a is not None and b is not None and page_key(a) == page_key(b))


Scores = tuple[dict[str, Counter[str]], Counter[tuple[str, str]], dict[str, list[str]]]


def score(truth: dict[str, Expected], records: dict[str, Provenance]) -> Scores:
    """Counts per group (all, expected relation, variant), relation confusion, failures."""
    rows: dict[str, Counter[str]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    failures: dict[str, list[str]] = {}
    for url, expected in truth.items():
        got = records[url]
        right_url = _same(got.original_url, expected.original_url)
        right_relation = got.relation == expected.relation
        confusion[expected.relation, got.relation] += 1
        for group in ("all", expected.relation, f"  {expected.variant}"):
            row = rows.setdefault(group, Counter())
            row["n"] += 1
            row["relation ok"] += right_relation
            row["should name"] += expected.original_url is not None
            row["named right"] += expected.original_url is not None and right_url
            row["named"] += got.original_url is not None
            row["named ok"] += got.original_url is not None and right_url
        if not (right_url and right_relation):
            failures.setdefault(expected.variant, []).append(
                f"{url}\n      expected {expected.relation} of {expected.original_url}\n"
                f"      got      {got.relation} of {got.original_url} "
                f"(conf {got.confidence}; {[e.kind for e in got.evidence]})"
            )
    return rows, confusion, failures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--originals", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--spin", type=float, default=0.5, help="synonym substitution rate")
    parser.add_argument(
        "--independent", type=float, default=0.4, help="share of originals on unregistered sites"
    )
    parser.add_argument("--failures", type=int, default=3, help="examples per failing group")
    args = parser.parse_args()

    articles, truth = generate(args.originals, args.seed, args.spin, args.independent)
    started = time.perf_counter()
    records = {r.url: r for r in link(articles)}
    seconds = time.perf_counter() - started
    print(
        f"{len(articles)} articles from {args.originals} originals (seed {args.seed}, "
        f"spin rate {args.spin}, {args.independent:.0%} on independent sites); "
        f"linked in {seconds:.1f} s"
    )

    rows, confusion, failures = score(truth, records)

    def ratio(a: int, b: int) -> str:
        return f"{a / b:6.3f}" if b else "     -"

    print()
    print(f"{'group':28} {'n':>5} {'relation acc':>12} {'url precision':>13} {'url recall':>10}")
    order = ["all", "original", "verbatim", "spun", "excerpt", "rewrite", "unknown"]
    groups = [g for g in order if g in rows]
    variants = sorted(g for g in rows if g.startswith("  "))
    for group in [*groups, "per variant:", *variants]:
        if group not in rows:
            print(group)
            continue
        row = rows[group]
        print(
            f"{group:28} {row['n']:5d} {ratio(row['relation ok'], row['n']):>12} "
            f"{ratio(row['named ok'], row['named']):>13} "
            f"{ratio(row['named right'], row['should name']):>10}"
        )
    overall = rows["all"]
    precision = overall["named ok"] / max(overall["named"], 1)
    recall = overall["named right"] / max(overall["should name"], 1)
    text_reuse = Counter[str]()
    for relation in ("verbatim", "spun", "excerpt"):
        text_reuse.update(rows.get(relation, Counter()))
    tr_precision = text_reuse["named ok"] / max(text_reuse["named"], 1)
    tr_recall = text_reuse["named right"] / max(text_reuse["should name"], 1)
    print()
    print(
        f"original_url precision {precision:.3f} (target >= 0.98), "
        f"recall {recall:.3f} (target >= 0.95): "
        f"{'MET' if precision >= 0.98 and recall >= 0.95 else 'MISSED'}"
    )
    print(
        f"  text-reuse copies only (verbatim, spun, excerpt): precision {tr_precision:.3f}, "
        f"recall {tr_recall:.3f}"
    )
    print(f"relation accuracy {overall['relation ok'] / overall['n']:.3f}")

    print("\nconfusion, expected relation -> got relation (count)")
    for (expected_relation, got_relation), count in sorted(confusion.items()):
        mark = "" if expected_relation == got_relation else "   <-- wrong"
        print(f"  {expected_relation:9} -> {got_relation:9} {count:5d}{mark}")
    if failures:
        print(f"\nexample failures (up to {args.failures} per variant)")
        for variant, examples in sorted(failures.items()):
            print(f"  {variant}: {len(examples)} failing")
            for example in examples[: args.failures]:
                print(f"    {example}")


if __name__ == "__main__":
    main()
