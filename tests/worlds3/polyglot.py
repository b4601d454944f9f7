"""The third aggregator world: real texts in five languages (`tests/data/fundus/`), built by
someone who had not read the linker, to judge it on a web it was not tuned on.

Sixteen invented outlets (German, English, Spanish, French, Italian; TYPO3, Next.js and
Protecmedia-like markup with JSON-LD and Open Graph) publish the originals; eight aggregators
on markup the other worlds lack copy them: Joomla, Drupal 7, a WordPress site with Yoast's
"The post X appeared first on Y." feed footer, a Google-AMP spinner, a Medium-like blog of
attributed rewrites, a Substack-like newsletter archive of excerpts, a news portal that shows
a summary and a framed "view original" page, and a Tumblr-like blog that reblogs the others.
Partner outlets republish some stories legitimately (`rel=canonical` to the original and a
"This story originally appeared in X" line). `PolyglotWorld(seed)` serves them as the other
worlds do (`tests.worlds.serving.World`).

The truth is that of docs/test-worlds.md: a copy names the page its text first appeared on
(an outlet's article, also for a syndicated copy and for copies of copies); a copy of an
original that is not archived names nothing; an independent report of an event is an original
and is linked to nothing; relations are measured against the version that was copied.
"""

from __future__ import annotations

import html
import json
import random
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from tests.worlds import copying, prose, serving
from tests.worlds.copying import CopyWorld
from tests.worlds.serving import Text
from tests.worlds3 import language

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

DATA = Path(__file__).resolve().parent.parent / "data" / "fundus" / "expected.json"
_EPOCH = datetime(2025, 3, 10, 6, 0, tzinfo=UTC)
_SLUG_WORDS = 7
# How many originals of each language a seed publishes, and how many texts of a language it
# keeps aside as the prose of independent same-event reports.
_QUOTA = {"de": 17, "en": 10, "es": 4, "fr": 3, "it": 3}
_EVENTS = {"de": 2, "en": 2}

# Links that point at the page a copy took its text from; "sure" ones are on every archived
# original's copies at least once (they name the page in a way a crawler of aggregators meets).
POINTING = frozenset(
    {"quelle", "source-field", "yoast", "source-link", "read-on", "frame", "attributed-link",
     "via", "source"}
)  # fmt: skip
SURE = ("quelle", "source-field", "yoast", "source-link")


@dataclass(frozen=True)
class Outlet(serving.Outlet):
    lang: str = "en"


@dataclass(frozen=True)
class Site(copying.Site):
    """An aggregator, with the languages it copies."""

    feed_paths: ClassVar[Mapping[str, str]] = {
        "joomla": "/index.php/nachrichten?format=feed&type=rss",
        "drupal7": "/rss.xml",
        "tumblr": "/rss",
        "medium": "/feed",
        "substack": "/feed",
        "portal": "/rss",
    }

    langs: tuple[str, ...] = language.LANGUAGES
    related_heading: str = "More stories"
    feed: Literal["rss", "atom"] = "rss"


_SITES = (
    Site("ecke", "Nachrichten-Ecke", "nachrichten-ecke.de", "joomla", "verbatim",
         (("quelle", 0.5), ("none", 0.5)), langs=("de",), tagline="Nachrichten aus aller Welt",
         related_heading="Weitere Beiträge"),
    Site("euro", "EuroDigest Portal", "eurodigest-portal.eu", "drupal7", "verbatim",
         (("source-field", 0.5), ("none", 0.5)), tagline="Europe's news in one place"),
    Site("yoast", "World Headlines Today", "worldheadlinestoday.net", "yoast", "verbatim",
         (("yoast", 0.75), ("none", 0.25)), tagline="Headlines from everywhere"),
    Site("amp", "Rápido News", "rapidonews.app", "amp", "spun",
         (("source-link", 0.4), ("none", 0.6)), langs=("de", "en", "es"),
         tagline="Fast news, AMP-powered"),
    Site("medium", "Lesezeichen", "lesezeichen.pub", "medium", "rewrite",
         (("attributed", 0.5), ("attributed-link", 0.5)), tagline="Stories worth reading"),
    Site("letter", "Der Frühbrief", "fruehbrief.letterpost.com", "substack", "excerpt",
         (("read-on", 0.6), ("none", 0.4)), tagline="Jeden Morgen das Wichtigste"),
    Site("portal", "NewsPoint", "newspoint-portal.com", "portal", "excerpt",
         (("frame", 0.8), ("none", 0.2)), tagline="All news, one portal"),
    Site("tumblr", "headlines reblogged", "headlines-reblogged.tumblr.com", "tumblr",
         "verbatim", (("via", 0.5), ("source", 0.25), ("none", 0.25)),
         scrapes=("ecke", "euro", "yoast", "amp"), tagline="reblogging the news"),
)  # fmt: skip

_OUTLETS = (
    ("Rheintaler Anzeiger", "rheintaler-anzeiger.de", "typo3", "de"),
    ("Neue Havelpost", "www.havelpost.de", "typo3", "de"),
    ("Allgäuer Morgenblatt", "www.morgenblatt-allgaeu.de", "nextjs", "de"),
    ("Bodensee-Rundschau", "bodensee-rundschau.de", "typo3", "de"),
    ("Mainfelder Zeitung", "www.mainfelder-zeitung.de", "nextjs", "de"),
    ("Oderland Nachrichten", "oderland-nachrichten.de", "eidos", "de"),
    ("The Harwick Standard", "www.harwickstandard.co.uk", "nextjs", "en"),
    ("Port Elgin Observer", "portelginobserver.com", "eidos", "en"),
    ("The Cawdor Examiner", "www.cawdorexaminer.com", "nextjs", "en"),
    ("El Correo del Turia", "www.correodelturia.es", "eidos", "es"),
    ("Diario de Almenara", "diarioalmenara.es", "eidos", "es"),
    ("La Voz de Albarracín", "www.lavozdealbarracin.es", "nextjs", "es"),
    ("Le Veilleur de Sarlat", "www.leveilleur-sarlat.fr", "nextjs", "fr"),
    ("La Dépêche du Queyras", "depeche-queyras.fr", "eidos", "fr"),
    ("Il Messaggero di Serravalle", "www.messaggeroserravalle.it", "eidos", "it"),
    ("La Gazzetta del Casentino", "gazzettacasentino.it", "nextjs", "it"),
)
_BLOCKED = "www.morgenblatt-allgaeu.de"  # robots.txt turns every crawler away
_SECTIONS = {
    "de": ("politik", "wirtschaft", "kultur", "sport", "panorama"),
    "en": ("politics", "business", "culture", "sport", "world"),
    "es": ("politica", "economia", "cultura", "deportes", "sociedad"),
    "fr": ("politique", "economie", "culture", "sport", "societe"),
    "it": ("politica", "economia", "cultura", "sport", "cronaca"),
}
_AUTHORS = (
    "Katrin Vosskamp", "Jonas Ellerbrock", "Marta Quintana", "Luc Aubertin", "Chiara Benvenuti",
    "Fiona Garside", "Tobias Reinholz", "Elena Sastre", "Owen Pritchard", "Greta Lindauer",
)  # fmt: skip
_LINK_CLASS = {"none": "nolink", "attributed": "credit"}


def load_texts(path: Path = DATA) -> dict[str, list[Text]]:
    """The fundus texts fit to publish, by language: of the five languages, 4-60 paragraphs,
    150-2,500 words (so long reads do not swamp the world)."""
    by_lang: dict[str, list[Text]] = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        body = row.get("body") or ""
        paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
        if not 4 <= len(paragraphs) <= 60 or not 150 <= len(body.split()) <= 2500:
            continue
        lang = language.language(body)
        if language.language(row["title"] + " " + body) == lang:
            by_lang.setdefault(lang, []).append(Text(row["file"], row["title"], paragraphs))
    return by_lang


@dataclass
class Story(copying.Story):
    """An original, in its outlet's language."""

    outlet: Outlet

    @property
    def lang(self) -> str:
        return self.outlet.lang


@dataclass
class Copy(copying.Copy):
    """A page that carries a story's text: an aggregator's post or a partner's republication."""

    story: Story
    site: Site | None = None
    via: Copy | None = None
    shown: datetime | None = None  # the date the page shows, when it is not `published`
    partner: Outlet | None = None  # a legitimate syndication partner, not an aggregator
    number: int = 0

    @property
    def source_name(self) -> str:
        if self.via:
            return self.via.partner.name if self.via.partner else self.via.site.name  # type: ignore[union-attr]
        return self.story.outlet.name

    @property
    def host(self) -> str:
        return self.site.host if self.site else self.partner.host  # type: ignore[union-attr]


class PolyglotWorld(CopyWorld[Site, Copy]):
    """The world for one seed: outlets, sites, pages (`resources`), seeds (`feeds`), `truth`."""

    profile_name = "aggregator-world3"
    description = "The third aggregator test world (tests/worlds3/polyglot.py)."
    operator = "aggregator world 3"
    max_pages = 3000
    deny_patterns = ("/wp-admin/", "/tagged/", "/tag/", "/user/", "/component/", "/search")
    post_patterns = (
        r"^https?://nachrichten-ecke\.de/index\.php/nachrichten/\d+-[a-z0-9-]+$",
        r"^https?://eurodigest-portal\.eu/node/\d+$",
        r"^https?://rapidonews\.app/amp/[a-z0-9-]+\.html$",
        r"^https?://lesezeichen\.pub/@[a-z]+/[a-z0-9-]+-[0-9a-f]{12}$",
        r"^https?://fruehbrief\.letterpost\.com/p/[a-z0-9-]+$",
        r"^https?://newspoint-portal\.com/news/\d+$",
        r"^https?://headlines-reblogged\.tumblr\.com/post/\d+/[a-z0-9-]+$",
    )
    not_found = (
        b"<!DOCTYPE html><html><head><title>404</title></head><body><h1>Seite nicht gefunden / "
        b"Page not found</h1></body></html>"
    )
    servers = ("nginx", "Apache/2.4.62 (Debian)", "cloudflare", "LiteSpeed")
    epoch = _EPOCH
    templates = serving.template_env(Path(__file__).parent / "templates", yoast=False)
    sure_links = SURE
    fallback_sites = ("euro", "yoast")
    copy_weights = (2, 4, 3, 1)
    draw_from = 5
    updates = 4
    early_hours = 6
    gone_body = b"<html><body><h1>410 Gone</h1></body></html>"

    def __init__(self, seed: int = 0, *, outlet_seeds: bool = False) -> None:
        """`outlet_seeds`: the crawl also starts from the outlets' home pages (which list their
        stories but the missing ones), so that the linker is judged on every original even
        where the crawl does not follow a copy's link to it."""
        super().__init__(seed, random.Random(f"world3-{seed}"), _SITES)
        self.outlet_seeds = outlet_seeds
        self.outlets = [
            Outlet(f"o{i:02d}", name, "", host, style, 1 if lang != "en" else 0,
                   "", blocks_crawlers=host == _BLOCKED, lang=lang)
            for i, (name, host, style, lang) in enumerate(_OUTLETS)
        ]  # fmt: skip
        self.stories = self._stories(load_texts())
        self.copies: list[Copy] = []
        self._numbers = iter(random.Random(seed).sample(range(10_000, 99_999), 2000))
        self._copy_all()
        self._render()

    @property
    def aggregator_hosts(self) -> list[str]:
        hosts = super().aggregator_hosts
        return hosts + [o.host for o in self.outlets] if self.outlet_seeds else hosts

    def article_patterns(self) -> list[str]:
        outlets = "|".join(re.escape(o.host) for o in self.outlets)
        own = [rf"^https?://(?:{outlets})/[a-z]+/.+[0-9]"] if self.outlet_seeds else []
        return [*super().article_patterns(), *own]

    def profile_toml(self, proxy: str, name: str = "") -> str:
        profile = super().profile_toml(proxy, name)
        if not self.outlet_seeds:
            return profile
        homes = ", ".join(json.dumps(o.home) for o in self.outlets)
        return profile.replace("[scope]\n", f"start_urls = [{homes}]\n\n[scope]\n", 1)

    # -- who publishes ----------------------------------------------------------------------

    def _story(self, text: Text, outlet: Outlet, when: datetime) -> Story:
        rng = self._rng
        name = serving.slug(text.title, _SLUG_WORDS)
        section = rng.choice(_SECTIONS[outlet.lang])
        number = rng.randrange(100_000, 999_999)
        local = serving.local_time(when, outlet.tz_hours)
        path = {
            "typo3": f"/{section}/artikel/{name}-{number}.html",
            "nextjs": f"/{section}/{local:%Y/%m/%d}/{name}-{number}",
            "eidos": f"/{section}/{name}_{number}_102.html",
        }[outlet.style]
        return Story(text, outlet, f"http://{outlet.host}{path}", when,
                     rng.choice(_AUTHORS), section)  # fmt: skip

    def _stories(self, texts: dict[str, list[Text]]) -> list[Story]:
        rng = self._rng
        stories: list[Story] = []
        fillers: dict[str, list[Text]] = {}
        for lang, count in _QUOTA.items():
            pool = sorted(texts[lang], key=lambda t: t.id)
            rng.shuffle(pool)
            fillers[lang] = pool[count : count + _EVENTS.get(lang, 0)]
            outlets = [o for o in self.outlets if o.lang == lang]
            for text in pool[:count]:
                when = _EPOCH - timedelta(minutes=rng.randrange(60, 20 * 24 * 60))
                stories.append(self._story(text, rng.choice(outlets), when))
        # Independent reports of events, each by another outlet of the language, in its own words.
        for lang, filler in fillers.items():
            able = [
                s for s in stories
                if s.lang == lang and language.quotes(s.text.paragraphs)
                and len(language.names(s.text.paragraphs)) >= 2
                and not s.outlet.blocks_crawlers
            ]  # fmt: skip
            for text, event in zip(filler, rng.sample(able, len(filler)), strict=True):
                when = event.published + timedelta(minutes=rng.randrange(-180, 360))
                day = language.weekday(lang, when.weekday())
                title, paragraphs = language.same_event(
                    event.text.paragraphs, text.paragraphs, lang, day, rng
                )
                others = [o for o in self.outlets if o.lang == lang and o is not event.outlet]
                report = self._story(
                    Text(f"event-{text.id}", title, tuple(paragraphs)), rng.choice(others), when
                )
                report.event_of = event
                stories.append(report)
        # Originals out of reach: never linked, gone since (410), or barred by robots.txt.
        free = [s for s in stories if s.event_of is None and not s.outlet.blocks_crawlers]
        self._out_of_reach(stories, rng.sample(free, 3), free, 2)
        return stories

    # -- who copies -------------------------------------------------------------------------

    def _copiers(self, story: Story, copiers: list[Site]) -> list[Site]:
        return [s for s in copiers if story.lang in s.langs]

    def _copy_further(self) -> None:
        self._syndicate()
        self._reblog()

    def _copy(self, story: Story, site: Site, via: Copy | None = None) -> Copy:
        rng = self._rng
        lang = story.lang
        title = via.title if via else story.text.title
        paragraphs = list(via.paragraphs if via else story.text.paragraphs)
        relation = via.relation if via else "verbatim"
        if site.relation == "spun":
            strength = rng.uniform(0.6, 1.0)
            spun = [language.spin(p, lang, strength, rng) for p in paragraphs]
            if spun == paragraphs:  # a short text with few words the table knows
                spun = [language.spin(p, lang, 1.0, rng) for p in paragraphs]
            if spun != paragraphs:
                paragraphs, relation = spun, "spun"
            title = language.spin(title, lang, 0.9, rng)
        elif site.relation == "excerpt":
            words = 0
            cut = 0
            while cut < len(paragraphs) - 1 and (words < 40 or rng.random() < 0.4):
                words += len(paragraphs[cut].split())
                cut += 1
            paragraphs = paragraphs[: max(cut, 1)]
            relation = "excerpt"
        elif site.relation == "rewrite":
            paragraphs = language.rewrite(paragraphs, lang, story.outlet.name, rng)
            title = language.spin(title, lang, 1.0, rng)
            relation = "rewrite"
        modes, weights = zip(*site.links, strict=True)
        link = rng.choices(modes, weights=weights)[0]
        if story.missing == "unlinked" and (not via or link == "source"):
            link = "attributed" if site.relation == "rewrite" else "none"
        start = via.published if via and via.published else story.published
        published = start + timedelta(minutes=rng.randrange(15, 2 * 24 * 60))
        copy = Copy(story, "", title, paragraphs, relation, link, published, site=site, via=via,
                    number=next(self._numbers))  # fmt: skip
        copy.url = self._post_url(copy)
        story.copies.append(copy)
        self.copies.append(copy)
        return copy

    def _syndicate(self) -> None:
        """Partner outlets of the same language republish five stories with a canonical to
        the original, and an aggregator copies each republication (a sure link to it)."""
        rng = self._rng
        able = [
            s for s in self.stories
            if not s.missing and s.event_of is None and s.lang in ("de", "en", "es")
        ]  # fmt: skip
        for story in rng.sample(able, 5):
            partner = rng.choice(
                [o for o in self.outlets if o.lang == story.lang and o is not story.outlet
                 and not o.blocks_crawlers]
            )  # fmt: skip
            when = story.published + timedelta(hours=rng.uniform(2, 20))
            syndicated = Copy(story, "", story.text.title, list(story.text.paragraphs),
                              "verbatim", "canonical", when, partner=partner)  # fmt: skip
            syndicated.url = self._story(story.text, partner, when).url
            story.copies.append(syndicated)
            self.copies.append(syndicated)
            site = rng.choice([s for s in self.sites if s.key in ("ecke", "euro", "yoast")
                               and story.lang in s.langs])  # fmt: skip
            copy = self._copy(story, site, via=syndicated)
            copy.link = self._sure_link(site)

    def _reblog(self) -> None:
        """The Tumblr-like blog reblogs a dozen posts of the verbatim and spinning sites."""
        site = next(s for s in self.sites if s.scrapes)
        taken = [c for c in self.copies if c.site and c.site.key in site.scrapes and not c.via]
        for via in self._rng.sample(taken, k=min(12, len(taken))):
            self._copy(via.story, site, via=via)

    def _updatable(self, story: Story) -> bool:
        return not story.missing and story.event_of is None

    def _updated(self, story: Story) -> tuple[str, ...]:
        return language.updated(story.text.paragraphs, story.lang)

    def _early_datable(self, copy: Copy) -> bool:
        story = copy.story
        return story.update is None and not story.missing and copy.relation in ("verbatim", "spun")

    def _post_url(self, copy: Copy) -> str:
        site = copy.site
        assert site is not None
        when = copy.published or copy.story.published
        number = copy.number

        def path(name: str) -> str:
            return {
                "joomla": f"/index.php/nachrichten/{number}-{name}",
                "drupal7": f"/node/{number}",
                "amp": f"/amp/{name}.html",
                "medium": f"/@{site.key}/{name}-{number:012x}",
                "substack": f"/p/{name}",
                "portal": f"/news/{number}",
                "tumblr": f"/post/{number}{number:05d}/{name}",
            }.get(site.platform, f"/{when:%Y/%m/%d}/{name}/")

        return self._free_url(site, serving.slug(copy.title, _SLUG_WORDS), path)

    @staticmethod
    def _kind(copy: Copy) -> str:
        story = copy.story
        link = _LINK_CLASS.get(copy.link, "linked")
        cases = (
            (bool(story.missing), f"original-{story.missing}/{copy.relation}"),
            (copy.partner is not None, "syndicated"),
            (copy.via is not None and copy.via.partner is not None, "copy-of-syndicated"),
            (copy.via is not None, f"reblog-{link}"),
            (copy.shown is not None, "dated-first"),
            (story.update is not None, f"of-updated-original/{copy.relation}"),
            (story.event_of is not None, f"of-same-event/{copy.relation}"),
            (copy.relation in ("spun", "rewrite"), f"{copy.relation}-{story.lang}-{link}"),
        )
        platform = copy.site.platform if copy.site else ""
        return next((kind for hit, kind in cases if hit), f"{copy.relation}-{link}/{platform}")

    # -- rendering --------------------------------------------------------------------------

    @property
    def publishers(self) -> list[Outlet]:
        return self.outlets

    def _original_page(self, story: Story, siblings: list[Story]) -> str:
        paragraphs, modified = story.update or (story.text.paragraphs, None)
        more = [s for s in siblings if not s.missing]
        return self._outlet_page(
            story.outlet, story, url=story.url, paragraphs=paragraphs,
            published=story.published, modified=modified, canonical=story.url, more=more,
        )  # fmt: skip

    def _original_kind(self, story: Story) -> str:
        if story.missing:
            return f"original-{story.missing}"
        return "same-event" if story.event_of else "original"

    def _outlet_page(
        self,
        outlet: Outlet,
        story: Story,
        *,
        url: str,
        paragraphs: Sequence[str],
        published: datetime,
        modified: datetime | None,
        canonical: str,
        more: Sequence[Story],
        credit: str = "",
    ) -> str:
        local = serving.local_time(published, outlet.tz_hours)
        changed = serving.local_time(modified, outlet.tz_hours) if modified else None
        jsonld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.text.title,
            "inLanguage": outlet.lang,
            "datePublished": local.isoformat(),
            "dateModified": (changed or local).isoformat(),
            "author": {"@type": "Person", "name": story.author},
            "publisher": {"@type": "NewsMediaOrganization", "name": outlet.name,
                          "url": outlet.home},
            "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
            "articleSection": story.section,
        }  # fmt: skip
        date_text = {
            "de": f"{local:%d.%m.%Y, %H:%M} Uhr",
            "en": f"{local:%B} {local.day}, {local:%Y}",
        }.get(outlet.lang, f"{local:%d/%m/%Y %H:%M}")
        page = {
            "url": url,
            "canonical": canonical,
            "title": story.text.title,
            "lang": outlet.lang,
            "jsonld": serving.script_json(jsonld),
            "published_iso": local.isoformat(),
            "modified_iso": changed.isoformat() if changed else "",
            "date_text": date_text,
            "summary": prose.sentences(paragraphs[0])[0][:200],
            "paragraphs": paragraphs,
            "credit": credit,
            "author": story.author,
            "section": story.section,
            "more": [(s.text.title, s.url) for s in more[:5]],
            "year": local.year,
            "build_id": f"{zlib.crc32(outlet.host.encode()):08x}",
        }
        site = {"name": outlet.name, "host": outlet.host}
        return self.templates.get_template(f"outlet_{outlet.style}.html").render(
            page=page, site=site
        )

    def _republished_page(self, copy: Copy) -> str:
        """A partner's republication: its own page, canonical to the original, credit line."""
        partner = copy.partner
        assert partner is not None and copy.published is not None
        story = copy.story
        credit = language.SYNDICATED[story.lang].format(
            outlet=f'<a href="{html.escape(story.url)}">{html.escape(story.outlet.name)}</a>'
        )
        return self._outlet_page(
            partner, story, url=copy.url, paragraphs=copy.paragraphs, published=copy.published,
            modified=None, canonical=story.url, more=[], credit=credit,
        )  # fmt: skip

    def _outlet_home(self, outlet: Outlet, stories: list[Story]) -> str:
        teasers = [(s.text.title, s.url) for s in stories if not s.missing]
        return self.templates.get_template("outlet_home.html").render(
            page={"teasers": teasers, "lang": outlet.lang}, site={"name": outlet.name}
        )

    def _link_html(self, copy: Copy) -> str:
        """The line that says where a copy came from, in its site's words (or nothing)."""
        src = html.escape(copy.source_url)
        name = html.escape(copy.source_name)
        source = copy.via.partner if copy.via and copy.via.partner else copy.story.outlet
        title = html.escape(copy.via.title if copy.via else copy.story.text.title)
        read_on = html.escape(language.READ_ON[copy.story.lang].format(outlet=copy.source_name))
        via_name = html.escape(copy.via.site.name if copy.via and copy.via.site else name)
        story = copy.story
        return {
            "source-field": '<div class="field field-name-field-original-url '
            'field-type-link-field field-label-inline clearfix"><div class="field-label">'
            'Original article:&nbsp;</div><div class="field-items"><div class="field-item even">'
            f'<a href="{src}">{src}</a></div></div></div>',
            "quelle": f'<p>Quelle: <a href="{src}" target="_blank" rel="noopener">{name}</a></p>',
            "yoast": f'<p>The post <a rel="nofollow" href="{src}">{title}</a> appeared first on '
            f'<a rel="nofollow" href="{html.escape(source.home)}">{name}</a>.</p>',
            "source-link": f'<p><a href="{src}" target="_blank" rel="noopener">Source link</a></p>',
            "read-on": f'<p class="button-wrapper"><a class="button primary" href="{src}">'
            f"{read_on}</a></p>",
            "via": f'<p class="reblog-via">(via <a href="{src}">{via_name}</a>)</p>',
            "source": f'<div class="post-source">Source: <a href="{html.escape(story.url)}">'
            f"{html.escape(story.outlet.host)}</a></div>",
        }.get(copy.link, "")

    def _body_html(self, copy: Copy) -> str:
        paragraphs = [html.escape(p, quote=False) for p in copy.paragraphs]
        if copy.link == "attributed-link":
            name = html.escape(copy.story.outlet.name, quote=False)
            anchor = f'<a href="{html.escape(copy.story.url)}">{name}</a>'
            paragraphs[0] = paragraphs[0].replace(name, anchor, 1)
        tag = (
            "p"
            if copy.site is None or copy.site.platform != "medium"
            else 'p class="pw-post-body-paragraph"'
        )
        body = "\n".join(f"<{tag}>{p}</p>" for p in paragraphs)
        if copy.site and copy.site.platform == "drupal7":  # its link is a field of its own
            return body
        return body + "\n" + self._link_html(copy)

    def _copy_page(self, copy: Copy, posts: Sequence[Copy]) -> str:
        site = copy.site
        assert site is not None
        rng = self._rng
        others = [p for p in posts if p is not copy]
        related = [(p.title, p.url) for p in rng.sample(others, k=min(4, len(others)))]
        local = self._post_time(copy, (0, 1, 2))
        assert local is not None
        date_text = {
            "joomla": f"{local:%d. %B %Y}",
            "drupal7": f"{local:%a, %m/%d/%Y - %H:%M}",
            "yoast": f"{local:%B} {local.day}, {local:%Y}",
            "amp": f"{local:%Y-%m-%d %H:%M}",
            "medium": f"{local:%b} {local.day}, {local:%Y}",
            "substack": f"{local:%b} {local.day}, {local:%Y}",
            "portal": f"{local:%d.%m.%Y %H:%M}",
            "tumblr": f"{local:%B} {local.day}, {local:%Y}",
        }[site.platform]
        jsonld = serving.script_json(
            {
                "@context": "https://schema.org",
                "@type": "Article" if site.platform != "amp" else "NewsArticle",
                "headline": copy.title,
                "datePublished": local.isoformat(),
                "author": {"@type": "Person", "name": "redaktion"},
                "publisher": {"@type": "Organization", "name": site.name},
            }
        )
        frame = ""
        if site.platform == "portal" and copy.link == "frame":
            frame = f"http://{site.host}/frame/{copy.number}"
            self._add(frame, self._frame_page(copy), copy.published)
        page = {
            "url": copy.url,
            "title": copy.title,
            "canonical": copy.url,
            "og": site.platform not in ("tumblr",),
            "jsonld": jsonld if site.platform in ("yoast", "amp", "medium", "substack") else None,
            "published_iso": local.isoformat(),
            "modified_iso": "",
            "date_text": date_text,
            "summary": prose.sentences(copy.paragraphs[0])[0][:160],
            "body": self._body_html(copy),
            "lang": copy.story.lang,
            "post_id": copy.number,
            "related": related,
            "frame": frame,
            "after_body": self._link_html(copy) if site.platform == "drupal7" else "",
            "view_original": language.VIEW_ORIGINAL[copy.story.lang],
            "source_url": copy.source_url,
            "year": local.year,
            "author": rng.choice(("redaktion", "admin", "newsdesk")),
        }
        return self._post_html(site, page)

    def _frame_page(self, copy: Copy) -> str:
        """The portal's "view original" page: its bar over the original in a frame."""
        site = copy.site
        assert site is not None
        return self.templates.get_template("portal_frame.html").render(
            page={"title": copy.title, "source_url": copy.story.url, "back": copy.url},
            site={"name": site.name},
        )

    def _feed(self, site: Site, posts: Sequence[Copy]) -> str:
        langs = {c.story.lang for c in posts}
        return self._rss(
            site, self._rss_items(posts), language=langs.pop() if len(langs) == 1 else ""
        )
