"""Moderators built from the shipped policy and prompts with fake scorers (no model)."""

from __future__ import annotations

from collections.abc import Mapping

from safechat.engine import Moderator
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FailingScorer, FakeScorer
from safechat.types import Label

_PROMPTS = PromptBook.load()
_POLICY = Policy.default()


def fake_moderator(
    rules: Mapping[str, Mapping[Label | str, float]] | None = None,
    *,
    default: float = 0.01,
    policy: Policy | None = None,
) -> tuple[Moderator, FakeScorer]:
    scorer = FakeScorer(rules, default=default)
    return Moderator(scorer=scorer, policy=policy or _POLICY, prompts=_PROMPTS), scorer


def failing_moderator() -> Moderator:
    return Moderator(scorer=FailingScorer(), policy=_POLICY, prompts=_PROMPTS)
