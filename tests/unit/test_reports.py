"""Children's reports on the embedded SQLite store: evidence, idempotency, validation, privacy,
the audit trail, retention and the ``safechat reports`` commands (no model: fake scorers)."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from safechat import InvalidInputError, ReportReason, ReportStatus, ReportStoreError
from safechat.cli.main import main
from safechat.engine import Moderator
from safechat.errors import UnknownReportError
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports import ReportFilter, ReportStore, open_report_store
from safechat.reports.types import iso, parse_iso
from safechat.testing import FailingScorer, FakeScorer
from safechat.types import Action, AgeBand, Label, PromptOption, Role

SECRET = "you are an idiot and everyone hates you"
DETAILS = "he says this every day at break"
PROMPTS = PromptBook.load()


def moderator(store: str | ReportStore, *, failing: bool = False, max_text_chars: int = 1000) -> Moderator:
    scorer = FailingScorer() if failing else FakeScorer({"idiot": {"bullying": 0.99}})
    return Moderator(
        scorer=scorer,
        policy=Policy.default(),
        prompts=PROMPTS,
        report_store=store,
        max_text_chars=max_text_chars,
    )


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reports.db'}"


def test_a_report_is_stored_with_its_evidence(url: str) -> None:
    receipt = moderator(url).report(
        reporter_id="u-7",
        reported_id="u-42",
        reason=ReportReason.BULLYING,
        conversation_id="c-1",
        message_id="m-9",
        text=SECRET,
        age_band="13_15",
        locale="fr-BE",
        context=["hi", "stop it"],
        details=DETAILS,
    )
    assert receipt.status is ReportStatus.OPEN
    store = open_report_store(url)  # a fresh connection: what is on disk
    report = store.get(receipt.report_id)
    assert report is not None
    assert (report.reporter_id, report.reported_id) == ("u-7", "u-42")
    assert (report.conversation_id, report.message_id) == ("c-1", "m-9")
    assert report.reason is ReportReason.BULLYING and report.status is ReportStatus.OPEN
    assert report.details == DETAILS
    assert report.age_band is AgeBand.AGE_13_15 and report.locale == "fr-BE"
    assert report.created_at == receipt.received_at == report.updated_at
    assert datetime.fromisoformat(report.created_at).utcoffset() == timedelta(0)
    assert report.model_version == "fake-scorer 0" and report.policy_version
    evidence = report.evidence
    assert evidence.text == SECRET and evidence.context == ("hi", "stop it")
    assert evidence.action is not None and evidence.action.severity >= Action.WARN.severity
    assert Label.BULLYING in evidence.labels
    assert evidence.scores is not None and set(evidence.scores) == set(Label)
    assert evidence.scores["bullying"] > 0.9
    assert any(code.startswith("model.bullying") for code in evidence.reason_codes)
    assert not evidence.fail_closed


def test_the_receipt_acknowledges_the_child_in_their_locale_and_band(url: str) -> None:
    receipt = moderator(url).report(
        reporter_id="u-7", reported_id="u-42", reason="threat", age_band=None, locale="de-AT"
    )
    ack = receipt.acknowledgement
    assert ack == PROMPTS.acknowledgement(AgeBand.UNDER_13, "de-AT")
    assert ack.locale == "de" and ack.age_band is AgeBand.UNDER_13
    assert ack.label is None and ack.role is Role.SENDER
    assert ack.options == (PromptOption.TALK_TO_SOMEONE,)
    assert ack.helpline is not None and ack.helpline.country == "AT"


def test_a_report_without_text_has_no_decision(url: str) -> None:
    receipt = moderator(url).report(reporter_id="u-1", reported_id="u-2", reason="spam")
    report = open_report_store(url).get(receipt.report_id)
    assert report is not None
    assert report.evidence.text is None and report.evidence.action is None
    assert report.evidence.scores is None and report.evidence.labels == ()


def test_a_failing_model_still_takes_the_report(url: str) -> None:
    receipt = moderator(url, failing=True).report(
        reporter_id="u-1", reported_id="u-2", reason="grooming", text="are you alone?"
    )
    report = open_report_store(url).get(receipt.report_id)
    assert report is not None
    assert report.evidence.fail_closed and report.evidence.action is Action.ESCALATE
    assert report.evidence.reason_codes == ("engine.fail_closed",)


def test_a_retry_with_the_same_key_is_stored_once_and_gets_the_same_receipt(url: str) -> None:
    engine = moderator(url)

    def send(reporter: str = "u-7") -> object:
        return engine.report(
            reporter_id=reporter, reported_id="u-42", reason="hate", text=SECRET, idempotency_key="k-1"
        )

    first, again = send(), send()
    assert again == first
    other = send("u-8")  # keys belong to a reporter
    assert other != first
    assert len(open_report_store(url).list(ReportFilter())) == 2


def test_concurrent_reports_are_all_kept(url: str) -> None:
    engine = moderator(url)
    errors: list[BaseException] = []

    def send(index: int) -> None:
        try:
            engine.report(reporter_id=f"u-{index}", reported_id="u-0", reason="bullying", text=SECRET)
            engine.report(reporter_id="u-x", reported_id="u-0", reason="spam", idempotency_key="same")
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(open_report_store(url).list(ReportFilter())) == 9


def test_the_store_opens_lazily_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    path = tmp_path / "lazy.db"
    engine = moderator(f"sqlite:///{path}")
    assert not path.exists(), "the store opens on the first report, not at load"
    engine.report(reporter_id="u-1", reported_id="u-2", reason="other")
    assert path.exists()
    assert path.stat().st_mode & 0o077 == 0, "children's reports are readable by the owner only"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store = engine.report_service.store
    assert store.__class__.__name__ == "SqliteReportStore"
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # type: ignore[attr-defined]  # FULL


def test_the_default_store_is_a_file_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    engine = Moderator(scorer=FakeScorer(), policy=Policy.default(), prompts=PROMPTS)
    engine.report(reporter_id="u-1", reported_id="u-2", reason="other")
    engine.report_service.close()
    assert (tmp_path / "safechat-reports.db").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reporter_id": ""}, "reporter_id"),
        ({"reporter_id": "   "}, "reporter_id"),
        ({"reported_id": None}, "reported_id"),
        ({"reported_id": "x" * 257}, "reported_id"),
        ({"reason": "rude"}, "reason"),
        ({"details": "d" * 1001}, "details"),
        ({"text": "t" * 1001}, "text"),
        ({"text": 42}, "text"),
        ({"context": ["c"] * 11}, "context"),
        ({"context": SECRET}, "context"),
        ({"context": ["ok", "t" * 1001]}, "context[1]"),
        ({"idempotency_key": "k" * 257}, "idempotency_key"),
        ({"locale": "x" * 36}, "locale"),
    ],
)
def test_bad_fields_are_refused_by_name_and_nothing_is_stored(
    url: str, change: dict[str, object], field: str
) -> None:
    fields: dict[str, object] = {"reporter_id": "u-1", "reported_id": "u-2", "reason": "bullying"}
    fields.update(change)
    with pytest.raises(InvalidInputError) as caught:
        moderator(url).report(**fields)  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"{field} ")
    assert SECRET not in str(caught.value)
    assert open_report_store(url).list(ReportFilter()) == []


def test_report_text_never_reaches_logs_exceptions_or_reprs(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    engine = moderator(url)
    receipt = engine.report(
        reporter_id="u-1",
        reported_id="u-2",
        reason="bullying",
        text=SECRET,
        context=[SECRET],
        details=DETAILS,
    )
    report = engine.report_service.store.get(receipt.report_id)
    assert report is not None
    logged = caplog.text
    assert receipt.report_id in logged and "fp=" in logged
    for secret in (SECRET, DETAILS, "idiot"):
        assert secret not in logged
        assert secret not in repr(report)
        assert secret not in repr(receipt)


def test_a_store_that_cannot_be_written_raises_and_acknowledges_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(ReportStoreError) as caught:
        moderator(f"sqlite:///{folder}").report(
            reporter_id="u-1", reported_id="u-2", reason="threat", text=SECRET
        )
    assert SECRET not in str(caught.value)


def test_an_unknown_store_url_is_refused_without_repeating_it() -> None:
    with pytest.raises(ReportStoreError, match="unknown report store 'mysql'") as caught:
        open_report_store("mysql://admin:hunter2@db/reports")
    assert "hunter2" not in str(caught.value)


# --------------------------------------------------------------------------- the store


def _three_reports(url: str) -> list[str]:
    engine = moderator(url)
    ids = [
        engine.report(reporter_id="u-1", reported_id="u-9", reason="bullying", text=SECRET).report_id,
        engine.report(reporter_id="u-2", reported_id="u-9", reason="spam", text="idiot").report_id,
        engine.report(reporter_id="u-3", reported_id="u-8", reason="grooming").report_id,
    ]
    engine.report_service.close()
    return ids


def test_status_changes_are_audited(url: str) -> None:
    first, _, _ = _three_reports(url)
    store = open_report_store(url)
    store.set_status(first, ReportStatus.IN_REVIEW, actor="alice", note=None, at="2026-01-01T00:00:00+00:00")
    change = store.set_status(
        first, ReportStatus.ACTIONED, actor="bob", note="warned", at=iso(datetime.now())
    )
    assert (change.old_status, change.new_status) == (ReportStatus.IN_REVIEW, ReportStatus.ACTIONED)
    history = store.history(first)
    assert [(c.actor, c.old_status, c.new_status, c.note) for c in history] == [
        ("alice", ReportStatus.OPEN, ReportStatus.IN_REVIEW, None),
        ("bob", ReportStatus.IN_REVIEW, ReportStatus.ACTIONED, "warned"),
    ]
    report = store.get(first)
    assert report is not None and report.status is ReportStatus.ACTIONED and report.updated_at == change.at
    with pytest.raises(UnknownReportError):
        store.set_status("nope", ReportStatus.DISMISSED, actor="alice", note=None, at=change.at)


def test_filters(url: str) -> None:
    bullying, spam, grooming = _three_reports(url)
    store = open_report_store(url)
    store.set_status(spam, ReportStatus.DISMISSED, actor="alice", note=None, at=iso(datetime.now()))

    def ids(**criteria: object) -> list[str]:
        return [r.report_id for r in store.list(ReportFilter(**criteria))]  # type: ignore[arg-type]

    assert ids() == [bullying, spam, grooming]
    assert ids(status=ReportStatus.DISMISSED) == [spam]
    assert ids(label="grooming") == [grooming]
    assert ids(label="bullying") == [bullying, spam], "the reason, or a label the engine found"
    assert ids(since=parse_iso("2999-01-01")) == []
    assert ids(since=parse_iso("2000-01-01T00:00:00Z"), limit=1) == [bullying]


def test_purge_deletes_only_closed_reports_past_retention(url: str) -> None:
    old_closed, fresh_closed, still_open = _three_reports(url)
    store = open_report_store(url)
    long_ago = iso(datetime.now(timezone.utc) - timedelta(days=400))
    store.set_status(old_closed, ReportStatus.ACTIONED, actor="a", note="n", at=long_ago)
    store.set_status(fresh_closed, ReportStatus.DISMISSED, actor="a", note=None, at=iso(datetime.now()))
    cutoff = iso(datetime.now(timezone.utc) - timedelta(days=365))
    assert store.purge(closed_before=cutoff) == 1
    assert store.get(old_closed) is None and store.history(old_closed) == []
    assert store.get(fresh_closed) is not None and store.get(still_open) is not None
    raw = Path(url.removeprefix("sqlite:///"))
    store.close()
    assert SECRET.encode() not in raw.read_bytes(), "purged text is gone from the file"


# --------------------------------------------------------------------------- the command line


def test_cli_list_show_set_status_export_purge(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bullying, spam, _ = _three_reports(url)
    monkeypatch.setenv("SAFECHAT_REPORT_STORE", url)
    assert main(["reports", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == _ids_in(url)
    assert "reporter=u-1" in lines[0] and "reported=u-9" in lines[0]
    assert SECRET not in "\n".join(lines), "list shows ids, never text"

    assert main(["reports", "set-status", bullying, "in_review", "--actor", "alice", "--note", "on it"]) == 0
    assert main(["reports", "set-status", "nope", "dismissed", "--actor", "alice"]) == 1
    capsys.readouterr()
    assert main(["reports", "list", "--status", "in_review", "--store", url]) == 0
    assert capsys.readouterr().out.split("\t")[0] == bullying
    assert main(["reports", "list", "--label", "spam", "--since", "2000-01-01"]) == 0
    assert capsys.readouterr().out.split("\t")[0] == spam

    assert main(["reports", "show", bullying]) == 0
    shown = capsys.readouterr().out
    assert SECRET in shown and "alice: open -> in_review" in shown and "on it" in shown
    assert main(["reports", "show", bullying, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["evidence"]["text"] == SECRET
    assert data["history"][0]["actor"] == "alice"
    assert main(["reports", "show", "nope"]) == 1

    out = tmp_path / "export.jsonl"
    assert main(["reports", "export", "--out", str(out), "--label", "bullying"]) == 0
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["report_id"] for r in exported] == [bullying, spam]
    assert out.stat().st_mode & 0o077 == 0

    assert main(["reports", "set-status", spam, "dismissed", "--actor", "bob"]) == 0
    assert main(["reports", "purge", "--older-than", "30"]) == 0
    assert "purged 0" in capsys.readouterr().out
    assert main(["reports", "purge", "--older-than", "0"]) == 0
    assert "purged 1" in capsys.readouterr().out
    assert spam not in _ids_in(url)
    assert main(["reports", "list", "--since", "yesterday"]) == 2


def _ids_in(url: str) -> list[str]:
    return [r.report_id for r in open_report_store(url).list(ReportFilter())]
