"""A small generated world: originals, their verbatim, spun and excerpted copies, distractors."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from newscrawl.items import Article
from newscrawl.provenance import link, run_provenance
from newscrawl.provenance.candidates import CandidateIndex, StaleIndex

SYNONYMS = {
    "said": "mentioned",
    "meeting": "gathering",
    "visit": "go to",
    "minister": "secretary",
    "expected": "anticipated",
    "company": "firm",
    "shares": "stocks",
    "growth": "progress",
    "officials": "authorities",
    "rise": "increase",
}
CONTENT = [*SYNONYMS, "bank", "airline", "fuel", "labour", "demand", "market", "plan", "talks"]
CONTENT += ["budget", "election", "trade", "tariff", "port", "court", "ruling", "export", "profit"]
FUNCTION = ["the", "of", "in", "on", "and", "to", "that", "with", "for", "by", "as", "at", "from"]


def story(rng: random.Random, topic: str, sentences: int = 14) -> str:
    """Paragraphs of random news-like sentences about `topic` from one shared vocabulary."""
    lines = []
    for _ in range(sentences):
        words = [topic]
        for _ in range(rng.randint(10, 16)):
            words += [rng.choice(FUNCTION), rng.choice(CONTENT)]
        lines.append(" ".join(words) + ".")
    return "\n\n".join(" ".join(lines[i : i + 2]) for i in range(0, sentences, 2))


def spin(text: str) -> str:
    return " ".join(SYNONYMS.get(word, word) for word in text.split(" "))


def excerpt(text: str) -> str:
    paragraphs = text.split("\n\n")
    return "\n\n".join(paragraphs[1:5])


def generated() -> tuple[list[Article], dict[str, tuple[str, str]]]:
    """Articles, and the truth: copy URL -> (relation, original URL)."""
    rng = random.Random(7)
    articles, truth = [], {}
    for n, (outlet, topic) in enumerate(
        [("cnbc.com", "Tokyo"), ("reuters.com", "Lagos"), ("bbc.co.uk", "Lima")]
    ):
        original = f"http://www.{outlet}/2024/05/0{n}/story-{n}.html"
        text = story(rng, topic)
        articles.append(Article(original, body=text, published=f"2024-05-0{n + 1}T08:00:00"))
        for kind, body in (("verbatim", text), ("spun", spin(text)), ("excerpt", excerpt(text))):
            copy = f"http://{kind}-news-{n}.example.com/2024/05/0{n}/copied-{n}/"
            articles.append(Article(copy, body=body, published=f"2024-05-0{n + 1}T12:00:00"))
            truth[copy] = (kind, original)
        # Same outlet, same vocabulary and topic words: a different story.
        distractor = f"http://www.{outlet}/2024/05/0{n}/other-{n}.html"
        articles.append(Article(distractor, body=story(rng, topic)))
    return articles, truth


def test_precision_and_recall_are_one() -> None:
    articles, truth = generated()
    found = {
        r.url: (r.relation, r.original_url)
        for r in link(articles)
        if r.relation not in ("original", "unknown")
    }
    assert found == truth


def test_index_links_a_new_run_to_old_articles(tmp_path: Path) -> None:
    articles, truth = generated()
    copies = [a for a in articles if a.url in truth]
    originals = [a for a in articles if a.url not in truth]
    with CandidateIndex.held(tmp_path) as unsaved:
        link(originals, unsaved)  # nothing saved: an index saves on request
    with CandidateIndex.held(tmp_path) as first:
        link(originals, first)
        first.save()
    with CandidateIndex.held(tmp_path) as index:
        later = {r.url: (r.relation, r.original_url) for r in link(copies, index)}
    assert later == truth


def test_run_provenance_reads_article_jsonl(tmp_path: Path) -> None:
    articles, truth = generated()
    dataset = tmp_path / "articles.jsonl"
    dataset.write_text(
        "".join(
            json.dumps({"url": a.url, "body": a.body, "published": a.published}) + "\n"
            for a in articles
        )
    )
    out = tmp_path / "out" / "provenance.jsonl"
    with CandidateIndex.held(tmp_path / "index") as index:
        run = run_provenance([str(dataset)], out, index)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == len(run.records) == len(articles)
    copied = {r["url"]: (r["relation"], r["original_url"]) for r in rows if r["url"] in truth}
    assert copied == truth
    assert (tmp_path / "index").is_dir()


def test_processes_sharing_a_redis_index_link_against_the_same_originals(
    redis_url: str,
) -> None:
    articles, truth = generated()
    copies = [a for a in articles if a.url in truth]
    originals = [a for a in articles if a.url not in truth]
    # One process of a distributed crawl indexes the originals it fetched ...
    first = subprocess.run(
        [sys.executable, "-c", INDEX_ORIGINALS, redis_url],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    # ... another links the copies it fetched to them, through the same Redis index.
    shared = CandidateIndex(redis_url=redis_url, name="world")
    assert len(shared) == len(originals)
    records = link(copies, shared)
    assert {r.url: (r.relation, r.original_url) for r in records} == truth
    clusters = json.loads(first.stdout)  # the story ids the other process gave
    for record in records:
        assert record.cluster == clusters[truth[record.url][1]]
    alone = {r.url: r.relation for r in link(copies, CandidateIndex(redis_url=redis_url))}
    assert set(alone.values()) <= {"original", "unknown"}, "another name is another index"
    with pytest.raises(KeyError):
        shared.entry("http://nowhere.example.com/ 000000000000")
    redis.Redis.from_url(redis_url).set("newscrawl:world:provenance-version", 0)
    with pytest.raises(StaleIndex, match="newscrawl:world:provenance-"):
        CandidateIndex(redis_url=redis_url, name="world")


INDEX_ORIGINALS = """
import json, sys
from newscrawl.provenance import link
from newscrawl.provenance.candidates import CandidateIndex, StaleIndex
from tests.provenance.test_generated_world import generated
articles, truth = generated()
index = CandidateIndex(redis_url=sys.argv[1], name="world")
records = link([a for a in articles if a.url not in truth], index)
print(json.dumps({r.url: r.cluster for r in records}))
"""
