"""netjournal's JSON: complete and versioned; export → import into an empty journal is identity."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Hashable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    DateDraft,
    ExchangeDraft,
    ReflectionDraft,
)
from netjournal.core.text import clean_line
from netjournal.core.vocab import DIRECTIONS, KINDS, PLATFORMS
from netjournal.io.importing import plan_import
from netjournal.io.json_format import export_document, export_json
from tests.conftest import TODAY
from tests.io.conftest import run_import, write

# Any text, control characters and all: the journal cleans it on the way in, and what was
# stored must come back exactly.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
LINE = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).filter(clean_line)
DAY = st.dates(min_value=date(1990, 1, 1), max_value=TODAY)
TAGS = st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True), max_size=3)
EMAIL = st.one_of(
    st.just(""), st.from_regex(r"[a-z0-9.]{1,8}@[a-z]{1,6}\.[a-z]{2,3}", fullmatch=True)
)


@st.composite
def remembered(draw: st.DrawFn) -> DateDraft:
    day = draw(DAY)
    return DateDraft(draw(LINE), day.month, day.day, day.year if draw(st.booleans()) else None)


@st.composite
def contacts(draw: st.DrawFn) -> tuple[ContactDraft, dict[str, object]]:
    birthday = draw(st.one_of(st.none(), DAY))
    with_year = draw(st.booleans())
    draft = ContactDraft(
        name=draw(LINE),
        nickname=draw(TEXT),
        company=draw(TEXT),
        role=draw(TEXT),
        location=draw(TEXT),
        how_met=draw(TEXT),
        email=draw(EMAIL),
        phone=draw(TEXT),
        website=draw(TEXT),
        birthday_month=birthday.month if birthday else None,
        birthday_day=birthday.day if birthday else None,
        birthday_year=birthday.year if birthday and with_year else None,
        cadence_days=draw(st.one_of(st.none(), st.integers(1, 3650))),
        notes=draw(st.text(max_size=60)),
        tags=tuple(draw(TAGS)),
        channels=tuple(
            draw(
                st.lists(
                    st.builds(
                        ChannelDraft,
                        platform=st.sampled_from(PLATFORMS),
                        handle=LINE,
                        i_follow=st.booleans(),
                        they_follow=st.booleans(),
                        connected_on=st.one_of(st.none(), DAY),
                    ),
                    max_size=3,
                )
            )
        ),
        dates=tuple(draw(st.lists(remembered(), max_size=2))),
        added_on=draw(DAY),
    )
    marks = {
        "archived": draw(st.booleans()),
        "touched": draw(st.one_of(st.none(), DAY)),
        "snooze": draw(st.one_of(st.none(), st.integers(1, 30))),
        "deleted": draw(st.integers(0, 9)) == 0,
    }
    return draft, marks


EXCHANGES = st.lists(
    st.fixed_dictionaries(
        {
            "direction": st.sampled_from(DIRECTIONS),
            "kind": st.sampled_from(KINDS),
            "summary": LINE,
            "notes": st.text(max_size=40),
            "url": TEXT,
            "weight": st.integers(1, 3),
            "tags": TAGS,
            "occurred_on": DAY,
            "occurred_time": st.one_of(
                st.just(""), st.from_regex(r"(1[0-9]|2[0-3]):[0-5][0-9]", fullmatch=True)
            ),
            "who": st.lists(st.integers(0, 9), min_size=1, max_size=3),
        }
    ),
    max_size=6,
)
REFLECTIONS = st.lists(
    st.fixed_dictionaries(
        {
            "body": LINE,
            "title": TEXT,
            "prompt": TEXT,
            "written_on": DAY,
            "tags": TAGS,
            "who": st.lists(st.integers(0, 9), max_size=2),
        }
    ),
    max_size=3,
)
SETTINGS = st.fixed_dictionaries(
    {},
    optional={
        "tag_cadence": st.dictionaries(
            st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.integers(1, 400), max_size=3
        ),
        "backups_keep": st.integers(1, 40),
        "upcoming_days": st.integers(0, 365),
        "half_life_days": st.integers(1, 400),
        "one_sided_threshold": st.floats(0.1, 1.0),
    },
)


def fill(
    journal: Journal,
    people: list[tuple[ContactDraft, dict[str, object]]],
    exchanges: list[dict[str, object]],
    reflections: list[dict[str, object]],
    changes: dict[str, object],
) -> None:
    ids = []
    for draft, marks in people:
        contact_id = journal.add_contact(draft)
        if isinstance(marks["touched"], date):
            journal.touch(contact_id, marks["touched"])
        if isinstance(marks["snooze"], int):
            journal.snooze(contact_id, marks["snooze"])
        if marks["archived"]:
            journal.set_archived(contact_id)
        ids.append(contact_id)
    if ids:
        for entry in exchanges:
            who = tuple(ids[i % len(ids)] for i in entry["who"])  # type: ignore[attr-defined]
            fields = {k: v for k, v in entry.items() if k != "who"}
            journal.log_exchange(ExchangeDraft(contact_ids=who, **fields))  # type: ignore[arg-type]
        for entry in reflections:
            who = tuple(ids[i % len(ids)] for i in entry["who"])  # type: ignore[attr-defined]
            fields = {k: v for k, v in entry.items() if k != "who"}
            journal.add_reflection(ReflectionDraft(contact_ids=who, **fields))  # type: ignore[arg-type]
    for (_, marks), contact_id in zip(people, ids, strict=True):
        if marks["deleted"]:
            journal.delete_contact(contact_id)
    if changes:
        journal.update_settings(**changes)


def content(journal: Journal) -> tuple[Counter[Hashable], ...]:
    """Everything the API reads back, with ids replaced by what they point at."""
    people = {
        c.id: (
            c.name, c.nickname, c.company, c.role, c.location, c.how_met, c.email, c.phone,
            c.website, c.birthday_month, c.birthday_day, c.birthday_year, c.cadence_days,
            c.notes, c.archived, c.touched_on, c.snoozed_until, c.added_on, c.tags,
            tuple(
                (h.platform, h.handle, h.i_follow, h.they_follow, h.connected_on)
                for h in c.channels
            ),
            tuple((d.label, d.month, d.day, d.year) for d in c.dates),
        )
        for c in journal.all_contacts()
    }  # fmt: skip

    def who(refs: tuple[object, ...]) -> tuple[object, ...]:
        return tuple(sorted((people[r.id] for r in refs), key=repr))  # type: ignore[attr-defined]

    exchanges = Counter(
        (e.occurred_on, e.occurred_time, e.direction, e.kind, e.summary, e.notes, e.url,
         e.weight, e.tags, who(e.contacts))
        for e in journal.exchanges(limit=None)
    )  # fmt: skip
    reflections = Counter(
        (r.written_on, r.title, r.body, r.prompt, r.tags, who(r.contacts))
        for r in journal.reflections()
    )
    return Counter(people.values()), exchanges, reflections, Counter([repr(journal.settings())])


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new journal made once; each example copies it instead of building the schema again."""
    path = tmp_path_factory.mktemp("template") / "journal.db"
    open_journal(path, today=lambda: TODAY).close()
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(contacts(), max_size=6),
    exchanges=EXCHANGES,
    reflections=REFLECTIONS,
    changes=SETTINGS,
)
def test_export_then_import_into_an_empty_journal_is_identity(
    empty_journal: Path,
    people: list[tuple[ContactDraft, dict[str, object]]],
    exchanges: list[dict[str, object]],
    reflections: list[dict[str, object]],
    changes: dict[str, object],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source_path, copy_path = Path(folder) / "a.db", Path(folder) / "b.db"
        shutil.copyfile(empty_journal, source_path)
        shutil.copyfile(empty_journal, copy_path)
        with open_journal(source_path, today=lambda: TODAY) as source:
            fill(source, people, exchanges, reflections, changes)
            expected = content(source)
            exported = write(Path(folder) / "export.json", export_json(source))
        with open_journal(copy_path, today=lambda: TODAY) as copy:
            plan, _ = run_import(copy, exported, settings=True)
            assert not plan.skipped, plan.skipped
            assert content(copy) == expected
            again = plan_import(exported, copy)
            assert again.nothing_to_do


def test_the_document_is_versioned(journal: Journal) -> None:
    journal.add_contact(ContactDraft("Ana"))
    document = export_document(journal)
    assert (document["format"], document["version"]) == ("netjournal", 1)
    assert set(document) >= {"settings", "contacts", "exchanges", "reflections", "exported_at"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "netjournal", "version": 1, "contacts": [', r"isn't valid JSON \(line 1"),
        ('{"name": "Ana"}', "not a netjournal export"),
        ("[1, 2]", "not a netjournal export"),
        ('{"format": "netjournal", "version": 2}', "newer netjournal"),
        ('{"format": "netjournal"}', "no format version"),
    ],
)
def test_foreign_broken_and_newer_files_are_refused(
    journal: Journal, tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        plan_import(write(tmp_path / "x.json", text), journal)


def test_bad_entries_are_skipped_with_their_place(journal: Journal, tmp_path: Path) -> None:
    document = {
        "format": "netjournal",
        "version": 1,
        "contacts": [
            {"id": 1, "name": "Ana"},
            {"id": 2, "name": 7},
            "not an object",
            {"id": 4, "name": "Future", "added_on": (TODAY + timedelta(days=3)).isoformat()},
            {"id": 5, "name": "Bad date", "touched_on": "yesterday"},
        ],
        "exchanges": [
            {
                "id": 1,
                "occurred_on": "2026-01-01",
                "direction": "gave",
                "summary": "Hi",
                "contacts": [1],
            },
            {
                "id": 2,
                "occurred_on": "2026-01-01",
                "direction": "gave",
                "summary": "Hi",
                "contacts": [2],
            },
            {
                "id": 3,
                "occurred_on": "2026-01-01",
                "direction": "sideways",
                "summary": "x",
                "contacts": [1],
            },
        ],
        "settings": {"backups_keep": 0},
    }
    plan, result = run_import(journal, write(tmp_path / "x.json", json.dumps(document)))
    assert (result.created, result.exchanges) == (1, 1)
    reasons = {str(s.origin): s.reason for s in plan.skipped}
    assert "should be text" in reasons["x.json, contact #2 (id 2)"]
    assert "not an object" in reasons["x.json, contact #3"]
    assert "future" in reasons["x.json, contact #4 (id 4)"]
    assert "should be a date" in reasons["x.json, contact #5 (id 5)"]
    assert "contact 2" in reasons["x.json, exchange #2 (id 2)"]
    assert "not a direction" in reasons["x.json, exchange #3 (id 3)"]
    assert "settings" not in reasons  # not asked for, so not even checked
    assert journal.settings().backups_keep == 10
    taking = plan_import(tmp_path / "x.json", journal, settings=True)
    assert "backups_keep" in {str(s.origin): s.reason for s in taking.skipped}["settings"]
    assert not taking.settings


def test_settings_are_taken_only_when_asked(journal: Journal, tmp_path: Path) -> None:
    journal.update_settings(backups_keep=3)
    document = {
        "format": "netjournal",
        "version": 1,
        "settings": {"backups_keep": 5, "half_life_days": 90, "from_the_future": 1},
    }
    source = write(tmp_path / "x.json", json.dumps(document))
    plan, _ = run_import(journal, source)
    assert plan.nothing_to_do and not plan.settings
    assert [(c.name, c.before, c.after) for c in plan.settings_left_out] == [
        ("backups_keep", 3, 5),
        ("half_life_days", 180, 90),
    ]
    assert (journal.settings().backups_keep, journal.settings().half_life_days) == (3, 180)
    # Asked for, every setting the file changes is taken, a chosen one too.
    plan, _ = run_import(journal, source, settings=True)
    assert [c.name for c in plan.settings] == ["backups_keep", "half_life_days"]
    assert (journal.settings().backups_keep, journal.settings().half_life_days) == (5, 90)
    assert plan_import(source, journal, settings=True).nothing_to_do


def test_a_file_from_before_notes_keeps_its_details_as_the_notes(
    journal: Journal, tmp_path: Path
) -> None:
    def exchange(number: int, **texts: str) -> dict[str, object]:
        return {"id": number, "occurred_on": f"2026-01-0{number}", "direction": "gave",
                "summary": f"Sent #{number}", "contacts": [1], **texts}  # fmt: skip

    document = {
        "format": "netjournal",
        "version": 1,
        "contacts": [{"id": 1, "name": "Ana"}],
        "exchanges": [
            exchange(1, details="Over coffee"),
            exchange(2, details="Over coffee", notes="Send the slides"),
            exchange(3, notes="Only notes"),
        ],
    }
    _plan, result = run_import(journal, write(tmp_path / "old.json", json.dumps(document)))
    assert result.exchanges == 3
    notes = {e.summary: e.notes for e in journal.exchanges(limit=None)}
    assert notes == {
        "Sent #1": "Over coffee",
        "Sent #2": "Over coffee\n\nSend the slides",
        "Sent #3": "Only notes",
    }
