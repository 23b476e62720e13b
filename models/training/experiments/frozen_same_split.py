"""The starter recipe (frozen int8 MiniLM embeddings + one logistic head per label, C=0.01,
class-balanced, standardised) retrained on the SAME training split as the fine-tune, scoring
the same held-out validation rows: the fair baseline for the fine-tuned model (the shipped
0.1.0 heads were fitted on every source, the validation sources included).

    python -m models.training.experiments.frozen_same_split --rows ../artifacts/rows.jsonl \
        --val ../artifacts/ft/val_rows.jsonl --out ../artifacts/frozen_same_split.npz

Embeddings come from the cache written by ``train.py --mode frozen`` (int8 encoder, one message
per run, unpadded: the runtime path of the 0.1.0 bundle).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from models.training.common.rows import LABELS, VAL_SOURCES
from models.training.train.frozen import fit_head


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=Path, default=Path("../artifacts/rows.jsonl"))
    p.add_argument("--val", type=Path, default=Path("../artifacts/ft/val_rows.jsonl"))
    p.add_argument("--work", type=Path, default=Path("../artifacts"))
    p.add_argument("--out", type=Path, default=Path("../artifacts/frozen_same_split.npz"))
    p.add_argument("--c", type=float, default=0.01)
    args = p.parse_args()
    rows = [json.loads(line) for line in args.rows.open(encoding="utf-8")]
    texts = [r["text"] for r in rows]
    h = hashlib.sha256(("\n".join(texts) + "|128|int8|b1-unpadded").encode()).hexdigest()[:16]
    x_raw = np.load(args.work / f"emb_{h}.npy")
    val = [json.loads(line) for line in args.val.open(encoding="utf-8")]
    key = {t: i for i, t in enumerate(texts)}
    vidx = np.array([key[r["text"]] for r in val])
    vkeys = set(vidx.tolist())
    vgroups = {
        r["group"] for r in val if r["source"] in ("pj_offender", "pj_decoy", "handwritten", "hatemoji_build")
    }
    tr = np.array(
        [
            i
            for i, r in enumerate(rows)
            if i not in vkeys
            and r["source"] not in VAL_SOURCES
            and (r.get("group") or f"row{i}") not in vgroups
        ]
    )
    mu, std = x_raw[tr].mean(0), x_raw[tr].std(0)
    live = std > 1e-3
    x = np.where(live, (x_raw - mu) / np.where(live, std, 1.0), 0.0).astype(np.float32)
    z = np.zeros((len(val), len(LABELS)), np.float32)
    for j, lab in enumerate(LABELS):
        known = np.array([lab in rows[i]["labels"] for i in tr])
        t = tr[known]
        y = np.array([rows[i]["labels"][lab] for i in t])
        if len(set(y)) < 2:
            continue
        clf = fit_head(x[t], y, c=args.c, seed=0)
        z[:, j] = clf.decision_function(x[vidx])
        print(lab, len(t), int(y.sum()), flush=True)
    np.savez(args.out, z=z, train_rows=len(tr))


if __name__ == "__main__":
    main()
