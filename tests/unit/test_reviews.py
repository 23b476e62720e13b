"""Reviews queued in the report store (issue 24, item 1): idempotent by message id, kept under the
reports' retention rules, never blocking a decision when the store fails; the policy settings that
ask for them; and every face that carries ``review`` and ``support`` (no model: fake scorers)."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from safechat import InvalidInputError, Message, ReportReason, ReportStatus, ReportStoreError, Review
from safechat.calibration.policy_diff import diff_policies
from safechat.calibration.toml_writer import policy_to_toml
from safechat.cli.main import main
from safechat.cli.render import decision_json
from safechat.cli.score import run_score
from safechat.conversation import ChatMessage, ConversationModerator
from safechat.engine import Moderator
from safechat.errors import PolicyError
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports import REVIEW_REPORTER, ReportFilter, open_report_store
from safechat.reports.types import Report, StatusChange
from safechat.testing import FakeScorer
from safechat.types import Action

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

IMMINENT = "i'm going to kill myself tonight"
GROOMING = "are you home alone? don't tell your parents"
PROMPTS = PromptBook.load()
BASE_POLICY = Path(__file__).resolve().parents[2] / "models" / "training" / "policy" / "default_base.toml"


def _moderator(store: object, *, queue: bool = True) -> Moderator:
    return Moderator(
        scorer=FakeScorer({"home alone": {"grooming": 0.95}}),
        policy=Policy.default(),
        prompts=PROMPTS,
        report_store=store,  # type: ignore[arg-type]
        queue_reviews=queue,
    )


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reports.db'}"


def _reviews(url: str) -> list[Report]:
    return [r for r in open_report_store(url).list(ReportFilter()) if r.reporter_id == REVIEW_REPORTER]


def test_an_imminent_message_is_queued_once_per_message_id(url: str) -> None:
    moderator = _moderator(url)
    first = moderator.moderate(IMMINENT, message_id="m-1", sender_id="u-7", conversation_id="c-1")
    again = moderator.moderate(IMMINENT, message_id="m-1", sender_id="u-7", conversation_id="c-1")
    assert first == again and first.review is Review.URGENT and first.action is Action.ALLOW
    (report,) = _reviews(url)
    assert report.review is Review.URGENT and report.status is ReportStatus.OPEN
    assert report.reason is ReportReason.SELF_HARM
    assert report.reported_id == "u-7" and report.message_id == "m-1" and report.conversation_id == "c-1"
    assert report.evidence.text == IMMINENT and report.evidence.action is Action.ALLOW
    assert "rule.self_harm.imminent.time" in report.evidence.reason_codes
    assert report.policy_version == moderator.policy_version
    moderator.moderate(IMMINENT, message_id="m-2")
    moderator.moderate(IMMINENT, message_id="m-1", conversation_id="c-2")  # ids are per conversation
    assert len(_reviews(url)) == 3


def test_nothing_is_queued_without_a_review_a_message_id_or_queueing(url: str) -> None:
    moderator = _moderator(url)
    moderator.moderate("gg wp, see you tomorrow", message_id="m-1")
    moderator.moderate(IMMINENT)  # no message id: the app gets decision.review, nothing is stored
    _moderator(url, queue=False).moderate(IMMINENT, message_id="m-9")
    assert not Path(url.removeprefix("sqlite:///")).exists()


def test_escalations_and_disclosures_are_queued_as_routine(url: str) -> None:
    moderator = _moderator(url)
    decisions = moderator.moderate_batch(
        [
            Message(GROOMING, message_id="m-1", sender_id="u-42"),
            Message("my dad hits me when he is drunk", message_id="m-2", sender_id="u-7"),
            Message(IMMINENT, message_id="m-3"),
        ]
    )
    assert [d.review for d in decisions] == [Review.ROUTINE, Review.ROUTINE, Review.URGENT]
    by_message = {r.message_id: r for r in _reviews(url)}
    assert by_message["m-1"].reason is ReportReason.GROOMING and by_message["m-1"].review is Review.ROUTINE
    assert by_message["m-2"].review is Review.ROUTINE and by_message["m-2"].evidence.action is Action.ALLOW
    urgent = open_report_store(url).list(ReportFilter(review=Review.URGENT))
    assert [r.message_id for r in urgent] == ["m-3"]
    routine = open_report_store(url).list(ReportFilter(review=Review.ROUTINE))
    assert sorted(r.message_id or "" for r in routine) == ["m-1", "m-2"]


def test_reviews_follow_the_retention_rules(url: str) -> None:
    moderator = _moderator(url)
    moderator.moderate(IMMINENT, message_id="m-1")
    moderator.moderate(GROOMING, message_id="m-2")
    store = open_report_store(url)
    first, second = sorted(_reviews(url), key=lambda r: r.message_id or "")
    store.set_status(
        first.report_id, ReportStatus.ACTIONED, actor="alice", note=None, at="2020-01-01T00:00:00+00:00"
    )
    assert store.purge(closed_before="2030-01-01T00:00:00+00:00") == 1
    assert [r.report_id for r in _reviews(url)] == [second.report_id]  # an open review is never purged


class _BrokenStore:
    """A report store whose writes fail."""

    def add(self, report: Report) -> Report:
        raise ReportStoreError("the store is down")

    def get(self, report_id: str) -> Report | None:
        return None

    def list(self, where: ReportFilter) -> Sequence[Report]:
        return []

    def set_status(
        self, report_id: str, status: ReportStatus, *, actor: str, note: str | None, at: str
    ) -> StatusChange:
        raise ReportStoreError("the store is down")

    def history(self, report_id: str) -> Sequence[StatusChange]:
        return []

    def purge(self, *, closed_before: str) -> int:
        return 0

    def close(self) -> None:
        return None


def test_a_failing_store_never_costs_the_decision(caplog: pytest.LogCaptureFixture) -> None:
    moderator = _moderator(_BrokenStore())
    with caplog.at_level(logging.DEBUG, logger="safechat"):
        decision = moderator.moderate(IMMINENT, message_id="m-1")
    assert decision.review is Review.URGENT and decision.support and decision.recipient_prompt is not None
    assert any("could not be queued" in r.getMessage() for r in caplog.records)
    assert all("kill myself" not in r.getMessage() for r in caplog.records)
    with pytest.raises(ReportStoreError):
        moderator.queue_review(decision, Message(IMMINENT, message_id="m-1"))


@pytest.mark.parametrize("field", ["message_id", "sender_id", "conversation_id"])
def test_bad_ids_are_refused_by_name_never_by_text(field: str) -> None:
    moderator = _moderator("sqlite:////nonexistent/never-opened.db")
    for bad in ("x" * 257, 42):
        with pytest.raises(InvalidInputError) as err:
            moderator.moderate_batch([Message(IMMINENT, **{field: bad})])  # type: ignore[arg-type]
        assert field in str(err.value) and "kill" not in str(err.value)


def test_a_conversation_queues_the_decision_it_gives(url: str) -> None:
    tracker = ConversationModerator(_moderator(url))
    lines = ["how old are you?", "are you home alone?", "where do you live?", "don't tell your parents"]
    results = tracker.moderate_many(
        [
            ChatMessage(
                "c-1", "u-42", text, message_id=f"m-{i}", recipient="u-7", recipient_age_band="under_13"
            )
            for i, text in enumerate(lines)
        ]
    )
    escalated = [r.message_id for r in results if r.decision.action is Action.ESCALATE]
    assert escalated and all(
        r.decision.review is Review.ROUTINE for r in results if r.message_id in escalated
    )
    queued = {r.message_id: r for r in _reviews(url)}
    assert set(escalated) <= set(queued)
    assert all(r.reported_id == "u-42" and r.conversation_id == "c-1" for r in queued.values())


def test_a_report_stored_before_reviews_reads_back_without_one(url: str) -> None:
    moderator = _moderator(url)
    receipt = moderator.report(reporter_id="u-7", reported_id="u-42", reason="bullying", text="you idiot")
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        (body,) = db.execute("SELECT body FROM safechat_reports").fetchone()
        data = json.loads(body)
        del data["review"]
        db.execute("UPDATE safechat_reports SET body = ?", (json.dumps(data),))
    report = open_report_store(url).get(receipt.report_id)
    assert report is not None and report.review is None and report.reporter_id == "u-7"


def test_reports_list_shows_and_filters_the_review(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    moderator = _moderator(url)
    moderator.moderate(IMMINENT, message_id="m-1")
    moderator.moderate(GROOMING, message_id="m-2")
    assert main(["reports", "list", "--store", url, "--review", "urgent"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "message=m-1" in line and line.endswith("review=urgent") and "kill" not in line
    assert main(["reports", "list", "--store", url]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_score_and_check_json_carry_review_and_support() -> None:
    moderator = _moderator("sqlite:////nonexistent/never-opened.db", queue=False)
    source = [
        json.dumps({"id": 1, "text": IMMINENT}),
        json.dumps({"id": 2, "text": "gg wp"}),
        json.dumps({"id": 3, "text": "my dad hits me"}),
    ]
    out, err = io.StringIO(), io.StringIO()
    assert run_score(moderator, source, out, err) == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["support"], r["review"]) for r in records] == [
        (True, "urgent"),
        (False, None),
        (True, "routine"),
    ]
    data = decision_json(moderator.moderate(IMMINENT))
    assert data["review"] == "urgent" and data["support"] is True
    assert any(reason.get("review") == "urgent" for reason in data["reasons"])


def test_review_settings_are_validated() -> None:
    data = Policy.default().model_dump(mode="json")
    rules = data["bands"]["under_13"]["rules"]
    labels = data["bands"]["under_13"]["labels"]
    bad = [
        (lambda: labels["self_harm"].update(review_threshold=0.9), "review_threshold and review go together"),
        (lambda: labels["self_harm"].update(review="soon", review_threshold=0.9), "labels.self_harm.review"),
        (lambda: rules["self_harm.imminent"].update(reveiw="urgent"), "rules.self_harm.imminent.reveiw"),
        (lambda: rules["pii"].update(tempers_labels=["hate"]), "need tempers_model_below"),
        (lambda: rules["context.game"].update(tempers_labels=["hate", "hate"]), "listed twice"),
        (lambda: rules["context.game"].update(tempers_labels=["nonsense"]), "tempers_labels"),
        (
            lambda: rules["pii"].update(settles_rules=True, tempers_model_below=0.5),
            "only for context and self-harm rules",
        ),
    ]
    for edit, message in bad:
        copy = json.loads(json.dumps(data))
        rules, labels = copy["bands"]["under_13"]["rules"], copy["bands"]["under_13"]["labels"]
        edit()
        with pytest.raises(PolicyError, match=message.replace(".", r"\.")):
            Policy.from_mapping(copy)
        rules, labels = data["bands"]["under_13"]["rules"], data["bands"]["under_13"]["labels"]


@pytest.mark.parametrize("source", ["shipped", "base"])
def test_the_writer_keeps_the_safeguarding_entries(source: str) -> None:
    """A refit writes its policy with policy_to_toml from the base: the entries must survive it."""
    policy = Policy.default() if source == "shipped" else Policy.from_toml(BASE_POLICY)
    written = policy_to_toml(policy)
    assert Policy.from_mapping(tomllib.loads(written)) == policy  # what the refit reads back
    for band in policy.bands.values():
        assert (
            band.rules["self_harm.imminent"].review is Review.URGENT
            and band.rules["self_harm.imminent"].support
        )
        for kind in ("grooming", "abuse"):
            entry = band.rules[f"context.disclosure.{kind}"]
            assert entry.review is Review.ROUTINE and entry.support and entry.settles_rules
        disclosure = band.rules["context.disclosure"]
        assert (
            disclosure.support
            and disclosure.settles_rules
            and "hate" in [label.value for label in disclosure.tempers_labels]
        )
        assert not band.rules["context.disclosure.topic"].support
    assert 'review = "urgent"' in written and "settles_rules = true" in written
    assert "settles_rules = false" not in written and "tempers_labels = []" not in written


def test_the_policy_diff_says_a_review_is_stricter() -> None:
    before = Policy.default()
    data = before.model_dump(mode="json")
    data["bands"]["adult"]["rules"]["self_harm.imminent"]["review"] = "routine"
    changes = {c.path: c for c in diff_policies(before, Policy.from_mapping(data))}
    change = changes["bands.adult.rules.self_harm.imminent.review"]
    assert change.a == "urgent" and change.b == "routine" and change.direction == "looser"
