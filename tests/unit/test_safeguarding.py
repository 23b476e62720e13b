"""Safeguarding at the shipped default policy (issue 24, items 1-3): self-harm gets help and, when
imminent, an urgent review and a prompt for the reader; a child who tells of harm gets help (and a
routine review for grooming or abuse), never a bullying or hate action. Cases are in
tests/data/safeguarding_cases.jsonl; scores come from a keyword-driven fake scorer."""

from __future__ import annotations

from typing import Any

import pytest

from safechat.conversation import ChatMessage, ConversationModerator
from safechat.engine import Moderator
from safechat.policy.decide import review_of
from safechat.policy.policy import Policy
from safechat.policy.prompts import MAX_PROMPT_CHARS, PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand, Decision, Label, Prompt, Reason, ReasonSource, Review, Role
from tests.conftest import load_jsonl
from tests.unit.fixtures import failing_moderator

CASES = load_jsonl("safeguarding_cases.jsonl")
PROMPTS = PromptBook.load()
DEFAULT = Policy.default()


def _moderator(rules: dict[str, dict[str, float]] | None = None) -> Moderator:
    # default 0: the model says nothing but what a case gives it (some languages' own thresholds in
    # the default policy are below 0.01: their calibrated scores sit that low)
    scorer = FakeScorer(rules, default=0.0)
    return Moderator(scorer=scorer, policy=DEFAULT, prompts=PROMPTS, queue_reviews=False)


def _kind(prompt: Prompt | None, decision: Decision) -> str | None:
    """Which prompt this is: ``disclosure``, ``self_harm_urgent`` or the label it is about."""
    if prompt is None:
        return None
    band, locale = decision.age_band, decision.locale
    if prompt.role is Role.SENDER and prompt.text == PROMPTS.disclosure(band, locale).text:
        return "disclosure"
    if prompt.role is Role.RECIPIENT and prompt.text == PROMPTS.self_harm_urgent(band, locale).text:
        return "self_harm_urgent"
    return prompt.label.value if prompt.label is not None else "none"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_safeguarding_case(case: dict[str, Any]) -> None:
    keyword = str(case.get("keyword", case["text"])).lower()
    moderator = _moderator({keyword: case["scores"]} if case["scores"] else None)
    for band in case["bands"]:
        decision = moderator.moderate(case["text"], age_band=band, locale=case.get("locale"))
        where = f"{case['name']} ({band})"
        assert {"action", "at_least", "delivered"} & set(case), where  # every case checks the action
        if "action" in case:
            assert decision.action.value == case["action"], where
        if "at_least" in case:
            assert decision.action.severity >= Action(case["at_least"]).severity, where
        if case.get("delivered"):
            assert decision.delivered, where
        assert decision.support is case["support"], where
        assert decision.review == (Review(case["review"]) if case["review"] else None), where
        assert _kind(decision.sender_prompt, decision) == case["sender"], where
        if "recipient" in case:
            assert _kind(decision.recipient_prompt, decision) == case["recipient"], where
        if "labels" in case:
            assert sorted(label.value for label in decision.labels) == sorted(case["labels"]), where
        codes = {reason.code for reason in decision.reasons}
        assert set(case.get("codes", [])) <= codes, (where, codes)
        for label in case.get("no_action_for", []):  # the teller never gets this label's action
            acting = [
                r.code for r in decision.reasons if r.label is Label(label) and r.action is not Action.ALLOW
            ]
            assert not acting, (where, acting)
        if case["sender"] in ("self_harm", "disclosure"):
            assert decision.sender_prompt is not None, where
            assert decision.sender_prompt.helpline is not None, where
            assert decision.sender_prompt.options, where


def test_every_optional_check_is_made_by_some_case() -> None:
    """The case test checks some things only for cases that ask: each is asked by at least one
    case, so no check in it is dead."""
    for key in ("action", "at_least", "delivered", "recipient", "labels", "codes", "no_action_for", "locale"):
        assert any(case.get(key) for case in CASES), key
    assert any(case["sender"] in ("self_harm", "disclosure") for case in CASES)


def test_the_helpline_is_the_writers_country() -> None:
    decision = _moderator().moderate("i'm going to kill myself tonight", locale="fr-BE")
    assert decision.sender_prompt is not None and decision.recipient_prompt is not None
    assert decision.sender_prompt.helpline is not None and decision.sender_prompt.helpline.country == "BE"
    assert (
        decision.recipient_prompt.helpline is not None and decision.recipient_prompt.helpline.country == "BE"
    )
    assert decision.recipient_prompt.locale == "fr"


def test_a_band_may_hold_an_imminent_message() -> None:
    """Delivered unless the band's policy says otherwise: a band that holds it still gives help,
    the urgent review and the reader's prompt."""
    data = DEFAULT.model_dump(mode="json")
    data["bands"]["under_13"]["rules"]["self_harm.imminent"]["action"] = "block"
    policy = Policy.from_mapping(data)
    moderator = Moderator(scorer=FakeScorer(), policy=policy, prompts=PROMPTS, queue_reviews=False)
    held = moderator.moderate("i'm going to kill myself tonight", age_band="under_13")
    assert held.action is Action.BLOCK and held.review is Review.URGENT and held.support
    assert _kind(held.sender_prompt, held) == "self_harm"
    delivered = moderator.moderate("i'm going to kill myself tonight", age_band="13_15")
    assert delivered.action is Action.ALLOW and delivered.review is Review.URGENT


def test_a_high_self_harm_score_counts_as_imminent_when_the_policy_says_so() -> None:
    data = DEFAULT.model_dump(mode="json")
    data["bands"]["13_15"]["labels"]["self_harm"].update(review_threshold=0.9, review="urgent")
    policy = Policy.from_mapping(data)
    moderator = Moderator(
        scorer=FakeScorer({"so tired of everything": {"self_harm": 0.95}}),
        policy=policy,
        prompts=PROMPTS,
        queue_reviews=False,
    )
    decision = moderator.moderate("so tired of everything", age_band="13_15")
    assert decision.action is Action.ALLOW and decision.support and decision.review is Review.URGENT
    (review,) = [r for r in decision.reasons if r.code == "model.self_harm.review"]
    assert review.threshold == 0.9 and review.review is Review.URGENT and review.action is Action.ALLOW
    assert _kind(decision.recipient_prompt, decision) == "self_harm_urgent"
    other_band = moderator.moderate("so tired of everything", age_band="under_13")
    assert other_band.review is None and other_band.recipient_prompt is None  # not set there


def test_escalate_asks_for_review_and_a_failed_decision_does_not() -> None:
    assert review_of([], Action.ESCALATE) is Review.ROUTINE
    assert review_of([], Action.BLOCK) is None
    urgent = Reason(
        "rule.self_harm.imminent.time", Label.SELF_HARM, ReasonSource.RULE, Action.ALLOW, review=Review.URGENT
    )
    assert review_of([urgent], Action.ESCALATE) is Review.URGENT
    assert Review.most_urgent([None, Review.ROUTINE, Review.URGENT]) is Review.URGENT
    assert Review.most_urgent([None, None]) is None
    failed = failing_moderator().moderate("i'm going to kill myself tonight")
    assert failed.fail_closed and failed.action is Action.ESCALATE and failed.review is None


def test_amend_and_cap_choose_the_review_again() -> None:
    moderator = _moderator()
    plain = moderator.moderate("see you later")
    assert plain.review is None
    raised = moderator.amend(
        plain,
        [Reason("conversation.grooming.probing", Label.GROOMING, ReasonSource.CONVERSATION, Action.ESCALATE)],
    )
    assert raised.action is Action.ESCALATE and raised.review is Review.ROUTINE
    capped = moderator.cap(raised, Label.GROOMING, Action.WARN)
    assert capped.action is Action.WARN and capped.review is None
    imminent = moderator.moderate("i'm going to kill myself tonight")
    still = moderator.amend(
        imminent, [Reason("conversation.hostility", Label.BULLYING, ReasonSource.CONVERSATION, Action.BLOCK)]
    )
    assert still.review is Review.URGENT and _kind(still.recipient_prompt, still) == "self_harm_urgent"


def test_a_child_telling_of_grooming_shows_no_grooming_stage() -> None:
    tracker = ConversationModerator(_moderator({"keep it secret": {"grooming": 0.7}}))
    result = tracker.moderate(
        ChatMessage(
            conversation_id="c-1",
            sender="u-7",
            text="a man online keeps asking me for photos and says to keep it secret",
            message_id="m-1",
            recipient="u-8",
            sender_age_band="under_13",
            recipient_age_band="under_13",
        )
    )
    assert result.stages == () and result.decision.action is Action.ALLOW
    assert result.decision.review is Review.ROUTINE and result.decision.support


@pytest.mark.parametrize("locale", PROMPTS.locales)
@pytest.mark.parametrize("band", [AgeBand.UNDER_13, AgeBand.AGE_13_15])
def test_every_locale_has_the_support_prompts(locale: str, band: AgeBand) -> None:
    for prompt in (PROMPTS.disclosure(band, locale), PROMPTS.self_harm_urgent(band, locale)):
        assert prompt.locale == locale and prompt.age_band is band
        assert prompt.rule and prompt.rule in prompt.text
        assert len(prompt.text) <= MAX_PROMPT_CHARS and "{" not in prompt.text
        assert prompt.helpline is not None and prompt.options
    assert PROMPTS.disclosure(AgeBand.UNDER_13, locale).text != PROMPTS.disclosure(AgeBand.ADULT, locale).text
    urgent = PROMPTS.self_harm_urgent(band, locale)
    assert urgent.role is Role.RECIPIENT and urgent.label is Label.SELF_HARM
    disclosure = PROMPTS.disclosure(band, locale)
    assert disclosure.role is Role.SENDER and disclosure.label is None


def test_the_english_support_prompts_say_what_the_issue_asks() -> None:
    told = PROMPTS.disclosure(AgeBand.UNDER_13, "en").text.lower()
    assert "not your fault" in told and "report" in told and "adult you trust" in told and "helpline" in told
    urgent = PROMPTS.self_harm_urgent(AgeBand.UNDER_13, "en").text.lower()
    assert "adult you trust now" in urgent and "helpline" in urgent and "not your fault" in urgent
