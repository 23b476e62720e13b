"""models/training/experiments/band_rules.py: a younger band's rule entry tried in an older band,
counted on held-out cases (no model, no data: the cases are written here)."""

from __future__ import annotations

from models.training.experiments.band_rules import corroborations, counts, scan
from safechat.calibration.needs_fit import Case
from safechat.detect.base import RuleHit
from safechat.policy.policy import Policy
from safechat.types import LABELS, Action, AgeBand, Label, Scores, Span

SECRECY = RuleHit("grooming.secrecy", Label.GROOMING, Span(0, 10))


def _case(band: AgeBand, *, grooming: bool, needs: Action, source: str = "childchat") -> Case:
    truth = tuple(1 if (label is Label.GROOMING and grooming) else 0 for label in LABELS)
    scores = Scores.from_values({label: 0.0 for label in LABELS})
    return Case(scores, (SECRECY,), (), "en", band, truth, needs, False, source)


def _without_secrecy(policy: Policy, band: AgeBand) -> Policy:
    """``policy`` with ``band``'s grooming.secrecy entry taken out (the general grooming entry
    then decides its hits)."""
    rules = {k: v for k, v in policy.bands[band].rules.items() if k != "grooming.secrecy"}
    bands = {**policy.bands, band: policy.bands[band].model_copy(update={"rules": rules})}
    return policy.model_copy(update={"bands": bands})


def test_counts_tell_harm_served_from_ordinary_lines_flagged() -> None:
    band = Policy.default().bands[AgeBand.AGE_16_17]  # grooming.secrecy escalates alone
    cases = [
        _case(AgeBand.AGE_16_17, grooming=True, needs=Action.ESCALATE),
        _case(AgeBand.AGE_16_17, grooming=False, needs=Action.ALLOW),
        _case(AgeBand.AGE_16_17, grooming=False, needs=Action.ALLOW, source="validation"),
    ]
    assert counts(band, cases) == (1, 1, 1)


def test_a_rule_whose_older_entry_is_lighter_is_listed_with_what_the_younger_entry_changes() -> None:
    policy = _without_secrecy(Policy.default(), AgeBand.AGE_16_17)
    english = [
        _case(AgeBand.AGE_16_17, grooming=True, needs=Action.ESCALATE),
        _case(AgeBand.AGE_16_17, grooming=True, needs=Action.ESCALATE),
        _case(AgeBand.AGE_16_17, grooming=False, needs=Action.ALLOW),
    ]
    lines = scan(policy, english, [], "13_15", ["16_17"])
    secrecy = next(line for line in lines if "grooming.secrecy" in line)
    assert "English   +2  +1  +0" in secrecy  # two grooming lines escalated, one ordinary flagged
    assert not any("grooming.isolation" in line for line in lines)  # the same entry in both bands


def test_a_corroboration_is_tried_in_each_band_and_counted() -> None:
    policy = Policy.default()
    band = policy.bands[AgeBand.AGE_16_17]
    plain = band.labels[Label.SEXUAL].model_copy(
        update={"corroborated_action": None, "corroborating_label": None, "corroborating_threshold": None}
    )
    bands = {
        **policy.bands,
        AgeBand.AGE_16_17: band.model_copy(update={"labels": {**band.labels, Label.SEXUAL: plain}}),
    }
    policy = policy.model_copy(update={"bands": bands})
    values = {label: 0.0 for label in LABELS} | {Label.SEXUAL: 0.9, Label.GROOMING: 0.6}
    truth = tuple(1 if label in (Label.SEXUAL, Label.GROOMING) else 0 for label in LABELS)
    solicited = Case(
        Scores.from_values(values),
        (),
        (),
        "en",
        AgeBand.AGE_16_17,
        truth,
        Action.ESCALATE,
        False,
        "childchat",
    )
    (line,) = corroborations(policy, [solicited], [], ["sexual:grooming:0.5"], ["16_17"])
    assert "English   +1  +0  +0" in line  # blocked before, escalated with the grooming score
    (line,) = corroborations(policy, [solicited], [], ["sexual:grooming:0.7"], ["16_17"])
    assert "English   +0  +0  +0" in line  # the grooming score does not reach 0.7
