"""Shutting a child out (bullying.exclusion) is blocked for readers under 18 whatever the model
scores (default-0.15.0); a child telling of being left out is not the rule's."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.engine import Moderator
from safechat.normalize.pipeline import normalize
from safechat.policy.policy import Policy
from safechat.types import Action, AgeBand
from tests.unit.fixtures import fake_moderator

EXCLUSION = "new group chat without maya, nobody add her back"


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return fake_moderator({}, policy=Policy.default())[0]


@pytest.mark.parametrize("band", [AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17])
def test_exclusion_is_blocked_for_children_without_the_model(moderator: Moderator, band: AgeBand) -> None:
    decision = moderator.moderate(EXCLUSION, age_band=band)
    assert decision.action is Action.BLOCK, decision.reasons


def test_adults_are_warned(moderator: Moderator) -> None:
    assert moderator.moderate(EXCLUSION, age_band=AgeBand.ADULT).action is Action.WARN


@pytest.mark.parametrize(
    "text",
    ("they made a new group chat without me", "my friends made a new server without us and i found out"),
)
def test_a_child_left_out_is_no_exclusion(text: str) -> None:
    assert not any(hit.rule == "bullying.exclusion" for hit in find_rule_hits(normalize(text).text))
