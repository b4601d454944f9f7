"""The fast paths of the text-reuse stages compute what their plain definitions say: words
split before the regex, the skeleton and content words as array operations, names hashed
from their words, outlet names found through a trie, candidate searches run in batches."""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING

import numpy as np

from newscrawl.items import Article
from newscrawl.provenance import candidates
from newscrawl.provenance.attribution import Signals, _mentions, _named, _trie
from newscrawl.provenance.candidates import CandidateIndex
from newscrawl.provenance.fingerprint import (
    _WORD,
    EXACT_N,
    SKELETON_N,
    Fingerprint,
    mentions,
    name_hash,
    shingles,
    words,
)
from newscrawl.provenance.linker import make_entry
from newscrawl.provenance.register import load_outlets
from tests.provenance.pseudo_news import prose

if TYPE_CHECKING:
    import pytest

    from newscrawl.provenance.entries import Entry

AWKWARD = (
    "Don't stop__it: O'Neil’s rock''n'roll, 'quoted' x'''y — İstanbul ΣΑΣ naïve café 4½ ²³\n"
    "‘Hi’ (said) the_end... e-mail/web [1] {2} «three» 3.5% #tag @user a+b=c <x> ~y^z|w\\v\n"
    "ΑΘΗΝΑ, 東京 and Δελφοί\x1cnext\u2028line\ttab"
)


def test_words_are_what_the_word_pattern_finds() -> None:
    for text in (AWKWARD, prose("harbour"), "", "   ", "_", "'", "a'b'c''d"):
        assert words(text) == _WORD.findall(text.lower().replace("’", "'")), text


def test_the_skeleton_keeps_function_words_and_one_slot_a_run() -> None:
    text = "The mayor of the city said on Monday that the bridge over the river will close in May"
    fingerprint = Fingerprint.of(text)
    skeleton = ["the", "*", "of", "the", "*", "on", "*", "that", "the", "*", "over", "the"]
    skeleton += ["*", "will", "*", "in", "*"]
    hashed = np.array([zlib.crc32(w.encode()) for w in skeleton], np.uint64)
    assert np.array_equal(fingerprint.robust, shingles(hashed, SKELETON_N))
    tokens = words(text)
    exact = shingles(np.array([zlib.crc32(w.encode()) for w in tokens], np.uint64), EXACT_N)
    assert np.array_equal(fingerprint.exact, exact)
    content = {"mayor", "city", "said", "monday", "bridge", "river", "close", "may"}
    assert set(fingerprint.content.tolist()) == {zlib.crc32(w.encode()) for w in content}
    assert fingerprint.length == len(tokens) == 18


def test_mentions_hash_every_run_of_names_as_name_hash_does() -> None:
    # "İ" is no capital of the Latin scripts runs are made of; "But", "The" and "AT" alone
    # are function words, no names.
    found = mentions("Officials at The Riverdale Herald said. But AT&T İstanbul")
    names = ["Officials", "Riverdale", "The Riverdale", "Riverdale Herald", "Herald"]
    names += ["The Riverdale Herald", "T", "AT&T", "But AT&T"]
    assert found == {name_hash(name) for name in names}


def test_the_outlet_trie_matches_what_the_alternation_of_names_matches() -> None:
    assert re.fullmatch(_trie(["ab", "abc", "b"]), "abc")
    lowered, ignoring_case, by_name = _mentions(load_outlets())
    names = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    plain = re.compile(rf"\b(?:{names})\b", re.IGNORECASE)
    text = (
        "the BBC News reports; bbc newsy, AP Photo and AP Photos, AFP's CNBC Pro, CNBC "
        "Professional. Agence France-Presse: THE BBC via Reuters/Thomson Reuters (AP) — "
        "ΣΑΣ naïve café ΑΘΗΝΑ"
    )
    found = [m.group(0) for m in ignoring_case.finditer(text)]
    assert found == [m.group(0) for m in plain.finditer(text)]
    assert "AP Photo" in found and "CNBC Pro" in found and "THE BBC" in found
    # The fast scan reads the casefolded text: the same names, at the same places.
    assert [m.group(0) for m in lowered.finditer(text.casefold())] == [n.casefold() for n in found]
    outlets = load_outlets()
    assert _named(text, outlets) == sorted({by_name[n.casefold()] for n in found})
    # Where casefolding changes the text's length, the scan ignoring case is used instead.
    assert _named(AWKWARD + " " + text, outlets) == _named(text, outlets)


def entry(url: str, body: str) -> Entry:
    return make_entry(Article(url, body=body), Signals())


def keys(found: list[Entry]) -> list[str]:
    return [e.url for e in found]


def test_a_search_sees_what_was_added_after_the_batch_it_was_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(candidates, "SEARCH_BATCH", 2)
    text = prose("harbour")
    first, copy, later = (
        entry(f"https://{site}/harbour", text) for site in ("a.com", "b.com", "c.com")
    )
    other = entry("https://d.com/orchard", prose("orchard"))
    index = CandidateIndex()
    for one in (first, copy, other):
        index.add(one)
    assert keys(index.candidates(first)) == ["https://b.com/harbour"]  # copy's found too
    index.add(later)  # after the batch that searched for `first` and `copy`
    assert keys(index.candidates(copy)) == ["https://a.com/harbour", "https://c.com/harbour"]
    assert keys(index.candidates(other)) == []
    assert keys(index.candidates(first)) == ["https://b.com/harbour", "https://c.com/harbour"]
