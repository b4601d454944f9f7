"""Tiny valid JPEGs made in code, so the demo's images are real assets without binary files."""

from __future__ import annotations

import hashlib
import struct

_JFIF = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
_EOB_TABLE = bytes([0x10]) + bytes([1] + [0] * 15) + b"\x00"  # AC table: one code, end-of-block


def jpeg_for(url: str, width: int = 320, height: int = 180) -> bytes:
    """A flat grey picture whose shade is derived from the URL (different URLs, different bytes)."""
    return flat_jpeg(width, height, 40 + hashlib.sha1(url.encode()).digest()[0] % 176)


def flat_jpeg(width: int, height: int, grey: int) -> bytes:
    """Baseline greyscale JPEG of one shade: every 8x8 block holds only its DC coefficient.

    The first block carries DC = 8 * (grey - 128) (quantisation 1); later blocks repeat it
    with a zero difference. Huffman tables hold just the codes that this needs.
    """
    dc = 8 * (grey - 128)
    size = abs(dc).bit_length()
    symbols = sorted({0, size})
    dc_table = bytes([0x00, 0, len(symbols)] + [0] * 14) + bytes(symbols)
    code = {symbol: format(i, "02b") for i, symbol in enumerate(symbols)}
    extra = format(dc if dc >= 0 else dc + (1 << size) - 1, f"0{size}b") if size else ""
    blocks = -(-width // 8) * -(-height // 8)
    bits = code[size] + extra + "0" + (code[0] + "0") * (blocks - 1)
    bits += "1" * (-len(bits) % 8)
    scan = bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)).replace(
        b"\xff", b"\xff\x00"
    )
    return b"".join(
        [
            b"\xff\xd8",
            _segment(0xE0, _JFIF),
            _segment(0xDB, b"\x00" + b"\x01" * 64),
            _segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
            _segment(0xC4, dc_table),
            _segment(0xC4, _EOB_TABLE),
            _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
            scan,
            b"\xff\xd9",
        ]
    )


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload
