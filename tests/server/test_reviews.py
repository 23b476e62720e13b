"""Reviews through the sidecar (gRPC and HTTP, real loopback servers, a fake scorer): the decision
carries review and support, and a decision that asks for review is queued once per message id in
the report store of the settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from safechat_server.convert import decision_to_pb

from safechat import Decision, Moderator, Review
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports import REVIEW_REPORTER, ReportFilter, ReportReason, open_report_store
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand, Label, Reason, ReasonSource
from safechat.v1 import moderation_pb2 as pb
from tests.server.conftest import stub
from tests.server.test_sidecar import _bad_request

IMMINENT = "i'm going to kill myself tonight"
DISCLOSURE = "a man online keeps asking me for photos and says to keep it secret"


def _moderator() -> Moderator:
    # queue_reviews stays on: the sidecar hands the engine messages without ids, so only the
    # servicer queues (in the settings' store), never this moderator
    return Moderator(scorer=FakeScorer(), policy=Policy.default(), prompts=PromptBook.load())


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reports.db'}"


def _queued(url: str) -> list[Any]:
    return [r for r in open_report_store(url).list(ReportFilter()) if r.reporter_id == REVIEW_REPORTER]


def test_moderate_carries_the_review_and_queues_it_once(sidecar_factory: Any, url: str) -> None:
    sidecar = sidecar_factory(_moderator(), reports={"store": url})
    moderation = stub(sidecar.port)
    request = pb.ModerateRequest(text=IMMINENT, message_id="m-1", sender_id="u-7", conversation_id="c-1")
    decision = moderation.Moderate(request, timeout=10).decision
    assert decision.action == pb.ACTION_ALLOW and decision.support and decision.review == pb.REVIEW_URGENT
    assert decision.recipient_prompt.role == pb.ROLE_RECIPIENT and decision.recipient_prompt.helpline.phone
    assert any(
        r.review == pb.REVIEW_URGENT and r.code.startswith("rule.self_harm.imminent")
        for r in decision.reasons
    )
    assert moderation.Moderate(request, timeout=10).decision == decision  # a retry
    (report,) = _queued(url)
    assert report.review is Review.URGENT and report.reason is ReportReason.SELF_HARM
    assert report.message_id == "m-1" and report.reported_id == "u-7" and report.conversation_id == "c-1"
    plain = moderation.Moderate(pb.ModerateRequest(text="gg wp", message_id="m-2"), timeout=10).decision
    assert plain.review == pb.REVIEW_NONE and not plain.support
    no_id = moderation.Moderate(pb.ModerateRequest(text=IMMINENT), timeout=10).decision
    assert no_id.review == pb.REVIEW_URGENT and len(_queued(url)) == 1  # no message id: nothing queued
    metrics = httpx.get(f"http://127.0.0.1:{sidecar.metrics_port}/metrics").text
    assert 'safechat_reviews_total{outcome="queued",review="urgent"} 2.0' in metrics


def test_batch_and_conversation_queue_their_reviews(sidecar_factory: Any, url: str) -> None:
    sidecar = sidecar_factory(_moderator(), reports={"store": url})
    moderation = stub(sidecar.port)
    batch = moderation.ModerateBatch(
        pb.ModerateBatchRequest(
            messages=[
                pb.ModerateRequest(text=DISCLOSURE, message_id="b-1"),
                pb.ModerateRequest(text="see you at school", message_id="b-2"),
            ]
        ),
        timeout=10,
    )
    assert [d.review for d in batch.decisions] == [pb.REVIEW_ROUTINE, pb.REVIEW_NONE]
    told = batch.decisions[0]
    assert (
        told.action == pb.ACTION_ALLOW and told.support and told.sender_prompt.label == pb.LABEL_UNSPECIFIED
    )
    stream = moderation.ModerateConversation(
        iter(
            [
                pb.ConversationMessage(
                    conversation_id="c-9", message_id="x-1", sender="u-3", text=IMMINENT, locale="de"
                )
            ]
        ),
        timeout=10,
    )
    (answer,) = list(stream)
    assert answer.decision.review == pb.REVIEW_URGENT and answer.decision.recipient_prompt.locale == "de"
    queued = {r.message_id: r for r in _queued(url)}
    assert set(queued) == {"b-1", "x-1"}
    assert queued["b-1"].review is Review.ROUTINE and queued["x-1"].reported_id == "u-3"


def test_an_over_long_id_is_invalid_argument(sidecar_factory: Any, url: str) -> None:
    sidecar = sidecar_factory(_moderator(), reports={"store": url})
    with pytest.raises(grpc.RpcError) as err:
        stub(sidecar.port).Moderate(pb.ModerateRequest(text=IMMINENT, sender_id="u" * 300), timeout=10)
    assert err.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    (violation,) = _bad_request(err.value).field_violations
    assert violation.field == "sender_id" and "256" in violation.description
    assert "kill" not in str(err.value.details())


def test_the_http_api_carries_review_and_support(sidecar_factory: Any, url: str) -> None:
    sidecar = sidecar_factory(_moderator(), reports={"store": url}, http={"port": 0})
    base = f"http://127.0.0.1:{sidecar.http.port}"
    body = {"text": IMMINENT, "message_id": "h-1", "sender_id": "u-5", "age_band": "13_15"}
    decision = httpx.post(f"{base}/v1/moderate", json=body).json()["decision"]
    assert decision["review"] == "urgent" and decision["support"] is True and decision["action"] == "allow"
    assert decision["recipient_prompt"]["role"] == "recipient"
    batch = httpx.post(
        f"{base}/v1/moderate:batch",
        json={"messages": [{"text": "my dad hits me", "message_id": "h-2"}, {"text": "gg"}]},
    ).json()["decisions"]
    assert [(d["review"], d["support"]) for d in batch] == [("routine", True), (None, False)]
    assert {r.message_id for r in _queued(url)} == {"h-1", "h-2"}
    too_long = httpx.post(f"{base}/v1/moderate", json={"text": "hi", "conversation_id": "c" * 300})
    assert too_long.status_code == 400 and "conversation_id" in too_long.text


def test_decisions_convert_their_review() -> None:
    reason = Reason(
        "rule.self_harm.imminent.time", Label.SELF_HARM, ReasonSource.RULE, Action.ALLOW, review=Review.URGENT
    )
    decision = Decision(
        action=Action.ALLOW,
        scores=None,
        labels=(Label.SELF_HARM,),
        reasons=(reason,),
        sender_prompt=None,
        recipient_prompt=None,
        age_band=AgeBand.UNDER_13,
        review=Review.URGENT,
    )
    out = decision_to_pb(decision)
    assert out.review == pb.REVIEW_URGENT and out.reasons[0].review == pb.REVIEW_URGENT
    assert decision_to_pb(replace(decision, review=None, reasons=())).review == pb.REVIEW_NONE
