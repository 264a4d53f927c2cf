"""After giving something: who else might value it. Space chooses, Enter logs it for them too.

Returns the ids of the people it was also logged for, or None when nobody was chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from netjournal.core.records import ContactRef
from netjournal.core.suggestions.suggest import Suggestion
from netjournal.tui import host
from netjournal.tui.widgets.ticks import TickList

if TYPE_CHECKING:
    from netjournal.core.journal import Journal


def and_list(names: Sequence[str]) -> str:
    """ "Ana", "Ana and Bo", "Ana, Bo and Cy"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def suggestion_prompt(suggestion: Suggestion) -> Content:
    """The name, then why in dim text; never read as markup. One line: a selection shows one."""
    why = "; ".join(suggestion.reasons)
    return Content.assemble((suggestion.contact.name, "bold"), "  ", (why, "dim"))


class ShareDialog(ModalScreen[tuple[int, ...] | None]):
    """Offer the item just logged to the people it might help too."""

    DEFAULT_CSS = """
    ShareDialog { align: center middle; }
    ShareDialog > #share {
        width: 96; max-width: 100%;
        height: auto; max-height: 100%;
    }
    ShareDialog #logged { margin: 1 0; }
    ShareDialog SelectionList { height: auto; max-height: 10; }
    ShareDialog #share-keys { margin-top: 1; width: 1fr; text-align: right; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "share",
            "Log for them",
            id="share.log",
            tooltip="Log the same item for everyone chosen",
            priority=True,
        ),
        Binding(
            "escape", "skip", "No thanks", id="share.skip", tooltip="Close without logging more"
        ),
    ]

    def __init__(
        self,
        exchange_id: int,
        given_to: Sequence[ContactRef],
        suggestions: Sequence[Suggestion],
    ) -> None:
        super().__init__()
        self.exchange_id = exchange_id
        self.given_to = tuple(given_to)
        self.suggestions = tuple(suggestions)

    def compose(self) -> ComposeResult:
        with Vertical(id="share", classes="dialog") as box:
            box.border_title = "Share it with others too?"
            yield Static(
                Content.assemble(
                    "Logged for ",
                    (and_list([p.name for p in self.given_to]), "bold"),
                    ". They might value it too:",
                ),
                id="logged",
            )
            choices = TickList[int](
                *(Selection(suggestion_prompt(s), s.contact.id) for s in self.suggestions),
                id="suggestions",
            )
            choices.compact = True
            yield choices
            yield Static(
                Content.assemble(
                    ("space", "bold $text-accent"),
                    " choose   ",
                    ("enter", "bold $text-accent"),
                    " log for them too   ",
                    ("esc", "bold $text-accent"),
                    " no thanks",
                ),
                id="share-keys",
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def chosen(self) -> list[ContactRef]:
        """Who is ticked, in the order shown."""
        ticked = set(self.query_one(SelectionList).selected)
        return [s.contact for s in self.suggestions if s.contact.id in ticked]

    def action_share(self) -> None:
        people = self.chosen()
        if not people:
            self.dismiss(None)
            return
        exchange_id = self.exchange_id
        ids = tuple(p.id for p in people)
        everyone = and_list([p.name for p in (*self.given_to, *people)])

        def share(journal: Journal) -> object:
            return journal.add_people_to_exchange(exchange_id, ids)

        self.app.post_message(host.Write(share, f"Logged for {everyone}."))
        self.dismiss(ids)

    def action_skip(self) -> None:
        self.dismiss(None)
