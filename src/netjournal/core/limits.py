"""The longest text each field keeps, in characters (docs/data-safety.md, "Limits").

Room for any real name, address or link, and long notes, without a pasted file or a hostile
import making every list, export and search slow. Typing more is refused with a sentence; an
import cuts the text to the limit and says how often it did.
"""

from __future__ import annotations

NAME = 200
LINE = 200
"""Nickname, company, role, location, a reflection's title, a tag."""
HOW_MET = 500
EMAIL = 254
PHONE = 60
LINK = 2_000
"""Website, an exchange's link, a channel's handle or profile link."""
SUMMARY = 1_000
PROMPT = 500
NOTES = 100_000
"""A contact's or an exchange's notes (Markdown)."""
REFLECTION = 200_000
MAX_DATE_LABEL = 60
TAG = 60
