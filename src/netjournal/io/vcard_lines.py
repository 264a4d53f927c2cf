"""Reading vCard text as phones and mail programs really write it (2.1, 3.0, 4.0): the cards, their
content lines unfolded, and each value decoded. A line that can't be read is set aside alone.

In front of vobject, which parses each line's name and parameters: before that, line endings
(CR CR LF, CR alone, a bare CR inside a value), folding, quoted-printable soft breaks and
unindented 2.1 base64 are undone here; after it, values are decoded (quoted-printable, base64,
a per-property CHARSET) and unescaped here, the same way in every version.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from vobject.base import ParseError, parseLine  # type: ignore[import-untyped]

from netjournal.io.charsets import decode_value, known_charset

_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\"}
# Lines that describe the file, not the person; Lotus Notes writes PROFILE:VCard.
_SILENT = frozenset({"VERSION", "PROFILE", "PRODID", "REV", "BEGIN", "END"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})


@dataclass(frozen=True)
class CardText:
    """One BEGIN:VCARD … END:VCARD: its physical lines with their numbers in the file."""

    line: int
    lines: list[tuple[int, str]]
    complete: bool


@dataclass
class Property:
    """One content line, unfolded and decoded: `value` is text still escaped as vCard writes it."""

    line: int
    name: str
    group: str
    params: dict[str, list[str]]
    value: str

    @property
    def types(self) -> set[str]:
        return {t.casefold() for t in self.params.get("TYPE", [])}

    @property
    def rank(self) -> int:
        """How preferred: 1 to 100 (PREF=n in 4.0, TYPE=pref before), 101 when not marked."""
        for pref in self.params.get("PREF", []):
            if pref.strip().isdigit():
                return max(1, min(100, int(pref)))
        return 1 if "pref" in self.types else 101

    @property
    def text(self) -> str:
        """The whole value unescaped, commas and semicolons kept (FN, TITLE, NOTE, URL…)."""
        return unescape(self.value)

    def parts(self, separator: str = ";") -> list[str]:
        """A structured value (N, ADR, ORG) or a list (CATEGORIES) split and unescaped."""
        return [unescape(part) for part in split_escaped(self.value, separator)]


@dataclass
class Card:
    line: int
    properties: list[Property] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(line, sentence) for each property left out."""
    legacy_text: bool = False
    """Some value named no charset and wasn't UTF-8, so the fallback reading was used."""
    by_name: dict[str, list[Property]] = field(default_factory=dict)

    def add(self, prop: Property) -> None:
        self.properties.append(prop)
        self.by_name.setdefault(prop.name, []).append(prop)

    def all(self, name: str) -> list[Property]:
        return self.by_name.get(name, [])

    def preferred(self, name: str) -> list[Property]:
        """The `name` lines, most preferred first, else in file order."""
        return sorted(self.all(name), key=lambda p: p.rank)


def split_lines(text: str) -> list[str]:
    """Physical lines whatever the ending. With LF in the file, CRs before it are dropped (CR CR
    LF) and a CR elsewhere is part of a value; with no LF at all, CR ends lines."""
    if "\n" not in text:
        return text.split("\r")
    return [line.rstrip("\r") for line in text.split("\n")]


def split_cards(text: str) -> Iterator[CardText]:
    """Each BEGIN:VCARD … END:VCARD; a card inside a card (2.1 AGENT) stays inside it."""
    depth, start = 0, 0
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(split_lines(text), start=1):
        if _BEGIN.match(line):
            if depth == 0:
                start, lines = number, []
            depth += 1
            if depth == 1:
                continue
        if depth and _END.match(line):
            depth -= 1
            if depth == 0:
                yield CardText(start, lines, True)
                continue
        if depth:
            lines.append((number, line))
    if depth:
        yield CardText(start, lines, False)


def read_card(raw: CardText, *, undecoded: bool, fallback: str) -> Card:
    """The properties of a card; with `undecoded`, values are bytes as Latin-1 characters and
    are decoded here by their CHARSET, else UTF-8, else `fallback`."""
    card = Card(raw.line)
    for number, line in _logical_lines(raw.lines):
        prop = _parse(number, line, card)
        if prop is None or prop.name in _SILENT:
            continue
        if _decode(prop, card, undecoded=undecoded, fallback=fallback):
            card.add(prop)
    return card


def _logical_lines(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    current: list[str] = []
    number, depth, soft_breaks, base64 = 0, 0, False, False
    for at, line in lines:
        if depth or _BEGIN.match(line):  # a card inside this one: not this card's lines
            depth += 1 if _BEGIN.match(line) else -1 if _END.match(line) else 0
            continue
        if current and soft_breaks and current[-1].endswith("="):
            current[-1] = current[-1][:-1]
            current.append(line)
            continue
        if current and line[:1] in (" ", "\t"):
            current.append(line[1:])
            continue
        if current and base64 and ":" not in line and _BASE64_LINE.match(line):
            current.append(line)
            continue
        if current:
            yield number, "".join(current)
        current, number = [], at
        if not line.strip():
            soft_breaks = base64 = False
            continue
        current = [line]
        head = line.split(":", 1)[0].upper()
        soft_breaks = "QUOTED-PRINTABLE" in head
        base64 = "BASE64" in head or "ENCODING=B" in head
    if current:
        yield number, "".join(current)


def _parse(number: int, line: str, card: Card) -> Property | None:
    head, value = _split_head(line)
    if head is None:
        card.problems.append((number, f"{_shown(line)} isn't a vCard line (no colon)"))
        return None
    try:
        name, params, _, group = parseLine(_tidy(head) + ":")
    except ParseError:
        card.problems.append((number, f"{_shown(line)} isn't a vCard line netjournal can read"))
        return None
    by_name: dict[str, list[str]] = {}
    for param in params:
        key, values = param[0].upper(), [v for item in param[1:] for v in item.split(",")]
        if not values:  # vCard 2.1 names a type or an encoding alone: TEL;WORK;PREF
            key, values = ("ENCODING" if key in _ENCODINGS else "TYPE"), [param[0]]
        by_name.setdefault(key, []).extend(v.strip() for v in values if v.strip())
    # A bare CR inside a value (Thunderbird's custom fields) is a line break in it.
    return Property(number, name.upper(), group or "", by_name, value.replace("\r", "\\n"))


def _split_head(line: str) -> tuple[str | None, str]:
    """The name and parameters, and the value: split at the first colon outside quotes."""
    head, colon, value = line.partition(":")
    if colon and '"' not in head:
        return head, value
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return None, ""


def _tidy(head: str) -> str:
    """What writers get wrong before the colon: spaces, empty parameters, a trailing `;`."""
    if '"' in head or (" " not in head and ";;" not in head and not head.endswith(";")):
        return head.strip()
    return ";".join(part.strip() for part in head.split(";") if part.strip())


def _shown(line: str) -> str:
    text = " ".join(line.split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _decode(prop: Property, card: Card, *, undecoded: bool, fallback: str) -> bool:
    """Decode `prop.value` in place; False (and a problem noted) when it can't be."""
    encoding = (prop.params.get("ENCODING") or [""])[0].upper()
    if prop.name in BINARY:
        return _check_binary(prop, encoding, card)
    if encoding in ("B", "BASE64"):
        try:
            data = binascii.a2b_base64(prop.value.encode("latin-1", errors="replace"))
        except binascii.Error:
            card.problems.append((prop.line, f"its {prop.name} isn't valid base64"))
            return False
    elif encoding == "QUOTED-PRINTABLE":
        data = binascii.a2b_qp(prop.value.encode("latin-1" if undecoded else "utf-8", "replace"))
    elif undecoded:
        data = prop.value.encode("latin-1", errors="replace")
    else:
        return True
    charsets = prop.params.get("CHARSET") or [""]
    prop.value, legacy = decode_value(data, known_charset(charsets[0]), fallback)
    card.legacy_text |= legacy
    return True


def _check_binary(prop: Property, encoding: str, card: Card) -> bool:
    """A photo is never kept, but one that can't be decoded is said to be left out."""
    value = prop.value
    if value.startswith("data:") and ";base64," in value[:200]:
        value, encoding = value.split(",", 1)[1], "B"
    if encoding not in ("B", "BASE64"):
        return True
    try:
        binascii.a2b_base64("".join(value.split()).encode("ascii"), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as error:
        reason = " ".join(str(error).split())[:60]
        card.problems.append((prop.line, f"its {prop.name.lower()} can't be decoded ({reason})"))
        return False
    return True


def unescape(value: str) -> str:
    """`\\,` `\\;` `\\:` `\\\\` and `\\n` undone; any other backslash is kept as it is."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m[1], m[0]), value)


def split_escaped(value: str, separator: str) -> list[str]:
    """`value` split at each `separator` not escaped by a backslash; escapes are kept."""
    if "\\" not in value:
        return value.split(separator)
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
