"""Building a case file from the store (see :mod:`safechat_server.console.export` for the format)."""

from __future__ import annotations

from typing import Any

from safechat.reports.codec import change_to_dict, report_to_dict
from safechat.reports.types import Report, utc_now
from safechat_server.console import audit
from safechat_server.console.export import FORMAT, chain
from safechat_server.console.queue import case_view
from safechat_server.console.store import ConsoleTables


def build_case_file(store: ConsoleTables, report: Report, *, actor: str) -> dict[str, Any]:
    """The case file of ``report``: header, the report with its evidence, its conversation window,
    status changes, notes, earlier cases about the same user and the case's audit entries; the
    export itself is audited with the file's head hash."""
    view = case_view(store, report)
    items: list[tuple[str, Any]] = [
        (
            "header",
            {"format": FORMAT, "report_id": report.report_id, "exported_at": utc_now(), "exported_by": actor},
        ),
        ("report", report_to_dict(report)),
        (
            "window",
            [{"role": line.role, "report_id": line.report_id, "text": line.text} for line in view.window],
        ),
        ("case", {"escalated": view.state.escalated, "outcome": view.state.outcome}),
    ]
    items += [("status_change", change_to_dict(change)) for change in view.history]
    items += [("note", {"at": note.at, "author": note.author, "text": note.body}) for note in view.notes]
    items += [("earlier_case", report_to_dict(earlier)) for earlier in view.earlier_cases]
    items += [
        ("audit", {"at": e.at, "actor": e.actor, "action": e.action, "detail": e.detail})
        for e in store.audit_log(report_id=report.report_id)
    ]
    document = chain(items)
    audit.record(store, actor, audit.EXPORT, report_id=report.report_id, detail=f"head={document['head']}")
    return document
