"""The words that say "this is where the text came from", in the languages news is copied in.

Shared by the spider (which follows such links to archive the original too), the extract
stage (which keeps them in `links_out` and keeps "first appeared" lines among the credits)
and the provenance stage (which reads them as a copy's pointer to its original). English,
German, Spanish, French, Italian and Portuguese, and the source lines and feed footers of
copy sites in Turkish, Indonesian, Polish, Dutch, Russian, Arabic, Vietnamese, Hindi,
Japanese and Chinese, and from later copy sites in many more (Nepali, Macedonian, Welsh,
Khmer, Mongolian, Irish...).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

# "Source", "Quelle", "Fuente", "Fonte", "Kaynak", "Sumber", "Источник", "المصدر", "Nguồn",
# "स्रोत", "引用元", "来源" alone or with a name: a link that gives the source, or the label
# of a source line.
SOURCE_WORDS = (
    r"sources?|quelle|fuente|fonte|origen|kaynak|sumber|źródło|bron|kilde|källa"
    r"|источник|джерело|πηγή|المصدر|nguồn|स्रोत|সূত্র|출처|ที่มา|แหล่งที่มา|引用元|出典|出处|来源|本文来源"
    r"|新闻来源|素材来源|chanzo|zdroj|மூலம்|(?:haberin )?kaynağı|первоисточник|forrás|sursa"
    r"|vir|lähde|izvor|font|за матеріалами|по материалам|avots|burimi|allikas|heimild|šaltinis"
    r"|източник|извор|წყარო|աղբյուր|साभार|преземено од|preuzeto sa|ffynhonnell|ប្រភព|foinse"
    r"|hentet fra|dikutip dari|disadur dari|diambil dari|оригинал (?:публикации|статьи)|ソース"
    r"|origem|原文链接|原文地址|原文網址|(?:기사 )?원문"
)
# The colon after a label, as Latin, CJK, Khmer and Ethiopic scripts write it.
COLON = r"[:：៖፦]"
# "Original article", "Originalartikel", "Artículo original", "Voir l'original".
_ORIGINAL = (
    r"original(?: article| story| source| post)?|original ansehen|zum original(?:artikel)?"
    r"|original-?artikel|(?:art[ií]culo|nota|artigo) original|ver (?:el )?original"
    r"|article original|voir l'original|articolo originale|vedi (?:l')?originale"
    r"|view (?:the )?original"
)
# "Read more", "Weiterlesen", "Leer más", "Lire la suite", "Continua a leggere", "Ler mais".
READ_ON_WORDS = (
    r"read (?:more|on|(?:the )?(?:full|whole|original) (?:story|article))|continue reading"
    r"|keep reading|(?:full|original) (?:story|article)"
    r"|weiterlesen|mehr lesen|zum (?:ganzen|vollständigen) artikel"
    r"|leer (?:más|mas|el artículo completo)|seguir leyendo|sigue leyendo|segu[ií] leyendo"
    r"|contin[uú][aá] leyendo"
    r"|lire la suite|lire l'article|continuer la lecture"
    r"|continua a leggere|leggi (?:tutto|di più|l'articolo)"
    r"|ler mais|continuar lendo|continuar a ler|leia mais"
)
# "... at X", "... bei X", "... en X", "... sur X", "... su X": the site the words lead to.
# ("Read more from X" is a brand's promo when it stands alone as a line.)
_AT = r"at|on|in|via|bei|auf|en|sur|chez|su|em|no|na"
SOURCE_ANCHOR = re.compile(
    rf"(?:(?:{SOURCE_WORDS})(?: link|\s*{COLON}.{{1,60}})?|{_ORIGINAL}"
    rf"|originally published(?: (?:at|on|by|in) .{{1,60}})?"
    # an article spinner's "Source link": "Supply hyperlink"
    r"|(?:supply|source) hyperlink"
    rf"|(?:{READ_ON_WORDS})"
    rf"|via\b.{{1,40}})\W*",
    re.IGNORECASE,
)
# Words that send the reader on to a named site: what is left after them is the site's name.
READ_ON = re.compile(rf"^\W*(?:{READ_ON_WORDS})\s+(?:{_AT}|from)\s+", re.IGNORECASE)
# A whole line that only sends the reader on: "Read more »", "Weiterlesen bei X →".
READ_ON_LINE = rf"(?:{READ_ON_WORDS})(?:\s+(?:{_AT}):?\s+.{{1,60}}?)?\s*[»›>…→]*"
# A whole line naming the site the text first appeared on: "The post X appeared first on Y.",
# "This article originally appeared on Y.", "Dieser Artikel erschien zuerst bei Y.", "Este
# artículo se publicó originalmente en Y.", "Cet article a d'abord été publié par Y.",
# "Questo articolo è apparso originariamente su Y.", WordPress's Dutch, Polish and Italian
# feed footers ("Het bericht X verscheen eerst op Y.", "Wpis X pochodzi z serwisu Y.",
# "L'articolo X proviene da Y.", and Romanian, Danish, Swedish, Norwegian, Catalan,
# Croatian, Slovenian, Czech, Ukrainian, Indonesian, Greek and Hungarian ones); `name` is Y.
# Only such a line: a sentence of the article that says what else was first published
# somewhere is not one.
FIRST_APPEARED = re.compile(
    r"(?:(?:editor['’]s )?note:\s*|hinweis:\s*|nota:\s*|remarque\s?:\s*)?"
    r"(?:(?:(?:the post|der beitrag|la entrada|l['’]article|il post|l['’]articolo|o post"
    r"|het bericht|wpis|artykuł|articolul|indlægget|inlägget|innlegget|l['’]entrada|objava"
    r"|prispevek|příspěvek|запис|pos|το άρθρο)"
    r" .{1,200} "
    r"|(?:this|the|dieser|diese|dieses|este|esta|cet|cette|ce|questo"
    r"|questa) (?:article|story|post|piece|entry|artikel|beitrag|text|art[ií]culo|nota|texto"
    r"|billet|articolo|pezzo|entrada) )?"
    r"(?:appeared first|(?:was )?(?:originally|first) (?:appeared|published|ran)"
    r"|(?:erschien|wurde) (?:zuerst|ursprünglich)(?: veröffentlicht)?"
    r"|(?:se )?public[óo] (?:originalmente|primero)|(?:fue )?publicad[oa] (?:originalmente|"
    r"primero)|a d['’]abord été publiée?|a été (?:publiée? (?:initialement|d['’]abord)"
    r"|(?:initialement|d['’]abord) publiée?)|est apparue? (?:en premier|d['’]abord)"
    r"|(?:è )?(?:apparso|pubblicato) (?:originariamente|per la prima volta)"
    r"|sembra essere il primo|apareceu primeiro|foi publicad[oa] originalmente"
    r"|(?:was|foi) (?:syndicated|sindicalizada|sindicado)"
    r"|verscheen (?:eerst|voor het eerst)|pochodzi|proviene|a apărut prima dată"
    r"|blev først udgivet|dök först upp|dukket først opp|ha aparegut primer"
    r"|pojavila se prvi puta?|se je najprej pojavil|se (?:nejdříve|poprvé) objevil"
    r"|спершу з['’]явився|muncul pertama kali|εμφανίστηκε πρώτα)"
    r" (?:on|in|at|by|from|bei|auf|im|en|por|sur|dans|par|su|da|em|de|no|na|op|z serwisu|z"
    r"|pe|på|a|на|di|στο|στην|στον)"
    # Turkish (Yoast): "X yazısı ilk önce Y üzerinde ortaya çıktı."; Indonesian copy sites:
    # "Artikel ini telah tayang di Y dengan judul "X"."
    r"|.{1,200} yazısı ilk (?:önce|olarak)|artikel ini (?:telah )?(?:tayang|terbit|dimuat) di"
    # Hungarian: "A(z) X bejegyzés először Y oldalon jelent meg."
    r"|a\(z\) .{1,200} bejegyzés először"
    # Yoast's footer in Russian ("Сообщение X появились сначала на Y."), Arabic ("ظهرت
    # المقالة X أولاً على Y."), Vietnamese ("Bài viết X đã xuất hiện đầu tiên vào ngày Y.")
    # and Japanese ("投稿 X は Y に最初に表示されました。").
    r"|(?:сообщение|запись|статья) .{1,200} (?:появил(?:ись|ось|ась|ся)|опубликован[аоы]?)"
    r" (?:сначала|впервые) на"
    r"|ظهرت (?:المقالة|التدوينة|المشاركة) .{1,200} أول\S* على"
    r"|bài viết .{1,200} (?:đã )?xuất hiện (?:đầu tiên|lần đầu) (?:vào ngày|trên|tại)"
    r"|投稿 .{1,200} は"
    # Welsh ("Ymddangosodd y stori hon gyntaf ar Y."), Khmer ("...ដំបូងនៅលើ Y។"), and the
    # name first in Nepali ("यो समाचार पहिलो पटक Y मा प्रकाशित भएको थियो।") and Mongolian
    # ("Энэ мэдээ анх Y сайтад нийтлэгдсэн.")
    r"|ymddangosodd y (?:stori|erthygl|cofnod|post) (?:hon|hwn) gyntaf (?:ar|yn)"
    r"|អត្ថបទនេះត្រូវបានចុះផ្សាយដំបូង(?:នៅលើ|នៅ)?"
    r"|यो (?:समाचार|लेख) पहिलो पटक(?=.{2,100} मा प्रकाशित भएको)"
    r"|энэ (?:мэдээ|нийтлэл) анх(?=.{2,100} сайтад нийтлэгдсэн))"
    r" (?P<name>.{2,100}?)"
    # "... and is republished here with permission", "..., reproduced under a licence"
    r"(?:,? (?:and )?(?:is |was |has been )?(?:republished|reproduced|reprinted) .{0,120}"
    r"| üzerinde (?:ortaya çıktı|yayınlandı)| dengan judul .{1,220}| に最初に表示されました。?"
    r"| oldalon jelent meg| मा प्रकाशित भएको (?:थियो|हो)।?| сайтад нийтлэгдсэн|។"
    # FeedWordPress: "This entry was syndicated from Y and written by Z. The original ..."
    r"| (?:and written by|e escrita por|y escrita por) .{1,200})?\.?",
    re.IGNORECASE,
)
_LABEL_LEVELS = 3  # a label sits before the link in its parent, or up to two levels higher
_LONGEST_LABEL = 40
_LONGEST_LINE = 300
# Words around a link that may belong to a "first appeared" line (a cheap look first).
_FIRST_APPEARED_CUES = re.compile(
    r"first|original|zuerst|ursprünglich|publicó|publicad|publiée?|premier|apparso|pubblicato"
    r"|primo|primeiro|syndicated|sindicaliz|ilk önce|ilk olarak|tayang|terbit|dimuat"
    r"|сначала|впервые|أول|đầu tiên|lần đầu|最初|eerst|pochodzi|proviene|prima dată|først"
    r"|först|primer|prvi put|najprej|nejdříve|poprvé|спершу|pertama kali|πρώτα|először"
    r"|gyntaf|ដំបូង|पहिलो पटक|анх",
    re.IGNORECASE,
)


def is_source_anchor(text: str) -> bool:
    """Whether a link's whole text is one of the source-pointing phrases, or a line saying
    where the text first appeared (a link's label, see `source_label`)."""
    text = " ".join(text.split())
    return SOURCE_ANCHOR.fullmatch(text) is not None or FIRST_APPEARED.fullmatch(text) is not None


def leads_to_source(text: str) -> bool:
    """Whether a link's text sends the reader to the text's source: a source-pointing phrase,
    or read-on words naming a site ("Weiterlesen bei X →"; whether X is where the link goes
    is for provenance to check). Such a link is worth keeping and fetching."""
    return is_source_anchor(text) or READ_ON.match(text) is not None


def other_host(href: str, own_host: str) -> bool:
    """Whether an absolute link leads to another host than `own_host` (read from the text:
    parsing every link of a page as a URL costs more than looking for labels)."""
    if not href.startswith(("http://", "https://", "//")):
        return False
    host = href.split("/", 3)[2].rpartition("@")[2].partition(":")[0]
    return host.lower() != own_host


def source_label(anchor: _Element) -> str | None:
    """The source-pointing words right before a link, if there are any ("Source: <a>CNN</a>",
    a CMS field "Original article" over a bare URL): the text before it in its parent, or
    before the parent's branch a level or two up, when that is short."""
    if (line := _first_appeared_line(anchor)) is not None:
        return line
    element = anchor
    for _ in range(_LABEL_LEVELS):
        parent = element.getparent()
        if parent is None:
            return None
        before = [parent.text or ""]
        if len(before[0]) > _LONGEST_LABEL:
            return None
        for sibling in element.itersiblings(preceding=True):
            shown = "".join(map(str, sibling.itertext())) if isinstance(sibling.tag, str) else ""
            before.insert(1, f"{shown} {sibling.tail or ''}")
            if sum(map(len, before)) > _LONGEST_LABEL:
                return None
        label = " ".join(" ".join(before).split())
        if label:
            return label if is_source_anchor(label) else None
        element = parent
    return None


def _first_appeared_line(anchor: _Element) -> str | None:
    """The line a link is part of when that line says where the text first appeared ("The
    post <a>X</a> appeared first on <a>Y</a>."): the link leads to the source or its site."""
    parent = anchor.getparent()
    if parent is None:
        return None
    near = f"{parent.text or ''} {anchor.tail or ''}"
    if len(near) > _LONGEST_LINE or not _FIRST_APPEARED_CUES.search(near):
        return None
    line = " ".join("".join(map(str, parent.itertext())).split())
    return line if len(line) <= _LONGEST_LINE and FIRST_APPEARED.fullmatch(line) else None
