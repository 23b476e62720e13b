"""Retention: a closed case's evidence is deleted ``retention_days`` after its last change, and
each deletion is audited. Open and in-review cases are kept: a case nobody has decided is never
lost. Audit entries (ids and actions, no text) are kept."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from safechat.reports.types import ReportFilter, ReportStatus, iso
from safechat_server.console import audit
from safechat_server.console.store import ConsoleTables

logger = logging.getLogger("safechat.console")


def apply_retention(store: ConsoleTables, *, days: int, now: datetime | None = None) -> list[str]:
    """Delete the closed cases last changed more than ``days`` ago; returns their ids.

    Each deleted case gets an audit entry (actor ``retention``) naming it; its notes go with it.
    """
    moment = now if now is not None else datetime.now(timezone.utc)
    cutoff = iso(moment - timedelta(days=days))
    doomed = [
        report.report_id
        for status in (ReportStatus.ACTIONED, ReportStatus.DISMISSED)
        for report in store.list(ReportFilter(status=status))
        if report.updated_at < cutoff
    ]
    if not doomed:
        return []
    store.purge(closed_before=cutoff)
    deleted = [report_id for report_id in doomed if store.get(report_id) is None]
    for report_id in deleted:
        store.forget_case(report_id)
        audit.record(
            store, audit.RETENTION_ACTOR, audit.RETENTION_DELETE, report_id=report_id, detail=f"days={days}"
        )
    logger.info("retention deleted %d closed cases older than %d days", len(deleted), days)
    return deleted
