"""Reports through the sidecar: SubmitReport, its validation, a kill -9 right after the answer,
the Node client, and the same store contract on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import grpc
import pytest

from safechat.engine import Moderator
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports import ReportFilter, ReportReason, ReportStatus, open_report_store
from safechat.reports.types import iso
from safechat.testing import FakeScorer
from safechat.types import Label
from safechat.v1 import moderation_pb2 as pb
from tests.server.conftest import ServeProcess, run_node_client, start_serve, stub
from tests.server.test_sidecar import _bad_request

ROOT = Path(__file__).resolve().parents[2]
GROOMING = "are you home alone? don't tell your parents"


def _request(**fields: Any) -> pb.SubmitReportRequest:
    base: dict[str, Any] = {
        "reporter_id": "u-7",
        "reported_id": "u-42",
        "reason": pb.REPORT_REASON_PII,
        "text": "add me on snap: lily_2013",
        "context": ["hi", "how old are you?"],
        "age_band": pb.AGE_BAND_13_15,
        "locale": "fr",
        "conversation_id": "c-1",
        "message_id": "m-3",
    }
    base.update(fields)
    return pb.SubmitReportRequest(**base)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reports.db'}"


def test_submit_report_stores_it_and_answers_with_the_acknowledgement(
    sidecar_factory: Any, real_moderator: Moderator, sqlite_url: str
) -> None:
    sidecar = sidecar_factory(real_moderator, reports={"store": sqlite_url})
    moderation = stub(sidecar.port)
    request = _request(idempotency_key="key-1", details="il insiste")
    answer = moderation.SubmitReport(request, timeout=10)
    assert answer.report_id and answer.received_at.endswith("+00:00")
    assert answer.status == pb.REPORT_STATUS_OPEN
    ack = answer.acknowledgement
    assert ack.locale == "fr" and ack.age_band == pb.AGE_BAND_13_15 and ack.role == pb.ROLE_SENDER
    assert list(ack.options) == [pb.PROMPT_OPTION_TALK_TO_SOMEONE] and ack.helpline.phone
    assert moderation.SubmitReport(request, timeout=10) == answer, "a retry gets the same receipt"

    report = open_report_store(sqlite_url).get(answer.report_id)
    assert report is not None
    assert report.reason is ReportReason.PII and report.details == "il insiste"
    assert report.evidence.text == "add me on snap: lily_2013"
    assert report.evidence.context == ("hi", "how old are you?")
    assert Label.PII in report.evidence.labels
    assert report.model_version == real_moderator.model_version
    assert len(open_report_store(sqlite_url).list(ReportFilter())) == 1


def test_an_unknown_reason_number_is_still_taken_as_other(
    sidecar_factory: Any, real_moderator: Moderator, sqlite_url: str
) -> None:
    sidecar = sidecar_factory(real_moderator, reports={"store": sqlite_url})
    answer = stub(sidecar.port).SubmitReport(_request(reason=99, text=""), timeout=10)
    report = open_report_store(sqlite_url).get(answer.report_id)
    assert report is not None and report.reason is ReportReason.OTHER and report.evidence.text is None


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"reporter_id": ""}, "reporter_id", "must not be empty"),
        ({"reported_id": " "}, "reported_id", "blank"),
        ({"reported_id": "x" * 300}, "reported_id", "the limit is 256"),
        ({"text": "x" * 5000}, "text", "the limit is 4096"),
        ({"details": "x" * 1001}, "details", "the limit is 1000"),
        ({"context": ["x"] * 11}, "context", "the limit is 10"),
        ({"context": ["ok", "x" * 5000]}, "context[1]", "the limit is 4096"),
        ({"age_band": 9}, "age_band", "unknown age band"),
        ({"locale": "en; drop"}, "locale", "language tag"),
        ({"country": "FRA"}, "country", "alpha-2"),
        ({"idempotency_key": "k" * 257}, "idempotency_key", "the limit is 256"),
    ],
)
def test_bad_fields_are_invalid_argument_naming_the_field(
    sidecar_factory: Any,
    real_moderator: Moderator,
    sqlite_url: str,
    fields: dict[str, Any],
    field: str,
    words: str,
) -> None:
    sidecar = sidecar_factory(real_moderator, reports={"store": sqlite_url})
    with pytest.raises(grpc.RpcError) as err:
        stub(sidecar.port).SubmitReport(_request(**fields), timeout=10)
    assert err.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    violation = _bad_request(err.value).field_violations[0]
    assert violation.field == field and words in violation.description
    assert "xxxx" not in (err.value.details() or "")


def test_not_ready_or_a_broken_store_is_unavailable_and_says_retry(
    sidecar_factory: Any, real_moderator: Moderator, tmp_path: Path
) -> None:
    loading = sidecar_factory(None, reports={"store": f"sqlite:///{tmp_path / 'r.db'}"})
    with pytest.raises(grpc.RpcError) as early:
        stub(loading.port).SubmitReport(_request(), timeout=10)
    assert early.value.code() is grpc.StatusCode.UNAVAILABLE
    broken = sidecar_factory(real_moderator, reports={"store": f"sqlite:///{tmp_path}"})  # a folder
    with pytest.raises(grpc.RpcError) as err:
        stub(broken.port).SubmitReport(_request(text=GROOMING), timeout=10)
    assert err.value.code() is grpc.StatusCode.UNAVAILABLE
    assert "idempotency_key" in (err.value.details() or "")
    assert "alone" not in (err.value.details() or "")


def _kill_9(served: ServeProcess) -> None:
    served.process.send_signal(signal.SIGKILL)
    assert served.process.wait(timeout=30) == -signal.SIGKILL


def test_an_acknowledged_report_survives_kill_9_of_the_server(sqlite_url: str) -> None:
    served = start_serve(env={"SAFECHAT_REPORT_STORE": sqlite_url})
    try:
        answer = stub(served.port).SubmitReport(_request(text=GROOMING, idempotency_key="k"), timeout=30)
        _kill_9(served)  # right after the answer: no shutdown, no checkpoint, no close
    finally:
        if served.process.poll() is None:
            served.process.kill()
    report = open_report_store(sqlite_url).get(answer.report_id)
    assert report is not None and report.evidence.text == GROOMING
    assert Label.GROOMING in report.evidence.labels


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_report_from_the_node_client_survives_kill_9_and_is_listed(
    kind: str, request: pytest.FixtureRequest, sqlite_url: str
) -> None:
    url = sqlite_url if kind == "sqlite" else str(request.getfixturevalue("postgres_url"))
    served = start_serve(env={"SAFECHAT_REPORT_STORE": url})
    try:
        result = run_node_client(served.address)
        _kill_9(served)
    finally:
        if served.process.poll() is None:
            served.process.kill()
    assert result.returncode == 0, result.stderr
    calls = {record["call"]: record for record in map(json.loads, result.stdout.splitlines())}
    receipt = calls["SubmitReport"]
    assert receipt["status"] == "REPORT_STATUS_OPEN" and receipt["acknowledgement"]
    listed = subprocess.run(
        [sys.executable, "-m", "safechat.cli.main", "reports", "list", "--store", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = listed.stdout.splitlines()
    (line,) = [entry for entry in lines if entry.startswith(receipt["report_id"] + "\t")]
    # the sidecar queued the escalated message for review once, beside the child's report
    (review,) = [entry for entry in lines if "reporter=safechat" in entry]
    assert "message=c-1-2" in review and "review=routine" in review
    assert len(lines) == 2
    assert "reporter=u-2" in line and "reported=u-1" in line and "message=c-1-2" in line
    assert "grooming" in line
    assert GROOMING not in listed.stdout


# --------------------------------------------------------------------------- one contract, two stores


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    return sqlite_url if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))


def _moderator(url: str) -> Moderator:
    scorer = FakeScorer({"idiot": {"bullying": 0.99}})
    return Moderator(scorer=scorer, policy=Policy.default(), prompts=PromptBook.load(), report_store=url)


def test_store_contract(store_url: str) -> None:
    engine = _moderator(store_url)
    first = engine.report(
        reporter_id="u-1", reported_id="u-9", reason="bullying", text="idiot", idempotency_key="k"
    )
    assert (
        engine.report(reporter_id="u-1", reported_id="u-9", reason="bullying", idempotency_key="k") == first
    )
    second = engine.report(reporter_id="u-2", reported_id="u-9", reason="spam", context=["a", "b"])
    store = open_report_store(store_url)
    assert [r.report_id for r in store.list(ReportFilter())] == [first.report_id, second.report_id]
    assert [r.report_id for r in store.list(ReportFilter(label="bullying"))] == [first.report_id]
    long_ago = iso(datetime.now(timezone.utc) - timedelta(days=100))
    store.set_status(first.report_id, ReportStatus.DISMISSED, actor="alice", note="ok", at=long_ago)
    assert [(c.actor, c.new_status) for c in store.history(first.report_id)] == [
        ("alice", ReportStatus.DISMISSED)
    ]
    assert [r.report_id for r in store.list(ReportFilter(status=ReportStatus.OPEN))] == [second.report_id]
    assert store.purge(closed_before=iso(datetime.now(timezone.utc) - timedelta(days=30))) == 1
    assert store.get(first.report_id) is None and store.history(first.report_id) == []
    stored = store.get(second.report_id)
    assert stored is not None and stored.evidence.context == ("a", "b")


def test_concurrent_retries_on_two_connections_store_one_report(store_url: str) -> None:
    engines = [_moderator(store_url) for _ in range(2)]
    receipts: list[Any] = []

    def send(engine: Moderator) -> None:
        for _ in range(5):
            receipts.append(
                engine.report(reporter_id="u-1", reported_id="u-2", reason="threat", idempotency_key="same")
            )

    threads = [threading.Thread(target=send, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(receipts) == 10 and len({r.report_id for r in receipts}) == 1
    assert len(open_report_store(store_url).list(ReportFilter())) == 1


def test_the_store_setting_reads_both_environment_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError
    from safechat_server.settings import ServerSettings

    assert ServerSettings().report_store_url == "sqlite:///safechat-reports.db"
    monkeypatch.setenv("SAFECHAT_REPORT_STORE", "sqlite:////var/lib/safechat/r.db")
    assert ServerSettings().report_store_url == "sqlite:////var/lib/safechat/r.db"
    monkeypatch.setenv("SAFECHAT_REPORTS__STORE", "postgresql://safechat@db/reports")
    assert ServerSettings().report_store_url == "postgresql://safechat@db/reports"
    monkeypatch.setenv("SAFECHAT_REPORTS__STORE", "mysql://db/reports")
    with pytest.raises(ValidationError, match=r"reports\.store"):
        ServerSettings()
