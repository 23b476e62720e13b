"""The HTTP/JSON API and the Perspective-compatible endpoint, on real loopback servers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from safechat import Moderator

ROOT = Path(__file__).resolve().parents[2]
# Request bodies as Perspective's public documentation gives them (quickstart and curl examples).
DOCUMENTED = [
    {"comment": {"text": "friendly greetings from python"}, "requestedAttributes": {"TOXICITY": {}}},
    {
        "comment": {"text": "what kind of idiot name is foo?"},
        "languages": ["en"],
        "requestedAttributes": {"TOXICITY": {}},
    },
]


def _url(sidecar: Any) -> str:
    return f"http://127.0.0.1:{sidecar.http.port}"


def test_health_ready_and_moderate(sidecar_factory: Any, real_moderator: Moderator) -> None:
    sidecar = sidecar_factory(None, http={"port": 0})
    base = _url(sidecar)
    assert httpx.get(f"{base}/healthz").json() == {"status": "alive"}
    assert httpx.get(f"{base}/readyz").status_code == 503
    assert httpx.post(f"{base}/v1/moderate", json={"text": "hi"}).status_code == 503
    sidecar.serve_with(real_moderator)
    assert httpx.get(f"{base}/readyz").json() == {"status": "ready"}
    decision = httpx.post(
        f"{base}/v1/moderate",
        json={"text": "add me on snap: lily_2013", "age_band": "under_13", "message_id": "x"},
    ).json()["decision"]
    assert decision["action"] == "mask" and decision["masked_text"] == "add me on snap: *********"
    assert decision["message_id"] == "x" and set(decision["scores"]) >= {"bullying", "pii"}
    batch = httpx.post(
        f"{base}/v1/moderate:batch", json={"messages": [{"text": "gg wp"}, {"text": "kys"}]}
    ).json()
    assert [d["action"] for d in batch["decisions"]] == ["allow", "block"]
    metrics = httpx.get(f"http://127.0.0.1:{sidecar.metrics_port}/metrics").text
    assert 'safechat_http_requests_total{code="200",route="/v1/moderate"}' in metrics
    assert 'safechat_decisions_total{action="block",age_band="under_13",label="bullying"}' in metrics


def test_limits_and_errors_name_the_field(sidecar_factory: Any, real_moderator: Moderator) -> None:
    sidecar = sidecar_factory(real_moderator, http={"port": 0}, grpc={"max_batch_messages": 2})
    base = _url(sidecar)
    long = httpx.post(f"{base}/v1/moderate", json={"text": "x" * 5000})
    assert long.status_code == 400 and "the limit is 4096" in long.json()["error"]["message"]
    assert "xxxx" not in long.text
    empty = httpx.post(f"{base}/v1/moderate", json={"text": ""})
    assert empty.status_code == 400 and empty.json()["error"]["status"] == "INVALID_ARGUMENT"
    band = httpx.post(f"{base}/v1/moderate", json={"text": "hi", "age_band": "toddler"})
    assert band.status_code == 400 and "age_band" in band.json()["error"]["message"]
    many = httpx.post(f"{base}/v1/moderate:batch", json={"messages": [{"text": "a"}] * 3})
    assert many.status_code == 400 and "the limit is 2" in many.json()["error"]["message"]
    huge = httpx.post(f"{base}/v1/moderate", json={"text": "y" * 400_000})
    assert huge.status_code == 413


def test_token_check(sidecar_factory: Any, real_moderator: Moderator) -> None:
    sidecar = sidecar_factory(real_moderator, http={"port": 0}, token="k3y")
    base = _url(sidecar)
    assert httpx.post(f"{base}/v1/moderate", json={"text": "hi"}).status_code == 401
    assert (
        httpx.post(
            f"{base}/v1/moderate", json={"text": "hi"}, headers={"authorization": "Bearer k3y"}
        ).status_code
        == 200
    )
    assert httpx.post(f"{base}/v1/moderate?key=k3y", json={"text": "hi"}).status_code == 200
    wrong = httpx.post(f"{base}/v1alpha1/comments:analyze?key=nope", json=DOCUMENTED[0])
    assert wrong.status_code == 400 and wrong.json()["error"]["details"][0]["reason"] == "API_KEY_INVALID"
    assert httpx.get(f"{base}/healthz").status_code == 200


def test_perspective_documented_requests(sidecar_factory: Any, real_moderator: Moderator) -> None:
    sidecar = sidecar_factory(real_moderator, http={"port": 0})
    base = _url(sidecar)
    friendly, insult = (
        httpx.post(f"{base}/v1alpha1/comments:analyze?key=", json=body).json() for body in DOCUMENTED
    )
    for answer in (friendly, insult):
        score = answer["attributeScores"]["TOXICITY"]["summaryScore"]
        assert score["type"] == "PROBABILITY" and 0 <= score["value"] <= 1
        assert answer["languages"] == ["en"] and answer["detectedLanguages"] == ["en"]
    german = httpx.post(
        f"{base}/v1alpha1/comments:analyze",
        json={
            "comment": {"text": "du bist so dumm, niemand mag dich"},
            "requestedAttributes": {"INSULT": {}},
        },
    ).json()
    assert german["languages"] == ["de"] and german["detectedLanguages"] == ["de"]
    assert (
        insult["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
        > friendly["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
    )


def test_perspective_options_and_errors(sidecar_factory: Any, real_moderator: Moderator) -> None:
    sidecar = sidecar_factory(real_moderator, http={"port": 0})
    url = f"{_url(sidecar)}/v1alpha1/comments:analyze"
    every = {
        name: {}
        for name in (
            "TOXICITY",
            "SEVERE_TOXICITY",
            "IDENTITY_ATTACK",
            "INSULT",
            "PROFANITY",
            "THREAT",
            "SEXUALLY_EXPLICIT",
        )
    }
    text = "You did great today. You are a stupid idiot."
    answer = httpx.post(
        url,
        json={
            "comment": {"text": text},
            "requestedAttributes": every,
            "spanAnnotations": True,
            "doNotStore": True,
            "clientToken": "t-1",
        },
    ).json()
    assert set(answer["attributeScores"]) == set(every) and answer["clientToken"] == "t-1"
    spans = answer["attributeScores"]["INSULT"]["spanScores"]
    assert [(s["begin"], s["end"]) for s in spans] == [(0, 20), (20, len(text))]
    assert spans[1]["score"]["value"] > spans[0]["score"]["value"]
    high = httpx.post(
        url,
        json={"comment": {"text": "lovely day"}, "requestedAttributes": {"THREAT": {"scoreThreshold": 0.99}}},
    )
    assert high.json()["attributeScores"] == {}
    unknown = httpx.post(url, json={"comment": {"text": "hi"}, "requestedAttributes": {"FLIRTATION": {}}})
    assert unknown.status_code == 400 and unknown.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert "requestedAttributes.FLIRTATION" in unknown.json()["error"]["message"]
    japanese = httpx.post(
        url, json={"comment": {"text": "hola"}, "languages": ["ja"], "requestedAttributes": {"TOXICITY": {}}}
    )
    detail = japanese.json()["error"]["details"][0]
    assert japanese.status_code == 400 and detail["errorType"] == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"


def test_a_perspective_script_works_with_only_the_base_url_and_key_changed(
    sidecar_factory: Any, real_moderator: Moderator
) -> None:
    sidecar = sidecar_factory(real_moderator, http={"port": 0}, token="my-key")
    env = {**os.environ, "PERSPECTIVE_BASE_URL": _url(sidecar), "PERSPECTIVE_API_KEY": "my-key"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "perspective_client.py"), "you", "are", "an", "idiot"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"TOXICITY", "INSULT", "THREAT"}


def test_reports_over_http_are_stored_once_and_acknowledged(
    sidecar_factory: Any, real_moderator: Moderator, tmp_path: Path
) -> None:
    store = f"sqlite:///{tmp_path / 'reports.db'}"
    sidecar = sidecar_factory(real_moderator, http={"port": 0}, reports={"store": store})
    body = {
        "reporter_id": "kid-7",
        "reported_id": "user-9",
        "reason": "bullying",
        "text": "you are so dumb nobody likes you",
        "age_band": "under_13",
        "locale": "fr",
        "idempotency_key": "r-1",
    }
    first = httpx.post(f"{_url(sidecar)}/v1/reports", json=body)
    again = httpx.post(f"{_url(sidecar)}/v1/reports", json=body)
    assert first.status_code == 200, first.text
    assert first.json()["report_id"] == again.json()["report_id"]
    assert first.json()["status"] == "open" and first.json()["acknowledgement"]["locale"].startswith("fr")
    bad = httpx.post(f"{_url(sidecar)}/v1/reports", json={**body, "reporter_id": ""})
    assert bad.status_code == 400 and "reporter_id" in bad.json()["error"]["message"]
    listed = subprocess.run(
        [sys.executable, "-m", "safechat.cli.main", "reports", "list", "--store", store],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert listed.returncode == 0 and listed.stdout.count(first.json()["report_id"]) == 1
