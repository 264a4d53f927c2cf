"""Search: find contacts, exchanges and reflections by any word, as you type; Enter opens one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from netjournal.core.find.search import Kind, Marked, SearchHit, SearchResults
from netjournal.core.records import UNTITLED
from netjournal.tui.feedback import WorkDone, describe_failure
from netjournal.tui.widgets.exchange_list import when

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

LIMIT = 20
"""Hits of each kind; more words narrow it, the shell's --limit goes further."""
TYPING_PAUSE = 0.15
"""Seconds of quiet before searching, so a fast typist doesn't queue a search per key."""
MATCH_STYLE = "bold underline"
GROUPS: tuple[tuple[Kind, str], ...] = (
    ("contact", "Contacts"),
    ("exchange", "Exchanges"),
    ("reflection", "Reflections"),
)
EMPTY_STATE = Content.assemble(
    ("Search names, companies, notes, handles, exchanges and reflections.\n", ""),
    ("Every word must match; the last can be the start of a word. ", "$text-muted"),
    ("In the shell: ", "$text-muted"),
    ("netjournal search WORDS --advanced", "$text-accent"),
    (" for OR, NOT and phrases.", "$text-muted"),
)


def marked_content(text: Marked, style: str = "") -> Content:
    """Marked text as Content: user text stays literal, matched words stand out."""
    return Content.assemble(
        *(
            (piece, f"{style} {MATCH_STYLE}" if is_match else style)
            for piece, is_match in text.segments
        )
    )


def hit_line(hit: SearchHit, today: date) -> Content:
    """One result on one line: when and who (if it has them), then the marked text."""
    parts: list[Content | tuple[str, str] | str] = ["  "]
    if hit.when is not None:
        parts.append((f"{when(hit.when, today):<13} ", "$text-muted"))
    if hit.kind != "contact":
        who = ", ".join(p.name for p in hit.people) or "—"
        who = who if len(who) <= 22 else who[:21] + "…"
        parts.append((f"{who:<23}", "$text-secondary"))
    if hit.title:
        parts.append(marked_content(hit.title, "bold"))
    else:
        parts.append((UNTITLED, "bold $text-muted"))
    if hit.snippet:
        parts += [("  ", ""), marked_content(hit.snippet, "$text-muted")]
    return Content.assemble(*parts)


def group_header(title: str, hits: int, more: bool) -> Content:
    count = f"{hits}+" if more else str(hits)
    return Content.assemble((title, "bold $text-accent"), (f" ({count})", "$text-muted"))


@dataclass
class Found(WorkDone):
    """The answer to the search numbered `generation`."""

    results: SearchResults
    today: date
    generation: int


class SearchDialog(ModalScreen[SearchHit | None]):
    """Type to search the whole journal; returns the hit chosen with Enter, or None."""

    DEFAULT_CSS = """
    SearchDialog { align: center top; }
    SearchDialog > Vertical {
        width: 110; max-width: 96%; height: 90%; margin-top: 1;
        border: round $accent; background: $surface; padding: 0 1;
    }
    SearchDialog #search-input { margin-bottom: 1; }
    SearchDialog #search-results {
        height: 1fr; border: none; padding: 0; background: transparent;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    SearchDialog #search-results:focus { border: none; }
    SearchDialog #search-state { height: 1fr; padding: 0 1; }
    SearchDialog #search-keys { height: 1; color: $text-muted; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close", tooltip="Back to where you were"),
        Binding("down", "move(1)", "Next", id="search.next", show=False, tooltip="Next result"),
        Binding(
            "up",
            "move(-1)",
            "Previous",
            id="search.previous",
            show=False,
            tooltip="Previous result",
        ),
        Binding(
            "pagedown",
            "move(10)",
            "Page down",
            id="search.page_down",
            show=False,
            tooltip="Ten results on",
        ),
        Binding(
            "pageup",
            "move(-10)",
            "Page up",
            id="search.page_up",
            show=False,
            tooltip="Ten results back",
        ),
    ]

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self._journal = journal
        self._query = ""
        self._generation = 0
        self._typing: Timer | None = None
        self._busy = False
        """A search for the current text is running."""
        self._open_when_found = False
        """Enter came before the search for what was typed had finished."""
        self._hits: list[SearchHit | None] = []
        """One entry per option: the hit, or None for a group header."""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search"
            yield Input(
                placeholder="a name, a company, a word from a note…",
                id="search-input",
            )
            yield Static(EMPTY_STATE, id="search-state")
            yield OptionList(id="search-results")
            yield Static(
                Content.assemble(
                    ("↑↓", "bold"),
                    " move  ",
                    ("enter", "bold"),
                    " open  ",
                    ("esc", "bold"),
                    " close",
                ),
                id="search-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).display = False
        self.query_one("#search-input", Input).focus()

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    @property
    def highlighted_hit(self) -> SearchHit | None:
        index = self.results.highlighted
        if index is None or not 0 <= index < len(self._hits):
            return None
        return self._hits[index]

    # --------------------------------------------------------------- searching

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE, self._search_now)

    def _search_now(self) -> None:
        query = self.query_one("#search-input", Input).value
        if query == self._query:
            return
        self._query = query
        self._generation += 1
        if not query.strip():
            self._busy = self._open_when_found = False
            self._show_state(EMPTY_STATE)
            return
        self._busy = True
        self._search(query, self._generation)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, generation: int) -> None:
        # The app shows no archived contacts anywhere, so it couldn't open one found here.
        results = self._journal.search(query, limit=LIMIT, prefix_last=True, include_archived=False)
        today = self._journal.today()
        self.post_message(Found(results, today, generation))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages don't bubble; failures become a sentence, never a traceback.
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self._busy = self._open_when_found = False
            self.app.notify(describe_failure(event.worker.error), severity="error", markup=False)

    def _show_state(self, message: Content) -> None:
        self._hits = []
        self.results.clear_options()
        self.results.display = False
        state = self.query_one("#search-state", Static)
        state.update(message)
        state.display = True

    @on(Found)
    def _show_results(self, answer: Found) -> None:
        results, today, generation = answer.results, answer.today, answer.generation
        if generation != self._generation:
            return  # typing moved on while this ran; a newer result is coming
        self._busy = False
        if not results:
            self._open_when_found = False
            self._show_state(
                Content.assemble("Nothing matches ", (results.query.strip(), "bold"), ".")
            )
            return
        options: list[Option] = []
        hits: list[SearchHit | None] = []
        for kind, title in GROUPS:
            found = results.hits(kind)
            if not found:
                continue
            header = group_header(title, len(found), results.more.get(kind, False))
            options.append(Option(header, disabled=True))
            hits.append(None)
            for hit in found:
                options.append(Option(hit_line(hit, today), id=f"{hit.kind}-{hit.id}"))
                hits.append(hit)
        self._hits = hits
        listing = self.results
        listing.clear_options()
        listing.add_options(options)
        self.query_one("#search-state", Static).display = False
        listing.display = True
        listing.highlighted = next(i for i, hit in enumerate(hits) if hit is not None)
        listing.scroll_home(animate=False)
        if self._open_when_found:
            self._open_when_found = False
            self._open()

    # --------------------------------------------------------------- actions

    def action_move(self, step: int) -> None:
        listing = self.results
        if not self._hits:
            return
        current = listing.highlighted if listing.highlighted is not None else -1
        chosen = [i for i, hit in enumerate(self._hits) if hit is not None]
        if step > 0:
            later = [i for i in chosen if i > current]
            target = later[min(step, len(later)) - 1] if later else current
        else:
            earlier = [i for i in chosen if i < current]
            target = earlier[-min(-step, len(earlier))] if earlier else current
        listing.highlighted = target

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open()

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open()

    def _open(self) -> None:
        if self._query != self.query_one("#search-input", Input).value or self._busy:
            # Enter came before the hits of what was typed: open the first of them when they come.
            self._open_when_found = True
            if self._typing is not None:
                self._typing.stop()
            self._search_now()
            return
        hit = self.highlighted_hit
        if hit is not None:
            self.dismiss(hit)

    def action_close(self) -> None:
        self.dismiss(None)
