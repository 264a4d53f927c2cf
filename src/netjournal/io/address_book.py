"""What vCards and address-book CSVs share: names for contacts that have none, labels as tags,
phone numbers and e-mails as written in the wild, and the extra ones kept in notes or channels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netjournal.core.records import ChannelDraft
from netjournal.core.text import clean_line
from netjournal.io.profiles import platform_of_label, platform_of_link

ANNIVERSARY = "Anniversary"
NEEDS_NAME = "needs-name"
"""The tag on a contact named after its e-mail or phone, so they can all be found and renamed."""
# Groups every Google or Android contact is in: they say nothing about the person.
_SYSTEM_LABELS = frozenset(
    {"mycontacts", "my contacts", "starred", "starred in android", "other contacts", "all contacts"}
)
_LABEL_SEPARATORS = re.compile(r"\s*(?::::|;|,)\s*")
_EMAIL_INSIDE = re.compile(r"[^\s<>()\[\]\"',;:]+@[^\s<>()\[\]\"',;:]+\.[^\s<>()\[\]\"',;:]+")
_PHONE_LABELS = {
    "cell": "mobile",
    "mobile": "mobile",
    "iphone": "iPhone",
    "home": "home",
    "work": "work",
    "business": "work",
    "main": "main",
    "fax": "fax",
    "pager": "pager",
    "other": "other",
}


@dataclass(frozen=True)
class Labelled:
    """A value and what its file calls it ("work", "mobile", "Spouse"), perhaps nothing."""

    value: str
    label: str = ""


def label_tags(labels: Iterable[str]) -> list[str]:
    """Tags from an address book's groups or labels: `* myContacts ::: Close Friends` gives
    `close-friends`. System groups are left out; a label of several words keeps them together."""
    tags = []
    for text in labels:
        for label in _LABEL_SEPARATORS.split(text):
            label = clean_line(label).removeprefix("*").strip().casefold()
            if label and label not in _SYSTEM_LABELS:
                tags.append("-".join(label.split()))
    return list(dict.fromkeys(tags))


def phone_number(value: str) -> str:
    """A number as a person reads it: `tel:+1-418-656-9254;ext=102` gives
    `+1-418-656-9254 ext. 102`."""
    text = clean_line(value)
    if text[:4].casefold() != "tel:":
        return text
    number, *params = text[4:].split(";")
    extension = next((p[4:] for p in params if p.casefold().startswith("ext=")), "")
    return f"{number} ext. {extension}" if extension else number


def phone_label(types: Iterable[str], label: str = "") -> str:
    """A short word for a number's kind: "mobile", "work fax", or the file's own label."""
    if label:
        return clean_line(label)
    kinds = [_PHONE_LABELS[t] for t in (t.casefold() for t in types) if t in _PHONE_LABELS]
    if "fax" in kinds and len(kinds) > 1:
        return " ".join(k for k in kinds if k != "fax")[:20] + " fax"
    return kinds[0] if kinds else ""


def other_phones(phones: Sequence[Labelled]) -> str:
    """The line that keeps every number but the first in the notes."""
    if len(phones) < 2:
        return ""
    shown = [f"{p.value} ({_PHONE_LABELS.get(p.label.casefold(), p.label)})" for p in phones[1:]]
    shown = [text.removesuffix(" ()") for text in shown]
    return "Other phones: " + ", ".join(shown)


def email_address(value: str) -> str:
    """The address in `mailto:ana@example.com`, `Ana Lima <ana@example.com>` or
    `Ana Lima (ana@example.com)`; the text itself when it holds no address."""
    text = clean_line(value)
    if text[:7].casefold() == "mailto:":
        text = text[7:]
    if "<" in text or "(" in text or " " in text:
        found = _EMAIL_INSIDE.search(text)
        if found:
            return found.group()
    return text


def links(urls: Sequence[Labelled]) -> tuple[str, list[ChannelDraft]]:
    """The first ordinary web page as the website; profiles (by label or link) and the other
    pages as channels."""
    website, channels = "", []
    for url in urls:
        link = clean_line(url.value)
        if not link:
            continue
        platform = platform_of_label(url.label) or platform_of_link(link)
        if platform is not None:
            channels.append(ChannelDraft(platform, link))
        elif not website:
            website = link
        else:
            channels.append(ChannelDraft("other", link))
    return website, channels


def stand_in_name(company: str, emails: Sequence[str], phones: Sequence[str]) -> tuple[str, bool]:
    """A name for a contact whose file gives none: the company's, else (marked as a stand-in,
    True) the first e-mail or phone. ("", False) when there is nothing to go by."""
    if clean_line(company):
        return clean_line(company), False
    for value in (*emails, *phones):
        if clean_line(value):
            return clean_line(value), True
    return "", False
