"""The ledger is kept current by every write, and always equals a recomputation from scratch.

The reference here is a plain Python reading of the rules in docs/guide.md ("How the highlights
work"), run over the raw rows, independent of the ledger's SQL.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from netjournal.core.errors import InputError
from netjournal.core.highlights import insights, ledger
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import ChannelDraft, ContactDraft, ContactSummary, ExchangeDraft
from netjournal.core.settings import Settings
from netjournal.core.storage.store import dbapi_connection
from tests.conftest import TODAY


def add(journal: Journal, name: str, **fields: object) -> int:
    return journal.add_contact(ContactDraft(name, **fields))  # type: ignore[arg-type]


def log(
    journal: Journal, direction: str, ids: tuple[int, ...], days_ago: int = 0, kind: str = "other"
) -> int:
    return journal.log_exchange(
        ExchangeDraft(
            direction, "something", ids, kind=kind, occurred_on=TODAY - timedelta(days=days_ago)
        )
    )


def summary(journal: Journal, contact_id: int) -> ContactSummary:
    return next(s for s in journal.contact_summaries(True) if s.id == contact_id)


# --- The rules, through the real journal ------------------------------------------------------


def test_backdated_history_starts_the_clock_even_before_the_contact_was_added(
    journal: Journal,
) -> None:
    farah = add(journal, "Farah Haddad", cadence_days=30)
    log(journal, "mutual", (farah,), days_ago=91, kind="meeting")
    found = summary(journal, farah)
    assert found.clock_start == TODAY - timedelta(days=91)
    assert (found.due, found.days_over, found.last_kind) == ("overdue", 61, "meeting")
    assert [s.name for s in journal.highlights().reconnect] == ["Farah Haddad"]


def test_a_channel_connected_long_ago_is_not_an_exchange(journal: Journal) -> None:
    since = TODAY - timedelta(days=762)
    lina = add(
        journal,
        "Lina",
        cadence_days=30,
        channels=(ChannelDraft("linkedin", "lina", connected_on=since),),
    )
    found = summary(journal, lina)
    assert (found.clock_start, found.due) == (TODAY, "ok")


def test_a_touch_restarts_the_clock_and_an_older_touch_does_not(journal: Journal) -> None:
    ana = add(journal, "Ana", cadence_days=30)
    log(journal, "gave", (ana,), days_ago=40)
    journal.touch(ana, TODAY - timedelta(days=5))
    assert summary(journal, ana).clock_start == TODAY - timedelta(days=5)
    journal.touch(ana, TODAY - timedelta(days=50))
    assert summary(journal, ana).clock_start == TODAY - timedelta(days=40)


def test_the_rhythm_is_the_contacts_own_else_the_shortest_of_its_tags(journal: Journal) -> None:
    journal.update_settings(tag_cadence={"close": 30, "network": 90})
    own = add(journal, "Own", cadence_days=60, tags=("close",))
    tagged = add(journal, "Tagged", tags=("close", "network"))
    none = add(journal, "None", tags=("friends",))
    assert summary(journal, own).cadence_days == 60
    assert summary(journal, tagged).cadence_days == 30
    assert summary(journal, none).cadence_days is None
    journal.update_settings(tag_cadence={"close": 14})
    assert summary(journal, tagged).cadence_days == 14


def test_one_mutual_coffee_is_not_depth(journal: Journal) -> None:
    ana, bo = add(journal, "Ana"), add(journal, "Bo")
    log(journal, "mutual", (ana,), days_ago=3)
    for days_ago, direction in ((5, "gave"), (40, "received"), (70, "gave")):
        log(journal, direction, (bo,), days_ago=days_ago)
    assert journal.highlights().quality.deep == 1
    assert summary(journal, bo).window_months == 3


def test_the_window_holds_the_last_365_days_and_ages_day_by_day(journal: Journal) -> None:
    ana = add(journal, "Ana")
    log(journal, "gave", (ana,), days_ago=365)  # one day too old
    log(journal, "gave", (ana,), days_ago=364)
    log(journal, "received", (ana,), days_ago=300)
    assert (summary(journal, ana).window_count, summary(journal, ana).gave_count) == (2, 1)
    journal._today = lambda: TODAY + timedelta(days=1)  # the day after, nothing written
    assert (summary(journal, ana).window_count, summary(journal, ana).gave_count) == (1, 0)
    assert journal.check_ledger() == []


def test_deleting_an_exchange_updates_everyone_it_named(journal: Journal) -> None:
    ana, bo = add(journal, "Ana"), add(journal, "Bo")
    both = log(journal, "gave", (ana, bo), days_ago=2)
    journal.delete_exchange(both)
    assert summary(journal, ana).gave_count == summary(journal, bo).gave_count == 0
    assert summary(journal, ana).last_exchange is None


def test_the_ledger_is_written_in_the_same_transaction_as_the_exchange(journal: Journal) -> None:
    ana = add(journal, "Ana")
    log(journal, "gave", (ana,), days_ago=1)
    with sqlite3.connect(journal.path) as raw:
        assert raw.execute("SELECT count(*) FROM ledger_dirty").fetchone() == (0,)
        row = raw.execute(
            "SELECT gave_count, last_exchange FROM contact_ledger WHERE contact_id = ?", (ana,)
        ).fetchone()
    assert row == (1, (TODAY - timedelta(days=1)).isoformat())


def test_the_triggers_at_head_are_the_ones_ledger_py_describes(journal: Journal) -> None:
    with journal.store.reader() as session:
        stored = dict(
            dbapi_connection(session)
            .execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
            .fetchall()
        )
    assert stored == dict(ledger.TRIGGERS)


def test_a_write_from_outside_netjournal_is_caught_by_the_triggers(journal: Journal) -> None:
    ana = add(journal, "Ana")
    with journal.store.writer() as session:
        dbapi_connection(session).execute(
            "UPDATE contact SET cadence_days = 7, touched_on = :day WHERE id = :id",
            {"day": (TODAY - timedelta(days=20)).isoformat(), "id": ana},
        )
    assert summary(journal, ana).due == "overdue"


# --- The property: any history of writes leaves the ledger equal to a recomputation ----------


@dataclass
class Clock:
    day: date = TODAY

    def __call__(self) -> date:
        return self.day


@pytest.fixture(scope="module")
def blank_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "journal.db"
    open_journal(path, today=lambda: TODAY).close()
    return path


@pytest.fixture
def fresh_journals(blank_journal: Path, tmp_path: Path) -> Iterator[object]:
    counter = iter(range(10_000))

    def make(clock: Clock) -> Journal:
        folder = tmp_path / f"j{next(counter)}"
        folder.mkdir()
        shutil.copy(blank_journal, folder / "journal.db")
        return open_journal(folder / "journal.db", today=clock)

    yield make


OPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "add", "log", "log", "log", "future", "edit", "delete", "undo", "touch", "snooze",
                "remove", "bring_back", "purge", "retag", "settings", "import", "days", "share",
            ]
        ),
        st.integers(0, 7),
        # Day offsets, with the edges of the rules' windows (30, 90, 365 days) often chosen.
        st.one_of(st.integers(0, 900), st.sampled_from([0, 1, 29, 30, 31, 89, 90, 91, 364, 365])),
        st.sampled_from(["gave", "received", "mutual"]),
        st.integers(1, 3),
    ),
    min_size=1,
    max_size=25,
)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(ops=OPS)
def test_any_history_of_writes_leaves_the_ledger_equal_to_a_recomputation(
    fresh_journals: object, ops: list[tuple[str, int, int, str, int]]
) -> None:
    clock = Clock()
    journal = fresh_journals(clock)  # type: ignore[operator]
    try:
        history = History(journal, clock)
        for op in ops:
            history.apply(*op)
            assert journal.check_ledger() == []
            assert_matches_the_reference(journal, clock.day)
    finally:
        journal.close()


class History:
    """Applies one random step through the service API, as the app and the shell would."""

    def __init__(self, journal: Journal, clock: Clock) -> None:
        self.journal, self.clock = journal, clock
        self.contacts: list[int] = []
        self.exchanges: list[int] = []
        self.deleted: list[object] = []
        self.add(3, 30, "gave", 1)

    def pick(self, n: int, among: list[int]) -> int | None:
        return among[n % len(among)] if among else None

    def apply(self, op: str, n: int, days: int, direction: str, weight: int) -> None:
        # Refused as a user would be (a deleted contact, a future date…): nothing changes.
        with contextlib.suppress(InputError):
            getattr(self, op)(n, days, direction, weight)

    def add(self, n: int, days: int, direction: str, weight: int) -> None:
        tags = (("close",), ("network",), (), ("close", "network"))[n % 4]
        added = self.clock.day - timedelta(days=days % 400)
        cadence = (None, 7, 30, None)[weight % 4]
        self.contacts.append(
            add(self.journal, f"P{len(self.contacts)}", tags=tags, cadence_days=cadence,
                added_on=added)
        )  # fmt: skip

    def log(self, n: int, days: int, direction: str, weight: int) -> None:
        first, second = self.pick(n, self.contacts), self.pick(n + weight, self.contacts)
        ids = tuple(dict.fromkeys(i for i in (first, second) if i is not None))
        if ids:
            draft = ExchangeDraft(
                direction,
                "something",
                ids,
                kind=("article", "meeting", "advice")[n % 3],
                occurred_on=self.clock.day - timedelta(days=days),
                weight=weight,
            )
            self.exchanges.append(self.journal.log_exchange(draft))

    def future(self, n: int, days: int, direction: str, weight: int) -> None:
        """An exchange dated ahead, as a machine whose clock ran fast would have written it."""
        contact = self.pick(n, self.contacts)
        if contact is None:
            return
        later = self.clock.day + timedelta(days=days % 60 + 1)
        with self.journal.store.writer() as session:
            raw = dbapi_connection(session)
            cursor = raw.execute(
                "INSERT INTO exchange (occurred_on, occurred_time, direction, kind, summary, "
                "notes, url, weight, created_at, updated_at) VALUES (:on, '', :dir, 'gift', "
                "'from the future', '', '', :w, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                {"on": later.isoformat(), "dir": direction, "w": weight},
            )
            raw.execute(
                "INSERT INTO exchange_contact VALUES (:e, :c, :on, :dir, :w)",
                {"e": cursor.lastrowid, "c": contact, "on": later.isoformat(), "dir": direction,
                 "w": weight},
            )  # fmt: skip

    def edit(self, n: int, days: int, direction: str, weight: int) -> None:
        exchange = self.pick(n, self.exchanges)
        if exchange is not None:
            record = self.journal.exchange(exchange)
            other = self.pick(n + 1, self.contacts)
            ids = (other,) if other is not None else tuple(c.id for c in record.contacts)
            self.journal.update_exchange(
                exchange,
                ExchangeDraft(
                    direction,
                    record.summary,
                    ids,
                    kind="feedback",
                    occurred_on=self.clock.day - timedelta(days=days),
                    weight=weight,
                ),
            )

    def delete(self, n: int, days: int, direction: str, weight: int) -> None:
        exchange = self.pick(n, self.exchanges)
        if exchange is not None:
            self.deleted.append(self.journal.delete_exchange(exchange))
            self.exchanges.remove(exchange)

    def undo(self, n: int, days: int, direction: str, weight: int) -> None:
        if self.deleted:
            record = self.deleted.pop()
            self.exchanges.append(self.journal.restore_exchange(record))  # type: ignore[arg-type]

    def touch(self, n: int, days: int, direction: str, weight: int) -> None:
        contact = self.pick(n, self.contacts)
        if contact is not None:
            self.journal.touch(contact, self.clock.day - timedelta(days=days % 200))

    def snooze(self, n: int, days: int, direction: str, weight: int) -> None:
        contact = self.pick(n, self.contacts)
        if contact is not None:
            self.journal.snooze(contact, (3, 7, 14, 30)[weight % 4])

    def remove(self, n: int, days: int, direction: str, weight: int) -> None:
        contact = self.pick(n, self.contacts)
        if contact is not None:
            self.journal.delete_contact(contact)

    def bring_back(self, n: int, days: int, direction: str, weight: int) -> None:
        contact = self.pick(n, self.contacts)
        if contact is not None:
            self.journal.undo_delete_contact(contact)

    def purge(self, n: int, days: int, direction: str, weight: int) -> None:
        self.journal.purge_deleted()

    def retag(self, n: int, days: int, direction: str, weight: int) -> None:
        contact = self.pick(n, self.contacts)
        if contact is not None:
            draft = self.journal.contact(contact).to_draft()
            tags = (("network",), (), ("close",))[n % 3]
            cadence = (None, 14, None)[weight % 3]
            self.journal.update_contact(
                contact, ContactDraft(draft.name, tags=tags, cadence_days=cadence)
            )

    def settings(self, n: int, days: int, direction: str, weight: int) -> None:
        self.journal.update_settings(
            reciprocity_window_days=(365, 90, 30)[weight % 3],
            half_life_days=(180, 30, 400)[n % 3],
            tag_cadence={"close": 30, "network": (90, 10)[n % 2]},
        )

    def import_(self, n: int, days: int, direction: str, weight: int) -> None:
        first = self.pick(n, self.contacts)
        exchanges = [
            ExchangeDraft(
                direction, "imported", (-1,), occurred_on=self.clock.day - timedelta(days)
            ),
        ]
        if first is not None:
            exchanges.append(
                ExchangeDraft("received", "imported too", (first, -1),
                              occurred_on=self.clock.day - timedelta(days=days // 2))
            )  # fmt: skip
        new = self.journal.import_records(
            [ContactDraft(f"Imported {len(self.contacts)}", tags=("close",))], exchanges=exchanges
        )
        self.contacts.extend(new)

    def days(self, n: int, days: int, direction: str, weight: int) -> None:
        """Time passes (or, after a clock correction, goes back a little)."""
        self.clock.day += timedelta(days=days % 400 if n else -(days % 30))

    def share(self, n: int, days: int, direction: str, weight: int) -> None:
        exchange, contact = self.pick(n, self.exchanges), self.pick(n + 2, self.contacts)
        if exchange is not None and contact is not None:
            self.journal.add_people_to_exchange(exchange, [contact])


setattr(History, "import", History.import_)


def assert_matches_the_reference(journal: Journal, today: date) -> None:
    rules = journal.settings()
    expected = reference(journal, today, rules)
    found = {s.id: s for s in journal.contact_summaries(include_archived=True)}
    assert set(found) == set(expected)
    for contact_id, want in expected.items():
        have = found[contact_id]
        assert (have.clock_start, have.cadence_days, have.due, have.days_since) == (
            want.clock, want.cadence, want.due, want.days_since
        ), contact_id  # fmt: skip
        assert (have.last_exchange, have.last_gave, have.last_kind) == (
            want.last_exchange, want.last_gave, want.last_kind
        )  # fmt: skip
        assert (have.window_count, have.gave_count, have.received_count, have.window_months) == (
            want.window_count, want.gave_count, want.received_count, want.window_months
        )  # fmt: skip
        assert have.given == pytest.approx(want.given, rel=1e-9, abs=1e-12)
        assert have.received == pytest.approx(want.received, rel=1e-9, abs=1e-12)
        assert have.lean == want.lean
    quality = journal.highlights().quality
    live = [w for w in expected.values() if not w.archived]
    active_since = today - timedelta(days=rules.active_days)
    assert (quality.total, quality.active, quality.deep) == (
        len(live),
        sum(1 for w in live if w.last_exchange and w.last_exchange > active_since),
        sum(1 for w in live if w.deep),
    )


@dataclass
class Expected:
    clock: date
    cadence: int | None
    due: str
    days_since: int
    last_exchange: date | None
    last_gave: date | None
    last_kind: str
    window_count: int
    gave_count: int
    received_count: int
    window_months: int
    given: float
    received: float
    lean: str | None
    deep: bool
    archived: bool


def reference(journal: Journal, today: date, rules: Settings) -> dict[int, Expected]:
    with journal.store.reader() as session:
        raw = dbapi_connection(session)
        contacts = raw.execute(
            "SELECT id, cadence_days, touched_on, substr(created_at, 1, 10), snoozed_until, "
            "archived FROM contact WHERE deleted_at IS NULL"
        ).fetchall()
        links = raw.execute(
            "SELECT x.contact_id, x.occurred_on, x.direction, x.weight, x.exchange_id, e.kind "
            "FROM exchange_contact x JOIN exchange e ON e.id = x.exchange_id"
        ).fetchall()
        tags = raw.execute(
            "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        ).fetchall()
    day = date.fromisoformat
    start = today - timedelta(days=rules.reciprocity_window_days)
    expected = {}
    for cid, own, touched, added, snoozed, archived in contacts:
        mine = [(day(on), d, w, eid, kind) for c, on, d, w, eid, kind in links if c == cid]
        last = max(mine, key=lambda x: (x[0], x[3]), default=None)
        last_exchange = last[0] if last else None
        gave_days = [on for on, d, *_ in mine if d != "received"]
        known = [x for x in (last_exchange, day(touched) if touched else None) if x]
        clock = max(known) if known else day(added)
        cadence = rules.cadence_for(own, tuple(sorted(t for c, t in tags if c == cid)))
        days_since = max(0, (today - clock).days)
        due = insights.due_state(days_since, cadence, rules)
        if due in ("due", "overdue") and snoozed and day(snoozed) > today:
            due = "snoozed"
        window = [(on, d, w) for on, d, w, *_ in mine if on > start]
        decay = [w * 0.5 ** ((today - on).days / rules.half_life_days) for on, _d, w in window]
        given = sum(v for v, (_on, d, _w) in zip(decay, window, strict=True) if d != "received")
        received = sum(v for v, (_on, d, _w) in zip(decay, window, strict=True) if d != "gave")
        gave_n = sum(1 for _on, d, _w in window if d != "received")
        received_n = sum(1 for _on, d, _w in window if d != "gave")
        months = len({(on.year, on.month) for on, _d, _w in window})
        b = insights.balance(given, received)
        expected[cid] = Expected(
            clock=clock,
            cadence=cadence,
            due=due,
            days_since=days_since,
            last_exchange=last_exchange,
            last_gave=max(gave_days, default=None),
            last_kind=last[4] if last else "",
            window_count=len(window),
            gave_count=gave_n,
            received_count=received_n,
            window_months=months,
            given=given,
            received=received,
            lean=insights.lean_of(b, len(window), rules),
            deep=gave_n > 0 and received_n > 0 and len(window) >= 3 and months >= 2,
            archived=bool(archived),
        )
    return expected
