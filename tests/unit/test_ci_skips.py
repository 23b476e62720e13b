"""In CI (``CI`` set) a skipped test fails unless it is marked ``optional`` (tests/conftest.py):
a skip that also fires in CI, for a bundle, a table or a package that went missing, would hide
the regression it was written to catch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parents[2]
SAMPLE = """
import pytest


def test_skips():
    pytest.skip("the emoji table is missing")


@pytest.mark.skipif(True, reason="the multilingual bundle is not installed")
def test_skipif():
    pass


@pytest.mark.optional
def test_optional():
    pytest.skip("needs onnx")


@pytest.mark.xfail(reason="known")
def test_xfail():
    assert False


def test_passes():
    pass
"""


def _outcomes(tmp_path: Path, ci: str | None) -> dict[str, str]:
    """Each sample test's outcome (its JUnit XML element: passed, failure, error or skipped) in a
    pytest run with tests/conftest.py as a plugin and ``CI`` as given."""
    (tmp_path / "test_sample.py").write_text(SAMPLE, "utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    xml = tmp_path / "report.xml"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest"]
    command += ["-W", "ignore::pytest.PytestUnknownMarkWarning", "--rootdir", str(tmp_path)]
    command += [f"--junitxml={xml}", str(tmp_path / "test_sample.py")]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert xml.exists(), result.stdout + result.stderr
    outcomes = {}
    for case in ElementTree.parse(xml).getroot().iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        outcomes[case.attrib["name"]] = kinds[0] if kinds else "passed"
    assert len(outcomes) == 5, result.stdout
    return outcomes


def test_in_ci_a_skip_fails_unless_the_test_is_optional(tmp_path: Path) -> None:
    assert _outcomes(tmp_path, "true") == {
        "test_skips": "failure",
        "test_skipif": "error",  # skipped while being set up: it fails there
        "test_optional": "skipped",
        "test_xfail": "skipped",  # JUnit's word for an expected failure
        "test_passes": "passed",
    }


def test_off_ci_skips_stay_skips(tmp_path: Path) -> None:
    for ci in (None, "false"):
        assert _outcomes(tmp_path, ci) == {
            "test_skips": "skipped",
            "test_skipif": "skipped",
            "test_optional": "skipped",
            "test_xfail": "skipped",
            "test_passes": "passed",
        }
