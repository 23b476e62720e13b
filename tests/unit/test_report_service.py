"""The report service's details that the store-level tests do not pin down (found by mutation
testing of ``safechat/reports/``, docs/mutation-testing.md): the evidence of a report and of a
queued review field by field, the decision taken for the reader's band and locale, the
acknowledgement's helpline country, the receipt, and the figures of the log lines (never the
text)."""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from safechat.engine import Moderator
from safechat.errors import ReportStoreError
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports import open_report_store
from safechat.reports.review import REVIEW_REPORTER, review_key, review_reason, review_report
from safechat.reports.service import ReportService, build_report, validate
from safechat.reports.types import Report, ReportEvidence, ReportReason, ReportStatus, iso, parse_iso, utc_now
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand, Decision, Label, Reason, ReasonSource, Review

PROMPTS = PromptBook.load()
TEXT = "you are an idiot and everyone hates you"


def _moderator(store: str) -> Moderator:
    return Moderator(
        scorer=FakeScorer({"idiot": {"bullying": 0.99}}),
        policy=Policy.default(),
        prompts=PROMPTS,
        report_store=store,
    )


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reports.db'}"


def test_a_report_s_evidence_is_the_decision_field_by_field(url: str) -> None:
    moderator = _moderator(url)
    decision = moderator.moderate(TEXT, age_band="16_17", locale="fr")
    assert decision.sender_prompt is not None and decision.recipient_prompt is not None  # the premise
    fields = validate(
        reporter_id="u-1",
        reported_id="u-2",
        reason="bullying",
        details="every day",
        conversation_id="c-1",
        message_id="m-1",
        text=TEXT,
        context=["hi"],
        age_band="16_17",
        locale="fr",
        idempotency_key="k-1",
        max_text_chars=1000,
    )
    report = build_report(fields, decision, model_version="model 1", policy_version="policy 2")
    assert report.evidence == ReportEvidence(
        text=TEXT,
        context=("hi",),
        action=decision.action,
        scores=decision.scores,
        labels=decision.labels,
        reason_codes=tuple(r.code for r in decision.reasons),
        fail_closed=False,
        sender_prompt=decision.sender_prompt.text,
        recipient_prompt=decision.recipient_prompt.text,
    )
    uuid.UUID(report.report_id)
    assert report == Report(
        report_id=report.report_id,
        created_at=report.created_at,
        updated_at=report.created_at,
        status=ReportStatus.OPEN,
        reason=ReportReason.BULLYING,
        reporter_id="u-1",
        reported_id="u-2",
        details="every day",
        conversation_id="c-1",
        message_id="m-1",
        age_band=AgeBand.AGE_16_17,
        locale="fr",
        idempotency_key="k-1",
        model_version="model 1",
        policy_version="policy 2",
        evidence=report.evidence,
    )


def test_a_report_without_a_decision_has_empty_evidence() -> None:
    fields = validate(reporter_id="u-1", reported_id="u-2", reason="spam", max_text_chars=10)
    evidence = build_report(fields, None, model_version="m", policy_version="p").evidence
    assert evidence == ReportEvidence(
        text=None,
        context=(),
        action=None,
        scores=None,
        labels=(),
        reason_codes=(),
        fail_closed=False,
        sender_prompt=None,
        recipient_prompt=None,
    )


def test_a_failed_decision_s_evidence_says_so() -> None:
    fields = validate(reporter_id="u-1", reported_id="u-2", reason="spam", text="hi", max_text_chars=10)
    failed = Decision(Action.ESCALATE, None, (), (), None, None, fail_closed=True)
    assert build_report(fields, failed, model_version="m", policy_version="p").evidence.fail_closed


def test_the_stored_decision_is_the_one_for_the_reader_s_band_and_locale(url: str) -> None:
    moderator = _moderator(url)
    receipt = moderator.report(
        reporter_id="u-1", reported_id="u-2", reason="bullying", text=TEXT, age_band="16_17", locale="de"
    )
    alone = moderator.moderate(TEXT, age_band="16_17", locale="de")
    report = open_report_store(url).get(receipt.report_id)
    assert report is not None
    assert report.evidence.sender_prompt == alone.sender_prompt.text  # type: ignore[union-attr]
    assert report.evidence.recipient_prompt == alone.recipient_prompt.text  # type: ignore[union-attr]
    assert report.evidence.action is alone.action
    assert report.model_version == moderator.model_version
    assert report.policy_version == moderator.policy_version
    assert receipt.report_id == report.report_id and receipt.received_at == report.created_at
    assert receipt.status is ReportStatus.OPEN


def test_the_acknowledgement_names_the_given_country_s_helpline(url: str) -> None:
    receipt = _moderator(url).report(
        reporter_id="u-1", reported_id="u-2", reason="threat", locale="fr", country="BE", age_band="13_15"
    )
    assert receipt.acknowledgement == PROMPTS.acknowledgement(AgeBand.AGE_13_15, "fr", country="BE")
    assert receipt.acknowledgement.helpline is not None
    assert receipt.acknowledgement.helpline.country == "BE"


def _log_args(caplog: pytest.LogCaptureFixture) -> list[tuple[object, ...]]:
    return [r.args for r in caplog.records if r.name == "safechat.reports" and isinstance(r.args, tuple)]


def test_a_stored_report_is_logged_with_its_figures_never_its_text(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    moderator = _moderator(url)
    caplog.set_level(logging.INFO, logger="safechat.reports")
    fields = {"reporter_id": "u-1", "reported_id": "u-2", "reason": "hate", "idempotency_key": "k"}
    first = moderator.report(**fields, text=TEXT, context=["a", "b"])
    moderator.report(**fields, text=TEXT, context=["a", "b"])
    moderator.report(reporter_id="u-3", reported_id="u-2", reason="spam")
    logged = _log_args(caplog)
    assert len(logged) == 3
    report_id, reason, action, duplicate, described, context = logged[0]
    assert (report_id, reason, duplicate, context) == (first.report_id, "hate", False, 2)
    assert action in {a.value for a in Action} and action != "allow"
    assert isinstance(described, str) and re.fullmatch(r"fp=[0-9a-f]{12} len=39", described)
    assert logged[1][0] == first.report_id and logged[1][3] is True  # the retry: a duplicate
    assert logged[2][1:] == ("spam", "none", False, "none", 0)  # no text: no decision, no action
    for record in caplog.records:
        assert TEXT not in record.getMessage()


def test_a_review_is_queued_once_with_its_evidence_and_logged_without_text(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    service = ReportService(url)
    decision = Decision(
        Action.BLOCK,
        None,
        (Label.SELF_HARM,),
        (
            Reason(
                "rule.self_harm.imminent",
                Label.SELF_HARM,
                ReasonSource.RULE,
                Action.BLOCK,
                review=Review.URGENT,
            ),
        ),
        None,
        None,
        age_band=AgeBand.AGE_13_15,
        locale="pl",
        model_version="m 1",
        policy_version="p 2",
        review=Review.URGENT,
    )
    caplog.set_level(logging.INFO, logger="safechat.reports")
    stored = service.queue_review(
        decision, text=TEXT, message_id="m-5", sender_id="s-1", conversation_id="c-1"
    )
    assert stored is not None
    again = service.queue_review(
        decision, text=TEXT, message_id="m-5", sender_id="s-1", conversation_id="c-1"
    )
    assert again is not None and again.report_id == stored.report_id
    assert service.store.get(stored.report_id) == stored
    assert (stored.reporter_id, stored.reported_id, stored.review) == (REVIEW_REPORTER, "s-1", Review.URGENT)
    assert (stored.conversation_id, stored.message_id) == ("c-1", "m-5")
    assert (stored.age_band, stored.locale) == (AgeBand.AGE_13_15, "pl")
    assert (stored.model_version, stored.policy_version) == ("m 1", "p 2")
    assert stored.reason is ReportReason.SELF_HARM and stored.idempotency_key == "3:c-1:m-5"
    assert stored.evidence.text == TEXT and stored.evidence.action is Action.BLOCK
    assert stored.evidence.reason_codes == ("rule.self_harm.imminent",)
    logged = _log_args(caplog)
    assert [args[0] for args in logged] == [stored.report_id, stored.report_id]
    assert [args[1:5] for args in logged] == [
        ("urgent", "self_harm", "block", False),
        ("urgent", "self_harm", "block", True),
    ]
    assert all(re.fullmatch(r"fp=[0-9a-f]{12} len=39", str(args[5])) for args in logged)
    for record in caplog.records:
        assert TEXT not in record.getMessage()
    assert None is service.queue_review(decision, text=TEXT, message_id="")  # nobody could find it
    calm = Decision(Action.ALLOW, None, (), (), None, None)
    assert None is service.queue_review(calm, text=TEXT, message_id="m-6")
    service.close()


def test_review_keys_and_reasons() -> None:
    assert review_key("m-1") == review_key("m-1", "") == review_key("m-1", None) == "m-1"
    assert review_key("2", "1:3") == "3:1:3:2" != review_key("3:2", "1")  # no two pairs share a key
    asked = Reason("model.hate.review", Label.HATE, ReasonSource.MODEL, Action.ALLOW, review=Review.ROUTINE)
    other = Reason("rule.threat", Label.THREAT, ReasonSource.RULE, Action.BLOCK)
    decision = Decision(
        Action.BLOCK, None, (Label.THREAT, Label.HATE), (other, asked), None, None, review=Review.ROUTINE
    )
    assert review_reason(decision) is ReportReason.HATE  # the reason that asked for the review
    plain = Decision(Action.BLOCK, None, (Label.THREAT,), (other,), None, None, review=Review.ROUTINE)
    assert review_reason(plain) is ReportReason.THREAT  # else the first label
    swearing = Decision(Action.WARN, None, (Label.PROFANITY,), (), None, None, review=Review.ROUTINE)
    assert review_reason(swearing) is ReportReason.OTHER
    assert review_reason(Decision(Action.ESCALATE, None, (), (), None, None)) is ReportReason.OTHER


def test_a_review_report_without_a_sender_has_an_empty_reported_id() -> None:
    decision = Decision(Action.ESCALATE, None, (), (), None, None, review=Review.ROUTINE)
    report = review_report(decision, review=Review.ROUTINE, text="t", message_id="m")
    assert report.reported_id == "" and report.conversation_id is None and report.idempotency_key == "m"
    assert report.status is ReportStatus.OPEN and report.created_at == report.updated_at
    assert report.details is None and report.evidence.context == ()


def test_the_store_opens_on_first_use_and_closes(url: str, tmp_path: Path) -> None:
    service = ReportService(url)
    assert not (tmp_path / "reports.db").exists()
    service.close()  # nothing opened: nothing to close
    assert not (tmp_path / "reports.db").exists()
    store = service.store
    assert service.store is store and (tmp_path / "reports.db").exists()
    service.close()


def test_a_review_s_evidence_is_the_decision_field_by_field(url: str) -> None:
    decision = _moderator(url).moderate(TEXT, age_band="13_15", locale="it")
    assert decision.scores is not None and decision.sender_prompt is not None  # the premise
    assert decision.recipient_prompt is not None
    sender, recipient = decision.sender_prompt.text, decision.recipient_prompt.text
    decision = replace(decision, fail_closed=True, review=Review.ROUTINE)
    report = review_report(decision, review=Review.ROUTINE, text=TEXT, message_id="m")
    assert report.evidence == ReportEvidence(
        text=TEXT,
        context=(),
        action=decision.action,
        scores=decision.scores,
        labels=decision.labels,
        reason_codes=tuple(r.code for r in decision.reasons),
        fail_closed=True,
        sender_prompt=sender,
        recipient_prompt=recipient,
    )


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time five hours behind UTC (times must not depend on it)."""
    monkeypatch.setenv("TZ", "EST+05")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_report_times_are_utc_whatever_the_local_time() -> None:
    assert datetime(2026, 12, 6, 10, 0).astimezone().utcoffset() == timedelta(hours=-5)  # the premise
    assert iso(datetime(2026, 12, 6, 10, 0)) == "2026-12-06T10:00:00.000000+00:00"  # naive counts as UTC
    assert (
        iso(datetime(2026, 12, 6, 12, 0, tzinfo=timezone(timedelta(hours=2))))
        == "2026-12-06T10:00:00.000000+00:00"
    )
    before = datetime.now(timezone.utc)
    now = datetime.fromisoformat(utc_now())
    after = datetime.now(timezone.utc)
    assert now.utcoffset() == timedelta(0) and before <= now <= after


@pytest.mark.parametrize(
    "value",
    [
        "2026-12-06T10:00:00Z",
        "2026-12-06T10:00:00z",
        " 2026-12-06T10:00:00+00:00 ",
        "2026-12-06T11:00:00+01:00",
        "2026-12-06T10:00:00",
    ],
)
@pytest.mark.usefixtures("new_york")
def test_parse_iso_reads_a_zone_or_utc(value: str) -> None:
    assert parse_iso(value) == "2026-12-06T10:00:00.000000+00:00"


@pytest.mark.parametrize("url", ["postgresql://safety@db/reports", "postgres://safety@db:5432/reports"])
def test_postgres_urls_open_a_postgres_store_with_the_url(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from safechat.reports import postgres_store

    opened: list[str] = []

    class Recorder:
        def __init__(self, given: str) -> None:
            opened.append(given)

    monkeypatch.setattr(postgres_store, "PostgresReportStore", Recorder)
    assert isinstance(open_report_store(url), Recorder)
    assert opened == [url]


def test_a_postgres_store_without_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "safechat.reports.postgres_store", None)  # as if psycopg were missing
    with pytest.raises(ReportStoreError) as err:
        open_report_store("postgresql://safety:secret@db/reports")
    assert str(err.value) == "a postgresql:// report store needs psycopg: pip install 'safechat[postgres]'"


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("mysql://root:pw@db:3306/x", "mysql"),
        ("reports.db", "reports.db"),
        ("a-very-long-file-name-without-scheme", "a-very-long-file"),
    ],
)
def test_an_unknown_report_store_names_only_its_scheme(url: str, scheme: str) -> None:
    with pytest.raises(ReportStoreError) as err:
        open_report_store(url)
    assert (
        str(err.value) == f"unknown report store {scheme!r}: use sqlite:///path or postgresql://user@host/db"
    )
