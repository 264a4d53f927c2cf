"""Reading vCard files: telling one apart, and its text made safe to hand to the parser, bounded in
cards, in value length and in time.

A card's photo, logo, sound or key is data netjournal never imports, and can be most of a
file; a hostile card can hold one value of many megabytes, which a character-by-character
parser turns into seconds and gigabytes. So before parsing: those properties are dropped
unread, any other value is cut at VALUE_LIMIT characters (far past the longest field netjournal
keeps), what is left must fit in MAX_CARD_TEXT, and a file of more than MAX_RECORDS cards is
refused (docs/data-safety.md, "Limits").
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace

from netjournal.core.errors import InputError
from netjournal.io.incoming import ImportRequest, Origin, Parsed, Skipped
from netjournal.io.limits import MAX_RECORDS, ImportRefused, Text, too_many
from netjournal.io.source import bundle, decode, read_text
from netjournal.io.vcard import parse_vcard

VALUE_LIMIT = 200_000
MAX_CARD_TEXT = 8_000_000
"""The most card text (attachments aside) one import parses: ~25,000 ordinary cards (as many
as Google Contacts keeps), ~20 seconds on a slow machine (benchmarks/import_limits.py)."""
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_PROPERTY = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")
_ATTACHMENTS = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
# Any line ending: LF, CRLF, CR CR LF (iPhone), or CR alone.
_VCARD_START = re.compile(
    r"(?:^|[\r\n])[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*(?:[\r\n]|$)", re.IGNORECASE
)
_BEGIN = re.compile(r"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t\r]*$", re.IGNORECASE | re.MULTILINE)


def looks_like_vcard(text: str) -> bool:
    """Whether `text`, a file's start, holds the start of a card."""
    return _VCARD_START.search(text) is not None


def read_vcards(request: ImportRequest) -> Parsed:
    """Every card in a .vcf file, or in the .vcf files at the top of a folder or .zip (Outlook
    saves one file per contact)."""
    path = request.path
    if path.is_file() and not zipfile.is_zipfile(path):
        # A vCard may name a charset per property, so its values are decoded one by one.
        return parse_vcard(bounded_vcard(read_text(path, lossless=True)), request.today)
    found = bundle(path)
    cards = [m for m in found.files if m.name.casefold().endswith((".vcf", ".vcard"))]
    if not cards:
        raise InputError(f"{path} holds no vCard files (.vcf) at its top.")
    parsed = Parsed("vcard")
    for member in cards:
        try:
            text = decode(member.name, member.load(), lossless=True)
            parsed.extend(parse_vcard(text, request.today))
        except InputError as error:
            parsed.skipped.append(Skipped(Origin(member.name), str(error)))
    parsed.ignored_files += [m.name for m in found.files if m not in cards]
    parsed.ignored_files += [f"{folder}/" for folder in found.folders]
    return parsed


def bounded_vcard(text: Text) -> Text:
    """`text` with attachments dropped and over-long values cut; ImportRefused when it holds
    too many cards or too much card text. Returns `text` itself when nothing needed cutting."""
    cards = sum(1 for _ in _BEGIN.finditer(text.text))
    if cards > MAX_RECORDS:
        raise too_many(text.name, "cards")
    kept: list[str] = []
    dropping = changed = False
    length = total = 0
    for match in _LINE.finditer(text.text):
        line = match.group()
        if not line:
            break
        starts = line[0] not in " \t" and (found := _PROPERTY.match(line)) is not None
        if starts:
            dropping = found is not None and found.group(1).upper() in _ATTACHMENTS
            length = 0
        length += len(line)
        if dropping and starts:
            # The property stays, emptied, so the report can still say the card had a photo.
            changed = True
            kept.append(line[: line.find(":") + 1] + line[len(line.rstrip("\r\n")) :])
            continue
        if dropping or length > VALUE_LIMIT:
            changed = True
            if dropping or not starts:
                # Its line break stays, so what the report says of a later line ("line 12")
                # is still that line of the file.
                kept.append(line[len(line.rstrip("\r\n")) :])
                continue
            # One unfolded line longer than any field: keep its start and its line break.
            line = line[:VALUE_LIMIT] + line[len(line.rstrip("\r\n")) :]
        total += len(line)
        if total > MAX_CARD_TEXT:
            raise ImportRefused(
                f"{text.name} holds more than {MAX_CARD_TEXT // 1_000_000} MB of card text "
                "(photos aside), more than netjournal reads in one go; nothing was imported. "
                "Export fewer contacts at a time, or split the file."
            )
        kept.append(line)
    return replace(text, text="".join(kept)) if changed else text
