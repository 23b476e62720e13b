"""Small head-hyper-parameter sweep on the cached embeddings of the last frozen run.

    python -m models.training.experiments.sweep --work ../artifacts --emb ../artifacts/emb_<hash>.npy

For each label, C and source weighting: leave-source-out pooled ROC-AUC and the mean
per-source ROC-AUC. Writes <work>/sweep.json. Selection is by the mean of the two.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from models.training.common.bundle_files import ranking_metrics
from models.training.common.rows import LABELS
from models.training.train.frozen import oof_logits, source_weights


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--work", type=Path, default=Path("../artifacts"))
    p.add_argument("--emb", type=Path, required=True)
    p.add_argument("--cs", default="0.01,0.05,0.5")
    p.add_argument("--weightings", default="none,sqrt")
    p.add_argument("--labels", default=",".join(LABELS))
    args = p.parse_args()
    rows = [json.loads(x) for x in (args.work / "rows.jsonl").open(encoding="utf-8")]
    x_raw = np.load(args.emb)
    mu, std = x_raw.mean(0), x_raw.std(0)
    live = std > 1e-3
    x = np.where(live, (x_raw - mu) / np.where(live, std, 1.0), 0.0).astype(np.float32)
    src_all = np.array([r["source"] for r in rows])
    grp_all = np.array([r["group"] or f"row{i}" for i, r in enumerate(rows)])
    out: dict[str, dict[str, dict[str, float | None]]] = {}
    for lab in args.labels.split(","):
        known = np.array([lab in r["labels"] for r in rows])
        y = np.array([r["labels"].get(lab, -1) for r in rows])[known]
        xl, sl, gl = x[known], src_all[known], grp_all[known]
        out[lab] = {}
        for wmode in args.weightings.split(","):
            wl = source_weights(y, sl, wmode)
            for c in map(float, args.cs.split(",")):
                oof, _ = oof_logits(xl, y, sl, gl, c=c, seed=0, weight=wl)
                pooled = ranking_metrics(y, oof)["roc_auc"]
                per_all = [ranking_metrics(y[sl == s], oof[sl == s])["roc_auc"] for s in sorted(set(sl))]
                per = [v for v in per_all if v is not None]
                macro = float(np.mean(per)) if per else None
                out[lab][f"{wmode}:C={c}"] = {"pooled": pooled, "macro": macro}
                print(lab, wmode, c, pooled, None if macro is None else round(macro, 4), flush=True)
        (args.work / "sweep.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
