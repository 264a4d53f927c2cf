"""Cleaning text at every way in (UI, CLI, import), so nothing stored can drive a terminal,
reorder what is displayed, or fail on insert; and `shown`, the same care at every way out, for
text some other program may have written into the file."""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Iterable

# Cc is exactly U+0000–U+001F and U+007F–U+009F (C0, DEL, C1); tab and newline are kept and CR is
# turned into a newline before this runs. Dropping ESC (and the C1 CSI/OSC introducers) is what
# defuses terminal escape sequences: their remaining bytes are harmless printable text.
# U+202A–U+202E and U+2066–U+2069 are the bidi embedding/override/isolate controls (Cf) that can
# make displayed text lie about its order; other Cf such as ZWJ are needed by emoji and scripts.
# Surrogates (Cs) can only be lone ones in a Python str, and SQLite refuses to encode them.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# What `shown` removes: the same set, carriage return included (a lone CR moves the cursor back
# over what was printed), tab and newline kept. Surrogates are replaced rather than removed: a
# terminal shows them one cell wide, and widths measured before this runs stay right.
_UNSHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# In JSON, what a reader's terminal could still obey once the file is printed: the escapes
# JSON itself writes for C0 are kept, and these get the same \uXXXX form.
_JSON_UNSHOWN = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_ASCII_KEY = str.maketrans(
    {
        chr(code): chr(code).lower()
        if chr(code).isalnum()
        else " "
        if chr(code).isspace() or chr(code) in "-_"
        else None
        for code in range(128)
    }
)
"""normalise_name for ASCII text, as one str.translate."""

_WHITESPACE_RUN = re.compile(r"\s+")
_LINE_BREAKING = frozenset("\t\n\u2028\u2029")
_TAG_SEPARATORS = re.compile(r"[,\s]+")


def clean_text(value: str) -> str:
    """Return `value` without control characters, lone surrogates or bidi controls.

    Tab and newline survive; CRLF and lone CR become newline. Never raises for any str.
    """
    if value.isprintable():
        # No Cc, Cf, Cs, Zl, Zp or tab in it: nothing to remove (and the common case).
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", value)


def shown(text: str) -> str:
    """`text` made safe to show on a terminal or write into an exported file, whoever wrote it.

    Stored text is cleaned on the way in, but a journal, a backup or an import file may have
    been written by another program. So every way out (the screen, the shell, the exporters,
    search snippets) passes stored text through here: control characters go (C0 but tab and
    newline, DEL, C1; CRLF becomes a newline), bidi controls go, and a lone surrogate becomes
    U+FFFD. Text with nothing to remove is returned as it is, cheaply.
    """
    if text.isprintable():
        return text
    text = _UNSHOWN.sub("", text.replace("\r\n", "\n"))
    return _SURROGATE.sub("\ufffd", text)


def shown_json(dumped: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with every character `shown` would
    remove written as a \\uXXXX escape instead, so the data survives and no terminal obeys it."""
    return _JSON_UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def _flatten_run(match: re.Match[str]) -> str:
    run = match.group()
    return " " if _LINE_BREAKING.intersection(run) else run


def clean_line(value: str) -> str:
    """Return `value` cleaned for a one-line field: a run of whitespace that breaks the line
    (newline, tab, line/paragraph separator) becomes one space, and the ends are stripped."""
    if value.isprintable():
        # No line-breaking whitespace and nothing to clean: only the ends to strip.
        return value.strip()
    # Matching whole whitespace runs keeps this linear; a pattern like r"\s*\n\s*" backtracks
    # quadratically on a long run of spaces.
    return _WHITESPACE_RUN.sub(_flatten_run, clean_text(value)).strip()


def normalise_name(value: str) -> str:
    """Return a key for spotting duplicate names: accents, case, punctuation and spacing ignored.

    "José  da Silva", "jose da silva" and "Jose da-Silva" share one key.
    """
    line = clean_line(value)
    if line.isascii():
        # The same key, ~10x faster: for ASCII the recipe below is lower-casing, hyphens,
        # underscores and spaces as separators, and other punctuation dropped.
        key = " ".join(line.translate(_ASCII_KEY).split())
        return key if key or not line.strip() else " ".join(line.lower().split())
    # NFKD(casefold(NFKD(x))) is Unicode's recipe for caseless matching: casefold can produce
    # characters that decompose further (e.g. U+0130 İ).
    text = unicodedata.normalize("NFKD", line)
    text = unicodedata.normalize("NFKD", text.casefold())
    kept: list[str] = []
    for char in text:
        if unicodedata.combining(char):
            # Accents and other marks that sit on a base letter.
            continue
        category = unicodedata.category(char)
        if char.isalnum() or category[0] == "M":
            # Spacing marks with combining class 0 are vowel signs in Brahmic scripts: dropping
            # them would make different names match.
            kept.append(char)
        elif char.isspace() or category in ("Pd", "Pc"):
            # Hyphens and underscores separate words ("Mary-Jane" ~ "Mary Jane"); other
            # punctuation sits inside a word ("O'Brien" ~ "OBrien").
            kept.append(" ")
    key = " ".join("".join(kept).split())
    if key or not text.strip():
        return key
    # A name of punctuation or symbols alone ("[/", "***", "?!") would have no key at all: it
    # could never be found, and every such name would match every other. It keeps them instead.
    return " ".join(text.split())


def shell_argument(value: str) -> str:
    """`value` as one argument for a POSIX shell, ready to paste after a command: quoted when
    the shell would otherwise change it, and after `--` when it starts with a dash (so it is
    not read as an option)."""
    cleaned = clean_line(value)
    quoted = shlex.quote(cleaned)
    return f"-- {quoted}" if cleaned.startswith("-") else quoted


def split_tags(value: str | Iterable[str]) -> list[str]:
    """Return tags from text like "seo, Design #close" or from a list of such texts.

    Tags are lower-cased, lose leading '#', split on commas and whitespace, and are
    de-duplicated in first-seen order; empty ones are dropped.
    """
    items = [value] if isinstance(value, str) else value
    tags: list[str] = []
    seen: set[str] = set()
    for item in items:
        for part in _TAG_SEPARATORS.split(clean_text(item).lower()):
            tag = part.lstrip("#")
            if tag and tag not in seen:
                seen.add(tag)
                tags.append(tag)
    return tags
