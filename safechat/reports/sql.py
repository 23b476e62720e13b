"""SQL shared by the SQLite and PostgreSQL stores; each store supplies its DDL, its placeholder
and a transaction that yields a DB-API cursor.

Tables: ``safechat_reports`` (one row per report; the report itself, including any text, is
the JSON ``body``) and ``safechat_report_changes`` (the audit trail of status changes).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from safechat.errors import UnknownReportError
from safechat.reports.codec import report_from_dict, report_to_dict
from safechat.reports.types import Report, ReportFilter, ReportStatus, StatusChange

REPORTS = "safechat_reports"
CHANGES = "safechat_report_changes"

_COLUMNS = (
    "report_id, created_at, updated_at, status, reason, reporter_id, reported_id, "
    "conversation_id, message_id, idempotency_key, labels, body"
)


class Cursor(Protocol):
    """The part of a DB-API cursor the stores use."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class SqlReportStore(ABC):
    """A :class:`~safechat.reports.store.ReportStore` on a SQL database."""

    placeholder = "?"
    lock_clause = ""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Cursor]:
        """One transaction: commit on normal exit, roll back on an exception."""

    def _sql(self, text: str) -> str:
        return text.replace("?", self.placeholder)

    def add(self, report: Report) -> Report:
        labels = "," + ",".join(label.value for label in report.evidence.labels) + ","
        row = (
            report.report_id,
            report.created_at,
            report.updated_at,
            report.status.value,
            report.reason.value,
            report.reporter_id,
            report.reported_id,
            report.conversation_id,
            report.message_id,
            report.idempotency_key,
            labels,
            json.dumps(_body(report), ensure_ascii=False),
        )
        marks = ", ".join("?" for _ in row)
        with self._transaction() as cur:
            cur.execute(
                self._sql(
                    f"INSERT INTO {REPORTS} ({_COLUMNS}) VALUES ({marks}) "
                    "ON CONFLICT (reporter_id, idempotency_key) DO NOTHING"
                ),
                row,
            )
            if cur.rowcount == 1:
                return report
            cur.execute(
                self._sql(
                    f"SELECT status, updated_at, body FROM {REPORTS} "
                    "WHERE reporter_id = ? AND idempotency_key = ?"
                ),
                (report.reporter_id, report.idempotency_key),
            )
            existing = cur.fetchone()
        if existing is None:  # pragma: no cover - the conflict row vanished (purged meanwhile)
            raise UnknownReportError("the report stored under this idempotency key was deleted")
        return _report(existing)

    def get(self, report_id: str) -> Report | None:
        with self._transaction() as cur:
            cur.execute(
                self._sql(f"SELECT status, updated_at, body FROM {REPORTS} WHERE report_id = ?"),
                (report_id,),
            )
            row = cur.fetchone()
        return _report(row) if row is not None else None

    def list(self, where: ReportFilter) -> Sequence[Report]:
        clauses: list[str] = []
        params: list[Any] = []
        if where.since is not None:
            clauses.append("created_at >= ?")
            params.append(where.since)
        if where.status is not None:
            clauses.append("status = ?")
            params.append(where.status.value)
        if where.label is not None:
            clauses.append("(reason = ? OR labels LIKE ?)")
            params.extend([where.label, f"%,{where.label},%"])
        if where.reported_id is not None:
            clauses.append("reported_id = ?")
            params.append(where.reported_id)
        if where.conversation_id is not None:
            clauses.append("conversation_id = ?")
            params.append(where.conversation_id)
        if where.review is not None:
            # the body is json.dumps output: a quote inside any string value is escaped (\"), so
            # only the report's own review field can read "review": "<priority>"
            clauses.append("body LIKE ?")
            params.append(f'%"review": "{where.review.value}"%')
        sql = f"SELECT status, updated_at, body FROM {REPORTS}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY created_at, report_id"
        if where.limit is not None:
            sql += f" LIMIT {int(where.limit)}"
        with self._transaction() as cur:
            cur.execute(self._sql(sql), params)
            rows = cur.fetchall()
        return [_report(row) for row in rows]

    def set_status(
        self, report_id: str, status: ReportStatus, *, actor: str, note: str | None, at: str
    ) -> StatusChange:
        with self._transaction() as cur:
            cur.execute(
                self._sql(f"SELECT status FROM {REPORTS} WHERE report_id = ?{self.lock_clause}"),
                (report_id,),
            )
            row = cur.fetchone()
            if row is None:
                raise UnknownReportError(f"no report has id {report_id!r}")
            old = ReportStatus(row[0])
            cur.execute(
                self._sql(f"UPDATE {REPORTS} SET status = ?, updated_at = ? WHERE report_id = ?"),
                (status.value, at, report_id),
            )
            cur.execute(
                self._sql(
                    f"INSERT INTO {CHANGES} (report_id, at, actor, old_status, new_status, note) "
                    "VALUES (?, ?, ?, ?, ?, ?)"
                ),
                (report_id, at, actor, old.value, status.value, note),
            )
        return StatusChange(report_id, at, actor, old, status, note)

    def history(self, report_id: str) -> Sequence[StatusChange]:
        with self._transaction() as cur:
            cur.execute(
                self._sql(
                    f"SELECT report_id, at, actor, old_status, new_status, note FROM {CHANGES} "
                    "WHERE report_id = ? ORDER BY id"
                ),
                (report_id,),
            )
            rows = cur.fetchall()
        return [
            StatusChange(str(r[0]), str(r[1]), str(r[2]), ReportStatus(r[3]), ReportStatus(r[4]), r[5])
            for r in rows
        ]

    def purge(self, *, closed_before: str) -> int:
        closed = (ReportStatus.ACTIONED.value, ReportStatus.DISMISSED.value)
        doomed = f"SELECT report_id FROM {REPORTS} WHERE status IN (?, ?) AND updated_at < ?"
        params = (*closed, closed_before)
        with self._transaction() as cur:
            cur.execute(self._sql(f"DELETE FROM {CHANGES} WHERE report_id IN ({doomed})"), params)
            cur.execute(self._sql(f"DELETE FROM {REPORTS} WHERE status IN (?, ?) AND updated_at < ?"), params)
            return int(cur.rowcount)


def _body(report: Report) -> dict[str, Any]:
    body = report_to_dict(report)
    del body["status"], body["updated_at"]  # these change; they live in their own columns
    return body


def _report(row: Sequence[Any]) -> Report:
    status, updated_at, body = row
    data = json.loads(body) if isinstance(body, str) else dict(body)
    data["status"] = status
    data["updated_at"] = updated_at
    return report_from_dict(data)
