"""Cleaned drafts as the column values of their table rows, for single and bulk writes."""

from __future__ import annotations

from datetime import date
from typing import Any

from netjournal.core.records import ContactDraft, ExchangeDraft
from netjournal.core.text import normalise_name


def contact_fields(clean: ContactDraft) -> dict[str, Any]:
    return {
        "name": clean.name,
        "name_key": normalise_name(clean.name),
        "nickname": clean.nickname,
        "company": clean.company,
        "role": clean.role,
        "location": clean.location,
        "how_met": clean.how_met,
        "email": clean.email,
        "phone": clean.phone,
        "website": clean.website,
        "birthday_month": clean.birthday_month,
        "birthday_day": clean.birthday_day,
        "birthday_year": clean.birthday_year,
        "cadence_days": clean.cadence_days,
        "notes": clean.notes,
    }


def exchange_fields(clean: ExchangeDraft, today: date) -> dict[str, Any]:
    return {
        "occurred_on": clean.occurred_on or today,
        "occurred_time": clean.occurred_time,
        "direction": clean.direction,
        "kind": clean.kind,
        "summary": clean.summary,
        "details": clean.details,
        "url": clean.url,
        "weight": clean.weight,
    }
