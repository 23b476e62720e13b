"""What a child sees: lines that say what they need, the eval metrics and the needs fit."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from safechat.calibration.data import ACTIONS, BANDS, ScoredData, parse_line
from safechat.calibration.decisions import decision_metrics
from safechat.calibration.needs_fit import Case, fit_to_needs, outcome
from safechat.calibration.toml_writer import policy_to_toml
from safechat.cli.main import main
from safechat.errors import PolicyError
from safechat.jsonl import LineError
from safechat.policy.policy import ExemplarSettings, Policy
from safechat.types import LABELS, Action, AgeBand, Label, Scores

BULLYING = LABELS.index(Label.BULLYING)


def test_needs_are_read_per_band():
    needs = {"under_13": "block", "13_15": "block", "16_17": "warn", "adult": "allow"}
    raw = json.dumps({"text": "x", "labels": ["bullying"], "needs": needs, "support": False})
    assert parse_line(1, raw, band=AgeBand.AGE_16_17).needs is Action.WARN
    assert parse_line(1, raw).needs is Action.BLOCK  # the line's own band: under_13 by default
    one = parse_line(1, json.dumps({"text": "x", "labels": [], "needs": "allow"}), band=AgeBand.ADULT)
    assert one.needs is Action.ALLOW and not one.wants_support
    assert parse_line(1, json.dumps({"text": "x", "labels": []})).needs is None


@pytest.mark.parametrize(
    "bad",
    [
        {"needs": "ban"},
        {"needs": {"under_13": "block"}},
        {"needs": {"under_13": "block", "13_15": "block", "16_17": "warn", "adult": "nope"}},
        {"support": "yes"},
        {"locale": 7},
        {"locale": "--"},
    ],
)
def test_bad_needs_are_refused(bad):
    with pytest.raises(LineError):
        parse_line(1, json.dumps({"text": "x", "labels": [], **bad}))


def test_a_line_carries_its_locale_to_the_moderator(tmp_path):
    from safechat.calibration.data import score_file
    from safechat.engine import Moderator
    from safechat.policy.prompts import PromptBook
    from safechat.testing import FakeScorer
    from tests.unit.fixtures import reference_policy

    english = FakeScorer({}, version="english 1")
    other = FakeScorer({}, version="multilingual 1")
    moderator = Moderator(
        scorer=english, policy=reference_policy(), prompts=PromptBook.load(), multilingual=other
    )
    path = tmp_path / "lines.jsonl"
    path.write_text(
        json.dumps({"text": "du opfer", "labels": ["bullying"], "locale": "de"})
        + "\n"
        + json.dumps({"text": "du opfa", "labels": ["bullying"]})
        + "\n",
        "utf-8",
    )
    assert parse_line(1, json.dumps({"text": "x", "labels": [], "locale": "pt-BR"})).locale == "pt-BR"
    score_file(moderator, path)
    assert other.calls == [1] and english.calls == [1]  # the short line went where its locale says


def _data(actions, needs, truth, wants, supports, bands=None) -> ScoredData:
    n = len(actions)
    t = np.zeros((n, len(LABELS)), np.int8)
    for i, label in enumerate(truth):
        if label is not None:
            t[i, LABELS.index(label)] = 1
    return ScoredData(
        scores=np.zeros((n, len(LABELS)), np.float32),
        truth=t,
        bands=np.array([BANDS.index(b) for b in (bands or [AgeBand.UNDER_13] * n)], np.int8),
        actions=np.array([ACTIONS.index(a) for a in actions], np.int8),
        sha256="0" * 64,
        source="t.jsonl",
        lines_read=n,
        needs=np.array([ACTIONS.index(a) for a in needs], np.int8),
        wants_support=np.array(wants, bool),
        supports=np.array(supports, bool),
    )


def test_decision_metrics_count_what_each_line_needs():
    a = Action
    data = _data(
        actions=[a.BLOCK, a.WARN, a.ESCALATE, a.ALLOW, a.ALLOW, a.WARN, a.ALLOW, a.ALLOW],
        needs=[a.BLOCK, a.BLOCK, a.ESCALATE, a.ALLOW, a.ALLOW, a.ALLOW, a.ALLOW, a.ALLOW],
        truth=["bullying", "bullying", "grooming", "self_harm", "self_harm", None, None, None],
        wants=[False, False, False, True, True, False, True, True],
        supports=[False, False, False, True, False, False, True, False],
    )
    band = decision_metrics(data)["under_13"]
    assert band["harmful"] == {"lines": 5, "met": 3, "share": 0.6}
    assert band["labels"]["bullying"]["share"] == 0.5  # warn is less than the block it needs
    assert band["labels"]["grooming"]["share"] == 1.0
    assert band["labels"]["self_harm"]["share"] == 0.5  # support is what it needs
    assert band["benign"] == {"lines": 3, "flagged": 1, "share": 0.3333}
    assert band["help"] == {"lines": 2, "met": 1, "share": 0.5}


def test_data_without_needs_has_no_decision_metrics():
    data = _data([Action.ALLOW], [Action.ALLOW], [None], [False], [False])
    data = ScoredData(**{**data.__dict__, "needs": np.full(1, -1, np.int8)})
    assert decision_metrics(data) == {}


def _case(bullying: float, needs: Action, truth: bool, band: AgeBand = AgeBand.UNDER_13) -> Case:
    values = {label: 0.0 for label in LABELS}
    values[Label.BULLYING] = bullying
    t = tuple(1 if (label is Label.BULLYING and truth) else 0 for label in LABELS)
    return Case(Scores.from_values(values), (), (), "en", band, t, needs, False)


def _cases(positives: np.ndarray, negatives: np.ndarray, needs: Action, language: str = "en") -> list[Case]:
    """In every band: a harmful bullying line needing ``needs`` per positive score and a benign
    line per negative score, all in ``language``."""
    return [
        replace(case, language=language)
        for band in AgeBand
        for case in [_case(float(s), needs, True, band) for s in positives]
        + [_case(float(s), Action.ALLOW, False, band) for s in negatives]
    ]


def test_the_needs_fit_serves_more_lines_within_the_benign_budget():
    rng = np.random.default_rng(0)
    positives, negatives = rng.beta(4, 3, 200), rng.beta(2, 6, 400)
    cases = _cases(positives, negatives, Action.BLOCK)
    base = _strict(Policy.default(), Label.BULLYING, 0.99)  # a base that serves almost nothing
    fit = fit_to_needs(base, cases, max_flagged=0.05, min_positives=20, version="fitted-1")
    for band in AgeBand:
        before, after = fit.before[band], fit.after[band]
        assert after.label_shares[Label.BULLYING] > before.label_shares[Label.BULLYING] + 0.2
        assert after.flagged <= 0.05
        mine = [c for c in cases if c.band is band]
        assert outcome(fit.policy.band(band), mine).flagged == pytest.approx(after.flagged)
    assert fit.policy.version == "fitted-1"
    assert any(change.startswith("under_13.bullying.") for change in fit.changes)
    young, older = (fit.policy.band(b).labels[Label.BULLYING] for b in (AgeBand.UNDER_13, AgeBand.AGE_13_15))
    assert young.threshold <= older.threshold  # never looser for younger children
    # a label without enough harmful lines keeps its thresholds
    assert (
        fit.policy.band(AgeBand.UNDER_13).labels[Label.HATE] == base.band(AgeBand.UNDER_13).labels[Label.HATE]
    )


def test_a_language_fit_moves_that_languages_thresholds_only():
    rng = np.random.default_rng(1)
    positives, negatives = rng.beta(4, 3, 200), rng.beta(2, 6, 400)
    cases = _cases(positives, negatives, Action.WARN, "uk")
    base = _strict(Policy.default(), Label.BULLYING, 0.99)
    fit = fit_to_needs(base, cases, max_flagged=0.05, min_positives=20, language="uk")
    for band in AgeBand:
        old, new = base.band(band).labels[Label.BULLYING], fit.policy.band(band).labels[Label.BULLYING]
        assert new.threshold == old.threshold and new.high_threshold == old.high_threshold
        assert new.threshold_for("en") == old.threshold_for("en")
        assert new.threshold_for("uk") < old.threshold_for("uk")
        assert (
            fit.after[band].label_shares[Label.BULLYING] > fit.before[band].label_shares[Label.BULLYING] + 0.2
        )
        assert fit.after[band].flagged <= 0.05
    young, older = (fit.policy.band(b).labels[Label.BULLYING] for b in (AgeBand.UNDER_13, AgeBand.AGE_13_15))
    assert young.threshold_for("uk") <= older.threshold_for("uk")
    assert any(".language_thresholds.uk:" in change for change in fit.changes)


def test_a_language_threshold_never_goes_above_the_languages_high_threshold():
    rng = np.random.default_rng(2)
    positives, negatives = (
        rng.beta(8, 2, 200),
        rng.beta(6, 2, 400),
    )  # benign lines score high: the fit goes up
    cases = _cases(positives, negatives, Action.WARN, "de")
    base = _strict(Policy.default(), Label.BULLYING, 0.6)  # threshold and high threshold 0.6
    fit = fit_to_needs(base, cases, max_flagged=0.02, min_positives=20, language="de")
    for band in AgeBand:
        rule = fit.policy.band(band).labels[Label.BULLYING]
        high = rule.high_threshold_for("de")
        assert high is not None and rule.threshold_for("de") <= high
        assert rule.high_threshold == 0.6 and rule.threshold == 0.6  # the shared thresholds stay


def test_a_language_fit_can_move_that_languages_high_threshold():
    rng = np.random.default_rng(3)
    positives, negatives = rng.beta(4, 3, 200), rng.beta(2, 6, 400)
    cases = _cases(positives, negatives, Action.BLOCK, "uk")
    base = _strict(Policy.default(), Label.BULLYING, 0.99)  # block needs the high threshold
    fit = fit_to_needs(base, cases, max_flagged=0.05, min_positives=20, language="uk")
    for band in AgeBand:
        old, new = base.band(band).labels[Label.BULLYING], fit.policy.band(band).labels[Label.BULLYING]
        assert new.high_threshold == old.high_threshold
        assert (new.high_threshold_for("uk") or 1.0) < 0.99
        assert (
            fit.after[band].label_shares[Label.BULLYING] > fit.before[band].label_shares[Label.BULLYING] + 0.2
        )
    assert any(".language_high_thresholds.uk:" in change for change in fit.changes)


def _profanity_cases(benign: np.ndarray, harmful: int, language: str) -> list[Case]:
    """In every band: benign lines with these profanity scores, and too few swearing lines to
    measure (``harmful``, scored 0.9)."""
    cases = []
    for band in AgeBand:
        for score, truth in [(float(s), False) for s in benign] + [(0.9, True)] * harmful:
            values = {label: 0.0 for label in LABELS}
            values[Label.PROFANITY] = score
            t = tuple(1 if (label is Label.PROFANITY and truth) else 0 for label in LABELS)
            needs = Action.WARN if truth else Action.ALLOW
            cases.append(Case(Scores.from_values(values), (), (), language, band, t, needs, False))
    return cases


def test_a_language_fit_raises_a_label_too_thin_to_measure_to_spare_benign_lines():
    rng = np.random.default_rng(4)
    base = Policy.default()
    young = (AgeBand.UNDER_13, AgeBand.AGE_13_15)  # profanity warns there; 16_17 allows it
    noisy = _profanity_cases(rng.beta(5, 3, 300), harmful=3, language="uk")  # the model over-scores
    fit = fit_to_needs(base, noisy, max_flagged=0.05, min_positives=12, language="uk")
    for band in young:
        old, new = base.band(band).labels[Label.PROFANITY], fit.policy.band(band).labels[Label.PROFANITY]
        assert new.threshold_for("uk") > old.threshold_for("uk")  # above 16_17's, which acts on nothing
        assert fit.after[band].flagged < fit.before[band].flagged
        assert new.threshold == old.threshold and new.threshold_for("en") == old.threshold_for("en")
    quiet = _profanity_cases(rng.beta(1, 30, 300), harmful=3, language="uk")  # nothing to spare
    kept = fit_to_needs(base, quiet, max_flagged=0.05, min_positives=12, language="uk")
    for band in young:  # never lowered on no evidence
        rule = kept.policy.band(band).labels[Label.PROFANITY]
        assert rule.threshold_for("uk") == base.band(band).labels[Label.PROFANITY].threshold_for("uk")
    shared = fit_to_needs(
        base, [replace(c, language=None) for c in noisy], max_flagged=0.05, min_positives=12
    )
    for band in young:  # a shared fit leaves a label it cannot measure alone
        assert shared.policy.band(band).labels[Label.PROFANITY] == base.band(band).labels[Label.PROFANITY]


def _strict(policy: Policy, label: Label, threshold: float) -> Policy:
    bands = {
        band: rules.model_copy(
            update={
                "labels": {
                    **rules.labels,
                    label: rules.labels[label].model_copy(
                        update={
                            "threshold": threshold,
                            "high_threshold": threshold,
                            "language_thresholds": {},  # the shipped ones would stand in for it
                            "language_high_thresholds": {},
                        }
                    ),
                }
            }
        )
        for band, rules in policy.bands.items()
    }
    return policy.model_copy(update={"bands": bands})


def test_calibrate_needs_refuses_a_bad_budget(tmp_path, capsys):
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"text": "x", "labels": [], "needs": "allow"}) + "\n")
    code = main(
        [
            "calibrate",
            "--data",
            str(data),
            "--target",
            "needs",
            "--max-flagged",
            "1.5",
            "--out",
            str(tmp_path / "p.toml"),
        ]
    )
    assert code == 2 and "--max-flagged" in capsys.readouterr().err


def test_policy_names_banks_relative_to_its_file(tmp_path):
    banks = '\n[exemplars]\nbanks = ["bundled", "team/bank.npz"]\n'
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "p.toml"
    path.write_text(_with_banks(banks), "utf-8")
    policy = Policy.from_toml(path)
    assert policy.bank_files() == ["*", tmp_path / "sub" / "team" / "bank.npz"]
    path.write_text(_with_banks('\n[exemplars]\nbanks = ["bundled", "bundled"]\n'), "utf-8")
    with pytest.raises(PolicyError, match="listed twice"):
        Policy.from_toml(path)
    path.write_text(_with_banks('\n[exemplars]\nbank = ["x.npz"]\n'), "utf-8")
    with pytest.raises(PolicyError, match="exemplars.bank"):
        Policy.from_toml(path)


def _with_banks(section: str) -> str:
    """The default policy as TOML with its [exemplars] table replaced by ``section``."""
    policy = Policy.default().model_copy(update={"exemplars": ExemplarSettings()})
    text = policy_to_toml(policy)
    start = text.index("[exemplars]")
    end = text.index("\n[", start + 1)
    return text[:start] + section.lstrip("\n") + text[end:]


def test_re_deciding_only_the_cases_a_move_can_change_equals_a_full_pass():
    from safechat.calibration.needs_fit import _Evaluator, _with

    rng = np.random.default_rng(1)
    cases = [_case(float(s), Action.BLOCK, True) for s in rng.random(150)]
    cases += [_case(float(s), Action.ALLOW, False) for s in rng.random(150)]
    band = Policy.default().band(AgeBand.UNDER_13)
    evaluator = _Evaluator(band, cases, min_positives=1)
    for name, value in (("threshold", 0.2), ("high_threshold", 0.5), ("threshold", 0.7)):
        moved = _with(band, Label.BULLYING, **{name: value})
        quick = evaluator.outcome(evaluator.moved(band, moved, Label.BULLYING))
        full = outcome(moved, cases)
        assert quick.label_shares == full.label_shares and quick.flagged == full.flagged


def test_a_language_new_to_the_model_is_fitted_without_keeping_the_bases_shares():
    rng = np.random.default_rng(5)
    positives, negatives = rng.beta(4, 3, 200), rng.beta(4, 4, 400)  # hard to tell apart
    cases = _cases(positives, negatives, Action.WARN, "uk")
    base = _strict(Policy.default(), Label.BULLYING, 0.05)  # serves every harmful line, flags most
    kept = fit_to_needs(base, cases, max_flagged=0.05, min_positives=20, language="uk")
    new = fit_to_needs(base, cases, max_flagged=0.05, min_positives=20, language="uk", keep_served=False)
    band = AgeBand.UNDER_13
    assert new.after[band].flagged <= 0.05 < kept.after[band].flagged
    assert kept.after[band].label_shares[Label.BULLYING] > new.after[band].label_shares[Label.BULLYING]


def _self_harm_cases(positives: np.ndarray, negatives: np.ndarray) -> list[Case]:
    """In every band: a self-harm line wanting support per positive score, a benign line per negative."""
    cases = []
    for band in AgeBand:
        for score, harmful in [(float(s), True) for s in positives] + [(float(s), False) for s in negatives]:
            values = {label: 0.0 for label in LABELS}
            values[Label.SELF_HARM] = score
            truth = tuple(1 if (label is Label.SELF_HARM and harmful) else 0 for label in LABELS)
            cases.append(Case(Scores.from_values(values), (), (), "en", band, truth, Action.ALLOW, harmful))
    return cases


def _unneeded_help(policy: Policy, cases: list[Case]) -> float:
    benign = [c for c in cases if c.band is AgeBand.UNDER_13 and not c.wants_support]
    threshold = policy.band(AgeBand.UNDER_13).labels[Label.SELF_HARM].threshold
    return sum(c.scores[Label.SELF_HARM] >= threshold for c in benign) / len(benign)


def test_unneeded_help_prompts_have_their_own_budget():
    rng = np.random.default_rng(3)
    cases = _self_harm_cases(rng.beta(5, 2, 100), rng.beta(2, 5, 500))
    loose = fit_to_needs(Policy.default(), cases, max_flagged=0.1, min_positives=20)
    tight = fit_to_needs(Policy.default(), cases, max_flagged=0.1, min_positives=20, max_support=0.02)
    assert 0.05 < _unneeded_help(loose.policy, cases) <= 0.1
    assert _unneeded_help(tight.policy, cases) <= 0.02
    assert "max unneeded help 0.02" in tight.policy.provenance["method"]
    with pytest.raises(ValueError, match="max_support"):
        fit_to_needs(Policy.default(), cases, max_support=1.0)
