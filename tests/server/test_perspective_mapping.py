"""Every Perspective attribute is the documented rule over safechat's labels: a swapped or
mistyped mapping changes some attribute's score for some comment, and fails here."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from safechat_server import perspective

from safechat.types import LABELS, Label, Scores
from tests.unit.fixtures import fake_moderator

ROOT = Path(__file__).resolve().parents[2]
# The rules as docs/perspective-migration.md and perspective.py's docstring give them, written
# out here by hand: the test compares the code and both documents with this table.
DOCUMENTED: dict[str, tuple[Label, ...]] = {
    "TOXICITY": (Label.BULLYING, Label.HATE, Label.THREAT, Label.SEXUAL, Label.PROFANITY),
    "SEVERE_TOXICITY": (Label.HATE, Label.THREAT),
    "IDENTITY_ATTACK": (Label.HATE,),
    "INSULT": (Label.BULLYING,),
    "PROFANITY": (Label.PROFANITY,),
    "THREAT": (Label.THREAT,),
    "SEXUALLY_EXPLICIT": (Label.SEXUAL,),
}
_ROW = re.compile(r"^\| ([A-Z_]+) \| ([a-z_, ()]+) \|$", re.MULTILINE)


def _rules(text: str) -> dict[str, tuple[Label, ...]]:
    """The attribute table of a document: ``| NAME | max(a, b) |`` or ``| NAME | a |`` rows."""
    table: dict[str, tuple[Label, ...]] = {}
    for name, rule in _ROW.findall(text):
        inner = rule.removeprefix("max(").removesuffix(")")
        table[name] = tuple(Label(part.strip()) for part in inner.split(","))
    return table


def _vectors() -> list[Scores]:
    """One score vector per label with that label alone on top and every label's score
    different, so that any two different rules give different values on one of them."""
    values = [0.11, 0.23, 0.31, 0.42, 0.57, 0.64, 0.78, 0.93]
    labels = list(LABELS)
    vectors = []
    for top in range(len(labels)):  # rotate: each label gets 0.93 once, and every other value
        order = labels[top + 1 :] + labels[: top + 1]
        vectors.append(Scores.from_values(dict(zip(order, values, strict=True))))
    return vectors


def _expected(name: str, scores: Scores) -> float:
    return max(scores[label] for label in DOCUMENTED[name])


def test_the_documents_and_the_code_name_the_same_attributes_and_rules() -> None:
    assert perspective.__doc__ is not None
    assert _rules(perspective.__doc__) == DOCUMENTED
    assert _rules((ROOT / "docs" / "perspective-migration.md").read_text("utf-8")) == DOCUMENTED
    assert set(perspective.ATTRIBUTES) == set(DOCUMENTED)


def test_the_vectors_tell_every_two_rules_apart() -> None:
    """The premise of the tests below: no two attributes agree on every vector."""
    vectors = _vectors()
    for a, b in itertools.permutations(DOCUMENTED, 2):
        assert any(_expected(a, v) != _expected(b, v) for v in vectors), (a, b)


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_each_attribute_scores_its_documented_rule(name: str) -> None:
    for scores in _vectors():
        assert perspective.ATTRIBUTES[name](scores) == _expected(name, scores), scores


def test_the_response_carries_each_attribute_s_rule_for_summary_and_spans() -> None:
    vectors = _vectors()
    request = perspective.PerspectiveRequest.model_validate(
        {
            "comment": {"text": "a. b."},
            "requestedAttributes": {name: {} for name in DOCUMENTED},
            "spanAnnotations": True,
        }
    )
    for summary in vectors:
        spans = [(0, 2, vectors[0]), (3, 5, summary)]
        body = perspective.response(request, summary, spans, "en")
        assert list(body["attributeScores"]) == list(DOCUMENTED)  # request order
        for name, entry in body["attributeScores"].items():
            assert entry["summaryScore"] == {"value": _expected(name, summary), "type": "PROBABILITY"}
            assert [s["score"]["value"] for s in entry["spanScores"]] == [
                _expected(name, vectors[0]),
                _expected(name, summary),
            ]


def test_the_http_endpoint_scores_every_attribute_by_its_documented_rule(sidecar_factory: Any) -> None:
    vectors = _vectors()
    words = [f"zebra{i}" for i in range(len(vectors))]
    moderator, _ = fake_moderator(
        {word: vector.as_dict() for word, vector in zip(words, vectors, strict=True)}
    )
    sidecar = sidecar_factory(moderator, http={"port": 0})
    url = f"http://127.0.0.1:{sidecar.http.port}/v1alpha1/comments:analyze"
    for word, scores in zip(words, vectors, strict=True):
        answer = httpx.post(
            url, json={"comment": {"text": word}, "requestedAttributes": {name: {} for name in DOCUMENTED}}
        )
        assert answer.status_code == 200
        got = {
            name: entry["summaryScore"]["value"] for name, entry in answer.json()["attributeScores"].items()
        }
        assert got == {name: _expected(name, scores) for name in DOCUMENTED}, word
