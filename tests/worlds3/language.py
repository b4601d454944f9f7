"""What the third world's copiers do to words in five languages: a spinner with its own
tables, rewrites that name the outlet in the text's language, syndication and update notes,
and another outlet's own report of an event.

Every function that draws takes a `random.Random`, so a world built from one seed is the same
each time.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from tests.worlds import prose

if TYPE_CHECKING:
    import random
    from collections.abc import Sequence

LANGUAGES = ("de", "en", "es", "fr", "it")
# Words only these languages use often: enough to tell a news text's language.
_MARKERS = {
    "de": "der die und nicht ist das",
    "es": "el los que del las una",
    "fr": "le les des est une du",
    "it": "il che di della non sono",
    "en": "the and of is that was",
}
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    lang: {word: tuple(choices) for word, choices in table.items()}
    for lang, table in tomllib.loads(
        (Path(__file__).parent / "thesaurus.toml").read_text(encoding="utf-8")
    ).items()
}
_TOKEN = re.compile(r"\w[\w'’-]*|\W+")
_NAME = re.compile(r"(?<=[a-zäöüßàâçéèêëîïôûùáíóúñ,;:] )([A-ZÄÖÜÉ][\w’-]+(?: [A-ZÄÖÜÉ][\w’-]+)+)")
_QUOTE = re.compile(r"[„“\"«]\s?([^„“”\"«»]{25,220}?)\s?[“”\"»]")
_DAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
}
_ATTRIBUTED = {
    "de": ("{lede}, berichtet die Zeitung {outlet}.", "{lede}. Das berichtet {outlet}.",
           "Die Zeitung {outlet} berichtet: {lede}."),
    "en": ("{lede}, {outlet} reported.", "According to {outlet}: {lede}."),
    "es": ("{lede}, según {outlet}.", "{lede}, informó {outlet}.",
           "Según publica {outlet}: {lede}."),
    "fr": ("{lede}, selon {outlet}.", "{lede}, rapporte {outlet}."),
    "it": ("{lede}, secondo {outlet}.", "{lede}, riporta {outlet}."),
}  # fmt: skip
SYNDICATED = {
    "de": "Dieser Artikel erschien zuerst bei {outlet}.",
    "en": "This story originally appeared in {outlet}.",
    "es": "Este artículo se publicó originalmente en {outlet}.",
    "fr": "Cet article a d'abord été publié par {outlet}.",
    "it": "Questo articolo è apparso originariamente su {outlet}.",
}
READ_ON = {
    "de": "Weiterlesen bei {outlet} →",
    "en": "Keep reading at {outlet} →",
    "es": "Seguir leyendo en {outlet} →",
    "fr": "Lire la suite sur {outlet} →",
    "it": "Continua a leggere su {outlet} →",
}
VIEW_ORIGINAL = {
    "de": "Original ansehen",
    "en": "View original",
    "es": "Ver original",
    "fr": "Voir l'original",
    "it": "Vedi originale",
}
_UPDATE = {
    "de": ("Nach Redaktionsschluss teilte eine Sprecherin mit, man prüfe den Vorgang und werde "
           "sich erst nach Abschluss der Prüfung äußern.",
           "Aktualisiert: Der Artikel wurde um eine Stellungnahme ergänzt."),
    "en": ("After this article was first published, a spokeswoman said the matter was being "
           "reviewed and that there would be no further comment until the review was over.",
           "Update: this article has been updated with a statement."),
    "es": ("Tras la publicación de este artículo, una portavoz indicó que el asunto se está "
           "revisando y que no habrá más comentarios hasta que concluya la revisión.",
           "Actualización: se ha añadido a este artículo un comunicado."),
    "fr": ("Après la publication de cet article, une porte-parole a indiqué que le dossier était "
           "en cours d'examen et qu'aucun autre commentaire ne serait fait d'ici là.",
           "Mise à jour : cet article a été complété par une déclaration."),
    "it": ("Dopo la pubblicazione di questo articolo, una portavoce ha spiegato che la questione "
           "è all'esame e che non ci saranno altri commenti fino alla sua conclusione.",
           "Aggiornamento: l'articolo è stato integrato con una dichiarazione."),
}  # fmt: skip
_EVENT = {
    "de": (("{a} prägt auch am {day} die Debatte, und {b} bleibt nicht außen vor.",
            "Was mit {a} begann, ist längst auch eine Geschichte über {b}."),
           "„{quote}“, sagte {speaker} am {day}.", "{a}: Was bisher bekannt ist"),
    "en": (("{a} dominated the talk again on {day}, with {b} never far behind.",
            "What started as a story about {a} has become one about {b} too."),
           '"{quote}," {speaker} said on {day}.', "{a}: what we know so far"),
}  # fmt: skip
EVENT_LANGUAGES = tuple(_EVENT)


def language(text: str) -> str:
    """The language of a news text, by the words each language uses most."""
    padded = f" {text.lower()} "
    counts = {
        lang: sum(padded.count(f" {w} ") for w in words.split()) for lang, words in _MARKERS.items()
    }
    return max(counts, key=counts.__getitem__)


def weekday(lang: str, index: int) -> str:
    return _DAYS[lang][index]


def spin(text: str, lang: str, strength: float, rng: random.Random) -> str:
    """Swap each word the language's table knows, with probability `strength`, for one of its
    synonyms (case kept)."""
    table = SYNONYMS[lang]
    tokens = _TOKEN.findall(text)
    for i, token in enumerate(tokens):
        choices = table.get(token.lower())
        if choices and rng.random() < strength:
            tokens[i] = prose.match_case(rng.choice(choices), token)
    return "".join(tokens)


def rewrite(paragraphs: Sequence[str], lang: str, outlet: str, rng: random.Random) -> list[str]:
    """A rewrite: the first sentence spun and attributed to `outlet` in the text's language,
    then two to five other paragraphs cut to a sentence or two, spun, the second half first."""
    first = prose.sentences(paragraphs[0])[0].rstrip(" .!?")
    lede = spin(first, lang, 0.6, rng)
    opening = rng.choice(_ATTRIBUTED[lang]).format(lede=lede, outlet=outlet)
    rest = list(paragraphs[1:])
    picked = sorted(rng.sample(range(len(rest)), k=min(len(rest), rng.randint(2, 5))))
    body = [spin(prose.shortened(rest[i], rng, (1, 2)), lang, 0.5, rng) for i in picked]
    half = len(body) // 2
    return [opening, *body[half:], *body[:half]]


def names(paragraphs: Sequence[str]) -> list[str]:
    """The names a text uses most: runs of two or more capitalised words inside a sentence."""
    counts = Counter(n for p in paragraphs for n in _NAME.findall(p))
    return [n for n, _ in counts.most_common()]


def quotes(paragraphs: Sequence[str]) -> list[str]:
    """The direct quotes of a text, in order."""
    found = (m.group(1).strip().rstrip(".,;:") for p in paragraphs for m in _QUOTE.finditer(p))
    return [q for q in found if len(q.split()) >= 5]


def same_event(
    paragraphs: Sequence[str], filler: Sequence[str], lang: str, day: str, rng: random.Random
) -> tuple[str, list[str]]:
    """Another outlet's own report of the event told in `paragraphs`: its own prose (an
    unrelated real text in the same language, `filler`, its names swapped for the event's), a
    lede naming the event's people and places, and one or two of the event's direct quotes
    word for word."""
    ledes, quoted, headline = _EVENT[lang]
    event_names = names(paragraphs)
    a, b = event_names[0], event_names[1]
    body = prose.retold(filler[:7], dict(zip(names(filler), event_names, strict=False)))
    for i, quote in enumerate(quotes(paragraphs)[:2]):
        body.insert(1 + 2 * i, quoted.format(quote=quote, speaker=event_names[i], day=day))
    return headline.format(a=a), [rng.choice(ledes).format(a=a, b=b, day=day), *body]


def updated(paragraphs: Sequence[str], lang: str) -> tuple[str, ...]:
    """What an outlet serves after updating a story: a paragraph added after the second and an
    update note at the end."""
    added, note = _UPDATE[lang]
    return (*paragraphs[:2], added, *paragraphs[2:], note)
