"""The audit log's actions: every view and every action in the console, and each retention
deletion. Entries carry ids, outcomes and counts, never message text or note text."""

from __future__ import annotations

from safechat.reports.types import utc_now
from safechat_server.console.store import AuditEntry, ConsoleTables

SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_OUT = "sign_out"
VIEW_QUEUE = "view_queue"
VIEW_CASE = "view_case"
DISMISS = "dismiss"
CONFIRM = "confirm"
ESCALATE = "escalate"
NOTE = "note"
EXPORT = "export"
VIEW_AUDIT = "view_audit"
VIEW_ACCOUNTS = "view_accounts"
ACCOUNT_CREATED = "account_created"
PASSWORD_SET = "password_set"
RETENTION_DELETE = "retention_delete"

RETENTION_ACTOR = "retention"
"""The actor of the entries retention writes."""


def record(
    store: ConsoleTables, actor: str, action: str, *, report_id: str | None = None, detail: str | None = None
) -> AuditEntry:
    """Append one entry (now, UTC) and return it."""
    entry = AuditEntry(at=utc_now(), actor=actor, action=action, report_id=report_id, detail=detail)
    store.append_audit(entry)
    return entry
