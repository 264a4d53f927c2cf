"""Shell completion for contact names and fixed vocabularies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class

from netjournal.core.storage import paths
from netjournal.core.text import clean_line, normalise_name

NAME = "name"
"""The completion type of a contact name: it may hold spaces, so the shell must quote it."""


class NamesBashComplete(BashComplete):
    """click's bash completion, plus names that bash quotes as it quotes file names.

    click hands bash every completion as a bare word, so `touch ch<Tab>` gave `Chloé Dubois`
    unquoted and the command then saw two arguments. For a name, `compopt -o filenames` makes
    readline escape the space (or close the quote the user opened), as it does for a file.
    """

    source_template = BashComplete.source_template.replace(
        """        elif [[ $type == 'plain' ]]; then""",
        """        elif [[ $type == '%(name_type)s' ]]; then
            compopt -o filenames
            COMPREPLY+=("$value")
        elif [[ $type == 'plain' ]]; then""",
    ).replace("%(name_type)s", NAME)


def register() -> None:
    """Use the bash completion above for `netjournal` (zsh and fish quote on their own)."""
    add_completion_class(NamesBashComplete, "bash")


def _contact_names(ctx: click.Context) -> list[str]:
    from netjournal.core.journal import Journal
    from netjournal.core.storage.store import open_store

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
    wanted = normalise_name(fragment)
    try:
        names = _contact_names(ctx)
    except Exception:
        return []  # a completion has nowhere to explain a failure; offering nothing is honest
    # By the start of a word, accents and case aside: the shell puts the longest common start
    # of what is offered in place of what was typed, so a looser match could eat letters.
    return [
        CompletionItem(head + comma + name, type=NAME)
        for name in names
        if not wanted
        or any(
            word.startswith(wanted)
            for word in [normalise_name(name), *normalise_name(name).split()]
        )
    ]


def complete_from(choices: Sequence[str]) -> Callable[..., list[CompletionItem]]:
    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(c) for c in choices if c.startswith(incomplete.casefold())]

    return complete
