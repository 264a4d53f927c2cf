"""Where the time goes: import times and cProfile of the slow paths, on a benchmark journal.

    .venv/bin/python benchmarks/profiles.py [--size L] [--top 25] [PART ...]

Parts (all by default):
  imports     `python -X importtime` of `netjournal --version`, `log` and `due` as run, and of
              what the screen imports before its first frame, for Home, and after Home
  core        cProfile of `Journal.highlights()` and `contact_summaries()` after a write
  log         cProfile of `netjournal log gave …` run in-process (after its imports)
  tui         cProfile of the app, headless at 120×40, from `run_test` to Home shown, started
              as `netjournal --db` starts it (Home read through the lean journal)
  contacts    cProfile of the first switch to Contacts, to its rows shown
  filter      cProfile of 20 filter keystrokes on Contacts, each until its rows are on screen
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generate

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
PARTS = ("imports", "core", "log", "tui", "contacts", "filter")
_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")

IMPORTS_BEFORE_FRAME = "import netjournal.launch, netjournal.tui.app, netjournal.core.lean"


def import_paths(db: Path) -> dict[str, list[str]]:
    """What each path imports: the shell commands as run, the screen's stages as statements."""
    shell = ["-m", "netjournal", "--db", str(db)]
    return {
        "netjournal --version": ["-m", "netjournal", "--version"],
        "netjournal log gave …": [*shell, "log", "gave", generate.QUINN, "Profiled entry"],
        "netjournal due": [*shell, "due"],
        "the screen, before its first frame": ["-c", IMPORTS_BEFORE_FRAME],
        "the screen, up to Home's rows (Home's widgets)": [
            "-c", f"{IMPORTS_BEFORE_FRAME}, netjournal.tui.screens.home",
        ],
        "the screen, after Home (the full journal, in a worker)": [
            "-c", "import netjournal.core.journal",
        ],
    }  # fmt: skip


def section(title: str) -> None:
    print(f"\n### {title}\n", flush=True)


def import_times(args: list[str], top: int) -> None:
    """Cumulative import cost of the biggest packages `python ARGS` pulls in (ms, median of 3)."""
    env = {
        **os.environ,
        "NETJOURNAL_TODAY": generate.TODAY.isoformat(),
        "NETJOURNAL_CONFIG_DIR": str(generate.CACHE / "profile" / "config"),
    }
    runs: list[dict[str, int]] = []
    for _ in range(3):
        done = subprocess.run(
            [PYTHON, "-X", "importtime", *args], capture_output=True, text=True, check=True, env=env
        )
        found: dict[str, int] = {}
        for line in done.stderr.splitlines():
            match = _IMPORT_LINE.match(line)
            if match is None:
                continue
            name = match.group(4)
            # Third-party packages wherever they are first imported, and our own modules.
            third_party = "." not in name and name not in sys.stdlib_module_names
            if (third_party and not name.startswith("_")) or name.startswith("netjournal"):
                found[name] = max(found.get(name, 0), int(match.group(2)))
        runs.append(found)
    names = sorted(runs[0], key=lambda n: -sorted(r.get(n, 0) for r in runs)[1])
    wall = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([PYTHON, *args], check=True, env=env, stdout=subprocess.DEVNULL)
        wall.append((time.perf_counter() - started) * 1000)
    wall.sort()
    shown = " ".join(args).replace(str(generate.CACHE), "<cache>")
    print(f"`python {shown}`: {wall[2]:.0f} ms wall (median of 5, whole process)\n")
    print("Cumulative: a module's time includes what it imports first, so rows overlap.\n")
    print("| module | cumulative ms (importtime, median of 3) |\n|---|--:|")
    for name in names[:top]:
        value = sorted(r.get(name, 0) for r in runs)[1] / 1000
        if value >= 3:
            print(f"| {name} | {value:.0f} |")


def profiled(call: Callable[[], Any], top: int, sort: str = "cumulative") -> Any:
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    result = call()
    profile.disable()
    print(f"wall: {(time.perf_counter() - started) * 1000:.0f} ms (under cProfile)\n")
    _print_profile(profile, top, sort)
    return result


def core(db: Path, top: int) -> None:
    from netjournal.core.journal import open_journal
    from netjournal.core.records import ExchangeDraft

    with open_journal(db, today=lambda: generate.TODAY) as journal:
        quinn = journal.resolve_contact(generate.QUINN).id

        def write() -> None:
            journal.log_exchange(ExchangeDraft("gave", "Profiled write", (quinn,)))

        journal.highlights()  # the settings and SQLAlchemy's statement caches, once
        write()
        section("cProfile: Journal.highlights() right after a write")
        profiled(journal.highlights, top)
        write()
        section("cProfile: Journal.highlights() right after a write, by own time")
        profiled(journal.highlights, top, sort="tottime")
        section("cProfile: the write itself, Journal.log_exchange()")
        profiled(write, top)
        journal.contact_summaries()
        write()
        section("cProfile: Journal.contact_summaries() right after a write")
        profiled(journal.contact_summaries, top)


def shell_log(db: Path, top: int) -> None:
    import netjournal.core.dates
    import netjournal.core.journal  # noqa: F401
    from netjournal.cli import cli

    os.environ["NETJOURNAL_TODAY"] = generate.TODAY.isoformat()
    section("cProfile: `netjournal log gave …` in-process, imports already done")
    argv = ["--db", str(db), "log", "gave", generate.QUINN, "Profiled entry"]
    profiled(lambda: cli.main(argv, standalone_mode=False), top)


def _watch_screens() -> dict[str, asyncio.Event]:
    """Events set when Home gets its highlights and when the contact table gets its rows."""
    from netjournal.tui.screens.home import HomeScreen
    from netjournal.tui.widgets.contact_table import ContactTable

    shown: dict[str, asyncio.Event] = {}

    def mark(cls: type, method: str, name: str) -> None:
        original = getattr(cls, method)

        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            result = original(self, *args, **kwargs)
            if name in shown:
                shown[name].set()
            return result

        setattr(cls, method, wrapper)

    mark(HomeScreen, "show", "home")
    mark(ContactTable, "set_rows", "rows")
    return shown


def tui(db: Path, top: int, part: str) -> None:
    from netjournal.core.lean import LeanJournal
    from netjournal.tui.app import JournalSource, NetjournalApp

    shown = _watch_screens()

    async def drive(profile: cProfile.Profile | None) -> None:
        shown["home"], shown["rows"] = asyncio.Event(), asyncio.Event()
        # As `netjournal --db` starts it (tui/app.py run_app): Home reads through the lean
        # journal, and the full one opens in a worker once Home's rows are on screen.
        app = NetjournalApp(JournalSource(db, lambda: generate.TODAY))
        app.lean = LeanJournal.open(db, lambda: generate.TODAY, full_check=False)
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await asyncio.wait_for(shown["home"].wait(), 300)
                if profile is None:
                    return
                await app.workers.wait_for_complete()
                await pilot.pause()
                profile.enable()
                await pilot.press("2")
                await asyncio.wait_for(shown["rows"].wait(), 300)
                await pilot.pause()
                profile.disable()
        finally:
            if app._journal is not None:
                app._journal.close()

    if part == "tui":
        section("cProfile: app start (headless) → Home shown, imports already done")
        profiled(lambda: asyncio.run(drive(None)), top)
    else:
        section("cProfile: key 2 → Contacts rows shown, first visit (headless)")
        profile = cProfile.Profile()
        asyncio.run(drive(profile))
        _print_profile(profile, top)


def _print_profile(profile: cProfile.Profile, top: int, sort: str = "cumulative") -> None:
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(top)
    text = out.getvalue().replace(str(Path(sys.prefix)), "<venv>")
    text = text.replace(str(HERE.parent), "<repo>")
    body = text[text.find("   ncalls") :] if "   ncalls" in text else text
    print("```\n" + body.rstrip() + "\n```")


def filter_keys(db: Path, top: int) -> None:
    """The same keystrokes as the suite, profiled from each press to its rows' frame."""
    import interactions

    from netjournal.core.journal import open_journal
    from netjournal.tui.app import NetjournalApp

    interactions._install_hooks()
    profile = cProfile.Profile()

    async def drive() -> None:
        journal = open_journal(db, today=lambda: generate.TODAY)
        try:
            app = NetjournalApp(journal)
            interactions._watch_frames(app)
            async with app.run_test(size=(120, 40)) as pilot:
                await interactions._settle(app, pilot)
                for key in ("2", "slash"):
                    await pilot.press(key)
                    await interactions._settle(app, pilot)
                for key in interactions.FILTER_KEYS[:20]:
                    started = time.perf_counter()
                    profile.enable()
                    await pilot.press(key)
                    await interactions.WATCH.frame_after("rows", started)
                    profile.disable()
                    await interactions._settle(app, pilot)
        finally:
            journal.close()

    section("cProfile: 20 filter keystrokes, each from the press to its rows' frame")
    asyncio.run(drive())
    _print_profile(profile, top)
    section("cProfile: the same, by own time")
    _print_profile(profile, top, sort="tottime")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("parts", nargs="*", choices=[*PARTS, []], metavar="PART")
    parser.add_argument("--size", default="L", choices=sorted(generate.SIZES))
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    built = generate.journal_for(args.size)
    work = generate.CACHE / "profile"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db = work / "journal.db"
    shutil.copyfile(built.path, db)
    print(f"Profiles on the {args.size} journal ({built.meta['contacts']:,} contacts, "
          f"{built.meta['exchanges']:,} exchanges).")  # fmt: skip
    for part in args.parts or PARTS:
        if part == "imports":
            for title, argv in import_paths(db).items():
                section(f"Import time: {title}")
                import_times(argv, args.top)
        elif part == "core":
            core(db, args.top)
        elif part == "log":
            shell_log(db, args.top)
        elif part == "filter":
            filter_keys(db, args.top)
        else:
            tui(db, args.top, part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
