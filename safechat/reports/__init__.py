"""Children's reports: durably stored with their evidence, acknowledged kindly, reviewed by people.

Council of Europe PACE Resolution 2547, paragraph 5.3: reporting mechanisms and support for the
children affected. Take reports with :meth:`safechat.Moderator.report`; the safety team reads and
triages them with ``safechat reports`` (list, show, export, set-status, purge). Decisions that
ask for review (``Decision.review``) are queued in the same store (:mod:`safechat.reports.review`).
"""

from safechat.reports.review import REVIEW_REPORTER
from safechat.reports.service import ReportService
from safechat.reports.store import (
    DEFAULT_REPORT_STORE,
    REPORT_STORE_ENV,
    ReportStore,
    open_report_store,
)
from safechat.reports.types import (
    MAX_CONTEXT_MESSAGES,
    MAX_DETAILS_CHARS,
    MAX_ID_CHARS,
    Report,
    ReportEvidence,
    ReportFilter,
    ReportReason,
    ReportReceipt,
    ReportStatus,
    StatusChange,
)

__all__ = [
    "DEFAULT_REPORT_STORE",
    "MAX_CONTEXT_MESSAGES",
    "MAX_DETAILS_CHARS",
    "MAX_ID_CHARS",
    "REPORT_STORE_ENV",
    "REVIEW_REPORTER",
    "Report",
    "ReportEvidence",
    "ReportFilter",
    "ReportReason",
    "ReportReceipt",
    "ReportService",
    "ReportStatus",
    "ReportStore",
    "StatusChange",
    "open_report_store",
]
