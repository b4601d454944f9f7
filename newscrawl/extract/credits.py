"""Photo and wire credit lines: an original's fingerprints that survive copying.

"Leah Millis | Afp | Getty Images" under a copied photo names the agency the original paid;
"(AP)" in a dateline or a lone "Reuters" line names the wire. Read from the raw tree
(credit-classed elements, figure captions) and from the body's own lines.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawl.extract.tree import in_chrome, normalize_space, text_of
from newscrawl.outlets import credit_names

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.html import HtmlElement


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(name) for name in names)


# Agency names come from the outlet register; these words mark a credit without naming anyone.
_CREDIT_WORDS = r"images|photos?|pictures|pool"
_AGENCIES = f"{_alternation(credit_names('wire', 'photo'))}|{_CREDIT_WORDS}"
_WIRES = _alternation(credit_names("wire"))
# "Leah Millis | Afp | Getty Images": short pipe-separated parts, one of them an agency.
_PIPED_CREDIT = re.compile(
    rf"(?=.*\b({_AGENCIES})\b)[^|\n]{{2,40}}(\s\|\s[^|\n]{{2,40}}){{1,3}}", re.IGNORECASE
)
# "Photo: Jane Doe/Reuters", "Credit: ...", a lone "Reuters" or "— AP" line.
_LABELLED_CREDIT = re.compile(
    rf"((photo|photograph|image|picture|credit)s?( credit)?\s*:\s*.{{2,80}}"
    rf"|[—–-]?\s*({_WIRES}))",
    re.IGNORECASE,
)
# A wire dateline: "WASHINGTON (AP) —", "BEIJING (Reuters) -" (names as the wires write them).
_DATELINE = re.compile(rf"\(({_WIRES})\)")
_LONGEST_CREDIT = 120
_CREDIT_XPATH = "//*[contains(@class, 'credit')] | //figcaption"


def markup_credits(tree: HtmlElement) -> list[str]:
    """Credits the markup labels: credit-classed elements, credit lines of figure captions.

    Read before chrome is pruned, and outside nav/header/footer/sidebar."""
    elements = [e for e in tree.xpath(_CREDIT_XPATH) if not in_chrome(e)]
    return _unique(line for element in elements for line in _from_element(element))


def text_credits(body: str) -> list[str]:
    """Credits in the body's own words: whole credit lines, wire datelines ("(AP)")."""
    lines = [line for line in body.splitlines() if is_credit(line.strip())]
    lede = body.split("\n\n", 1)[0]
    return _unique(lines + [f"({match.group(1)})" for match in _DATELINE.finditer(lede)])


def is_credit(line: str) -> bool:
    """Whether a whole line reads as a photo or wire credit (credits are short)."""
    if len(line) > _LONGEST_CREDIT:
        return False
    return bool(_PIPED_CREDIT.fullmatch(line) or _LABELLED_CREDIT.fullmatch(line))


def _from_element(element: HtmlElement) -> list[str]:
    """A credit-classed element's text; a caption's own credit-looking lines."""
    if "credit" in (element.get("class") or ""):
        return [text_of(element)]
    if element.xpath(".//*[contains(@class, 'credit')]"):
        return []  # its credit child is read on its own
    lines = [normalize_space(t) for t in element.itertext()]
    return [line for line in lines if is_credit(line)]


def _unique(lines: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(normalize_space(line) for line in lines if line.strip()))
