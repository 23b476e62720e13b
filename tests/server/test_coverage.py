"""Coverage through the sidecar (gRPC and HTTP, real loopback servers; fake scorers that carry the
shipped bundles' readers): the decision says whether a model could read the message, and text no
model can read is not scored and gets the band's unread action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from safechat_server.convert import decision_to_pb

from safechat import Coverage, Moderator
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.v1 import moderation_pb2 as pb
from tests.server.conftest import stub
from tests.unit.test_coverage import ENGLISH_READER, MULTI_READER

ARABIC = "مرحبا، هل أنهيت واجب الرياضيات؟"  # a script no bundle reads
CZECH = "jsi tak hloupý, nikdo se s tebou nechce kamarádit"
GERMAN = "du bist so dumm, niemand mag dich"


def _moderator() -> Moderator:
    return Moderator(
        scorer=FakeScorer(version="english 1", reader=ENGLISH_READER),
        multilingual=FakeScorer(version="multilingual 1", reader=MULTI_READER),
        policy=Policy.default(),
        prompts=PromptBook.load(),
    )


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reports.db'}"


def test_grpc_decisions_carry_their_coverage(sidecar_factory: Any, url: str) -> None:
    sidecar = sidecar_factory(_moderator(), reports={"store": url})
    moderation = stub(sidecar.port)
    texts = ["see you at school tomorrow", GERMAN, CZECH, ARABIC]
    batch = pb.ModerateBatchRequest(
        messages=[pb.ModerateRequest(text=t, age_band=pb.AGE_BAND_16_17) for t in texts]
    )
    decisions = moderation.ModerateBatch(batch, timeout=10).decisions
    assert [d.coverage for d in decisions] == [
        pb.COVERAGE_TRAINED,
        pb.COVERAGE_TRAINED,
        pb.COVERAGE_ZERO_SHOT,
        pb.COVERAGE_NONE,
    ]
    unread = decisions[3]
    assert not unread.HasField("scores") and decisions[2].HasField("scores")
    assert [(r.code, r.source, r.action) for r in unread.reasons] == [
        ("model.unread", pb.REASON_SOURCE_ENGINE, pb.ACTION_ALLOW)
    ]
    held = moderation.Moderate(pb.ModerateRequest(text=ARABIC, age_band=pb.AGE_BAND_UNDER_13), timeout=10)
    assert held.decision.action == pb.ACTION_ESCALATE and held.decision.coverage == pb.COVERAGE_NONE
    metrics = httpx.get(f"http://127.0.0.1:{sidecar.metrics_port}/metrics").text
    assert 'safechat_coverage_total{age_band="16_17",coverage="none"} 1.0' in metrics
    assert "مرحبا" not in metrics


def test_the_http_api_carries_coverage(sidecar_factory: Any, url: str) -> None:
    sidecar = sidecar_factory(_moderator(), reports={"store": url}, http={"port": 0})
    base = f"http://127.0.0.1:{sidecar.http.port}"
    decision = httpx.post(f"{base}/v1/moderate", json={"text": ARABIC, "age_band": "adult"}).json()[
        "decision"
    ]
    assert decision["coverage"] == "none" and decision["action"] == "allow"
    assert set(decision["scores"].values()) == {None}
    batch = httpx.post(
        f"{base}/v1/moderate:batch", json={"messages": [{"text": CZECH}, {"text": "gg"}]}
    ).json()["decisions"]
    assert [d["coverage"] for d in batch] == ["zero_shot", "trained"]
    schema = httpx.get(f"{base}/openapi.json").json()
    assert "coverage" in schema["components"]["schemas"]["DecisionOut"]["required"]


def test_perspective_says_when_no_model_can_read_the_comment(sidecar_factory: Any, url: str) -> None:
    sidecar = sidecar_factory(_moderator(), reports={"store": url}, http={"port": 0})
    url_ = f"http://127.0.0.1:{sidecar.http.port}/v1alpha1/comments:analyze"
    body = {"comment": {"text": ARABIC}, "requestedAttributes": {"TOXICITY": {}}}
    answer = httpx.post(url_, json=body)
    assert answer.status_code == 400
    (detail,) = answer.json()["error"]["details"]
    assert detail["errorType"] == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"
    assert detail["languageNotSupportedByAttributeError"]["detectedLanguages"] == []  # none it knows
    assert "مرحبا" not in answer.text
    mixed = {
        "comment": {"text": f"You are a good friend and I like playing with you. {ARABIC}"},
        "requestedAttributes": {"INSULT": {}},
        "spanAnnotations": True,
    }
    scored = httpx.post(url_, json=mixed)
    assert scored.status_code == 200, scored.text
    spans = scored.json()["attributeScores"]["INSULT"]["spanScores"]
    assert [s["begin"] for s in spans] == [0]  # the Arabic sentence has no score to give


def test_every_coverage_converts() -> None:
    moderator = _moderator()
    for text, coverage in (
        (GERMAN, Coverage.TRAINED),
        (CZECH, Coverage.ZERO_SHOT),
        (ARABIC, Coverage.NONE),
    ):
        decision = moderator.moderate(text)
        assert decision.coverage is coverage
        assert pb.Coverage.Name(decision_to_pb(decision).coverage) == f"COVERAGE_{coverage.name}"
