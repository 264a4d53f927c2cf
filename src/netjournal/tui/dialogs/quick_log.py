"""The quick log: who, which way, what kind, when, and one line about it; Enter saves.

Returns the new exchange's id, or None when closed. Escape closes at once and keeps what was
typed as a draft for the next `l`. When something shareable was given (see
`suggest.worth_sharing`), the app offers it to others who might value it too, without a dialog
in the way (press S).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from netjournal.core.dates import format_long, parse_date
from netjournal.core.errors import InputError
from netjournal.core.records import ContactRef, ExchangeDraft
from netjournal.core.suggestions.suggest import Suggestion, worth_sharing
from netjournal.core.vocab import DEFAULT_KIND, DIRECTION_KEYS, KIND_LABELS, KINDS
from netjournal.tui import host
from netjournal.tui.dialogs.picking import PickingDialog
from netjournal.tui.widgets.choices import DirectionChoice, WeightChoice
from netjournal.tui.widgets.contact_picker import ContactPicker

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

DATE_FORMS = "Dates like today, yesterday, 3 days ago, last friday or 20 Nov work."


@dataclass(frozen=True)
class Draft:
    """What the quick log held when it was closed without saving, to pick up next time."""

    people: tuple[ContactRef, ...] = ()
    typed: str = ""
    direction: str = "gave"
    kind: str = DEFAULT_KIND
    when: str = "today"
    summary: str = ""
    link: str = ""
    weight: int = 1
    tags: str = ""
    notes: str = ""

    def is_blank(self) -> bool:
        """Nothing worth keeping: no one chosen and nothing typed."""
        texts = (self.typed, self.summary, self.link, self.tags, self.notes)
        return not self.people and not any(text.strip() for text in texts)


@dataclass(frozen=True)
class Saved:
    """What the save worker hands back: the new exchange, and who else might value it."""

    exchange_id: int
    given_to: tuple[ContactRef, ...]
    suggestions: tuple[Suggestion, ...]


class QuickLogDialog(PickingDialog):
    """Log something you shared or received, with one or more people."""

    DEFAULT_CSS = """
    QuickLogDialog { align: center middle; }
    QuickLogDialog > #form {
        width: 76; max-width: 100%;
        height: auto; max-height: 100%;
    }
    QuickLogDialog .row { height: auto; margin-top: 1; }
    QuickLogDialog .label { width: 11; color: $text-muted; }
    QuickLogDialog .inline-label { width: auto; color: $text-muted; padding: 0 1 0 2; }
    QuickLogDialog #with { width: 1fr; }
    QuickLogDialog #direction-keys { width: 1fr; color: $text-muted; text-align: right; }
    QuickLogDialog #kind { width: 34; }
    QuickLogDialog #when { width: 1fr; }
    QuickLogDialog #summary, QuickLogDialog #link, QuickLogDialog #tags, QuickLogDialog #notes {
        width: 1fr;
    }
    QuickLogDialog .note { margin-left: 11; width: 1fr; height: auto; color: $text-muted; }
    QuickLogDialog .note.-error, QuickLogDialog .problem { color: $error; }
    QuickLogDialog .problem { margin-left: 11; width: 1fr; height: auto; }
    QuickLogDialog #save-problem { margin: 1 0 0 0; }
    QuickLogDialog #keys { margin-top: 1; width: 1fr; text-align: right; }
    QuickLogDialog.-short .row, QuickLogDialog.-short #keys { margin-top: 0; }
    """

    # Textual types this as an instance attribute, so it cannot be annotated ClassVar.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Close",
            id="quick_log.cancel",
            tooltip="Close; what you typed waits for the next l",
        ),
        Binding(
            "ctrl+r",
            "start_over",
            "Start over",
            id="quick_log.start_over",
            tooltip="Clear every field and start a new entry",
        ),
        Binding("ctrl+s", "save", "Save", id="quick_log.save", tooltip="Save this exchange"),
        *(
            Binding(
                f"alt+{key}",
                f"direction('{name}')",
                name.capitalize(),
                id=f"quick_log.{name}",
                tooltip=f"Direction: {name} (from any field)",
                priority=True,
            )
            for key, name in DIRECTION_KEYS.items()
        ),
        # Plain letters only reach here when the focused field does not take typing.
        *(
            Binding(
                key,
                f"direction('{name}')",
                name.capitalize(),
                id=f"quick_log.{name}_plain",
                tooltip=f"Direction: {name}",
                show=False,
            )
            for key, name in DIRECTION_KEYS.items()
        ),
        Binding(
            "alt+w",
            "cycle_weight",
            "Weight",
            id="quick_log.weight",
            tooltip="Weight 1 → 2 → 3 (from any field)",
            priority=True,
        ),
    ]

    def __init__(
        self,
        journal: Journal,
        preselected: Sequence[ContactRef] = (),
        *,
        draft: Draft | None = None,
        kind: str = DEFAULT_KIND,
    ) -> None:
        super().__init__()
        self.journal = journal
        self._preselected = tuple(preselected)
        # A draft from the last time comes back whole; without one, the kind last used.
        self._kept = draft if draft is not None and not draft.is_blank() else None
        self._start = self._kept or Draft(kind=kind if kind in KINDS else DEFAULT_KIND)
        self._today: date = journal.today()
        self._saving = False

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        start = self._start
        with VerticalScroll(id="form", classes="dialog") as form:
            form.border_title = "Log an exchange"
            with Horizontal(classes="row"):
                yield Static("With", classes="label")
                picker = ContactPicker(self._today, id="with", clear_on_escape=False)
                if start.people:
                    picker.preselect(start.people)
                else:
                    picker.preselect(self._preselected, tentative=True)
                yield picker
            yield Label("", id="with-problem", classes="problem", markup=False)
            # Summary right under With: shift+tab from it goes straight back to the name.
            with Horizontal(classes="row"):
                yield Static("Summary", classes="label")
                yield Input(
                    start.summary,
                    placeholder="what was shared, in one line",
                    id="summary",
                    compact=True,
                )
            yield Label("", id="summary-problem", classes="problem", markup=False)
            with Horizontal(classes="row"):
                yield Static("Direction", classes="label")
                direction = DirectionChoice(id="direction")
                direction.direction = start.direction
                yield direction
                yield Static("(g r m)", id="direction-keys")
            with Horizontal(classes="row"):
                yield Static("Kind", classes="label")
                yield Select(
                    [(KIND_LABELS[kind], kind) for kind in KINDS],
                    value=start.kind,
                    allow_blank=False,
                    compact=True,
                    id="kind",
                )
                yield Static("When", classes="inline-label")
                yield Input(start.when, id="when", compact=True)
            yield Label("", id="when-note", classes="note", markup=False)
            with Horizontal(classes="row"):
                yield Static("Link", classes="label")
                yield Input(start.link, placeholder="https://… (optional)", id="link", compact=True)
                yield Static("Weight", classes="inline-label")
                weight = WeightChoice(id="weight")
                weight.weight = start.weight
                yield weight
            with Horizontal(classes="row"):
                yield Static("Tags", classes="label")
                yield Input(
                    start.tags,
                    placeholder="optional, e.g. seo, writing",
                    id="tags",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Static("Notes", classes="label")
                yield Input(
                    start.notes, placeholder="optional, for yourself", id="notes", compact=True
                )
            yield Label("", id="save-problem", classes="problem", markup=False)
            yield Static(
                Content.styled(
                    "Picked up where you left off; ctrl+r starts over.", "$text-muted italic"
                ),
                id="draft-note",
            )
            yield Static(
                Content.assemble(
                    ("esc", "bold $text-accent"),
                    " close   ",
                    ("alt+g/r/m", "bold $text-accent"),
                    " direction   ",
                    ("alt+w", "bold $text-accent"),
                    " weight   ",
                    ("enter", "bold $text-accent"),
                    " save",
                ),
                id="keys",
            )

    def on_mount(self) -> None:
        for problem in self.query(".problem, .note"):
            problem.display = False
        self.query_one("#draft-note").display = self._kept is not None
        picker = self.query_one(ContactPicker)
        picker.set_typed(self._start.typed)
        if picker.chosen and not self._start.typed:
            self.query_one("#summary", Input).focus()
        else:
            picker.focus()
        self._load_contacts()

    # ---------------------------------------------------------------- loading

    def saved(self, result: object) -> None:
        if isinstance(result, Saved):
            self._saved(result)

    def _check_when(self) -> date | None:
        """The day typed in When, or None after saying what is wrong with it."""
        text = self.query_one("#when", Input).value
        if not text.strip():
            self._say("#when-note", "")
            return self._today
        try:
            day = parse_date(text, self._today)
        except InputError as error:
            message = error.message if "Try " in error.message else f"{error.message} {DATE_FORMS}"
            self._say("#when-note", message)
            return None
        note = "" if day == self._today else f"→ {format_long(day)}"
        self._say("#when-note", note, error=False)
        return day

    @on(Input.Changed, "#when")
    def _when_changed(self) -> None:
        self._check_when()

    @on(Input.Changed, "#summary")
    def _summary_changed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._say("#summary-problem", "")

    @on(ContactPicker.Changed)
    def _people_changed(self, event: ContactPicker.Changed) -> None:
        if event.chosen:
            self._say("#with-problem", "")

    @on(ContactPicker.Finished)
    def _people_done(self) -> None:
        self.query_one("#summary", Input).focus()

    # ---------------------------------------------------------------- saving

    def _draft(self) -> ExchangeDraft | None:
        """What the form holds, or None after pointing at what still needs filling in."""
        people = self.query_one(ContactPicker).chosen
        summary = self.query_one("#summary", Input).value
        day = self._check_when()
        self._say(
            "#with-problem",
            "" if people else "Pick at least one person: type part of a name, then Enter.",
        )
        self._say(
            "#summary-problem",
            "" if summary.strip() else "Write one line about what was shared.",
        )
        if not people:
            self.query_one(ContactPicker).focus()
            return None
        if day is None:
            self.query_one("#when", Input).focus()
            return None
        if not summary.strip():
            self.query_one("#summary", Input).focus()
            return None
        kind = self.query_one("#kind", Select).value
        tags = self.query_one("#tags", Input).value
        return ExchangeDraft(
            direction=self.query_one(DirectionChoice).direction,
            summary=summary,
            contact_ids=tuple(person.id for person in people),
            kind=kind if isinstance(kind, str) else "other",
            occurred_on=day,
            url=self.query_one("#link", Input).value,
            weight=self.query_one(WeightChoice).weight,
            tags=(tags,) if tags.strip() else (),
            notes=self.query_one("#notes", Input).value,
        )

    @on(Input.Submitted, "#when, #summary, #link, #tags, #notes")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return
        draft = self._draft()
        if draft is None:
            return
        self._say("#save-problem", "")
        people = self.query_one(ContactPicker).chosen
        self.save_in_thread(lambda: self._save(draft, people))

    def _save(self, draft: ExchangeDraft, people: Sequence[ContactRef]) -> Saved:
        exchange_id = self.journal.log_exchange(draft)
        suggestions: list[Suggestion] = []
        if worth_sharing(draft.direction, draft.kind):
            try:
                suggestions = self.journal.suggest_recipients(
                    draft.summary, tags=draft.tags, chosen=draft.contact_ids, kind=draft.kind
                )
            except Exception:
                # The exchange is saved: a failed suggestion must not make it look unsaved
                # (a retry would log it twice). Suggestions are a nicety; skip them.
                suggestions = []
        return Saved(exchange_id, tuple(people), tuple(suggestions))

    def _saved(self, saved: Saved) -> None:
        kind = self.query_one("#kind", Select).value
        self.app.post_message(
            host.Logged(
                saved.exchange_id,
                saved.given_to,
                saved.suggestions,
                kind if isinstance(kind, str) else None,
            )
        )
        self.dismiss(saved.exchange_id)

    # ---------------------------------------------------------------- keys

    def action_direction(self, name: str) -> None:
        self.query_one(DirectionChoice).direction = name

    def action_cycle_weight(self) -> None:
        self.query_one(WeightChoice).cycle()

    def current_draft(self) -> Draft:
        """Everything the form holds now."""
        picker = self.query_one(ContactPicker)
        kind = self.query_one("#kind", Select).value
        return Draft(
            people=() if picker.tentative else picker.chosen,
            typed=picker.typed,
            direction=self.query_one(DirectionChoice).direction,
            kind=kind if isinstance(kind, str) else DEFAULT_KIND,
            when=self.query_one("#when", Input).value,
            summary=self.query_one("#summary", Input).value,
            link=self.query_one("#link", Input).value,
            weight=self.query_one(WeightChoice).weight,
            tags=self.query_one("#tags", Input).value,
            notes=self.query_one("#notes", Input).value,
        )

    def action_cancel(self) -> None:
        """Close at once; what was typed waits as a draft for the next `l`."""
        if self._saving:
            return
        draft = self.current_draft()
        self.app.post_message(host.KeepDraft(None if draft.is_blank() else draft))
        self.dismiss(None)

    def action_start_over(self) -> None:
        blank = Draft(kind=self._start.kind)
        picker = self.query_one(ContactPicker)
        picker.preselect(())
        picker.set_typed("")
        blanks = (
            ("#summary", ""),
            ("#link", ""),
            ("#tags", ""),
            ("#notes", ""),
            ("#when", "today"),
        )
        for selector, value in blanks:
            self.query_one(selector, Input).value = value
        self.query_one(DirectionChoice).direction = blank.direction
        self.query_one(WeightChoice).weight = blank.weight
        self.query_one("#draft-note").display = False
        self.app.post_message(host.KeepDraft(None))
        picker.focus()
