"""Aggregator chrome: every rule that keeps site furniture out of an article's body.

Two kinds of rule, each named for what it removes:
- `SelectorRule`: a class/id pattern; matching elements are pruned from the tree before the
  body is extracted (never an element that holds the article's main text block).
- `LineRule`: a pattern over one line of extracted text; matching lines are dropped, and a
  rule with `ends_article` drops everything after the line too (teaser lists, footers).
Rules are generic (class-name and wording patterns), each one seen on a seed page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.html import HtmlElement


@dataclass(frozen=True)
class SelectorRule:
    """Elements pruned before extraction: those with a class name or id that `token` matches.

    A token pattern says what a CSS class/id selector says (`.sidebar`, `[class*=share-]`),
    and all rules are checked in one pass over the elements that have a class or id: several
    times faster than evaluating one selector per rule."""

    name: str
    removes: str
    token: str  # regex, case-insensitive, matched against each class name and the id


@dataclass(frozen=True)
class LineRule:
    """Lines of extracted text dropped after extraction (whole line, case-insensitive)."""

    name: str
    removes: str
    pattern: str
    ends_article: bool = False
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))

    def matches(self, line: str) -> bool:
        """Whether the (stripped) line is this rule's chrome."""
        return self.regex.fullmatch(line.strip()) is not None


_CANDIDATES = etree.XPath("//body//*[@class or @id]")
_LONGEST_CHROME_LINE = 240
_NETWORKS = (
    r"facebook|twitter|x|x \(twitter\)|pinterest|linkedin|tumblr|e-?mail|reddit|telegram"
    r"|whatsapp|print|copy link|flipboard|pocket|messenger"
)

SELECTOR_RULES: tuple[SelectorRule, ...] = (
    SelectorRule(
        "share_buttons",
        "share-button rows (Facebook Twitter Pinterest ... Telegram, 'Share.')",
        r"(.+-)?share(-.+)?|sharedaddy|addtoany.*|social-share.*",
    ),
    SelectorRule(
        "related_posts",
        "'You might also be interested in...' / related-post lists",
        r"(.+-)?related-posts?(-.+)?|jp-relatedposts|yarpp-related",
    ),
    SelectorRule(
        "sidebar_widgets",
        "sidebar widgets: 'Popular Posts', category counts, archives",
        r"sidebar|widget(_.+)?|(.+-)?popular-posts",
    ),
    SelectorRule(
        "newsletter_box",
        "newsletter sign-up boxes",
        r"(.+[-_])?(newsletter|subscribe)([-_].+)?",
    ),
    SelectorRule(
        "partner_recommendations",
        "'Recommended from our partners' (Taboola, Outbrain)",
        r"taboola.*|outbrain.*|(.+-)?recommendations",
    ),
    SelectorRule(
        "prev_next_story",
        "'Previous Story / Next Story' navigation",
        r"(.+-)?prev-next(-.+)?|post-navigation|nav-links",
    ),
    SelectorRule(
        "more_from_site",
        "'Similar News' teasers, 'Latest from ...', 'Don't Miss' blocks",
        r"(.+-)?(similar|cont-read|dont-miss)(-.+)?",
    ),
)

LINE_RULES: tuple[LineRule, ...] = (
    LineRule("ad_markers", "autoblog ad slots: [ad_1], [ad_2]", r"\[ad_\d+\]"),
    LineRule("source_link", "the autoblog's 'Source link' anchor text", r"source link"),
    LineRule("read_more", "'Read more »' teaser links", r"(read more|continue reading)\s*[»›>…]*"),
    LineRule(
        "share_row",
        "share-button rows: 'Share. Facebook Twitter ...', 'Share.'",
        rf"share( this( article| story)?)?[.:!]?(\s*(?:{_NETWORKS}))*"
        rf"|(?:{_NETWORKS})(\s+(?:{_NETWORKS}))+",
    ),
    LineRule("also_read", "'ALSO READ: ...' cross-links", r"(also read|read also|see also)\s*:.*"),
    LineRule(
        "prev_next_story",
        "'Previous Story' / 'Next Story' navigation and everything after it",
        r"(previous|next) (story|post)",
        ends_article=True,
    ),
    LineRule(
        "category_counts",
        "category lists with post counts: 'Books (1,429)'",
        r"[\w&/' -]{1,40} \(\d{1,3}(,\d{3})*\)",
    ),
    LineRule(
        "region_headlines",
        "aggregator edition taglines: 'Malaysia Latest News, Malaysia Headlines'",
        r"[\w ]{2,30} latest news, [\w ]{2,30} headlines",
    ),
    LineRule(
        "investment_disclaimer",
        "'... does not provide investment advice.'",
        r".{0,60} does not provide investment advice\.?",
    ),
    LineRule(
        "newsletter_box",
        "newsletter prompts: 'Check out our free email newsletters'",
        r"(sign up|subscribe|check out|get)\b.{0,60}\bnewsletters?\b.{0,20}",
    ),
    LineRule(
        "teaser_list",
        "headings that start trailing teaser lists and everything after them: 'You might "
        "also be interested in...', 'Similar News:', 'Latest from ...', 'Popular Posts'",
        r"(you might also (be interested in|like)|related (posts|articles|stories)|popular posts"
        r"|recommended (for you|from our partners)|don[’']?t miss|more stories|trending now"
        r"|similar news:.*|latest from\b.{0,40})\W*",
        ends_article=True,
    ),
)


def prune(
    tree: HtmlElement, keep: HtmlElement | None, rules: tuple[SelectorRule, ...] = SELECTOR_RULES
) -> None:
    """Remove the rules' elements from `tree`, except `keep` and its ancestors.

    An element's tail text stays in place."""
    pattern = _token_pattern(rules)
    protected = set() if keep is None else {keep, *keep.iterancestors()}
    doomed = [e for e in _CANDIDATES(tree) if _matches(pattern, e) and e not in protected]
    for element in doomed:
        element.drop_tree()


def in_pruned_chrome(element: HtmlElement, keep: HtmlElement) -> bool:
    """Whether `prune(tree, keep)` removes this element, which lies inside `keep`."""
    pattern = _token_pattern(SELECTOR_RULES)
    for node in (element, *element.iterancestors()):
        if node is keep:
            return False
        if _matches(pattern, node):
            return True
    return False


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs without chrome lines; cut at the first line that starts trailing chrome."""
    kept: list[str] = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for line in paragraph.splitlines():
            rule = matching_rule(line)
            if rule is None:
                lines.append(line)
            elif rule.ends_article:
                _append(kept, lines)
                return kept
        _append(kept, lines)
    return kept


def matching_rule(line: str) -> LineRule | None:
    """The first line rule that matches this line, if any (chrome lines are short)."""
    if len(line) > _LONGEST_CHROME_LINE:
        return None
    return next((rule for rule in LINE_RULES if rule.matches(line)), None)


def _append(kept: list[str], lines: list[str]) -> None:
    text = "\n".join(lines).strip()
    if text:
        kept.append(text)


@cache
def _token_pattern(rules: tuple[SelectorRule, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{rule.token})" for rule in rules), re.IGNORECASE)


def _matches(pattern: re.Pattern[str], element: HtmlElement) -> bool:
    """Whether one of the element's class names or its id is chrome."""
    tokens = [*(element.get("class") or "").split(), *(element.get("id") or "").split()]
    return any(map(pattern.fullmatch, tokens))
