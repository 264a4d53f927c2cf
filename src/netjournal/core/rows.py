"""Cleaned drafts as the column values of their table rows, for single and bulk writes.

The columns are those `records.ContactFields` and `records.ExchangeFields` declare, so a field
added there is written everywhere without a change here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netjournal.core.records import (
    ContactDraft,
    ContactFields,
    ExchangeDraft,
    ExchangeFields,
    columns,
)
from netjournal.core.text import normalise_name

CONTACT_COLUMNS = columns(ContactFields)
EXCHANGE_COLUMNS = columns(ExchangeFields)


def contact_fields(clean: ContactDraft) -> dict[str, Any]:
    fields = {name: getattr(clean, name) for name in CONTACT_COLUMNS}
    fields["name_key"] = normalise_name(clean.name)
    return fields


def exchange_fields(clean: ExchangeDraft, today: date) -> dict[str, Any]:
    return {
        "occurred_on": clean.occurred_on or today,
        **{name: getattr(clean, name) for name in EXCHANGE_COLUMNS},
    }
