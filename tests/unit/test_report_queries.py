"""The report store's queries that the safety team's filters rely on (found by mutation testing of
``safechat/reports/sql.py``, docs/mutation-testing.md): by the reported user, by conversation, by
any of a report's labels, and the audit trail's entries field by field."""

from __future__ import annotations

from pathlib import Path

from safechat.engine import Moderator
from safechat.errors import UnknownReportError
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports import ReportFilter, open_report_store
from safechat.reports.types import ReportStatus, StatusChange
from safechat.testing import FakeScorer
from safechat.types import Label


def _store_with_reports(tmp_path: Path) -> tuple[str, list[str]]:
    url = f"sqlite:///{tmp_path / 'reports.db'}"
    moderator = Moderator(
        scorer=FakeScorer({"idiot": {"bullying": 0.99, "hate": 0.95}}),
        policy=Policy.default(),
        prompts=PromptBook.load(),
        report_store=url,
    )
    ids = [
        moderator.report(
            reporter_id="r-1", reported_id="u-1", reason="other", conversation_id="c-1", text="idiot"
        ).report_id,
        moderator.report(
            reporter_id="r-2", reported_id="u-2", reason="spam", conversation_id="c-2"
        ).report_id,
        moderator.report(
            reporter_id="r-3", reported_id="u-1", reason="spam", conversation_id="c-2"
        ).report_id,
    ]
    return url, ids


def test_reports_are_found_by_reported_user_and_by_conversation(tmp_path: Path) -> None:
    url, (first, second, third) = _store_with_reports(tmp_path)
    store = open_report_store(url)
    assert [r.report_id for r in store.list(ReportFilter(reported_id="u-1"))] == [first, third]
    assert [r.report_id for r in store.list(ReportFilter(conversation_id="c-2"))] == [second, third]
    both = ReportFilter(reported_id="u-1", conversation_id="c-2")
    assert [r.report_id for r in store.list(both)] == [third]


def test_a_report_is_found_by_each_of_its_labels(tmp_path: Path) -> None:
    url, (first, _, _) = _store_with_reports(tmp_path)
    store = open_report_store(url)
    report = store.get(first)
    assert report is not None and {Label.BULLYING, Label.HATE} <= set(report.evidence.labels)  # the premise
    for label in report.evidence.labels:
        assert [r.report_id for r in store.list(ReportFilter(label=label.value))] == [first], label


def test_the_audit_trail_gives_back_each_change_as_made(tmp_path: Path) -> None:
    url, (first, _, _) = _store_with_reports(tmp_path)
    store = open_report_store(url)
    one = store.set_status(
        first, ReportStatus.IN_REVIEW, actor="safety-1", note="looking", at="2026-12-06T10:00:00.000000+00:00"
    )
    assert one == StatusChange(
        first,
        "2026-12-06T10:00:00.000000+00:00",
        "safety-1",
        ReportStatus.OPEN,
        ReportStatus.IN_REVIEW,
        "looking",
    )
    two = store.set_status(
        first, ReportStatus.ACTIONED, actor="safety-2", note=None, at="2026-12-06T11:00:00.000000+00:00"
    )
    assert store.history(first) == [one, two]
    try:
        store.set_status("nope", ReportStatus.DISMISSED, actor="a", note=None, at=one.at)
    except UnknownReportError as err:
        assert str(err) == "no report has id 'nope'"
    else:
        raise AssertionError("an unknown report id must be refused")
