"""An import plan told in sentences: the summary a dry run and a real import print.

Plain lines, no printing here: the shell prints them, and the screen can show them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from netjournal.io.plan import ImportPlan, SettingChange

FORMAT_NAMES = {"linkedin": "LinkedIn", "vcard": "vCard", "csv": "CSV", "json": "netjournal JSON"}
_SHOWN = 20
_FIELD_NAMES = {"how_met": "how you met", "url": "link", "body": "reflection"}
_REASON_WIDTH = 240


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _REASON_WIDTH else text[: _REASON_WIDTH - 1] + "…"


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
    fmt = FORMAT_NAMES.get(plan.format, plan.format)
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

    def verb(would: str, did: str) -> str:
        return would if dry_run else did

    rows: list[tuple[str, str]] = []
    if plan.creates:
        rows.append((verb("Would add", "Added"), _count(len(plan.creates), "contact")))
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
        rows.append(("Already here", _count(plan.already_known, "row")))
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
    width = max((len(label) for label, _ in rows), default=0)
    lines = [head, *(f"  {label.ljust(width)}  {text}" for label, text in rows)]
    lines += [f"    {_short(f'{s.origin}: {s.reason}')}" for s in plan.skipped[:shown]]
    lines += _more(len(plan.skipped), shown, "skipped rows")
    if verbose:
        lines += _details(plan, dry_run)
    if plan.notes:
        lines.append("Worth knowing:")
        lines += [f"    {_short(f'{n.origin}: {n.text}')}" for n in plan.notes[:shown]]
        lines += _more(len(plan.notes), shown, "notes")
    if dry_run and not plan.nothing_to_do:
        lines.append("Run the same command without --dry-run to import.")
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
