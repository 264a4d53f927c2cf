"""Which contact a typed name means: exact, then a unique prefix, then fuzzy.

Plain SQL on a DB-API connection, run by the service layer (`Journal.resolve_contact`) and by
the shell's lean path alike. Names match ignoring case, accents and punctuation
(`text.normalise_name`, stored as `name_key`), and fuzzily (`fuzzy.rank`).
"""

from __future__ import annotations

from netjournal.core.errors import InputError
from netjournal.core.find.fuzzy import rank
from netjournal.core.records import ContactRef
from netjournal.core.storage.db import Connection
from netjournal.core.text import normalise_name, shell_argument

_LIVE_NAMES = "SELECT id, name, name_key FROM contact WHERE deleted_at IS NULL ORDER BY lower(name)"
_BY_PREFIX = (
    "SELECT id, name FROM contact "
    "WHERE deleted_at IS NULL AND substr(name_key, 1, :length) = :wanted LIMIT 2"
)


def match_contacts(connection: Connection, fragment: str) -> list[ContactRef]:
    """Contacts a typed name could mean, best first.

    An exact name (ignoring case and accents) wins alone; otherwise every match of
    `fuzzy.NameMatcher` (the app's own), so the caller can list them.
    """
    wanted = normalise_name(fragment)
    if not wanted:
        return []
    # name_key is stored normalised, so matching never re-normalises every name.
    rows = connection.execute(_LIVE_NAMES).fetchall()
    # A name of punctuation alone was stored with an empty key before it had one of its own.
    keys = [r[2] or normalise_name(r[1]) for r in rows]
    exact = [ContactRef(r[0], r[1]) for r, key in zip(rows, keys, strict=True) if key == wanted]
    if exact:
        return exact
    return [ContactRef(rows[i][0], rows[i][1]) for i in rank(wanted, keys, folded=True)]


def resolve_contact(connection: Connection, fragment: str) -> ContactRef:
    """The one contact a typed name means, or an InputError that lists the candidates."""
    single = _single_prefix_match(connection, fragment)
    if single is not None:
        return single
    matches = match_contacts(connection, fragment)
    if not matches:
        raise InputError(
            f"No contact matches {fragment!r}. Add them first with: "
            f"netjournal add {shell_argument(fragment)}"
        )
    if len(matches) > 1:
        strong = [m for m in matches if normalise_name(m.name).startswith(normalise_name(fragment))]
        if len(strong) == 1:
            return strong[0]
        shown = "\n".join(f"  {m.name}" for m in matches[:10])
        more = f"\n  …and {len(matches) - 10} more" if len(matches) > 10 else ""
        raise InputError(
            f"{fragment!r} matches {len(matches)} contacts; type more of the name:\n{shown}{more}"
        )
    return matches[0]


def _single_prefix_match(connection: Connection, fragment: str) -> ContactRef | None:
    """The answer `resolve_contact` would give when just one live name starts with `fragment`
    (or is it), found in SQL without reading and ranking every name."""
    wanted = normalise_name(fragment)
    if not wanted:
        return None
    rows = connection.execute(_BY_PREFIX, {"length": len(wanted), "wanted": wanted}).fetchall()
    if len(rows) == 1:
        return ContactRef(rows[0][0], rows[0][1])
    return None
