"""Alembic's environment for the journal: migrations run on the connection store.py passes in.

store.py owns that connection's transaction (BEGIN IMMEDIATE, foreign keys off, the final check).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool
from sqlmodel import SQLModel

# Importing the models registers their tables on SQLModel.metadata, which autogenerate reads.
from netjournal.core import models  # noqa: F401
from netjournal.core.find.search_index import described_by_models


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        transactional_ddl=True,
        transaction_per_migration=False,
        include_name=described_by_models,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_from_url(url: str) -> None:
    """For developers writing a revision against a scratch journal (`sqlalchemy.url` option)."""
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("netjournal's migrations run on a live journal only (no --sql mode).")

_connection = context.config.attributes.get("connection")
if isinstance(_connection, Connection):
    run_migrations(_connection)
else:
    run_migrations_from_url(context.config.get_main_option("sqlalchemy.url") or "")
