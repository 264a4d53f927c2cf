"""Tests for cleaning text at the boundary.

See docs/data-safety.md, "Files from elsewhere are data, never code".
"""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netjournal.core.text import (
    clean_line,
    clean_text,
    normalise_name,
    shown,
    shown_json,
    split_tags,
)

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE = "\x1b\x9b\x9d\x07\x00\r\n\t\x7f\u2028\u202e\u2066\ud800\udfff\u200d#, "

# Every code point, surrogates included, with the hostile ones drawn often.
any_text = st.text(
    alphabet=st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from(HOSTILE),
    )
)
# Text that has nothing to remove: no Cc but tab and newline, no Cs, no bidi controls.
printable_text = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=BIDI_CONTROLS),
        st.sampled_from("\t\n"),
    )
)


def is_unsafe(char: str) -> bool:
    category = unicodedata.category(char)
    if char in "\t\n":
        return False
    return category in ("Cc", "Cs") or char in BIDI_CONTROLS


# clean_text: examples


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("\x1b]0;owned\x07Bob", "]0;ownedBob"),  # OSC that would retitle the terminal
        ("\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\", "]8;;https://evil\\link]8;;\\"),
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),  # CSI colour
        ("\x9b2J\x9d0;x\x9c", "2J0;x"),  # the C1 forms of CSI, OSC and ST
        ("a\x00b\x7fc", "abc"),  # NUL breaks LIKE
        ("one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour"),
        ("\r\r\n", "\n\n"),
        ("col\tcol\n", "col\tcol\n"),
        ("lone \ud800 high and \udfff low", "lone  high and  low"),
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ("\u2066isolated\u2069 \u202aembedded\u202c", "isolated embedded"),
        ("👩\u200d💻", "👩\u200d💻"),  # ZWJ holds the emoji together
        ("soft\u00adhyphen, mark\u200e", "soft\u00adhyphen, mark\u200e"),  # other Cf stay
        ("", ""),
        ("José da Silva — 東京", "José da Silva — 東京"),
    ],
)
def test_clean_text_examples(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned


def test_clean_text_removes_exactly_the_unsafe_code_points() -> None:
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code) != "\r")
    expected = "".join(char for char in everything if not is_unsafe(char))
    assert clean_text(everything) == expected


def test_clean_text_output_encodes_for_sqlite() -> None:
    clean_text("a\ud83d\ude00\udc00z").encode("utf-8")  # would raise on a surrogate


# clean_text: properties


@given(any_text)
def test_clean_text_leaves_no_unsafe_character(value: str) -> None:
    cleaned = clean_text(value)
    assert not any(is_unsafe(char) for char in cleaned)
    assert "\r" not in cleaned
    assert "\x1b" not in cleaned
    cleaned.encode("utf-8")


@given(any_text)
def test_clean_text_is_idempotent(value: str) -> None:
    once = clean_text(value)
    assert clean_text(once) == once


@given(printable_text)
def test_clean_text_keeps_printable_text(value: str) -> None:
    assert clean_text(value) == value


# shown: the same care on the way out, for text another program wrote


@pytest.mark.parametrize(
    ("stored", "displayed"),
    [
        ("\x1b]0;owned\x07Bob", "]0;ownedBob"),
        ("\x1b]52;c;ZXZpbA==\x07", "]52;c;ZXZpbA=="),  # OSC 52 would set the clipboard
        ("\x9b2J\x9d0;x\x9c", "2J0;x"),
        ("one\r\ntwo", "one\ntwo"),
        ("over\rwrite", "overwrite"),  # a lone CR would print over the line
        ("col\tcol\nrow", "col\tcol\nrow"),
        ("evil\u202etxt", "eviltxt"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("nul\x00byte\x7f", "nulbyte"),
        ("José — 東京 👩\u200d💻", "José — 東京 👩\u200d💻"),
    ],
)
def test_shown_examples(stored: str, displayed: str) -> None:
    assert shown(stored) == displayed


def test_shown_returns_safe_text_unchanged_as_the_same_object() -> None:
    text = "Ana Lima, SEO consultant"
    assert shown(text) is text


@given(any_text)
def test_shown_leaves_nothing_a_terminal_obeys(value: str) -> None:
    displayed = shown(value)
    assert not any(is_unsafe(char) or char == "\r" for char in displayed)
    displayed.encode("utf-8")
    assert shown(displayed) == displayed


@given(printable_text)
def test_shown_keeps_clean_text(value: str) -> None:
    assert shown(value) == value


@given(any_text)
def test_shown_json_escapes_instead_of_dropping(value: str) -> None:
    dumped = shown_json(json.dumps({"v": value}, ensure_ascii=False))
    assert not any(is_unsafe(char) or char == "\r" for char in dumped)
    assert json.loads(dumped) == {"v": value}


# clean_line


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  Ann\n\tLee \r\n", "Ann Lee"),
        ("a \n\n b", "a b"),
        ("a\tb\u2028c\u2029d", "a b c d"),
        ("two  spaces kept", "two  spaces kept"),
        ("\x1b[1mBold\x1b[0m name", "[1mBold[0m name"),
        ("\n\t \r", ""),
        ("\u00a0padded\u00a0", "padded"),
    ],
)
def test_clean_line_examples(raw: str, cleaned: str) -> None:
    assert clean_line(raw) == cleaned


@given(any_text)
def test_clean_line_is_one_clean_line(value: str) -> None:
    line = clean_line(value)
    assert not any(char in "\t\n\u2028\u2029" or is_unsafe(char) for char in line)
    assert line == line.strip()
    assert clean_line(line) == line


def test_clean_line_handles_long_whitespace() -> None:
    # A backtracking pattern would take minutes here; benchmarks/ has no row for it because
    # linear is the only acceptable answer.
    assert clean_line("x" + " " * 100_000 + "\ny") == "x y"
    assert clean_line("x" + " " * 100_000 + "y") == "x" + " " * 100_000 + "y"


# normalise_name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("José  da Silva", "jose da silva"),
        ("  JOSÉ DA SILVA\n", "José da Silva"),
        ("Jose\u0301 da Silva", "José da Silva"),  # decomposed accent
        ("Mary-Jane Smith", "mary jane smith"),
        ("O'Brien", "OBrien"),
        ("Straße", "STRASSE"),
        ("Zoë  Ångström", "zoe angstrom"),
        ("ﬁona", "Fiona"),  # compatibility ligature
        ("Dr. Who!", "dr who"),
        ("\x1b[31mAnn\x1b[0m", "[31mAnn[0m"),
    ],
)
def test_normalise_name_matches(first: str, second: str) -> None:
    assert normalise_name(first) == normalise_name(second)


def test_normalise_name_values() -> None:
    assert normalise_name("José  da Silva") == "jose da silva"
    assert normalise_name("  Ann-Marie  O'Neil, Jr. ") == "ann marie oneil jr"
    assert normalise_name("!!!") == "!!!"  # punctuation alone is kept, not lost
    assert normalise_name(" [/  ") == "[/"
    assert normalise_name("") == ""


def _key_by_the_unicode_recipe(value: str) -> str:
    """normalise_name's general path, written out, to check its ASCII shortcut against."""
    text = unicodedata.normalize("NFKD", clean_line(value))
    text = unicodedata.normalize("NFKD", text.casefold())
    kept = [
        char
        if char.isalnum()
        else " "
        if char.isspace() or unicodedata.category(char) in ("Pd", "Pc")
        else ""
        for char in text
        if not unicodedata.combining(char)
    ]
    key = " ".join("".join(kept).split())
    return key if key or not text.strip() else " ".join(text.split())


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_normalise_name_for_ascii_is_the_unicode_recipe(value: str) -> None:
    assert normalise_name(value) == _key_by_the_unicode_recipe(value)


def test_normalise_name_keeps_different_names_apart() -> None:
    assert normalise_name("Ann") != normalise_name("Anne")
    # Devanagari vowel signs change the name; they must not be dropped like accents.
    assert normalise_name("किरण") != normalise_name("करण")
    assert normalise_name("王芳") != normalise_name("王方")


@given(any_text)
def test_normalise_name_never_raises_and_is_stable(value: str) -> None:
    key = normalise_name(value)
    assert key == key.strip()
    assert "  " not in key
    assert not any(is_unsafe(char) for char in key)
    assert normalise_name(key) == key


# split_tags


@pytest.mark.parametrize(
    ("raw", "tags"),
    [
        ("seo, Design #close", ["seo", "design", "close"]),
        ("#SEO,#seo seo", ["seo"]),
        ("a,,b ,  c", ["a", "b", "c"]),
        ("##double # , #", ["double"]),
        ("", []),
        ("  \n\t ", []),
        (["seo, design", "#Close", "seo"], ["seo", "design", "close"]),
        (("x y", "z"), ["x", "y", "z"]),
        ([], []),
        ("work\x1b[31m, café", ["work[31m", "café"]),
        ("c#, f#", ["c#", "f#"]),
    ],
)
def test_split_tags_examples(raw: str | list[str] | tuple[str, ...], tags: list[str]) -> None:
    assert split_tags(raw) == tags


def test_split_tags_takes_a_generator() -> None:
    assert split_tags(word for word in ["B", "a", "b"]) == ["b", "a"]


@given(st.one_of(any_text, st.lists(any_text, max_size=5)))
def test_split_tags_properties(value: str | list[str]) -> None:
    tags = split_tags(value)
    assert len(tags) == len(set(tags))
    for tag in tags:
        assert tag
        assert not tag.startswith("#")
        assert "," not in tag
        assert not any(char.isspace() for char in tag)
        assert not any(is_unsafe(char) for char in tag)
        assert split_tags(tag) == [tag]
