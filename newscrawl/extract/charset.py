"""Bytes to text for HTML whose charset declaration may be wrong or missing."""

from __future__ import annotations

import codecs
from contextlib import suppress

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
)

_WIDE = ("utf-16", "utf-32")  # encodings whose ASCII is not byte-compatible with UTF-8
# Unicode ranges of Western text: a guess that reads as these is decoded as cp1252.
_LATIN_RANGES = ("Basic Latin", "Latin-1 Supplement", "Latin Extended", "General Punctuation")


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode an HTML body, distrusting declarations the bytes contradict.

    Policy, in order (w3lib's `html_to_unicode`, as Scrapy uses it, does the reading):
    1. a byte-order mark wins;
    2. bytes that are valid UTF-8 are UTF-8, whatever the header or meta says: Latin-1 or
       cp1252 text with any non-ASCII character is practically never valid UTF-8, while
       UTF-8 pages mislabelled iso-8859-1 are common (skipped when UTF-16/32 is declared);
    3. the declared (header, then meta) or detected encoding, if the bytes decode with it
       without errors;
    4. charset-normalizer's guess when it reads as a non-Latin script (Cyrillic cp1251,
       Shift_JIS...); for Latin-script text cp1252, the web's usual legacy encoding
       (WHATWG's default), since on short texts the guess often wavers between cp1250 and
       cp1252 and picks "crčme" for "crème"; bytes cp1252 leaves undefined become U+FFFD.
    So Latin-1 bytes declared as UTF-8 come out as the right characters, never U+FFFD.
    """
    if read_bom(body)[0] is not None:
        return html_to_unicode(content_type, body)[1]
    # The encoding html_to_unicode would pick, found without decoding the body with it: most
    # pages are UTF-8 and are decoded once (the crawl decodes every page it parses).
    declared = http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    if not _wide(declared or "utf-8"):
        with suppress(UnicodeDecodeError):
            return body.decode("utf-8")
    encoding, text = html_to_unicode(content_type, body)
    if _decodes(body, encoding):
        return text
    guess = from_bytes(body).best()
    latin = guess is None or all(a.startswith(_LATIN_RANGES) for a in guess.alphabets)
    if guess is not None and not latin and _decodes(body, guess.encoding):
        return str(guess)
    return body.decode("cp1252", errors="replace")


def _wide(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith(_WIDE)


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
