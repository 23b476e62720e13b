"""Export encoder + masked mean pooling + linear heads as ONE ONNX graph, quantise it to int8
(dynamic: per-channel weights, per-token activation scales), check it, and write the bundle (model.onnx,
tokenizer.json, calibration.json, MODEL_CARD.md, manifest.json with sha256s).

    python -m models.training.export --heads ../artifacts/heads.npz \
        --calibration ../artifacts/calibration.json --metrics ../artifacts/metrics.json \
        --out models/safechat-en-minilm
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
from pathlib import Path

import numpy as np

from models.training.common.bundle_files import write_manifest
from models.training.common.rows import LABELS

log = logging.getLogger("safechat.export")
NAME = "safechat-en-minilm"
VERSION = "0.1.0"
MAX_LENGTH = 128


def build_graph(W: np.ndarray, B: np.ndarray, encoder_dir: Path):  # type: ignore[no-untyped-def]
    import torch
    from transformers import BertModel

    class Graph(torch.nn.Module):  # type: ignore[misc]  # torch is Any to mypy (pyproject.toml)
        def __init__(self) -> None:
            super().__init__()
            self.encoder = BertModel.from_pretrained(
                str(encoder_dir), attn_implementation="eager", add_pooling_layer=False
            )
            self.heads = torch.nn.Linear(W.shape[1], W.shape[0])
            with torch.no_grad():
                self.heads.weight.copy_(torch.from_numpy(W))
                self.heads.bias.copy_(torch.from_numpy(B))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hs = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            ).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hs.dtype)
            pooled = (hs * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return self.heads(pooled)

    return Graph().eval()


def export_onnx(graph, path: Path) -> None:  # type: ignore[no-untyped-def]
    import torch

    ids = torch.tensor([[101, 7592, 2088, 102, 0, 0], [101, 2017, 2024, 1037, 2204, 102]], dtype=torch.long)
    am = (ids != 0).long()
    torch.onnx.export(
        graph,
        (ids, am),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
            "logits": {0: "batch"},
        },
        opset_version=17,
        do_constant_folding=True,
        dynamo=False,
    )


def quantise(src: Path, dst: Path) -> None:
    """int8: per-channel weights, one activation scale per token (see models/training/export/quantize.py)."""
    from models.training.export.quantize import quantise_per_token

    quantise_per_token(src, dst)


def run_onnx(path: Path, tokenizer: Path, texts: list[str], *, batch: int = 32) -> np.ndarray:
    """Logits from an ONNX file, tokenised exactly as tokenizer.json says (fixed 128 padding)."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(tokenizer))
    outs = []
    for i in range(0, len(texts), batch):
        enc = tok.encode_batch(texts[i : i + batch])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        am = np.array([e.attention_mask for e in enc], dtype=np.int64)
        outs.append(sess.run(["logits"], {"input_ids": ids, "attention_mask": am})[0])
    return np.concatenate(outs)


def build_bundle(
    *, out: Path, heads: Path, calibration: Path, metrics: Path, work: Path, sample_texts: list[str]
) -> dict[str, object]:
    from models.training.common.paths import minilm_dir
    from models.training.evaluate.card import write_card

    out.mkdir(parents=True, exist_ok=True)
    h = np.load(heads)
    W, B = h["W"].astype(np.float32), h["B"].astype(np.float32)
    enc_dir = minilm_dir()
    graph = build_graph(W, B, enc_dir)
    fp32 = work / "model_fp32.onnx"
    log.info("exporting fp32 ONNX to %s", fp32)
    export_onnx(graph, fp32)
    log.info("quantising to int8 (per-channel weights, per-token activations)")
    quantise(fp32, out / "model.onnx")
    shutil.copyfile(enc_dir / "tokenizer.json", out / "tokenizer.json")
    shutil.copyfile(calibration, out / "calibration.json")

    # checks: torch vs fp32 ONNX vs int8 ONNX on the same texts
    import torch
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(out / "tokenizer.json"))
    enc = tok.encode_batch(sample_texts[:64])
    with torch.inference_mode():
        t_logits = graph(
            torch.tensor([e.ids for e in enc]), torch.tensor([e.attention_mask for e in enc])
        ).numpy()
    f_logits = run_onnx(fp32, out / "tokenizer.json", sample_texts)
    q_logits = run_onnx(out / "model.onnx", out / "tokenizer.json", sample_texts)
    cal = json.loads(calibration.read_text())["labels"]
    a = np.array([cal[k]["a"] for k in LABELS])
    b = np.array([cal[k]["b"] for k in LABELS])

    def sig(z: np.ndarray) -> np.ndarray:
        p: np.ndarray = 1 / (1 + np.exp(-(a * z + b)))
        return p

    check = {
        "n_texts": len(sample_texts),
        "max_abs_diff_torch_vs_fp32_onnx": float(np.abs(t_logits - f_logits[:64]).max()),
        "max_abs_diff_logits_int8_vs_fp32": float(np.abs(q_logits - f_logits).max()),
        "mean_abs_diff_logits_int8_vs_fp32": float(np.abs(q_logits - f_logits).mean()),
        "max_abs_diff_prob_int8_vs_fp32": float(np.abs(sig(q_logits) - sig(f_logits)).max()),
        "per_label_max_abs_diff_logits": {
            k: float(np.abs(q_logits[:, j] - f_logits[:, j]).max()) for j, k in enumerate(LABELS)
        },
        "fp32_mb": round(fp32.stat().st_size / 2**20, 1),
        "int8_mb": round((out / "model.onnx").stat().st_size / 2**20, 1),
    }
    emb = work / "embedder_int8.onnx"
    if emb.exists():
        e = run_onnx(emb, out / "tokenizer.json", sample_texts)
        check["max_abs_diff_int8_graph_vs_heads_on_int8_embeddings"] = float(
            np.abs(e @ W.T + B - q_logits).max()
        )
    log.info("quantisation check: %s", check)
    (work / "quant_check.json").write_text(json.dumps(check, indent=1))

    write_card(out / "MODEL_CARD.md", metrics=json.loads(metrics.read_text()), quant=check, calibration=cal)
    write_manifest(
        out,
        name=NAME,
        version=VERSION,
        max_length=MAX_LENGTH,
        base_model="sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
    )
    log.info("bundle written to %s", out)
    return check


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--heads", type=Path, default=Path("../artifacts/heads.npz"))
    p.add_argument("--calibration", type=Path, default=Path("../artifacts/calibration.json"))
    p.add_argument("--metrics", type=Path, default=Path("../artifacts/metrics.json"))
    p.add_argument("--out", type=Path, default=Path("models/safechat-en-minilm"))
    p.add_argument("--work", type=Path, default=Path("../artifacts"))
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    samples = [
        "you are such a loser nobody likes you",
        "gg wp",
        "what school do you go to?",
        "i want to kill myself",
        "send me a pic with no clothes on",
        "my number is 07700 900123",
        "this is fucking annoying",
        "i will find you",
    ] * 8
    build_bundle(
        out=args.out,
        heads=args.heads,
        calibration=args.calibration,
        metrics=args.metrics,
        work=args.work,
        sample_texts=samples,
    )


if __name__ == "__main__":
    main()
