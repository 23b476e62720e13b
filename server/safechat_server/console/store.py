"""The console's tables, in the report store's own database (SQLite or PostgreSQL).

A console store *is* a report store (:class:`~safechat.reports.sql.SqlReportStore`), on one
connection, with five more tables: accounts, sessions (hashed tokens), the audit log
(append-only: the database refuses UPDATE and DELETE on it), case state (escalated, outcome)
and notes. Notes may quote a message, so they are deleted with their case's evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from safechat.errors import ReportStoreError
from safechat.reports.sql import SqlReportStore
from safechat_server.console.accounts import Account, Role

ACCOUNTS = "safechat_console_accounts"
SESSIONS = "safechat_console_sessions"
AUDIT = "safechat_console_audit"
CASES = "safechat_console_cases"
NOTES = "safechat_console_notes"

_COMMON = (
    f"""CREATE TABLE IF NOT EXISTS {ACCOUNTS} (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {SESSIONS} (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {CASES} (
        report_id TEXT PRIMARY KEY,
        escalated INTEGER NOT NULL,
        outcome TEXT,
        updated_at TEXT NOT NULL
    )""",
)

_SQLITE = (
    *_COMMON,
    f"""CREATE TABLE IF NOT EXISTS {AUDIT} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        report_id TEXT,
        detail TEXT
    )""",
    f"""CREATE TABLE IF NOT EXISTS {NOTES} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
    f"""CREATE TRIGGER IF NOT EXISTS {AUDIT}_no_update BEFORE UPDATE ON {AUDIT}
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {AUDIT}_no_delete BEFORE DELETE ON {AUDIT}
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)

_POSTGRES = (
    *_COMMON,
    f"""CREATE TABLE IF NOT EXISTS {AUDIT} (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        report_id TEXT,
        detail TEXT
    )""",
    f"""CREATE TABLE IF NOT EXISTS {NOTES} (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_id TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
    f"""CREATE OR REPLACE FUNCTION {AUDIT}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$""",
    f"""CREATE OR REPLACE TRIGGER {AUDIT}_append_only BEFORE UPDATE OR DELETE ON {AUDIT}
        FOR EACH ROW EXECUTE FUNCTION {AUDIT}_append_only()""",
)


class AccountExists(ReportStoreError):
    """An account with that username exists already."""


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A signed-in session: the account, its CSRF token and when it ends (UTC ISO 8601)."""

    username: str
    csrf: str = field(repr=False)
    expires_at: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log: who did what, to which case, when. Never message text."""

    at: str
    actor: str
    action: str
    report_id: str | None = None
    detail: str | None = None
    id: int = 0


@dataclass(frozen=True, slots=True)
class CaseState:
    """The console's own state of a case: escalated to a lead, and the confirmed outcome."""

    escalated: bool = False
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A reviewer's note on a case (may quote the message: excluded from ``repr``)."""

    at: str
    author: str
    body: str = field(repr=False)


class ConsoleTables(SqlReportStore):
    """The console's queries; mixed into the SQLite and PostgreSQL report stores."""

    if TYPE_CHECKING:

        def close(self) -> None: ...

    def _create_console_tables(self, statements: Sequence[str]) -> None:
        with self._transaction() as cur:
            for statement in statements:
                cur.execute(statement)

    # accounts ------------------------------------------------------------------------------

    def add_account(self, account: Account) -> None:
        """Store a new account.

        Raises:
            AccountExists: the username is taken.
        """
        with self._transaction() as cur:
            cur.execute(self._sql(f"SELECT 1 FROM {ACCOUNTS} WHERE username = ?"), (account.username,))
            if cur.fetchone() is not None:
                raise AccountExists(f"an account named {account.username!r} exists already")
            cur.execute(
                self._sql(
                    f"INSERT INTO {ACCOUNTS} (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)"
                ),
                (account.username, account.role.value, account.password_hash, account.created_at),
            )

    def account(self, username: str) -> Account | None:
        """The account named ``username``, or ``None``."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(
                    f"SELECT username, role, password_hash, created_at FROM {ACCOUNTS} WHERE username = ?"
                ),
                (username,),
            )
            row = cur.fetchone()
        return _account(row) if row is not None else None

    def accounts(self) -> list[Account]:
        """Every account, by name."""
        with self._transaction() as cur:
            cur.execute(f"SELECT username, role, password_hash, created_at FROM {ACCOUNTS} ORDER BY username")
            rows = cur.fetchall()
        return [_account(row) for row in rows]

    def set_password(self, username: str, password_hash: str) -> bool:
        """Replace an account's password hash and end its sessions; False when there is no such account."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(f"UPDATE {ACCOUNTS} SET password_hash = ? WHERE username = ?"),
                (password_hash, username),
            )
            found = cur.rowcount == 1
            cur.execute(self._sql(f"DELETE FROM {SESSIONS} WHERE username = ?"), (username,))
        return found

    # sessions ------------------------------------------------------------------------------

    def add_session(self, token_hash: str, username: str, csrf: str, *, at: str, expires_at: str) -> None:
        """Store a session under the hash of its token (the token itself is never stored)."""
        with self._transaction() as cur:
            cur.execute(self._sql(f"DELETE FROM {SESSIONS} WHERE expires_at < ?"), (at,))
            cur.execute(
                self._sql(
                    f"INSERT INTO {SESSIONS} (token_hash, username, csrf, created_at, expires_at) "
                    "VALUES (?, ?, ?, ?, ?)"
                ),
                (token_hash, username, csrf, at, expires_at),
            )

    def session(self, token_hash: str, *, now: str) -> SessionRow | None:
        """The unexpired session with ``token_hash``, or ``None``."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(
                    f"SELECT username, csrf, expires_at FROM {SESSIONS} "
                    "WHERE token_hash = ? AND expires_at > ?"
                ),
                (token_hash, now),
            )
            row = cur.fetchone()
        return SessionRow(str(row[0]), str(row[1]), str(row[2])) if row is not None else None

    def delete_session(self, token_hash: str) -> None:
        """End a session (sign out)."""
        with self._transaction() as cur:
            cur.execute(self._sql(f"DELETE FROM {SESSIONS} WHERE token_hash = ?"), (token_hash,))

    # audit ---------------------------------------------------------------------------------

    def append_audit(self, entry: AuditEntry) -> None:
        """Append one entry to the audit log (which nothing can change or delete)."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(
                    f"INSERT INTO {AUDIT} (at, actor, action, report_id, detail) VALUES (?, ?, ?, ?, ?)"
                ),
                (entry.at, entry.actor, entry.action, entry.report_id, entry.detail),
            )

    def audit_log(self, *, report_id: str | None = None, limit: int = 500) -> list[AuditEntry]:
        """The newest ``limit`` audit entries (of one case when ``report_id`` is given), oldest first."""
        sql = f"SELECT id, at, actor, action, report_id, detail FROM {AUDIT}"
        params: list[Any] = []
        if report_id is not None:
            sql += " WHERE report_id = ?"
            params.append(report_id)
        sql += f" ORDER BY id DESC LIMIT {int(limit)}"
        with self._transaction() as cur:
            cur.execute(self._sql(sql), params)
            rows = cur.fetchall()
        return [
            AuditEntry(
                at=str(r[1]), actor=str(r[2]), action=str(r[3]), report_id=r[4], detail=r[5], id=int(r[0])
            )
            for r in reversed(rows)
        ]

    # cases and notes -----------------------------------------------------------------------

    def case_state(self, report_id: str) -> CaseState:
        """The console state of a case (not escalated, no outcome when it has none)."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(f"SELECT escalated, outcome FROM {CASES} WHERE report_id = ?"), (report_id,)
            )
            row = cur.fetchone()
        return CaseState(bool(row[0]), row[1]) if row is not None else CaseState()

    def escalated_ids(self) -> set[str]:
        """The ids of the cases escalated to a lead."""
        with self._transaction() as cur:
            cur.execute(f"SELECT report_id FROM {CASES} WHERE escalated = 1")
            rows = cur.fetchall()
        return {str(r[0]) for r in rows}

    def set_case_state(self, report_id: str, state: CaseState, *, at: str) -> None:
        """Record a case's console state."""
        with self._transaction() as cur:
            cur.execute(self._sql(f"DELETE FROM {CASES} WHERE report_id = ?"), (report_id,))
            cur.execute(
                self._sql(
                    f"INSERT INTO {CASES} (report_id, escalated, outcome, updated_at) VALUES (?, ?, ?, ?)"
                ),
                (report_id, 1 if state.escalated else 0, state.outcome, at),
            )

    def add_note(self, report_id: str, note: Note) -> None:
        """Add a note to a case."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(f"INSERT INTO {NOTES} (report_id, at, author, body) VALUES (?, ?, ?, ?)"),
                (report_id, note.at, note.author, note.body),
            )

    def notes(self, report_id: str) -> list[Note]:
        """A case's notes, oldest first."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(f"SELECT at, author, body FROM {NOTES} WHERE report_id = ? ORDER BY id"),
                (report_id,),
            )
            rows = cur.fetchall()
        return [Note(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def forget_case(self, report_id: str) -> None:
        """Delete a case's notes and console state (its report is purged by the report store)."""
        with self._transaction() as cur:
            cur.execute(self._sql(f"DELETE FROM {NOTES} WHERE report_id = ?"), (report_id,))
            cur.execute(self._sql(f"DELETE FROM {CASES} WHERE report_id = ?"), (report_id,))


def _account(row: Sequence[Any]) -> Account:
    return Account(str(row[0]), Role(row[1]), str(row[2]), str(row[3]))


def open_console_store(url: str) -> ConsoleTables:
    """The report store at ``url`` (``sqlite:///`` or ``postgresql://``) with the console's tables,
    created if missing.

    Raises:
        ReportStoreError: the store cannot be opened (the message never repeats the URL).
    """
    if url.startswith("sqlite:///"):
        from safechat.reports.sqlite_store import SqliteReportStore

        class SqliteConsoleStore(ConsoleTables, SqliteReportStore):
            pass

        sqlite = SqliteConsoleStore(url.removeprefix("sqlite:///"))
        sqlite._create_console_tables(_SQLITE)
        return sqlite
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from safechat.reports.postgres_store import PostgresReportStore
        except ImportError:
            raise ReportStoreError(
                "a postgresql:// store needs psycopg: pip install 'safechat[postgres]'"
            ) from None

        class PostgresConsoleStore(ConsoleTables, PostgresReportStore):
            pass

        postgres = PostgresConsoleStore(url)
        postgres._create_console_tables(_POSTGRES)
        return postgres
    raise ReportStoreError("unknown report store: use sqlite:///path or postgresql://user@host/db")
