"""The front door of every import: read PATH in its format, then plan against the journal.

plan = plan_import(path, journal)       # reads only; a dry run stops here
result = apply_plan(journal, plan)      # one transaction
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.core.errors import InputError
from netjournal.io.incoming import Origin, Parsed, Skipped
from netjournal.io.plan import Existing, ImportPlan, build_plan
from netjournal.io.source import FORMATS, bundle, check_path, decode, detect_format, read_text

if TYPE_CHECKING:
    from netjournal.core.journal import Journal


def read_import(
    path: Path, today: date, *, fmt: str | None = None, mapping: Mapping[str, str] | None = None
) -> Parsed:
    """What `path` holds, in the format given or recognised from its content."""
    path = check_path(path)
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"{fmt!r} is not an import format; use one of {', '.join(FORMATS)}.")
    if mapping and fmt not in (None, "csv"):
        raise InputError("--map only applies to CSV files.")
    is_bundle = path.is_dir() or zipfile.is_zipfile(path)
    fmt = fmt or ("csv" if mapping and not is_bundle else detect_format(path))
    if is_bundle and fmt in ("linkedin", "vcard"):
        cards = _cards_in(path, today)
        if cards is not None:
            return cards
        if fmt == "vcard":
            raise InputError(f"{path} holds no vCard files (.vcf) at its top.")
    if is_bundle and fmt != "linkedin":
        raise InputError(
            f"{path} is a {'folder' if path.is_dir() else '.zip'}, which netjournal reads as a "
            f"LinkedIn archive or as vCard files (.vcf); --format {fmt} needs a single file."
        )
    if fmt == "linkedin":
        from netjournal.io.linkedin import parse_linkedin

        return parse_linkedin(path, today)
    # A vCard may name a charset per property, so its values are decoded one by one.
    text = read_text(path, lossless=fmt == "vcard")
    if fmt == "vcard":
        from netjournal.io.vcard import parse_vcard
        from netjournal.io.vcard_reading import bounded_vcard

        return parse_vcard(bounded_vcard(text), today)
    if fmt == "json":
        from netjournal.io.json_format import parse_json

        return parse_json(text)
    from netjournal.io.csv_import import parse_csv

    return parse_csv(text, today, mapping)


def _cards_in(path: Path, today: date) -> Parsed | None:
    """A folder or .zip of vCards (Outlook saves one file per contact): every card in it; None
    when it holds a LinkedIn export file, or no vCard."""
    from netjournal.io.linkedin import file_kind
    from netjournal.io.vcard import parse_vcard

    found = bundle(path)
    if any(file_kind(member.name) for member in found.files):
        return None
    cards = [m for m in found.files if m.name.casefold().endswith((".vcf", ".vcard"))]
    if not cards:
        return None
    parsed = Parsed("vcard")
    for member in cards:
        try:
            parsed.extend(parse_vcard(decode(member.name, member.load(), lossless=True), today))
        except InputError as error:
            parsed.skipped.append(Skipped(Origin(member.name), str(error)))
    parsed.ignored_files += [m.name for m in found.files if m not in cards]
    parsed.ignored_files += [f"{folder}/" for folder in found.folders]
    return parsed


def load_existing(journal: Journal, parsed: Parsed | None = None) -> Existing:
    """The journal as an import sees it; exchanges and reflections only when the import has some."""
    wants_exchanges = parsed is None or bool(parsed.exchanges)
    wants_reflections = parsed is None or bool(parsed.reflections)
    return Existing(
        contacts=journal.all_contacts(),
        exchanges=journal.exchanges(limit=None) if wants_exchanges else (),
        reflections=journal.reflections() if wants_reflections else (),
        settings=journal.settings(),
    )


def plan_import(
    path: Path,
    journal: Journal | None = None,
    *,
    fmt: str | None = None,
    mapping: Mapping[str, str] | None = None,
    today: date | None = None,
    settings: bool = False,
) -> ImportPlan:
    """Everything importing `path` into `journal` would do; writes nothing.

    With no journal (none exists yet), the plan is against an empty one. The file's settings
    are taken only with `settings` (the shell's --settings).
    """
    if today is None:
        if journal is None:
            raise ValueError("plan_import needs a journal or a today")
        today = journal.today()
    parsed = read_import(path, today, fmt=fmt, mapping=mapping)
    existing = load_existing(journal, parsed) if journal is not None else Existing()
    source = str(Path(path).expanduser())
    return build_plan(parsed, existing, source, today, take_settings=settings)
