"""Write or edit a reflection: a Markdown body, an optional title, a prompt to start from.

Returns the reflection's id once saved, or None when closed without saving.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea
from textual.worker import Worker, WorkerState

from netjournal.core.dates import format_iso, format_long, parse_date
from netjournal.core.errors import InputError
from netjournal.core.find.contact_index import ContactIndex
from netjournal.core.records import ContactRef, ReflectionDraft, ReflectionRecord
from netjournal.tui.dialogs.editing import EditingDialog, NamesRead, SaveDone, SaveFailed
from netjournal.tui.feedback import describe_failure
from netjournal.tui.widgets.contact_picker import ContactPicker

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

PROMPTS = (
    "Who did I help this week without expecting anything back?",
    "Which connection could I deepen?",
    "Who helped me recently, and have I said thank you?",
    "Whom have I let slip, and does it matter to me?",
    "What did I learn from someone this month?",
    "Which two people I know should meet each other?",
    "Whose work could I recommend or endorse, unasked?",
    "Which relationship leans one way lately, and is that where I want to invest?",
    "What could I share this week that would help someone I know?",
    "Which conversation stayed with me, and why?",
    "Who would I like to know better a year from now?",
    "Who trusted me with something, and how did I honour it?",
)


class ReflectionEditor(EditingDialog):
    """A place to think about the people in your life, in Markdown."""

    DISCARD_QUESTION = "Discard this reflection? What you wrote since opening it will be lost."

    DEFAULT_CSS = """
    ReflectionEditor { align: center middle; }
    ReflectionEditor > #sheet {
        width: 100; max-width: 100%;
        height: 90%; max-height: 100%;
    }
    ReflectionEditor .row { height: auto; margin-top: 1; }
    ReflectionEditor .label { width: 9; color: $text-muted; }
    ReflectionEditor .inline-label { width: auto; color: $text-muted; padding: 0 1 0 2; }
    ReflectionEditor #title { width: 1fr; }
    ReflectionEditor #date { width: 16; }
    ReflectionEditor #prompt { width: 1fr; color: $text-accent; text-style: italic; }
    ReflectionEditor #body { width: 100%; height: 1fr; min-height: 4; margin-top: 1; }
    ReflectionEditor #about { width: 1fr; }
    ReflectionEditor #tags { width: 1fr; }
    ReflectionEditor .note { margin-left: 9; width: 1fr; height: auto; color: $text-muted; }
    ReflectionEditor .note.-error, ReflectionEditor .problem { color: $error; }
    ReflectionEditor .problem { width: 1fr; height: auto; margin-top: 1; }
    ReflectionEditor #keys { width: 1fr; height: auto; margin-top: 1; text-align: right; }
    ReflectionEditor.-short .row { margin-top: 0; }
    ReflectionEditor.-short #body, ReflectionEditor.-short #keys, ReflectionEditor.-short .problem {
        margin-top: 0;
    }
    """

    # Textual types this as an instance attribute, so it cannot be annotated ClassVar.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="reflection.cancel", tooltip="Close the editor"),
        Binding("ctrl+s", "save", "Save", id="reflection.save", tooltip="Save this reflection"),
        Binding(
            "ctrl+n",
            "next_prompt",
            "Another prompt",
            id="reflection.next_prompt",
            tooltip="Offer a different question to start from",
        ),
        Binding(
            "ctrl+t",
            "use_prompt",
            "Use prompt",
            id="reflection.use_prompt",
            tooltip="Put the prompt into the body as a heading",
        ),
    ]

    def __init__(
        self,
        journal: Journal,
        reflection: ReflectionRecord | None,
        about: Sequence[ContactRef] = (),
    ) -> None:
        super().__init__()
        self.journal = journal
        self.reflection = reflection
        self._today: date = journal.today()
        self._about = tuple(reflection.contacts) if reflection is not None else tuple(about)
        # A shuffled round of prompts, so ctrl+n shows each one before any comes back.
        self._prompts = list(PROMPTS)
        random.shuffle(self._prompts)
        self._prompt_index = 0
        self._used_prompt = reflection.prompt if reflection is not None else ""
        if self._used_prompt in self._prompts:
            self._prompts.remove(self._used_prompt)
            self._prompts.insert(0, self._used_prompt)
        self._saving = False
        self._opened_with = self._initial_text()

    # ---------------------------------------------------------------- layout

    def _initial_text(self) -> tuple[str, str]:
        if self.reflection is None:
            return ("", "")
        return (self.reflection.title, self.reflection.body)

    def _initial_date(self) -> str:
        if self.reflection is None or self.reflection.written_on == self._today:
            return "today"
        return format_iso(self.reflection.written_on)

    def compose(self) -> ComposeResult:
        record = self.reflection
        with Vertical(id="sheet", classes="dialog") as sheet:
            sheet.border_title = "New reflection" if record is None else "Edit reflection"
            with Horizontal(classes="row"):
                yield Static("Title", classes="label")
                yield Input(
                    record.title if record is not None else "",
                    placeholder="optional",
                    id="title",
                    compact=True,
                )
                yield Static("Date", classes="inline-label")
                yield Input(self._initial_date(), id="date", compact=True)
            yield Label("", id="date-note", classes="note", markup=False)
            with Horizontal(classes="row"):
                yield Static("Prompt", classes="label")
                yield Static(self.prompt, id="prompt", markup=False)
            yield TextArea(
                record.body if record is not None else "",
                soft_wrap=True,
                placeholder="Write in Markdown. Nothing here is shared with anyone.",
                id="body",
            )
            with Horizontal(classes="row"):
                yield Static("About", classes="label")
                picker = ContactPicker(
                    self._today, placeholder="optional: who is this about?", id="about"
                )
                picker.preselect(self._about)
                yield picker
            with Horizontal(classes="row"):
                yield Static("Tags", classes="label")
                yield Input(
                    ", ".join(record.tags) if record is not None else "",
                    placeholder="optional, e.g. gratitude, goals",
                    id="tags",
                    compact=True,
                )
            yield Label("", id="save-problem", classes="problem", markup=False)
            yield Static(
                Content.assemble(
                    ("ctrl+n", "bold $text-accent"),
                    " another prompt   ",
                    ("ctrl+t", "bold $text-accent"),
                    " write under it   ",
                    ("esc", "bold $text-accent"),
                    " cancel   ",
                    ("ctrl+s", "bold $text-accent"),
                    " save",
                ),
                id="keys",
            )

    def on_mount(self) -> None:
        self.query_one("#date-note", Label).display = False
        self.query_one("#save-problem", Label).display = False
        self.query_one("#body", TextArea).focus()
        self._load_contacts()

    @property
    def prompt(self) -> str:
        """The question offered right now."""
        return self._prompts[self._prompt_index]

    # ---------------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="reflection-contacts", exit_on_error=False)
    def _load_contacts(self) -> None:
        self.post_message(NamesRead(ContactIndex(self.journal.contact_summaries())))

    @on(NamesRead)
    def _names_read(self, read: NamesRead) -> None:
        self.query_one(ContactPicker).set_index(read.index)

    @on(SaveDone)
    def _saved(self, done: SaveDone) -> None:
        if isinstance(done.result, int):
            self.dismiss(done.result)

    @on(SaveFailed)
    def _save_failed(self, failed: SaveFailed) -> None:
        self._saving = False
        self._problem(describe_failure(failed.error))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The names couldn't be read (the save answers with SaveFailed instead).
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self._problem(describe_failure(event.worker.error))

    # ---------------------------------------------------------------- prompts

    def action_next_prompt(self) -> None:
        self._prompt_index = (self._prompt_index + 1) % len(self._prompts)
        self.query_one("#prompt", Static).update(self.prompt)

    def action_use_prompt(self) -> None:
        body = self.query_one("#body", TextArea)
        row, column = body.cursor_location
        # A Markdown heading needs a line of its own, after a blank one.
        if body.document.get_line(row)[:column].strip():
            before = "\n\n"
        elif row > 0 and body.document.get_line(row - 1).strip():
            before = "\n"
        else:
            before = ""
        heading = f"{before}## {self.prompt}\n\n"
        body.insert(heading)
        self._used_prompt = self.prompt
        body.focus()

    # ---------------------------------------------------------------- saving

    def _problem(self, message: str) -> None:
        label = self.query_one("#save-problem", Label)
        label.update(message)
        label.display = bool(message)

    def _check_date(self) -> date | None:
        text = self.query_one("#date", Input).value
        note = self.query_one("#date-note", Label)
        if not text.strip():
            note.display = False
            return self._today
        try:
            day = parse_date(text, self._today)
        except InputError as error:
            note.update(error.message)
            note.add_class("-error")
            note.display = True
            return None
        note.remove_class("-error")
        note.update("" if day == self._today else f"→ {format_long(day)}")
        note.display = day != self._today
        return day

    @on(Input.Changed, "#date")
    def _date_changed(self) -> None:
        self._check_date()

    @on(ContactPicker.Finished)
    def _people_done(self) -> None:
        self.query_one("#tags", Input).focus()

    @on(Input.Submitted, "#title")
    def _title_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#body", TextArea).focus()

    @on(Input.Submitted, "#tags, #date")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def _draft(self) -> ReflectionDraft | None:
        body = self.query_one("#body", TextArea).text
        day = self._check_date()
        if not body.strip():
            self._problem("Write something in the body first; a title alone can't be saved.")
            self.query_one("#body", TextArea).focus()
            return None
        if day is None:
            self._problem("")
            self.query_one("#date", Input).focus()
            return None
        tags = self.query_one("#tags", Input).value
        return ReflectionDraft(
            body=body,
            title=self.query_one("#title", Input).value,
            written_on=day,
            prompt=self._used_prompt,
            contact_ids=tuple(ref.id for ref in self.query_one(ContactPicker).chosen),
            tags=(tags,) if tags.strip() else (),
        )

    def action_save(self) -> None:
        if self._saving:
            return
        draft = self._draft()
        if draft is None:
            return
        self._problem("")
        self.save_in_thread(lambda: self._save(draft))

    def _save(self, draft: ReflectionDraft) -> int:
        if self.reflection is None:
            return self.journal.add_reflection(draft)
        self.journal.update_reflection(self.reflection.id, draft)
        return self.reflection.id

    # ---------------------------------------------------------------- leaving

    def _unsaved(self) -> bool:
        title = self.query_one("#title", Input).value
        body = self.query_one("#body", TextArea).text
        return (title.strip(), body.strip()) != tuple(part.strip() for part in self._opened_with)

    def has_unsaved_changes(self) -> bool:
        return self._unsaved()
