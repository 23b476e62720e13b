"""The weights read back from the shipped int8 graph, and the interpolation built on them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.training.experiments.interpolate import bundle_weights, interpolate

# onnx and safetensors come with the train extra (torch and all), which CI does not install
pytestmark = pytest.mark.optional

BUNDLE = Path(__file__).resolve().parents[2] / "models" / "safechat-en-minilm"


@pytest.fixture(scope="module", autouse=True)
def _training_extra() -> None:
    """Skips (before ``shipped`` reads the graph) where the train extra is not installed."""
    pytest.importorskip("onnx")
    pytest.importorskip("safetensors")


@pytest.fixture(scope="module")
def shipped() -> dict[str, np.ndarray]:
    return bundle_weights(BUNDLE / "model.onnx")


def test_every_minilm_tensor_is_read_back_with_the_torch_shape(shipped: dict[str, np.ndarray]) -> None:
    # 6 layers x 16 tensors, 5 embedding tensors, 2 head tensors
    assert len(shipped) == 6 * 16 + 5 + 2
    assert shipped["encoder.layer.0.intermediate.dense.weight"].shape == (1536, 384)
    assert shipped["encoder.layer.5.output.dense.weight"].shape == (384, 1536)
    assert shipped["embeddings.word_embeddings.weight"].shape == (30522, 384)
    assert shipped["heads.W"].shape == (8, 384)


def test_the_matrices_are_the_int8_codes_times_their_scales(shipped: dict[str, np.ndarray]) -> None:
    # re-quantising a read-back matrix the way quantize.py does gives whole-number codes again
    weight = shipped["encoder.layer.2.attention.self.query.weight"].T
    scale = np.abs(weight).max(axis=0) / 127.0
    codes = weight / scale
    assert np.abs(codes - np.round(codes)).max() < 1e-3
    assert np.abs(codes).max() == pytest.approx(127.0, abs=1e-3)


def _fine_tune(where: Path, weights: dict[str, np.ndarray], factor: float) -> Path:
    from safetensors.numpy import save_file

    (where / "encoder").mkdir(parents=True)
    save_file(
        {k: v * factor for k, v in weights.items() if not k.startswith("heads.")},
        str(where / "encoder" / "model.safetensors"),
    )
    np.savez(where / "heads.npz", W=weights["heads.W"] * factor, B=weights["heads.B"] * factor)
    return where


def test_interpolation_is_the_weighted_mean_of_the_two_ends(
    tmp_path: Path, shipped: dict[str, np.ndarray]
) -> None:
    from safetensors.numpy import load_file

    ft = _fine_tune(tmp_path / "ft", shipped, 3.0)
    out = tmp_path / "mixed"
    interpolate(bundle=BUNDLE, ft=ft, weight=0.25, out=out)
    mixed = load_file(str(out / "encoder" / "model.safetensors"))
    name = "encoder.layer.1.output.dense.weight"
    np.testing.assert_allclose(mixed[name], 1.5 * shipped[name], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(np.load(out / "heads.npz")["W"], 1.5 * shipped["heads.W"], rtol=1e-5)
    assert (out / "interpolation.json").exists()


def test_a_weight_outside_zero_to_one_and_a_different_model_are_refused(
    tmp_path: Path, shipped: dict[str, np.ndarray]
) -> None:
    ft = _fine_tune(tmp_path / "ft", shipped, 1.0)
    with pytest.raises(SystemExit, match="--weight"):
        interpolate(bundle=BUNDLE, ft=ft, weight=1.5, out=tmp_path / "a")
    other = _fine_tune(tmp_path / "other", {k: v for k, v in shipped.items() if "layer.5" not in k}, 1.0)
    with pytest.raises(SystemExit, match="differ"):
        interpolate(bundle=BUNDLE, ft=other, weight=0.5, out=tmp_path / "b")
