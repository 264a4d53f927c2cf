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
from netjournal.io.incoming import Parsed
from netjournal.io.plan import Existing, ImportPlan, build_plan
from netjournal.io.source import FORMATS, check_path, detect_format, read_text

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
    bundle = path.is_dir() or zipfile.is_zipfile(path)
    fmt = fmt or ("csv" if mapping and not bundle else detect_format(path))
    if bundle and fmt != "linkedin":
        raise InputError(
            f"{path} is a {'folder' if path.is_dir() else '.zip'}, which netjournal reads as a "
            f"LinkedIn archive; --format {fmt} needs a single file."
        )
    if fmt == "linkedin":
        from netjournal.io.linkedin import parse_linkedin

        return parse_linkedin(path, today)
    text = read_text(path)
    if fmt == "vcard":
        from netjournal.io.vcard import parse_vcard
        from netjournal.io.vcard_reading import bounded_vcard

        return parse_vcard(bounded_vcard(text), today)
    if fmt == "json":
        from netjournal.io.json_format import parse_json

        return parse_json(text)
    from netjournal.io.csv_import import parse_csv

    return parse_csv(text, today, mapping)


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
