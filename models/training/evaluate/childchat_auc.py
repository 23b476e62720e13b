"""How well bundles rank the English children's chat lines: ROC-AUC per label, model alone.

Compares bundles side by side on lines no fine-tune saw: ``fitting`` (the ``dev`` families that
fit the banks and the policy, never the model) for choosing between candidates, ``test`` to report
once a candidate is chosen. Scores go through the runtime path (``OnnxScorer``, int8), without
banks or rules, on the model text the engine would score.

    python -m models.training.evaluate.childchat_auc --split fitting \\
        models/safechat-en-minilm ../artifacts/wise_cc_0.5_candidate
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from models.training.common.rows import LABELS, model_text
from models.training.data.childchat import DEVSET, is_fitting_line, read


def lines(split: str, devset: Path = DEVSET) -> list[dict[str, object]]:
    """The lines of ``split``: ``fitting`` (dev, not trained on) or ``test``."""
    if split == "fitting":
        return [r for r in read(devset, split="dev") if is_fitting_line(r, finetuned=True)]
    if split == "test":
        return read(devset, split="test")
    raise SystemExit(f"unknown split {split!r}: fitting or test")


def auc_by_label(bundle: Path, rows: list[dict[str, object]]) -> dict[str, float | None]:
    """ROC-AUC per label of the bundle's raw logits (None where a label has no positive or no negative)."""
    from safechat.calibration.metrics import roc_auc
    from safechat.model.bundle import ModelBundle
    from safechat.model.onnx_scorer import OnnxScorer

    scorer = OnnxScorer(ModelBundle.load(bundle))
    texts = [model_text(str(r["text"])) for r in rows]
    logits = np.concatenate([scorer.logits(texts[i : i + 256]) for i in range(0, len(texts), 256)])
    result: dict[str, float | None] = {}
    for j, label in enumerate(LABELS):
        truth = np.array([label in r["labels"] for r in rows], dtype=np.bool_)  # type: ignore[operator]
        auc = roc_auc(logits[:, j].astype(np.float64), truth)
        result[label] = None if auc is None else round(float(auc), 4)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=("fitting", "test"), required=True)
    parser.add_argument("--json", type=Path, help="also write the table here")
    parser.add_argument("bundles", type=Path, nargs="+")
    args = parser.parse_args(argv)
    rows = lines(args.split)
    table = {str(b): auc_by_label(b, rows) for b in args.bundles}
    print(f"{args.split}: {len(rows)} lines")
    print("label      " + "  ".join(f"{b.name[:22]:>22}" for b in args.bundles))
    for label in LABELS:
        cells = [table[str(b)][label] for b in args.bundles]
        print(f"{label:<10} " + "  ".join(f"{'-' if c is None else f'{c:.3f}':>22}" for c in cells))
    if args.json:
        args.json.write_text(
            json.dumps({"split": args.split, "lines": len(rows), "roc_auc": table}, indent=1) + "\n"
        )


if __name__ == "__main__":
    main()
