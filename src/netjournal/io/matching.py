"""Finding who an imported row is: the journal's contacts and the import's new ones, looked up
by e-mail, then profile link, then normalised name, in dictionaries (no query per row).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from netjournal.core.records import ContactDraft, ContactRecord
from netjournal.core.text import normalise_name
from netjournal.io.incoming import ContactMarks, Origin
from netjournal.io.profiles import profile_key


@dataclass(eq=False)
class Target:
    """A contact an import may match: one in the journal (`ref` > 0) or one the import will
    create (`ref` = -n for the n-th new contact)."""

    ref: int
    draft: ContactDraft
    name_key: str
    origin: Origin | None = None
    marks: ContactMarks = field(default_factory=ContactMarks)
    changed: list[str] = field(default_factory=list)
    """Fields an import filled in, for a contact already in the journal."""
    merged_rows: list[Origin] = field(default_factory=list)
    claimed: bool = False
    stand_in: bool = False
    """Created by this import under a stand-in name (an e-mail or phone)."""
    links: list[str] = field(default_factory=list)
    """The profile-link keys of the draft's channels, kept current by `Directory.index`."""

    @property
    def is_new(self) -> bool:
        return self.ref < 0


class Ambiguous(Exception):
    """More than one contact fits, and nothing tells them apart."""

    def __init__(self, name: str, count: int) -> None:
        super().__init__(
            f"{count} contacts are named {name!r} and nothing else tells them apart, so this was "
            "left out. Give them different e-mails or profile links, then import again."
        )


def email_keys(draft: ContactDraft, extra: Iterable[str] = ()) -> list[str]:
    return [e.casefold() for e in dict.fromkeys((draft.email, *extra)) if e]


def link_keys(draft: ContactDraft) -> list[str]:
    keys = (profile_key(c.handle) for c in draft.channels or ())
    return [k for k in dict.fromkeys(keys) if k]


class Directory:
    """Every contact an import can match, indexed by e-mail, profile link and name."""

    def __init__(self, existing: Sequence[ContactRecord]) -> None:
        self.by_email: dict[str, list[Target]] = defaultdict(list)
        self.by_link: dict[str, list[Target]] = defaultdict(list)
        self.by_name: dict[str, list[Target]] = defaultdict(list)
        self.known = [
            Target(record.id, record.to_draft(), normalise_name(record.name)) for record in existing
        ]
        self.new: list[Target] = []
        for target in self.known:
            self.index(target)

    def index(self, target: Target, emails: Iterable[str] = ()) -> None:
        """Make `target` findable by everything it now holds (again, after a merge)."""
        for key in email_keys(target.draft, emails):
            _add(self.by_email[key], target)
        target.links = link_keys(target.draft)
        for key in target.links:
            _add(self.by_link[key], target)
        _add(self.by_name[target.name_key], target)

    def create(self, draft: ContactDraft, origin: Origin, marks: ContactMarks) -> Target:
        target = Target(-(len(self.new) + 1), draft, normalise_name(draft.name), origin, marks)
        self.new.append(target)
        return target

    def find(
        self,
        draft: ContactDraft,
        emails: Iterable[str] = (),
        *,
        links: Sequence[str] | None = None,
        distinct: bool = False,
    ) -> Target | None:
        """The contact `draft` describes, or None; raises Ambiguous when several fit.

        With `distinct`, a contact already matched by an earlier row is not matched again, and
        several fitting ones are told apart by how many fields they share.
        """
        links = link_keys(draft) if links is None else links
        for keys, index in ((email_keys(draft, emails), self.by_email), (links, self.by_link)):
            for key in keys:
                found = [t for t in index.get(key, ()) if not (distinct and t.claimed)]
                if found:
                    return found[0]
        name_key = normalise_name(draft.name)
        found = [
            t
            for t in self.by_name.get(name_key, ())
            if not (distinct and t.claimed) and not _links_disagree(links, t.links)
        ]
        if len(found) <= 1:
            return found[0] if found else None
        if distinct:
            return max(found, key=lambda t: _likeness(t.draft, draft))
        if draft.company:
            same_company = [
                t for t in found if t.draft.company.casefold() == draft.company.casefold()
            ]
            if len(same_company) == 1:
                return same_company[0]
        raise Ambiguous(draft.name, len(found))


def _add(targets: list[Target], target: Target) -> None:
    if not any(t is target for t in targets):
        targets.append(target)


def _links_disagree(mine: Sequence[str], theirs: Sequence[str]) -> bool:
    """Both name a profile on one site, and never the same one: two people sharing a name."""
    if not mine or not theirs or set(mine) & set(theirs):
        return False
    sites = {key.split("/", 1)[0] for key in mine}
    return any(key.split("/", 1)[0] in sites for key in theirs)


def _likeness(a: ContactDraft, b: ContactDraft) -> int:
    fields = ("company", "role", "email", "phone", "notes", "nickname", "location", "website")
    same = sum(1 for f in fields if getattr(a, f) == getattr(b, f))
    return same + (a.tags == b.tags) + (a.birthday_month == b.birthday_month)
