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
from netjournal.io.formats import Format, detect_format, importer, importers
from netjournal.io.incoming import ImportRequest, Parsed
from netjournal.io.plan import Existing, ImportPlan, build_plan
from netjournal.io.source import check_path

if TYPE_CHECKING:
    from netjournal.core.journal import Journal


def read_import(
    path: Path, today: date, *, fmt: str | None = None, mapping: Mapping[str, str] | None = None
) -> Parsed:
    """What `path` holds, in the format given or recognised from its content (io/formats)."""
    path = check_path(path)
    chosen = importer(fmt) if fmt is not None else None
    if mapping and chosen is not None and not chosen.mapped:
        raise InputError(f"--map only applies to {_mapped().label} files.")
    is_bundle = path.is_dir() or zipfile.is_zipfile(path)
    if chosen is None:
        chosen = _mapped() if mapping and not is_bundle else detect_format(path)
    if is_bundle and not chosen.folder:
        raise InputError(
            f"{path} is a {'folder' if path.is_dir() else '.zip'}, which netjournal reads as "
            f"{_folder_readers()}; --format {chosen.name} needs a single file."
        )
    return chosen.read(ImportRequest(path, today, mapping))


def _mapped() -> Format:
    return next(f for f in importers() if f.mapped)


def _folder_readers() -> str:
    return " or as ".join(f.folder for f in importers() if f.folder)


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
