"""Direction without the outlet register: what decides which of two texts is the original,
and what must never decide it (a date alone, a pointer its target's text does not confirm)."""

from __future__ import annotations

import pytest

from newscrawl.items import Article, Link
from newscrawl.provenance import Provenance, link
from newscrawl.provenance.fingerprint import SKELETON_N
from tests.provenance.pseudo_news import lede, prose, spin, wrapped

ORIGINAL = "https://harborgazette.com/news/2024/05/port-tariff/"
COPY = "https://dailyscoop.net/2024/05/port-tariff-copy/"
# Another page of the copying site, in the same chrome: what shows the chrome is chrome.
SIBLING = Article(
    "https://dailyscoop.net/2024/05/other-story/",
    body=wrapped(prose("other")),
    fetched_at="2024-05-02T10:00:00Z",
)


def by_url(records: list[Provenance]) -> dict[str, Provenance]:
    return {r.url: r for r in records}


def kinds(record: Provenance) -> set[str]:
    return {e.kind for e in record.evidence}


def test_a_date_alone_picks_the_original_with_little_confidence() -> None:
    # Same text on two unregistered sites, no link, no name, no chrome: only the dates
    # differ, one a bare date, the other a time with a zone (once a TypeError).
    text = prose("port")
    first = Article(
        ORIGINAL, body=text, published="2024-05-03", fetched_at="2024-05-03T10:00:00+00:00"
    )
    second = Article(
        "https://riversidepost.com/a/", body=text, published="2024-05-05T09:00:00+02:00"
    )
    records = by_url(link([first, second]))
    copy = records[second.url]
    assert (copy.relation, copy.original_url) == ("verbatim", ORIGINAL)
    assert "published-first" in kinds(copy)
    assert copy.confidence < 0.7
    assert records[first.url].relation == "original"
    assert records[first.url].cluster == copy.cluster


def test_texts_of_one_day_with_nothing_else_stay_undecided() -> None:
    text = prose("port")
    first = Article(ORIGINAL, body=text, published="2024-05-03")
    second = Article(
        "https://riversidepost.com/a/", body=text, published="2024-05-03T09:00:00+02:00"
    )
    records = by_url(link([first, second]))
    for record in records.values():
        assert (record.relation, record.original_url) == ("unknown", None)
        assert record.confidence == 0
        assert "shares-text" in kinds(record)


@pytest.mark.parametrize(
    ("published", "decided"),
    [
        ("2024-05-03T08:00:00+02:00", True),  # within the original's stated day
        ("2024-05-04", True),
        ("2024-05-01T23:00:00-05:00", False),  # 04:00 UTC on the 2nd: before the original
    ],
)
def test_dates_in_any_form_only_veto_the_shape(published: str, decided: bool) -> None:
    original = Article(ORIGINAL, body=prose("port"), published="2024-05-03")
    excerpt = Article(COPY, body=lede(original.body), published=published)
    record = by_url(link([original, excerpt, SIBLING]))[COPY]
    if decided:
        assert (record.relation, record.original_url) == ("excerpt", ORIGINAL)
        assert "contained-in" in kinds(record)
    else:
        assert (record.relation, record.original_url) == ("unknown", None)


def test_a_copy_in_its_site_chrome_is_the_copy_though_crawled_first() -> None:
    original = Article(ORIGINAL, body=prose("port"), fetched_at="2024-05-03T10:00:00Z")
    copy = Article(COPY, body=wrapped(original.body), fetched_at="2024-05-02T09:00:00Z")
    records = by_url(link([copy, SIBLING, original]))
    assert (records[COPY].relation, records[COPY].original_url) == ("verbatim", ORIGINAL)
    assert "wraps" in kinds(records[COPY])
    assert records[ORIGINAL].relation == "original"
    assert records[ORIGINAL].confidence < 0.9  # the shape of the reuse is the weakest proof
    assert records[SIBLING.url].relation == "unknown"


def test_a_spun_copy_behind_a_source_link() -> None:
    original = Article(ORIGINAL, body=prose("port"))
    copy = Article(
        COPY, body=wrapped(spin(original.body, "port")), links_out=[Link(ORIGINAL, "Source link")]
    )
    record = by_url(link([original, copy]))[COPY]
    assert (record.relation, record.original_url) == ("spun", ORIGINAL)
    reuse = next(e.detail for e in record.evidence if e.kind == "text-reuse")
    assert f"skeleton {SKELETON_N}-grams" in reuse


def test_a_rewrite_quoting_passages_and_naming_the_site() -> None:
    original = Article(ORIGINAL, body=prose("port"), site_name="Harbor Gazette")
    quoted = original.body.split("\n\n")[1:3]
    own = prose("report", paragraphs=5, story="port").split("\n\n")
    body = [own[0], "The talks stalled on Friday, reports the Harbor Gazette.", *quoted, *own[1:]]
    report = Article(COPY, body="\n\n".join(body))
    records = by_url(link([original, report]))
    assert (records[COPY].relation, records[COPY].original_url) == ("rewrite", ORIGINAL)
    assert "names-site" in kinds(records[COPY])
    assert records[ORIGINAL].relation == "original"


def test_a_shared_quote_is_no_reuse() -> None:
    original = Article(ORIGINAL, body=prose("port"))
    quote = original.body.split(". ")[2] + "."
    other = Article(COPY, body=prose("elsewhere") + "\n\n" + quote)
    records = by_url(link([original, other]))
    assert records[COPY].cluster != records[ORIGINAL].cluster
    assert records[COPY].original_url is None


def test_a_pointer_to_an_archived_page_needs_its_text_to_confirm_it() -> None:
    target = Article(ORIGINAL, body=prose("port"))
    pointing = Article(COPY, body=prose("unrelated"), links_out=[Link(ORIGINAL, "Source link")])
    records = by_url(link([target, pointing]))
    record = records[COPY]
    assert (record.relation, record.original_url, record.confidence) == ("unknown", None, 0)
    assert {"source-link", "unconfirmed"} <= kinds(record)
    assert records[ORIGINAL].relation == "unknown", "an unconfirmed pointer makes no original"
    assert record.cluster != records[ORIGINAL].cluster


def test_a_re_report_pointing_to_its_source_is_a_rewrite() -> None:
    source = Article(ORIGINAL, body=prose("port"))
    report = Article(
        COPY,
        body=prose("report", story="port"),  # the story's words and names, not its sentences
        links_out=[Link(ORIGINAL, "Source link")],
    )
    records = by_url(link([source, report]))
    record = records[COPY]
    assert (record.relation, record.original_url) == ("rewrite", ORIGINAL)
    assert record.confidence < 0.7
    assert records[ORIGINAL].relation == "original"


def test_a_pointer_to_a_page_never_archived_stands_alone() -> None:
    copy = Article(COPY, body=prose("port"), links_out=[Link(ORIGINAL, "Source link")])
    record = by_url(link([copy]))[COPY]
    assert (record.relation, record.original_url) == ("unknown", ORIGINAL)
    assert 0 < record.confidence <= 0.5


def test_pages_pointing_at_each_other_are_neither_copy_nor_own_original() -> None:
    text = prose("port")
    one = Article(ORIGINAL, body=text, links_out=[Link(COPY, "Source link")])
    other = Article(COPY, body=text, links_out=[Link(ORIGINAL, "Source link")])
    for articles in ([one, other], [other, one]):
        records = by_url(link(articles))
        for record in records.values():
            assert record.original_url != record.url
            assert (record.relation, record.original_url) == ("unknown", None)
            assert "shares-text" in kinds(record)
        assert records[ORIGINAL].cluster == records[COPY].cluster


def test_an_earlier_capture_inside_a_copy_of_the_update_is_a_version_not_a_copy() -> None:
    # The original page grows after its first capture; a copier copies the update and wraps
    # it in its chrome, so the first capture lies wholly inside the copy.
    paragraphs = prose("tariff", paragraphs=12).split("\n\n")
    first = Article(ORIGINAL, body="\n\n".join(paragraphs[:6]), fetched_at="2024-05-01T08:00:00Z")
    updated = Article(ORIGINAL, body="\n\n".join(paragraphs), fetched_at="2024-05-02T08:00:00Z")
    copy = Article(COPY, body=wrapped("\n\n".join(paragraphs)), fetched_at="2024-05-02T12:00:00Z")
    records = link([first, updated, copy, SIBLING])
    captures = [r for r in records if r.url == ORIGINAL]
    assert len(captures) == 2
    assert all(r.original_url is None for r in captures), "a page is never its own copy"
    assert all("version" in kinds(r) for r in captures)
    assert by_url(records)[COPY].original_url == ORIGINAL


MIRROR = "https://newsmirror.net/2024/05/port-tariff/"


def test_a_copy_of_a_copy_names_the_source_its_copier_names_though_never_archived() -> None:
    text = prose("port")
    first = Article(COPY, body=text, links_out=[Link(ORIGINAL, "Source link")])
    second = Article(MIRROR, body=text, links_out=[Link(COPY, "Source link")])
    records = by_url(link([first, second]))
    assert records[MIRROR].original_url == ORIGINAL
    assert records[MIRROR].relation == "verbatim"
    assert "via" in kinds(records[MIRROR])
    assert 0.5 < records[MIRROR].confidence < 0.9, "a step less sure than a link to it"
    assert records[COPY].relation != "original", "a page that names its source copies it"


def test_a_copiers_page_with_no_source_is_no_ones_original() -> None:
    # The copier's pages carry copy markers (its other page points to its source): a page of
    # it that a mirror copies is a copy too, of something never archived.
    text = prose("port")
    marked = Article(
        "https://dailyscoop.net/2024/05/other/",
        body=f"{prose('other')}\n\n[ad_1]",
        links_out=[Link("https://otherpaper.com/2024/05/other/", "Source link")],
    )
    unmarked = Article(COPY, body=f"{text}\n\n[ad_1]")
    mirror = Article(MIRROR, body=text, links_out=[Link(COPY, "Source link")])
    records = by_url(link([marked, unmarked, mirror]))
    assert records[COPY].relation != "original"
    assert "host-role" in kinds(records[COPY])
    assert records[MIRROR].original_url is None
    assert "copies-a-copy" in kinds(records[MIRROR])


def test_a_pointer_with_campaign_parameters_reaches_the_archived_page() -> None:
    text = prose("port")
    original = Article(ORIGINAL, body=text)
    copy = Article(COPY, body=text, links_out=[Link(f"{ORIGINAL}?utm_source=rss", "Source link")])
    record = by_url(link([original, copy]))[COPY]
    assert (record.original_url, record.relation) == (ORIGINAL, "verbatim")
    assert "points-to" in kinds(record)


def test_two_carriers_of_one_wire_story_are_not_each_others_original() -> None:
    # Two papers carry one Reuters story, a day apart; the wire's own page is not archived.
    text = prose("port")
    first = Article(
        ORIGINAL, body=text, credits=["BEIJING (Reuters) -"], published="2024-05-01T08:00:00Z"
    )
    later = Article(
        COPY, body=text, credits=["BEIJING (Reuters) -"], published="2024-05-02T08:00:00Z"
    )
    mirror = Article(MIRROR, body=text, links_out=[Link(ORIGINAL, "Source link")])
    records = by_url(link([first, later, mirror]))
    assert records[COPY].original_url is None
    assert records[ORIGINAL].relation != "original", "it carries the wire's story"
    assert records[MIRROR].original_url is None
    assert "copies-a-copy" in kinds(records[MIRROR])


def test_a_date_never_makes_a_full_text_the_copy_of_a_much_shorter_one() -> None:
    # A short re-report keeps four paragraphs of a story and adds its own: dated first, it is
    # still not what the full text was made from (both come from a page not archived).
    paragraphs = prose("tariff", paragraphs=24).split("\n\n")
    own = prose("comment", paragraphs=5, story="tariff").split("\n\n")
    short = Article(ORIGINAL, body="\n\n".join(paragraphs[:4] + own), published="2024-05-01")
    full = Article(COPY, body="\n\n".join(paragraphs), published="2024-05-03")
    records = by_url(link([short, full]))
    assert records[COPY].original_url is None
    assert "shares-text" in kinds(records[COPY])


def test_two_reports_sharing_one_long_quote_are_not_ordered_by_their_dates() -> None:
    quote = " ".join(prose("statement", paragraphs=4).split("\n\n"))  # one long quote
    first = Article(
        ORIGINAL, body=f"{prose('one', story='event')}\n\n{quote}", published="2024-05-01"
    )
    later = Article(COPY, body=f"{prose('two', story='event')}\n\n{quote}", published="2024-05-04")
    records = by_url(link([first, later]))
    assert records[COPY].original_url is None
    assert records[ORIGINAL].relation != "original"


def _day(day: int) -> str:
    return f"2024-05-{day:02d}T08:00:00Z"


def test_a_copy_is_not_tied_to_a_sibling_copy_on_a_host_that_keeps_coming_later() -> None:
    # relay.net republishes three papers' stories after them; a mirror cites it once. Its
    # page and a copier's copy of one original never archived are siblings: neither the
    # citation nor the earlier date makes relay.net's page the original.
    articles = []
    for n, paper in enumerate(("alpha-news.com", "beta-times.com", "gamma-post.com")):
        text = prose(f"story{n}")
        articles += [
            Article(f"https://{paper}/2024/05/story{n}/", body=text, published=_day(1)),
            Article(f"https://relay.net/2024/05/story{n}/", body=text, published=_day(3)),
        ]
    own = prose("relayed")
    relayed = "https://relay.net/2024/05/relayed/"
    articles += [
        Article(relayed, body=own, published=_day(4)),
        Article(
            "https://mirror.org/2024/05/relayed/",
            body=own,
            published=_day(6),
            links_out=[Link(relayed, "Source link")],
        ),
    ]
    text = prose("port")
    sibling = "https://relay.net/2024/05/port/"
    articles += [
        Article(sibling, body=text, published=_day(10)),
        Article(COPY, body=f"{text}\n\n[ad_1]", published=_day(12)),  # a copier's page
    ]
    records = by_url(link(articles))
    assert records[COPY].original_url is None
    assert records[sibling].relation != "original"
    assert records[COPY].cluster == records[sibling].cluster


def test_a_link_that_sends_the_reader_on_to_a_named_site_names_the_source() -> None:
    excerpt = Article(
        COPY,
        body=lede(prose("port"), paragraphs=4),
        links_out=[Link(ORIGINAL, "Continue reading at Harbor Gazette »")],
    )
    record = by_url(link([excerpt]))[COPY]
    assert record.original_url == ORIGINAL
    unnamed = Article(COPY, body=excerpt.body, links_out=[Link(ORIGINAL, "Continue reading »")])
    assert by_url(link([unnamed]))[COPY].original_url == ORIGINAL, "a source anchor as before"
    elsewhere = Article(
        COPY, body=excerpt.body, links_out=[Link(ORIGINAL, "Continue reading at Other Times")]
    )
    assert by_url(link([elsewhere]))[COPY].original_url is None


def test_a_page_whose_text_first_appeared_elsewhere_is_no_ones_original() -> None:
    # A spinner's page says where its text first appeared, on a site never archived; a
    # copier's later copy of the same text is its sibling, not its copy.
    text = prose("port")
    credited = "https://riversidepost.com/2024/05/port/"
    credit = "This article originally appeared on The Ashvale Times."
    articles = [
        Article(credited, body=spin(text, "port"), published=_day(1), credits=[credit]),
        Article(COPY, body=f"{text}\n\n[ad_1]", published=_day(3)),
        SIBLING,
    ]
    records = by_url(link(articles))
    assert records[credited].relation != "original"
    assert "first-appeared" in kinds(records[credited])
    assert records[COPY].original_url is None
    assert records[COPY].cluster == records[credited].cluster


def test_a_credit_line_naming_the_archived_site_points_to_it() -> None:
    original = Article(ORIGINAL, body=prose("port"), published=_day(1))
    credit = "The post Port tariff plan appeared first on Harbor Gazette."
    copy = Article(COPY, body=original.body, published=_day(1), credits=[credit])
    record = by_url(link([original, copy]))[COPY]
    assert (record.relation, record.original_url) == ("verbatim", ORIGINAL)
    assert "names-site" in kinds(record)


def test_a_pointer_to_a_page_never_archived_beats_a_sibling_copy_sharing_the_text() -> None:
    # The excerpt links to its source, which was never archived; a spinner's full copy of the
    # same source is archived and earlier: the excerpt's own link names its original.
    text = prose("port")
    sibling = Article("https://riversidepost.com/2024/05/port/", body=spin(text, "port"))
    excerpt = Article(COPY, body=lede(text, paragraphs=3), links_out=[Link(ORIGINAL, "Read More")])
    record = by_url(link([sibling, excerpt, SIBLING]))[COPY]
    assert record.original_url == ORIGINAL
    assert "via" in kinds(record)


def test_an_outlet_carrying_wire_stories_after_others_stays_the_origin_of_its_own() -> None:
    # metro-daily.com runs three Reuters stories a day after three other papers ran them: a
    # wire's subscribers, not copiers. Its own story, copied by an autoblog, is the original.
    articles = []
    for n, paper in enumerate(("alpha-news.com", "beta-times.com", "gamma-post.com")):
        text, dateline = prose(f"wire{n}"), ["LONDON (Reuters) -"]
        articles += [
            Article(
                f"https://{paper}/2024/05/wire{n}/",
                body=text,
                credits=dateline,
                published=_day(1 + n),
            ),
            Article(
                f"https://metro-daily.com/2024/05/wire{n}/",
                body=text,
                credits=dateline,
                published=_day(2 + n),
            ),
        ]
    own = "https://metro-daily.com/2024/05/port/"
    articles += [
        Article(own, body=prose("port"), published=_day(10)),
        Article(COPY, body=wrapped(prose("port")), published=_day(11)),
        SIBLING,
    ]
    records = by_url(link(articles))
    assert (records[COPY].original_url, records[COPY].relation) == (own, "verbatim")
    assert records[own].relation == "original"


def test_a_short_excerpt_found_whole_in_the_original_is_compared() -> None:
    # Under the 50 words two texts need to be compared at all, an excerpt of 30 words or
    # more found word for word in the original (an app's summary of the story) still is;
    # one that shares only half of its words stays apart.
    original = Article(ORIGINAL, body=prose("port"), published="2024-05-03")
    whole = lede(original.body, 1)
    half = " ".join([*whole.split()[: len(whole.split()) // 2], *prose("other").split()[:20]])
    assert 30 <= len(whole.split()) < 50
    assert 30 <= len(half.split()) < 50
    records = by_url(
        link(
            [
                original,
                Article(COPY, body=whole, published="2024-05-04"),
                Article("https://riversidepost.com/a/", body=half, published="2024-05-04"),
                SIBLING,
            ]
        )
    )
    assert (records[COPY].relation, records[COPY].original_url) == ("excerpt", ORIGINAL)
    assert records["https://riversidepost.com/a/"].original_url is None


def test_an_excerpt_the_story_points_past_is_as_sure_as_the_story_pointer() -> None:
    # The excerpt's shape alone says it is contained in the original; another member of the
    # story links to that original as its source: the excerpt's link is the story's proof,
    # as strong as any other member's (a weaker proof lost to a rival the story also names).
    original = Article(ORIGINAL, body=prose("port"), published="2024-05-03")
    pointer = Article(
        "https://riversidepost.com/a/",
        body=wrapped(original.body),
        links_out=[Link(ORIGINAL, "Source link")],
    )
    excerpt = Article(COPY, body=lede(original.body, 3), published="2024-05-04")
    record = by_url(link([original, pointer, excerpt, SIBLING]))[COPY]
    assert (record.relation, record.original_url) == ("excerpt", ORIGINAL)
    assert "story-points-to" in kinds(record)
