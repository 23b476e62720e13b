"""``SubmitReport``: proto <-> report fields and receipts. Validation names the field, never the text."""

from __future__ import annotations

from safechat.reports.service import InvalidReportField, ReportFields, validate
from safechat.reports.types import ReportReason, ReportReceipt, ReportStatus
from safechat.v1 import moderation_pb2 as pb
from safechat_server.convert import FieldProblem, InvalidField, age_band, check_locale, prompt_to_pb

_REASONS = {pb.ReportReason.Value(f"REPORT_REASON_{reason.name}"): reason for reason in ReportReason}
_STATUSES = {status: pb.ReportStatus.Value(f"REPORT_STATUS_{status.name}") for status in ReportStatus}


def report_fields(request: pb.SubmitReportRequest, *, max_text_chars: int) -> ReportFields:
    """The validated fields of a report request.

    An unknown reason number (from a newer client) is taken as ``other``: a child's report is
    never refused for its reason.

    Raises:
        InvalidField: a missing reporter or reported id, an over-long text, details or id, too
            many context messages, an unknown age band, a malformed locale or country.
    """
    band = age_band(request.age_band, "age_band")
    locale, country = request.locale, request.country
    check_locale(locale, country)
    try:
        return validate(
            reporter_id=request.reporter_id,
            reported_id=request.reported_id,
            reason=_REASONS.get(request.reason, ReportReason.OTHER),
            details=request.details or None,
            conversation_id=request.conversation_id or None,
            message_id=request.message_id or None,
            text=request.text or None,
            context=list(request.context),
            age_band=band,
            locale=locale or "en",
            country=country or None,
            idempotency_key=request.idempotency_key or None,
            max_text_chars=max_text_chars,
        )
    except InvalidReportField as err:
        raise InvalidField(FieldProblem(err.field, err.problem)) from None


def receipt_to_pb(receipt: ReportReceipt) -> pb.SubmitReportResponse:
    """The protobuf form of a receipt."""
    return pb.SubmitReportResponse(
        report_id=receipt.report_id,
        received_at=receipt.received_at,
        status=_STATUSES[receipt.status],
        acknowledgement=prompt_to_pb(receipt.acknowledgement),
    )
