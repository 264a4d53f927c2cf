"""Shell completion in a real interactive bash: names with spaces come back quoted and work."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netjournal.core.journal import open_journal
from netjournal.core.records import ContactDraft
from tests.conftest import TODAY

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    shutil.which("bash") is None or not (BIN / "netjournal").exists(),
    reason="needs bash and the netjournal script",
)


class Bash:
    """An interactive bash on a pseudo-terminal, typed into as a person would."""

    def __init__(self, env: dict[str, str]) -> None:
        self._fd, child = pty.openpty()
        self._process = subprocess.Popen(
            ["bash", "--norc", "--noprofile", "-i"],
            stdin=child,
            stdout=child,
            stderr=child,
            env=env,
            start_new_session=True,
        )
        os.close(child)
        self.seen = ""

    def type(self, text: str) -> None:
        os.write(self._fd, text.encode())

    def wait_for(self, wanted: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while wanted not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never saw {wanted!r}; the terminal showed:\n{self.seen}")
            ready, _, _ = select.select([self._fd], [], [], left)
            if ready:
                self.seen += os.read(self._fd, 4096).decode(errors="replace")
        return self.seen

    def close(self) -> None:
        self._process.kill()
        self._process.wait(timeout=10)
        os.close(self._fd)


@pytest.fixture
def bash(journal_path: Path, tmp_path: Path) -> object:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        journal.add_contact(ContactDraft("Chloé Dubois"))
        journal.add_contact(ContactDraft("Ana Lima"))
    env = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "PS1": "$ ",
        "INPUTRC": "/dev/null",
        "NETJOURNAL_DB": str(journal_path),
        "NETJOURNAL_CONFIG_DIR": str(tmp_path / "config"),
        "NETJOURNAL_TODAY": TODAY.isoformat(),
    }
    shell = Bash(env)
    shell.type('eval "$(_NETJOURNAL_COMPLETE=bash_source netjournal)"; echo ready\n')
    shell.wait_for("ready\r\n")
    yield shell
    shell.close()


def touched(journal_path: Path) -> list[str]:
    with open_journal(journal_path, today=lambda: TODAY) as journal:
        return [s.name for s in journal.contact_summaries() if s.clock_start == TODAY]


def test_a_name_with_a_space_completes_escaped_and_the_command_works(
    bash: Bash, journal_path: Path
) -> None:
    bash.type("netjournal touch ch\t")
    bash.wait_for("Chloé\\ Dubois")
    bash.type("\n")
    bash.wait_for("Touched Chloé Dubois (today)")
    assert "unexpected extra argument" not in bash.seen
    assert "Chloé Dubois" in touched(journal_path)


def test_inside_a_quote_the_name_completes_and_the_quote_closes(
    bash: Bash, journal_path: Path
) -> None:
    bash.type('netjournal touch "chl\t')
    # Readline backs over "chl" and writes the name and the closing quote.
    bash.wait_for('Chloé Dubois"')
    bash.type("\n")
    bash.wait_for("Touched Chloé Dubois (today)")
    assert "Chloé Dubois" in touched(journal_path)
