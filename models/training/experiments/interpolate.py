"""Interpolate a fine-tune with a shipped bundle's weights (WiSE-FT style, done on the weights).

A fine-tune on new rows (children's chat) can gain where those rows look like it and lose on the
held-out platforms. Averaging its weights with the shipped model's moves along the straight line
between the two; fine-tunes of one base model stay in one basin, so points on that line are
themselves good models and often keep most of each end's strengths (Wortsman et al. 2022,
"Robust fine-tuning of zero-shot models", arXiv:2109.01903).

The shipped bundle keeps only its int8 graph (the fp32 weights of its soup were not kept), so its
weights are read back from ``model.onnx``: each int8 matrix times its per-channel scale, the
word-embedding rows times their row scale, everything else as stored. The rounding error is at most
half a quantisation step per weight, the size of the step the export adds anyway, and the result
is judged the usual way: ``ship_finetuned`` scores it through the runtime int8 path.

    python -m models.training.experiments.interpolate --bundle models/safechat-en-minilm \\
        --ft ../artifacts/ft_cc_s0 --weight 0.5 --out ../artifacts/wise_cc_050

``--weight`` is the fine-tune's share (0 = the bundle, 1 = the fine-tune). The output is a
fine-tune directory like ``--ft`` (``encoder/``, ``heads.npz``, the fine-tune's split and
validation rows) plus ``interpolation.json`` naming both ends, ready for ``ship_finetuned --ft``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
from pathlib import Path

import numpy as np

COPIED = ("split.json", "history.json", "val_rows.jsonl", "emoji_words.json")
_MATMUL = re.compile(r"^encoder_encoder_layer\.(\d+)_(.+)_MatMul_output_0_wq__q1$")
_EMBEDDING = "encoder_embeddings_word_embeddings_Gather_output_0_table_s8__q1"


def bundle_weights(model_path: Path) -> dict[str, np.ndarray]:
    """The encoder's weights under the fine-tune's tensor names, plus ``heads.W`` / ``heads.B``.

    Raises:
        SystemExit: the graph is not one that ``quantize.py`` wrote from a MiniLM fine-tune.
    """
    import onnx
    from onnx import numpy_helper

    stored = {init.name: numpy_helper.to_array(init) for init in onnx.load(str(model_path)).graph.initializer}
    weights: dict[str, np.ndarray] = {}
    for name, value in stored.items():
        if name.startswith("encoder.") and value.dtype == np.float32:
            weights[name.removeprefix("encoder.")] = value
        elif match := _MATMUL.match(name):
            layer, module = match.groups()
            scale = stored[name.replace("_wq__q1", "_wscale__q1")]
            # MatMul stores [in, out]; the torch Linear weight is [out, in]
            dense = value.astype(np.float32) * scale[None, :]
            weights[f"encoder.layer.{layer}.{module.replace('_', '.')}.weight"] = dense.T.copy()
    if _EMBEDDING not in stored:
        raise SystemExit(f"{model_path}: no int8 word-embedding table; not a graph that quantize.py wrote")
    row_scale = stored[_EMBEDDING.replace("_table_s8__q1", "_row_scale__q1")]
    weights["embeddings.word_embeddings.weight"] = stored[_EMBEDDING].astype(np.float32) * row_scale
    weights["heads.W"] = stored["heads.weight"]
    weights["heads.B"] = stored["heads.bias"]
    return weights


def interpolate(*, bundle: Path, ft: Path, weight: float, out: Path) -> dict[str, float]:
    """Write ``(1 - weight) * bundle + weight * ft`` to ``out``; returns per-part relative distances.

    Raises:
        SystemExit: ``weight`` outside [0, 1], or the two models do not have the same tensors.
    """
    from safetensors.numpy import load_file, save_file

    if not 0.0 <= weight <= 1.0:
        raise SystemExit(f"--weight must be in [0, 1], got {weight}")
    shipped = bundle_weights(bundle / "model.onnx")
    tuned = load_file(str(ft / "encoder" / "model.safetensors"))
    heads = np.load(ft / "heads.npz")
    tuned_all = {**tuned, "heads.W": heads["W"], "heads.B": heads["B"]}
    missing, extra = tuned_all.keys() - shipped.keys(), shipped.keys() - tuned_all.keys()
    if missing or extra:
        raise SystemExit(
            f"the bundle and the fine-tune differ: missing {sorted(missing)[:5]}, extra {sorted(extra)[:5]}"
        )
    mixed: dict[str, np.ndarray] = {}
    distance: dict[str, float] = {}
    for key, value in tuned_all.items():
        if shipped[key].shape != value.shape:
            raise SystemExit(
                f"{key}: shape {shipped[key].shape} in the bundle, {value.shape} in the fine-tune"
            )
        a, b = shipped[key].astype(np.float64), value.astype(np.float64)
        mixed[key] = ((1.0 - weight) * a + weight * b).astype(value.dtype)
        distance[key] = float(np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-12))
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ft / "encoder", out / "encoder", dirs_exist_ok=True)
    for name in COPIED:
        if (ft / name).exists():
            shutil.copyfile(ft / name, out / name)
    save_file(
        {k: v for k, v in mixed.items() if not k.startswith("heads.")},
        str(out / "encoder" / "model.safetensors"),
    )
    np.savez(out / "heads.npz", W=mixed["heads.W"], B=mixed["heads.B"])
    manifest = json.loads((bundle / "manifest.json").read_text())
    (out / "interpolation.json").write_text(
        json.dumps(
            {
                "bundle": manifest["name"],
                "bundle_version": manifest["version"],
                "bundle_model_sha256": hashlib.sha256((bundle / "model.onnx").read_bytes()).hexdigest(),
                "fine_tune": ft.name,
                "fine_tune_weight": weight,
                "median_relative_distance": float(np.median(list(distance.values()))),
            },
            indent=1,
        )
        + "\n"
    )
    return distance


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--bundle", type=Path, required=True, help="shipped bundle directory (int8 model.onnx)"
    )
    parser.add_argument(
        "--ft", type=Path, required=True, help="fine-tune directory (train.py --mode finetune)"
    )
    parser.add_argument("--weight", type=float, required=True, help="the fine-tune's share, 0 to 1")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    distance = interpolate(bundle=args.bundle, ft=args.ft, weight=args.weight, out=args.out)
    far = sorted(distance.items(), key=lambda kv: -kv[1])[:3]
    print(
        f"wrote {args.out}: {len(distance)} tensors, median relative distance between the ends "
        f"{np.median(list(distance.values())):.4f}; farthest {[(k, round(v, 4)) for k, v in far]}"
    )


if __name__ == "__main__":
    main()
