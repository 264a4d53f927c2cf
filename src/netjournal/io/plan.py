"""An import as a plan: what would be created, updated, merged and skipped, decided before anything
is written; then applied in one transaction. A dry run is the plan alone.

Importing the same file twice gives a plan with nothing to do the second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from netjournal.core.errors import InputError
from netjournal.core.records import (
    ChannelDraft,
    ContactDraft,
    ContactRecord,
    ExchangeDraft,
    ExchangeRecord,
    ReflectionDraft,
    ReflectionRecord,
)
from netjournal.core.settings import Settings
from netjournal.core.text import normalise_name
from netjournal.core.validation import (
    shorten,
    validate_contact,
    validate_exchange,
    validate_reflection,
)
from netjournal.io.address_book import NEEDS_NAME
from netjournal.io.incoming import ContactMarks, Note, Origin, Parsed, PersonRef, Skipped
from netjournal.io.matching import Ambiguous, Directory, Target
from netjournal.io.merge import merge_contact
from netjournal.io.profiles import platform_of_link, profile_key

if TYPE_CHECKING:
    from netjournal.core.journal import Journal

Progress = Callable[[int], None]
"""Told how many more records were written."""
D = TypeVar("D", ContactDraft, ExchangeDraft, ReflectionDraft)


@dataclass(frozen=True)
class PlannedContact:
    ref: int
    """-n: the n-th new contact; exchanges and reflections in the plan point at it so."""
    draft: ContactDraft
    origin: Origin
    marks: ContactMarks = field(default_factory=ContactMarks)
    duplicates: tuple[Origin, ...] = ()
    """Later rows of the import that were the same person, merged into this one."""
    stand_in_name: bool = False
    """Named after an e-mail or phone (the file gave no name), and tagged NEEDS_NAME."""


@dataclass(frozen=True)
class PlannedUpdate:
    contact_id: int
    name: str
    draft: ContactDraft
    fields: tuple[str, ...]
    """What the import fills in, by name ("company", "birthday"…)."""
    origins: tuple[Origin, ...]


@dataclass(frozen=True)
class PlannedExchange:
    draft: ExchangeDraft
    names: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class PlannedReflection:
    draft: ReflectionDraft
    origin: Origin


@dataclass(frozen=True)
class SettingChange:
    """A journal setting an import would change: its name, the value now and the file's."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would do. Nothing is written until `apply_plan`."""

    source: str
    format: str
    family: str = ""
    """The program that wrote the file, when its headers tell ("Google Contacts")."""
    creates: tuple[PlannedContact, ...] = ()
    updates: tuple[PlannedUpdate, ...] = ()
    exchanges: tuple[PlannedExchange, ...] = ()
    reflections: tuple[PlannedReflection, ...] = ()
    settings: tuple[SettingChange, ...] = ()
    """Settings the import changes: only when asked to (`take_settings`)."""
    settings_left_out: tuple[SettingChange, ...] = ()
    """Settings the file would change, left as they are because nobody asked for them."""
    already_known: int = 0
    """Contacts already in the journal that rows match and bring nothing new to."""
    duplicates: int = 0
    """Rows that repeat a person seen earlier in the same import, merged into them."""
    exchanges_known: int = 0
    reflections_known: int = 0
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[Note, ...] = ()
    dropped: tuple[Note, ...] = ()
    """Parts of imported records that couldn't be read, each left out alone."""
    ignored_files: tuple[str, ...] = ()
    unused_columns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    shortened: tuple[tuple[str, int], ...] = ()
    """Fields cut to netjournal's length limits, by name, and how many times, most first."""

    @property
    def work(self) -> int:
        """How many records applying the plan writes (the length of a progress bar)."""
        return len(self.creates) + len(self.updates) + len(self.exchanges) + len(self.reflections)

    @property
    def nothing_to_do(self) -> bool:
        return self.work == 0 and not self.settings

    @property
    def read_nothing(self) -> bool:
        """Not one row of the file could be used, not even one the journal already has: a
        wrong or broken file, which the shell answers with exit code 1."""
        known = self.already_known + self.duplicates + self.exchanges_known
        return (
            self.nothing_to_do
            and known + self.reflections_known == 0
            and not self.settings_left_out
        )


@dataclass(frozen=True)
class Existing:
    """What an import is matched against: the journal as it stands (empty for a new one)."""

    contacts: Sequence[ContactRecord] = ()
    exchanges: Sequence[ExchangeRecord] = ()
    reflections: Sequence[ReflectionRecord] = ()
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    exchanges: int
    reflections: int
    contact_ids: tuple[int, ...]


def exchange_key(draft: ExchangeDraft | ExchangeRecord, contact_ids: Sequence[int]) -> Hashable:
    """What makes two exchanges one: the day, who, which way, what kind, and the summary."""
    summary = " ".join(draft.summary.casefold().split())
    return (draft.occurred_on, draft.direction, draft.kind, summary, frozenset(contact_ids))


def reflection_key(draft: ReflectionDraft | ReflectionRecord) -> Hashable:
    return (draft.written_on, draft.title.casefold(), draft.body.strip())


def build_plan(
    parsed: Parsed, existing: Existing, source: str, today: date, *, take_settings: bool = False
) -> ImportPlan:
    """Match what was read against the journal and decide, row by row, what to do. Pure.

    The file's settings (a netjournal export carries them) change the journal's only with
    `take_settings`; otherwise the plan lists them as left out.
    """
    return _Planner(parsed, existing, today, take_settings).plan(source)


def apply_plan(
    journal: Journal, plan: ImportPlan, progress: Progress | None = None
) -> ImportResult:
    """Write `plan` to `journal` in one transaction: all of it, or nothing if anything fails."""
    ids = journal.import_records(
        [c.draft for c in plan.creates],
        marks=[c.marks.as_tuple() for c in plan.creates],
        updates=[(u.contact_id, u.draft) for u in plan.updates],
        exchanges=[e.draft for e in plan.exchanges],
        reflections=[r.draft for r in plan.reflections],
        settings={change.name: change.after for change in plan.settings} or None,
        progress=progress,
    )
    return ImportResult(
        len(plan.creates), len(plan.updates), len(plan.exchanges), len(plan.reflections), tuple(ids)
    )


@dataclass
class _Planner:
    parsed: Parsed
    existing: Existing
    today: date
    take_settings: bool = False
    directory: Directory = field(init=False)
    by_key: dict[str, Target] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    duplicates: int = 0
    shortened: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.directory = Directory(self.existing.contacts)

    def plan(self, source: str) -> ImportPlan:
        self.skipped += self.parsed.skipped
        self.notes += self.parsed.notes
        for incoming in self.parsed.contacts:
            self._contact(
                incoming.draft,
                incoming.origin,
                incoming.marks,
                incoming.emails,
                incoming.key,
                stand_in=incoming.stand_in_name,
            )
        exchanges, exchanges_known = self._exchanges()
        reflections, reflections_known = self._reflections()
        updates = [
            PlannedUpdate(t.ref, t.draft.name, t.draft, tuple(t.changed), tuple(t.merged_rows))
            for t in self.directory.known
            if t.changed
        ]
        settings = self._settings()
        return ImportPlan(
            source=source,
            format=self.parsed.format,
            family=self.parsed.family,
            creates=tuple(
                PlannedContact(
                    t.ref,
                    t.draft,
                    t.origin or Origin(source),
                    t.marks,
                    tuple(t.merged_rows),
                    t.stand_in,
                )
                for t in self.directory.new
            ),
            updates=tuple(updates),
            exchanges=tuple(exchanges),
            reflections=tuple(reflections),
            settings=settings if self.take_settings else (),
            settings_left_out=() if self.take_settings else settings,
            # A contact that rows filled in is counted once, as updated.
            already_known=sum(1 for t in self.directory.known if t.claimed and not t.changed),
            duplicates=self.duplicates,
            exchanges_known=exchanges_known,
            reflections_known=reflections_known,
            skipped=tuple(self.skipped),
            notes=tuple(self.notes),
            dropped=tuple(self.parsed.dropped),
            ignored_files=tuple(self.parsed.ignored_files),
            unused_columns=tuple((f, tuple(c)) for f, c in self.parsed.unused_columns),
            shortened=tuple(self.shortened.most_common()),
        )

    # ------------------------------------------------------------------------- contacts

    def _contact(
        self,
        draft: ContactDraft,
        origin: Origin,
        marks: ContactMarks,
        emails: Sequence[str] = (),
        key: str | None = None,
        *,
        stand_in: bool = False,
    ) -> Target | None:
        distinct = self.parsed.distinct_rows
        draft = self._shortened(draft)
        try:
            clean = validate_contact(draft, self.today)
            target = self.directory.find(clean, emails, distinct=distinct)
        except (InputError, Ambiguous) as error:
            self.skipped.append(Skipped(origin, str(error)))
            return None
        if target is None:
            if clean.channels is None:
                clean = replace(clean, channels=())
            if stand_in:
                clean = replace(clean, tags=(*clean.tags, NEEDS_NAME))
            target = self.directory.create(clean, origin, marks)
            target.stand_in = stand_in
            if not distinct:
                self.directory.index(target, emails)
        else:
            if target.stand_in and not stand_in:
                self._rename(target, clean.name)
            if not self._merge(target, clean, origin):
                return None
            if not distinct:
                self.directory.index(target, emails)
        target.claimed = True
        if key is not None:
            self.by_key[key] = target
        return target

    def _rename(self, target: Target, name: str) -> None:
        """A contact this import named after an e-mail takes the name a later row gives."""
        tags = tuple(t for t in target.draft.tags if t != NEEDS_NAME)
        target.draft = replace(target.draft, name=name, tags=tags)
        target.name_key = normalise_name(name)
        target.stand_in = False
        self.directory.index(target)

    def _shortened(self, draft: D) -> D:
        """`draft` cut to the length limits; what was cut is counted for the report."""
        cut_draft, cut = shorten(draft)
        self.shortened.update(cut)
        return cut_draft

    def _merge(self, target: Target, clean: ContactDraft, origin: Origin) -> bool:
        merged, changed = merge_contact(target.draft, clean)
        if changed:
            try:
                merged = validate_contact(merged, self.today)
            except InputError as error:
                self.skipped.append(
                    Skipped(
                        origin, f"matches {target.draft.name!r}, but merging them fails: {error}"
                    )
                )
                return False
            target.draft = merged
            target.changed += [f for f in changed if f not in target.changed]
        target.merged_rows.append(origin)
        if target.is_new or target.claimed:
            self.duplicates += 1
        return True

    def _person(self, person: PersonRef, origin: Origin) -> Target | None:
        """The contact an exchange names, creating them when the import allows it."""
        if person.key is not None:
            return self.by_key.get(person.key)
        link = profile_key(person.profile_url)
        draft = ContactDraft(name=person.name, company=person.company, role=person.role)
        if link:
            found = self.directory.by_link.get(link)
            if found:
                return found[0]
        if not person.name:
            return None
        found_by_name = self.directory.find(draft, links=[link] if link else [])
        if found_by_name is not None or not self.parsed.create_missing:
            return found_by_name
        platform = platform_of_link(person.profile_url) or "other"
        channels = (ChannelDraft(platform, person.profile_url),) if person.profile_url else ()
        return self._contact(replace(draft, channels=channels), origin, ContactMarks())

    def _people(self, people: Sequence[PersonRef], origin: Origin) -> list[Target] | str:
        found = []
        for person in people:
            try:
                target = self._person(person, origin)
            except Ambiguous as error:
                return str(error)
            if target is None:
                who = person.name or person.profile_url or f"contact {person.key}"
                return f"{who} is neither in the journal nor in this import."
            found.append(target)
        return found

    # ------------------------------------------------------------------- exchanges and rest

    def _exchanges(self) -> tuple[list[PlannedExchange], int]:
        if not self.parsed.exchanges:
            return [], 0
        known = Counter(
            exchange_key(e, [c.id for c in e.contacts]) for e in self.existing.exchanges
        )
        planned, matched = [], 0
        for incoming in self.parsed.exchanges:
            people = self._people(incoming.people, incoming.origin)
            if isinstance(people, str):
                self.skipped.append(Skipped(incoming.origin, people))
                continue
            draft = replace(incoming.draft, contact_ids=tuple(t.ref for t in people))
            try:
                clean = validate_exchange(self._shortened(draft), self.today)
            except InputError as error:
                self.skipped.append(Skipped(incoming.origin, str(error)))
                continue
            key = exchange_key(clean, clean.contact_ids)
            if known[key] > 0:
                known[key] -= 1
                matched += 1
                continue
            names = tuple(dict.fromkeys(t.draft.name for t in people))
            planned.append(PlannedExchange(clean, names, incoming.origin))
        return planned, matched

    def _reflections(self) -> tuple[list[PlannedReflection], int]:
        if not self.parsed.reflections:
            return [], 0
        known = Counter(reflection_key(r) for r in self.existing.reflections)
        planned, matched = [], 0
        for incoming in self.parsed.reflections:
            refs = []
            for person in incoming.people:
                target = self.by_key.get(person.key) if person.key is not None else None
                if target is None:
                    self.notes.append(
                        Note(
                            incoming.origin,
                            "it names a contact not in the file; that link was left out.",
                        )
                    )
                else:
                    refs.append(target.ref)
            try:
                clean = validate_reflection(
                    self._shortened(replace(incoming.draft, contact_ids=tuple(refs))), self.today
                )
            except InputError as error:
                self.skipped.append(Skipped(incoming.origin, str(error)))
                continue
            if known[reflection_key(clean)] > 0:
                known[reflection_key(clean)] -= 1
                matched += 1
                continue
            planned.append(PlannedReflection(clean, incoming.origin))
        return planned, matched

    def _settings(self) -> tuple[SettingChange, ...]:
        """The file's settings that differ from the journal's; to be taken, together valid."""
        current = self.existing.settings
        changes = {
            f.name: self.parsed.settings[f.name]
            for f in fields(Settings)
            if f.name in self.parsed.settings
            and self.parsed.settings[f.name] != getattr(current, f.name)
        }
        if not changes:
            return ()
        try:
            if self.take_settings:
                current.with_changes(**changes)
        except (InputError, TypeError) as error:
            self.skipped.append(
                Skipped(Origin("settings"), f"{error} The file's settings were left out.")
            )
            return ()
        return tuple(
            SettingChange(name, getattr(current, name), value)
            for name, value in sorted(changes.items())
        )
