"""The service API against a real journal file: writes, reads, highlights, undo."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from netjournal.core.errors import InputError
from netjournal.core.journal import Journal, open_journal
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    ExchangeDraft,
    LogFilter,
    ReflectionDraft,
)
from tests.conftest import TODAY


def add(journal: Journal, name: str, **kw: object) -> int:
    kw.setdefault("added_on", TODAY - timedelta(days=400))
    return journal.add_contact(ContactDraft(name=name, **kw))  # type: ignore[arg-type]


def log(
    journal: Journal, direction: str, ids: tuple[int, ...], days_ago: int = 0, **kw: object
) -> int:
    return journal.log_exchange(
        ExchangeDraft(
            direction=direction,
            summary=kw.pop("summary", f"{direction} something"),  # type: ignore[arg-type]
            contact_ids=ids,
            occurred_on=TODAY - timedelta(days=days_ago),
            **kw,  # type: ignore[arg-type]
        )
    )


def test_contact_round_trip_with_tags_and_channels(journal: Journal) -> None:
    cid = add(
        journal,
        "  Ana\x1b]0;pwned\x07 Lima ",
        company="Acme",
        tags=("SEO", "#design", "seo"),
        channels=(ChannelDraft("LinkedIn", "linkedin.com/in/ana", i_follow=True),),
        birthday_month=2,
        birthday_day=29,
    )
    record = journal.contact(cid)
    assert record.name == "Ana]0;pwned Lima"
    assert "\x1b" not in record.name
    assert record.tags == ("design", "seo")
    assert record.channels[0].platform == "linkedin"
    assert record.channels[0].i_follow and not record.channels[0].they_follow
    journal.update_contact(cid, ContactDraft(name="Ana Lima", tags=("close",)))
    updated = journal.contact(cid)
    assert updated.tags == ("close",)
    assert updated.channels == record.channels  # None channels leaves them alone
    assert updated.company == ""


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (ContactDraft(name="   "), "name can't be empty"),
        (ContactDraft(name="X", email="nope"), "doesn't look like an email"),
        (ContactDraft(name="X", cadence_days=-3), "cadence"),
        (ContactDraft(name="X", birthday_month=2, birthday_day=30), "February has no day 30"),
        (ContactDraft(name="X", channels=(ChannelDraft("myspace", "x"),)), "not a platform"),
    ],
)
def test_bad_contact_input_is_refused_before_writing(
    journal: Journal, draft: ContactDraft, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        journal.add_contact(draft)
    assert journal.contact_refs() == []


def test_exchange_validation(journal: Journal) -> None:
    cid = add(journal, "Ana")
    with pytest.raises(InputError, match="today or earlier"):
        journal.log_exchange(
            ExchangeDraft("gave", "x", (cid,), occurred_on=TODAY + timedelta(days=1))
        )
    with pytest.raises(InputError, match="weight"):
        journal.log_exchange(ExchangeDraft("gave", "x", (cid,), weight=4))
    with pytest.raises(InputError, match="direction"):
        journal.log_exchange(ExchangeDraft("took", "x", (cid,)))
    with pytest.raises(InputError, match="no longer exists"):
        journal.log_exchange(ExchangeDraft("gave", "x", (cid + 99,)))
    with pytest.raises(InputError, match="at least one contact"):
        journal.log_exchange(ExchangeDraft("gave", "x", ()))
    assert journal.exchanges() == []


def test_introduction_counts_as_given_to_both(journal: Journal) -> None:
    ana, bruno = add(journal, "Ana Lima"), add(journal, "Bruno Costa")
    eid = log(journal, "gave", (ana, bruno), kind="intro", summary="Introduced Ana and Bruno")
    summaries = {s.name: s for s in journal.contact_summaries()}
    for name in ("Ana Lima", "Bruno Costa"):
        assert summaries[name].gave_count == 1
        assert summaries[name].given == pytest.approx(1.0)
        assert summaries[name].last_exchange == TODAY
    record = journal.exchange(eid)
    assert record.kind == "introduction"
    assert [c.name for c in record.contacts] == ["Ana Lima", "Bruno Costa"]
    assert [t.exchange.id for t in journal.timeline(ana) if t.exchange] == [eid]
    assert [t.exchange.id for t in journal.timeline(bruno) if t.exchange] == [eid]


def test_decay_and_mutual_in_the_balance(journal: Journal) -> None:
    cid = add(journal, "Dana")
    log(journal, "gave", (cid,), days_ago=180, weight=2)  # half-life: counts as 1.0
    log(journal, "mutual", (cid,), days_ago=0)  # 1.0 each side
    log(journal, "received", (cid,), days_ago=365)  # outside the 365-day window
    s = journal.contact_summaries()[0]
    assert s.given == pytest.approx(2.0)
    assert s.received == pytest.approx(1.0)
    assert s.window_count == 2
    assert s.balance == pytest.approx(1 / 3)


def test_highlights_reconnect_and_one_sided(journal: Journal) -> None:
    journal.update_settings(tag_cadence={"close": 30})
    overdue = add(journal, "Bruno", cadence_days=7)
    due = add(journal, "Ana", tags=("close",))
    giver = add(journal, "Dana")
    taker = add(journal, "Sam")
    log(journal, "gave", (overdue,), days_ago=20)
    log(journal, "received", (due,), days_ago=31)
    for days in (5, 10, 15):
        log(journal, "gave", (giver,), days_ago=days)
    for days in (3, 6, 9, 12):
        log(journal, "received", (taker,), days_ago=days)
    h = journal.highlights()
    assert [s.name for s in h.reconnect] == ["Bruno", "Ana"]
    assert h.reconnect[0].due == "overdue" and h.reconnect[1].due == "due"
    assert [s.name for s in h.you_give] == ["Dana"]
    assert [s.name for s in h.you_receive] == ["Sam"]
    assert h.quality.total == 4
    assert h.quality.active == 4  # everyone has an exchange within 90 days
    # Logging with Bruno takes him off Reconnect at once.
    log(journal, "mutual", (overdue,))
    assert [s.name for s in journal.highlights().reconnect] == ["Ana"]


def test_touch_and_snooze(journal: Journal) -> None:
    cid = add(journal, "Rui", cadence_days=10)
    log(journal, "gave", (cid,), days_ago=30)
    assert [s.name for s in journal.highlights().reconnect] == ["Rui"]
    journal.snooze(cid, 7)
    assert journal.highlights().reconnect == ()
    assert journal.contact(cid).snoozed_until == TODAY + timedelta(days=7)
    journal.touch(cid)
    summary = journal.contact_summaries()[0]
    assert summary.clock_start == TODAY
    assert summary.due == "ok"


def test_delete_contact_hides_everywhere_and_undo_brings_back(journal: Journal) -> None:
    ana, bruno = add(journal, "Ana"), add(journal, "Bruno")
    log(journal, "gave", (ana,), summary="only Ana")
    log(journal, "gave", (ana, bruno), summary="both")
    journal.delete_contact(ana)
    assert [r.name for r in journal.contact_refs()] == ["Bruno"]
    assert [e.summary for e in journal.exchanges()] == ["both"]
    assert [c.name for c in journal.exchanges()[0].contacts] == ["Bruno"]
    with pytest.raises(InputError):
        journal.contact(ana)
    journal.undo_delete_contact(ana)
    assert [r.name for r in journal.contact_refs()] == ["Ana", "Bruno"]
    assert len(journal.exchanges()) == 2


def test_delete_exchange_and_restore_keeps_id(journal: Journal) -> None:
    cid = add(journal, "Ana")
    eid = log(journal, "gave", (cid,), tags=("seo",), url="https://example.org")
    record = journal.delete_exchange(eid)
    assert journal.exchanges() == []
    assert journal.restore_exchange(record) == eid
    assert journal.exchange(eid) == record


def test_log_filters(journal: Journal) -> None:
    ana, bruno = add(journal, "Ana"), add(journal, "Bruno")
    log(journal, "gave", (ana,), days_ago=1, kind="article", tags=("seo",), summary="SEO 100%")
    log(journal, "received", (bruno,), days_ago=5, kind="advice", summary="pricing tips")
    log(journal, "mutual", (ana, bruno), days_ago=40, kind="meeting", summary="coffee")
    summaries = lambda f: [e.summary for e in journal.exchanges(f)]  # noqa: E731
    assert summaries(LogFilter()) == ["SEO 100%", "pricing tips", "coffee"]
    assert summaries(LogFilter(direction="received")) == ["pricing tips"]
    assert summaries(LogFilter(kind="meeting")) == ["coffee"]
    assert summaries(LogFilter(contact_id=ana)) == ["SEO 100%", "coffee"]
    assert summaries(LogFilter(tag="seo")) == ["SEO 100%"]
    assert summaries(LogFilter(since=TODAY - timedelta(days=10))) == ["SEO 100%", "pricing tips"]
    assert summaries(LogFilter(until=TODAY - timedelta(days=10))) == ["coffee"]
    assert summaries(LogFilter(text="100%")) == ["SEO 100%"]
    assert summaries(LogFilter(text="_")) == []


def test_reflections_linked_to_contacts(journal: Journal) -> None:
    ana, bruno = add(journal, "Ana"), add(journal, "Bruno")
    rid = journal.add_reflection(
        ReflectionDraft(body="# Why\nThey matter.", title="Two people", contact_ids=(ana, bruno))
    )
    record = journal.reflection(rid)
    assert [c.name for c in record.contacts] == ["Ana", "Bruno"]
    assert record.written_on == TODAY
    timeline = journal.timeline(bruno)
    assert [t.reflection.id for t in timeline if t.reflection] == [rid]
    with pytest.raises(InputError, match="can't be empty"):
        journal.add_reflection(ReflectionDraft(body="  \n "))


def test_resolve_contact_by_prefix_and_ambiguity(journal: Journal) -> None:
    add(journal, "Ana Lima")
    add(journal, "Ana Souza")
    add(journal, "Bruno Costa")
    assert journal.resolve_contact("bruno").name == "Bruno Costa"
    assert journal.resolve_contact("ana lima").name == "Ana Lima"
    assert journal.resolve_contact("ANA SOUZA").name == "Ana Souza"
    with pytest.raises(InputError) as error:
        journal.resolve_contact("ana")
    assert "Ana Lima" in error.value.message and "Ana Souza" in error.value.message
    with pytest.raises(InputError, match="No contact matches"):
        journal.resolve_contact("zed")


def test_resolve_contact_answers_as_the_full_ranking_would(journal: Journal) -> None:
    """The quick path (one name starts with what was typed) never changes the answer."""
    for name in ("Ana Lima", "Ana Lima", "Anabel Rocha", "Bo Ström", "Björn Berg", "Zoë Li"):
        add(journal, name)
    gone = journal.resolve_contact("zoe")
    journal.delete_contact(gone.id)
    assert journal.resolve_contact("bo").name == "Bo Ström"
    assert journal.resolve_contact("BJÖ").name == "Björn Berg"
    assert journal.resolve_contact("anab").name == "Anabel Rocha"
    assert journal.resolve_contact("strom").name == "Bo Ström"  # not a prefix: ranked
    with pytest.raises(InputError, match="matches 2 contacts"):
        journal.resolve_contact("ana lima")  # two people share the name
    with pytest.raises(InputError, match="No contact matches"):
        journal.resolve_contact("zoe")  # deleted
    for fragment in ("bo", "bjö", "anab", "b"):
        try:
            expected = journal.match_contacts(fragment)
        except InputError:
            continue
        strong = [m for m in expected if m.name.casefold().startswith(fragment.casefold())]
        if len(strong) == 1:
            assert journal.resolve_contact(fragment) == strong[0]


def test_settings_persist_and_validate(journal: Journal) -> None:
    journal.update_settings(reciprocity_window_days=90, tag_cadence={"close": 14})
    journal._settings = None  # read back from the file
    assert journal.settings().reciprocity_window_days == 90
    assert journal.settings().tag_cadence == {"close": 14}
    with pytest.raises(InputError):
        journal.update_settings(half_life_days=0)
    with pytest.raises(InputError, match="Unknown setting"):
        journal.update_settings(colour="red")


def test_purge_removes_old_deletions_and_orphans(journal: Journal) -> None:
    from sqlalchemy import update

    from netjournal.core.models import Contact

    ana = add(journal, "Ana")
    log(journal, "gave", (ana,))
    journal.delete_contact(ana)
    assert journal.purge_deleted() == 0
    with journal.store.writer() as session:
        session.execute(update(Contact).values(deleted_at=journal.now() - timedelta(days=31)))
    assert journal.purge_deleted() == 1
    with journal.store.reader() as session:
        from sqlalchemy import text

        assert session.execute(text("SELECT count(*) FROM exchange")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM contact")).scalar() == 0


def test_the_same_handle_twice_on_one_platform_is_kept_once(journal: Journal) -> None:
    """Found by the JSON round trip: two rows for one profile made every re-import an update."""
    ana = journal.add_contact(
        ContactDraft(
            "Ana",
            channels=(
                ChannelDraft("linkedin", "ana", they_follow=True, connected_on=TODAY),
                ChannelDraft("LinkedIn", "ANA", i_follow=True),
                ChannelDraft("linkedin", "ana", connected_on=TODAY - timedelta(days=9)),
                ChannelDraft("mastodon", "ana"),
            ),
        )
    )
    linkedin, mastodon = journal.contact(ana).channels
    assert (linkedin.platform, linkedin.handle) == ("linkedin", "ana")
    assert (linkedin.i_follow, linkedin.they_follow) == (True, True)
    assert linkedin.connected_on == TODAY - timedelta(days=9)
    assert mastodon.platform == "mastodon"


def test_summaries_are_never_stale(journal: Journal, journal_path: Path) -> None:
    """Every write, this program's or another's, and the passing of midnight show at once."""
    ana = add(journal, "Ana", cadence_days=30)
    first = journal.contact_summaries()
    first.clear()  # a caller's list is its own
    assert [s.name for s in journal.contact_summaries()] == ["Ana"]

    log(journal, "gave", (ana,), days_ago=1)
    assert journal.contact_summaries()[0].gave_count == 1
    with open_journal(journal_path, today=lambda: TODAY) as elsewhere:
        log(elsewhere, "received", (ana,), days_ago=2)
    assert journal.contact_summaries()[0].received_count == 1
    journal.update_settings(reciprocity_window_days=30)
    assert journal.highlights().quality.total == 1
    journal.set_archived(ana)
    assert journal.contact_summaries() == []

    journal._today = lambda: TODAY + timedelta(days=1)  # midnight passes
    assert journal.contact_summaries(include_archived=True)[0].days_since == 2


def test_summaries_after_a_restore_are_the_restored_ones(journal: Journal, tmp_path: Path) -> None:
    from netjournal.core.storage.snapshot import vacuum_into_verified

    add(journal, "Ana")
    copy = vacuum_into_verified(journal.path, tmp_path / "copy.db")
    add(journal, "Bo")
    assert [s.name for s in journal.contact_summaries()] == ["Ana", "Bo"]
    journal.restore_from(copy)
    assert [s.name for s in journal.contact_summaries()] == ["Ana"]
