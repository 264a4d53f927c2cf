"""An import plan told in sentences: the summary a dry run and a real import print.

Plain lines, no printing here: the shell prints them, and the screen can show them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from netjournal.io.address_book import NEEDS_NAME
from netjournal.io.formats import label_of
from netjournal.io.plan import ImportPlan, SettingChange

_SHOWN = 20
_NAMES_SHOWN = 8
_FIELD_NAMES = {"how_met": "how you met", "url": "link", "body": "reflection"}
_REASON_WIDTH = 240


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _short(text: str, verbose: bool = False) -> str:
    text = " ".join(text.split())
    if verbose or len(text) <= _REASON_WIDTH:
        return text
    return text[: _REASON_WIDTH - 1] + "…"


def _names(names: tuple[str, ...] | list[str], verbose: bool) -> str:
    """Names in one line: all of them with --verbose, else the first few and how many more."""
    if verbose or len(names) <= _NAMES_SHOWN:
        return ", ".join(names)
    more = len(names) - _NAMES_SHOWN
    return f"{', '.join(names[:_NAMES_SHOWN])} and {more:,} more (--verbose lists them all)"


def plan_lines(
    plan: ImportPlan,
    *,
    dry_run: bool,
    verbose: bool = False,
    settings_hint: str = "--settings takes them",
) -> list[str]:
    """What the import would do (dry run) or did, with every skipped row and why.

    `settings_hint` says how to take settings the plan left out (the screen has a checkbox).
    """
    shown = None if verbose else _SHOWN
    fmt = label_of(plan.format)
    if plan.family:
        fmt = f"{plan.family} {fmt}"
    if plan.read_nothing:
        head = f"Nothing could be read from {plan.source} ({fmt}), so nothing was imported."
    elif plan.nothing_to_do:
        head = f"Nothing to import from {plan.source} ({fmt}): your journal already has it all."
        if plan.skipped:
            head = f"Nothing to import from {plan.source} ({fmt})."
    elif dry_run:
        head = f"Dry run of {plan.source} ({fmt}): nothing was written."
    else:
        head = f"Imported {plan.source} ({fmt})."
    rows = _rows(plan, dry_run, verbose, settings_hint)
    width = max((len(label) for label, _ in rows), default=0)
    lines = [head, *(f"  {label.ljust(width)}  {text}" for label, text in rows)]
    lines += [f"    {_short(f'{s.origin}: {s.reason}', verbose)}" for s in plan.skipped[:shown]]
    lines += _more(len(plan.skipped), shown, "skipped rows")
    if verbose:
        lines += _details(plan, dry_run)
    lines += _columns(plan, verbose)
    if plan.notes:
        lines.append("Worth knowing:")
        lines += [f"    {_short(f'{n.origin}: {n.text}', verbose)}" for n in plan.notes[:shown]]
        lines += _more(len(plan.notes), shown, "notes")
    if dry_run and not plan.nothing_to_do:
        lines.append("Run the same command without --dry-run to import.")
    return lines


def _rows(
    plan: ImportPlan, dry_run: bool, verbose: bool, settings_hint: str
) -> list[tuple[str, str]]:
    def verb(would: str, did: str) -> str:
        return would if dry_run else did

    rows: list[tuple[str, str]] = []
    if plan.creates:
        rows.append((verb("Would add", "Added"), _count(len(plan.creates), "contact")))
    stand_ins = sum(1 for c in plan.creates if c.stand_in_name)
    if stand_ins:
        rows.append(
            (
                "No name",
                f"{stand_ins:,} of them, named after their e-mail or phone (tag {NEEDS_NAME})",
            )
        )
    if plan.updates:
        filled = Counter(f for u in plan.updates for f in u.fields)
        what = ", ".join(f"{name} ×{n}" if n > 1 else name for name, n in filled.most_common())
        rows.append(
            (
                verb("Would update", "Updated"),
                f"{_count(len(plan.updates), 'contact')} already here (filling in {what})",
            )
        )
    if plan.already_known:
        rows.append(("Already here", f"{_count(plan.already_known, 'contact')}, nothing new"))
    if plan.duplicates:
        rows.append(("Merged", f"{_count(plan.duplicates, 'row')} repeating a person seen above"))
    if plan.exchanges or plan.exchanges_known:
        known = f" ({plan.exchanges_known:,} already logged)" if plan.exchanges_known else ""
        rows.append((verb("Would log", "Logged"), _count(len(plan.exchanges), "exchange") + known))
    if plan.reflections or plan.reflections_known:
        known = f" ({plan.reflections_known:,} already here)" if plan.reflections_known else ""
        rows.append(
            (verb("Would add", "Added"), _count(len(plan.reflections), "reflection") + known)
        )
    if plan.settings:
        rows.append((verb("Would set", "Set"), _changes(plan.settings)))
    if plan.settings_left_out:
        rows.append(
            (
                "Left out",
                f"the file's settings ({_changes(plan.settings_left_out)}); {settings_hint}",
            )
        )
    if plan.dropped:
        rows.append(
            (
                "Left out",
                f"{_count(len(plan.dropped), 'part')} of imported cards that can't be read"
                + ("" if verbose else " (--verbose lists them)"),
            )
        )
    if plan.ignored_files:
        rows.append(
            (
                "Not read",
                f"{_count(len(plan.ignored_files), 'other file')} of the archive: "
                + _names(plan.ignored_files, verbose),
            )
        )
    if plan.shortened:
        cut = ", ".join(
            f"{_FIELD_NAMES.get(name, name)} ×{n:,}" if n > 1 else _FIELD_NAMES.get(name, name)
            for name, n in plan.shortened
        )
        total = sum(n for _, n in plan.shortened)
        rows.append(
            (
                verb("Would cut", "Cut"),
                f"{_count(total, 'text')} to netjournal's length limits, ending in …: {cut}",
            )
        )
    if plan.skipped:
        rows.append(("Skipped", _count(len(plan.skipped), "row") + ":"))
    return rows


def _columns(plan: ImportPlan, verbose: bool) -> list[str]:
    """The CSV columns holding data no field took, and how to bring one in."""
    lines = []
    for source, columns in plan.unused_columns:
        which = f"column {columns[0]}" if len(columns) == 1 else f"{len(columns)} columns"
        lines.append(f"Not imported from {source}: the {which} with data no field takes:")
        if len(columns) > 1:
            lines.append(f"    {_names(columns, verbose)}")
        lines.append(f'    Bring one in with --map, e.g. --map "{columns[0]}=notes".')
    return lines


def _changes(changes: Sequence[SettingChange]) -> str:
    """ "backups_keep 10 → 1, purge_after_days 30 → 1" """

    def value(setting: object) -> str:
        text = json.dumps(setting, ensure_ascii=False)
        return text if len(text) <= 40 else text[:39] + "…"

    return ", ".join(f"{c.name} {value(c.before)} → {value(c.after)}" for c in changes)


def _more(total: int, shown: int | None, what: str) -> list[str]:
    if shown is None or total <= shown:
        return []
    return [f"    …and {total - shown:,} more {what} (--verbose lists them all)"]


def _details(plan: ImportPlan, dry_run: bool) -> list[str]:
    lines = []
    if plan.dropped:
        lines.append("Left out of imported cards:")
        lines += [f"    {n.origin}: {n.text}" for n in plan.dropped]
    if plan.creates:
        lines.append("New contacts:" if not dry_run else "Would add:")
        lines += [f"    {c.draft.name} ({c.origin})" for c in plan.creates]
    if plan.updates:
        lines.append("Filled in:")
        lines += [f"    {u.name}: {', '.join(u.fields)}" for u in plan.updates]
    if plan.exchanges:
        lines.append("Exchanges:")
        lines += [
            f"    {e.draft.occurred_on} {e.draft.direction} · {', '.join(e.names)} — "
            f"{_short(e.draft.summary)}"
            for e in plan.exchanges
        ]
    return lines
