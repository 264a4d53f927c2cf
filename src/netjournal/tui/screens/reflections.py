"""Reflections: what you wrote, newest first, with a pane to read the one you pick."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from netjournal.core.dates import format_long, humanize_date
from netjournal.core.records import ContactRef, ReflectionRecord
from netjournal.tui import host
from netjournal.tui.feedback import UndoStep, WorkDone
from netjournal.tui.screens.base import JournalScreen
from netjournal.tui.widgets.exchange_list import when
from netjournal.tui.widgets.footer import JournalFooter
from netjournal.tui.widgets.nav import NavBar

EMPTY_REFLECTIONS = "No reflections yet — press n to write one. A prompt will help you start."


def headline(record: ReflectionRecord, width: int = 60) -> str:
    """The reflection's title (`reflection_title`), cut to `width`."""
    text = record.display_title
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def reading_body(record: ReflectionRecord) -> str:
    """The body for the reading pane: without its first heading when that is the title shown
    above it (a prompt written under, say), so nothing is said twice."""
    if record.title.strip():
        return record.body
    lines = record.body.splitlines()
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            return "\n".join(lines[index + 1 :]).strip("\n")
        break
    return record.body


def list_row(record: ReflectionRecord, today: date) -> Content:
    who = ", ".join(c.name for c in record.contacts)
    return Content.assemble(
        (f"{when(record.written_on, today):<13} ", "$text-muted"),
        (headline(record), "bold"),
        "\n",
        (" " * 14, ""),
        (who or "—", "$text-muted"),
    )


def reading_header(record: ReflectionRecord, today: date) -> Content:
    """Title, date, the prompt it answered and who it is about; user text stays literal."""
    title = record.display_title
    parts: list[Content | str | tuple[str, str]] = [
        (title, "bold"),
        "\n",
        (
            f"{format_long(record.written_on)} · {humanize_date(record.written_on, today)}",
            "$text-muted",
        ),
    ]
    if record.prompt and record.prompt.strip() != title:
        parts += ["\n", ("Prompt: ", "$text-muted"), (record.prompt, "italic $text-secondary")]
    if record.contacts:
        parts += ["\n", ("With ", "$text-muted"), ", ".join(c.name for c in record.contacts)]
    if record.tags:
        parts += ["\n", (" ".join(f"#{t}" for t in record.tags), "$text-secondary")]
    return Content.assemble(*parts)


@dataclass
class ReflectionsRead(WorkDone):
    """Every reflection, and the day they were read on."""

    rows: Sequence[ReflectionRecord]
    today: date


class ReflectionsScreen(JournalScreen):
    """The list of reflections on the left, the one you are reading on the right."""

    AUTO_FOCUS = "#reflections"
    # Textual types this as `ClassVar[...] | None`, which mypy reads as an instance variable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    DEFAULT_CSS = """
    ReflectionsScreen #body { height: 1fr; }
    ReflectionsScreen #list-box { width: 2fr; }
    ReflectionsScreen #reading-box { width: 3fr; }
    ReflectionsScreen.-narrow #body { layout: vertical; }
    ReflectionsScreen.-narrow #list-box { width: 1fr; height: 9; }
    ReflectionsScreen.-narrow #reading-box { width: 1fr; height: 1fr; }
    ReflectionsScreen #reflections {
        height: 1fr; border: none; padding: 0; background: transparent;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    ReflectionsScreen #reflections:focus { border: none; }
    ReflectionsScreen #reading-header { margin-bottom: 1; }
    ReflectionsScreen #body-text { margin: 0; padding: 0; background: transparent; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "read",
            "Read",
            id="reflections.read",
            tooltip="Move into the reading pane to scroll the reflection",
        ),
        Binding("e", "edit", "Edit", id="reflections.edit", tooltip="Edit this reflection"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="reflections.delete",
            tooltip="Delete this reflection (u undoes it)",
        ),
        Binding(
            "escape",
            "back_to_list",
            "List",
            id="reflections.list",
            show=False,
            tooltip="Back to the list",
        ),
        Binding("j", "cursor('down')", "Down", id="reflections.down", show=False, tooltip="Next"),
        Binding("k", "cursor('up')", "Up", id="reflections.up", show=False, tooltip="Previous"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ReflectionRecord] = []
        self._today = date.min
        self._reading: int | None = None
        """The reflection in the reading pane."""
        self._wanted: int | None = None
        """A reflection to select once the list holding it has loaded (see select_reflection)."""

    def compose(self) -> ComposeResult:
        yield NavBar("reflections")
        # app.tcss sizes every .panel at 1fr and outranks DEFAULT_CSS, so boxes set the sizes.
        with Horizontal(id="body"):
            with Vertical(id="list-box"), Vertical(id="list-panel", classes="panel") as panel:
                panel.border_title = "Reflections"
                yield OptionList(id="reflections")
            with (
                Vertical(id="reading-box"),
                VerticalScroll(id="reading", classes="panel") as reading,
            ):
                reading.border_title = "Reading"
                yield Static("", id="reading-header")
                yield Markdown("", id="body-text", open_links=False)
        yield JournalFooter()

    # --------------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="reflections-load", exit_on_error=False)
    def _load(self) -> None:
        today = self.journal.today()
        rows = self.journal.reflections()
        self.post_message(ReflectionsRead(rows, today))

    def load_data(self) -> None:
        self._load()

    @on(ReflectionsRead)
    def _show(self, read: ReflectionsRead) -> None:
        rows, today = read.rows, read.today
        listing = self.query_one("#reflections", OptionList)
        previous = self.selected_reflection()
        index = listing.highlighted or 0
        scrolled = listing.scroll_y
        self._rows = list(rows)
        self._today = today
        listing.clear_options()
        panel = self.query_one("#list-panel")
        panel.border_subtitle = f"{len(rows):,}" if rows else ""
        if not rows:
            listing.add_option(
                Option(Content.styled(EMPTY_REFLECTIONS, "$text-muted"), disabled=True)
            )
            self._read(None)
            return
        listing.add_options(Option(list_row(r, today)) for r in self._rows)
        if previous is not None:
            index = next((i for i, r in enumerate(self._rows) if r.id == previous.id), index)
        listing.highlighted = min(index, len(self._rows) - 1)
        # A reload leaves the list scrolled where it was, moving only to show the highlight.
        listing.scroll_to(y=scrolled, animate=False, immediate=True)
        listing.scroll_to_highlight()
        self._read(self.selected_reflection())
        if self._wanted is not None:
            self._select_wanted()
            self._wanted = None  # a fresh list without it means it is gone

    def select_reflection(self, reflection_id: int) -> None:
        """Select and read `reflection_id`, now or as soon as the list has loaded."""
        self._wanted = reflection_id
        if self._rows:
            self._select_wanted()

    def _select_wanted(self) -> None:
        index = next((i for i, r in enumerate(self._rows) if r.id == self._wanted), None)
        if index is None:
            return  # not in this list yet: a reload is on its way
        self._wanted = None
        listing = self.query_one("#reflections", OptionList)
        listing.highlighted = index
        listing.focus()
        self._read(self._rows[index])

    # --------------------------------------------------------------- reading

    def selected_reflection(self) -> ReflectionRecord | None:
        highlighted = self.query_one("#reflections", OptionList).highlighted
        if highlighted is None or not (0 <= highlighted < len(self._rows)):
            return None
        return self._rows[highlighted]

    @on(OptionList.OptionHighlighted, "#reflections")
    def _highlighted(self) -> None:
        self._read(self.selected_reflection())
        self.refresh_bindings()

    def _read(self, record: ReflectionRecord | None) -> None:
        header = self.query_one("#reading-header", Static)
        body = self.query_one("#body-text", Markdown)
        if record is None:
            header.update(
                Content.styled(
                    "What you write appears here: a prompt, your words and who they are about.",
                    "$text-muted",
                )
            )
            body.update("")
            return
        header.update(reading_header(record, self._today))
        body.update(reading_body(record))
        if record.id != self._reading:
            # Another reflection starts at its top; the same one, reloaded, stays where it was.
            self._reading = record.id
            self.query_one("#reading", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#reflections")
    def _selected(self) -> None:
        self.action_read()

    def action_read(self) -> None:
        self.query_one("#reading", VerticalScroll).focus()

    def action_back_to_list(self) -> None:
        self.query_one("#reflections", OptionList).focus()

    def action_cursor(self, direction: str) -> None:
        reading = self.query_one("#reading", VerticalScroll)
        if self.focused is reading:
            if direction == "down":
                reading.scroll_down()
            else:
                reading.scroll_up()
            return
        listing = self.query_one("#reflections", OptionList)
        if direction == "down":
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    # --------------------------------------------------------------- actions

    def selected_contact(self) -> ContactRef | None:
        record = self.selected_reflection()
        return record.contacts[0] if record is not None and record.contacts else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("read", "edit", "delete"):
            return True if self.selected_reflection() is not None else None
        return True

    def action_edit(self) -> None:
        from netjournal.tui.dialogs.reflection_editor import ReflectionEditor

        record = self.selected_reflection()
        if record is not None:
            self.app.push_screen(ReflectionEditor(self.journal, record, ()), self._edited)

    def _edited(self, reflection_id: int | None) -> None:
        if reflection_id is not None:
            self.app.post_message(host.Changed("Reflection saved."))

    def action_delete(self) -> None:
        record = self.selected_reflection()
        if record is not None:
            self._confirm_delete(record)

    @work(exclusive=True, group="reflections-confirm", exit_on_error=False)
    async def _confirm_delete(self, record: ReflectionRecord) -> None:
        from netjournal.tui.dialogs.confirm import ConfirmDialog

        name = headline(record, 40)
        sure = await self.app.push_screen_wait(
            ConfirmDialog(
                Content.assemble(
                    "Delete the reflection ",
                    (name, "bold"),
                    "?\nYou can undo it with u afterwards.",
                ),
                confirm="Delete",
            )
        )
        if not sure:
            return
        # Undo restores what the delete itself read back, not what this screen last loaded.
        deleted: list[ReflectionRecord] = []
        self.app.post_message(
            host.Write(
                lambda j: deleted.append(j.delete_reflection(record.id)),
                f"Deleted the reflection “{name}”.",
                UndoStep(f"deleting “{name}”", lambda j: j.restore_reflection(deleted[0])),
            )
        )
