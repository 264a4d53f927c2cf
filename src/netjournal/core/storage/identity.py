"""What marks a file as a netjournal journal, and the schema revision this version writes."""

from __future__ import annotations

APPLICATION_ID: int = 0x4E4A524E  # "NJRN", in the SQLite header's application id field
HEAD_REVISION = "d79790e3aa90"
"""The newest Alembic revision in core/migrations: what a journal opened by this version is at."""
