"""One declaration per record: the tables, drafts, records and checks follow `records.*Fields`."""

from __future__ import annotations

from dataclasses import fields

from netjournal.core import models
from netjournal.core.records import (
    ContactDraft,
    ContactFields,
    ContactRecord,
    ExchangeDraft,
    ExchangeFields,
    ExchangeRecord,
    columns,
    texts,
)

# Columns the declaration leaves out on purpose: keys, bookkeeping, and what only the service
# layer sets (the matching key, archive and reconnect marks, the date an exchange happened).
CONTACT_OWN = {"id", "name_key", "archived", "touched_on", "snoozed_until", "deleted_at",
               "created_at", "updated_at"}  # fmt: skip
EXCHANGE_OWN = {"id", "occurred_on", "created_at", "updated_at"}


def table_columns(model: type[object]) -> set[str]:
    return {column.name for column in model.__table__.columns}  # type: ignore[attr-defined]


def test_every_declared_column_is_a_column_of_the_table_and_no_other_is_missing() -> None:
    assert set(columns(ContactFields)) == table_columns(models.Contact) - CONTACT_OWN
    assert set(columns(ExchangeFields)) == table_columns(models.Exchange) - EXCHANGE_OWN


def test_drafts_and_records_inherit_the_declared_columns() -> None:
    for declaration, kinds in (
        (ContactFields, (ContactDraft, ContactRecord)),
        (ExchangeFields, (ExchangeDraft, ExchangeRecord)),
    ):
        for kind in kinds:
            assert issubclass(kind, declaration)
            assert set(columns(declaration)) <= {f.name for f in fields(kind)}


def test_every_free_text_has_a_limit_and_a_name_for_sentences() -> None:
    for declaration in (ContactFields, ExchangeFields):
        for name, spec in texts(declaration):
            assert spec.limit > 0 and spec.what, name
    assert dict(texts(ExchangeFields))["summary"].required
