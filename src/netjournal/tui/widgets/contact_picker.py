"""A fuzzy contact picker: type part of a name (or a tag), pick people who show as chips.

Matching (`core.contact_index`) runs in memory on every keystroke, accents and typos forgiven.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netjournal.core.dates import humanize_date
from netjournal.core.find.contact_index import ContactIndex
from netjournal.core.records import ContactRef, ContactSummary
from netjournal.core.text import normalise_name

SUGGESTION_ROWS = 6
_LAST_COLUMN = len("11 months ago")


def _fit(text: str, width: int, style: str) -> Content:
    return Content.styled(text, style).truncate(width, ellipsis=True, pad=True)


def suggestion_rows(matches: Sequence[ContactSummary], today: date, width: int) -> list[Content]:
    """One row per match: name, tags, and when you last exchanged anything."""
    room = max(width - _LAST_COLUMN - 4, 12)
    longest_tags = max((cell_len(", ".join(m.tags)) for m in matches), default=0)
    tags_width = min(longest_tags, room // 2)
    longest_name = max((cell_len(m.name) for m in matches), default=0)
    name_width = min(longest_name, room - tags_width)
    rows = []
    for match in matches:
        last = humanize_date(match.last_exchange, today) if match.last_exchange else "never"
        rows.append(
            Content.assemble(
                _fit(match.name, name_width, "bold"),
                "  ",
                _fit(", ".join(match.tags), tags_width, "$text-muted"),
                "  ",
                (last, "$text-muted"),
            )
        )
    return rows


class _QueryInput(Input):
    """The picker's text field: backspace with nothing typed asks to drop the last chip."""

    @dataclass
    class EmptyBackspace(Message):
        """Backspace was pressed with nothing typed."""

    def action_delete_left(self) -> None:
        if self.value:
            super().action_delete_left()
        else:
            self.post_message(self.EmptyBackspace())


class _Chips(Static):
    """The people chosen so far, each with a × that removes it."""

    @dataclass
    class Unchoose(Message):
        index: int

    def show(self, chosen: Sequence[ContactRef]) -> None:
        self.display = bool(chosen)
        chips = [
            Content.assemble(
                Content.styled(f" {ref.name} ", "bold $text on $accent-muted"),
                # Our own markup around a number we made: no user text is ever parsed here.
                Content.from_markup(
                    f"[$text-muted on $accent-muted @click=unchoose({index})]× [/]"
                ),
            )
            for index, ref in enumerate(chosen)
        ]
        self.update(Content("  ").join(chips))

    def action_unchoose(self, index: int) -> None:
        self.post_message(self.Unchoose(index))


class _Suggestions(OptionList, can_focus=False):
    """Matches for what is typed; the picker's input keeps the focus and moves the highlight."""

    DEFAULT_CSS = """
    _Suggestions {
        height: auto;
        max-height: 6;
        border: none;
        padding: 0;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $text;
            background: $accent 30%;
            text-style: none;
        }
    }
    """


class ContactPicker(Widget):
    """Choose one or more contacts by typing fragments of their names."""

    DEFAULT_CSS = """
    ContactPicker { height: auto; }
    ContactPicker > .chips { height: auto; }
    ContactPicker > #picker-hint { color: $text-muted; height: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "move(1)",
            "Next match",
            id="contact_picker.next",
            tooltip="Highlight the next suggestion",
            show=False,
        ),
        Binding(
            "up",
            "move(-1)",
            "Previous match",
            id="contact_picker.previous",
            tooltip="Highlight the previous suggestion",
            show=False,
        ),
        Binding(
            "tab",
            "pick_another",
            "Pick, add another",
            id="contact_picker.pick_another",
            tooltip="Pick the highlighted person and stay here to add someone else",
            show=False,
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            id="contact_picker.clear",
            tooltip="Clear what is typed and close the suggestions",
            show=False,
        ),
    ]

    @dataclass
    class Changed(Message):
        """The chosen people changed."""

        picker: ContactPicker
        chosen: tuple[ContactRef, ...]

        @property
        def control(self) -> ContactPicker:
            return self.picker

    @dataclass
    class NewRequested(Message):
        """The "Create …" suggestion was taken: `name` is someone not in the journal yet."""

        picker: ContactPicker
        name: str

        @property
        def control(self) -> ContactPicker:
            return self.picker

    @dataclass
    class Finished(Message):
        """Enter with people chosen and nothing left typed: time to move to the next field."""

        picker: ContactPicker

        @property
        def control(self) -> ContactPicker:
            return self.picker

    def __init__(
        self,
        today: date,
        *,
        placeholder: str = "type part of a name or a tag",
        clear_on_escape: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._clear_on_escape = clear_on_escape
        self._tentative = False
        """The chosen people were filled in for the user, not picked: typing replaces them."""
        self._today = today
        self._placeholder = placeholder
        self._chosen: list[ContactRef] = []
        self._index: ContactIndex | None = None
        self._matches: list[ContactSummary] = []
        self._matched_for: str | None = None
        self._pick_when_loaded = False
        self._offer_new = False

    def compose(self) -> ComposeResult:
        yield _Chips(classes="chips")
        yield _QueryInput(placeholder=self._placeholder, compact=True)
        yield _Suggestions(compact=True)
        yield Static(
            Content.styled(
                "enter pick and go on · tab pick and add another · ↑↓ choose", "$text-muted"
            ),
            id="picker-hint",
        )

    def on_mount(self) -> None:
        self._show_chips()
        self._show_matches()

    # ----------------------------------------------------------------- public

    @property
    def chosen(self) -> tuple[ContactRef, ...]:
        """The people picked so far, in the order they were picked."""
        return tuple(self._chosen)

    def set_candidates(self, summaries: Iterable[ContactSummary]) -> None:
        """Match against these contacts from now on (prefer `set_index` for big journals)."""
        self.set_index(ContactIndex(summaries))

    def set_index(self, index: ContactIndex) -> None:
        """Match against a prepared index, built off the event loop."""
        self._index = index
        self._matched_for = None
        if self.is_mounted:
            self._show_matches()
            if self._pick_when_loaded:
                self._pick_when_loaded = False
                self._submit()

    def preselect(self, refs: Iterable[ContactRef], *, tentative: bool = False) -> None:
        """Start with these people chosen (replacing any chosen so far). `tentative` ones were
        guessed for the user (the highlighted contact): typing a name replaces them."""
        self._chosen = list(dict.fromkeys(refs))
        self._tentative = tentative and bool(self._chosen)
        if self.is_mounted:
            self._show_chips()
            self._announce()

    def offer_new(self, offer: bool = True) -> None:
        """Also suggest "Create “<what is typed>”" for a name no one in the journal has."""
        self._offer_new = offer
        if self.is_mounted:
            self._matched_for = None
            self._show_matches()

    def _new_name(self) -> str | None:
        """What a "Create" suggestion would add, when one is offered for what is typed."""
        query = " ".join(self._input.value.split())
        if not self._offer_new or not query or self._index is None:
            return None
        wanted = normalise_name(query)
        if any(normalise_name(match.name) == wanted for match in self._matches):
            return None
        return query

    def focus(self, scroll_visible: bool = True) -> ContactPicker:
        self._input.focus(scroll_visible)
        return self

    # ---------------------------------------------------------------- showing

    @property
    def _input(self) -> _QueryInput:
        return self.query_one(_QueryInput)

    @property
    def _suggestions(self) -> _Suggestions:
        return self.query_one(_Suggestions)

    def _show_chips(self) -> None:
        self.query_one(_Chips).show(self._chosen)

    def _refresh_matches(self) -> None:
        query = self._input.value
        if query == self._matched_for:
            return
        self._matched_for = query
        self._matches = (
            self._index.search(
                query, limit=SUGGESTION_ROWS, exclude={ref.id for ref in self._chosen}
            )
            if self._index is not None
            else []
        )

    def _show_matches(self) -> None:
        self._refresh_matches()
        query = self._input.value.strip()
        suggestions = self._suggestions
        hint = self.query_one("#picker-hint")
        suggestions.clear_options()
        hint.display = bool(query) and bool(self._matches)
        if not query:
            suggestions.display = False
            return
        suggestions.display = True
        if self._index is None:
            suggestions.add_option(
                Option(
                    Content.styled("Looking through your contacts…", "$text-muted"), disabled=True
                )
            )
            return
        new_name = self._new_name()
        if new_name is not None:
            create = Content.assemble(("+ Create ", "$text-accent"), (f"“{new_name}”", "bold"))
            if not self._matches:
                suggestions.add_option(Option(create, id="new"))
                suggestions.highlighted = 0
                return
        if not self._matches:
            note = (
                Content.styled("No one in the journal yet — add someone first (a).", "$text-muted")
                if not len(self._index)
                else Content.assemble(
                    ("No one matches ", "$text-muted"), (query, "bold"), (".", "$text-muted")
                )
            )
            suggestions.add_option(Option(note, disabled=True))
            return
        width = suggestions.content_size.width or self.content_size.width or 56
        suggestions.add_options(
            Option(row, id=str(match.id))
            for row, match in zip(
                suggestion_rows(self._matches, self._today, width), self._matches, strict=True
            )
        )
        if new_name is not None:
            suggestions.add_option(Option(create, id="new"))
        suggestions.highlighted = 0

    def _announce(self) -> None:
        self.post_message(self.Changed(self, self.chosen))

    # ---------------------------------------------------------------- picking

    def _pick(self, summary: ContactSummary) -> None:
        self._tentative = False
        ref = ContactRef(summary.id, summary.name)
        if ref not in self._chosen:
            self._chosen.append(ref)
        self._show_chips()
        self._matched_for = None
        self._input.value = ""
        self._show_matches()
        self._announce()

    def _highlighted_match(self) -> ContactSummary | None:
        self._refresh_matches()
        if not self._matches:
            return None
        index = self._suggestions.highlighted
        if index is None or index >= len(self._matches):
            index = 0
        return self._matches[index]

    def _creating(self) -> str | None:
        """The new name, when the "Create" suggestion is the highlighted one."""
        self._refresh_matches()
        new_name = self._new_name()
        if new_name is None:
            return None
        highlighted = self._suggestions.highlighted
        return new_name if (highlighted or 0) >= len(self._matches) else None

    def _request_new(self, name: str) -> None:
        self._matched_for = None
        self._input.value = ""
        self._show_matches()
        self.post_message(self.NewRequested(self, name))

    def _submit(self) -> None:
        if self._input.value.strip():
            if self._index is None:
                self._pick_when_loaded = True
                return
            new_name = self._creating()
            if new_name is not None:
                self._request_new(new_name)
                return
            match = self._highlighted_match()
            if match is None:
                return
            self._pick(match)
        if self._chosen and not self._input.value:
            self.post_message(self.Finished(self))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._pick_when_loaded = False
        if self._tentative and event.value.strip():
            # Someone else is meant: the guessed person makes way.
            self._tentative = False
            self._chosen.clear()
            self._show_chips()
            self._announce()
        self._show_matches()

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    @on(_QueryInput.EmptyBackspace)
    def _drop_last(self, event: _QueryInput.EmptyBackspace) -> None:
        event.stop()
        if self._chosen:
            self._chosen.pop()
            self._after_unchoose()

    @on(_Chips.Unchoose)
    def _drop_one(self, event: _Chips.Unchoose) -> None:
        event.stop()
        if 0 <= event.index < len(self._chosen):
            del self._chosen[event.index]
            self._after_unchoose()
        self._input.focus()

    def _after_unchoose(self) -> None:
        self._show_chips()
        self._matched_for = None
        self._show_matches()
        self._announce()

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._matches):
            self._pick(self._matches[event.option_index])
        elif event.option.id == "new" and (new_name := self._new_name()) is not None:
            self._request_new(new_name)
        self._input.focus()

    def action_move(self, step: int) -> None:
        count = len(self._matches) + (self._new_name() is not None)
        if not count:
            raise SkipAction
        suggestions = self._suggestions
        current = suggestions.highlighted or 0
        suggestions.highlighted = (current + step) % count

    def action_pick_another(self) -> None:
        new_name = self._creating() if self._input.value.strip() else None
        if new_name is not None:
            self._request_new(new_name)
            return
        match = self._highlighted_match() if self._input.value.strip() else None
        if match is None:
            # Nothing to complete: tab keeps its usual meaning.
            raise SkipAction
        self._pick(match)

    @property
    def tentative(self) -> bool:
        """Whether the chosen people were guessed for the user rather than picked."""
        return self._tentative

    @property
    def typed(self) -> str:
        """What is typed and not picked yet."""
        return self._input.value

    def set_typed(self, text: str) -> None:
        """Put `text` in the field as if typed (a draft coming back)."""
        self._input.value = text
        self._input.cursor_position = len(text)

    def action_clear(self) -> None:
        if not self._input.value or not self._clear_on_escape:
            # Nothing typed: escape goes on to whatever holds the picker (a dialog closes).
            raise SkipAction
        self._input.value = ""
