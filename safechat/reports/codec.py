"""Reports to and from JSON-ready dicts (the stored body, ``reports show`` and ``reports export``)."""

from __future__ import annotations

from typing import Any

from safechat.reports.types import (
    Report,
    ReportEvidence,
    ReportReason,
    ReportStatus,
    StatusChange,
)
from safechat.types import Action, AgeBand, Label, Review, Scores


def _scores(raw: dict[str, float] | None) -> Scores | None:
    if raw is None:
        return None
    return Scores.from_values({Label(label): float(p) for label, p in raw.items()})


def report_to_dict(report: Report) -> dict[str, Any]:
    """Every field of ``report`` as JSON-ready values (includes the text: for the store and the team)."""
    evidence = report.evidence
    return {
        "report_id": report.report_id,
        "created_at": report.created_at,
        "updated_at": report.updated_at,
        "status": report.status.value,
        "reason": report.reason.value,
        "reporter_id": report.reporter_id,
        "reported_id": report.reported_id,
        "details": report.details,
        "conversation_id": report.conversation_id,
        "message_id": report.message_id,
        "age_band": report.age_band.value,
        "locale": report.locale,
        "idempotency_key": report.idempotency_key,
        "model_version": report.model_version,
        "policy_version": report.policy_version,
        "review": report.review.value if report.review is not None else None,
        "evidence": {
            "text": evidence.text,
            "context": list(evidence.context),
            "action": evidence.action.value if evidence.action is not None else None,
            "scores": evidence.scores.as_dict() if evidence.scores is not None else None,
            "labels": [label.value for label in evidence.labels],
            "reason_codes": list(evidence.reason_codes),
            "fail_closed": evidence.fail_closed,
            "sender_prompt": evidence.sender_prompt,
            "recipient_prompt": evidence.recipient_prompt,
        },
    }


def report_from_dict(data: dict[str, Any]) -> Report:
    """The :class:`Report` that :func:`report_to_dict` made.

    Raises:
        KeyError, ValueError: ``data`` is not a stored report.
    """
    raw = data["evidence"]
    action = raw["action"]
    evidence = ReportEvidence(
        text=raw["text"],
        context=tuple(str(t) for t in raw["context"]),
        action=Action(action) if action is not None else None,
        scores=_scores(raw["scores"]),
        labels=tuple(Label(label) for label in raw["labels"]),
        reason_codes=tuple(str(code) for code in raw["reason_codes"]),
        fail_closed=bool(raw["fail_closed"]),
        # reports stored before prompts were kept have none
        sender_prompt=raw.get("sender_prompt"),
        recipient_prompt=raw.get("recipient_prompt"),
    )
    return Report(
        report_id=str(data["report_id"]),
        created_at=str(data["created_at"]),
        updated_at=str(data["updated_at"]),
        status=ReportStatus(data["status"]),
        reason=ReportReason(data["reason"]),
        reporter_id=str(data["reporter_id"]),
        reported_id=str(data["reported_id"]),
        details=data["details"],
        conversation_id=data["conversation_id"],
        message_id=data["message_id"],
        age_band=AgeBand(data["age_band"]),
        locale=str(data["locale"]),
        idempotency_key=data["idempotency_key"],
        model_version=str(data["model_version"]),
        policy_version=str(data["policy_version"]),
        evidence=evidence,
        # reports stored before reviews existed have no "review"
        review=Review(data["review"]) if data.get("review") is not None else None,
    )


def change_to_dict(change: StatusChange) -> dict[str, Any]:
    """One audit entry as JSON-ready values."""
    return {
        "at": change.at,
        "actor": change.actor,
        "from": change.old_status.value,
        "to": change.new_status.value,
        "note": change.note,
    }
