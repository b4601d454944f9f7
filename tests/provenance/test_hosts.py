"""Host roles: what the counts of a host's facts make of it."""

from __future__ import annotations

from newscrawl.items import Article, Link
from newscrawl.provenance.attribution import read_signals
from newscrawl.provenance.candidates import CandidateIndex
from newscrawl.provenance.hosts import HostRole
from newscrawl.provenance.linker import make_entry
from tests.provenance.pseudo_news import prose


def test_marked_pages_make_a_copier_and_its_sources_origins() -> None:
    index = CandidateIndex()
    for n, source in enumerate(("http://alpha-news.com/a/", "http://beta-times.com/b/")):
        body = f"{prose(f'topic{n}')}\n\n[ad_1]"
        article = Article(
            f"http://autoblog.net/{n}/", body=body, links_out=[Link(source, "Source link")]
        )
        index.add(make_entry(article, read_signals(article)))
    copier, origin = index.host("autoblog.net"), index.host("alpha-news.com")
    assert copier.copier and not copier.origin
    assert origin.origin and not origin.copier
    assert "copier" in copier.describe() and "marked 2" in copier.describe()


def test_a_host_that_keeps_coming_later_is_a_copier() -> None:
    assert HostRole("late.com", {"page": 9, "later-than": 4}).copier
    assert not HostRole("late.com", {"page": 9, "later-than": 4, "earlier-than": 2}).copier
    early = HostRole("early.com", {"page": 9, "earlier-than": 3})
    assert early.origin and early.role == "origin"
    assert HostRole("quiet.com", {"page": 3}).role == "unknown"


def test_a_host_others_cite_that_keeps_coming_later_is_no_origin() -> None:
    # Aggregators cite each other: a host named once as a source whose pages mostly come
    # after other hosts' is late, neither origin nor (by its counts) a copier.
    relay = HostRole(
        "relay.net", {"page": 12, "pointed-by": 1, "later-than": 16, "earlier-than": 9}
    )
    assert relay.late and not relay.origin and not relay.copier
    assert relay.role == "late" and "relay.net: late" in relay.describe()
    paper = HostRole("paper.com", {"page": 4, "pointed-by": 2, "later-than": 4, "earlier-than": 4})
    assert paper.origin and not paper.late


def test_an_outlet_others_name_as_source_stays_one_though_it_runs_partners_stories() -> None:
    # Two of its four pages carry partners' stories (canonical, credit line): copy markers and
    # two sources named, but two other hosts name it as their source and it comes first.
    facts = {"page": 4, "marked": 2, "points-to": 2, "pointed-by": 2, "earlier-than": 7}
    outlet = HostRole("observer.com", facts | {"later-than": 4})
    assert (outlet.copier, outlet.role) == (False, "origin")
    aggregator = HostRole("digest.net", {"page": 4, "marked": 2, "points-to": 2, "pointed-by": 1})
    assert aggregator.copier
