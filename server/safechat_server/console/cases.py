"""What a reviewer can do to a case: dismiss, confirm with an outcome, escalate to a lead, add a
note. Each is one status change in the report store's trail plus one audit entry."""

from __future__ import annotations

import enum

from safechat.reports.types import Report, ReportStatus, utc_now
from safechat_server.console import audit
from safechat_server.console.accounts import Role
from safechat_server.console.store import CaseState, ConsoleTables, Note

MAX_NOTE_CHARS = 2000
"""The longest note accepted."""


class Outcome(str, enum.Enum):
    """What was done about a confirmed case."""

    WARNED = "warned"
    MUTED = "muted"
    SUSPENDED = "suspended"
    REPORTED_TO_AUTHORITIES = "reported_to_authorities"

    def __str__(self) -> str:
        return self.value

    @property
    def words(self) -> str:
        """The words the console shows."""
        return self.value.replace("_", " ").capitalize()


class CaseActionError(Exception):
    """An action that cannot be taken; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _check_open(store: ConsoleTables, report: Report, role: Role) -> CaseState:
    if report.status.closed:
        raise CaseActionError(409, "this case is closed")
    state = store.case_state(report.report_id)
    if state.escalated and not role.can(Role.LEAD):
        raise CaseActionError(403, "this case is escalated: a lead decides it")
    return state


def dismiss(store: ConsoleTables, report: Report, *, actor: str, role: Role) -> None:
    """Close the case with nothing to do.

    Raises:
        CaseActionError: the case is closed (409), or escalated and ``role`` is not a lead (403).
    """
    state = _check_open(store, report, role)
    now = utc_now()
    store.set_status(report.report_id, ReportStatus.DISMISSED, actor=actor, note="dismissed", at=now)
    store.set_case_state(report.report_id, CaseState(state.escalated, None), at=now)
    audit.record(store, actor, audit.DISMISS, report_id=report.report_id)


def confirm(store: ConsoleTables, report: Report, outcome: Outcome, *, actor: str, role: Role) -> None:
    """Close the case as actioned, with what was done.

    Raises:
        CaseActionError: as :func:`dismiss`.
    """
    state = _check_open(store, report, role)
    now = utc_now()
    store.set_status(
        report.report_id, ReportStatus.ACTIONED, actor=actor, note=f"confirmed: {outcome.value}", at=now
    )
    store.set_case_state(report.report_id, CaseState(state.escalated, outcome.value), at=now)
    audit.record(store, actor, audit.CONFIRM, report_id=report.report_id, detail=f"outcome={outcome.value}")


def escalate(store: ConsoleTables, report: Report, *, actor: str, role: Role) -> None:
    """Hand the case to a lead (status ``in_review``, marked escalated).

    Raises:
        CaseActionError: the case is closed (409) or escalated already (409).
    """
    state = _check_open(store, report, role)
    if state.escalated:
        raise CaseActionError(409, "this case is escalated already")
    now = utc_now()
    store.set_status(
        report.report_id, ReportStatus.IN_REVIEW, actor=actor, note="escalated to a lead", at=now
    )
    store.set_case_state(report.report_id, CaseState(True, None), at=now)
    audit.record(store, actor, audit.ESCALATE, report_id=report.report_id)


def add_note(store: ConsoleTables, report: Report, body: str, *, actor: str) -> None:
    """Add a note to the case (open or closed); the audit entry records its length, not its words.

    Raises:
        CaseActionError: an empty note, or one over :data:`MAX_NOTE_CHARS` (400).
    """
    text = body.strip()
    if not text:
        raise CaseActionError(400, "a note must not be empty")
    if len(text) > MAX_NOTE_CHARS:
        raise CaseActionError(400, f"a note is {len(text)} characters; the limit is {MAX_NOTE_CHARS}")
    store.add_note(report.report_id, Note(utc_now(), actor, text))
    audit.record(store, actor, audit.NOTE, report_id=report.report_id, detail=f"chars={len(text)}")
