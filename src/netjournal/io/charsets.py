"""Text that isn't UTF-8: Windows-1252 or Shift-JIS for a whole file, and a vCard value decoded
again with the CHARSET its property names.
"""

from __future__ import annotations

import codecs
import unicodedata

WESTERN = "Windows-1252"
JAPANESE = "Shift-JIS"
_CODECS = {WESTERN: "cp1252", JAPANESE: "cp932"}
_NOT_LETTERS_SHARE = 0.3
"""Above this share of non-letters among its accented characters, Windows-1252 reading is
mojibake: Shift-JIS read that way gives runs like ˆÀ“¡ƒ."""


def decode_legacy(data: bytes | bytearray) -> tuple[str, str]:
    """(text, the name of the encoding) for bytes that aren't UTF-8.

    Windows-1252, unless the bytes read cleanly as Shift-JIS and don't as Windows-1252: a
    Japanese text almost always holds a byte Windows-1252 leaves undefined, or reads there as
    punctuation rather than letters.
    """
    try:
        japanese = data.decode("cp932")
    except UnicodeDecodeError:
        japanese = ""
    if japanese:
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            return japanese, JAPANESE
        if _not_letters_share(western) >= _NOT_LETTERS_SHARE:
            return japanese, JAPANESE
    return data.decode("cp1252", errors="replace"), WESTERN


def codec_of(name: str) -> str:
    """The Python codec for an encoding `decode_legacy` names."""
    return _CODECS[name]


def _not_letters_share(text: str) -> float:
    high = [c for c in text if ord(c) > 0x7F]
    if not high:
        return 0.0
    return sum(1 for c in high if not unicodedata.category(c).startswith("L")) / len(high)


def known_charset(name: str) -> str | None:
    """The Python codec for a CHARSET parameter ("SHIFT_JIS", "ISO-8859-1"…), or None."""
    try:
        codec = codecs.lookup(name.strip().strip('"')).name
    except (LookupError, ValueError):
        return None
    # As browsers do: writers that say Latin-1 or Shift-JIS mostly mean Microsoft's supersets.
    return {"iso8859-1": "cp1252", "latin-1": "cp1252", "shift_jis": "cp932"}.get(codec, codec)


def decode_value(data: bytes, charset: str | None, fallback: str) -> tuple[str, bool]:
    """(text, whether the fallback was needed) for a value's bytes: in its CHARSET, else UTF-8,
    else the `fallback` codec. Never raises."""
    for codec in (charset, "utf-8"):
        if codec is None:
            continue
        try:
            return data.decode(codec), False
        except UnicodeDecodeError:
            continue
    return data.decode(fallback, errors="replace"), True
