"""The heads on the sentence embedding (safechat/model/support_head.py): support for a message
that reads like a child telling of harm or thinking of hurting themselves, never a lower action;
a harm head's hit acts as its policy entry says, but never on a child telling of harm or where a
context rule settles its label; the head files are checked on load."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Sequence

import numpy as np
import pytest

from safechat.conversation import ChatMessage, ConversationModerator, MemoryStore
from safechat.detect.base import RuleHit
from safechat.engine import Moderator, _fired_heads
from safechat.errors import BundleError, PolicyError
from safechat.model.bundle import ModelBundle, shipped_bundle_path
from safechat.model.support_head import (
    DISCLOSURE,
    FIRES_AT,
    HARM_KINDS,
    HEAD_KINDS,
    ORDINARY,
    SELF_HARM,
    SUPPORT_KINDS,
    HeadKind,
    HiddenLayer,
    SupportHead,
    shipped_head,
    shipped_heads,
)
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand, Label, Review, Role, Scores, Span
from tests.unit.fixtures import reference_policy

_TOLD = "told"  # messages with this word get the disclosure head's probability 0.9, others 0.1
_SAD = ("disappear", "muero")  # messages with one of these get the self-harm head's 0.9, others 0.1
_LEWD = "pics"  # messages with this word get the sexual head's 0.9, others 0.1
_LURE = "hangout"  # messages with this word get the grooming head's 0.9, others 0.1
_BANTER = "gg"  # messages with this word get the ordinary head's 0.9, others 0.1
RULE = DISCLOSURE.rule
SEXUAL_HEAD = next(kind for kind in HARM_KINDS if kind.label is Label.SEXUAL)
GROOMING_HEAD = next(kind for kind in HARM_KINDS if kind.label is Label.GROOMING)
SHIPPED_HARM_HEADS = {
    "safechat-en-minilm": {"bullying", "threat", "sexual"},
    "safechat-multi-e5": {kind.name for kind in HARM_KINDS},
}
"""The harm heads each bundle ships: those that found at least three missed harmful ``dev`` lines
for each ordinary line they would flag (models/training/experiments/README.md)."""


class _HeadScorer(FakeScorer):
    """FakeScorer whose scores also carry the support heads' probabilities."""

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        return [
            dataclasses.replace(
                scores,
                heads={
                    DISCLOSURE.name: 0.9 if _TOLD in text.lower() else 0.1,
                    SELF_HARM.name: 0.9 if any(word in text.lower() for word in _SAD) else 0.1,
                    SEXUAL_HEAD.name: 0.9 if _LEWD in text.lower() else 0.1,
                    GROOMING_HEAD.name: 0.9 if _LURE in text.lower() else 0.1,
                    ORDINARY.name: 0.9 if _BANTER in text.lower().split() else 0.1,
                },
            )
            for scores, text in zip(super().score_batch(texts), texts, strict=True)
        ]


def _moderator(policy: Policy) -> Moderator:
    scorer = _HeadScorer(
        {"loser": {"bullying": 0.97}, "dead": {"threat": 0.7, "bullying": 0.6}, "destroyed": {"threat": 0.95}}
    )
    return Moderator(scorer=scorer, policy=policy, prompts=PromptBook.load(), queue_reviews=False)


def test_a_message_the_head_reads_as_a_disclosure_gets_support_and_keeps_its_action() -> None:
    moderator = _moderator(Policy.default())
    told = moderator.moderate("i told my teacher and nothing changed", age_band=AgeBand.UNDER_13)
    assert told.action is Action.ALLOW
    assert told.support
    assert f"rule.{RULE}" in {reason.code for reason in told.reasons}
    assert told.sender_prompt is not None
    assert told.sender_prompt.text == PromptBook.load().disclosure(AgeBand.UNDER_13, "en").text
    plain = moderator.moderate("see you at practice", age_band=AgeBand.UNDER_13)
    assert not plain.support and not plain.reasons
    # an insult the head misreads keeps its action: the hit settles no score
    insult = moderator.moderate("told you, loser", age_band=AgeBand.UNDER_13)
    alone = moderator.moderate("you loser", age_band=AgeBand.UNDER_13)
    assert insult.action is alone.action
    assert insult.action.severity >= Action.WARN.severity
    assert insult.support


@pytest.mark.parametrize("band", list(AgeBand))
def test_a_message_the_self_harm_head_reads_gets_the_self_harm_help_and_is_delivered(band: AgeBand) -> None:
    moderator = _moderator(Policy.default())
    sad = moderator.moderate("i just want to disappear", age_band=band)
    assert sad.action is Action.ALLOW
    assert sad.support
    assert Label.SELF_HARM in sad.labels
    assert f"rule.{SELF_HARM.rule}" in {reason.code for reason in sad.reasons}
    assert sad.review is None  # support only: an urgent review is for the imminence rules
    prompts = PromptBook.load()
    assert sad.sender_prompt is not None
    help_text = prompts.render(label=Label.SELF_HARM, role=Role.SENDER, age_band=band, locale="en").text
    assert sad.sender_prompt.text == help_text
    assert sad.recipient_prompt is None
    # a bully's message the head misreads keeps its action
    mocking = moderator.moderate("disappear, loser", age_band=band)
    assert mocking.action is moderator.moderate("you loser", age_band=band).action


def test_a_policy_without_the_head_entry_never_gets_the_hit() -> None:
    policy = reference_policy()
    assert RULE not in policy.band(AgeBand.UNDER_13).rules
    decision = _moderator(policy).moderate("i told my teacher and nothing changed", age_band=AgeBand.UNDER_13)
    assert f"rule.{RULE}" not in {reason.code for reason in decision.reasons}


@pytest.mark.parametrize("band", list(AgeBand))
def test_the_self_harm_head_stands_for_an_implied_intent_with_the_means_at_hand(band: AgeBand) -> None:
    """The head's reading counts as the implied intent the imminence rules otherwise need: with
    the means at hand, an urgent review and the reader told how to help; without the head's
    entry in the policy, the same message is not imminent."""
    text = "i want to disappear. i keep a blade in my pencil case"
    decision = _moderator(Policy.default()).moderate(text, age_band=band)
    codes = {reason.code for reason in decision.reasons}
    assert {f"rule.{SELF_HARM.rule}", "rule.self_harm.imminent.means"} <= codes
    assert decision.review is Review.URGENT
    assert decision.support and decision.delivered
    assert decision.recipient_prompt is not None
    assert decision.recipient_prompt.text == PromptBook.load().self_harm_urgent(band, "en").text
    raw = Policy.default().model_dump(mode="json")
    for table in raw["bands"].values():
        del table["rules"][SELF_HARM.rule]
    without = _moderator(Policy.from_mapping(raw)).moderate(text, age_band=band)
    assert "rule.self_harm.imminent.means" not in {reason.code for reason in without.reasons}
    assert without.review is not Review.URGENT
    # passive thoughts the head reads, with no plan, means or telling time: help, no review
    passive = _moderator(Policy.default()).moderate("i want to disappear", age_band=band)
    assert passive.support and passive.review is None


@pytest.mark.parametrize("band", list(AgeBand))
def test_a_head_does_not_fire_where_a_context_rule_settles_its_label(band: AgeBand) -> None:
    moderator = _moderator(Policy.default())
    # context.idiom: dying of laughter is not self-harm
    laughing = moderator.moderate("me muero de risa jajaja", age_band=band, locale="es")
    assert not laughing.support
    assert f"rule.{SELF_HARM.rule}" not in {reason.code for reason in laughing.reasons}
    sad = moderator.moderate("ya no quiero vivir, me muero", age_band=band, locale="es")
    assert sad.support
    assert f"rule.{SELF_HARM.rule}" in {reason.code for reason in sad.reasons}


def test_the_disclosure_head_keeps_a_child_who_objects_to_what_was_done_to_them() -> None:
    """context.counter_speech settles bullying and hate, but the disclosure head's label only
    routes its help: the child objecting keeps it."""
    moderator = _moderator(Policy.default())
    text = "kids keep asking if i eat dogs cause im chinese, i told them its not funny"
    decision = moderator.moderate(text, age_band=AgeBand.UNDER_13)
    codes = {reason.code for reason in decision.reasons}
    assert "rule.context.counter_speech" in codes
    assert f"rule.{RULE}" in codes
    assert decision.support


@pytest.mark.parametrize("kind", SUPPORT_KINDS, ids=lambda kind: kind.name)
def test_the_policy_refuses_a_support_head_entry_that_would_settle_scores(kind: HeadKind) -> None:
    raw = Policy.default().model_dump(mode="json")
    rules = raw["bands"]["under_13"]["rules"]
    rules[kind.rule] = {"action": "allow", "support": True, "tempers_model_below": 0.9}
    with pytest.raises(PolicyError, match="support only"):
        Policy.from_mapping(raw)
    rules[kind.rule] = {"action": "warn", "support": True}
    with pytest.raises(PolicyError, match="support only"):
        Policy.from_mapping(raw)
    rules[kind.rule] = {
        "action": "allow",
        "support": True,
        "corroborated_action": "block",
        "corroborating_threshold": 0.5,
    }
    with pytest.raises(PolicyError, match="support only"):
        Policy.from_mapping(raw)
    rules[kind.rule] = {"action": "allow", "support": True, "review": "routine"}
    assert Policy.from_mapping(raw).band(AgeBand.UNDER_13).rules[kind.rule].review is not None


def _hidden_head(
    hidden: list[list[float]],
    *,
    bias: list[float] | None = None,
    shape: list[int] | None = None,
    weights: list[float] | None = None,
    packed: str | None = None,
) -> str:
    """A head file with a hidden layer, as to_json writes it, with one part changed."""
    matrix = np.array(hidden, dtype="<f2")
    layer = {
        "shape": list(matrix.shape) if shape is None else shape,
        "bias": [0.0] * matrix.shape[1] if bias is None else bias,
        "weights_f16": base64.b64encode(matrix.tobytes()).decode() if packed is None else packed,
    }
    out = [1.0] * matrix.shape[1] if weights is None else weights
    return json.dumps({"space": "m 1", "bias": 0.0, "hidden": layer, "weights": out})


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        '{"space": "", "weights": [1.0], "bias": 0}',
        '{"space": "m 1", "weights": [], "bias": 0}',
        '{"space": "m 1", "weights": [[1.0]], "bias": 0}',
        '{"space": "m 1", "weights": [1.0, NaN], "bias": 0}',
        '{"space": "m 1", "weights": [1.0], "bias": "x"}',
        _hidden_head([[1.0, 2.0]], bias=[0.0]),  # a bias shorter than the width
        _hidden_head([[1.0, 2.0]], shape=[2]),  # a shape that is not [dim, width]
        _hidden_head([[1.0, 2.0]], shape=[2, 2]),  # weights that do not fill it
        _hidden_head([[1.0, 2.0]], weights=[1.0]),  # output weights not as long as the width
        _hidden_head([[1.0, float("nan")]]),
        _hidden_head([[1.0, 2.0]], packed="not base64!"),
        "not json",
    ],
)
def test_a_broken_head_file_is_refused(text: str) -> None:
    with pytest.raises(BundleError):
        SupportHead.from_json(text)


def test_the_head_reads_only_embeddings_of_its_width() -> None:
    head = SupportHead("m 1", np.array([1.0, -1.0], dtype=np.float32), 0.0)
    found = head.probabilities(np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    assert found[0] > FIRES_AT > found[1]
    with pytest.raises(BundleError, match="2-wide"):
        head.probabilities(np.zeros((1, 3), dtype=np.float32))
    again = SupportHead.from_json(head.to_json())
    assert again.space == head.space and again.bias == head.bias
    assert np.array_equal(again.weights, head.weights)


def test_a_head_with_a_hidden_layer_rectifies_it_before_its_weights() -> None:
    # hidden unit 0 = relu(x0 - x1), unit 1 = relu(x1 - x0); the head reads 4 * unit 0 - 2.
    hidden = HiddenLayer(
        np.array([[1.0, -1.0], [-1.0, 1.0], [0.0, 0.0]], dtype=np.float32), np.zeros(2, dtype=np.float32)
    )
    head = SupportHead("m 1", np.array([4.0, 0.0], dtype=np.float32), -2.0, hidden)
    found = head.probabilities(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32))
    assert found[0] == pytest.approx(1 / (1 + np.exp(-2.0)))
    # a linear head would give 4 * (0 - 1) - 2; the rectified unit gives 4 * 0 - 2
    assert found[1] == pytest.approx(1 / (1 + np.exp(2.0)))
    assert head.width == 3
    with pytest.raises(BundleError, match="3-wide"):
        head.probabilities(np.zeros((1, 2), dtype=np.float32))
    again = SupportHead.from_json(head.to_json())
    assert again.hidden is not None
    assert np.array_equal(again.hidden.weights, hidden.weights)
    assert np.array_equal(again.hidden.bias, hidden.bias)
    assert np.array_equal(again.weights, head.weights) and again.bias == head.bias


@pytest.mark.parametrize("name", ["safechat-en-minilm", "safechat-multi-e5"])
def test_each_bundle_ships_every_head_for_its_own_embeddings(name: str) -> None:
    path = shipped_bundle_path(name)
    assert path is not None
    bundle = ModelBundle.load(path)
    heads = shipped_heads(name, bundle.version)
    expected = {kind.name for kind in (*SUPPORT_KINDS, ORDINARY)} | SHIPPED_HARM_HEADS[name]
    assert {kind.name for kind in heads} == expected
    assert all(head.space == bundle.version for head in heads.values())
    assert not shipped_heads(name, "another-model 9")


@pytest.mark.parametrize("kind", HEAD_KINDS, ids=lambda kind: kind.name)
def test_the_head_file_is_plain_json(kind: HeadKind) -> None:
    path = shipped_bundle_path("safechat-multi-e5")
    assert path is not None
    head = shipped_head("safechat-multi-e5", ModelBundle.load(path).version, kind)
    assert head is not None
    assert set(json.loads(head.to_json())) <= {"space", "bias", "weights", "hidden"}


@pytest.mark.parametrize("band", list(AgeBand))
def test_a_harm_head_hit_gives_its_policy_entry_action_and_cites_its_rule(band: AgeBand) -> None:
    policy = Policy.default()
    entry = policy.band(band).rules.get(SEXUAL_HEAD.rule)
    decision = _moderator(policy).moderate("nice pics", age_band=band)
    codes = {reason.code for reason in decision.reasons}
    if entry is None:  # adults: no entry, no hit
        assert f"rule.{SEXUAL_HEAD.rule}" not in codes
        assert decision.action is Action.ALLOW
        return
    assert f"rule.{SEXUAL_HEAD.rule}" in codes
    assert decision.action is entry.action
    assert Label.SEXUAL in decision.labels
    plain = _moderator(policy).moderate("nice hat", age_band=band)
    assert plain.action is Action.ALLOW and not plain.reasons


def test_a_harm_head_never_acts_on_a_child_telling_of_harm() -> None:
    """Where the disclosure head reads a child telling of harm, the harm heads do not fire: the
    child gets help, and the message is delivered."""
    moderator = _moderator(Policy.default())
    text = "i told my mum he keeps asking for pics"
    decision = moderator.moderate(text, age_band=AgeBand.UNDER_13)
    codes = {reason.code for reason in decision.reasons}
    assert f"rule.{RULE}" in codes
    assert f"rule.{SEXUAL_HEAD.rule}" not in codes
    assert decision.support and decision.action is Action.ALLOW


def test_a_harm_head_yields_to_a_context_rule_that_settles_its_label() -> None:
    """context.reaction settles sexual below 0.9 ("lol" after a message the reader found funny):
    the sexual head's hit is then not added."""
    moderator = _moderator(Policy.default())
    base = moderator.moderate("send me some pics of u", age_band=AgeBand.UNDER_13)
    assert f"rule.{SEXUAL_HEAD.rule}" in {reason.code for reason in base.reasons}
    band = Policy.default().band(AgeBand.UNDER_13)
    scores = dataclasses.replace(Scores.zeros(), heads={SEXUAL_HEAD.name: 0.9})
    context = RuleHit("context.reaction", Label.BULLYING, Span(0, 3))
    assert {hit.rule for hit in _fired_heads(scores, band, [], 20)} == {SEXUAL_HEAD.rule}
    assert SEXUAL_HEAD.rule not in {hit.rule for hit in _fired_heads(scores, band, [context], 20)}


@pytest.mark.parametrize("kind", HARM_KINDS, ids=lambda kind: kind.name)
def test_a_harm_head_entry_may_act(kind: HeadKind) -> None:
    raw = Policy.default().model_dump(mode="json")
    raw["bands"]["under_13"]["rules"][kind.rule] = {"action": "escalate"}
    assert Policy.from_mapping(raw).band(AgeBand.UNDER_13).rules[kind.rule].action is Action.ESCALATE


def test_the_harm_head_screen_sets_heads_against_the_policy_without_their_entries() -> None:
    from models.training.experiments.harm_head_screen import without_harm_heads

    policy = without_harm_heads()
    for band in AgeBand:
        rules = policy.band(band).rules
        assert not {kind.rule for kind in HARM_KINDS} & set(rules)
        assert {kind.rule for kind in SUPPORT_KINDS} <= set(rules)
    assert any(kind.rule in Policy.default().band(AgeBand.UNDER_13).rules for kind in HARM_KINDS)


def test_a_conversation_takes_the_grooming_head_hit_as_grooming_with_no_stage() -> None:
    """The conversation tracker reads grooming stages from rule codes; the grooming head's hit
    (``rule.grooming.similar``) names none: the message keeps its escalation and no stage is
    recorded, where it once raised (no stage named "similar")."""
    tracker = ConversationModerator(_moderator(Policy.default()), store=MemoryStore())
    first = tracker.moderate(
        ChatMessage(
            "c1",
            "adult-1",
            "we should hangout sometime",
            message_id="m1",
            recipient="kid-1",
            sender_age_band="adult",
            recipient_age_band="under_13",
        )
    )
    assert f"rule.{GROOMING_HEAD.rule}" in {reason.code for reason in first.decision.reasons}
    assert first.decision.action is Action.ESCALATE
    assert not first.stages


@pytest.mark.parametrize("band", list(AgeBand))
def test_the_ordinary_head_settles_the_moderate_scores_of_the_labels_its_entry_names(band: AgeBand) -> None:
    """In "ur dead next round gg", threat 0.7 and bullying 0.6 act alone; where the ordinary head
    reads the message as ordinary chat, its entry settles both (each below 0.9), the reasons say
    so, and the message is delivered."""
    moderator = _moderator(Policy.default())
    alone = moderator.moderate("ur dead next round", age_band=band)
    assert alone.action is not Action.ALLOW
    read = moderator.moderate("ur dead next round gg", age_band=band)
    codes = {reason.code for reason in read.reasons}
    assert read.action is Action.ALLOW
    assert f"rule.{ORDINARY.rule}" in codes
    model = [reason for reason in read.reasons if reason.code.startswith("model.")]
    assert {reason.label for reason in model} == {Label.THREAT, Label.BULLYING}
    assert all(reason.code.endswith(".tempered") and reason.action is Action.ALLOW for reason in model)
    assert not read.labels


def test_the_ordinary_head_leaves_high_scores_and_the_rules_hits() -> None:
    moderator = _moderator(Policy.default())
    high = moderator.moderate("ur base is destroyed gg", age_band=AgeBand.UNDER_13)
    assert high.action is not Action.ALLOW
    assert "model.threat.high" in {reason.code for reason in high.reasons}
    told = moderator.moderate("gg kys", age_band=AgeBand.UNDER_13)
    assert told.action is not Action.ALLOW
    assert "rule.bullying.kys" in {reason.code for reason in told.reasons}


def test_a_harm_head_yields_to_the_ordinary_head_where_it_settles_the_label() -> None:
    band = Policy.default().band(AgeBand.UNDER_13)
    assert Label.SEXUAL in band.rules[ORDINARY.rule].tempers_labels
    scores = dataclasses.replace(Scores.zeros(), heads={SEXUAL_HEAD.name: 0.9})
    assert {hit.rule for hit in _fired_heads(scores, band, [], 20)} == {SEXUAL_HEAD.rule}
    both = dataclasses.replace(Scores.zeros(), heads={SEXUAL_HEAD.name: 0.9, ORDINARY.name: 0.9})
    assert {hit.rule for hit in _fired_heads(both, band, [], 20)} == {ORDINARY.rule}


def test_the_ordinary_head_is_context_and_never_acts() -> None:
    assert ORDINARY.settles and not ORDINARY.acts and not ORDINARY.support_only
    assert all(kind.acts for kind in HARM_KINDS)
    assert not any(kind.acts for kind in SUPPORT_KINDS)
    raw = Policy.default().model_dump(mode="json")
    del raw["bands"]["under_13"]["rules"][ORDINARY.rule]
    policy = Policy.from_mapping(raw)
    scores = dataclasses.replace(Scores.zeros(), heads={ORDINARY.name: 0.9})
    assert not _fired_heads(scores, policy.band(AgeBand.UNDER_13), [], 20)
