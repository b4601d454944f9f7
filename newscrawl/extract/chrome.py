"""Aggregator chrome: every rule that keeps site furniture out of an article's body.

Three kinds of rule, each named for what it removes:
- `SelectorRule`: a class/id pattern; matching elements are pruned from the tree before the
  body is extracted (never an element that holds the article's main text block).
- `STRUCTURE_RULES`: lists of other stories recognised by their shape, whatever their
  class names: runs of sibling blocks that each open with a link to a story, and the
  short heading over such a run; pruned from the tree like the selector rules.
- `LineRule`: a pattern over one line of extracted text; matching lines are dropped, and a
  rule with `ends_article` drops everything after the line too (teaser lists, footers). A
  rule with `credits` drops a line that names where the text came from ("This article
  originally appeared on ..."): it leaves the body but is kept among the article's credits,
  where provenance reads it.
Rules are generic (class-name, shape and wording patterns), each tested on markup of
several CMSs (tests/data/cms/).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.anchors import COLON, FIRST_APPEARED, READ_ON_LINE, SOURCE_WORDS
from newscrawl.extract.tree import long_paragraphs, text_of, word_count

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

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
    credits: bool = False
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))

    def matches(self, line: str) -> bool:
        """Whether the (stripped) line is this rule's chrome."""
        return self.regex.fullmatch(line.strip()) is not None


_CANDIDATES = etree.XPath("//body//*[@class or @id]")
# The same elements' class and id values, as plain strings (no element objects).
_CLASS_AND_ID_VALUES = etree.XPath("//body//*/@class | //body//*/@id", smart_strings=False)
# A teaser is a small block: a title link, maybe an image, a date, an excerpt.
_TEASER_NODES = 40
# Small blocks with a sibling and a link: teaser candidates (checked by `_is_teaser`).
_OPENING_LINKS = etree.XPath(
    "//body//*[self::a or self::p or self::li or self::div or self::article or self::h2"
    " or self::h3 or self::h4][preceding-sibling::*[1] or following-sibling::*[1]]"
    f"[not(descendant::*[{_TEASER_NODES}])][descendant-or-self::a[@href]]"
)  # positional steps, so that libxml2 stops at the first sibling, the 40th descendant
# A teaser may open with this many words before its link: a date, a category.
_LEAD_IN_WORDS = 4
# A story link's text has this many words at least ("Home", "Next" are navigation).
_STORY_LINK_WORDS = 4
# A teaser's link holds this share of its text at least (title, maybe a date and a line).
_STORY_LINK_SHARE = 0.3
# A card's "Read more" has this many words at most.
_READ_MORE_WORDS = 3
# A teaser heading's excerpt, in the block after it, has this many words at most.
_EXCERPT_WORDS = 80
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_CUT_SHORT = ("…", "...", "[…]", "[...]", "(…)", "(...)")  # how an excerpt ends
# Blocks of one template that each open with a link: this many in a row are a story list.
_TEMPLATE_RUN = 3
# A heading over a teaser list is this short ("Similar News", "More from Reuters").
_HEADING_WORDS = 8
_LONGEST_CHROME_LINE = 240
# What opens a line before its words: a list item's bullet ("- ", as trafilatura writes list
# items), a channel's emoji ("📢 Source: X", "👉 Join us").
_BULLET = re.compile(
    r"^\s*(?:[-•*]|[\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]+\ufe0f?)\s+"
)
# A table row of one cell, as trafilatura writes it: "| Photo: X |" (a layout table's line).
_ONE_CELL_ROW = re.compile(r"\|\s*([^|\s][^|]*?)\s*\|")
# Where a sentence ends inside a line: after ".", "!" or "?" and a space, or after "。".
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[。！？])(?=\S)")
# A label before a story link in a paragraph of its own is this short ("Lesen Sie auch:"),
# before several such links this ("À lire également sur le même sujet :").
_LABEL_WORDS = 5
_LIST_LABEL_WORDS = 8
_SEPARATORS = " |·•,;–—-"
_NOWHERE = ("#", "?", "mailto:", "javascript:")
# A row of a table of other stories holds its link and this many words more (time, source).
_TABLE_ROW_WORDS = 4
_PARAGRAPHS = etree.XPath("//body//p")
_SIGNUP_FORMS = etree.XPath("//body//form[.//input[@type='email']]")
# Links that wrap blocks: cards (a link inside a paragraph holds none).
_CARDS = etree.XPath(
    "//body//a[@href][not(starts-with(@href, '#'))][p or div or h2 or h3 or h4 or article]"
)
# A sign-up box shows this many words at most around its form.
_SIGNUP_WORDS = 40
_TABLES = etree.XPath("//body//table")
# Lists of two or more links that all lead to the page's own sections, and nothing else.
_CONTENTS = etree.XPath(
    "//body//*[self::ul or self::ol or self::nav][count(.//a[@href]) >= 2]"
    "[not(.//a[not(starts-with(@href, '#'))])]"
    "[not(.//text()[normalize-space()][not(ancestor::a)])]"
)
# The path of a site's listing page: a category, tag or section.
_LISTING_HREF = re.compile(
    r"/(categor(y|ie|ia|ies)|kategori(e|en)?|tags?|topics?|sections?|rubri(que|k|ken)"
    r"|secci(o|ó)n(es)?|themen?)/",
    re.IGNORECASE,
)
_LINKS_READING = etree.XPath("//body//a[normalize-space(.) = $text]")
# A kicker names a section in this many words at most.
_KICKER_WORDS = 3
# "Read also" labels that stand on a line of their own, without a colon, over their link.
_READ_ALSO_ALONE = (
    r"читайте также|اقرأ أيضا\S*|यह भी पढ़ें|leggi anche|lees ook|lesen sie auch|lee también"
    r"|leia também|(?:à )?lire aussi|also read|read also|čtěte (?:také|též)"
    r"|zobacz (?:też|także|również)|(?:같이|함께) 보면 좋은 글|こちらの記事もどうぞ"
    r"|(?:あわせて|合わせて)読みたい|往期推荐"
    r"|more stories like this|more like this"
)
# Such a label alone on its line, maybe between arrows or dashes ("▼ 往期推荐 ▼").
_READ_ALSO_LABEL = rf"\W*(?:{_READ_ALSO_ALONE})\W*"
# Words of a heading in capitals ("WHY IT MATTERS:", "UPDATE:", "SIR:"), in no speaker label.
_NOT_A_SPEAKER = (
    r"AND|OR|THE|OF|IT|IS|TO|FOR|IN|ON|WHY|WHAT|WHAT['’]S|HOW|WHO|WHEN|WHERE|KEY|NEW|NEXT"
    r"|UPDATE|UPDATED|NOTE|NOTES|SIR|MADAM|BACKGROUND|CHANGES|IMPROVEMENTS|POINTS|MATTERS"
    r"|EDITOR['’]S|CORRECTION|CLARIFICATION|BREAKING|EXCLUSIVE|SUMMARY|FACTS|CONTEXT|WARNING"
    r"|FEATURES|FIXES|FUNCTIONALITIES|TAKEAWAYS|DISCLAIMER|PS|P\.S"
)
# A word of an agency's name in parentheses: "(Reuters)", "(Agence France-Presse)", "(dpa)";
# not a lower-case word ("(by changesets)", "(House of Representatives)") nor a letter.
_CREDITED = r"(?-i:(?![a-zß-öø-ÿа-яё])[^\W\d_][\w&.'’-]+|dpa|afp|ap|efe|ansa|apa|sda|epd|kna)"
# What a source label's word may be of: "News source:", "ख़बर का स्रोत:".
_SOURCE_OF = r"news|story|article|ख\S{0,2}बर का|समाचार का"
# What may follow a source label's word: "Fuente consultada:", "Source originale :".
_SOURCE_QUALIFIERS = (
    r"bài viết|consultad[ao]|original(?:e|es)?|d['’]origine|originale?|utilisée|used"
)
# "This article was first published by X. ..." with more after it: a subject, the verb, and
# the rest of the line (the host's words about the copy).
_FIRST_RAN = (
    r"(?:an? (?:earlier |shorter |longer )?version of )?"
    r"(?:(?:this|este|esta|cet|cette|dieser|diese|dieses|questo|questa|dit)"
    r" (?:article|story|post|piece|report|artículo|nota|texto|artigo|matéria|notícia|artikel"
    r"|beitrag|articolo|bericht|stuk|contenido|conteúdo|contenu|inhalt|contenuto|content)"
    r"|(?:the|o|a|het|el|la) (?:article|story|post|piece|report|artículo|nota|texto|artigo"
    r"|matéria|notícia|artikel|beitrag|articolo|bericht|stuk)"
    r" (?:below|above|you are reading|abaixo|acima|a seguir|hieronder|que sigue|ci-dessous))"
    r" .{0,40}?(?:(?:was )?(?:originally|first) (?:appeared"
    r"|published|ran)|se publicó (?:originalmente|primero)|fue publicad[oa] (?:originalmente"
    r"|primero)"
    r"|foi publicad[oa] originalmente|werd eerder gepubliceerd|verscheen eerder"
    r"|a d['’]abord été publiée?|erschien zuerst|(?:è )?apparso originariamente) .{1,400}"
)
# Not a line opening with a work's history: "Originally published in 1998, the book ..."
_ABOUT_A_WORK = (
    r"(?!(?:first|originally) (?:published|appeared|ran)\b[^.,;:]{1,80},"
    r" (?:the|an?|this|that|his|her|its|their|it|he|she|they)\b)"
)
# A transcript's production cues: "(SOUNDBITE OF MUSIC)", "[SPONSOR BREAK]", "(LAUGHTER)".
_PRODUCTION_CUES = (
    r"SOUNDBITE|MUSIC|LAUGHTER|APPLAUSE|CROSSTALK|BREAK|INAUDIBLE|UNINTELLIGIBLE|COMMERCIAL"
    r"|INTERRUPTION|PAUSE|CHEERING|BEGIN|END|VIDEO CLIP|AUDIO CLIP|FOREIGN LANGUAGE"
    r"|THROUGH INTERPRETER|BELL"
)
_NETWORKS = (
    r"facebook|twitter|x|x \(twitter\)|pinterest|linkedin|tumblr|e-?mail|reddit|telegram"
    r"|instagram|youtube|tiktok|threads|bluesky|mastodon|vk"
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
        "comment_section",
        "readers' comments and the comment form ('Comentarios', 'Leave a Reply'), a mailing"
        " list archive's replies",
        # (not "u-comment", microformats' mark of a reply, which a thread's own posts carry)
        r"(?!u-)(.+[-_])?(comments?|commentlist|comentarios|comentários|kommentare|commentaires"
        r"|commenti|reacties|yorumlar|replies|reply)([-_].+)?|disqus_thread|respond",
    ),
    SelectorRule(
        "host_notes",
        "the site's notes around the text, by their class: a disclosure, a donation ask, a"
        " correction or errata box, an editor's note, a notice ('Hinweis', 'aviso')",
        r"(.+[-_])?(disclosures?|donate(-ask)?|donations?|corrections?|errata|fe-de-errores"
        r"|editors?-notes?|editorial-notes?|hinweis|aviso)([-_].+)?",
    ),
    SelectorRule(
        "prev_next_story",
        "'Previous Story / Next Story' navigation",
        r"(.+-)?prev-next(-.+)?|post-navigation|nav-links",
    ),
    SelectorRule(
        "more_from_site",
        "'Similar News' teasers, 'Latest from ...', 'Don't Miss', 'Leggi anche' blocks",
        r"(.+-)?(similar|cont-read|dont-miss)(-.+)?"
        r"|(.+[-_])?(leggi[-_]anche|lesen[-_]sie[-_]auch|lire[-_]aussi|read[-_]also|also[-_]read"
        r"|see[-_]also|lee[-_]tambien|leia[-_]tambem)([-_].+)?",
    ),
)

STRUCTURE_RULES = {
    "story_link_run": "two or more sibling blocks (paragraphs, list items, cards) that each"
    " open with a link to a story: 'Similar News', related-post lists ('... Read more »')",
    "teaser_heading": "the short heading right over such a run: 'Similar News', 'Related',"
    " 'You might also like:', 'More from ...'",
    "story_link_line": "a paragraph that is only links to other stories, alone or after a"
    " short label: 'Related: <a>...</a>', 'Lesen Sie auch: <a>...</a>', 'À lire également :"
    " <a>...</a><br><a>...</a>'",
    "story_link_table": "a table whose rows are each one link to another story, beside a"
    " time or a source: a feed plugin's 'Weitere Meldungen'",
    "contents_list": "a table of contents (links to the page's own sections only) and its"
    " short heading: 'Inhaltsverzeichnis', 'Contents'",
    "signup_form": "a sign-up box: the small block around a form that asks for an e-mail"
    " address ('The Morning Brief ... Free. Unsubscribe anytime.')",
    "story_card": "a link that wraps a card of blocks (a picture, a headline, an excerpt) and"
    " leads to another story, inside the text or not",
    "section_kicker": "a line that is only a link to a category, tag or section page: the"
    " kicker over a headline ('World', 'Politik')",
}

# Words saying the article goes on in a later post or comment: "(continued in the next
# post)", "(rest in a comment below)", "the rest is in the first comment".
CONTINUED_ELSEWHERE = (
    r"\b(?:continued|continues|the rest|rest)\b(?: is)? (?:in|below)\b.{0,30}?"
    r"\b(?:post|comment|reply|message)s?\b"
)

LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "end_mark",
        "the mark that ends a press release or a wire story, and what follows it: '-30-',"
        " 'ENDS', '— END —', 'انتهای پیام/' ('###' is a blog's section break too:"
        " `separator_line`), '(end of article)'",
        r"-\s?30\s?-|انتهای پیام\s*/?|(?-i:[-–—]*\s*(?:ENDS?|-ENDS-)\s*[-–—]*)"
        r"|[(\[]?end of (?:the )?(?:article|story|text|report)[)\]]?",
        ends_article=True,
    ),
    LineRule(
        "framed_label",
        "a short label framed by dashes on a line of its own, which a layout puts between"
        " paragraphs: '— Advertisement —', '— story continues below —', '– Page 2 of 3 –'"
        " (after `end_mark`: '— END —' ends the article); not a section's numeral ('— II —'),"
        " a clause of dialogue ('— Je ne sais pas, dit-il —') nor a Chinese subtitle line",
        r"(?:[–—]{1,3}|-{2,3})\s*(?![IVXLC\d]+\s*[-–—])(?=[^\s.!?,–—-]*[^\W\d_])"
        r"[^\s.!?,–—\u3000-\u30ff\u4e00-\u9fff-][^.!?,–—\u3000-\u30ff\u4e00-\u9fff]{0,60}?"
        r"\s*[-–—]{1,3}",
    ),
    LineRule(
        "transcript_label",
        "a transcript's speaker label in capitals ('LENA BRANDT, HOST:'), its timestamps"
        " ('[00:04:52]') and production cues ('[SPONSOR BREAK]', '(SOUNDBITE OF MUSIC)'); a"
        " newsroom draft's empty field labels ('HED:', 'KEYWORDS:'); a shared chat's speaker"
        " labels ('You said:', 'ChatGPT said:')",
        rf"(?-i:(?!.*\b(?:{_NOT_A_SPEAKER})\b)[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .,'’-]{{1,60}}:)"
        r"|\[?\d{1,2}:\d{2}:\d{2}\]?"
        rf"|(?-i:[\[(](?:[A-Z ,'’-]{{0,40}} )?(?:{_PRODUCTION_CUES})\b[A-Z ,'’-]{{0,40}}[\])])"
        r"|(?:you|chatgpt|claude|gemini|copilot|the assistant|assistant) said:",
    ),
    LineRule(
        "page_jump",
        "a printed paper's jump line, kept by an archive's or an e-paper's text view:"
        " '[Continued from Page A1]', 'Continued on page 15', 'See page 4'",
        r"[\[(]?(?:continued|cont(?:['’]d|\.)) (?:from|on) (?:page|p\.) ?[A-Z]?\d{1,3}[\])]?\.?"
        r"|[\[(]?(?:see|turn to) (?:page|p\.) ?[A-Z]?\d{1,3}[\])]?\.?"
        r"|[*\s]*(?:sigue|contin[uú]a) en (?:la )?p[aá]gina \d{1,3}[*\s]*",
    ),
    LineRule(
        "reading_time",
        "a reading-time label: '5 min read', 'Reading time: about 4 minutes', 'Lesezeit: 3"
        " Minuten', '4 minutos de lectura'",
        r"(?:(?:estimated )?read(?:ing)? time|lesezeit|lesedauer|temps de lecture|koha e leximit"
        r"|tiempo de lectura|tempo di lettura|tempo de leitura|время чтения|okuma süresi)"
        r"\s*[:：]?\s*(?:about |approx\.? |ca\.? |~)?\d{1,2}\s*(?:min(?:ute)?s?|minuten|minutos"
        r"|minuti|minuta|минут\w*|dakika)\.?"
        r"|(?:about |~)?\d{1,2}[\s-]*min(?:ute)?s?\.? read"
        r"|\d{1,2} (?:min\.?|minuten|minutos|minuti|dakika) (?:lesezeit|de lectura|di lettura"
        r"|okuma)"
        r"|\d{1,2} (?:minutters|minuters|minutter) (?:læsning|läsning|lesning)"
        r"(?:\s*[-·|]\s*[\d.,]+ ord)?",
    ),
    LineRule(
        "comment_actions",
        "a comment's action row and counters: 'Like', 'Reply · Share', 'Like Reply 2h', 'View"
        " all 3 replies', 'Show replies (2)', its age alone ('2h')",
        r"(?:(?:like|reply|share|edit|delete|report|quote)\s*[·|]?\s*){1,4}"
        r"(?:\d{1,2}\s?[smhdw]|[a-z]{3} \d{1,2}, \d{4})?"
        r"|view (?:all|more|previous) (?:\d+ )?(?:replies|comments)|show (?:more )?replies \(\d+\)"
        r"|\d{1,2}\s?(?:[smhdw]|min|hrs?)",
    ),
    LineRule(
        "video_player",
        "a video page's player time ('0:00 / 6:42'), its chapter list from '0:00 Intro' on,"
        " its 'Includes paid promotion' label",
        r"(?:\d{1,2}:)?\d{1,2}:\d{2}\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{2}|includes paid promotion"
        r"|0:00 (?-i:[A-Z])[^.!?\d]{0,40}(?:\s+(?:\d{1,2}:)?\d{1,2}:\d{2} [^.!?\d]{1,40})*",
    ),
    LineRule(
        "desk_note",
        "a newsroom's notes to itself in a published draft: 'TK: reaction from the ministry',"
        " 'SLUG: WORLD-0428', 'DEK: ...', 'Suggested post: ...', and its comments, '[a]Checked"
        " with the desk'",
        r"(?-i:(?:SLUG|BUDGET|BYLINE|STATUS|EMBARGO|HED|DEK|SEO HED|TK|KEYWORDS|SOCIAL"
        r"|SOURCES)\s?:.{0,200})"
        r"|(?:suggested (?:post|tweet|headline)|social copy)\s*:.{0,300}"
        r"|(?-i:\[[a-z]\]).{1,300}",
    ),
    LineRule(
        "bracketed_note",
        "an editor's note in square brackets on a line of its own, led by a label in capitals"
        " ('[EDITOR: confirm this]', '[INSERT MAP: ...]') or naming the editors ('[Les"
        " intertitres sont de la rédaction.]'), a comment's anchor after it ('[a]'); not an"
        " author's aside ('[Irony: ...]', '[insert your name here]'); a forum moderator's note"
        " ('(mod note: ...)')",
        r"(?-i:\[[A-Z][A-Z ]{1,30}[\w ]{0,20}:[^\[\]]{1,300}\])(?:\[[a-z]\])?"
        r"|\[[^\[\]]{0,200}\b(?:editors?|editorial|rédaction|redaktion|redacción|redazione"
        r"|redação|toimituksen|redakcji|redacției|szerkesztőség\w*|uredništva|redakcija)\b"
        r"[^\[\]]{0,200}\]"
        r"|\((?:mod|moderator|admin)(?:['’]s)? note\s*:[^()]{1,200}\)",
    ),
    LineRule(
        "continuation_note",
        "a forum poster's note that the article goes on in a later post or comment, and the"
        " label over that part: '(continued in the next post)', 'Part two:', '(continued)';"
        " a note that the text goes on after a player: '(continued below the audio)'",
        rf"\(?.{{0,80}}{CONTINUED_ELSEWHERE}.{{0,80}}"
        r"|\(?(?:part (?:two|2|ii)|continued|continuation)\)?\s*[:.]?"
        r"|\(?(?:story |article )?continue[sd]? (?:below|after) (?:the )?(?:audio|video|player"
        r"|image|photo|gallery)\)?",
    ),
    LineRule(
        "transcript_notice",
        "a transcript's notice: 'This is a rush transcript ...', 'Transcripts are created on a"
        " rush deadline ...'",
        r".{0,40}\brush transcript\b.{0,240}"
        r"|transcripts? (?:are|is) (?:created|produced|provided|prepared)\b.{0,240}",
    ),
    LineRule(
        "desk_initials",
        "the editors' initials a desk puts under a story: 'এসএইচ/এমকে', 'AB/CD', dpa's 'ae/rkl'"
        " (not 'N/A', not 'Email/IMs', not 'and/or')",
        r"(?-i:[^\s/\d.,:;!?a-z]{2,6}(?:/[^\s/\d.,:;!?a-z]{2,6}){1,3})"
        r"|(?!and/or$)(?-i:[a-z]{2,3}/[a-z]{2,3})",
    ),
    LineRule(
        "staff_credit",
        "the desk's credits under a Chinese post: '编辑｜李晓雯 审核｜周明远', '责任编辑：X'",
        r"(?:(?:(?:责任)?编辑|审核|校对|排版|美编|监制|统筹|终审)\s*[｜|:：]\s*\S{1,12}\s*){1,6}",
    ),
    LineRule(
        "market_notice",
        "a stock-exchange announcement's notices: 'This announcement does not contain inside"
        " information.', 'Non-regulatory announcement.'",
        r"(?:non-regulatory announcement\.?\s*)?this announcement (?:does not contain|contains)"
        r" inside information\b.{0,200}|non-regulatory announcement\.?",
    ),
    LineRule(
        "opinion_disclaimer",
        "an opinion page's disclaimer and series note: 'The views expressed in this column are"
        " the author's own ...', 'This column is part of X, a series of ...'; a disclaimer"
        " ('Disclaimer: ...', '(डिस्क्लेमर: ...)')",
        r".{0,40}\bthe (?:views|opinions) expressed (?:in this (?:column|article|piece|essay"
        r"|commentary|post|op-ed|analysis)"
        r"|here(?:in)?) are (?:(?:solely|entirely|only) )?(?:the author['’]s|those of|(?:his|her"
        r"|their|my) own|not necessarily)\b.{0,200}"
        r"|this (?:column|essay|story|article|piece) is part of .{1,200}"
        r"|本文(?:仅)?代表(?:原)?作者(?:个人)?观点.{0,200}|文中观点不代表本(?:号|站|网)立场.{0,100}"
        r"|мнение редакции (?:может )?не совпада\w* .{0,300}"
        r"|تنويه\s*[:：](?=.{0,200}(?:رأي|يعبر|يعبّر|مسؤولي|منقول|آلي|المصدر|الموقع|سياس)).{1,300}"
        r"|[(（]?(?:disclaimer|haftungsausschluss)\s*[:：].{0,200}\b(?:views?|opinions?|advice"
        r"|informational|reflect|responsib\w*|liab\w*|affiliat\w*|endorse\w*|accuracy"
        r"|intended|construed)\b.{0,200}|[(（]?(?:डिस्क्लेमर|अस्वीकरण)\s*[:：].{1,230}",
    ),
    LineRule(
        "ad_markers",
        "ad slots and their labels: '[ad_1]', 'Advertisement', '- Anzeige -', 'Реклама',"
        " 'विज्ञापन', '广告', 'Story continues below advertisement', 'Sponsored · X',"
        " 'Together with X', 'Advertisement - scroll to continue', 'Story continues after this"
        " message', 'ESPACIO PUBLICITARIO', 'Haberin devamı reklamın ardından', 'Článek"
        " pokračuje pod reklamou'",
        r"\[ad_\d+\]|[-–—\s]*(?:advertisement|advertising|anzeige|werbung|publicidad"
        r"|publicité|pubblicità|publicidade|anúncio|anuncio|reklama|reklam|iklan|advertentie"
        r"|patalastas|reclamă|hirdetés|mainos|oglas|publicitat|annonce|reklamë"
        r"|annonse|annons|advertensie"
        r"|реклама|إعلان|विज्ञापन|quảng cáo|广告|廣告|広告|スポンサーリンク|광고)[-–—\s]*"
        r"|story continues below(?: advertisement)?"
        r"|(?:sponsored|gesponsert|patrocinado|sponsorisé|sponsorizzato|noddwr)"
        r"(?:\s*[·|:–-]\s*.{1,60})?"
        r"|(?:together with|presented by|in partnership with) (?-i:[A-Z])[^,.!?;]{0,40}"
        r"|continue reading the main story"
        r"|la suite (?:du diaporama|de l['’]article) après cette publicité"
        r"|(?:advertisement|advertising)\s*[-–—:]\s*(?:scroll|continue)[\w ]{0,30}"
        r"|(?:article|story) continues (?:below|after) (?:the |this )?(?:ad|advert|advertisement"
        r"|message|sponsor message|video)"
        r"|(?:espacio|espaço|espace|spazio) publicit[aá]ri[oa]|publicitaire"
        r"|(?:annuncio|contenuto) sponsorizzato|(?:anuncio|contenido) patrocinado"
        r"|conteúdo patrocinado"
        r"|(?:la noticia|el artículo|la nota) continúa (?:tras|después de|debajo de) (?:el|la)"
        r" (?:anuncio|publicidad)"
        r"|haberin devamı (?:reklamın ardından|reklamdan sonra)"
        r"|ख\S{0,2}बर आगे जारी है(?:,? नीचे पढ़ें)?"
        r"|(?:článek|text) pokračuje pod reklamou|continua (?:após a|depois da) publicidade"
        r"|(?:advertise (?:here|with us)|anuncie aqui|annoncez ici|werben sie hier)\b.{0,60}"
        r"|[-–—\s]*(?:articolul continuă după reclamă|artikeln fortsätter efter annonsen"
        r"|nadaljevanje članka pod oglasom|continua després de la publicitat"
        r"|a cikk a hirdetés után folytatódik|artikkeli jatkuu mainoksen jälkeen"
        r"|članak se nastavlja ispod oglasa|raksts turpinās pēc reklāmas"
        r"|artikulli vazhdon më poshtë|статията продължава след рекламата"
        r"|greinin heldur áfram fyrir neðan|maqola reklamadan keyin davom etadi)\.?[-–—\s]*"
        r"|\(greinin heldur áfram fyrir neðan\)"
        r"|\{load(?:position|module) [^{}]{1,60}\}"
        r"|der artikel (?:geht|wird) (?:unter|nach) der (?:anzeige|werbung) (?:weiter|fortgesetzt)"
        r"|el artículo continúa (?:debajo|después) del anuncio"
        r"|l['’]articolo continua dopo la pubblicità",
    ),
    LineRule(
        "source_link",
        "the autoblog's 'Source link' and WPeMatico's 'Go to Source' anchor texts, a video"
        " description's 'Read the original: <url>'",
        r"source link|go to source|supply hyperlink|source hyperlink"
        r"|ler (?:o )?artigo original(?:\s*\|.{0,100})?"
        r"|read the original(?: article| story| report| post)?(?: here| at| on)?\s*[:：]?"
        r"(?:\s*https?://\S+)?",
    ),
    LineRule(
        "read_more",
        "'Read more »', 'Weiterlesen bei X →' teaser and read-on links (not 'Read more from"
        " X', a brand's promo); 'Lire l'article sur le site de X'",
        rf"{READ_ON_LINE}"
        r"|(?:see|read|view|get) the (?:full|complete|whole|entire) (?:story|article|report|piece)"
        r" (?:at|on) (?:the )?(?-i:[A-Z])[^,;]{0,60}?\s*[.!»›→]?"
        r"|(?:read the (?:full )?article|lire l['’]article"
        r"|den (?:ganzen )?artikel lesen|leer el artículo|leggi l['’]articolo)"
        r" (?:on|sur(?: le site de)?|auf|en|su) .{1,100}"
        r"|ver (?:a )?not[ií]cia (?:completa|na íntegra)(?: n[oa] .{1,60})?"
        r"|haber[iİ]n devami [iİ]ç[iİ]n tiklayiniz|haberin devamı için tıklayınız"
        r"|(?:basahin ang buong (?:balita|artikulo)|preberite celoten članek"
        r"|citește (?:tot )?articolul|läs hela artikeln|lue koko artikkeli"
        r"|olvassa el a teljes cikket|llegeix l['’]article"
        r"|pročitajte cijeli članak)(?: (?:sa|na|pe|på|a|en) .{1,80})?\s*[»›→]?"
        r"|читати (?:першоджерело|повністю|далі)|читать (?:первоисточник|полностью|далее)"
        r"|(?:karanta ainihin labarin|прочитајте цео текст)(?: (?:a|на) .{1,80})?"
        r"|(?:मूल समाचार पढ्नुहोस्|прочитај ја целата вест(?: на изворот)?|эх сурвалжаас унших"
        r"|អានអត្ថបទដើម|darllenwch y (?:gwreiddiol|stori lawn))\s*[»›→]?",
    ),
    LineRule(
        "appeared_first_on",
        "feed footers and syndication lines: 'The post ... appeared first on ...', 'This "
        "article originally appeared in ...', 'Dieser Artikel erschien zuerst bei ...'; such a"
        " sentence with the host's words after it ('Este artículo se publicó originalmente en"
        " X. Lo reproducimos íntegro ...')",
        # not a sentence about a work: "First published in 1851, the novel ..."
        rf"(?!.{{0,40}}\b(?:published|appeared|ran) in \d{{4}}, (?-i:[a-z]))"
        rf"{_ABOUT_A_WORK}"
        rf"(?:{FIRST_APPEARED.pattern}|{_FIRST_RAN})",
        credits=True,
    ),
    LineRule(
        "share_row",
        "share-button rows: 'Share. Facebook Twitter ...', 'Share.'",
        rf"(?:share|partilhe|compartilhe|comparte|compartir|partager|teilen|condividi)"
        rf"( this( article| story)?)?[.:!]?([\s·|,]*(?:{_NETWORKS}))*|like this[.:!]?"
        rf"|(share (to|on)|email this|blogthis!)\s*(?:{_NETWORKS})?"
        rf"|(?:{_NETWORKS})(\s+(?:{_NETWORKS}))+(?<!\b(?:x x|X X))"
        r"|(?:follow us|bizi takip edin|síguenos|suivez-nous|folgen sie uns|seguici|siga-nos)"
        rf"(?: on| en| sur| auf| su| no)?\s*:?\s*(?:{_NETWORKS})(?:\s*[|·,/]\s*(?:{_NETWORKS}))*"
        r"|微信扫一扫.{0,20}|(?:扫码)?关注(?:该|本)?公众号.{0,20}"
        r"|.{0,20}(?:点赞|在看|三连).{0,30}",
    ),
    LineRule(
        "also_read",
        "'ALSO READ: ...' cross-links and their labels: 'Lesen Sie auch:', 'À lire aussi :'",
        r"(also read|read also|see also|related|read next|previously on this blog"
        r"|lesen sie auch|auch interessant"
        r"|mehr zum thema|(?:à |a )?lire aussi|voir aussi|lee también|lea también"
        r"|te puede interesar|leggi anche|leia também|veja também|czytaj (?:także|też|również)"
        rf"|les også|läs också|lees ook|смотрите также|читайте також|{_READ_ALSO_ALONE}"
        r"|xem thêm|đọc thêm|関連記事|相关阅读|相关新闻|延伸阅读|čtěte (?:také|též)|basahin din"
        r"|lasiet arī|lexoni gjithashtu|loe ka|lesið einnig|прочетете още|прочитајте (?:још|уште)"
        r"|přečtěte si (?:také|též)|you (?:may|might) (?:also )?be interested(?: in)?"
        r"|baca juga|simak juga|lihat juga|(?:à )?lire également(?: sur notre site)?"
        r"|weiterlesen|관련 기사|おすすめ記事|猜你喜欢|推荐阅读"
        r")\s*[:：|].*|trending now\s*[:：|]\s*(?:.{1,300}(?:keep reading|read more)\s*[»›→]?)?"
        rf"|【関連(?:記事|ニュース)】.*|{_READ_ALSO_LABEL}",
    ),
    LineRule(
        "prev_next_story",
        "'Previous Story' / 'Next Story' navigation and everything after it",
        r"(previous|next) (story|post)",
        ends_article=True,
    ),
    LineRule(
        "category_counts",
        "category lists with post counts: 'Books (1,429)'",
        r"[\w&/' -]{0,40}[^\W\d_][\w&/' -]{0,40} \(\d{1,3}(,\d{3})*\)",
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
        "newsletter prompts and an e-mail's footer: 'Check out our free email newsletters',"
        " 'Get the day's stories in your inbox ...', 'Free daily newsletter', 'skip past"
        " newsletter promotion', 'Privacy Notice: Newsletters may contain ...', 'You received"
        " this alert because ...', 'To unsubscribe send an email to ...', 'X mailing list --"
        " x@lists.example'",
        r"(sign up|subscribe|check out|get)\b.{0,60}\bnewsletters?\b.{0,20}"
        r"|newsletter\s*:.{1,200}"
        r"|(?:get|receive|sign up|subscribe)\b.{0,80}\b(?:news|stories|headlines|newsletters?"
        r"|briefings?|digest|updates|edition|the best of)\b.{0,60}\b(?:in|to|into) your inbox\b"
        r".{0,160}"
        r"|(?:free )?(?:daily |weekly |morning |evening )?newsletter"
        r"|(?:skip past|after) newsletter promotion|privacy notice: newsletters? may .{0,300}"
        r"|our (?:daily|weekly|morning|evening) (?:e-?mail|newsletter) .{0,200}"
        r"|(?:issue|edition)\s*#?\d{1,4}\s*[·|•–-]\s*[^.!?]{0,40}"
        r"|(?:hi|hey|hello|dear) (?:friends|all|everyone|readers|folks|there)[,!]?"
        r"|(?:until next (?:week|time)|see you (?:next (?:week|time|\w+day)|soon|tomorrow)|talk"
        r" soon|warmly)[,!.]?(?:\s*[—–-]?\s*(?-i:[A-Z])\w+)?"
        r"|you (?:received|are receiving|have received|get) this (?:alert|e-?mail|message"
        r"|newsletter)\b.{0,80}\bbecause\b.{0,200}"
        r"|to unsubscribe,? (?:send|e-?mail|click|visit|go to|reply)\b.{0,150}"
        r"|to unsubscribe from (?:this|our) (?:list|newsletter|mailing list|alerts?)\b.{0,150}"
        r"|.{1,60} mailing list\s*(?:--|-|:)\s*\S+@\S+"
        # The links of an e-mail's footer: "Unsubscribe · Update your profile".
        r"|(?:(?:unsubscribe|update your (?:profile|preferences)|manage (?:your )?(?:subscription"
        r"|preferences)|view (?:this e-?mail )?in (?:your )?browser)\s*[·|•]?\s*){1,3}",
    ),
    LineRule(
        "call_to_action",
        "appeals to the reader: 'Have a news tip? Email ...', 'If you enjoyed this story, ...'"
        ", 'We rely on readers like you. Donate today ...', 'Want these by email? Subscribe ...'"
        ", 'Siga o X no Google Notícias', 'Подписывайтесь на X в Дзене'",
        r"(?:[^.?!]{0,80}\?\s*)(?:subscribe|sign up|donate|únete|súmate|sumate|suscríbete"
        r"|inscreva-se|abonnez-vous|hit reply"
        # a verb that is also a noun ("Email scams cost ...", "Forward Jayson Tatum is ..."):
        # an imperative, with its object or where to
        r"|(?:email|e-mail|forward|reply)"
        r"(?= (?:us|me|it|this|them|the|your|our|a|an|to|with|at|by|here|below)\b))"
        r"\b.{0,160}"
        r"|[^.?!]{0,80}\?\s*(?:[^?]{0,120}[.!]\s+)?submit (?:your|a) (?:draft|story|pitch|article"
        r"|post)\b.{0,120}"
        r"|(?:[^.?!]{0,80}\?\s*)(?:back|support) (?:this|the|our|my) (?:writer|author|creator"
        r"|journalist|newsroom|work|journalism)\b.{0,160}"
        r"|follow \S+(?: \S+)? to get (?:new|more|their|her|his|my) (?:stories|posts|articles"
        r"|updates)\b.{0,200}"
        r"|if you (?:enjoyed|liked|found|value) this (?:story|article|post|piece|newsletter)"
        r".{0,160}"
        r"|.{0,120}\bwe rely on (?:readers|donations|supporters|members)\b.{0,160}"
        r"|thanks for reading\b.{0,200}|swipe (?:up|left|right) (?:for|to)\b.{0,40}"
        r"|(?:sign up|subscribe) (?:for|to) (?:our|the) .{1,160}"
        r"|that['’]s (?:all|it) for (?:today|this week|now)[.!]?(?:\s+(?:see you|until|talk to you"
        r"|back|catch you|have a (?:good|great|nice))\b.{0,40})?"
        r"|.{0,160}\bplease consider (?:becoming|supporting|subscribing|donating|making)\b.{0,160}"
        r"|listen to this (?:article|story)\b.{0,40}"
        r"|.{0,60}\b(?:summary|summarized|summarised|takeaways?) (?:was |were |is |are )?"
        r"(?:written|generated|created|produced) (?:by|with|using) (?:our |an )?(?:ai|artificial"
        r" intelligence)\b.{0,200}"
        r"|by (?:signing up|subscribing|clicking|registering)\b.{0,200}\b(?:terms|privacy)\b"
        r".{0,200}"
        r"|republish this (?:story|article)\b.{0,300}"
        r"|did you find this (?:article|story|post) (?:valuable|useful|helpful)\?"
        r"|support .{1,60} by becoming a (?:sponsor|member|patron|supporter)\b.{0,100}"
        # A newsletter's referral box: "You currently have 0 referrals, ...".
        r"|you (?:currently )?have \d+ referrals?\b.{0,160}"
        r"|(?:or )?copy and paste this link\b.{0,60}"
        r"|(?:folge|folgen sie|follow|síguenos|suivez-nous) (?:uns |us )?(?:auf|on|en|sur)"
        r" google news"
        r"|(?:по)?ставьте лайк\w*\b(?=[,!]?\s*(?:если|и подпис|чтобы|нам\b|автору"
        r"|(?:эт\w+ )?(?:статье|материалу|публикации|посту|видео)\b))"
        r"(?!.*\b(?:фраз\w*|блогер\w*|юрист\w*|суд\w*|предупрежда\w*|пояснил\w*|заявил\w*"
        r"|сказал\w*)\b).{0,240}"
        r"|.{0,80}\bis (?:listener|reader|viewer|member|audience)[- ]supported\b.{0,240}"
        r"|.{0,200}\b(?:become a (?:member|supporter|patron)|donate|make (?:a|your) gift)"
        r" (?:today|now)\b.{0,160}"
        r"|start (?:your )?free(?: \d+-day)? trial|unirme al canal"
        r"|हमारे (?:व्हाट्सऐप|व्हाट्सएप|टेलीग्राम) (?:चैनल|ग्रुप) से जुड़ें.{0,200}"
        r"|(?:join our (?:telegram |whatsapp )?(?:channel|group|community)|kanalımıza katılın"
        r"|подписывайтесь на (?:наш|наше|нашу|нас\b|.{1,60}\b(?:в|на) (?:дзен|телеграм|telegram|vk"
        r"|вконтакте|max)\w*)|únete a nuestro canal"
        r"|rejoignez notre (?:chaîne|canal|communauté)).{0,160}"
        r"|follow .{1,60}['’]s? (?:\w+ )?(?:coverage|updates|reporting) (?:at|on) .{1,100}"
        # "Don't miss the latest news, follow X on Google News": a follow line for a channel.
        r"|(?:spotted|found|see|noticed?) an? (?:error|mistake|typo)(?: (?:in|on) (?:this|our|the)"
        r" (?:article|story|page|post|copy|imported copy|report(?:ing)?))?\s*\?\s*(?:let us know"
        r"|tell (?:us|the desk|the editors?)|contact us|e-?mail|write to|report it|send us|click"
        r"|highlight|please)\b.{0,120}"
        r"|(?:(?:jangan lewatkan|don['’]t miss|no te pierdas|não perca)[^.!?]{0,60}[,.!]\s*"
        r"|[^.!?:]{0,80}\b(?:news|updates|latest|alerts|headlines|notícias|noticias|nachrichten"
        r"|actualités|berita|novità)\b[^.!?:]{0,40}:\s*)?"
        r"(?:(?:follow|ikuti|siga|sigue|seguí|suivez|folgen sie|folge)(?:-(?:nous|nos|us))?\s+"
        r"(?:\S+\s+){0,5}?(?:on|di|no|na|en|sur|auf|in|at|em|su|op|på)"
        r"|segui(?:ci)?\s+(?:\S+\s+){0,5}?su)\s+(?:(?:the|our|el|la|le|o|a|il|dem"
        r"|nuestro|notre|unserem)\s+)?"
        r"(?:google (?:news|notícias|noticias|actualités|nachrichten)|whatsapp|telegram|facebook"
        r"|twitter|instagram|youtube|tiktok|linkedin|threads|bluesky)\b.{0,160}",
    ),
    LineRule(
        "byline_or_date",
        "a byline or a date on a line of its own: 'par Claire Durand', '28 avril 2024',"
        " 'Jakarta -', '(wcn/wcn)', a video's length '02:15', 'Published April 28, 2024',"
        " '(ANSA) - ROMA, 05 GEN -'",
        r"(?:(?:written )?by|par|von|por|di|af|av|door|(?:author|autor|auteur|autore|автор)\s*:)"
        r"\s+(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w.'’-]*){1,3})"
        # "Published April 28, 2024 Updated ...", "Last updated 28 April 2024"
        r"|über dieses thema berichtete .{1,200}"
        r"|(?:data di pubblicazione|fecha de publicación|data de publicação|date de publication)"
        r"\s*:\s*\S.{0,100}"
        r"|(?:(?:first )?(?:published|updated|last updated|posted)(?: on)?:?\s+\S[^\n]{0,24}?\d"
        r"[^\n]{0,40}?\s*){1,2}(?:\+ show all updates)?"
        # An agency's dateline on a line of its own: "(ANSA) - ROMA, 05 GEN -"
        r"|[（(][A-Z]{2,6}[)）]\s*[-–—]\s*[\w ]{2,30},\s*\d{1,2}\s+\w{3,9}\.?\s*[-–—]"
        r"|(?:[^\W\d]{3,12},\s+)?(?:\d{1,2}\.?\s+[^\W\d]{3,12}\.?\s+\d{4}"
        r"|[^\W\d]{3,12}\.?\s+\d{1,2},?\s+\d{4}"
        r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
        r"(?:\s*[,|·–-]?\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
        # A dateline cut from its paragraph ("Jakarta -"), an editor's initials ("(wcn/wcn)").
        r"|(?!dear\b)(?-i:[A-Z][\w.]+(?:\s[A-Z][\w.]+){0,2})\s*[-–—]|\((?:[a-z]{2,4}/)+[a-z]{2,4}\)"
        r"|\d{1,2}:\d{2}(?::\d{2})?|written by"
        # an embedded post's signature: "— Original Example (@original_example) April 27, 2024"
        r"|[—–-]\s*[^()]{1,60} \(@\w{1,30}\) (?-i:[A-Z])[a-z]{2,8}\.? \d{1,2}, \d{4}"
        # An editor's or compiler's credit in Chinese or Thai: "责任编辑：X", "เรียบเรียงโดย: X"
        r"|(?:责任编辑|编辑|记者|作者|เรียบเรียงโดย|ผู้เขียน)\s*[:：].{1,60}",
    ),
    LineRule(
        "source_credit",
        "an aggregator's source line: 'Source: X', 'Fuente consultada: X', 'ख़बर का स्रोत: X',"
        " 'Quelle: X | Lizenz: ...', "
        "'Kaynak: X', 'Источник: X', '本文来源：X', 'Via X, h/t Y', '(Reuters)', '— reports X'"
        " (kept among the credits)",
        r"(?!ソース\s*[:：].*[、\d])(?!origem\s*:(?!.*\bpublicad[oa]\b))"
        rf"(?:(?:{_SOURCE_OF})\s+)?(?:{SOURCE_WORDS})(?:\s+(?:{_SOURCE_QUALIFIERS}))?\s*{COLON}\s*"
        r"(?:[^.!?。]|[.](?!\s)){0,100}"
        r"|(?:via|h/t|hat tip:?)\s+(?:[^.!?]|[.](?!\s)){1,60}"
        r"|[—–-]\s*(?:reports?|as reported by|according to)\s+(?:[^.!?]|[.](?!\s)){1,60}"
        rf"|[（(](?!(?:none|unknown)[)）]){_CREDITED}(?:\s+{_CREDITED}){{0,2}}[)）]\.?"
        r"|dpa-infocom,? dpa:[\d-]+/\d+",
        credits=True,
    ),
    LineRule(
        "breadcrumb",
        "a breadcrumb trail: 'Front Page > World > Story #884021', 'Home » News » Politics'",
        r"(?:[^<>»›|]{1,30}?\s[>»›]\s){2,}[^<>»›|]{1,40}",
    ),
    LineRule(
        "page_tools",
        "a row of the page's tools: 'Printer friendly version | E-mail this story to a friend"
        " | Report a broken link'",
        r"(?:(?:printer[- ]friendly(?: version)?|print(?: this)?(?: article| story| page)?"
        r"|e-?mail this(?: story| article| page)?(?: to a friend)?|report (?:a )?(?:broken link"
        r"|error|typo|problem)|comments? \(\d+\))\s*(?:[|·•]\s*|$)){2,}",
    ),
    LineRule(
        "photo_credit",
        "a picture's credit or description on a line of its own: 'Photo: X / Agency', 'Фото: X',"
        " 'Foto de capa: X', 'Ilustrasi foto: X',"
        " '（图片来源：X）', '사진=X 제공'",
        rf"[▲△▼]?\s*[（(]?(?:photo|foto|фото|صورة|फोटो|ảnh|写真|图片来源|图片|사진|gambar hiasan"
        rf"|kép|slika|billede|kuva|larawan|ፎቶ|ritratt|ilustrasi foto|foto ilustrasi|foto de capa"
        rf"|imagem de capa|foto de portada|imagen de portada|ảnh minh họa|사진 출처)"
        rf"\s*(?:{COLON}|=)"
        r".{1,100}?[)）]?"
        r"|\[(?:image )?(?:id|description)\s*:.{1,400}\]"
        r"|(?:photo )?(?:gallery|slideshow)\s*:\s*.{1,100}"
        r"|[(\[]?(?:picture|photo|image) (?:from|via|courtesy of) the original (?:article|story"
        r"|post)[)\]]?"
        r"|\[(?:photo|image|picture|graphic)\b[^\[\]]{0,200}\]|\[embedded content\]"
        r"|图片来(?:源)?(?:于|自)网络",
    ),
    LineRule(
        "syndication_notice",
        "auto-import notices: 'This article was auto-published from an RSS feed ...', 'Dieser"
        " Artikel wurde automatisch aus einem RSS-Feed übernommen ...', 'This one ... was added"
        " to our site automatically'",
        r".{0,60}\b(?:this|dieser|diese|dieses|cet|cette|este|esta|questo|questa)"
        r" (?:article|story|post|entry|item|content|artikel|beitrag|inhalt|art[ií]culo|entrada"
        r"|articolo|conte[uú]do|contenido|not[ií]cia|matéria|text)\b.{0,160}"
        r"(?:\brss\b|\bsyndicated feed\b|feed\b).{0,200}"
        r"|.{0,40}\btin (?:được )?tổng hợp tự động\b.{0,200}"
        r"|bu haber,? .{0,80}\botomatik olarak\b.{0,200}"
        r"|.{0,120}\b(?:automatiskt?|automaattisesti|automatikusan|automàticament|automatski"
        r"|awtomatikong|автоматично|автоматски|automat)\b.{0,120}(?:\brss\b|feed\w*|flöde\w*"
        r"|kanal\w*"
        r"|canal\w*|csatorn\w*|стрічк\w*|syöt\w*).{0,200}"
        r"|.{0,80}\b(?:reprend|publie|importe) automatiquement\b.{0,40}\bflux\b.{0,160}"
        r"|[\w ]{1,30} note\s*:\s*images, embeds and videos from the source .{0,200}"
        r"|.{0,60}(?:artykuł|wpis|эта статья|этот материал|материал|новость|матеріал|новина"
        r"|यह (?:खबर|लेख|समाचार))"
        r".{0,160}(?:rss|feed|фид|ленты|फीड).{0,200}"
        r"|this (?:story|article) was aggregated by .{1,200}"
        # "This article was imported automatically", "this is an automatic cross-post", "this
        # article was rewritten automatically" in Afrikaans, Nepali, English and Uzbek; a line
        # that opens with "Automatically imported" in Bosnian, Macedonian and Irish
        r"|.{0,40}(?:(?:hierdie|die) (?:artikel|berig|plasing) is outomaties ingevoer"
        r"|यो (?:समाचार|लेख) स्वचालित रूपमा (?:आयात|प्रकाशित)|(?:this|it) is an automatic"
        r" cross-post|this (?:post|article|story) was (?:automatically )?cross-posted"
        r"|(?:ushbu )?maqola avtomatik ravishda).{0,200}"
        r"|(?:automatski uvezen|автоматски увезен|iompórtáilte go huathoibríoch)\w*\b.{0,200}"
        r"|(?:(?:syndicated|redistributed|republished) content|contido redistribuído"
        r"|contenido redistribuido|conteúdo redistribuído)(?:\s*[·|:–-]\s*.{1,200})?"
        r"|(?:note\s*:\s*)?we (?:publish|are publishing|republish) this (?:news|story|article"
        r"|report|text) as it (?:appeared|was published)\b.{0,160}"
        r"|(?:.{0,80}[.—–]\s+)?(?:các |những )?(?:bài viết|tin tức|tin bài|tin|bài)"
        r"(?: dưới đây| này)?"
        r" (?:được )?(?:cập nhật|tổng hợp|đăng) tự động\b(?=.{0,60}\b(?:từ|nguồn)\b).{0,200}"
        r"|.{0,200}\b(?:content|story|article|report|text)\b.{0,40}\b(?:is|was|are) auto-?generated"
        r" from (?:a|an|the) (?:syndicated |rss |news )?"
        r"feed\b.{0,100}"
        r"|(?![^,]{0,100}\bfeed\b[^,]{0,60}, (?:the|a|an|its|their|these|those|it|they)\b)"
        r"(?:automatically )?(?:pulled|imported|fetched|copied|picked up|collected|gathered"
        r"|aggregated)(?: automatically)? from (?:a|an|the|our) .{0,60}"
        r"\bfeed\b.{0,300}"
        r"|(?:automatically imported|importat[oa] automaticamente|importad[oa] autom[aá]ticamente"
        r"|importée? automatiquement|automatisch importiert)\b.{0,200}"
        r"|.{0,200}\b(?:added|imported|posted|published) (?:to|on) (?:our|this) (?:site|website"
        r"|blog) automatically\b.{0,200}",
    ),
    LineRule(
        "host_note",
        "a host's note on the copy it runs, naming where it came from (kept among the credits):"
        " as published, in its original language ('La dejamos en su idioma original'), in full"
        " ('We are running it in full'), what the site republishes ('X republishes stories"
        " from partner newsrooms'), 'Diesen Beitrag übernehmen wir ...', 'Why we republish"
        " this story?', a feed's label ('Feed: X · Retrieved ...'), a blog keeper's word"
        " ('管理人のひとこと')",
        # In its original language, said by the host: a verb of publishing, a word for the
        # text, and the host speaking or saying how ("we", "in full", "automatically").
        r"(?=.{0,200}\b(?:publi\w*|reproduc\w*|reproduz\w*|repris\w*|derlen\w*|yayım\w*"
        r"|ننشر|mantid\w*|dejamos|kept|reprodui\w*|публику\w*|перепечат\w*|publikujemy)\b)"
        r"(?=.{0,200}\b(?:nota|texto|text|texte|article|artículo|artigo|reportagem|matéria|notícia"
        r"|noticia|içerik|haber|التقرير|المقال|story|report|beitrag|artikel|articolo|testo"
        r"|información|materia|материал|tekst|bericht|bài viết)\b)"
        r"(?=.{0,200}\b(?:we|our|nous|wir|unser\w*|мы|наш\w*|kami|nasz\w*|nuestr[ao]s?|noss[ao]s?"
        r"|dejamos|mantid\w*|publicamos|recogemos|reproducimos|reproduzimos|publikujemy|ننشر"
        r"|compartimos|compartilhamos|partageons"
        r"|íntegr[ao]|in full|intégralement|integralmente|sem tradução|sin traducir"
        r"|without translation|otomatik|automatic\w*|публикуется|перепечат\w*)\b)"
        r"(?!.*[:：]\s*$).{0,200}\b(?:in (?:its|the) original language"
        r"|en su idioma original|no idioma original|na língua original|dans (?:sa|la) langue"
        r" (?:d['’]origine|originale)|in der originalsprache|nella (?:sua )?lingua originale"
        r"|orijinal dilinde|на языке оригинала|بلغته الأصلية|w brzmieniu oryginalnym"
        r"|giữ nguyên ngôn ngữ gốc)\b.{0,240}"
        r"|(?:[^.—–-]{1,40}[—–-]\s*|catatan (?:penulis|redaksi)\s*:\s*)?(?:berita|artikel|tulisan)"
        r" (?:ini|berikut) (?:kami |saya )?(?:ambil|kutip|salin|sadur)\w*(?: utuh| lengkap)? dari\b"
        r".{0,200}"
        r"|[(（]?यह (?:खबर|लेख|समाचार|रिपोर्ट) मूल रूप से .{1,80} (?:पर|में) प्रकाशित .{0,240}"
        r"|.{0,120}\bje (?:le|la|les) (?:recopie|reprends|reproduis|republie)\b.{0,300}"
        # the heading of a box saying why the host runs the story
        r"|(?:why we(?:['’]re| are)? (?:sharing|publishing|republishing|running) this"
        r"(?: (?:story|article|piece))?|why this is here|perché pubblichiamo (?:questo|quest['’])"
        r" ?articolo|por qué publicamos (?:este|esta) (?:artículo|nota|texto)"
        r"|pourquoi nous publions cet article)\s*[?:]?(?:(?<=:)\s*.{1,300})?"
        # "X republishes stories from partner newsrooms so you can ...": the site, of itself
        r"|(?=.{0,200}\b(?:you|your|our|partner\w*|member\w*)\b)[^,]{1,60}\b(?:republishes"
        r"|publishes|reposts|shares|syndicates) (?:\w+ ){0,2}(?:stories|articles|news|reporting"
        r"|work|pieces|coverage) from\b.{0,300}"
        # "... journalism without changing it": a partner's or member's work, or said to "you"
        r"|(?=.{0,200}\b(?:you|your)\b)[^,]{1,60}\b(?:republishes|reposts|shares|syndicates)"
        r" (?:\w+ ){0,2}(?:stories|articles|news|reporting|work|pieces|coverage|journalism)"
        r" (?:from|without chang\w*|unchanged)\b.{0,300}"
        r"|[^,]{1,60}\b(?:republishes|reposts|shares|syndicates) (?:partner|member)\w* (?:stories"
        r"|articles|news|reporting|work|pieces|coverage|journalism) (?:from|without chang\w*"
        r"|unchanged)\b.{0,300}"
        r"|(?:this|the) (?:story|article|report) is (?:shared|distributed|provided|republished)"
        r" (?:through|via|by|as part of) .{1,300}"
        r"|shared from (?:a|an|the|our) .{0,60}\b(?:feed|partner|member)\b.{0,200}"
        r"|(?:stories|articles) we (?:repost|republish|share|reprint) .{1,200}"
        r"|.{0,200}\bwith (?:the )?(?:outlet|publisher|author|paper)['’]s permission, we (?:post"
        r"|publish|share|republish|repost)\b.{0,240}"
        r"|the (?:story|article|report|text) below is (?:the )?(?:original|unchanged"
        r"|as (?:it was )?published|in full)\b.{0,160}"
        r"|(?=.{0,200}\b(?:publisher\w*|permission|blessing|partner\w*|originally|source|courtesy)\b)"
        r".{0,200}\bwe(?: are|['’]re)? (?:running|publishing|republishing|reprinting) (?:it"
        r"|this (?:story|article|piece|report)) in full\b.{0,200}"
        r"|(?:feed|rss)\s*:\s*(?:https?://\S+|[^.]{1,60}?\s*[·|•–-]\s*(?:retrieved|fetched"
        r"|imported|abgerufen|récupéré)\b.{0,60})"
        r"|.{0,40}\b(?:diesen|den) (?:beitrag|artikel|text) (?:übernehmen|veröffentlichen) wir\b"
        r".{0,300}"
        r"|(?![^«»“”]*[«»“”]).{0,200}\bnous (?:le|la|les) (?:reprenons|republions|reproduisons)"
        r"\b.{0,300}"
        r"|(?:pourquoi (?:re)?publions-nous|why (?:are )?we (?:re)?publish(?:ing)?) .{1,40}\?"
        # A Japanese blog's own remarks: "管理人のひとこと" (the site keeper's word).
        r"|管理人の(?:ひとこと|一言|感想|コメント|つぶやき).{0,120}"
        r"|.{0,120}\b(?:publiserer|publicerar|publicerer|gjengir|återger|bringer)\b"
        r"(?=.{0,160}\b(?:sak(?:en)?|artikkel(?:en)?|artikeln?|artiklen|teksten|texten|innlegget"
        r"|reportasjen|nyheten|nyheden|historien|stoffet)\b.{0,160}\bpå original).{0,160}"
        r"\bpå original(?:språket|sproget|språk|sprog)\b.{0,120}"
        r"|※?この(?:記事|ニュース|コンテンツ)は(?=.{0,80}(?:提携|原文|許可|許諾|配信元|転載|より|から))"
        r".{0,80}(?:掲載|転載|配信)(?:しています|しております"
        r"|したものです|されたものです)。?",
        credits=True,
    ),
    LineRule(
        "republication_credit",
        "lines that say the text was republished: 'A story from our partners at X', 'Story"
        " copied from X with permission', 'Source: X. Used under licence.', 'Courtesy X'",
        r"(?:(?:a|this) (?:story|article|report) )?(?:from|via) our (?:partners?|friends"
        r"|colleagues) (?:at|from) .{1,80}"
        r"|.{0,120}\b(?:republish(?:ed)?|reprint(?:ed)?|reproduced?|used|copied|syndicated"
        r"|shared)\b.{0,40}(?:with (?:(?:kind|the [\w'’ ]{1,30}) )?permission"
        r"|under (?:a |an |our |the )?(?:.{0,40}licen[cs]e|.{0,40}agreement)).{0,200}"
        r"|(?:photo |image )?courtesy(?: of)?:? .{1,60}|picha kwa hisani ya .{1,60}"
        r"|.{0,120}\b(?:reproduced|reprinted|republished|published) by (?:special )?arrangement"
        r" with\b.{0,160}"
        r"|بشکریہ\s*[:：]?\s*.{1,60}|[(（]?सौजन्य\s*[:：]\s*.{1,60}?[)）]?"
        r"|.{0,80}\b(?:avec l['’]autorisation|con (?:el )?permiso|mit (?:freundlicher )?genehmigung"
        r"|con il permesso)\b.{0,80}"
        r"|(?:com informações d[aoe]s?|con información de|mit material von"
        r"|(?:with |additional |further )+reporting (?:by|from)) .{1,80}"
        r"|distributed by .{1,60}\b(?:agency|syndicate|services?|llc|inc|wire)\b.{0,20}"
        r"|(?:translation|translated by|переклад|перевод|übersetzung|traduction|traducción"
        r"|traduzione|tradução)(?: и публикация| and publication)?\s*[:：]\s*.{1,120}"
        r"|adapted from (?:reporting|a report|an article|a story) (?:by|from|in) .{1,150}"
        r"|(?:translated|traduit|traduite|übersetzt|traducido|traducida|tradotto|tradotta"
        r"|traduzido|traduzida) (?:by|par|von|por|da) .{1,120}"
        r"|.{0,80}\b(?:imetafsiriwa|translated) (?:kutoka|from) .{1,120}"
        r"|.{0,12}?(?:本文)?转(?:载)?自.{1,150}|نقلا?ً? عن .{1,60}"
        r"|reblogged this on .{1,80}?(?: and commented:)?"
        r"|dipetik daripada .{1,150}|julkaistu alun perin .{1,200}|ចម្លងពេញលេញ.{0,80}"
        r"|.{0,60}\bpreluat[aă]? (?:de la|din|după) .{1,120}"
        r"|texte repris (?:tel quel |intégralement )?(?:depuis|de|d['’]|du site) .{1,200}"
        r"|[~*–—\s]*copied from .{1,60}, (?:all )?credit (?:to|goes to) .{1,80}"
        r"|(?:published|shared|distributed|provided)(?: on .{1,40}?)? (?:through|via|under|as part"
        r" of) (?:a |an |our )?(?:content |editorial |news |syndication )?(?:partnership"
        r"|agreement|deal) with .{1,200}"
        r"|(?:article|texte|text|artículo|articolo) (?:reproduit|reproduced|reproducido|riprodotto)"
        r" (?:à des fins|pour|for|con fines|a fini|per)\b.{0,200}"
        r"|.{0,120}\b(?:reposted|republished|reprinted|shared)(?: here)?(?: in full)?"
        r"(?: from .{1,60}?)? with (?:the )?(?:(?:author['’]s|editor['’]s|publisher['’]s"
        r"|paper['’]s|outlet['’]s|their|her|his) (?:written |express )?(?:blessing|permission|ok"
        r"|consent)|(?:kind |written )?permission (?:of|from) )"
        r"\b.{0,200}"
        rf"|{_ABOUT_A_WORK}"
        r"originally published (?:by|in|at|on) .{1,300}"
        r"|originally posted (?:by|at|on) [^,;]{1,80}"
        r"|(?:a )?reprint(?:ed)? (?:from|courtesy of) .{1,80}"
        r"|(?:(?:story|article|report|content|this (?:story|article)) (?:by|from) [^,]{1,60},\s*)?"
        r"distributed (?:through|via|by) .{0,60}\b(?:feed|wire|newswire|(?:news|wire) service"
        r"|syndicat\w*)\b.{0,200}"
        r"|przedruk za zgodą\b.{0,300}|(?:tekst|artykuł|materiał) pochodzi z (?:serwisu|portalu"
        r"|strony) .{1,300}"
        r"|(?:articolo|testo|notizia) tratt[oa] da .{1,300}"
        r"|riportiamo integralmente\b(?!.*[:：]\s*$)(?=.{0,200}\b(?:articolo|pubblicat\w*|uscit\w*"
        r"|lingua|fonte|testata)\b).{0,300}"
        r"|(?:original|oryginał|originale)(?: hier| here)?\s*[:：]\s*(?:https?://|www\.)\S+"
        r"|(?:(?:texto|text|texte|testo) (?:integral|íntegro|intégral|integrale|completo|in full)"
        r" )(?:publicado|publié|pubblicato|published) (?:por|par|da|by) .{1,160}"
        # "The original ran at X", "Clipped from X", "Hat tip to X, who ...", "A syndicated
        # piece from X, ...", "Full credit goes to the original author.", a cross-post's
        # "Also published here.", an editor's note on the syndication
        r"|the original (?:story |article |piece |post )?(?:ran|appeared|was published)"
        r" (?:at|on|in) .{1,200}|clipped from .{1,300}|hat tip to .{1,200}"
        r"|(?:an? |this (?:is an? )?)?syndicated (?:piece|story|article|post|report) (?:from|by|of)"
        r" (?:the )?(?-i:[A-Z])[\w&'’.-]*(?: (?-i:[A-Z])[\w&'’.-]*){0,5}"
        r"(?:,\s(?:shared|reposted|republished|reproduced|used)\b[^.]{0,120}\b(?:permission|blessing"
        r"|consent|licen[cs]e|agreement)\b[^.]{0,40}\.?(?:\s.{0,240})?|\.)?"
        r"|(?:full |all )?credit (?:goes )?to the original"
        r" (?:author|publisher|source|writer|site)s?"
        r"(?: and (?:the )?(?:author|publisher|source|site)s?)?\s*[.!]?"
        r"|also (?:published|posted) (?:here|(?:on|at)"
        r" (?![^.]*\b(?:was|were|is|are|has|have|had)\b)"
        r"(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)(?:the )?(?-i:[A-Z])[^\s.,:;]*"
        r"(?: [^\s.,:;]+){0,3})\.?"
        r"|editor['’]?s['’]? note\s*[:：.–—-]\s*(?=.{0,200}\b(?:syndicat\w*|republish\w*|reprint\w*"
        r"|(?:originally|first) (?:published|appeared|ran|posted))).{1,300}"
        r"|(?:nota della redazione|nota de la redacción|nota del editor|note de la rédaction"
        r"|anmerkung der redaktion|nota da redação)\s*[:：.–—-]\s*(?=.{0,200}\b(?:ripres\w*"
        r"|riprodott\w*|reproduc\w*|reproduz\w*|repris\w*|republi\w*|übernommen|originalmente"
        r"|originariamente|integralmente|íntegr\w*)).{1,300}",
        credits=True,
    ),
    LineRule(
        "copyright_line",
        "copyright lines: '© X', 'Copyright 2024 X. All rights reserved.', 'This document is"
        " subject to copyright. ...'",
        r"(?:copyright\s*)?[©ⓒ].{1,240}|copyright \d{4}.{0,200}|all rights reserved\.?"
        r"|this document is subject to copyright\b.{0,200}"
        r"|(?:diritti riservati|derechos reservados|direitos reservados|droits réservés"
        r"|rechte vorbehalten)\b.{0,200}|저작권은 .{0,40}에게 있.{0,160}"
        r"|(?=.{0,200}\bif you (?:are|represent) the\b)"
        r"(?![^“”\"«»]*[“”\"«»])(?!.*\b(?:said|says|told|reads|argued|argument|according"
        r"|policy)\b)(?=.*\b(?:write to (?:me|us)|contact (?:me|us)|e-?mail (?:me|us)|let (?:me|us)"
        r" know|(?:i|we)(?:['’]ll| will)|get in touch)\b)"
        r".{0,200}\bif you (?:are|represent) the (?:publisher|copyright (?:holder|owner)|rights"
        r"(?:[- ]?holder)?|original author)\b.{0,80}\b(?:want|would (?:like|rather)|wish)\b.{0,20}"
        r"\b(?:it|this)\b.{0,20}\b(?:down|remov\w*|delet\w*)\b.{0,160}"
        r"|.{0,160}\b(?:layout|formatting|images)\b.{0,60}\bmay (?:differ|look different|vary) from"
        r" (?:the|its) original(?: (?:page|article|story|post|site|version|publication|source"
        r"|web ?page))?\b(?: (?:on|at) [^,;]{1,80})?[.!]?"
        r"|(?:all rights|todos los derechos|todos os direitos"
        r"|tous (?:les )?droits|alle rechte|tutti i diritti|tüm hakları|все права|सभी अधिकार"
        r"|جميع (?:ال)?حقوق)(?:\s+\S+){0,4}?\s+(?:(?:are|is|were|sind|son|são|sont|sono)\s+)?"
        r"(?:reserv|réserv|vorbehalten|riservat|saklı|aittir|защищен|सुरक्षित|محفوظ"
        r"|remain with|to this story remain|to this article remain)\w*\b.{0,200}"
        # rights that belong to the owners, the author, the publisher ("Все права на текст
        # принадлежат издателю"): a generic owner and nothing after
        r"|(?:all rights|todos los derechos|todos os direitos|tous (?:les )?droits|alle rechte"
        r"|tutti i diritti|все права)(?:\s+(?:на|to|on|in|an|sur|de|sobre|su|del|des|der|dem|den"
        r"|this|the|этот|эти|данный|материал\w*|текст\w*|контент\w*|content|article|text|texte"
        r"|texto|testo|artikel|material\w*|contenu|contenido|conteúdo|contenuti|images?|photos?"
        r"|фото\w*|видео|публикаци\w*|изображени\w*)){0,4}\s+(?:are |sind |son |são |sont |sono )?"
        r"(?:belong|принадлеж|appartien|pertenec|pertenc|gehör|appartengon)\w*\s+(?:to\s+|à\s+"
        r"|a\s+|ai\s+|agli\s+|alla\s+|aos?\s+|às?\s+|dem\s+|der\s+|den\s+|их\s+)?(?:the\s+|their\s+"
        r"|its\s+|leurs?\s+|sus\s+|seus\s+|ihren?\s+|i\s+|los\s+|les\s+|l['’])?(?:respective\s+"
        r"|respectifs?\s+|respectivos?\s+|jeweiligen\s+|rispettivi\s+)?(?:owners?|authors?"
        r"|publishers?|creators?|rights?[- ]?holders?|copyright holders?|правообладател\w*|автор\w*"
        r"|издател\w*|редакци\w*|владел\w*|propriétaires?|auteurs?|éditeurs?|titulares|propietarios"
        r"|autores|dueños|proprietários|donos|editor[ae]s?|eigentümer\w*|urhebern?|verlag"
        r"|rechteinhaber\w*|autori|proprietari|editori)\b[^,]{0,80}",
        credits=True,
    ),
    LineRule(
        "rights_note",
        "a host's word on the rights to a text it runs, in a line of its own: the formula"
        " offering to take it down ('本文来源于网络，如有侵权请联系删除', '※ 저작권 문제가 될 경우"
        " 바로 삭제하겠습니다'), the purpose it is shown for ('Текст взят в учебных целях.')"
        " (kept among the credits)",
        # No quote marks: a line quoting the formula speaks of it.
        r"(?![^“”\"「」『』]*[“”\"「」『』])(?:(?:声明|免责声明|版权声明)\s*[:：])?[^。]{0,40}?"
        r"(?:如有侵权|若有侵权|如涉及侵权|如有版权问题)[^。]{0,20}联系[^。]{0,20}删除[^。]{0,20}[。！!]?"
        r"|(?![^“”\"「」『』]*[“”\"「」『』])※\s*저작권\s*문제.{0,40}삭제"
        r"(?:하겠습니다|해 드리겠습니다|하도록 하겠습니다)\..{0,300}"
        # The purpose the text is shown for, said of the text: a sentence of its own.
        r"|(?:(?:this |the )?(?:text|article|story) (?:is )?(?:shared|reproduced|shown|published)"
        r" (?:here )?(?:solely |only )?for (?:educational|study|teaching) purposes(?: only)?"
        r"|(?:текст|статья)\w* (?:взят\w*|размещ\w*|приведен\w*) (?:исключительно |только )?"
        r"в (?:учебных|ознакомительных|образовательных) целях)[.!]?",
        credits=True,
    ),
    LineRule(
        "correction_note",
        "correction and update notes: 'Correction: An earlier version of this story ...', 'This"
        " article was updated at 11:20 ...', and contributor lines: 'X contributed to this"
        " report.'",
        r"(?:correction|clarification|korrektur|korrekturhinweis|rectificación|rectificatif"
        r"|correzione|fe de errores|errata|erratum)s?(?:,[^:：]{1,40})?\s*[:：].{1,300}"
        r"|.{0,60}\bin einer früheren (?:fassung|version) dieses (?:textes|artikels|beitrags)\b"
        r".{0,240}"
        r"|.{0,60}\ban earlier version of this (?:story|article|report)\b.{0,240}"
        r"|(?:this|the) (?:article|story|post) (?:was|has been) (?:updated|corrected)\b.{0,200}"
        r"|updated as new (?:details|information) (?:came|comes|become) (?:in|available)\.?"
        r"|.{1,100}\bcontributed (?:(?:additional )?reporting|(?:to )?(?:this|the) (?:report|story"
        r"|article|reporting))\.?"
        r"|a version of this (?:article|story) appear(?:s|ed) in print\b.{0,200}"
        r"|this (?:essay|article|story) (?:appears|appeared) in the .{1,60}\b(?:issue|edition)\b"
        r".{0,200}"
        r"|(?:this (?:story|article) (?:is being|will be) updated|esta (?:información|noticia) se"
        r" (?:irá ampliando|actualizará)|dieser artikel wird (?:laufend )?aktualisiert"
        r"|cet article (?:sera|est) mis à jour)\b.{0,120}"
        r"|编者(?:注|按)[:：].{1,200}"
        r"|edit(?: \d+)?\s*:.{1,300}",
    ),
    LineRule(
        "bare_url",
        "a line that is only a web address: 'original.example/the-story', '[1] https://...'",
        r"(?:\[\d+\]\s*)?(?:https?://)?(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?",
    ),
    LineRule(
        "member_prompt",
        "paywall and sign-in prompts: 'The author made this story available to members only.',"
        " 'Already have an account? Sign in', 'Déjà abonné ? Se connecter'",
        r".{0,80}\b(?:members|subscribers|paying readers) only\b.{0,40}"
        r"|(?:or,? )?continue in (?:the )?(?:app|mobile web|browser)"
        r"|(?:if you(?:['’]re| are) new to .{1,30}, )?create (?:a |an |a new |a free )?account"
        r"\b.{0,100}"
        r"|(?:already (?:have an account|a (?:member|subscriber))|bereits abonnent(?:in)?"
        r"|déjà abonné(?:e)?|¿?ya eres (?:suscriptor|socio)|già abbonato)\s*\?.{0,30}"
        r"|(?:subscribe|sign in|log in) to (?:continue|keep) reading.{0,60}"
        r"|.{0,60}\bexclusiv[eo] (?:for|para|für|pour|per) (?:subscribers|suscriptores|abonnenten"
        r"|abonnés|abbonati|assinantes)\b.{0,40}"
        r"|.{0,30}\b\d+ (?:free articles?|artículos? gratis|kostenlose artikel|articles? gratuits?)"
        r"\b.{0,100}"
        r"|(?:subscribe|suscríbete|abonnieren|abonnez-vous|abbonati|assine)\b.{0,100}",
    ),
    LineRule(
        "tag_list",
        "a list of the page's tags: 'Tags: world, news', 'Теги: світ, новини'",
        r"(?:tags?|теги|метки|schlagwörter|étiquettes|etiquetas|ετικέτες|etichette)\s*[:：].{1,200}"
        r"|(?:catégories|categories|categorías|categorie|kategorien)\s*[:：]\s*#.{1,200}",
    ),
    LineRule(
        "footnote",
        "a footnote or endnote, which ends with its way back to the text: '... Autumn 2019. ↩︎'",
        r".{1,400}\s*↩\ufe0e?\ufe0f?",
    ),
    LineRule(
        "hashtags",
        "a line of hashtags: '#shipping #trade #geopolitics'",
        r"(?:#[\w-]+(?:@[\w.-]+)?[\s,]*){2,}",
    ),
    LineRule(
        "wiki_edit_link",
        "a wiki's section edit link: '[edit]', '[bearbeiten]'",
        r"\[(?:edit|edit source|editar|bearbeiten|quelltext bearbeiten|modifier|modifica"
        r"|править)\]",
    ),
    LineRule(
        "separator_line",
        "a line of only separators: the '·' or '|' between a page's counters, a press"
        " release's closing '###' (not '***' nor '———', an article's section break)",
        r"[·•|/\\,;:]{1,5}|#{3}",
    ),
    LineRule(
        "licence_badge",
        "licence badges: 'Creative Commons License', 'This work is licensed under ...'",
        r"creative commons(?: licen[cs]e)?|this (?:work|article) is licensed under .{0,120}",
    ),
    LineRule(
        "affiliate_disclosure",
        "affiliate-link disclosures: 'Transparenzhinweis: Dieser Beitrag enthält Affiliate-Links'",
        r".{0,60}\b(?:contains?|enthält|includes?|may contain|contiene|contient)\b.{0,30}"
        r"\b(?:affiliate[- ]?links?|partner-?links|enlaces de afiliados?"
        r"|liens (?:d['’])?affili[ée]s)\b.{0,240}"
        r"|.{0,80}\b(?:some|many|certain) (?:of the )?links\b.{0,60}\b(?:are|may be) affiliate"
        r" links\b.{0,240}",
    ),
    LineRule(
        "reference_list",
        "a wiki's, a blog's or a press release's closing 'Sources', 'Endnotes', 'External links',"
        " 'Einzelnachweise', 'Cite this essay', 'Suggested citation', 'Notes to editors', 'Media"
        " enquiries', 'Forward-Looking Statements' heading and everything after it",
        r"(?:sources|references|endnotes|footnotes|external links|further reading"
        r"|notes? (?:to|for) editors|media (?:enquiries|inquiries|contacts?)|press contacts?"
        r"|mediatiedustelut|medieförfrågningar|kontakt dla mediów"
        r"|pressekontakt|hinweise? für redaktionen|contact presse|contacto de prensa"
        r"|rückfragen(?: bitte)? an|for (?:further|more) information,? (?:please )?contact"
        r"|bibliography|cite this (?:article|essay|story|page)|suggested citation"
        r"|how to cite(?: this (?:article|report|commentary|page))?"
        r"|(?:cautionary (?:note|statement) (?:regarding|on) )?forward[- ]looking statements?"
        r"|safe harbou?r statement|quellen|anmerkungen"
        r"|einzelnachweise|weblinks|références|liens externes|referencias|enlaces externos"
        r"|fuentes|fonti|collegamenti esterni)\W*",
        ends_article=True,
    ),
    LineRule(
        "teaser_list",
        "headings that start trailing teaser lists and everything after them: 'You might "
        "also be interested in...', 'Similar News:', 'Latest from ...', 'Popular Posts'",
        r"(you might also (be interested in|like)|you may also like|related( posts| articles"
        r"| stories| news)?|popular posts|recommended (for you|from our partners)|don[’']?t miss"
        r"|more stories|trending now|read next|similar news(:.*)?|latest from\b.{0,40}"
        r"|more from\b.{0,40})\W*",
        ends_article=True,
    ),
)


def prune(
    tree: HtmlElement,
    keep: HtmlElement | None,
    rules: tuple[SelectorRule, ...] = SELECTOR_RULES,
    chunks: Iterable[HtmlElement] = (),
) -> None:
    """Remove the rules' elements from `tree`, except `keep` and its ancestors, and the
    article's other `chunks` with the wrappers that hold nothing else (a page builder's
    "widget" panels around the article's text; not a comment around a poster's text).

    An element's tail text stays in place. The class and id values are matched first, as
    strings, each distinct value once; elements are only looked at where one matches."""
    values = _chrome_values(tree, _token_pattern(rules))
    if not values:
        return
    protected = set() if keep is None else {keep, *keep.iterancestors()}
    for chunk in chunks:
        protected.update(_wrapped(chunk))
    doomed = [
        e
        for e in _CANDIDATES(tree)
        if (e.get("class") in values or e.get("id") in values) and e not in protected
    ]
    for element in doomed:
        element.drop_tree()


def _wrapped(element: HtmlElement) -> Iterator[HtmlElement]:
    """The element and the ancestors around it that show nothing but its words."""
    words = element.text_content().split()
    yield element
    for ancestor in element.iterancestors():
        if ancestor.text_content().split() != words:
            return
        yield ancestor


def _chrome_values(tree: HtmlElement, pattern: re.Pattern[str]) -> set[str]:
    """The body's class and id values that hold a chrome token (each distinct token tested
    once: "col-md-6" is in many values)."""
    values = set(_CLASS_AND_ID_VALUES(tree))
    tokens = {token for value in values for token in value.split()}
    chrome = set(filter(pattern.fullmatch, tokens))
    return {value for value in values if not chrome.isdisjoint(value.split())}


def story_lists(tree: HtmlElement) -> list[list[HtmlElement]]:
    """The page's lists of other stories, each a run of sibling blocks: blocks that each open
    with a story's link (the structure rule's teasers), or three or more blocks of one
    template (tag and class) that each open with a link to a different page, whatever the
    length of their excerpts: an excerpt site's "More headlines" after its own snippet."""
    openers = {e: link for e in _OPENING_LINKS(tree) if (link := _first_link(e)) is not None}
    # A run is two blocks or more: a parent with one such block holds none.
    siblings = Counter(e.getparent() for e in openers)
    parents = {parent for parent, n in siblings.items() if parent is not None and n >= 2}
    teasers = {e for e, link in openers.items() if e.getparent() in parents and _is_teaser(e, link)}
    for parent in parents:
        teasers.update(_templated_run(parent, openers))
    return [run for parent in parents for run in _runs(parent, teasers)]


def prune_story_lists(
    tree: HtmlElement, keep: HtmlElement | None, lists: list[list[HtmlElement]] | None = None
) -> None:
    """Remove the lists of other stories (`story_lists`, found again unless given) and their
    headings from `tree`, except `keep` and its ancestors (the article's own paragraphs stay,
    even inside `keep`)."""
    protected = set() if keep is None else {keep, *keep.iterancestors()}
    doomed: list[HtmlElement] = []
    for run in story_lists(tree) if lists is None else lists:
        parent = run[0].getparent()
        whole = parent is not None and len(run) == len(parent) and parent not in protected
        items = [parent] if whole and parent is not None else run
        if (heading := _heading_over(items[0], protected)) is not None:
            doomed.append(heading)
        doomed += items
    for element in doomed:
        if element not in protected and element.getparent() is not None:
            element.drop_tree()


def prune_link_lines(tree: HtmlElement) -> None:
    """Remove the paragraphs and tables that only send the reader to other stories, and
    tables of contents with their headings (`STRUCTURE_RULES`), inside the article's block
    too."""
    doomed = [p for p in _PARAGRAPHS(tree) if _is_story_link_line(p)]
    doomed += [box for form in _SIGNUP_FORMS(tree) if (box := _signup_box(form)) is not None]
    doomed += [card for card in _CARDS(tree) if story_length(card)]
    doomed += [table for table in _TABLES(tree) if _is_story_link_table(table)]
    for contents in _CONTENTS(tree):
        heading = _previous_element(contents)
        if (
            heading is not None
            and _is_heading(heading)
            and len(heading.text_content().split()) <= 3
        ):
            doomed.append(heading)
        doomed.append(contents)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def drop_kickers(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """The paragraphs without section kickers: short lines that the page shows as a block
    holding nothing but a link to a category, tag or section page; nor the headlines under a
    bare "Read also:" label that are each a whole link (a Blogger post's lines between
    `<br>`s, which no block of their own marks as a list). Only the body's short lines and
    those after a label are looked up, not every link of the page (a menu has hundreds)."""
    kept: list[str] = []
    listing = False  # after a bare "Read also:" label and the headlines under it so far
    for paragraph in paragraphs:
        lines = []
        for line in paragraph.split("\n"):
            if listing and _is_story_link_text(tree, line):
                continue
            listing = line.rstrip().endswith((":", "：")) and _ALSO_READ.matches(line)
            lines.append(line)
        if lines and not _is_kicker(tree, text := "\n".join(lines)):
            kept.append(text)
    return kept


def _is_story_link_text(tree: HtmlElement, line: str) -> bool:
    """Whether the line is the whole text of a link that leads somewhere, long enough for a
    story's headline."""
    words = line.split()
    return word_count(line) >= _STORY_LINK_WORDS and any(
        not (a.get("href") or "#").startswith(_NOWHERE)
        for a in _LINKS_READING(tree, text=" ".join(words))
    )


def _is_kicker(tree: HtmlElement, line: str) -> bool:
    words = line.split(None, _KICKER_WORDS)  # no more splitting than the test needs
    if not 0 < len(words) <= _KICKER_WORDS:
        return False
    return any(
        (_LISTING_HREF.search(a.get("href") or "") or "tag" in (a.get("rel") or "").split())
        and _alone_in_block(a)
        for a in _LINKS_READING(tree, text=" ".join(words))
    )


def _alone_in_block(link: HtmlElement) -> bool:
    """Whether a block shows nothing but this link (a link inside a line of text is the
    text's)."""
    words = link.text_content().split()
    parent = link.getparent()
    return parent is not None and parent.tag != "body" and parent.text_content().split() == words


def _signup_box(form: HtmlElement) -> HtmlElement | None:
    """The largest block around a sign-up form that shows only a few words (its title,
    its pitch, "Unsubscribe anytime"): never a block of the article's text."""
    box = None
    node: HtmlElement | None = form
    while node is not None and node.tag != "body":
        if len(node.text_content().split()) > _SIGNUP_WORDS:
            break
        box, node = node, node.getparent()
    return box


def _heading_over(element: HtmlElement, protected: set[HtmlElement]) -> HtmlElement | None:
    """The heading right over a list: the element before it, or before the wrapper it is
    the only content of (a plugin's `<div>` around its `<ul>`)."""
    while (previous := _previous_element(element)) is None:
        parent = element.getparent()
        if parent is None or parent in protected or _shows_text(parent):
            return None
        if [c for c in parent if isinstance(c.tag, str)] != [element]:
            return None
        element = parent
    if not _is_heading(previous):
        return None
    # Among the article's own paragraphs, a plain short one is the story's subheading ("A
    # military man in politics") unless it reads as a label: bold, or ending in a colon.
    if previous.tag == "p" and previous.getparent() in protected and not _is_label(previous):
        return None
    return previous


def _is_label(paragraph: HtmlElement) -> bool:
    """Whether a short paragraph is set as a label: all in bold (a tag or a style), in
    capitals, ending in a colon, or named as a list of other stories ("Related coverage")."""
    text = " ".join(paragraph.text_content().split())
    bold = any(
        (e.tag in ("b", "strong") or _BOLD_STYLE.search(e.get("style") or ""))
        and " ".join(e.text_content().split()) == text
        for e in paragraph.iter()
    )
    return (
        text.endswith((":", "："))
        or bold
        or (text.isupper() and len(text) > 3)
        or _LIST_LABEL.search(text) is not None
    )


_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_LIST_LABEL = re.compile(
    r"\b(?:related|more (?:on|from|about|stories|coverage|news)|further (?:coverage|reading)"
    r"|coverage|recommended|also|saiba mais|leia (?:mais|também)|veja também|per approfondire"
    r"|même sujet|aussi|mehr zum thema|weitere|lees ook|liên quan|xem thêm|baca juga|по теме"
    r"|также|más información|relacionad\w*|correlat\w*)\b",
    re.IGNORECASE,
)


def _previous_element(element: HtmlElement) -> HtmlElement | None:
    """The element's previous sibling element, comments passed over."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous


def _is_story_link_line(paragraph: HtmlElement) -> bool:
    """Whether the paragraph is only links of a headline's length to other pages, after a
    short label ending in a colon or a guillemet ("Related:", "À lire aussi :") or set in
    bold ("RELATED COVERAGE") if any, with nothing but separators between them ("<br>", "|",
    "—")."""
    links = [a for a in paragraph.iter("a") if a.text_content().strip()]
    hrefs = [a.get("href") or "#" for a in links]
    # (A link to a place in a page, a live blog's entry or a section, heads that part of it.)
    if (
        not links
        or len(set(hrefs)) < len(hrefs)
        or any(h.startswith(_NOWHERE) or "#" in h for h in hrefs)
    ):
        return False
    if not all(story_length(a) for a in links):
        return False
    text = " ".join(paragraph.text_content().split())
    position, label = 0, ""
    for n, link in enumerate(links):
        title = " ".join(link.text_content().split())
        found = text.find(title, position)
        if found < 0:
            return False
        if n == 0:
            label = text[:found].strip()
        elif text[position:found].strip(_SEPARATORS):
            return False
        position = found + len(title)
    if text[position:].strip(" .»›→"):
        return False
    longest = _LABEL_WORDS if len(links) == 1 else _LIST_LABEL_WORDS
    label = label.rstrip(_SEPARATORS)
    return not label or (
        len(label.split()) <= longest
        and (label.endswith((":", "»", "›")) or _in_bold(paragraph, label))
    )


def _in_bold(paragraph: HtmlElement, label: str) -> bool:
    """Whether the label is the paragraph's bold lead-in ("<strong>RELATED COVERAGE</strong>",
    an agency's list of links): a heading of its own, if without a colon."""
    first = next((e for e in paragraph.iter("strong", "b")), None)
    return first is not None and text_of(first) == label


def _is_story_link_table(table: HtmlElement) -> bool:
    """Whether every row of the table is one headline's link to a page of its own, beside a
    time or a source name at most: a feed plugin's table of other stories."""
    rows = table.findall(".//tr")
    hrefs = set()
    for row in rows:
        links = [a for a in row.iter("a") if a.text_content().strip()]
        if len(links) != 1 or not story_length(links[0]):
            return False
        hrefs.add(links[0].get("href") or "#")
        outside = len(row.text_content().split()) - len(links[0].text_content().split())
        if outside > _TABLE_ROW_WORDS:
            return False
    return (
        len(rows) >= 2
        and len(hrefs) == len(rows)
        and not any(h.startswith(_NOWHERE) for h in hrefs)
    )


def _templated_run(
    parent: HtmlElement, openers: dict[HtmlElement, HtmlElement]
) -> list[HtmlElement]:
    """The children of `parent` in runs of `_TEMPLATE_RUN` or more consecutive blocks of one
    tag and class that each open with a link to a page of its own, or two that each open
    with a headline's link (`openers`: blocks and the link each opens with; links inside a
    paragraph's text are the text's). Items of a list under a heading need no class of
    their own ("More headlines from X" over a feed plugin's `<li>`s, each a headline's link
    and its excerpt)."""
    if _shows_text(parent):
        return []
    headed = parent.tag in ("ul", "ol") and _heading_over(parent, set()) is not None
    found: list[HtmlElement] = []
    run: list[HtmlElement] = []
    for child in [*parent, None]:
        if child is not None and not isinstance(child.tag, str):
            continue
        opens = (
            child is not None and child in openers and long_paragraphs(child) < 2
        )  # a thread's post, not a teaser
        if run and opens and _template(child) == _template(run[0]):
            run.append(child)
            continue
        hrefs = {openers[e].get("href") for e in run}
        headlines = len(run) >= 2 and all(story_length(openers[e]) for e in run)
        long_enough = len(run) >= _TEMPLATE_RUN or headlines
        if (
            long_enough
            and len(hrefs) == len(run)
            and (_template(run[0])[1] or (headed and headlines))
        ):
            found += run
        run = [child] if opens else []
    return found


def _template(element: HtmlElement) -> tuple[str, str]:
    return element.tag, " ".join(sorted((element.get("class") or "").split()))


def _first_link(element: HtmlElement) -> HtmlElement | None:
    """The link a block opens with (no text before it), if it opens with one to a page."""
    # Not image links; a link's own first text settles most without reading all of it.
    texts = (a for a in element.iter("a") if (a.text or "").strip() or a.text_content().strip())
    link = next(texts, None)
    # A link to this page itself (a fragment, or a query: a live blog's entry permalinks)
    # leads to no other story.
    if link is None or not link.get("href") or link.get("href", "").startswith(_NOWHERE):
        return None
    return None if _text_before(element, link) else link


def story_length(link: HtmlElement) -> bool:
    """Whether the link's text is as long as a headline."""
    return word_count(link.text_content()) >= _STORY_LINK_WORDS


def _is_teaser(element: HtmlElement, link: HtmlElement) -> bool:
    """Whether the block, which opens with `link`, opens with a link of a story's length
    that holds much of its text, or is a card whose links all lead to that one page.

    A link is a block of its own only among links: inside a sentence it is the text's."""
    text = link.text_content()
    parent = element.getparent()
    if element.tag == "a" and parent is not None and _shows_text(parent):
        return False
    if word_count(text) >= _STORY_LINK_WORDS:  # not `story_length`: the text is read once
        total = len(" ".join(element.text_content().split()))
        if len(" ".join(text.split())) >= _STORY_LINK_SHARE * total:
            return True
    return _links_to_one_page(element, link)


def _links_to_one_page(element: HtmlElement, link: HtmlElement) -> bool:
    """Whether the block is a card: a `<div>` (or `<article>`) that opens with a link, ends
    with a short link to the same page ("Read more", nothing after it), and holds no other
    link and an excerpt's words at most between them, whatever the headline's length. A
    paragraph that links one name or tag twice is text, not a card."""
    if element.tag not in ("div", "article"):
        return False
    shown = [a for a in element.iter("a") if a is link or a.text_content().strip()]
    if len(shown) < 2 or any(a.get("href") != link.get("href") for a in shown):
        return False
    text, last = element.text_content().split(), shown[-1].text_content().split()
    return (
        len(last) <= _READ_MORE_WORDS
        and text[-len(last) :] == last  # nothing after it
        and word_count(" ".join(text)) <= _EXCERPT_WORDS + 2 * _HEADING_WORDS
    )


def _shows_text(element: HtmlElement) -> bool:
    """Whether the element shows text of its own, outside its children."""
    return bool((element.text or "").strip()) or any((c.tail or "").strip() for c in element)


def _text_before(element: HtmlElement, link: HtmlElement) -> bool:
    """Whether the block shows text before its first link, beyond a short lead-in of its
    own (a date, a category: "April 27, 2024", "World · 3 hours ago" in an element beside
    the link's). Words before the link in the link's own line ("Trump <a>...</a>") are a
    sentence's: the block is text."""
    above = {link, *link.iterancestors()}  # their tails come after the link
    before = 0
    for node in element.iter():
        if node is link:
            return False
        shown = isinstance(node.tag, str)  # a comment's text is not shown
        text, tail = (node.text or "").split() if shown else [], (node.tail or "").split()
        if node in above:  # the link's own line
            if text:
                return True
            continue
        before += len(text)
        if node.getparent() in above:  # an earlier sibling's tail, in the link's line
            if tail:
                return True
        else:
            before += len(tail)
        if before > _LEAD_IN_WORDS:
            return True
    return False


def _runs(parent: HtmlElement, teasers: set[HtmlElement]) -> list[list[HtmlElement]]:
    """Runs of two or more consecutive teaser children of `parent`, a headline's excerpt
    with it when the teaser is a heading and its excerpt the block after it."""
    runs: list[list[HtmlElement]] = []
    current: list[HtmlElement] = []
    for child in [*parent, None]:
        if child is not None and not isinstance(child.tag, str):  # a comment between two
            continue
        if child is not None and (
            child in teasers or (current and _is_excerpt(child, current[-1], teasers))
        ):
            current.append(child)
            continue
        if sum(e in teasers for e in current) > 1:
            runs.append(current)
        current = []
    return runs


def _is_excerpt(element: HtmlElement, previous: HtmlElement, teasers: set[HtmlElement]) -> bool:
    """Whether the block is the excerpt under a teaser heading: a short text block after a
    heading that is a story's link, with no link of its own, cut short ("…", "[...]"). A
    listicle's or a live blog's item, a linked heading over a paragraph of its own, is
    whole."""
    if previous not in teasers or previous.tag not in _HEADINGS or element.tag not in ("p", "div"):
        return False
    text = element.text_content().strip()
    return (
        text.endswith(_CUT_SHORT)
        and not any(a.text_content().strip() for a in element.iter("a"))
        and word_count(text) <= _EXCERPT_WORDS
    )


def _is_heading(element: HtmlElement) -> bool:
    """Whether the element is a short title line that links nowhere (tab switches such
    as "RELATED ARTICLES" point at "#"): a teaser list's heading."""
    words = element.text_content().split()
    links = (a.get("href") or "#" for a in element.iter("a"))
    return 0 < len(words) <= _HEADING_WORDS and all(href.startswith("#") for href in links)


def in_pruned_chrome(element: HtmlElement, keep: HtmlElement) -> bool:
    """Whether `prune(tree, keep)` removes this element, which lies inside `keep`."""
    pattern = _token_pattern(SELECTOR_RULES)
    for node in (element, *element.iterancestors()):
        if node is keep:
            return False
        if _matches(pattern, node):
            return True
    return False


_BARE_URL = next(rule for rule in LINE_RULES if rule.name == "bare_url")
# After some text, a source label and an address that end the line.
_TRAILING_SOURCE = re.compile(
    rf"(?<=\S)\s+(?:{SOURCE_WORDS}|via)\s*{COLON}\s*https?://\S+\s*$", re.IGNORECASE
)
_ALSO_READ = next(rule for rule in LINE_RULES if rule.name == "also_read")


def clean_paragraphs(paragraphs: Iterable[str]) -> tuple[list[str], list[str]]:
    """(paragraphs without chrome lines, the credit lines among those dropped); cut at the
    first line that starts trailing chrome."""
    kept: list[str] = []
    credits: list[str] = []
    previous = ""  # the last line kept
    for paragraph in paragraphs:
        lines: list[str] = []
        for line in _cited_apart(paragraph.splitlines()):
            rule = matching_rule(line)
            if rule is None or (rule is _BARE_URL and _introduced(line, previous)):
                lines.append(line)
                previous = line
            elif rule.credits:
                credits.append(line.strip())
            elif rule.ends_article:
                _append(kept, lines)
                return kept, credits
        _append(kept, lines)
    return kept, credits


def _cited_apart(lines: list[str]) -> Iterator[str]:
    """The lines, a source's address glued to the end of one ("... Crimea. Source:
    https://..."; a forum post's tail text after the quote) put on a line of its own."""
    for line in lines:
        if "://" in line and (cited := _TRAILING_SOURCE.search(line)):
            yield line[: cited.start()]
            yield cited.group().strip()
        else:
            yield line


def _introduced(address: str, previous: str) -> bool:
    """Whether the line before a web address introduces it, or is another such address: the
    article's own list ("On the Net:", "Sources & links:"), not a site's link nor a print
    view's numbered link list ("[1] https://...")."""
    previous = previous.strip()
    return not address.lstrip().startswith("[") and (
        previous.endswith(":") or (bool(previous) and _BARE_URL.matches(previous))
    )


def matching_rule(line: str) -> LineRule | None:
    """The first line rule that matches this line, if any (chrome lines are short), a
    bullet or an emoji before it left aside; a table row of one cell is that cell's line."""
    if len(line) > _LONGEST_CHROME_LINE:
        return None
    line = _BULLET.sub("", line, count=1)
    if row := _ONE_CELL_ROW.fullmatch(line.strip()):
        line = row[1]
    return _rule_of(line) or _rule_of_sentences(line.strip())


def _rule_of(line: str) -> LineRule | None:
    return next((rule for rule in LINE_RULES if rule.matches(line)), None)


def _rule_of_sentences(line: str) -> LineRule | None:
    """A line of sentences that are chrome run by run, each by some rule ("Source: X. All
    rights belong to the publisher."), its first sentence alone (looked at first: an
    article's line fails there): the rule of its credits if it has any, else that of its
    first sentence; never a rule that ends the article."""
    ends = [end.end() for end in _SENTENCE_END.finditer(line)]
    if not ends or (first := _rule_of(line[: ends[0]])) is None or first.ends_article:
        return None
    bounds = [0, *ends, len(line)]
    rules = [first]
    start = 1
    while start < len(bounds) - 1:
        rule = None
        for end in range(start + 1, len(bounds)):  # the shortest run of sentences first
            if rule := _rule_of(line[bounds[start] : bounds[end]]):
                break
        if rule is None or rule.ends_article:
            return None
        rules.append(rule)
        start = end
    return next((rule for rule in rules if rule.credits), rules[0])


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
