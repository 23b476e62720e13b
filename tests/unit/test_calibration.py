"""Calibration, evaluation and policy tools, with fake scorers only (no model)."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from safechat.calibration.data import BANDS, ScoredData, parse_line, score_file
from safechat.calibration.fit import Target, calibrate, fit_threshold
from safechat.calibration.metrics import average_precision, confusion, known, roc_auc
from safechat.calibration.policy_diff import diff_policies, render_diff, strictness_problems
from safechat.calibration.progress import Progress
from safechat.calibration.report import evaluate
from safechat.calibration.toml_writer import dumps, policy_to_toml
from safechat.cli.main import main
from safechat.policy.policy import Policy
from safechat.types import LABELS, AgeBand, Label
from tests.unit.fixtures import fake_moderator, reference_policy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BULLYING = LABELS.index(Label.BULLYING)


def _scored(
    scores: np.ndarray[Any, Any], truth: np.ndarray[Any, Any], bands: list[AgeBand] | None = None
) -> ScoredData:
    n = scores.shape[0]
    codes = [BANDS.index(b) for b in bands] if bands else [0] * n
    return ScoredData(
        scores=scores.astype(np.float32),
        truth=truth.astype(np.int8),
        bands=np.array(codes, dtype=np.int8),
        actions=np.zeros(n, dtype=np.int8),
        sha256="0" * 64,
        source="synthetic.jsonl",
        lines_read=n,
        model_version="fake-scorer 0",
    )


def _synthetic(n: int = 2000, seed: int = 7) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Bullying scores: positives ~ Beta(5, 2), negatives ~ Beta(2, 5); other labels unknown."""
    rng = np.random.default_rng(seed)
    positive = rng.random(n) < 0.3
    column = np.where(positive, rng.beta(5, 2, n), rng.beta(2, 5, n))
    scores = np.full((n, len(LABELS)), 0.01)
    scores[:, BULLYING] = column
    truth = np.full((n, len(LABELS)), -1)
    truth[:, BULLYING] = positive.astype(int)
    return scores, truth


# --- metrics and fitting ---------------------------------------------------------------------


def test_auc_matches_brute_force_with_ties() -> None:
    rng = np.random.default_rng(1)
    scores = rng.integers(0, 6, 300) / 5.0  # many ties
    truth = rng.random(300) < 0.4
    pairs = [(p, q) for p in scores[truth] for q in scores[~truth]]
    brute = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p, q in pairs) / len(pairs)
    auc = roc_auc(scores, truth)
    assert auc is not None and abs(auc - brute) < 1e-12
    assert roc_auc(scores, np.zeros(300, dtype=bool)) is None


def test_average_precision_on_a_small_ranking() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6])
    truth = np.array([True, False, True, False])
    assert average_precision(scores, truth) == pytest.approx(0.5 * 1.0 + 0.5 * (2 / 3))
    assert average_precision(np.array([0.9, 0.1]), np.array([True, False])) == pytest.approx(1.0)


@pytest.mark.parametrize("value", [0.8, 0.9, 0.95])
def test_precision_target_is_met_with_most_recall(value: float) -> None:
    scores, truth = _synthetic()
    column, hits = known(scores[:, BULLYING], truth[:, BULLYING])
    threshold = fit_threshold(column, hits, Target("precision", value))
    assert threshold is not None and 0.0 <= threshold <= 1.0
    at = confusion(column, hits, threshold)
    assert at.precision is not None and at.precision >= value
    lower = np.unique(column[column < threshold])  # every lower cut misses the target
    assert all((confusion(column, hits, float(t)).precision or 0) < value for t in lower[-50:])


@pytest.mark.parametrize("value", [0.5, 0.8, 0.99])
def test_recall_target_is_met_with_the_highest_threshold(value: float) -> None:
    scores, truth = _synthetic()
    column, hits = known(scores[:, BULLYING], truth[:, BULLYING])
    threshold = fit_threshold(column, hits, Target("recall", value))
    assert threshold is not None
    recall = confusion(column, hits, threshold).recall
    assert recall is not None and value <= recall <= value + 2 / hits.sum()


def test_unreachable_precision_and_target_parsing() -> None:
    scores = np.array([0.9, 0.8, 0.7])
    assert fit_threshold(scores, np.array([False, True, False]), Target("precision", 0.9)) is None
    assert Target.parse("precision=0.9") == Target("precision", 0.9)
    assert str(Target.parse(" Recall = 0.8")) == "recall=0.8"
    for bad in ("f1=0.9", "precision=1.5", "recall=0", "precision"):
        with pytest.raises(ValueError):
            Target.parse(bad)


# --- calibrate ---------------------------------------------------------------------------------


def test_uncovered_labels_keep_the_base_thresholds() -> None:
    base = reference_policy()
    scores, truth = _synthetic(600)
    truth[:30, LABELS.index(Label.HATE)] = 1  # hate: 30 known positives... but no negatives shown
    truth[:10, LABELS.index(Label.THREAT)] = 1  # threat: only 10 positives
    truth[10:400, LABELS.index(Label.THREAT)] = 0
    result = calibrate(base, _scored(scores, truth), Target("recall", 0.8))
    policy = result.policy
    statuses = {(e.band, e.label): e.status for e in result.entries}
    assert statuses[AgeBand.UNDER_13, Label.BULLYING] == "fitted"
    assert statuses[AgeBand.UNDER_13, Label.THREAT] == "too_few_positives"
    assert statuses[AgeBand.UNDER_13, Label.PII] == "not_in_data"
    assert statuses[AgeBand.ADULT, Label.BULLYING] == "not_in_data"
    for label in (Label.THREAT, Label.PII, Label.SEXUAL):
        for band in AgeBand:
            assert policy.band(band).labels[label].threshold == base.band(band).labels[label].threshold
    assert policy.band(AgeBand.UNDER_13).labels[Label.BULLYING].threshold != 0.4
    provenance = policy.provenance
    assert provenance["target"] == "recall=0.8" and provenance["data_sha256"] == "0" * 64
    assert provenance["model_version"] == "fake-scorer 0" and "created" in provenance
    assert "under_13.threat: too_few_positives (10 < 20)" in provenance["kept_base_threshold"]
    entry = provenance["thresholds"]["under_13"]["bullying"]
    assert entry["status"] == "fitted" and entry["recall"] >= 0.8 and entry["positives"] > 20
    assert provenance["thresholds"]["under_13"]["pii"]["status"] == "not_in_data"
    assert "under_13.pii: not_in_data" in provenance["kept_base_threshold"]
    assert provenance["bands_kept_base"] == ["13_15", "16_17", "adult"]


def test_younger_bands_stay_at_least_as_strict_and_high_threshold_follows() -> None:
    base = reference_policy()
    n = 400
    rng = np.random.default_rng(3)
    scores = np.full((n, len(LABELS)), 0.01)
    truth = np.full((n, len(LABELS)), -1)
    bands = [AgeBand.UNDER_13] * 200 + [AgeBand.ADULT] * 200
    positive = rng.random(n) < 0.3
    truth[:, BULLYING] = positive
    # under_13 lines separate high (fit ~0.95); adult lines separate very high (fit above 0.9).
    scores[:200, BULLYING] = np.where(positive[:200], 0.95, 0.9)
    scores[200:, BULLYING] = np.where(positive[200:], 0.97, 0.5)
    result = calibrate(base, _scored(scores, truth, bands), Target("precision", 0.99))
    policy = result.policy
    order = list(AgeBand)
    for label in LABELS:
        values = [policy.band(band).labels[label].threshold for band in order]
        assert values == sorted(values), label
    assert strictness_problems(policy) == []
    young = {(e.band, e.label): e for e in result.entries}[AgeBand.UNDER_13, Label.BULLYING]
    assert young.clamped_from is not None and young.clamped_from > young.threshold
    assert any("under_13.labels.bullying.threshold lowered" in note for note in result.adjustments)
    adult = policy.band(AgeBand.ADULT).labels[Label.BULLYING]
    assert adult.threshold > 0.9 and adult.high_threshold == adult.threshold  # raised from 0.9
    assert policy.provenance["thresholds"]["adult"]["bullying"]["high_threshold_raised_from"] == 0.9
    assert policy.provenance["thresholds"]["under_13"]["bullying"]["clamped_from"] == young.clamped_from


def test_band_option_fits_only_that_band() -> None:
    scores, truth = _synthetic(600)
    result = calibrate(
        reference_policy(), _scored(scores, truth), Target("recall", 0.8), bands=[AgeBand.ADULT]
    )
    statuses = {(e.band, e.label): e.status for e in result.entries}
    assert statuses[AgeBand.UNDER_13, Label.BULLYING] == "not_selected"
    assert result.policy.band(AgeBand.UNDER_13).labels[Label.BULLYING].threshold == 0.4


def test_strictness_checks_language_thresholds_too() -> None:
    data = reference_policy().model_dump(mode="json", exclude_none=True)
    data["bands"]["under_13"]["labels"]["profanity"]["language_thresholds"]["en"] = 0.6
    problems = strictness_problems(Policy.from_mapping(data))
    assert problems == [
        "bands.under_13.labels.profanity.language_thresholds.en 0.6 is above 13_15's 0.5: "
        "younger bands should be at least as strict"
    ]


def test_eval_applies_language_thresholds_line_by_line() -> None:
    profanity = LABELS.index(Label.PROFANITY)
    scores = np.full((4, len(LABELS)), 0.01)
    scores[:, profanity] = 0.4  # above 0.33, below the English 0.5
    truth = np.full((4, len(LABELS)), -1)
    truth[:, profanity] = [1, 1, 0, 0]
    data = dataclasses.replace(_scored(scores, truth), languages=("en", "de", "en", None))
    at = evaluate(data, reference_policy())["labels"]["profanity"]["bands"]["under_13"]
    assert at["language_thresholds"] == {"en": 0.5}
    assert at["confusion"] == {"tp": 1, "fp": 1, "fn": 1, "tn": 1}  # "de" and unknown use 0.33
    plain = evaluate(_scored(scores, truth), reference_policy())["labels"]["profanity"]["bands"]["under_13"]
    assert plain["confusion"] == {"tp": 2, "fp": 2, "fn": 0, "tn": 0}  # no languages recorded


def test_a_fitted_label_drops_its_language_thresholds() -> None:
    scores, truth = _synthetic(600)
    truth[:, LABELS.index(Label.PROFANITY)] = truth[:, BULLYING]
    scores[:, LABELS.index(Label.PROFANITY)] = scores[:, BULLYING]
    result = calibrate(reference_policy(), _scored(scores, truth), Target("recall", 0.8))
    statuses = {(e.band, e.label): e.status for e in result.entries}
    assert statuses[AgeBand.UNDER_13, Label.PROFANITY] == "fitted"
    fitted = result.policy.band(AgeBand.UNDER_13).labels[Label.PROFANITY]
    assert fitted.language_thresholds == {} and fitted.threshold_for("en") == fitted.threshold
    kept = result.policy.band(AgeBand.ADULT).labels[Label.PROFANITY]  # no adult lines in the data
    assert kept.language_thresholds == {"en": 0.5}


# --- TOML --------------------------------------------------------------------------------------


def test_written_policy_loads_and_round_trips(tmp_path: Path) -> None:
    scores, truth = _synthetic(600)
    calibrated = calibrate(reference_policy(), _scored(scores, truth), Target("precision", 0.9)).policy
    for policy in (reference_policy(), calibrated):
        path = tmp_path / "policy.toml"
        path.write_text(policy_to_toml(policy, header="a header\nsecond line"), "utf-8")
        loaded = Policy.from_toml(path)
        assert loaded == policy
        assert policy_to_toml(loaded) == policy_to_toml(policy)
    moderator, _ = fake_moderator({"dumbo": {"bullying": 0.99}}, policy=Policy.from_toml(path))
    assert moderator.moderate("you dumbo").action.value in ("block", "escalate", "warn")


def test_toml_writer_round_trips_awkward_values() -> None:
    data: dict[str, Any] = {
        "s": 'quote " backslash \\ tab \t newline \n bell \x07 del \x7f é 😀',
        "ints": [0, -3, 10**12],
        "floats": [0.1, 1e-07, 1e300, -2.5, 3.0],
        "flags": [True, False],
        "nested": [[1, 2], ["a"]],
        "inline": [{"a": 1, "b": "x"}, {}],
        "long": [f"item number {i}" for i in range(12)],
        "table": {"pii.request": {"action": "warn"}, "a b": {}, "13_15": {"x": 1}},
        "empty": {},
    }
    assert tomllib.loads(dumps(data, header="hi")) == data
    with pytest.raises(TypeError, match="table.x"):
        dumps({"table": {"x": None}})


# --- data --------------------------------------------------------------------------------------


def test_bad_lines_are_reported_by_number_never_by_text(tmp_path: Path) -> None:
    secret = "my secret text 0123"
    lines = [
        json.dumps({"text": "hello", "labels": []}).encode(),
        b"{not json " + secret.encode(),
        json.dumps({"labels": ["bullying"]}).encode(),
        json.dumps({"text": secret, "labels": ["bullies"]}).encode(),
        json.dumps({"text": secret, "labels": {"hate": 2}}).encode(),
        json.dumps({"text": secret, "labels": [], "age_band": "teen"}).encode(),
        b'{"text": "caf\xff", "labels": []}',
        b"",
        json.dumps({"text": secret, "labels": "bullying"}).encode(),
        json.dumps({"text": "see you", "labels": {"pii": 0}, "age_band": "16_17"}).encode(),
    ]
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    moderator, _ = fake_moderator()
    data = score_file(moderator, path, keep_going=True)
    assert [p.number for p in data.problems] == [2, 3, 4, 5, 6, 7, 9]
    assert all(secret not in str(p) for p in data.problems)
    assert "unknown label 'bullies'" in str(data.problems[2])
    assert data.size == 2 and data.problem_count == 7
    assert data.truth[1].tolist() == [-1, -1, -1, -1, -1, -1, 0, -1]  # dict: only pii known
    assert data.truth[0].tolist() == [0] * 8  # list: everything not listed is negative
    assert data.bands_present() == [AgeBand.UNDER_13, AgeBand.AGE_16_17]
    stopped = score_file(moderator, path)  # without keep_going nothing after a bad line is scored
    assert stopped.problem_count == 7 and stopped.size == 0


def test_streams_in_batches_and_keeps_no_text(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(250):
            out.write(
                json.dumps(
                    {"text": f"line {i} meanie" if i % 2 else f"hi {i}", "labels": {"bullying": i % 2}}
                )
            )
            out.write("\n")
    moderator, scorer = fake_moderator({"meanie": {"bullying": 0.9}})
    stream = io.StringIO()
    progress = Progress(stream, label="scoring", total_bytes=path.stat().st_size, enabled=True, interval_s=0)
    data = score_file(moderator, path, batch_size=64, progress=progress)
    assert scorer.calls == [64, 64, 64, 58]
    assert data.scores.dtype == np.float32 and data.scores.shape == (250, 8)
    assert len(data.languages) == 250  # as the engine detected them, for language thresholds
    assert "100.0%" in stream.getvalue() and "250 lines" in stream.getvalue()
    assert not any(isinstance(v, str) and "meanie" in v for v in vars(data).values())
    assert parse_line(1, '{"text": "x", "labels": []}').band is AgeBand.UNDER_13
    quiet = io.StringIO()
    Progress(quiet, label="x", total_bytes=1, enabled=False).close(bytes_done=1, lines_done=1)
    assert quiet.getvalue() == ""


# --- policy tools ------------------------------------------------------------------------------


def _write_policy(tmp_path: Path, name: str, policy: Policy) -> Path:
    path = tmp_path / name
    path.write_text(policy_to_toml(policy), "utf-8")
    return path


def test_policy_diff_finds_a_changed_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = reference_policy()
    data = base.model_dump(mode="json", exclude_none=True)
    data["bands"]["13_15"]["labels"]["hate"]["threshold"] = 0.45
    data["bands"]["adult"]["rules"]["pii"]["action"] = "mask"
    data["bands"]["adult"]["labels"]["profanity"]["language_thresholds"]["en"] = 0.6
    changed = Policy.from_mapping(data)
    changes = diff_policies(base, changed)
    assert [(c.band, c.section, c.name, c.field, c.a, c.b, c.direction) for c in changes] == [
        ("13_15", "labels", "hate", "threshold", 0.5, 0.45, "stricter"),
        ("adult", "labels", "profanity", "language_thresholds.en", 0.5, 0.6, "looser"),
        ("adult", "rules", "pii", "action", "allow", "mask", "stricter"),
    ]
    assert diff_policies(base, base) == []
    without = base.model_dump(mode="json", exclude_none=True)
    without["bands"]["adult"]["labels"]["bullying"].pop("language_thresholds")  # {} and absent: the same
    assert diff_policies(base, Policy.from_mapping(without)) == []
    assert "no differences" in render_diff([], a_name="a", b_name="b")
    a, b = _write_policy(tmp_path, "a.toml", base), _write_policy(tmp_path, "b.toml", changed)
    assert main(["policy", "diff", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "labels.hate.threshold: 0.5 -> 0.45  (stricter)" in out
    assert main(["policy", "diff", "default", str(b), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["a"] == {"file": "default", "version": Policy.default().version}
    assert "bands.13_15.labels.hate.threshold" in [c["path"] for c in record["changes"]]


def test_policy_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write_policy(tmp_path, "good.toml", reference_policy())
    assert main(["policy", "validate", str(good)]) == 0
    assert "valid" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text("utf-8").replace("threshold = 0.4\n", "treshold = 0.4\n", 1), "utf-8")
    assert main(["policy", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "invalid" in err and "bands.under_13.labels.bullying.treshold" in err


# --- eval --------------------------------------------------------------------------------------


def _labelled_file(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.jsonl"
    rows = []
    for i in range(60):
        rows.append(
            {"text": f"you meanie {i}", "labels": ["bullying"], "age_band": "13_15" if i % 3 else None}
        )
        rows.append({"text": f"hello friend {i}", "labels": [], "age_band": "13_15" if i % 3 else None})
        rows.append({"text": f"call 07700 900{i:03d}", "labels": {"pii": 1}})
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    return path


def test_eval_writes_html_with_embedded_pngs_and_metrics(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from safechat.calibration.report import write_report

    moderator, _ = fake_moderator({"meanie": {"bullying": 0.9}, "hello": {"bullying": 0.2}})
    data = score_file(moderator, _labelled_file(tmp_path))
    write_report(data, moderator.policy, tmp_path / "report")
    html = (tmp_path / "report" / "report.html").read_text("utf-8")
    images = html.split('src="data:image/png;base64,')[1:]
    assert len(images) == 3
    for image in images:
        assert base64.b64decode(image.split('"', 1)[0]).startswith(b"\x89PNG")
    assert "meanie" not in html and "hello friend" not in html
    metrics = json.loads((tmp_path / "report" / "metrics.json").read_text("utf-8"))
    bullying = metrics["labels"]["bullying"]
    assert bullying["roc_auc"] == 1.0 and bullying["pr_auc"] == 1.0
    assert bullying["positives"] == 60 and bullying["negatives"] == 60  # pii lines: unknown
    assert set(bullying["bands"]) == {"under_13", "13_15"}
    at = bullying["bands"]["13_15"]
    assert at["precision"] == 1.0 and at["recall"] == 1.0 and at["confusion"]["tp"] == 40
    assert metrics["labels"]["sexual"]["roc_auc"] is None  # no positives: undefined, not made up
    assert sum(metrics["actions"]["under_13"]["all"].values()) == metrics["data"]["bands"]["under_13"] == 100
    for name in ("pr_curves.png", "reliability.png", "histograms.png"):
        assert (tmp_path / "report" / name).stat().st_size > 1000


def test_eval_without_matplotlib_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from safechat.cli.main import main\n"
        f"raise SystemExit(main(['eval', '--data', {str(tmp_path / 'x.jsonl')!r}, '--report', 'r']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'safechat[plots]'" in result.stderr
