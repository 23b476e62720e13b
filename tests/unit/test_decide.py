"""The policy decision's details that the band-level cases do not pin down: the fields of each
reason, the boundaries of every threshold, which reasons stop an evasion from raising, and what
is masked when the message is not delivered (each found by mutation testing of
``safechat/policy/decide.py``; docs/mutation-testing.md)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from safechat.detect import RuleHit
from safechat.normalize import Evasion
from safechat.policy.decide import decide
from safechat.policy.policy import BandPolicy, Policy
from safechat.types import (
    Action,
    AgeBand,
    ExemplarMatch,
    Label,
    Reason,
    ReasonSource,
    Review,
    Scores,
    Span,
)
from tests.unit.fixtures import reference_policy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REFERENCE_TOML = Path(__file__).resolve().parents[1] / "data" / "reference_policy.toml"


def _under_13() -> BandPolicy:
    return reference_policy().band(AgeBand.UNDER_13)


def _edited_under_13(edit: Callable[[dict[str, Any]], None]) -> BandPolicy:
    """The reference policy's under_13 band with ``edit`` applied to its TOML table."""
    data = tomllib.loads(REFERENCE_TOML.read_text(encoding="utf-8"))
    edit(data["bands"]["under_13"])
    return Policy.from_mapping(data).band(AgeBand.UNDER_13)


def _scores(**values: float) -> Scores:
    return Scores.from_values({label: values.get(label.value, 0.0) for label in Label})


def _reason(reasons: tuple[Reason, ...], code: str) -> Reason:
    found = [reason for reason in reasons if reason.code == code]
    assert len(found) == 1, [reason.code for reason in reasons]
    return found[0]


# --- evasions -------------------------------------------------------------------------------


def test_a_deliberate_evasion_raises_a_warning_with_one_evasion_reason_each() -> None:
    band = _under_13()
    verdict = decide(band, _scores(bullying=0.5), [], (Evasion.LEETSPEAK, Evasion.REPEATED, Evasion.SPACED))
    assert verdict.action is Action.BLOCK  # warn, raised one step
    evasion_reasons = [reason for reason in verdict.reasons if reason.source is ReasonSource.EVASION]
    assert evasion_reasons == [  # "sooo" (repeated) is emphasis: never a reason, never a raise
        Reason("evasion.leetspeak", None, ReasonSource.EVASION, Action.BLOCK),
        Reason("evasion.spaced", None, ReasonSource.EVASION, Action.BLOCK),
    ]


def test_only_a_self_harm_rule_with_support_stops_an_evasion_raising() -> None:
    """A writer in crisis (a self-harm rule that gives support) is never raised; a self-harm
    *score* with support is not a crisis told by the rules, and the evasion still raises."""
    band = _under_13()
    assert band.labels[Label.SELF_HARM].support  # the premise: the score's reason gives support
    scores = _scores(bullying=0.5, self_harm=0.7)
    by_score = decide(band, scores, [], (Evasion.LEETSPEAK,))
    assert by_score.support
    assert by_score.action is Action.BLOCK
    assert any(reason.code == "evasion.leetspeak" for reason in by_score.reasons)

    crisis = RuleHit("self_harm.ideation", Label.SELF_HARM, Span(0, 10))
    by_rule = decide(band, scores, [crisis], (Evasion.LEETSPEAK,))
    assert by_rule.support
    assert by_rule.action is Action.WARN
    assert not any(reason.source is ReasonSource.EVASION for reason in by_rule.reasons)

    # a rule that gives no support is no crisis either
    secrecy = RuleHit("grooming.secrecy", Label.GROOMING, Span(0, 10))
    assert decide(band, _scores(), [secrecy], (Evasion.LEETSPEAK,)).action is Action.BLOCK


# --- masking --------------------------------------------------------------------------------


@pytest.mark.parametrize(("hate", "action"), [(0.5, Action.BLOCK), (0.8, Action.ESCALATE)])
def test_a_message_that_is_not_delivered_has_nothing_to_mask(hate: float, action: Action) -> None:
    phone = RuleHit("pii.phone", Label.PII, Span(5, 12), maskable=True)
    verdict = decide(_under_13(), _scores(hate=hate), [phone])
    assert verdict.action is action
    assert verdict.mask_spans == ()
    delivered = decide(_under_13(), _scores(), [phone])
    assert delivered.action is Action.MASK and delivered.mask_spans == (Span(5, 12),)


# --- the model's reasons --------------------------------------------------------------------


def test_a_model_reason_carries_its_score_threshold_and_bank_example() -> None:
    scores = Scores.of(
        [0.5, 0.75, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        matches=(ExemplarMatch(Label.BULLYING, "bank-7", 0.91),),
    )
    verdict = decide(_under_13(), scores, [])
    assert _reason(verdict.reasons, "model.bullying") == Reason(
        "model.bullying",
        Label.BULLYING,
        ReasonSource.MODEL,
        Action.WARN,
        score=0.5,
        threshold=0.4,
        exemplar="bank-7",
    )
    assert _reason(verdict.reasons, "model.hate.high") == Reason(
        "model.hate.high", Label.HATE, ReasonSource.MODEL, Action.ESCALATE, score=0.75, threshold=0.7
    )


def _self_harm_review(table: dict[str, Any]) -> None:
    table["labels"]["self_harm"].update(review_threshold=0.9, review="urgent")


@pytest.mark.parametrize(("score", "asked"), [(0.89, False), (0.9, True), (0.95, True)])
def test_a_score_asks_for_review_from_its_review_threshold_on(score: float, asked: bool) -> None:
    band = _edited_under_13(_self_harm_review)
    verdict = decide(band, _scores(self_harm=score), [])
    reviews = [reason for reason in verdict.reasons if reason.code == "model.self_harm.review"]
    if asked:
        assert reviews == [
            Reason(
                "model.self_harm.review",
                Label.SELF_HARM,
                ReasonSource.MODEL,
                Action.ALLOW,
                score=score,
                threshold=0.9,
                review=Review.URGENT,
            )
        ]
        assert verdict.review is Review.URGENT
    else:
        assert reviews == []
        assert verdict.review is None


# --- context rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hit", "label", "below", "code", "action", "settled"),
    [
        (
            RuleHit("context.disclosure", Label.BULLYING, Span(0, 4)),
            "bullying",
            0.83,
            "model.bullying.high",
            Action.BLOCK,
            "model.bullying.tempered",  # just below 0.83 is under the high threshold too
        ),
        (
            RuleHit("context.game", Label.THREAT, Span(0, 4)),
            "threat",
            0.9,
            "model.threat.high",
            Action.ESCALATE,
            "model.threat.high.tempered",
        ),
    ],
)
def test_a_context_rule_settles_scores_strictly_below_its_bound(
    hit: RuleHit, label: str, below: float, code: str, action: Action, settled: str
) -> None:
    band = _under_13()
    assert band.rule_action(hit.rule).tempers_model_below == below  # the premise
    at = decide(band, _scores(**{label: below}), [hit])
    assert at.action is action
    assert _reason(at.reasons, code).action is action
    under = decide(band, _scores(**{label: below - 0.001}), [hit])
    assert _reason(under.reasons, settled).action is Action.ALLOW
    assert under.action is Action.ALLOW


def _game_settles_bullying_with_a_warning(table: dict[str, Any]) -> None:
    table["rules"]["context.game"].update(action="warn", tempers_labels=["bullying"])


@pytest.mark.parametrize("game_first", [True, False])
def test_two_context_rules_settling_one_label_give_the_more_restrictive_action(game_first: bool) -> None:
    band = _edited_under_13(_game_settles_bullying_with_a_warning)
    disclosure = RuleHit("context.disclosure", Label.BULLYING, Span(0, 4))
    game = RuleHit("context.game", Label.THREAT, Span(5, 9))
    hits = [game, disclosure] if game_first else [disclosure, game]
    verdict = decide(band, _scores(bullying=0.5), hits)
    assert _reason(verdict.reasons, "model.bullying.tempered").action is Action.WARN


def _disclosure_settles_grooming_rules(table: dict[str, Any]) -> None:
    table["rules"]["context.disclosure"].update(tempers_labels=["grooming"], settles_rules=True)


def test_a_rule_hit_settled_by_a_disclosure_keeps_its_label_and_span() -> None:
    """A child writes "he asked me to keep it secret": the grooming hit inside the disclosure's
    sentence is settled (allow, ``.tempered``), with its own label, source and span; one outside
    the sentence is not."""
    band = _edited_under_13(_disclosure_settles_grooming_rules)
    disclosure = RuleHit("context.disclosure", Label.BULLYING, Span(0, 30))
    inside = RuleHit("grooming.secrecy", Label.GROOMING, Span(10, 20))
    outside = RuleHit("grooming.secrecy", Label.GROOMING, Span(40, 50))
    verdict = decide(band, _scores(), [disclosure, inside])
    assert _reason(verdict.reasons, "rule.grooming.secrecy.tempered") == Reason(
        "rule.grooming.secrecy.tempered", Label.GROOMING, ReasonSource.RULE, Action.ALLOW, span=Span(10, 20)
    )
    assert verdict.action is Action.ALLOW
    apart = decide(band, _scores(), [disclosure, outside])
    assert _reason(apart.reasons, "rule.grooming.secrecy").action is Action.WARN


# --- corroboration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grooming", "code", "action"),
    [
        (0.499, "rule.grooming.secrecy", Action.WARN),
        (0.5, "rule.grooming.secrecy.corroborated", Action.ESCALATE),
    ],
)
def test_a_rule_is_corroborated_from_its_threshold_on(grooming: float, code: str, action: Action) -> None:
    band = _under_13()
    assert band.rule_action("grooming.secrecy").corroborating_threshold == 0.5  # the premise
    hit = RuleHit("grooming.secrecy", Label.GROOMING, Span(0, 10))
    verdict = decide(band, _scores(grooming=grooming), [hit])
    assert _reason(verdict.reasons, code) == Reason(
        code, Label.GROOMING, ReasonSource.RULE, action, span=Span(0, 10)
    )


def _pii_corroborated_by_grooming(table: dict[str, Any]) -> None:
    table["labels"]["pii"].update(
        corroborated_action="escalate", corroborating_threshold=0.5, corroborating_label="grooming"
    )


@pytest.mark.parametrize(
    ("grooming", "code", "action"),
    [
        (0.499, "model.pii", Action.WARN),  # mask with nothing to mask: the sender is asked
        (0.5, "model.pii.corroborated", Action.ESCALATE),
    ],
)
def test_a_label_is_corroborated_by_another_from_its_threshold_on(
    grooming: float, code: str, action: Action
) -> None:
    """ "what school do u go to": a request for personal information that also reads as
    grooming is escalated, as the pii.request rule is; the reason still names the pii score."""
    band = _edited_under_13(_pii_corroborated_by_grooming)
    verdict = decide(band, _scores(pii=0.3, grooming=grooming), [])
    reason = _reason(verdict.reasons, code)
    assert (reason.label, reason.score, reason.threshold) == (Label.PII, 0.3, 0.21)
    assert verdict.action is action


def test_a_corroborating_score_alone_gives_no_action() -> None:
    band = _edited_under_13(_pii_corroborated_by_grooming)
    verdict = decide(band, _scores(pii=0.2, grooming=0.45), [])
    assert verdict.action is Action.ALLOW
    assert verdict.reasons == ()


def test_a_corroborated_action_never_lowers_the_high_action() -> None:
    def edit(table: dict[str, Any]) -> None:
        table["labels"]["hate"].update(
            corroborated_action="warn", corroborating_threshold=0.5, corroborating_label="threat"
        )

    band = _edited_under_13(edit)
    high = band.labels[Label.HATE].high_threshold
    assert high is not None and band.labels[Label.HATE].high_action is Action.ESCALATE  # the premise
    verdict = decide(band, _scores(hate=high, threat=0.9), [])
    assert _reason(verdict.reasons, "model.hate.high.corroborated").action is Action.ESCALATE


def test_a_label_a_context_rule_settles_is_not_corroborated() -> None:
    def edit(table: dict[str, Any]) -> None:
        table["labels"]["bullying"].update(
            corroborated_action="escalate", corroborating_threshold=0.5, corroborating_label="threat"
        )

    band = _edited_under_13(edit)
    disclosure = RuleHit("context.disclosure", Label.BULLYING, Span(0, 15))
    verdict = decide(band, _scores(bullying=0.5, threat=0.6), [disclosure])
    assert _reason(verdict.reasons, "model.bullying.tempered").action is Action.ALLOW
    assert all(not reason.code.endswith(".corroborated") for reason in verdict.reasons)


def test_a_self_harm_score_a_context_rule_settles_offers_no_help() -> None:
    """ "me muero de risa": the idiom settles the self-harm score its death word raises, so the
    laughing child is not offered the self-harm help; the same score without the idiom is."""
    band = Policy.default().band(AgeBand.UNDER_13)
    idiom = RuleHit("context.idiom", Label.THREAT, Span(0, 16))
    score = band.labels[Label.SELF_HARM].threshold + 0.05
    laughing = decide(band, _scores(self_harm=score), [idiom])
    assert _reason(laughing.reasons, "model.self_harm.tempered").action is Action.ALLOW
    assert not laughing.support
    assert Label.SELF_HARM not in laughing.labels
    plain = decide(band, _scores(self_harm=score), [])
    assert plain.support
    assert plain.labels == (Label.SELF_HARM,)
