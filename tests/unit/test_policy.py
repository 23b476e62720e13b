from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safechat.detect import RuleHit
from safechat.errors import PolicyError
from safechat.normalize import Evasion
from safechat.policy.decide import decide, mask, rule_of
from safechat.policy.policy import Policy
from safechat.types import LABELS, Action, AgeBand, Label, Reason, ReasonSource, Scores, Span
from tests.conftest import load_jsonl
from tests.unit.fixtures import fake_moderator, reference_policy

CASES = load_jsonl("policy_cases.jsonl")
DEFAULT_TOML = Path(__file__).resolve().parents[1] / "data" / "reference_policy.toml"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_policy_case(case: dict[str, object]) -> None:
    scores = case["scores"]
    assert isinstance(scores, dict)
    keyword = str(case.get("keyword", case["text"])).lower()  # what the scorer sees (model text)
    moderator, _ = fake_moderator({keyword: scores} if scores else None)
    for band in case["bands"]:  # type: ignore[attr-defined]
        decision = moderator.moderate(str(case["text"]), age_band=band)
        assert decision.action.value == case["action"], band
        assert sorted(label.value for label in decision.labels) == sorted(case["labels"]), band  # type: ignore[arg-type]
        assert decision.support is bool(case.get("support", False))


def test_default_policy_is_complete_and_fails_closed() -> None:
    policy = reference_policy()
    for band in AgeBand:
        assert policy.band(band).fail_closed_action.severity >= Action.BLOCK.severity
        assert set(policy.band(band).labels) == set(LABELS)


def test_younger_bands_are_at_least_as_strict() -> None:
    policy = reference_policy()
    order = [AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17, AgeBand.ADULT]
    for younger, older in zip(order, order[1:], strict=False):
        for label in LABELS:
            assert policy.band(younger).labels[label].threshold <= policy.band(older).labels[label].threshold


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_TOML.read_text("utf-8")
    assert old in text
    path = tmp_path / "policy.toml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_misspelt_key_names_its_path(tmp_path: Path) -> None:
    path = _edited(tmp_path, 'threshold = 0.4\naction = "block"', 'treshold = 0.4\naction = "block"')
    with pytest.raises(PolicyError) as err:
        Policy.from_toml(path)
    assert "bands.under_13.labels.hate.treshold" in str(err.value)


def test_out_of_range_threshold_names_its_path(tmp_path: Path) -> None:
    path = _edited(tmp_path, 'threshold = 0.4\naction = "block"', 'threshold = 1.4\naction = "block"')
    with pytest.raises(PolicyError, match=r"bands\.under_13\.labels\.hate\.threshold"):
        Policy.from_toml(path)


def test_fail_open_is_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, 'fail_closed_action = "escalate"', 'fail_closed_action = "allow"')
    with pytest.raises(PolicyError, match="fail_closed_action"):
        Policy.from_toml(path)


def test_unknown_rule_code_is_refused(tmp_path: Path) -> None:
    path = _edited(tmp_path, "[bands.under_13.rules.pii]", "[bands.under_13.rules.pii_phone]")
    with pytest.raises(PolicyError, match="pii_phone"):
        Policy.from_toml(path)


def test_tempering_is_refused_outside_context_rules(tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        '[bands.under_13.rules."threat.stalking"]\naction = "escalate"',
        '[bands.under_13.rules."threat.stalking"]\naction = "escalate"\ntempers_model_below = 0.5',
    )
    with pytest.raises(PolicyError, match=r"only for context and self-harm rules.*threat\.stalking"):
        Policy.from_toml(path)


def test_language_thresholds_apply_to_their_language_only() -> None:
    rule = reference_policy().band(AgeBand.UNDER_13).labels[Label.PROFANITY]
    assert rule.language_thresholds == {"en": 0.5}
    assert rule.threshold_for("en") == 0.5
    assert rule.threshold_for("de") == rule.threshold_for(None) == rule.threshold == 0.33
    band = reference_policy().band(AgeBand.UNDER_13)
    scores = replace(Scores.zeros(), profanity=0.4)
    assert decide(band, scores, [], language="en").labels == ()
    assert decide(band, scores, [], language="de").labels == (Label.PROFANITY,)
    assert decide(band, scores, []).labels == (Label.PROFANITY,)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("language_thresholds = { EN = 0.5 }", r"language_thresholds\.EN"),
        ("language_thresholds = { english = 0.5 }", r"language_thresholds\.english"),
        ("language_thresholds = { en = 1.5 }", r"language_thresholds\.en"),
    ],
)
def test_bad_language_threshold_names_its_path(tmp_path: Path, new: str, message: str) -> None:
    path = _edited(tmp_path, "language_thresholds = { en = 0.5 }", new)
    with pytest.raises(PolicyError, match=message):
        Policy.from_toml(path)


def test_a_language_threshold_above_the_high_threshold_is_refused(tmp_path: Path) -> None:
    old = 'threshold = 0.4\naction = "warn"\nhigh_threshold = 0.83'
    path = _edited(tmp_path, old, old.replace('"warn"', '"warn"\nlanguage_thresholds = { en = 0.9 }'))
    with pytest.raises(PolicyError, match=r"bands\.under_13\.labels\.bullying.*\['en'\]"):
        Policy.from_toml(path)


def test_a_language_high_threshold_applies_to_its_language_only(tmp_path: Path) -> None:
    old = 'threshold = 0.4\naction = "warn"\nhigh_threshold = 0.83'
    new = old.replace('"warn"', '"warn"\nlanguage_high_thresholds = { uk = 0.6 }')
    band = Policy.from_toml(_edited(tmp_path, old, new)).band(AgeBand.UNDER_13)
    rule = band.labels[Label.BULLYING]
    assert (
        rule.high_threshold_for("uk") == 0.6 and rule.high_threshold_for("de") == rule.high_threshold == 0.83
    )
    scores = replace(Scores.zeros(), bullying=0.7)
    assert decide(band, scores, [], language="uk").action is Action.BLOCK
    assert decide(band, scores, [], language="de").action is Action.WARN
    assert decide(band, scores, []).action is Action.WARN


def test_a_language_high_threshold_below_its_threshold_is_refused(tmp_path: Path) -> None:
    old = 'threshold = 0.4\naction = "warn"\nhigh_threshold = 0.83'
    path = _edited(tmp_path, old, old.replace('"warn"', '"warn"\nlanguage_high_thresholds = { uk = 0.3 }'))
    with pytest.raises(PolicyError, match=r"bands\.under_13\.labels\.bullying.*\['uk'\]"):
        Policy.from_toml(path)


_PII = 'threshold = 0.21\naction = "mask"  # mask what the rules found'


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('corroborated_action = "escalate"\ncorroborating_threshold = 0.5', "go together"),
        ('corroborating_label = "grooming"', "go together"),
        (
            'corroborated_action = "escalate"\ncorroborating_threshold = 0.5\ncorroborating_label = "pii"',
            r"another label.*\['pii'\]",
        ),
    ],
)
def test_a_label_corroboration_needs_all_three_fields_and_another_label(
    tmp_path: Path, extra: str, message: str
) -> None:
    path = _edited(tmp_path, _PII, _PII.replace('"mask"', f'"mask"\n{extra}'))
    with pytest.raises(PolicyError, match=rf"bands\.under_13.*{message}"):
        Policy.from_toml(path)


def test_missing_band_and_bad_toml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("version = \n", "utf-8")
    with pytest.raises(PolicyError, match="not valid TOML"):
        Policy.from_toml(bad)
    with pytest.raises(PolicyError, match="bands"):
        Policy.from_mapping({"version": "x", "bands": {}})
    with pytest.raises(PolicyError, match="cannot read"):
        Policy.from_toml(tmp_path / "missing.toml")


def test_mask_keeps_spaces_and_length() -> None:
    assert mask("call 077 900", [Span(5, 12)]) == "call *** ***"


score_values = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    band=st.sampled_from(list(AgeBand)),
    values=st.lists(score_values, min_size=len(LABELS), max_size=len(LABELS)),
    label=st.sampled_from(list(LABELS)),
    bump=score_values,
    evasion=st.booleans(),
    context=st.booleans(),
)
def test_higher_scores_never_give_a_less_restrictive_action(
    band: AgeBand, values: list[float], label: Label, bump: float, evasion: bool, context: bool
) -> None:
    policy = reference_policy().band(band)
    low = Scores(*values)
    raised = dict(zip(LABELS, values, strict=True))
    raised[label] = max(raised[label], bump)
    high = Scores.from_values(raised)
    evasions = (Evasion.HOMOGLYPH,) if evasion else ()
    hits = CONTEXT_HITS if context else []
    higher = decide(policy, high, hits, evasions).action
    lower = decide(policy, low, hits, evasions).action
    assert higher.severity >= lower.severity


CONTEXT_HITS = [
    RuleHit("context.disclosure", Label.BULLYING, Span(0, 4)),
    RuleHit("context.game", Label.THREAT, Span(5, 9)),
]


def test_context_settles_a_moderate_score_and_says_so() -> None:
    band = reference_policy().band(AgeBand.UNDER_13)
    scores = replace(Scores.zeros(), bullying=0.7, threat=0.62)
    assert decide(band, scores, []).labels == (Label.THREAT, Label.BULLYING)
    verdict = decide(band, scores, CONTEXT_HITS)
    assert verdict.action is Action.ALLOW and verdict.labels == ()
    codes = {reason.code for reason in verdict.reasons}
    assert {"model.bullying.tempered", "model.threat.high.tempered", "rule.context.game"} <= codes


def test_a_policy_written_before_the_context_rules_settles_nothing() -> None:
    text = DEFAULT_TOML.read_text(encoding="utf-8")
    older = "\n\n".join(block for block in text.split("\n\n") if '.rules."context.' not in block)
    from safechat.policy.policy import tomllib  # the standard library's, or tomli before 3.11

    band = Policy.from_mapping(tomllib.loads(older)).band(AgeBand.UNDER_13)
    assert band.rule_action("context.game").tempers_model_below is None
    scores = replace(Scores.zeros(), threat=0.5)
    assert decide(band, scores, CONTEXT_HITS).labels == (Label.THREAT,)


def test_a_policy_written_before_the_profanity_rule_still_loads_and_only_reports_it() -> None:
    text = DEFAULT_TOML.read_text(encoding="utf-8")
    older = "\n\n".join(
        block
        for block in text.split("\n\n")
        if not block.lstrip().startswith("[bands.") or ".rules.profanity]" not in block
    )
    assert ".rules.profanity]" not in older
    from safechat.policy.policy import tomllib  # the standard library's, or tomli before 3.11

    policy = Policy.from_mapping(tomllib.loads(older))
    for band in AgeBand:
        assert policy.band(band).rule_action("profanity.word").action is Action.ALLOW


def test_mask_with_nothing_to_mask_asks_the_sender_instead_of_delivering_unmasked() -> None:
    """Personal information the model sees but no rule can point at must not be delivered as is:
    ``mask`` with no maskable span becomes ``warn``, and the reason still says ``mask`` was meant."""
    band = reference_policy().band(AgeBand.UNDER_13)
    assert band.labels[Label.PII].action is Action.MASK  # the premise: pii's model action is mask
    scores = replace(Scores.zeros(), pii=0.9)
    cases = {
        "model only": [],
        "rule span not maskable": [RuleHit("grooming.private_app", Label.GROOMING, Span(0, 8))],
    }
    for name, hits in cases.items():
        verdict = decide(band, scores, hits)
        assert verdict.action is Action.WARN, name
        assert verdict.mask_spans == (), name
        assert Label.PII in verdict.labels, name
        assert any(r.code == "model.pii" and r.action is Action.MASK for r in verdict.reasons), name
    # a maskable span is masked and delivered: the warn above is for nothing to mask only
    phone = RuleHit("pii.phone", Label.PII, Span(5, 12), maskable=True)
    masked = decide(band, Scores.zeros(), [phone])
    assert masked.action is Action.MASK and masked.mask_spans == (Span(5, 12),)


def test_overlapping_and_touching_mask_spans_are_merged_in_text_order() -> None:
    """Several personal-information hits: the spans to mask come back sorted, each overlapping or
    touching run as one span, separate ones kept apart (found by mutation testing)."""
    band = reference_policy().band(AgeBand.UNDER_13)
    hits = [
        RuleHit("pii.phone", Label.PII, Span(30, 40), maskable=True),
        RuleHit("pii.email", Label.PII, Span(5, 12), maskable=True),
        RuleHit("pii.handle", Label.PII, Span(10, 15), maskable=True),  # overlaps 5-12
        RuleHit("pii.address", Label.PII, Span(15, 18), maskable=True),  # touches 10-15
        RuleHit("pii.postcode", Label.PII, Span(32, 35), maskable=True),  # inside 30-40
        RuleHit("pii.location", Label.PII, Span(50, 52), maskable=True),
    ]
    verdict = decide(band, Scores.zeros(), hits)
    assert verdict.action is Action.MASK
    assert verdict.mask_spans == (Span(5, 18), Span(30, 40), Span(50, 52))
    assert mask("0123456789" * 6, verdict.mask_spans) == (
        "01234" + "*" * 13 + "890123456789" + "*" * 10 + "0123456789" + "**" + "23456789"
    )


def test_a_decision_with_nothing_to_mask_is_a_warning_with_its_reason() -> None:
    moderator, _ = fake_moderator({"see you at the park": {"pii": 0.9}})
    decision = moderator.moderate("see you at the park", age_band=AgeBand.UNDER_13)
    assert decision.action is Action.WARN
    assert decision.masked_text is None
    assert decision.labels == (Label.PII,)
    assert [(r.code, r.action) for r in decision.reasons] == [("model.pii", Action.MASK)]
    assert decision.sender_prompt is not None and decision.sender_prompt.label is Label.PII


def test_rule_of_strips_only_the_prefix_and_the_outcome_suffixes() -> None:
    def code(text: str) -> str:
        return rule_of(Reason(text, Label.PII, ReasonSource.RULE, Action.MASK))

    assert code("rule.pii.phone") == "pii.phone"
    assert code("rule.grooming.secrecy.corroborated") == "grooming.secrecy"
    assert code("rule.context.game.tempered") == "context.game"
    assert code("rule.self_harm.imminent.time") == "self_harm.imminent.time"


def test_a_rule_reason_gives_support_only_where_its_rule_entry_says_so() -> None:
    """Support comes from the rule's own entry (self-harm: yes; a grooming signal: no), and a
    context rule's tempered hit keeps its support (a disclosure)."""
    band = reference_policy().band(AgeBand.UNDER_13)
    self_harm = RuleHit("self_harm.ideation", Label.SELF_HARM, Span(0, 10))
    grooming = RuleHit("grooming.secrecy", Label.GROOMING, Span(0, 10))
    assert decide(band, Scores.zeros(), [self_harm]).support
    assert not decide(band, Scores.zeros(), [grooming]).support
    assert not decide(band, Scores.zeros(), []).support
