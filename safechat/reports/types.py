"""Report value types: reasons, statuses, the stored report, its evidence, receipts and audit entries.

Every type is frozen. Fields that hold a child's words or message text (``details``,
``ReportEvidence.text``, ``ReportEvidence.context``) are excluded from ``repr`` so they never
reach a log line by accident.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone

from safechat.types import Action, AgeBand, Label, Prompt, Review, Scores

MAX_ID_CHARS = 256
"""Longest reporter, reported-user, conversation, message or idempotency id accepted."""

MAX_DETAILS_CHARS = 1000
"""Longest ``details`` (the child's own words about what happened), in characters."""

MAX_CONTEXT_MESSAGES = 10
"""Most earlier messages a report may carry as context."""


class ReportReason(str, enum.Enum):
    """Why a child reports someone: the harms of the prompts' report button, plus spam and other."""

    BULLYING = "bullying"
    HATE = "hate"
    THREAT = "threat"
    SEXUAL = "sexual"
    GROOMING = "grooming"
    SELF_HARM = "self_harm"
    PII = "pii"
    SPAM = "spam"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class ReportStatus(str, enum.Enum):
    """Where a report is in the safety team's workflow."""

    OPEN = "open"
    IN_REVIEW = "in_review"
    ACTIONED = "actioned"
    DISMISSED = "dismissed"

    def __str__(self) -> str:
        return self.value

    @property
    def closed(self) -> bool:
        """True for ``actioned`` and ``dismissed``: a person has finished with the report."""
        return self in (ReportStatus.ACTIONED, ReportStatus.DISMISSED)


def utc_now() -> str:
    """The current time in UTC as a fixed-width ISO 8601 string (sorts as text)."""
    return iso(datetime.now(timezone.utc))


def iso(moment: datetime) -> str:
    """``moment`` in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``; naive datetimes count as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_iso(value: str) -> str:
    """An ISO 8601 date or date-time (``Z`` accepted; no zone means UTC) in the form of :func:`iso`.

    Raises:
        ValueError: ``value`` is not an ISO 8601 date or date-time.
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return iso(datetime.fromisoformat(text))


@dataclass(frozen=True, slots=True)
class ReportEvidence:
    """What the engine decided about the reported message when the report arrived.

    Attributes:
        text: the reported message as given (excluded from ``repr``).
        context: up to :data:`MAX_CONTEXT_MESSAGES` earlier message texts, oldest first
            (excluded from ``repr``).
        action: the action the engine takes on ``text`` now.
        scores: calibrated probability in [0, 1] per label; ``None`` without text or when the
            decision failed closed before the model scored it.
        labels: the labels triggered, most severe first.
        reason_codes: the decision's reason codes, e.g. ``rule.pii.phone``.
        fail_closed: True when an internal error produced the decision.
        sender_prompt: the text of the prompt the decision shows the writer, if any.
        recipient_prompt: the text of the prompt the decision shows the reader, if any.
    """

    text: str | None = field(repr=False)
    context: tuple[str, ...] = field(repr=False)
    action: Action | None
    scores: Scores | None
    labels: tuple[Label, ...]
    reason_codes: tuple[str, ...]
    fail_closed: bool = False
    sender_prompt: str | None = None
    recipient_prompt: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A child's report as stored, with its evidence.

    Attributes:
        report_id: the store's id for the report (a UUID).
        created_at: when it was stored, UTC ISO 8601.
        updated_at: when its status last changed, UTC ISO 8601.
        status: where it is in the safety team's workflow.
        reason: why the child reported.
        reporter_id: the reporting user's id, as the app gave it.
        reported_id: the reported user's id, as the app gave it.
        details: the child's own words, at most :data:`MAX_DETAILS_CHARS` (excluded from ``repr``).
        conversation_id: the conversation, when given.
        message_id: the reported message, when given.
        age_band: the reporter's band (acknowledgement wording and the policy for the evidence).
        locale: the reporter's locale.
        idempotency_key: the client's key for retries; a retry with the same reporter and key
            returns the stored report.
        model_version: the model bundle that produced the evidence.
        policy_version: the policy that produced the evidence.
        evidence: the reported text, its context and the engine's decision on it.
        review: ``None`` for a child's report; ``routine`` or ``urgent`` for a decision the
            engine queued for review (reporter ``safechat``, see :mod:`safechat.reports.review`).
    """

    report_id: str
    created_at: str
    updated_at: str
    status: ReportStatus
    reason: ReportReason
    reporter_id: str
    reported_id: str
    details: str | None = field(repr=False)
    conversation_id: str | None
    message_id: str | None
    age_band: AgeBand
    locale: str
    idempotency_key: str | None
    model_version: str
    policy_version: str
    evidence: ReportEvidence
    review: Review | None = None


@dataclass(frozen=True, slots=True)
class ReportReceipt:
    """Returned once a report is durably stored; a retry with the same idempotency key gets an equal one.

    Attributes:
        report_id: the stored report's id (give it to the child's app, for follow-up).
        received_at: when the report was stored, UTC ISO 8601.
        status: the report's status when it was stored (``open``).
        acknowledgement: the kind prompt to show the child: what happens next and where to get
            help now, in the child's locale and age band, with the helpline.
    """

    report_id: str
    received_at: str
    status: ReportStatus
    acknowledgement: Prompt


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of a report's audit trail: who changed its status, from what, to what, when."""

    report_id: str
    at: str
    actor: str
    old_status: ReportStatus
    new_status: ReportStatus
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """Which reports to list or export; every criterion given must match.

    Attributes:
        since: only reports created at or after this UTC ISO 8601 time (see :func:`parse_iso`).
        status: only reports with this status.
        label: only reports whose reason is this, or whose evidence decision has this label.
        review: only reviews the engine queued with this priority.
        limit: at most this many, oldest first; ``None`` means all.
        reported_id: only reports about this user (the writer, for a queued review).
        conversation_id: only reports from this conversation.
    """

    since: str | None = None
    status: ReportStatus | None = None
    label: str | None = None
    review: Review | None = None
    limit: int | None = None
    reported_id: str | None = None
    conversation_id: str | None = None
