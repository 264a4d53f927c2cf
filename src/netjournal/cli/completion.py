"""Shell completion for contact names and fixed vocabularies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click
from click.shell_completion import CompletionItem

from netjournal.core import paths
from netjournal.core.text import clean_line


def _contact_names(ctx: click.Context) -> list[str]:
    from netjournal.core.journal import Journal
    from netjournal.core.store import open_store

    db = ctx.find_root().params.get("db")
    path = paths.resolve(db).journal
    if not path.is_file():
        return []
    # Never upgrading: a completion mustn't take the journal away from an open app to do that.
    with Journal(open_store(path, create=False, migrate=False)) as journal:
        # One line, nothing a terminal obeys: the shell prints these as they are.
        return [clean_line(ref.name) for ref in journal.contact_refs(include_archived=False)]


def complete_contacts(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Contact names for the shell; the part after the last comma is what is being typed."""
    head, comma, fragment = incomplete.rpartition(",")
    wanted = fragment.strip().casefold()
    try:
        names = _contact_names(ctx)
    except Exception:
        return []  # a completion has nowhere to explain a failure; offering nothing is honest
    return [
        CompletionItem(head + comma + name)
        for name in names
        if not wanted
        or any(word.startswith(wanted) for word in [name.casefold(), *name.casefold().split()])
    ]


def complete_from(choices: Sequence[str]) -> Callable[..., list[CompletionItem]]:
    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(c) for c in choices if c.startswith(incomplete.casefold())]

    return complete
