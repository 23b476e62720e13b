"""The severity ladder at the shipped default policy (issue 24, item 4; README, "Severity
ladder"): humiliating a named child, a slur aimed at a person, sexual content sent to a child, a
threat that names a place, a time or a target, and doxxing get ``block`` or ``escalate`` for
under-13s and 13-15s, whatever the model says (scores here are all zero); since default-0.17.0
16-17s get what 13-15s get wherever friends of that age do not do the same, and adults' threats
and doxxing reach a person. Cases are in
tests/data/severity_ladder.jsonl, with look-alikes that must stay below."""

from __future__ import annotations

from typing import Any

import pytest

from safechat.detect import find_rule_hits
from safechat.engine import Moderator
from safechat.normalize import normalize
from safechat.policy.decide import decide
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import LABELS, Action, Label, Scores
from tests.conftest import load_jsonl

CASES = load_jsonl("severity_ladder.jsonl")
MODERATOR = Moderator(
    scorer=FakeScorer(), policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_severity_ladder(case: dict[str, Any]) -> None:
    rules = {hit.rule for hit in find_rule_hits(normalize(case["text"]).text)}
    if case["rule"] is not None:
        assert case["rule"] in rules
    if "not_rule" in case:
        assert case["not_rule"] not in rules
    for band, least in case.get("at_least", {}).items():
        decision = MODERATOR.moderate(case["text"], age_band=band)
        assert decision.action.severity >= Action(least).severity, band
        assert any(r.code.startswith(f"rule.{case['rule']}") for r in decision.reasons), band
    for band, most in case.get("at_most", {}).items():
        assert MODERATOR.moderate(case["text"], age_band=band).action.severity <= Action(most).severity, band


def test_children_never_get_only_a_warning_for_the_severe_forms() -> None:
    policy = Policy.default()
    for band in ("under_13", "13_15"):
        rules = policy.band(band).rules
        for code in ("bullying.humiliation", "hate.slur", "threat.specific", "pii.doxxing", "sexual"):
            assert rules[code].action.severity >= Action.BLOCK.severity, (band, code)


def test_the_grooming_stages_that_put_a_child_at_risk_escalate_alone_for_under_16s() -> None:
    """Secrecy, isolation, checking the child is alone, image requests and sexualisation reach a
    person whatever the model scores; the stages friends share (age, meeting up, gifts, an app)
    warn or mask alone."""
    policy = Policy.default()
    for band in ("under_13", "13_15"):
        rules = policy.band(band).rules
        for stage in ("secrecy", "isolation", "alone_check", "image_request", "sexualisation"):
            assert rules[f"grooming.{stage}"].action is Action.ESCALATE, (band, stage)
        for stage in ("rapport", "probing", "private_app", "gifts", "meeting"):
            assert policy.band(band).rule_action(f"grooming.{stage}").action.severity <= Action.WARN.severity


def test_every_case_checks_an_action_and_the_rule_checks_are_made() -> None:
    """test_severity_ladder checks the rule only where a case names one, a rule that must not
    fire only where a case has ``not_rule``, and actions for the bands a case lists."""
    for case in CASES:
        assert case.get("at_least") or case.get("at_most"), case["name"]
        assert not case.get("at_least") or case["rule"] is not None, case["name"]
    assert any(case["rule"] is not None for case in CASES)
    assert any("not_rule" in case for case in CASES)


OLDER_CHILD_RULES = (
    "bullying.humiliation",
    "grooming.secrecy",
    "grooming.isolation",
    "grooming.image_request",
    "grooming.sexualisation",
    "grooming.private_app",
    "pii.request",
    "pii.doxxing",
    "threat.violence",
)
"""Rules whose hit means the same for a 16-17-year-old as for a 13-15-year-old (a 16-17-year-old
is still a child); checks for being alone, the other grooming stages, swearing and sexual talk
are what friends of that age do too, and keep lighter entries."""


def test_16_17s_get_what_13_15s_get_where_friends_of_that_age_do_not_do_the_same() -> None:
    policy = Policy.default()
    older, younger = policy.band("16_17").rules, policy.band("13_15").rules
    for code in OLDER_CHILD_RULES:
        assert older[code] == younger[code], code
    band = policy.band("16_17")
    assert band.rule_action("grooming.alone_check").action is Action.ALLOW
    assert band.rule_action("profanity").action is Action.ALLOW


def test_threats_and_doxxing_reach_a_person_for_adults_whatever_the_model_says() -> None:
    rules = Policy.default().band("adult").rules
    for code in ("threat.specific", "threat.emoji", "threat.incitement", "threat.school_attack"):
        assert rules[code].action is Action.ESCALATE, code
    assert rules["pii.doxxing"].action is Action.ESCALATE
    for code in ("hate.slur", "threat.violence"):
        assert rules[code].action is Action.BLOCK and rules[code].corroborated_action is Action.ESCALATE, code


def test_16_17s_sexual_or_personal_scores_reach_a_person_with_a_grooming_score() -> None:
    """An adult soliciting a 16-17-year-old is escalated; sexual talk between peers is blocked and
    a teenager's own details are theirs to share (since default-0.17.0)."""
    band = Policy.default().band("16_17")
    for label, alone in ((Label.SEXUAL, Action.BLOCK), (Label.PII, Action.ALLOW)):
        peers = Scores.from_values({x: 0.0 for x in LABELS} | {label: 0.9})
        solicited = Scores.from_values({x: 0.0 for x in LABELS} | {label: 0.9, Label.GROOMING: 0.6})
        assert decide(band, peers, (), (), language="en").action is alone, label
        assert decide(band, solicited, (), (), language="en").action is Action.ESCALATE, label
