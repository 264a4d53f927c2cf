"""The lean path (plain sqlite3) and the service layer write and read exactly the same rows.

Both run the same SQL (`exchange_writes`, `ledger`, `insights`, `names`); these tests hold the
statements against the SQLModel models and compare the two paths on random input.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjournal.core import exchange_writes, models
from netjournal.core.errors import InputError, JournalFileError
from netjournal.core.highlights import ledger
from netjournal.core.journal import open_journal
from netjournal.core.lean import LeanJournal
from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.rows import exchange_fields
from tests.conftest import TODAY

FIXTURES = Path(__file__).parents[1] / "reliability" / "fixtures"
COMPARED = (
    "exchange", "exchange_contact", "exchange_tag", "tag", "contact_ledger", "exchange_search",
    "ledger_dirty",
)  # fmt: skip


def columns_of(model: type[models.SQLModel]) -> set[str]:
    return {column.name for column in model.__table__.columns}  # type: ignore[attr-defined]


def test_the_plain_sql_writes_name_the_models_columns() -> None:
    written = {*exchange_fields(ExchangeDraft("gave", "x", (1,)), TODAY), "created_at"}
    assert written | {"id", "updated_at"} == columns_of(models.Exchange)
    linked = re.search(r"exchange_contact \(([^)]*)\)", exchange_writes._LINK)
    assert linked is not None
    assert {c.strip() for c in linked[1].split(",")} == columns_of(models.ExchangeContact)
    assert set(ledger.COLUMNS) == columns_of(models.ContactLedger)


@pytest.fixture(scope="module")
def people_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("people") / "journal.db"
    with open_journal(path, today=lambda: TODAY) as journal:
        journal.update_settings(tag_cadence={"close": 30})
        for name in ("Ana Lima", "Bruno Costa", "Chloé Dubois"):
            journal.add_contact(ContactDraft(name, tags=("close",), cadence_days=None))
    return path


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in COMPARED
        }


TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40).filter(
    lambda t: t.strip()
)
DRAFTS = st.lists(
    st.builds(
        lambda direction, ids, kind, summary, weight, days, tags: ExchangeDraft(
            direction, summary, ids, kind=kind, weight=weight,
            occurred_on=TODAY - timedelta(days=days), tags=tags,
        ),
        st.sampled_from(["gave", "received", "mutual"]),
        st.lists(st.integers(1, 3), min_size=1, max_size=3, unique=True).map(tuple),
        st.sampled_from(["article", "advice", "meeting", "other"]),
        TEXT,
        st.integers(1, 3),
        st.integers(0, 800),
        st.lists(st.sampled_from(["seo", "close", "Café"]), max_size=2).map(tuple),
    ),
    min_size=1,
    max_size=6,
)  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drafts=DRAFTS)
def test_the_lean_path_writes_the_same_rows_as_the_service_layer(
    people_journal: Path, tmp_path_factory: pytest.TempPathFactory, drafts: list[ExchangeDraft]
) -> None:
    folder = tmp_path_factory.mktemp("pair")
    full, lean = folder / "full.db", folder / "lean.db"
    shutil.copyfile(people_journal, full)
    shutil.copyfile(people_journal, lean)
    with open_journal(full, today=lambda: TODAY) as journal:
        via_service = [outcome(journal.log_exchange, d) for d in drafts]
        summaries = journal.contact_summaries(include_archived=True)
        highlights = journal.highlights()
    opened = LeanJournal.open(lean, lambda: TODAY)
    assert opened is not None
    try:
        via_lean = [outcome(opened.log_exchange, d) for d in drafts]
        assert opened.contact_summaries(include_archived=True) == summaries
        assert opened.highlights() == highlights
        logged = [i for i in via_lean if isinstance(i, int)]
        assert [opened.exchange(i) for i in logged] == [journal_exchange(full, i) for i in logged]
    finally:
        opened.close()
    assert via_lean == via_service
    assert rows(lean) == rows(full)


def outcome(write: object, draft: ExchangeDraft) -> int | str:
    """The new id, or the sentence refusing the draft (both paths must refuse alike)."""
    try:
        return write(draft)  # type: ignore[operator, no-any-return]
    except InputError as error:
        return str(error)


def journal_exchange(path: Path, exchange_id: int) -> object:
    with open_journal(path, today=lambda: TODAY) as journal:
        return journal.exchange(exchange_id)


@pytest.mark.parametrize("typed", ["ana", "chloe", "Chloé Dubois", "b", "zed", "an li", "c"])
def test_names_resolve_the_same_both_ways(people_journal: Path, typed: str) -> None:
    def resolved(resolve: object) -> object:
        try:
            return resolve(typed)  # type: ignore[operator]
        except InputError as error:
            return str(error)

    with open_journal(people_journal, today=lambda: TODAY) as journal:
        expected = resolved(journal.resolve_contact)
    opened = LeanJournal.open(people_journal, lambda: TODAY)
    assert opened is not None
    try:
        assert resolved(opened.resolve_contact) == expected
    finally:
        opened.close()


def test_a_journal_to_create_or_upgrade_is_left_to_the_full_open(tmp_path: Path) -> None:
    assert LeanJournal.open(tmp_path / "missing.db", lambda: TODAY) is None
    assert not (tmp_path / "missing.db").exists()
    older = tmp_path / "older.db"
    with sqlite3.connect(older) as conn:
        conn.executescript((FIXTURES / "journal-5c1d2e8a7b34.sql").read_text(encoding="utf-8"))
    before = older.read_bytes()
    assert LeanJournal.open(older, lambda: TODAY) is None
    assert older.read_bytes() == before


def test_a_file_that_isnt_a_journal_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my shopping list\n" * 20)
    with pytest.raises(JournalFileError, match="isn't a netjournal journal"):
        LeanJournal.open(path, lambda: TODAY)
    assert path.read_text() == "my shopping list\n" * 20


@pytest.mark.parametrize(
    "args",
    [
        ["log", "gave", "Ana", "Sent the SEO checklist"],
        ["due"],
        ["contacts"],
    ],
)
def test_the_shells_everyday_commands_load_no_data_stack(
    people_journal: Path, tmp_path: Path, args: list[str]
) -> None:
    path = tmp_path / "journal.db"
    shutil.copyfile(people_journal, path)
    script = (
        "import sys\n"
        f"sys.argv = ['netjournal', '--db', {str(path)!r}, *{args!r}]\n"
        "from netjournal.launch import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "heavy = {'sqlalchemy', 'sqlmodel', 'pydantic', 'alembic', 'textual'}\n"
        "print('HEAVY=' + ','.join(sorted({m.split('.')[0] for m in sys.modules} & heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"NETJOURNAL_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "HEAVY="
