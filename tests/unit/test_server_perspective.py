"""The Perspective-compatible response around the attribute rules (safechat_server.perspective;
the rules themselves: tests/server/test_perspective_mapping.py): thresholds at their bound,
span scores, languages, the client token, sentence offsets and the error body (found by mutation
testing, docs/mutation-testing.md)."""

from __future__ import annotations

from typing import Any

import pytest
from safechat_server import perspective

from safechat.types import Scores

SUMMARY = Scores.of([0.5, 0.25, 0.125, 0.0625, 0.0, 0.0, 0.0, 0.75])  # toxicity 0.75 (profanity)
FIRST = Scores.of([0.1, 0.2, 0.3, 0.4, 0.0, 0.0, 0.0, 0.0])
SECOND = Scores.of([0.6, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05])


def _request(**fields: Any) -> perspective.PerspectiveRequest:
    body: dict[str, Any] = {"comment": {"text": "You idiot. Stop it!"}, "requestedAttributes": {"INSULT": {}}}
    body.update(fields)
    return perspective.PerspectiveRequest.model_validate(body)


def test_a_plain_request_gets_summary_scores_in_its_own_order_and_english() -> None:
    request = _request(requestedAttributes={"TOXICITY": {}, "INSULT": {}, "IDENTITY_ATTACK": {}})
    body = perspective.response(request, SUMMARY, [(0, 10, FIRST)])
    assert body == {
        "attributeScores": {
            "TOXICITY": {"summaryScore": {"value": 0.75, "type": "PROBABILITY"}},
            "INSULT": {"summaryScore": {"value": 0.5, "type": "PROBABILITY"}},
            "IDENTITY_ATTACK": {"summaryScore": {"value": 0.25, "type": "PROBABILITY"}},
        },
        "languages": ["en"],
        "detectedLanguages": [],
    }
    assert list(body["attributeScores"]) == ["TOXICITY", "INSULT", "IDENTITY_ATTACK"]


def test_span_scores_follow_the_sentences_given() -> None:
    body = perspective.response(_request(spanAnnotations=True), SUMMARY, [(0, 10, FIRST), (11, 19, SECOND)])
    assert body["attributeScores"]["INSULT"] == {
        "summaryScore": {"value": 0.5, "type": "PROBABILITY"},
        "spanScores": [
            {"begin": 0, "end": 10, "score": {"value": 0.1, "type": "PROBABILITY"}},
            {"begin": 11, "end": 19, "score": {"value": 0.6, "type": "PROBABILITY"}},
        ],
    }
    without = perspective.response(_request(spanAnnotations=False), SUMMARY, [(0, 10, FIRST)])
    assert "spanScores" not in without["attributeScores"]["INSULT"]


def test_scores_are_rounded_to_six_places() -> None:
    summary = Scores.of([0.123456789, 0, 0, 0, 0, 0, 0, 0])
    span = Scores.of([0.987654321, 0, 0, 0, 0, 0, 0, 0])
    entry = perspective.response(_request(spanAnnotations=True), summary, [(0, 3, span)])["attributeScores"][
        "INSULT"
    ]
    assert entry["summaryScore"]["value"] == 0.123457
    assert entry["spanScores"][0]["score"]["value"] == 0.987654


@pytest.mark.parametrize(("threshold", "kept"), [(0.49, True), (0.5, True), (0.51, False)])
def test_a_score_threshold_leaves_out_only_scores_below_it(threshold: float, kept: bool) -> None:
    request = _request(requestedAttributes={"INSULT": {"scoreThreshold": threshold}, "TOXICITY": {}})
    scores = perspective.response(request, SUMMARY, [])["attributeScores"]
    assert ("INSULT" in scores) is kept
    assert "TOXICITY" in scores  # the other attribute has no threshold


def test_the_languages_are_the_request_s_or_the_detected_one() -> None:
    asked = perspective.response(_request(languages=["fr", "de"]), SUMMARY, [], "de")
    assert asked["languages"] == ["fr", "de"] and asked["detectedLanguages"] == ["de"]
    detected = perspective.response(_request(), SUMMARY, [], "pl")
    assert detected["languages"] == ["pl"] and detected["detectedLanguages"] == ["pl"]
    empty = perspective.response(_request(languages=[]), SUMMARY, [], None)
    assert empty["languages"] == ["en"] and empty["detectedLanguages"] == []


def test_the_client_token_comes_back_only_when_given() -> None:
    assert perspective.response(_request(clientToken="abc-1"), SUMMARY, [])["clientToken"] == "abc-1"
    assert perspective.response(_request(clientToken=""), SUMMARY, [])["clientToken"] == ""
    assert "clientToken" not in perspective.response(_request(), SUMMARY, [])


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("You idiot. Stop it!", [(0, 10), (10, 19)]),
        ("no end mark", [(0, 11)]),
        ("what?! really...\nyes", [(0, 6), (6, 16), (17, 20)]),  # a bare line break is no sentence
        ("line one\nline two", [(0, 9), (9, 17)]),
        ("...", [(0, 3)]),  # nothing but marks: the whole text
        ("   ", [(0, 3)]),
    ],
)
def test_sentences_are_character_offsets(text: str, spans: list[tuple[int, int]]) -> None:
    assert perspective.sentences(text) == spans


@pytest.mark.parametrize("languages", [["en"], ["EN"], ["fr-CA"], ["pt-BR", "de"], [], None])
def test_supported_languages_pass(languages: list[str] | None) -> None:
    perspective.check_languages(_request(languages=languages))


def test_an_unsupported_language_is_perspective_s_error_naming_the_first_attribute() -> None:
    request = _request(requestedAttributes={"THREAT": {}, "INSULT": {}}, languages=["en", "ja-JP", "ko"])
    with pytest.raises(perspective.PerspectiveError) as err:
        perspective.check_languages(request)
    assert err.value.message == "Attribute THREAT does not support request languages: ja-JP"
    assert str(err.value) == err.value.message
    assert err.value.error_type == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"
    assert err.value.body() == {
        "error": {
            "code": 400,
            "message": "Attribute THREAT does not support request languages: ja-JP",
            "status": "INVALID_ARGUMENT",
            "details": [
                {
                    "@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error",
                    "errorType": "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
                    "languageNotSupportedByAttributeError": {"detectedLanguages": [], "attribute": "THREAT"},
                }
            ],
        }
    }


def test_an_error_without_extra_details_has_only_its_type() -> None:
    error = perspective.PerspectiveError("bad", error_type="INVALID_REQUEST")
    assert error.extra == {}
    assert error.body()["error"]["details"] == [
        {"@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error", "errorType": "INVALID_REQUEST"}
    ]
