"""decode_html: declarations are believed only when the bytes agree with them."""

from __future__ import annotations

import pytest

from newscrawl.demo.world import ASIANLITE_COPY, DemoWorld
from newscrawl.extract import decode_html

TEXT = "Café crème à la française — naïve façade, “quoted”, señor Müller"


def page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{TEXT}</p></body></html>"


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        ("text/html; charset=utf-8", ""),  # header lies
        ("text/html", '<meta charset="utf-8">'),  # meta lies
        ("text/html; charset=UTF-8", '<meta charset="utf-8">'),  # both lie
        (None, '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'),
    ],
)
def test_cp1252_bytes_declared_utf8_come_out_right(content_type: str | None, meta: str) -> None:
    text = decode_html(page(meta).encode("cp1252"), content_type)
    assert TEXT in text
    assert "\ufffd" not in text


def test_latin1_bytes_declared_utf8_come_out_right() -> None:
    latin1 = "Café crème à la française, naïve façade, señor Müller"
    body = f"<html><body><p>{latin1}</p></body></html>".encode("latin-1")
    assert latin1 in decode_html(body, "text/html; charset=utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_undeclared_pages_are_detected(encoding: str) -> None:
    assert TEXT in decode_html(page().encode(encoding), None)
    assert TEXT in decode_html(page().encode(encoding), "text/html")


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        ("text/html", '<meta charset="iso-8859-1">'),
        ("text/html; charset=iso-8859-1", ""),
        ("text/html; charset=windows-1252", '<meta charset="windows-1252">'),
    ],
)
def test_valid_utf8_wins_over_a_latin1_declaration(content_type: str, meta: str) -> None:
    """Valid UTF-8 bytes under a Latin-1 label are UTF-8: decoding them as Latin-1 would
    turn "é" into "Ã©" (mojibake) without any decoding error to notice."""
    assert TEXT in decode_html(page(meta).encode("utf-8"), content_type)


def test_a_true_latin1_declaration_is_kept() -> None:
    body = page('<meta charset="windows-1252">').encode("cp1252")
    assert TEXT in decode_html(body, "text/html; charset=windows-1252")


def test_byte_order_mark_wins() -> None:
    body = page().encode("utf-16")  # with BOM
    assert TEXT in decode_html(body, "text/html; charset=iso-8859-1")


def test_declared_utf16_is_not_overridden() -> None:
    assert TEXT in decode_html(page().encode("utf-16-le"), "text/html; charset=utf-16le")


def test_demo_page_decodes_as_sent() -> None:
    resource = DemoWorld().resolve(ASIANLITE_COPY, {})
    text = decode_html(resource.body, resource.header("Content-Type"))
    assert text == resource.body.decode("utf-8")
    assert "capital city’s Diaoyutai" in text


def test_non_latin_legacy_pages_follow_the_detector() -> None:
    russian = "Привет, как дела? Это тестовая страница на русском языке, и она длинная."
    body = f"<html><body><p>{russian}</p></body></html>".encode("cp1251")
    assert russian in decode_html(body, "text/html; charset=utf-8")
