"""The report store seam: a small Protocol, and :func:`open_report_store` that picks one by URL.

``sqlite:///path`` (relative to the working directory; ``sqlite:////abs/path`` for an absolute
one) opens the embedded SQLite store; ``postgresql://...`` (or ``postgres://``) opens the
PostgreSQL store, which needs the ``postgres`` extra (psycopg 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from safechat.errors import ReportStoreError
from safechat.reports.types import Report, ReportFilter, ReportStatus, StatusChange

DEFAULT_REPORT_STORE = "sqlite:///safechat-reports.db"
"""The store used when none is given: a SQLite file in the working directory."""

REPORT_STORE_ENV = "SAFECHAT_REPORT_STORE"
"""The environment variable the CLI and the sidecar read the store URL from."""


@runtime_checkable
class ReportStore(Protocol):
    """Where reports are kept. Every method is one transaction; implementations are thread-safe."""

    def add(self, report: Report) -> Report:
        """Store ``report`` durably and return what is stored.

        When the reporter already stored a report with the same idempotency key, nothing is
        written and that earlier report is returned.

        Raises:
            ReportStoreError: the report could not be stored (it must not be acknowledged).
        """
        ...

    def get(self, report_id: str) -> Report | None:
        """The report with ``report_id``, or ``None``."""
        ...

    def list(self, where: ReportFilter) -> Sequence[Report]:
        """Reports matching ``where``, oldest first."""
        ...

    def set_status(
        self, report_id: str, status: ReportStatus, *, actor: str, note: str | None, at: str
    ) -> StatusChange:
        """Change a report's status and append the change to its audit trail.

        Raises:
            UnknownReportError: no report has ``report_id``.
        """
        ...

    def history(self, report_id: str) -> Sequence[StatusChange]:
        """The audit trail of ``report_id``, oldest first."""
        ...

    def purge(self, *, closed_before: str) -> int:
        """Delete closed (actioned or dismissed) reports last changed before ``closed_before``
        (UTC ISO 8601) with their audit trails; returns how many reports were deleted."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


def open_report_store(url: str) -> ReportStore:
    """Open the store named by ``url`` (see the module docstring); creates its tables if needed.

    Raises:
        ReportStoreError: an unknown scheme, a missing ``psycopg``, or a store that cannot be
            opened. The message never repeats the URL (it may hold a password).
    """
    if url.startswith("sqlite:///"):
        from safechat.reports.sqlite_store import SqliteReportStore

        return SqliteReportStore(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from safechat.reports.postgres_store import PostgresReportStore
        except ImportError:
            raise ReportStoreError(
                "a postgresql:// report store needs psycopg: pip install 'safechat[postgres]'"
            ) from None
        return PostgresReportStore(url)
    scheme = url.split(":", 1)[0] if ":" in url else url[:16]
    raise ReportStoreError(
        f"unknown report store {scheme!r}: use sqlite:///path or postgresql://user@host/db"
    )
