"""The goal of the importers, measured on files as phones, mail programs and address books write
them (tests/io/data, expected.json): at least 95 % of named cards arrive with the right name, no
card is lost to one bad property, and Google's and Outlook's CSVs keep the e-mails and phones of
at least 90 % of their rows. Every file imports through the shell without a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from netjournal.cli import cli
from netjournal.core.records import ContactDraft
from netjournal.io.importing import plan_import
from tests.conftest import TODAY

DATA = Path(__file__).parent / "data"
EXPECTED: dict[str, Any] = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
NAMED_GOAL = 0.95
KEPT_GOAL = 0.90


def _created(name: str) -> list[ContactDraft]:
    plan = plan_import(DATA / name, today=TODAY)
    assert not plan.skipped, f"{name}: {plan.skipped}"
    return [c.draft for c in plan.creates]


def test_named_cards_arrive_with_the_right_name_and_none_is_lost() -> None:
    named = right = 0
    for name, expected in EXPECTED["vcard"].items():
        drafts = _created(name)
        names = [d.name for d in drafts]
        named += len(expected["named"])
        right += sum(1 for n in expected["named"] if n in names)
        # A card without any name still arrives, under its e-mail or phone.
        assert len(drafts) == len(expected["named"]) + expected["unnamed"], (name, names)
    share = right / named
    print(f"named cards with the right name: {right} of {named} ({share:.0%})")
    assert named >= 25
    assert share >= NAMED_GOAL


def _kept(draft: ContactDraft, row: dict[str, Any]) -> bool:
    emails = {draft.email} | {c.handle for c in draft.channels or () if c.platform == "email"}
    phones_text = f"{draft.phone}\n{draft.notes}"
    return set(row["emails"]) <= emails and all(p in phones_text for p in row["phones"])


@pytest.mark.parametrize("family", ["google", "outlook"])
def test_google_and_outlook_csvs_keep_the_emails_and_phones_of_their_rows(family: str) -> None:
    rows = kept = 0
    for name, expected in EXPECTED["csv"].items():
        if not name.startswith(family):
            continue
        by_name = {d.name: d for d in _created(name)}
        for row in expected:
            rows += 1
            kept += row["name"] in by_name and _kept(by_name[row["name"]], row)
    share = kept / rows
    print(f"{family} rows keeping every e-mail and phone: {kept} of {rows} ({share:.0%})")
    assert rows >= 6
    assert share >= KEPT_GOAL


def test_every_address_book_csv_keeps_its_names() -> None:
    for name, expected in EXPECTED["csv"].items():
        assert sorted(d.name for d in _created(name)) == sorted(r["name"] for r in expected)


def test_every_file_imports_through_the_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY.isoformat())
    journal = tmp_path / "journal.db"
    files = sorted(p for p in DATA.iterdir() if p.suffix in (".vcf", ".csv"))
    assert len(files) == len(EXPECTED["vcard"]) + len(EXPECTED["csv"])
    for path in files:
        result = CliRunner().invoke(cli, ["--db", str(journal), "import", str(path)])
        assert result.exit_code == 0, (path.name, result.output, result.exception)
        assert "Traceback" not in result.output
        assert result.stdout.startswith(f"Imported {path}")
