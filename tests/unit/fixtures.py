"""Moderators built from the shipped policy and prompts with fake scorers (no model)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from safechat.detect import RuleHit, find_context
from safechat.engine import Moderator
from safechat.normalize import normalize
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports.store import DEFAULT_REPORT_STORE, ReportStore
from safechat.testing import FailingScorer, FakeScorer
from safechat.types import Label

_PROMPTS = PromptBook.load()
REFERENCE_POLICY = Path(__file__).resolve().parents[1] / "data" / "reference_policy.toml"


def reference_policy() -> Policy:
    """The fixed policy the logic tests use (tests/data/reference_policy.toml), not the shipped
    default, which changes each time it is re-fitted."""
    return Policy.from_toml(REFERENCE_POLICY)


_POLICY = reference_policy()


def fake_moderator(
    rules: Mapping[str, Mapping[Label | str, float]] | None = None,
    *,
    default: float = 0.01,
    policy: Policy | None = None,
    report_store: str | ReportStore | None = None,
) -> tuple[Moderator, FakeScorer]:
    """A moderator on the reference policy (or ``policy``) with a keyword-driven scorer. It
    queues reviews only when given a ``report_store`` (never in the working directory)."""
    scorer = FakeScorer(rules, default=default)
    moderator = Moderator(
        scorer=scorer,
        policy=policy or _POLICY,
        prompts=_PROMPTS,
        report_store=report_store if report_store is not None else DEFAULT_REPORT_STORE,
        queue_reviews=report_store is not None,
    )
    return moderator, scorer


def failing_moderator() -> Moderator:
    return Moderator(scorer=FailingScorer(), policy=_POLICY, prompts=_PROMPTS, queue_reviews=False)


def context_hits(text: str, rule: str) -> list[RuleHit]:
    """The context rules' hits with the code ``rule`` on ``text``, normalised as the engine does."""
    return [hit for hit in find_context(normalize(text).text) if hit.rule == rule]
