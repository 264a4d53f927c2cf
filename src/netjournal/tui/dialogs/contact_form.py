"""Add or edit a contact: every field, channels included. A failed save keeps what was typed
and says what went wrong next to the field it concerns."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from netjournal.core.dates import parse_month_day
from netjournal.core.errors import InputError, JournalError
from netjournal.core.records import ContactDraft, ContactRecord
from netjournal.tui.dialogs.contact_fields import (
    DATES_HINT,
    ChannelRow,
    FieldProblem,
    dates_input,
    field_for,
    read_dates,
)
from netjournal.tui.dialogs.editing import EditingDialog, SaveDone, SaveFailed
from netjournal.tui.widgets.contact_detail import birthday_text

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

_CADENCE = re.compile(r"(?P<days>[0-9]+)(?:\s*days?)?")

# (field, label, placeholder); the field names match ContactDraft where they can.
TEXT_FIELDS = (
    ("name", "Name", "required"),
    ("nickname", "Nickname", ""),
    ("company", "Company", ""),
    ("role", "Role", ""),
    ("location", "Location", ""),
    ("how_met", "How you met", "e.g. at the 2024 book fair"),
    ("email", "Email", ""),
    ("phone", "Phone", ""),
    ("website", "Website", ""),
    ("birthday", "Birthday", "e.g. 14 Mar, 03-14 or 1990-03-14"),
    ("cadence", "Every N days", "how often to reconnect, e.g. 30; empty for no rhythm"),
    ("tags", "Tags", "comma-separated, e.g. close, design"),
)


class ContactForm(EditingDialog):
    """Returns the saved contact's id, or None when cancelled."""

    DISCARD_QUESTION = "Close without saving? What you typed here will be lost."

    DEFAULT_CSS = """
    ContactForm { align: center middle; }
    ContactForm > #form-box {
        width: 92; max-width: 100%;
        height: 100%; max-height: 44;
    }
    ContactForm #form-fields { height: 1fr; scrollbar-size-vertical: 1; }
    ContactForm .field { height: auto; }
    ContactForm .field-label { width: 14; color: $text-muted; padding-right: 1; }
    ContactForm .field Input { width: 1fr; }
    ContactForm .error {
        color: $text-error;
        padding-left: 14;
        width: 1fr;
        display: none;
    }
    ContactForm .error.-shown { display: block; }
    ContactForm .section { margin-top: 1; color: $text-muted; text-style: bold; }
    ContactForm #f-notes { height: 6; }
    ContactForm #f-dates { height: 4; }
    ContactForm #channels { height: auto; }
    ContactForm #add-channel { margin-bottom: 1; }
    ContactForm #form-error { color: $text-error; width: 1fr; display: none; }
    ContactForm #form-error.-shown { display: block; }
    ContactForm #form-status { color: $text-muted; width: 1fr; }
    ContactForm #form-buttons { height: auto; align-horizontal: right; }
    ContactForm #form-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="contact_form.save",
            tooltip="Save this contact",
            priority=True,
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="contact_form.cancel",
            tooltip="Close without saving (asks first if you changed anything)",
        ),
    ]

    def __init__(self, journal: Journal, contact: ContactRecord | None) -> None:
        super().__init__()
        self._journal = journal
        self._contact = contact
        self._saving = False
        self._initial: tuple[object, ...] = ()

    # --------------------------------------------------------------- layout

    def _initial_value(self, field: str) -> str:
        record = self._contact
        if record is None:
            return ""
        if field == "birthday":
            return birthday_text(record)
        if field == "cadence":
            return str(record.cadence_days) if record.cadence_days else ""
        if field == "tags":
            return ", ".join(record.tags)
        value = getattr(record, field)
        return value if isinstance(value, str) else ""

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box", classes="dialog") as box:
            box.border_title = (
                Content("Add someone")
                if self._contact is None
                else Content.assemble("Edit ", self._contact.name)
            )
            with VerticalScroll(id="form-fields"):
                for field, label, placeholder in TEXT_FIELDS:
                    with Horizontal(classes="field"):
                        yield Label(label, classes="field-label", markup=False)
                        yield Input(
                            self._initial_value(field),
                            placeholder=placeholder,
                            id=f"f-{field}",
                            compact=True,
                            select_on_focus=False,
                        )
                    yield Label("", id=f"{field}-error", classes="error", markup=False)
                yield Static(f"Other dates ({DATES_HINT})", classes="section", markup=False)
                yield TextArea(
                    dates_input(self._contact.dates) if self._contact is not None else "",
                    id="f-dates",
                    soft_wrap=True,
                    compact=True,
                )
                yield Label("", id="dates-error", classes="error", markup=False)
                yield Static("Notes (Markdown)", classes="section", markup=False)
                yield TextArea(
                    self._contact.notes if self._contact is not None else "",
                    id="f-notes",
                    soft_wrap=True,
                    compact=True,
                )
                yield Label("", id="notes-error", classes="error", markup=False)
                yield Static("Channels", classes="section", markup=False)
                with Vertical(id="channels"):
                    for channel in self._contact.channels if self._contact is not None else ():
                        yield ChannelRow(channel)
                yield Label("", id="channels-error", classes="error", markup=False)
                yield Button("+ add channel", id="add-channel", compact=True)
            yield Label("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Static("", id="form-status", markup=False)
                yield Button("Cancel (esc)", id="cancel", compact=True)
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._initial = self._raw()
        self.query_one("#f-name", Input).focus()

    # ------------------------------------------------------------- channels

    @on(Button.Pressed, "#add-channel")
    async def _add_channel(self, event: Button.Pressed) -> None:
        event.stop()
        row = ChannelRow()
        await self.query_one("#channels", Vertical).mount(row)
        row.query_one(Select).focus()
        row.scroll_visible(animate=False)

    @on(ChannelRow.Removed)
    async def _remove_channel(self, event: ChannelRow.Removed) -> None:
        await event.row.remove()
        self.query_one("#add-channel", Button).focus()

    # --------------------------------------------------------------- values

    def _text(self, field: str) -> str:
        return self.query_one(f"#f-{field}", Input).value

    def _raw(self) -> tuple[object, ...]:
        """Everything typed, for noticing unsaved changes on escape."""
        fields = tuple(self._text(field) for field, _, _ in TEXT_FIELDS)
        notes = self.query_one("#f-notes", TextArea).text
        dates = self.query_one("#f-dates", TextArea).text
        channels = tuple(row.typed() for row in self.query(ChannelRow))
        return (*fields, dates, notes, channels)

    def _draft(self) -> ContactDraft:
        """The draft as typed; FieldProblem for what the form reads itself (dates, numbers)."""
        today = self._journal.today()
        birthday_text = self._text("birthday").strip()
        month = day = year = None
        if birthday_text:
            try:
                month, day, year = parse_month_day(birthday_text, today)
            except InputError as error:
                raise FieldProblem("birthday", error.message) from None
        cadence_text = self._text("cadence").strip()
        cadence: int | None = None
        if cadence_text:
            match = _CADENCE.fullmatch(cadence_text.casefold())
            if match is None:
                raise FieldProblem(
                    "cadence", "Write a number of days, like 30, or leave it empty for no rhythm."
                )
            cadence = int(match.group("days"))
        dates = read_dates(self.query_one("#f-dates", TextArea).text, today)
        channels = tuple(
            row.draft(today) for row in self.query(ChannelRow) if not row.typed().is_blank()
        )
        return ContactDraft(
            name=self._text("name"),
            nickname=self._text("nickname"),
            company=self._text("company"),
            role=self._text("role"),
            location=self._text("location"),
            how_met=self._text("how_met"),
            email=self._text("email"),
            phone=self._text("phone"),
            website=self._text("website"),
            birthday_month=month,
            birthday_day=day,
            birthday_year=year,
            cadence_days=cadence,
            notes=self.query_one("#f-notes", TextArea).text,
            tags=(self._text("tags"),),
            channels=channels,
            dates=dates,
        )

    # ------------------------------------------------------------ messages

    def _clear_problems(self) -> None:
        for label in self.query(".error"):
            label.remove_class("-shown")
        self.query_one("#form-error", Label).remove_class("-shown")

    def _show_problem(self, field: str | None, message: str, target: Widget | None = None) -> None:
        """Show `message` under its field (or above the buttons) and take the user there."""
        self._clear_problems()
        label = self.query_one(f"#{field}-error" if field else "#form-error", Label)
        label.update(message)
        label.add_class("-shown")
        target = target or self._widget_for(field)
        if target is not None:
            target.focus()
        self.call_after_refresh(label.scroll_visible, animate=False)

    def _widget_for(self, field: str | None) -> Widget | None:
        if field is None:
            return None
        if field in ("notes", "dates"):
            return self.query_one(f"#f-{field}", TextArea)
        if field == "channels":
            handles = [row.query_one(".handle", Input) for row in self.query(ChannelRow)]
            empty = [handle for handle in handles if not handle.value.strip()]
            return next(iter(empty or handles), None)
        return self.query_one(f"#f-{field}", Input)

    # --------------------------------------------------------------- saving

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        if self._saving:
            return
        try:
            draft = self._draft()
        except FieldProblem as problem:
            self._show_problem(problem.field, problem.message, problem.target)
            return
        self._clear_problems()
        self.query_one("#form-status", Static).update("Saving…")
        self.save_in_thread(lambda: self._save(draft))

    def _save(self, draft: ContactDraft) -> int:
        """In a thread: add or update; the id of the contact saved."""
        if self._contact is None:
            return self._journal.add_contact(draft)
        self._journal.update_contact(self._contact.id, draft)
        return self._contact.id

    @on(SaveFailed)
    def _save_failed(self, failed: SaveFailed) -> None:
        self._saving = False
        self.query_one("#form-status", Static).update("")
        error = failed.error
        if isinstance(error, JournalError):
            self._show_problem(field_for(error.message), error.message)
            return
        # Anything else (disk full, a locked file): say so, and keep every typed word.
        self._show_problem(
            None,
            f"Couldn't save ({type(error).__name__}: {error}). Everything you typed is "
            "still here: try again, or copy your notes out before closing.",
        )

    @on(SaveDone)
    def _saved(self, done: SaveDone) -> None:
        if isinstance(done.result, int):
            self.dismiss(done.result)

    # ------------------------------------------------------------ cancelling

    def has_unsaved_changes(self) -> bool:
        return self._raw() != self._initial
