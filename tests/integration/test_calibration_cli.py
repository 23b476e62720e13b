"""calibrate -> policy validate -> eval on the shipped example sample, with the real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from safechat.policy.policy import Policy

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample_labelled.jsonl"
SAFECHAT = [sys.executable, "-m", "safechat.cli.main"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SAFECHAT, *args], capture_output=True, text=True, timeout=120, check=False, env=env
    )


def test_calibrate_validate_eval_on_the_example(tmp_path: Path) -> None:
    policy = tmp_path / "calibrated.toml"
    result = run("calibrate", "--data", str(SAMPLE), "--target", "recall=0.8", "--out", str(policy))
    assert result.returncode == 0, result.stderr
    calibrated = Policy.from_toml(policy)
    provenance = calibrated.provenance
    assert provenance["target"] == "recall=0.8" and len(provenance["data_sha256"]) == 64
    assert provenance["model_version"].startswith("safechat-en-minilm")
    fitted = provenance["thresholds"]["under_13"]
    assert any(entry["status"] == "fitted" for entry in fitted.values())
    for entry in fitted.values():
        if entry["status"] == "fitted":
            assert entry["recall"] >= 0.8
    assert provenance["thresholds"]["adult"]["bullying"]["status"] == "not_in_data"

    valid = run("policy", "validate", str(policy))
    assert valid.returncode == 0 and "valid" in valid.stdout, valid.stderr
    diff = run("policy", "diff", "default", str(policy), "--json")
    assert diff.returncode == 0 and json.loads(diff.stdout)["changes"]

    pytest.importorskip("matplotlib")  # the dev extra's: in CI a skip here fails
    report = tmp_path / "report"
    evaluated = run("eval", "--data", str(SAMPLE), "--report", str(report), "--policy", str(policy))
    assert evaluated.returncode == 0, evaluated.stderr
    metrics = json.loads((report / "metrics.json").read_text("utf-8"))
    assert metrics["policy_version"].startswith(calibrated.version)  # + the banks digest
    assert set(metrics["actions"]) == {"under_13", "13_15"}
    for label in metrics["labels"].values():
        assert label["roc_auc"] is None or 0.5 < label["roc_auc"] <= 1.0
    assert (report / "report.html").read_text("utf-8").count("data:image/png;base64,") == 3


def test_eval_without_matplotlib_says_how_to_get_it(tmp_path: Path) -> None:
    """Run wherever matplotlib is installed or not: a stand-in package on PYTHONPATH that fails
    to import hides it from the CLI."""
    hidden = tmp_path / "hidden" / "matplotlib"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text('raise ImportError("matplotlib hidden by the test")\n', "utf-8")
    path = [str(hidden.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    report = tmp_path / "report"
    evaluated = run("eval", "--data", str(SAMPLE), "--report", str(report), env=env)
    assert evaluated.returncode == 2, evaluated.stderr
    assert "pip install 'safechat[plots]'" in evaluated.stderr
    assert not (report / "report.html").exists()
