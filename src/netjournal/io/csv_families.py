"""The CSV exports of Google Contacts, Outlook, Outlook.com and Thunderbird, recognised from their
headers, each useful column given its field (see docs/guide.md, "Bringing your people in").

Headers are compared as `header_key` gives them: "E-mail 1 - Value" is "email 1 value".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from netjournal.io.csv_contact import Address, Column, Layout

GOOGLE = "Google Contacts"
OUTLOOK = "Outlook"
OUTLOOK_COM = "Outlook.com"
THUNDERBIRD = "Thunderbird"

# ------------------------------------------------------------------------------ Google

_GOOGLE_NUMBERED = re.compile(
    r"(email|phone|website|event|relation|custom field|im|address|organization) (\d+) (.+)"
)
_GOOGLE_FIELDS = {
    "name": "name",
    "given name": "first_name",
    "first name": "first_name",
    "additional name": "middle_name",
    "middle name": "middle_name",
    "family name": "last_name",
    "last name": "last_name",
    "name suffix": "suffix",
    "nickname": "nickname",
    "file as": "file_as",
    "birthday": "birthday",
    "notes": "notes",
    "labels": "labels",
    "group membership": "labels",
    "organization name": "company",
    "organization title": "role",
    "occupation": "role",
    "location": "location",
}
_GOOGLE_EXTRAS = {
    "organization department": "Department",
    "maiden name": "Maiden name",
    "hobby": "Hobby",
    "billing information": "Billing information",
}
_GOOGLE_VALUE_KINDS = {
    "email": "email",
    "phone": "phone",
    "website": "website",
    "event": "date",
    "relation": "extra",
    "custom field": "extra",
    "im": "extra",
}
# Pronunciations, photos and Outlook-era fields Google keeps empty.
_GOOGLE_QUIET = re.compile(
    r".*(yomi|phonetic).*|name prefix|initials|short name|photo|gender|directory server|mileage"
    r"|sensitivity|priority|subject|language"
)


def _google(keys: list[str]) -> Layout:
    layout = Layout(GOOGLE, multi=" ::: ")
    numbered: dict[tuple[str, str], dict[str, int]] = {}
    for index, key in enumerate(keys):
        if match := _GOOGLE_NUMBERED.fullmatch(key):
            numbered.setdefault((match[1], match[2]), {})[match[3]] = index
        elif key in _GOOGLE_FIELDS:
            layout.add(_GOOGLE_FIELDS[key], Column(index))
        elif key in _GOOGLE_EXTRAS:
            layout.add("extra", Column(index, _GOOGLE_EXTRAS[key]))
        elif _GOOGLE_QUIET.fullmatch(key):
            layout.known.add(index)
    for (kind, _), parts in sorted(numbered.items(), key=lambda item: int(item[0][1])):
        layout.known.update(parts.values())
        label = parts.get("label", parts.get("type", parts.get("service")))
        if kind == "address":
            names = {"postal code": "postal", "formatted": "formatted", "street": "street"}
            found = {names.get(part, part): i for part, i in parts.items()}
            layout.addresses.append(Address("", found))
        elif kind == "organization":
            for part, field in (("name", "company"), ("title", "role")):
                if part in parts:
                    layout.add(field, Column(parts[part]))
            if "department" in parts:
                layout.add("extra", Column(parts["department"], "Department"))
        elif "value" in parts:
            fixed = "IM" if kind == "im" else ""
            layout.add(_GOOGLE_VALUE_KINDS[kind], Column(parts["value"], fixed, label))
    return layout


def _is_google(keys: list[str]) -> bool:
    numbered = any(re.fullmatch(r"(email|phone) \d+ value", key) for key in keys)
    return numbered or {"given name", "family name", "group membership"} <= set(keys)


# ----------------------------------------------------------------------------- Outlook

_OUTLOOK_FIELDS = {
    "first name": "first_name",
    "middle name": "middle_name",
    "last name": "last_name",
    "suffix": "suffix",
    "nickname": "nickname",
    "company": "company",
    "job title": "role",
    "profession": "role",
    "notes": "notes",
    "birthday": "birthday",
    "categories": "labels",
    "referred by": "how_met",
    "location": "location",
    "file as": "file_as",
    "web page": "website",
    "personal web page": "website",
    "business web page": "website",
}
_OUTLOOK_EXTRAS = {
    "department": "Department",
    "office location": "Office",
    "spouse": "Spouse",
    "children": "Children",
    "manager's name": "Manager",
    "assistant's name": "Assistant",
    "hobby": "Hobby",
    "schools": "Schools",
    "imaddress": "IM",
    "user 1": "User 1",
    "user 2": "User 2",
    "user 3": "User 3",
    "user 4": "User 4",
}
# The primary number first, then the ones most likely to reach the person.
_OUTLOOK_PHONES = (
    ("primary phone", ""),
    ("mobile phone", "mobile"),
    ("business phone", "work"),
    ("business phone 2", "work"),
    ("home phone", "home"),
    ("home phone 2", "home"),
    ("company main phone", "company"),
    ("other phone", "other"),
    ("car phone", "car"),
    ("assistant's phone", "assistant"),
    ("callback", "callback"),
    ("radio phone", "radio"),
    ("pager", "pager"),
    ("business fax", "work fax"),
    ("home fax", "home fax"),
    ("other fax", "fax"),
    ("isdn", "ISDN"),
    ("telex", "telex"),
    ("tty tdd phone", "TTY/TDD"),
)
# "Title" is the honorific (Mr., Dr.), not the job title.
_OUTLOOK_QUIET = re.compile(
    r"title|email( \d)? (type|display name)|account|billing information|directory server|gender"
    r"|government id number|initials|internet free busy|keywords|language|mileage|priority"
    r"|organizational id number|private|sensitivity|.* yomi|.*address po box"
    r"|(business|home|other) street [23]"
)


def _outlook(family: str) -> Callable[[list[str]], Layout]:
    def layout_of(keys: list[str]) -> Layout:
        layout = Layout(family)
        where = {key: index for index, key in enumerate(keys)}
        for index, key in enumerate(keys):
            if key in _OUTLOOK_FIELDS:
                layout.add(_OUTLOOK_FIELDS[key], Column(index))
            elif key in _OUTLOOK_EXTRAS:
                layout.add("extra", Column(index, _OUTLOOK_EXTRAS[key]))
            elif key == "anniversary":
                layout.add("date", Column(index, "Anniversary"))
            elif _OUTLOOK_QUIET.fullmatch(key):
                layout.known.add(index)
        for number in ("", " 2", " 3"):
            if (found := where.get(f"email{number} address")) is not None:
                display = where.get(f"email{number} display name")
                layout.add("email", Column(found, display_index=display))
        for key, label in _OUTLOOK_PHONES:
            if key in where:
                layout.add("phone", Column(where[key], label))
        for kind, label in (("home", "home"), ("business", "work"), ("other", "other")):
            _address(
                layout,
                where,
                label,
                kind,
                "street",
                "city",
                "state",
                "postal code",
                "country region",
            )
        return layout

    return layout_of


def _address(layout: Layout, where: dict[str, int], label: str, prefix: str, *names: str) -> None:
    """An address from columns named `prefix` + each of street, city, region, postal, country."""
    parts = {
        part: where[f"{prefix} {name}"]
        for part, name in zip(("street", "city", "region", "postal", "country"), names, strict=True)
        if f"{prefix} {name}" in where
    }
    if parts:
        layout.known.update(parts.values())
        layout.addresses.append(Address(label, parts))


def _is_outlook(keys: list[str]) -> bool:
    phones = {"business phone", "home phone", "mobile phone"}
    return {"first name", "last name", "email address"} <= set(keys) and bool(phones & set(keys))


def _is_outlook_desktop(keys: list[str]) -> bool:
    # Outlook on the desktop starts with the honorific and gives each e-mail a type.
    return _is_outlook(keys) and (
        keys[0] == "title" or bool({"email type", "categories"} & set(keys))
    )


# ------------------------------------------------------------------------- Thunderbird

_THUNDERBIRD_FIELDS = {
    "display name": "name",
    "first name": "first_name",
    "last name": "last_name",
    "nickname": "nickname",
    "primary email": "email",
    "secondary email": "email",
    "job title": "role",
    "organization": "company",
    "web page 1": "website",
    "web page 2": "website",
    "birth year": "birth_year",
    "birth month": "birth_month",
    "birth day": "birth_day",
    "notes": "notes",
}
_THUNDERBIRD_PHONES = (
    ("mobile number", "mobile"),
    ("work phone", "work"),
    ("home phone", "home"),
    ("pager number", "pager"),
    ("fax number", "fax"),
)
_THUNDERBIRD_EXTRAS = {
    "department": "Department",
    "screen name": "Chat",
    "custom 1": "Custom 1",
    "custom 2": "Custom 2",
    "custom 3": "Custom 3",
    "custom 4": "Custom 4",
}


def _thunderbird(keys: list[str]) -> Layout:
    layout = Layout(THUNDERBIRD)
    where = {key: index for index, key in enumerate(keys)}
    for index, key in enumerate(keys):
        if key in _THUNDERBIRD_FIELDS:
            layout.add(_THUNDERBIRD_FIELDS[key], Column(index))
        elif key in _THUNDERBIRD_EXTRAS:
            layout.add("extra", Column(index, _THUNDERBIRD_EXTRAS[key]))
    for key, label in _THUNDERBIRD_PHONES:
        if key in where:
            layout.add("phone", Column(where[key], label))
    for kind, label in (("home", "home"), ("work", "work")):
        _address(layout, where, label, kind, "address", "city", "state", "zipcode", "country")
        layout.known.update(i for k, i in where.items() if k == f"{kind} address 2")
    return layout


def _is_thunderbird(keys: list[str]) -> bool:
    return {"display name", "primary email"} <= set(keys)


FAMILIES: tuple[tuple[Callable[[list[str]], bool], Callable[[list[str]], Layout]], ...] = (
    (_is_google, _google),
    (_is_thunderbird, _thunderbird),
    (_is_outlook_desktop, _outlook(OUTLOOK)),
    (_is_outlook, _outlook(OUTLOOK_COM)),
)


def family_layout(keys: list[str]) -> Layout | None:
    """The layout of a known export, from its header keys; None for any other CSV."""
    for recognise, layout_of in FAMILIES:
        if recognise(keys):
            return layout_of(keys)
    return None
