"""The performance suite of issue 6: one command, one table.

    .venv/bin/python benchmarks/run.py [--sizes demo,S,M,L] [--runs 5] [--others]

Every measurement is taken in fresh processes (at least five), reported as min / median / max and
as a ratio to a baseline measured in the same run: a bare Textual app for the screen, `python -c
pass` and jrnl for the shell. Needs pyte (`.venv/bin/pip install -e '.[bench]'`); installs jrnl
into its own virtual environment under benchmarks/.cache on first use. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import generate
import jrnl_baseline
import others
import report
from pty_runs import first_text, in_terminal, shell_write_shown

HERE = Path(__file__).resolve().parent
PYTHON = Path(sys.executable)
NETJOURNAL = PYTHON.parent / "netjournal"
PYTE_MISSING = """\
The benchmark suite reads the screen with pyte, which is not installed. Install it with:

    .venv/bin/pip install -e '.[bench]'

then run the suite again."""


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes


def environment(work: Path) -> dict[str, str]:
    """A clean environment: pinned day, xterm, UTF-8, and config kept in the run's folder."""
    kept = {key: os.environ[key] for key in ("PATH", "HOME", "USER") if key in os.environ}
    return {
        **kept,
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "NETJOURNAL_TODAY": generate.TODAY.isoformat(),
        "NETJOURNAL_CONFIG_DIR": str(work / "config"),
        "NETJOURNAL_DB": str(work / "unused" / "journal.db"),
    }


def timed(argv: Sequence[str | Path], env: dict[str, str]) -> float:
    """Milliseconds from starting `argv` to its exit; output goes to /dev/null."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(part) for part in argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed: {done.stderr.decode()[-2000:]}")
    return elapsed


def json_from(argv: Sequence[str | Path], env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [str(part) for part in argv], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------- the suite


class Suite:
    def __init__(
        self, sizes: Sequence[str], runs: int, work: Path, with_others: bool = False
    ) -> None:
        self.with_others = with_others
        self.others: dict[str, Callable[[], None]] = {}
        self.sizes = list(sizes)
        self.runs = runs
        self.work = work
        self.env = environment(work)
        self.samples: report.Samples = defaultdict(list)
        self.journals = {size: generate.journal_for(size) for size in self.sizes}
        self.copies: dict[str, Path] = {}
        self.marks: dict[str, dict[str, list[str]]] = {}
        self.jrnl: Path | None = None
        self.jrnl_env: dict[str, str] = {}

    def add(self, key: str, value: float) -> None:
        self.samples[key].append(value)

    def prepare(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        (self.work / "config").mkdir(parents=True)
        for size, built in self.journals.items():
            copy = self.work / size / "journal.db"
            copy.parent.mkdir()
            shutil.copyfile(built.path, copy)
            self.copies[size] = copy
        self.jrnl = jrnl_baseline.ensure_installed()
        if self.jrnl is not None:
            self.jrnl_env = {**self.env, **jrnl_baseline.environment(self.work / "jrnl")}
        for app in others.APPS if self.with_others else ():
            executable = others.ensure_installed(app, say)
            if executable is not None:
                self.others[app.name] = self.other_app(app, executable)

    def other_app(self, app: others.OtherApp, executable: Path) -> Callable[[], None]:
        """A step that times another Textual app's start to its first text on screen; an app
        that shows none (it crashed) is left out of the table, said once."""
        argv, env = others.argv(app, executable), others.environment(self.env, app)
        failed: list[bool] = []

        def step() -> None:
            if failed:
                return
            found = first_text(argv, env, others.FILES)
            if found is None:
                failed.append(True)
                self.samples.pop(f"other:{app.name}", None)
                say(f"  {app.name} ended without showing any text here; it is left out")
            else:
                self.add(f"other:{app.name}", found)

        return step

    def logged(self, size: str) -> str:
        """Whom this size's shell and in-process writes go to."""
        name: str = self.journals[size].meta["logged"]["name"]
        return name

    def core(self) -> None:
        """Highlights and summaries in-process; also what the screens must show."""
        for size in self.sizes:
            say(f"[{size}] highlights and summaries × {self.runs}")
            for _ in range(self.runs):
                found = json_from(
                    [PYTHON, HERE / "core_timings.py", "--db", self.copies[size], "--today",
                     generate.TODAY.isoformat(), "--contact", self.logged(size)],
                    self.env,
                )  # fmt: skip
                for key in ("highlights_first", "highlights", "write", "summaries"):
                    self.add(f"{size}:{key}", found[f"{key}_ms"])
                self.marks[size] = {
                    "home": found["home_texts"],
                    "contacts": found["contacts_texts"],
                }

    def commands(self, size: str) -> dict[str, Callable[[], None]]:
        db = self.copies[size]
        marks = self.marks[size]

        log: list[str | Path] = [NETJOURNAL, "--db", db, "log", "gave", self.logged(size)]

        def tui() -> None:
            found = in_terminal(
                [NETJOURNAL, "--db", db], self.env, marks["home"], marks["contacts"]
            )
            for key, value in found.items():
                self.add(f"{size}:{key}", value)

        def shell_write() -> None:
            found = shell_write_shown([NETJOURNAL, "--db", db], log, self.env, marks["home"])
            self.add(f"{size}:shell_write", found)

        return {
            "tui": tui,
            "shell_write": shell_write,
            "log": self.shell(f"{size}:log", [*log, "Sent the benchmark notes"]),
            "due": self.shell(f"{size}:due", [NETJOURNAL, "--db", db, "due"]),
        }

    def shell(
        self, key: str, argv: Sequence[str | Path], env: dict[str, str] | None = None
    ) -> Callable[[], None]:
        """A step that times `argv` from start to exit, as sample `key`."""
        return lambda: self.add(key, timed(argv, env or self.env))

    def baselines(self) -> dict[str, Callable[[], None]]:
        from bare_app import READY

        def bare() -> None:
            found = in_terminal(
                [PYTHON, HERE / "bare_app.py"], self.env, [READY], quit_keys=b"\x11"
            )
            self.add("bare", found["home"])
            self.add("bare_rss", found["rss_home"])

        steps = {
            "bare": bare,
            "pass": self.shell("pass", [PYTHON, "-c", "pass"]),
            "version": self.shell("version", [NETJOURNAL, "--version"]),
        }
        if self.jrnl is not None:
            steps["jrnl"] = self.shell("jrnl", [self.jrnl, "A benchmark entry"], self.jrnl_env)
        steps.update({f"other:{name}": step for name, step in self.others.items()})
        return steps

    def starts(self) -> None:
        """Process starts, interleaved so the baselines share each run's conditions."""
        steps = dict(self.baselines())
        for size in self.sizes:
            steps.update({f"{size}:{name}": step for name, step in self.commands(size).items()})
        say(f"warming up {len(steps)} commands (untimed)")
        kept, self.samples = self.samples, defaultdict(list)
        for step in steps.values():
            step()
        self.samples = kept
        for run in range(1, self.runs + 1):
            say(f"process starts, run {run} of {self.runs}")
            for step in steps.values():
                step()

    def interactions(self) -> None:
        for size in self.sizes:
            say(f"[{size}] pilot interactions × {self.runs}")
            meta = self.work / size / "meta.json"
            meta.write_text(json.dumps(self.journals[size].meta))
            for _ in range(self.runs):
                found = json_from(
                    [PYTHON, HERE / "interactions.py", "--db", self.copies[size], "--today",
                     generate.TODAY.isoformat(), "--meta", meta],
                    self.env,
                )  # fmt: skip
                for key, value in found.items():
                    self.add(f"{size}:{key.removesuffix('_ms')}", value)


# --------------------------------------------------------------------------- the machine


def machine(other_apps: Sequence[str] = ()) -> dict[str, str]:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory = int(info.readline().split()[1]) / 1024 / 1024
    return {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{memory:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": ", ".join(
            f"{name} {version(name)}"
            for name in ("textual", "rich", "sqlmodel", "sqlalchemy", "pydantic", "click", "pyte")
        ),
        "jrnl": jrnl_baseline.version() if jrnl_baseline.JRNL.exists() else "not installed",
        **(
            {
                "other apps": ", ".join(
                    f"{app.name} {others.version(app)}"
                    for app in others.APPS
                    if app.name in other_apps
                )
            }
            if other_apps
            else {}
        ),
        "code": code_version(),
    }


def code_version() -> str:
    """The commit measured, and whether the work tree differed from it (read-only git calls)."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=HERE, env=env, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    return f"{commit} + uncommitted changes in src/" if changed else commit


def summary(about: dict[str, str], runs: int, sizes: Sequence[str], samples: report.Samples) -> str:
    """The machine, then the table."""
    header = "\n".join(f"- {key}: {value}" for key, value in about.items())
    return f"{header}\n- runs: {runs} per measurement\n\n{report.table(samples, sizes)}\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--sizes", default="S,M,L", help="comma-separated: demo, S, M, L (default S,M,L)"
    )
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per measurement")
    parser.add_argument(
        "--skip", default="", help="comma-separated parts to leave out: starts, interactions"
    )
    parser.add_argument(
        "--others",
        action="store_true",
        help="also time other Textual apps' start (toolong, frogmouth, posting, harlequin), "
        "each installed once into its own environment under benchmarks/.cache/others",
    )
    parser.add_argument(
        "--table-only",
        action="store_true",
        help="print the table of the last run (benchmarks/.cache/latest.json) and exit",
    )
    args = parser.parse_args(argv)
    if args.table_only:
        latest = generate.CACHE / "latest.json"
        if not latest.exists():
            print(f"No run is saved yet ({latest}); run the suite first.", file=sys.stderr)
            return 1
        saved = json.loads(latest.read_text())
        sizes = [size for size in generate.ALL_SIZES if f"{size}:home" in saved["samples"]]
        print(summary(saved["machine"], saved["runs"], sizes, saved["samples"]))
        return 0
    try:
        import pyte  # noqa: F401
    except ImportError:
        print(PYTE_MISSING, file=sys.stderr)
        return 2
    asked = [text.strip() for text in args.sizes.split(",") if text.strip()]
    unknown = [text for text in asked if generate.size_named(text) is None]
    if unknown or not asked:
        parser.error(f"the sizes are {', '.join(generate.ALL_SIZES)} (got {args.sizes!r})")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    sizes = list(dict.fromkeys(filter(None, map(generate.size_named, asked))))
    if args.runs < 5:
        say("note: fewer than 5 runs; the issue asks for at least 5")
    skip = set(args.skip.split(","))

    started = time.perf_counter()
    suite = Suite(sizes, args.runs, generate.CACHE / "run", with_others=args.others)
    suite.prepare()
    suite.core()
    if "starts" not in skip:
        suite.starts()
    if "interactions" not in skip:
        suite.interactions()
    about = machine(list(suite.others))
    about["duration"] = f"{(time.perf_counter() - started) / 60:.0f} min"
    text = summary(about, args.runs, sizes, suite.samples)
    print(text)
    generate.CACHE.joinpath("latest.md").write_text(text)
    saved = {"machine": about, "runs": args.runs, "sizes": sizes, "samples": suite.samples}
    generate.CACHE.joinpath("latest.json").write_text(json.dumps(saved, indent=1))
    say(f"saved to {generate.CACHE / 'latest.md'} and latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
