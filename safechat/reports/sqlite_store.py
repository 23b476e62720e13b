"""The embedded report store: one SQLite file in WAL mode with ``synchronous=FULL``, so a report
is on disk when its transaction commits, and survives the process being killed right after.
``secure_delete`` overwrites purged reports, so their text does not linger in free pages."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from safechat.errors import ReportStoreError, SafechatError
from safechat.reports.sql import CHANGES, REPORTS, Cursor, SqlReportStore

logger = logging.getLogger("safechat.reports")

_SCHEMA = (
    f"""CREATE TABLE IF NOT EXISTS {REPORTS} (
        report_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        reporter_id TEXT NOT NULL,
        reported_id TEXT NOT NULL,
        conversation_id TEXT,
        message_id TEXT,
        idempotency_key TEXT,
        labels TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (reporter_id, idempotency_key)
    )""",
    f"CREATE INDEX IF NOT EXISTS {REPORTS}_created ON {REPORTS} (created_at)",
    f"""CREATE TABLE IF NOT EXISTS {CHANGES} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        old_status TEXT NOT NULL,
        new_status TEXT NOT NULL,
        note TEXT
    )""",
    f"CREATE INDEX IF NOT EXISTS {CHANGES}_report ON {CHANGES} (report_id)",
)


def _create_private(path: Path) -> None:
    """Create the database file readable by its owner only (it holds children's reports)."""
    if not path.exists():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass
        except OSError as err:
            raise ReportStoreError(f"cannot create the SQLite report store: {err.strerror}") from None


class SqliteReportStore(SqlReportStore):
    """Reports in a SQLite file (created with its tables if missing). Thread-safe: one
    connection, one transaction at a time.

    Raises:
        ReportStoreError: the file cannot be opened or is not a safechat report database.
    """

    def __init__(self, path: str | Path) -> None:
        self._lock = threading.Lock()
        try:
            _create_private(Path(path))
            self._conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=30.0
            )
            _use_wal(self._conn)
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA secure_delete=ON")  # purged text is overwritten
            self._conn.execute("PRAGMA busy_timeout=30000")
            with self._transaction() as cur:
                for statement in _SCHEMA:
                    cur.execute(statement)
        except sqlite3.Error as err:
            raise ReportStoreError(f"cannot open the SQLite report store: {err}") from None

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
                try:
                    yield cur
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                cur.execute("COMMIT")
            except SafechatError:
                raise
            except sqlite3.Error as err:
                logger.error("SQLite report store failed: %s", err)
                raise ReportStoreError(f"the SQLite report store failed: {err}") from None
            finally:
                cur.close()

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()


def _use_wal(conn: sqlite3.Connection, *, attempts: int = 50) -> None:
    """Switch the database to WAL. The switch needs the database to itself and SQLite answers
    "database is locked" at once, without waiting, when another connection is opening it at
    the same moment (two sidecars starting together), so the switch is retried briefly."""
    for attempt in range(attempts):
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if ("locked" not in str(err) and "busy" not in str(err)) or attempt == attempts - 1:
                raise
            time.sleep(min(0.2, 0.01 * (attempt + 1)))
