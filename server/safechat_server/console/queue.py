"""The review queue (urgent first, then the oldest) and what a case page shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from safechat.reports.types import Report, ReportFilter, ReportStatus, StatusChange
from safechat.types import Review
from safechat_server.console.store import CaseState, ConsoleTables, Note

MAX_QUEUE = 500
"""Most cases the queue page lists."""

MAX_WINDOW_KEPT = 20
"""Most messages of the same conversation, kept with other cases, shown in a case's window."""


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One open case in the queue."""

    report: Report
    escalated: bool

    @property
    def urgent(self) -> bool:
        """True for a review the engine marked urgent."""
        return self.report.review is Review.URGENT


def queue_order(item: QueueItem) -> tuple[int, str, str]:
    """Urgent first, then the oldest (then by id, so the order is stable)."""
    return (0 if item.urgent else 1, item.report.created_at, item.report.report_id)


def open_queue(store: ConsoleTables, *, limit: int = MAX_QUEUE) -> list[QueueItem]:
    """The open and in-review cases, urgent first, then the oldest."""
    escalated = store.escalated_ids()
    reports = [
        report
        for status in (ReportStatus.OPEN, ReportStatus.IN_REVIEW)
        for report in store.list(ReportFilter(status=status))
    ]
    items = [QueueItem(report, report.report_id in escalated) for report in reports]
    return sorted(items, key=queue_order)[:limit]


@dataclass(frozen=True, slots=True)
class WindowLine:
    """One message of a case's conversation window, as kept evidence (text excluded from ``repr``)."""

    text: str = field(repr=False)
    role: str  # "earlier" (context sent with the report), "reported" (this case), "kept" (another case)
    report_id: str | None = None
    at: str | None = None


@dataclass(frozen=True, slots=True)
class CaseView:
    """Everything the case page shows."""

    report: Report
    state: CaseState
    window: tuple[WindowLine, ...]
    earlier_cases: tuple[Report, ...]
    history: tuple[StatusChange, ...]
    notes: tuple[Note, ...]


def conversation_window(store: ConsoleTables, report: Report) -> tuple[WindowLine, ...]:
    """The reported message in its conversation: the earlier messages sent with the report, the
    message itself, and the messages of the same conversation kept with other cases (by time)."""
    lines = [WindowLine(text, "earlier") for text in report.evidence.context]
    own = WindowLine(report.evidence.text or "", "reported", report.report_id, report.created_at)
    kept: list[WindowLine] = []
    if report.conversation_id:
        others = store.list(ReportFilter(conversation_id=report.conversation_id))
        seen = {report.evidence.text}
        for other in others:
            text = other.evidence.text
            if other.report_id == report.report_id or text is None or text in seen:
                continue
            seen.add(text)
            kept.append(WindowLine(text, "kept", other.report_id, other.created_at))
    kept = kept[-MAX_WINDOW_KEPT:]
    before = [line for line in kept if (line.at or "") < report.created_at]
    after = [line for line in kept if (line.at or "") >= report.created_at]
    return (*lines, *before, own, *after)


def earlier_cases(store: ConsoleTables, report: Report) -> tuple[Report, ...]:
    """The cases about the same user (the reported writer) created before this one, newest first."""
    if not report.reported_id:
        return ()
    same: Sequence[Report] = store.list(ReportFilter(reported_id=report.reported_id))
    return tuple(
        sorted(
            (r for r in same if r.report_id != report.report_id and r.created_at <= report.created_at),
            key=lambda r: r.created_at,
            reverse=True,
        )
    )


def case_view(store: ConsoleTables, report: Report) -> CaseView:
    """The case page of ``report``."""
    return CaseView(
        report=report,
        state=store.case_state(report.report_id),
        window=conversation_window(store, report),
        earlier_cases=earlier_cases(store, report),
        history=tuple(store.history(report.report_id)),
        notes=tuple(store.notes(report.report_id)),
    )
