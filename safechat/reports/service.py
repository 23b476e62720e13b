"""Taking a report: validate the fields, gather the evidence, store it durably, acknowledge.

:class:`ReportService` is what :meth:`safechat.Moderator.report` and the sidecar's
``SubmitReport`` use. The store is opened on first use, not before. No report text or detail
ever reaches a log line or an exception: logs carry a salted hash and the length
(:func:`safechat.privacy.describe`).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from safechat.errors import InvalidInputError
from safechat.privacy import describe
from safechat.reports.review import review_report
from safechat.reports.store import DEFAULT_REPORT_STORE, ReportStore, open_report_store
from safechat.reports.types import (
    MAX_CONTEXT_MESSAGES,
    MAX_DETAILS_CHARS,
    MAX_ID_CHARS,
    Report,
    ReportEvidence,
    ReportReason,
    ReportReceipt,
    ReportStatus,
    utc_now,
)
from safechat.types import AgeBand, Decision, Prompt

if TYPE_CHECKING:
    from safechat.engine import Moderator

logger = logging.getLogger("safechat.reports")

MAX_LOCALE_CHARS = 35
"""Longest locale tag accepted."""


@dataclass(frozen=True, slots=True)
class ReportFields:
    """The validated fields of one report, before evidence is gathered."""

    reporter_id: str
    reported_id: str
    reason: ReportReason
    details: str | None
    conversation_id: str | None
    message_id: str | None
    text: str | None
    context: tuple[str, ...]
    age_band: AgeBand
    locale: str
    country: str | None
    idempotency_key: str | None


class InvalidReportField(InvalidInputError):
    """A report field that cannot be taken: ``field`` names it, ``problem`` says why (never the text)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field} {problem}")
        self.field = field
        self.problem = problem


def _id(name: str, value: object, *, required: bool) -> str | None:
    if value is None or value == "":
        if required:
            raise InvalidReportField(name, "must not be empty")
        return None
    if not isinstance(value, str):
        raise InvalidReportField(name, f"must be str, not {type(value).__name__}")
    if required and not value.strip():
        raise InvalidReportField(name, "must not be blank")
    if len(value) > MAX_ID_CHARS:
        raise InvalidReportField(name, f"is {len(value)} characters; the limit is {MAX_ID_CHARS}")
    return value


def _reason(value: object) -> ReportReason:
    if isinstance(value, ReportReason):
        return value
    if isinstance(value, str):
        try:
            return ReportReason(value.strip().lower())
        except ValueError:
            pass
    choices = ", ".join(r.value for r in ReportReason)
    raise InvalidReportField("reason", f"must be one of {choices}")


def _text(name: str, value: object, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidReportField(name, f"must be str, not {type(value).__name__}")
    if len(value) > limit:
        raise InvalidReportField(name, f"is {len(value)} characters; the limit is {limit}")
    return value if value.strip() else None


def _context(value: object, limit: int) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidReportField("context", "must be a sequence of message texts, not a single string")
    if len(value) > MAX_CONTEXT_MESSAGES:
        raise InvalidReportField("context", f"has {len(value)} messages; the limit is {MAX_CONTEXT_MESSAGES}")
    texts: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise InvalidReportField(f"context[{index}]", f"must be str, not {type(item).__name__}")
        if len(item) > limit:
            raise InvalidReportField(f"context[{index}]", f"is {len(item)} characters; the limit is {limit}")
        texts.append(item)
    return tuple(texts)


def validate(
    *,
    reporter_id: object,
    reported_id: object,
    reason: object,
    details: object = None,
    conversation_id: object = None,
    message_id: object = None,
    text: object = None,
    context: object = (),
    age_band: AgeBand | str | None = None,
    locale: object = "en",
    country: object = None,
    idempotency_key: object = None,
    max_text_chars: int,
) -> ReportFields:
    """Check every field of a report.

    Raises:
        InvalidReportField: an :class:`InvalidInputError` naming the field and the limit, never
            the text.
    """
    if not isinstance(locale, str) or len(locale) > MAX_LOCALE_CHARS:
        raise InvalidReportField("locale", f"must be a language tag of at most {MAX_LOCALE_CHARS} characters")
    if country is not None and (
        not isinstance(country, str) or (country != "" and (len(country) != 2 or not country.isalpha()))
    ):
        raise InvalidReportField("country", "must be an ISO 3166-1 alpha-2 code")
    return ReportFields(
        reporter_id=_id("reporter_id", reporter_id, required=True) or "",
        reported_id=_id("reported_id", reported_id, required=True) or "",
        reason=_reason(reason),
        details=_text("details", details, MAX_DETAILS_CHARS),
        conversation_id=_id("conversation_id", conversation_id, required=False),
        message_id=_id("message_id", message_id, required=False),
        text=_text("text", text, max_text_chars),
        context=_context(context, max_text_chars),
        age_band=AgeBand.parse(age_band),
        locale=locale or "en",
        country=country or None,
        idempotency_key=_id("idempotency_key", idempotency_key, required=False),
    )


def _prompt_text(prompt: Prompt | None) -> str | None:
    return prompt.text if prompt is not None else None


def build_report(
    fields: ReportFields, decision: Decision | None, *, model_version: str, policy_version: str
) -> Report:
    """A new open report with its evidence; ``decision`` is the engine's on ``fields.text`` now."""
    now = utc_now()
    evidence = ReportEvidence(
        text=fields.text,
        context=fields.context,
        action=decision.action if decision is not None else None,
        scores=decision.scores if decision is not None else None,
        labels=decision.labels if decision is not None else (),
        reason_codes=tuple(r.code for r in decision.reasons) if decision is not None else (),
        fail_closed=decision.fail_closed if decision is not None else False,
        sender_prompt=_prompt_text(decision.sender_prompt) if decision is not None else None,
        recipient_prompt=_prompt_text(decision.recipient_prompt) if decision is not None else None,
    )
    return Report(
        report_id=str(uuid.uuid4()),
        created_at=now,
        updated_at=now,
        status=ReportStatus.OPEN,
        reason=fields.reason,
        reporter_id=fields.reporter_id,
        reported_id=fields.reported_id,
        details=fields.details,
        conversation_id=fields.conversation_id,
        message_id=fields.message_id,
        age_band=fields.age_band,
        locale=fields.locale,
        idempotency_key=fields.idempotency_key,
        model_version=model_version,
        policy_version=policy_version,
        evidence=evidence,
    )


class ReportService:
    """Takes reports into one store, opened on first use. Thread-safe.

    Args:
        store: a store URL (see :func:`~safechat.reports.store.open_report_store`) or a store.
    """

    def __init__(self, store: str | ReportStore = DEFAULT_REPORT_STORE) -> None:
        self._target = store
        self._store: ReportStore | None = None if isinstance(store, str) else store
        self._lock = threading.Lock()

    @property
    def store(self) -> ReportStore:
        """The store, opened now if this is its first use.

        Raises:
            ReportStoreError: the store cannot be opened.
        """
        with self._lock:
            if self._store is None:
                assert isinstance(self._target, str)
                self._store = open_report_store(self._target)
            return self._store

    def submit(self, moderator: Moderator, fields: ReportFields) -> ReportReceipt:
        """Gather the evidence with ``moderator``, store the report, return the receipt.

        Returns only once the report is durably stored. A report from the same reporter with
        an idempotency key already stored is not stored again; the receipt is the same.

        Raises:
            ReportStoreError: the report was not stored; retry with the same idempotency key.
        """
        decision = None
        if fields.text is not None:
            decision = moderator.moderate(fields.text, age_band=fields.age_band, locale=fields.locale)
        report = build_report(
            fields,
            decision,
            model_version=moderator.model_version,
            policy_version=moderator.policy_version,
        )
        stored = self.store.add(report)
        logger.info(
            "report %s stored reason=%s action=%s duplicate=%s text=(%s) context=%d",
            stored.report_id,
            stored.reason.value,
            stored.evidence.action.value if stored.evidence.action is not None else "none",
            stored.report_id != report.report_id,
            describe(fields.text) if fields.text is not None else "none",
            len(fields.context),
        )
        acknowledgement = moderator.prompts.acknowledgement(
            stored.age_band, stored.locale, country=fields.country
        )
        return ReportReceipt(
            report_id=stored.report_id,
            received_at=stored.created_at,
            status=ReportStatus.OPEN,
            acknowledgement=acknowledgement,
        )

    def queue_review(
        self,
        decision: Decision,
        *,
        text: str,
        message_id: str,
        sender_id: str | None = None,
        conversation_id: str | None = None,
    ) -> Report | None:
        """Queue ``decision`` for a person to look at, when it asks for review: a report from
        ``safechat`` (:mod:`safechat.reports.review`) with the review's priority and the message
        as evidence. Idempotent by ``message_id`` (within ``conversation_id`` when given): a
        message already queued is not stored again (the stored report comes back).

        Returns:
            The stored report; ``None`` when the decision asks for no review or ``message_id`` is
            empty (a review nobody can find the message of is not queued).

        Raises:
            ReportStoreError: the review was not stored.
        """
        if decision.review is None or not message_id:
            return None
        report = review_report(
            decision,
            review=decision.review,
            text=text,
            message_id=message_id,
            sender_id=sender_id,
            conversation_id=conversation_id,
        )
        stored = self.store.add(report)
        logger.info(
            "review %s queued priority=%s reason=%s action=%s duplicate=%s text=(%s)",
            stored.report_id,
            decision.review.value,
            stored.reason.value,
            decision.action.value,
            stored.report_id != report.report_id,
            describe(text),
        )
        return stored

    def close(self) -> None:
        """Close the store if it was opened."""
        with self._lock:
            if self._store is not None:
                self._store.close()
