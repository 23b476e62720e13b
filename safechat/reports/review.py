"""Decisions queued for review: a person looks at a message whatever its action.

A decision with ``review`` (``routine`` or ``urgent``) is stored as a report from the engine
itself (reporter :data:`REVIEW_REPORTER`), with the review's priority, the message text and the
decision as evidence, so the safety team finds it beside children's reports (``safechat reports
list --review urgent``) and it is kept and purged under the same retention rules. The message id
(with the conversation id, when given: apps often number messages per conversation) is the
idempotency key: a message is queued once, however often it is moderated.
"""

from __future__ import annotations

import uuid

from safechat.reports.types import Report, ReportEvidence, ReportReason, ReportStatus, utc_now
from safechat.types import AgeBand, Decision, Label, Review

REVIEW_REPORTER = "safechat"
"""The ``reporter_id`` of every review the engine queues (no user id is ever this string's
owner: app ids are the app's own, and a review is told apart by ``Report.review`` too)."""

_REASONS = {reason.value: reason for reason in ReportReason}


def review_key(message_id: str, conversation_id: str | None = None) -> str:
    """The idempotency key of a message's review: its id, prefixed by its conversation's when
    given (length-prefixed, so that no two pairs of ids share a key)."""
    if not conversation_id:
        return message_id
    return f"{len(conversation_id)}:{conversation_id}:{message_id}"


def review_reason(decision: Decision) -> ReportReason:
    """The report reason of a queued review: the label of the first reason that asks for the
    decision's review (else the decision's first label), ``other`` when it has none or it is not
    a report reason (profanity)."""
    labels: list[Label] = [
        r.label for r in decision.reasons if r.label is not None and r.review is decision.review
    ]
    labels += list(decision.labels)
    return _REASONS.get(labels[0].value, ReportReason.OTHER) if labels else ReportReason.OTHER


def review_report(
    decision: Decision,
    *,
    review: Review,
    text: str,
    message_id: str,
    sender_id: str | None = None,
    conversation_id: str | None = None,
) -> Report:
    """A new open report that queues ``decision`` for review with priority ``review``.

    ``reported_id`` is the writer (``sender_id``; empty when not given), ``age_band`` and
    ``locale`` are the decision's (the reader's band), ``idempotency_key`` is
    :func:`review_key`.
    """
    now = utc_now()
    evidence = ReportEvidence(
        text=text,
        context=(),
        action=decision.action,
        scores=decision.scores,
        labels=decision.labels,
        reason_codes=tuple(r.code for r in decision.reasons),
        fail_closed=decision.fail_closed,
        sender_prompt=decision.sender_prompt.text if decision.sender_prompt is not None else None,
        recipient_prompt=decision.recipient_prompt.text if decision.recipient_prompt is not None else None,
    )
    return Report(
        report_id=str(uuid.uuid4()),
        created_at=now,
        updated_at=now,
        status=ReportStatus.OPEN,
        reason=review_reason(decision),
        reporter_id=REVIEW_REPORTER,
        reported_id=sender_id or "",
        details=None,
        conversation_id=conversation_id,
        message_id=message_id,
        age_band=AgeBand.parse(decision.age_band),
        locale=decision.locale,
        idempotency_key=review_key(message_id, conversation_id),
        model_version=decision.model_version,
        policy_version=decision.policy_version,
        evidence=evidence,
        review=review,
    )
