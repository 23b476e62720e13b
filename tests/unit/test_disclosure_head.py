"""The disclosure head (safechat/model/disclosure_head.py): support for a message that reads like a
child telling of harm, never a lower action; the head files are checked on load."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

import numpy as np
import pytest

from safechat.engine import Moderator
from safechat.errors import BundleError, PolicyError
from safechat.model.bundle import ModelBundle, shipped_bundle_path
from safechat.model.disclosure_head import FIRES_AT, RULE, DisclosureHead, shipped_head
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand, Scores
from tests.unit.fixtures import reference_policy

_TOLD = "told"  # messages with this word get the head's probability 0.9, others 0.1


class _HeadScorer(FakeScorer):
    """FakeScorer whose scores also carry a disclosure probability."""

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        return [
            dataclasses.replace(scores, disclosure=0.9 if _TOLD in text.lower() else 0.1)
            for scores, text in zip(super().score_batch(texts), texts, strict=True)
        ]


def _moderator(policy: Policy) -> Moderator:
    scorer = _HeadScorer({"loser": {"bullying": 0.97}})
    return Moderator(scorer=scorer, policy=policy, prompts=PromptBook.load(), queue_reviews=False)


def test_a_message_the_head_reads_as_a_disclosure_gets_support_and_keeps_its_action() -> None:
    moderator = _moderator(Policy.default())
    told = moderator.moderate("i told my teacher and nothing changed", age_band=AgeBand.UNDER_13)
    assert told.action is Action.ALLOW
    assert told.support
    assert f"rule.{RULE}" in {reason.code for reason in told.reasons}
    assert told.sender_prompt is not None
    plain = moderator.moderate("see you at practice", age_band=AgeBand.UNDER_13)
    assert not plain.support and not plain.reasons
    # an insult the head misreads keeps its action: the hit settles no score
    insult = moderator.moderate("told you, loser", age_band=AgeBand.UNDER_13)
    alone = moderator.moderate("you loser", age_band=AgeBand.UNDER_13)
    assert insult.action is alone.action
    assert insult.action.severity >= Action.WARN.severity
    assert insult.support


def test_a_policy_without_the_head_entry_never_gets_the_hit() -> None:
    policy = reference_policy()
    assert RULE not in policy.band(AgeBand.UNDER_13).rules
    decision = _moderator(policy).moderate("i told my teacher and nothing changed", age_band=AgeBand.UNDER_13)
    assert f"rule.{RULE}" not in {reason.code for reason in decision.reasons}


def test_the_policy_refuses_a_head_entry_that_would_settle_scores() -> None:
    raw = Policy.default().model_dump(mode="json")
    raw["bands"]["under_13"]["rules"][RULE] = {"action": "allow", "support": True, "tempers_model_below": 0.9}
    with pytest.raises(PolicyError, match="support only"):
        Policy.from_mapping(raw)
    raw["bands"]["under_13"]["rules"][RULE] = {"action": "warn", "support": True}
    with pytest.raises(PolicyError, match="support only"):
        Policy.from_mapping(raw)
    raw["bands"]["under_13"]["rules"][RULE] = {
        "action": "allow",
        "support": True,
        "corroborated_action": "block",
        "corroborating_threshold": 0.5,
    }
    with pytest.raises(PolicyError, match="support only"):
        Policy.from_mapping(raw)
    raw["bands"]["under_13"]["rules"][RULE] = {"action": "allow", "support": True, "review": "routine"}
    assert Policy.from_mapping(raw).band(AgeBand.UNDER_13).rules[RULE].review is not None


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        '{"space": "", "weights": [1.0], "bias": 0}',
        '{"space": "m 1", "weights": [], "bias": 0}',
        '{"space": "m 1", "weights": [[1.0]], "bias": 0}',
        '{"space": "m 1", "weights": [1.0, NaN], "bias": 0}',
        '{"space": "m 1", "weights": [1.0], "bias": "x"}',
        "not json",
    ],
)
def test_a_broken_head_file_is_refused(text: str) -> None:
    with pytest.raises(BundleError):
        DisclosureHead.from_json(text)


def test_the_head_reads_only_embeddings_of_its_width() -> None:
    head = DisclosureHead("m 1", np.array([1.0, -1.0], dtype=np.float32), 0.0)
    found = head.probabilities(np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    assert found[0] > FIRES_AT > found[1]
    with pytest.raises(BundleError, match="2-wide"):
        head.probabilities(np.zeros((1, 3), dtype=np.float32))
    again = DisclosureHead.from_json(head.to_json())
    assert again.space == head.space and again.bias == head.bias
    assert np.array_equal(again.weights, head.weights)


@pytest.mark.parametrize("name", ["safechat-en-minilm", "safechat-multi-e5"])
def test_each_bundle_ships_a_head_for_its_own_embeddings(name: str) -> None:
    path = shipped_bundle_path(name)
    assert path is not None
    bundle = ModelBundle.load(path)
    head = shipped_head(name, bundle.version)
    assert head is not None
    assert head.space == bundle.version
    assert shipped_head(name, "another-model 9") is None


def test_the_head_file_is_plain_json() -> None:
    path = shipped_bundle_path("safechat-en-minilm")
    assert path is not None
    head = shipped_head("safechat-en-minilm", ModelBundle.load(path).version)
    assert head is not None
    assert set(json.loads(head.to_json())) == {"space", "bias", "weights"}
