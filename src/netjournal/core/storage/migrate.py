"""What makes a file a netjournal journal: its application id, its schema revisions, upgrades.

Alembic (and SQLAlchemy) are imported only when a journal actually needs upgrading; see
docs/data-safety.md.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netjournal.core.clock import local_today
from netjournal.core.errors import JournalError, JournalFileError
from netjournal.core.highlights import ledger
from netjournal.core.storage.file_errors import describe_error, sqlite_error_kind
from netjournal.core.storage.identity import APPLICATION_ID, HEAD_REVISION

if TYPE_CHECKING:
    import sqlalchemy
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class MigrationScripts:
    """The Alembic scripts a journal is checked against and upgraded with."""

    def __init__(self, location: Path | None = None) -> None:
        self.location = location or MIGRATIONS_DIR
        self._packaged = location is None

    @cached_property
    def script(self) -> ScriptDirectory:
        from alembic.script import ScriptDirectory

        return ScriptDirectory(str(self.location))

    @property
    def head(self) -> str:
        # The packaged head is a constant so that opening an up-to-date journal needs no Alembic.
        if self._packaged:
            return HEAD_REVISION
        return self.script.get_current_head() or ""

    def knows(self, revision: str) -> bool:
        if revision == self.head:
            return True
        return revision in {script.revision for script in self.script.walk_revisions()}


def backup_before_migration(path: Path, backup_dir: Path, target: str) -> Path:
    """A verified copy of the journal at `path`, named after the revision about to be applied."""
    # snapshot imports the store, which imports this module.
    from netjournal.core.storage.snapshot import vacuum_into_verified

    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    name = f"{path.stem}-{stamp}-before-{target}"
    dest = backup_dir / f"{name}.db"
    counter = 2
    while dest.exists():
        dest = backup_dir / f"{name}-{counter}.db"
        counter += 1
    return vacuum_into_verified(path, dest)


def upgrade(
    engine: sqlalchemy.Engine, path: Path, scripts: MigrationScripts, backup: Path | None
) -> None:
    """Run the migrations to head in one IMMEDIATE transaction with foreign keys off."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import DBAPIError

    config = Config()
    config.set_main_option("script_location", str(scripts.location))
    kept = f" A copy from before the upgrade is in {backup}." if backup else ""
    with engine.connect() as connection:
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None
        # Outside any transaction, or SQLite ignores it. With foreign keys on, a batch migration
        # that rebuilds a parent table deletes every child row through ON DELETE CASCADE.
        _execute_raw(dbapi_connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                # Again here, in case a crash while creating the journal lost the first one.
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                config.attributes["connection"] = connection
                # The ledger's triggers name other tables, and SQLite refuses to rename a table
                # (as a batch migration does) while a trigger names a table that is missing.
                # They come back, as this version writes them, once the revisions have run.
                ledger.drop_triggers(dbapi_connection)  # type: ignore[arg-type]
                command.upgrade(config, scripts.head)
                ledger.drop_triggers(dbapi_connection)  # type: ignore[arg-type]
                ledger.create_triggers(dbapi_connection)  # type: ignore[arg-type]
                # The ledger as this version computes it (a revision can't: it is frozen).
                ledger.rebuild(dbapi_connection, local_today())  # type: ignore[arg-type]
                orphans = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if orphans:
                    raise JournalFileError(
                        f"Upgrading {path} would leave {len(orphans)} entries pointing at "
                        f"missing ones (first in table {orphans[0][0]}), so nothing was changed."
                        f"{kept} Please report this."
                    )
        except JournalError:
            raise
        except (DBAPIError, sqlite3.Error) as exc:
            kind = sqlite_error_kind(exc)
            if kind is not None and kind != "CONSTRAINT":
                # Full disk, busy or read-only: the usual sentence says what to do about it.
                raise JournalFileError(
                    f"Upgrading {path} to this version of netjournal failed, so nothing was "
                    f"changed.{kept} {describe_error(exc, path)}"
                ) from exc
            original = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
            raise JournalFileError(
                f"Upgrading {path} to this version of netjournal failed ({original}), so "
                f"nothing was changed.{kept} Please report this."
            ) from exc
        except Exception as exc:
            raise JournalFileError(
                f"Upgrading {path} to this version of netjournal failed ({exc}), so nothing was "
                f"changed.{kept} Please report this."
            ) from exc
        finally:
            try:
                _execute_raw(dbapi_connection, "PRAGMA foreign_keys=ON")
            except sqlite3.Error:
                # A pooled connection must never be handed out with foreign keys off.
                connection.invalidate()


def _execute_raw(dbapi_connection: Any, sql: str) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()
