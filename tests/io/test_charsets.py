"""Files that aren't UTF-8: Windows-1252 unless they read clearly as Shift-JIS."""

from __future__ import annotations

from pathlib import Path

import pytest

from netjournal.core.journal import Journal
from netjournal.io.charsets import decode_legacy, decode_value, known_charset
from tests.io.conftest import run_import


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("安藤ロイド, 山田花子", "cp932"),
        ("José Müller, Gérard Dupont, Ærø", "cp1252"),
        ("Gérard", "cp1252"),  # é+r also reads as one Shift-JIS character
        ("“Quotes” — and a dash", "cp1252"),
    ],
)
def test_the_encoding_of_a_file_is_guessed(text: str, encoding: str) -> None:
    decoded, name = decode_legacy(text.encode(encoding))
    assert decoded == text
    assert name == {"cp932": "Shift-JIS", "cp1252": "Windows-1252"}[encoding]


def test_a_value_is_decoded_by_its_charset_else_utf8_else_the_fallback() -> None:
    assert decode_value("安藤".encode("cp932"), known_charset("SHIFT_JIS"), "cp1252") == (
        "安藤",
        False,
    )
    assert decode_value("José".encode(), None, "cp1252") == ("José", False)
    assert decode_value("José".encode("cp1252"), None, "cp1252") == ("José", True)
    assert decode_value(b"caf\x80", known_charset("ISO-8859-1"), "cp1252") == ("caf€", False)
    assert known_charset("X-NOT-A-CHARSET") is None


def test_a_shift_jis_csv_imports_with_its_names(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("Name,Email\n安藤ロイド,ando@example.jp\n".encode("cp932"))
    plan, _ = run_import(journal, path)
    assert [c.name for c in journal.all_contacts()] == ["安藤ロイド"]
    assert (
        plan.notes[0].text
        == "people.csv isn't UTF-8, so it was read as Shift-JIS; check the names."
    )
