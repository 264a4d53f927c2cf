"""Import and export from inside the app: a path, a preview, a progress bar, a summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from netjournal.io.formats import exporter, exports, importers
from netjournal.tui.feedback import WorkDone, describe_failure

if TYPE_CHECKING:
    from netjournal.core.journal import Journal
    from netjournal.io.plan import ImportPlan

Mode = Literal["import", "export"]
SETTINGS_BOX = "Also take the file's settings"
EXPORT_CHOICES = tuple((export.label, export.name) for export in exports())
_EXAMPLES = [f.examples for f in importers()]
IMPORT_HINT = f"{', '.join(_EXAMPLES[:-1])} or {_EXAMPLES[-1]}"


class TransferDialog(ModalScreen[str | None]):
    """Returns a one-line summary of what was done, or None when cancelled."""

    DEFAULT_CSS = """
    TransferDialog { align: center middle; }
    TransferDialog > Vertical {
        width: 84; max-width: 96%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    TransferDialog #title { text-style: bold; color: $text-accent; margin-bottom: 1; }
    TransferDialog Input, TransferDialog Select { margin-bottom: 1; }
    TransferDialog #preview { height: auto; max-height: 14; margin-bottom: 1; }
    TransferDialog #problem { color: $text-error; margin-bottom: 1; }
    TransferDialog ProgressBar { margin-bottom: 1; }
    TransferDialog #buttons { height: auto; align-horizontal: right; }
    TransferDialog Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", id="transfer.cancel", tooltip="Close; nothing is written"
        ),
    ]

    def __init__(self, journal: Journal, mode: Mode) -> None:
        super().__init__()
        self.journal = journal
        self.mode = mode
        self._plan: ImportPlan | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.mode == "import":
                yield Static("Import contacts and history", id="title", markup=False)
                yield Input(
                    placeholder=IMPORT_HINT,
                    id="path",
                )
            else:
                yield Static("Export the journal", id="title", markup=False)
                yield Select(EXPORT_CHOICES, value="json", allow_blank=False, id="format")
                yield Input(
                    value=str(Path.home() / f"netjournal-{self.journal.today().isoformat()}.json"),
                    id="path",
                )
            with VerticalScroll(id="preview"):
                yield Static("", id="preview-text", markup=False)
            if self.mode == "import":
                yield Checkbox(SETTINGS_BOX, id="take-settings")
            yield Label("", id="problem", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
            with Horizontal(id="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                if self.mode == "import":
                    yield Button("Preview", id="preview-button", variant="primary")
                    yield Button("Import", id="go", variant="success", disabled=True)
                else:
                    yield Button("Export", id="go", variant="success")

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#preview").display = False
        self.query_one("#problem").display = False
        if self.mode == "import":
            self.query_one("#take-settings").display = False
        self.query_one("#path", Input).focus()

    # ----------------------------------------------------------------- helpers

    def _path(self) -> Path | None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._problem("Type the path of a file or folder first.")
            return None
        return Path(raw).expanduser()

    def _problem(self, message: str) -> None:
        label = self.query_one("#problem", Label)
        label.update(message)
        label.display = bool(message)

    # What the workers below hand back.

    @dataclass
    class Started(WorkDone):
        total: int

    @dataclass
    class Advanced(WorkDone):
        done: int

    @dataclass
    class Failed(WorkDone):
        error: BaseException

    @dataclass
    class Previewed(WorkDone):
        plan: ImportPlan
        text: str

    @dataclass
    class Finished(WorkDone):
        summary: str

    @on(Finished)
    def _finished(self, finished: Finished) -> None:
        self.dismiss(finished.summary)

    @on(Started)
    def _start_progress(self, started: Started) -> None:
        total = started.total
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=0)

    @on(Advanced)
    def _advance(self, advanced: Advanced) -> None:
        self.query_one("#progress", ProgressBar).update(progress=advanced.done)

    @on(Failed)
    def _failed(self, failed: Failed) -> None:
        error = failed.error
        self._busy = False
        self.query_one("#progress", ProgressBar).display = False
        self._problem(describe_failure(error))

    # --------------------------------------------------------------- export

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        box = self.query_one("#path", Input)
        path = Path(box.value.strip() or str(Path.home() / "netjournal"))
        export = exporter(str(event.value))
        stem = path.with_suffix("") if path.suffix else path
        box.value = str(stem) if export.folder else str(stem.with_suffix(f".{export.name}"))

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _export(self, fmt: str, output: Path) -> None:
        from netjournal.io.exporters import export_work
        from netjournal.io.exporting import export_to

        total = export_work(self.journal)
        self.post_message(self.Started(total))
        done = 0

        def progress(step: int) -> None:
            nonlocal done
            done += step
            self.post_message(self.Advanced(done))

        try:
            written = export_to(self.journal, fmt, output, progress)
        except BaseException as error:  # shown in the dialog; the app stays up
            self.post_message(self.Failed(error))
            return
        where = written[0].parent if exporter(fmt).folder else written[0]
        self.post_message(self.Finished(f"Exported to {where}."))

    # --------------------------------------------------------------- import

    @on(Input.Submitted, "#path")
    def _submitted(self) -> None:
        self._go_or_preview()

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        if self.mode == "import":
            self._plan = None
            self.query_one("#go", Button).disabled = True

    @on(Checkbox.Changed, "#take-settings")
    def _settings_changed(self) -> None:
        # The plan depends on it: preview again, so Import writes what the preview says.
        self._plan = None
        self.query_one("#go", Button).disabled = True
        self._preview_pressed()

    @on(Button.Pressed, "#preview-button")
    def _preview_pressed(self) -> None:
        path = self._path()
        if path is not None and not self._busy:
            self._busy = True
            self._problem("")
            self._preview(path, self.query_one("#take-settings", Checkbox).value)

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _preview(self, path: Path, take_settings: bool) -> None:
        from netjournal.io.importing import plan_import
        from netjournal.io.report import plan_lines

        try:
            plan = plan_import(path, self.journal, settings=take_settings)
        except BaseException as error:
            self.post_message(self.Failed(error))
            return
        # The shell's dry-run report, minus its advice about shell flags.
        hint = f"tick “{SETTINGS_BOX}” to take them"
        lines = [
            line.replace("Dry run of", "Preview of", 1)
            for line in plan_lines(plan, dry_run=True, settings_hint=hint)
            if "--dry-run" not in line
        ]
        if not plan.nothing_to_do:
            lines.append("Press Import (or Enter) to write all of it in one go.")
        self.post_message(self.Previewed(plan, "\n".join(lines)))

    @on(Previewed)
    def _previewed(self, previewed: Previewed) -> None:
        plan, text = previewed.plan, previewed.text
        self._busy = False
        self._plan = plan
        self.query_one("#preview").display = True
        self.query_one("#preview-text", Static).update(text)
        box = self.query_one("#take-settings", Checkbox)
        box.display = box.display or bool(plan.settings or plan.settings_left_out)
        go = self.query_one("#go", Button)
        go.disabled = plan.nothing_to_do
        if not plan.nothing_to_do:
            go.focus()

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _import(self, plan: ImportPlan) -> None:
        from netjournal.io.plan import apply_plan

        self.post_message(self.Started(plan.work))
        done = 0

        def progress(step: int) -> None:
            nonlocal done
            done += step
            self.post_message(self.Advanced(done))

        try:
            result = apply_plan(self.journal, plan, progress)
        except BaseException as error:
            self.post_message(self.Failed(error))
            return
        self.post_message(
            self.Finished(
                f"Imported: {result.created} added, {result.updated} updated, "
                f"{result.exchanges} exchanges, {result.reflections} reflections."
            )
        )

    # --------------------------------------------------------------- actions

    @on(Button.Pressed, "#go")
    def _go_pressed(self) -> None:
        self._go_or_preview()

    def _go_or_preview(self) -> None:
        if self._busy:
            return
        if self.mode == "export":
            path = self._path()
            if path is not None:
                self._busy = True
                self._problem("")
                self._export(str(self.query_one("#format", Select).value), path)
            return
        if self._plan is None:
            self._preview_pressed()
        elif not self._plan.nothing_to_do:
            self._busy = True
            self._import(self._plan)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)
