"""Introduce: the highlighted contact and a second person, either way round; Enter saves.

"I introduced Ana to Bo" is one exchange given to both. "Ana introduced me to Cy" is received
from Ana, and Cy may be someone new, created on save. Returns the exchange id, or None.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from netjournal.core.dates import format_long, parse_date
from netjournal.core.errors import InputError
from netjournal.core.highlights.insights import first_name
from netjournal.core.records import ContactDraft, ContactRef, ContactSummary
from netjournal.tui.dialogs.picking import PickingDialog
from netjournal.tui.widgets.contact_picker import ContactPicker

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

Way = Literal["gave", "received"]
WAYS: tuple[Way, Way] = ("gave", "received")
DATE_FORMS = "Dates like today, yesterday, 3 days ago, last friday or 20 Nov work."


def way_sentence(way: Way, name: str) -> Content:
    """ "I introduced Ana Lima to…" or "Ana Lima introduced me to…", the name never as markup."""
    if way == "gave":
        return Content.assemble("I introduced ", (name, "bold"), " to…")
    return Content.assemble((name, "bold"), " introduced me to…")


class WayChoice(Widget, can_focus=True):
    """Which way the introduction went, as two sentences; arrows, g r or a click choose."""

    DEFAULT_CSS = """
    WayChoice { height: 2; width: 1fr; }
    WayChoice:focus { background: $accent 20%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "up,left",
            "step",
            "Other way",
            id="introduce.way_previous",
            tooltip="Switch which way the introduction went",
            show=False,
        ),
        Binding(
            "down,right",
            "step",
            "Other way",
            id="introduce.way_next",
            tooltip="Switch which way the introduction went",
            show=False,
        ),
    ]

    way: reactive[Way] = reactive("gave")
    """"gave": I introduced them to someone; "received": they introduced me to someone."""

    def __init__(self, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._person = name

    def render(self) -> Content:
        lines = []
        for way in WAYS:
            chosen = way == self.way
            mark = Content.styled("● " if chosen else "○ ", "bold $text-accent" if chosen else "")
            sentence = way_sentence(way, self._person)
            lines.append(mark + (sentence if chosen else sentence.stylize("$text-muted")))
        return Content("\n").join(lines)

    def action_step(self) -> None:
        self.way = "received" if self.way == "gave" else "gave"

    def on_click(self, event: events.Click) -> None:
        self.way = WAYS[min(max(event.y, 0), 1)]


@dataclass(frozen=True)
class _Plan:
    """What the form holds once checked: everything the save needs."""

    way: Way
    person: ContactRef
    other: ContactRef | None
    new_name: str
    context: str
    day: date


class IntroduceDialog(PickingDialog):
    """Log an introduction of the highlighted contact, given or received."""

    DISCARD_QUESTION = "Discard this introduction? What you typed here will be lost."

    DEFAULT_CSS = """
    IntroduceDialog { align: center middle; }
    IntroduceDialog > #form {
        width: 72; max-width: 100%;
        height: auto; max-height: 100%;
    }
    IntroduceDialog .row { height: auto; margin-top: 1; }
    IntroduceDialog .label { width: 10; color: $text-muted; }
    IntroduceDialog #second, IntroduceDialog #context, IntroduceDialog #when { width: 1fr; }
    IntroduceDialog .note { margin-left: 10; width: 1fr; height: auto; color: $text-muted; }
    IntroduceDialog .note.-error, IntroduceDialog .problem { color: $error; }
    IntroduceDialog .problem { margin-left: 10; width: 1fr; height: auto; }
    IntroduceDialog #save-problem { margin: 1 0 0 0; }
    IntroduceDialog #new-person { color: $text-accent; }
    IntroduceDialog #keys { margin-top: 1; width: 1fr; text-align: right; }
    IntroduceDialog.-short .row, IntroduceDialog.-short #keys { margin-top: 0; }
    """

    # Textual types this as an instance attribute, so it cannot be annotated ClassVar.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", id="introduce.cancel", tooltip="Close without saving"
        ),
        Binding("ctrl+s", "save", "Save", id="introduce.save", tooltip="Save this introduction"),
        Binding(
            "alt+g",
            "way('gave')",
            "I introduced",
            id="introduce.gave",
            tooltip="I introduced them to someone (from any field)",
            priority=True,
        ),
        Binding(
            "alt+r",
            "way('received')",
            "They introduced me",
            id="introduce.received",
            tooltip="They introduced me to someone (from any field)",
            priority=True,
        ),
        # Plain letters only reach here when the focused field does not take typing.
        Binding(
            "g",
            "way('gave')",
            "I introduced",
            id="introduce.gave_plain",
            tooltip="I introduced them to someone",
            show=False,
        ),
        Binding(
            "r",
            "way('received')",
            "They introduced me",
            id="introduce.received_plain",
            tooltip="They introduced me to someone",
            show=False,
        ),
    ]

    def __init__(self, journal: Journal, person: ContactRef) -> None:
        super().__init__()
        self.journal = journal
        self.person = person
        self.outcome = ""
        """What to tell the user once saved, e.g. "Introduced Ana and Bo"."""
        self._today: date = journal.today()
        self._new_name = ""
        self._saving = False

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form", classes="dialog") as form:
            form.border_title = "Introduce"
            with Horizontal(classes="row"):
                yield Static("Which way", classes="label")
                yield WayChoice(self.person.name, id="way")
            with Horizontal(classes="row"):
                yield Static("Who", classes="label")
                yield ContactPicker(self._today, placeholder="type part of a name", id="second")
            yield Label("", id="new-person", classes="note", markup=False)
            yield Label("", id="second-problem", classes="problem", markup=False)
            with Horizontal(classes="row"):
                yield Static("Context", classes="label")
                yield Input(
                    placeholder="one line of context, e.g. why they should meet",
                    id="context",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Static("When", classes="label")
                yield Input("today", id="when", compact=True)
            yield Label("", id="when-note", classes="note", markup=False)
            yield Label("", id="save-problem", classes="problem", markup=False)
            yield Static(
                Content.assemble(
                    ("esc", "bold $text-accent"),
                    " cancel   ",
                    ("alt+g/r", "bold $text-accent"),
                    " which way   ",
                    ("enter", "bold $text-accent"),
                    " save",
                ),
                id="keys",
            )

    def on_mount(self) -> None:
        for label in self.query(".problem, .note"):
            label.display = False
        self.watch(self.query_one(WayChoice), "way", self._way_changed, init=False)
        self.query_one(ContactPicker).focus()
        self._load_contacts()

    @property
    def way(self) -> Way:
        return self.query_one(WayChoice).way

    # ---------------------------------------------------------------- loading

    def candidates(self) -> Iterable[ContactSummary]:
        return (s for s in self.journal.contact_summaries() if s.id != self.person.id)

    def saved(self, result: object) -> None:
        if isinstance(result, int):
            self.dismiss(result)

    # ---------------------------------------------------------------- showing

    def _show_new_person(self) -> None:
        shown = self._new_name if self.way == "received" else ""
        self._say(
            "#new-person",
            f"+ {shown} — a new contact, added when you save" if shown else "",
            error=False,
        )

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

    def _way_changed(self, way: Way) -> None:
        self.query_one(ContactPicker).offer_new(way == "received")
        self._show_new_person()
        self._say("#second-problem", "")

    # ---------------------------------------------------------------- the other person

    @on(ContactPicker.Changed)
    def _people_changed(self, event: ContactPicker.Changed) -> None:
        picker = event.picker
        if len(event.chosen) > 1:
            # One second person: picking another replaces the first pick.
            picker.preselect(event.chosen[-1:])
            return
        if event.chosen:
            self._new_name = ""
            self._show_new_person()
            self._say("#second-problem", "")

    @on(ContactPicker.NewRequested)
    def _new_requested(self, event: ContactPicker.NewRequested) -> None:
        event.picker.preselect(())
        self._new_name = event.name
        self._show_new_person()
        self._say("#second-problem", "")
        self.query_one("#context", Input).focus()

    @on(ContactPicker.Finished)
    def _people_done(self) -> None:
        self.query_one("#context", Input).focus()

    # ---------------------------------------------------------------- saving

    def _plan(self) -> _Plan | None:
        """What the form holds, or None after pointing at what still needs doing."""
        picker = self.query_one(ContactPicker)
        other = picker.chosen[0] if picker.chosen else None
        new_name = self._new_name if self.way == "received" and other is None else ""
        day = self._check_when()
        if other is None and not new_name:
            if self.way == "received":
                problem = "Who did they introduce you to? Type a name, then Enter."
            elif self._new_name:
                problem = (
                    f"To introduce {self._new_name}, add them first (a); "
                    "or choose “introduced me to” (alt+r)."
                )
            else:
                problem = "Pick the second person: type part of a name, then Enter."
            self._say("#second-problem", problem)
            picker.focus()
            return None
        if day is None:
            self.query_one("#when", Input).focus()
            return None
        return _Plan(
            way=self.way,
            person=self.person,
            other=other,
            new_name=new_name,
            context=self.query_one("#context", Input).value,
            day=day,
        )

    @on(Input.Submitted, "#context, #when")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return
        plan = self._plan()
        if plan is None:
            return
        self._say("#save-problem", "")
        self.save_in_thread(lambda: self._save(plan))

    def _save(self, plan: _Plan) -> int:
        person = first_name(plan.person.name)
        if plan.way == "gave":
            assert plan.other is not None
            exchange_id = self.journal.introduce(
                plan.person.id, plan.other.id, plan.context, on=plan.day
            )
            self.outcome = f"Introduced {person} and {first_name(plan.other.name)}."
            return exchange_id
        exchange_id, introduced = self.journal.log_received_introduction(
            plan.person.id,
            to=plan.other.id if plan.other is not None else None,
            new_contact=ContactDraft(plan.new_name) if plan.other is None else None,
            context=plan.context,
            on=plan.day,
        )
        name = plan.other.name if plan.other is not None else self.journal.contact(introduced).name
        added = f" {name} is now in your contacts." if plan.other is None else ""
        self.outcome = f"{person} introduced you to {first_name(name)}.{added}"
        return exchange_id

    # ---------------------------------------------------------------- keys

    def action_way(self, way: Way) -> None:
        self.query_one(WayChoice).way = way

    def has_unsaved_changes(self) -> bool:
        return bool(
            self.query_one("#context", Input).value.strip()
            or self.query_one(ContactPicker).chosen
            or self._new_name
        )
