"""The journal's own settings: every highlight threshold, with the defaults docs/guide.md describes.

They live in the journal's `setting` table, so a journal carries its rules when it moves.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from netjournal.core.errors import InputError


@dataclass(frozen=True)
class Settings:
    tag_cadence: dict[str, int] = field(default_factory=dict)
    """Default cadence in days for contacts with a tag, e.g. {"close": 30, "network": 90}."""
    reciprocity_window_days: int = 365
    half_life_days: int = 180
    due_factor: float = 1.0
    overdue_factor: float = 1.5
    one_sided_threshold: float = 0.6
    one_sided_min_exchanges: int = 3
    active_days: int = 90
    upcoming_days: int = 14
    """How many days ahead Home and `netjournal due` look for birthdays and dates; 0 hides them."""
    purge_after_days: int = 30
    backups_keep: int = 10

    def with_changes(self, **changes: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise InputError(
                f"Unknown setting {', '.join(unknown)}. Known settings: {', '.join(sorted(known))}."
            )
        updated = replace(self, **changes)
        updated.validate()
        return updated

    def validate(self) -> None:
        positive = (
            "reciprocity_window_days",
            "half_life_days",
            "one_sided_min_exchanges",
            "active_days",
            "purge_after_days",
            "backups_keep",
        )
        for name in positive:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InputError(f"The setting {name} must be a whole number of at least 1.")
        if not 0 < self.one_sided_threshold <= 1:
            raise InputError("The setting one_sided_threshold must be above 0 and at most 1.")
        if not 0 < self.due_factor <= self.overdue_factor:
            raise InputError("due_factor must be above 0 and no larger than overdue_factor.")
        upcoming = self.upcoming_days
        if not isinstance(upcoming, int) or isinstance(upcoming, bool) or not 0 <= upcoming <= 365:
            raise InputError(
                "The setting upcoming_days must be a whole number of days from 0 to 365 "
                "(0 hides Upcoming)."
            )
        for tag, days in self.tag_cadence.items():
            if not isinstance(days, int) or isinstance(days, bool) or days < 1:
                raise InputError(f"The cadence for tag {tag!r} must be a whole number of days.")

    def cadence_for(self, own: int | None, tags: tuple[str, ...]) -> int | None:
        """The contact's own cadence, else the shortest of its tags' defaults, else none."""
        if own:
            return own
        defaults = [self.tag_cadence[t] for t in tags if t in self.tag_cadence]
        return min(defaults) if defaults else None

    def to_rows(self) -> dict[str, str]:
        return {key: json.dumps(value) for key, value in asdict(self).items()}

    @classmethod
    def from_rows(cls, rows: dict[str, str]) -> Settings:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in rows.items():
            if key not in known:
                continue  # a setting from a newer version: keep it in the file, ignore it here
            try:
                values[key] = json.loads(raw)
            except ValueError:
                continue
        try:
            settings = cls(**values)
            settings.validate()
        except (InputError, TypeError):
            return cls()
        return settings
