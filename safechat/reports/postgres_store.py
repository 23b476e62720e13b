"""The PostgreSQL report store (psycopg 3, the ``postgres`` extra), for several sidecar replicas.

One connection, one transaction per call; a broken connection is reopened on the next call.
Commits are durable with PostgreSQL's default ``synchronous_commit=on``. Error messages carry
the SQLSTATE, never the URL or any value.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from safechat.errors import ReportStoreError
from safechat.reports.sql import CHANGES, REPORTS, Cursor, SqlReportStore

logger = logging.getLogger("safechat.reports")

_SCHEMA_LOCK = 0x5AFEC4A7  # advisory lock: replicas starting together create the tables once

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
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        old_status TEXT NOT NULL,
        new_status TEXT NOT NULL,
        note TEXT
    )""",
    f"CREATE INDEX IF NOT EXISTS {CHANGES}_report ON {CHANGES} (report_id)",
)


def _describe(err: psycopg.Error) -> str:
    return f"{type(err).__name__} (SQLSTATE {err.sqlstate or 'none'})"


class PostgresReportStore(SqlReportStore):
    """Reports in PostgreSQL tables (created if missing). Thread-safe.

    Raises:
        ReportStoreError: the server cannot be reached or refuses the connection.
    """

    placeholder = "%s"
    lock_clause = " FOR UPDATE"

    def __init__(self, url: str, *, connect_timeout_s: int = 10) -> None:
        self._url = url
        self._timeout = connect_timeout_s
        self._lock = threading.Lock()
        self._conn: psycopg.Connection[tuple[object, ...]] | None = None
        with self._transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            for statement in _SCHEMA:
                cur.execute(statement)

    def _connection(self) -> psycopg.Connection[tuple[object, ...]]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            try:
                self._conn = psycopg.connect(self._url, connect_timeout=self._timeout, autocommit=True)
            except psycopg.Error as err:
                message = f"cannot connect to the PostgreSQL report store: {_describe(err)}"
                raise ReportStoreError(message) from None
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction(), conn.cursor() as cur:
                    yield cur
            except psycopg.Error as err:
                logger.error("PostgreSQL report store failed: %s", _describe(err))
                raise ReportStoreError(f"the PostgreSQL report store failed: {_describe(err)}") from None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
