"""Leave-one-source-out fine-tunes over the held-out validation sets.

The shipped recipe holds out all of ``finetune.VAL_SOURCES`` at once. This module asks the
question the other way round: for each of those sets, fine-tune the same recipe on everything
else, the other validation sets included, and score the left-out set through the runtime path.
Next to the model that held out all five, it tells whether more kinds of data transfer to a
platform the model never saw.

    python -m models.training.experiments.loso --data ../shared/data --work ../artifacts \\
        --val-rows ../artifacts/ft/val_rows.jsonl \\
        --reference shipped=../artifacts/ft_soup --reference seed0=../artifacts/ft_s0

Each fine-tune is the shipped recipe (``RECIPE``) with ``--train-sources`` naming the other four
sets and ``--train-rows 70000``, enough that no source is sampled down (the shipped recipe's
50,000 rows hold the 16 training sets whole; with four more sets they would be cut). A finished
fine-tune (``<work>/ft_loso_<set>/heads.npz``) and its scores are reused, so an interrupted run
resumes. References are fine-tune folders already scored by ``ship_finetuned`` (their
``<work>/<name>_val_scores.npz``); their scores on the same rows sit in the table.

Writes ``<work>/loso_finetune.json``, which ``ship_finetuned --loso-ft`` puts into the model card.
About 13 min of training and 1 min of scoring per set on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import sys
from pathlib import Path

import numpy as np

from models.training.common.bundle_files import ranking_metrics
from models.training.common.rows import LABELS, VAL_SOURCES, Row, read_rows

log = logging.getLogger("safechat.loso")

RECIPE = tuple(
    shlex.split(
        "--mode finetune --max-per-source 4000 --benign 4 --contrast 3 --impute-cross --emoji-words "
        "--max-length 64 --batch-size 32 --budget-min 60 --lr-encoder 5e-5 --lr-head 1e-3"
    )
)
"""The shipped fine-tune's flags (MODEL_CARD.md, "Reproduce"), less the data, split and seed."""
TRAIN_ROWS = 70000
MIN_POSITIVES = 20  # a (label, set) pair with fewer positives gets no ROC-AUC in the table


def part_name(source: str) -> str:
    return f"ft_loso_{source}"


def train_without(source: str, args: argparse.Namespace) -> Path:
    """Fine-tune on everything but ``source`` (the other validation sets included); reuse a finished one."""
    from models.training.train import frozen as train

    out: Path = args.work / part_name(source)
    if (out / "heads.npz").exists() and (out / "history.json").exists():
        log.info("%s: reusing the fine-tune in %s", source, out)
        return out
    others = ",".join(s for s in VAL_SOURCES if s != source)
    argv = [
        *RECIPE,
        "--data",
        str(args.data),
        "--work",
        str(args.work),
        "--val-rows",
        str(args.val_rows),
        "--ft-name",
        out.name,
        "--train-sources",
        others,
        "--train-rows",
        str(TRAIN_ROWS),
        "--seed",
        str(args.seed),
    ]
    if args.rows:
        argv += ["--rows", str(args.rows)]
    log.info("%s: fine-tuning on the other sets (%s)", source, others)
    train.main(argv)
    return out


def left_out_rows(ft: Path, source: str) -> list[Row]:
    return [r for r in read_rows(ft / "val_rows.jsonl") if r.source == source]


def score_left_out(ft: Path, rows: list[Row], work: Path) -> np.ndarray:
    """Runtime-path logits of the int8 export of ``ft`` on its left-out ``rows`` (cached)."""
    from models.training.export.ship_finetuned import export, runtime_logits

    cache = work / f"{ft.name}_loso_scores.npz"
    if cache.exists():
        return np.asarray(np.load(cache)["z"])
    cand = work / f"{ft.name}_candidate"
    max_length = json.loads((ft / "history.json").read_text())["result"]["max_length"]
    export(ft, cand, work, max_length=max_length)
    z = runtime_logits(cand, [r.text for r in rows])
    np.savez(cache, z=z)
    return z


def reference_scores(ft: Path, work: Path) -> dict[tuple[str, str], np.ndarray]:
    """(text, source) -> logits of a fine-tune already scored by ship_finetuned on its validation rows."""
    z = np.load(work / f"{ft.name}_val_scores.npz")["z_new"]
    return {(r.text, r.source): z[i] for i, r in enumerate(read_rows(ft / "val_rows.jsonl"))}


def label_table(rows: list[Row], columns: dict[str, np.ndarray]) -> dict[str, dict[str, object]]:
    """Per label with at least MIN_POSITIVES positives: n, pos and each column's ROC-AUC / PR-AUC."""
    from models.training.export.ship_finetuned import evaluated_rows

    out: dict[str, dict[str, object]] = {}
    for j, lab in enumerate(LABELS):
        known = evaluated_rows(rows, lab)
        y = np.array([r.labels.get(lab, 0) for r in rows])[known]
        if y.sum() < MIN_POSITIVES or y.sum() == len(y):
            continue
        cell: dict[str, object] = {"n": int(len(y)), "pos": int(y.sum())}
        for name, z in columns.items():
            s = z[known] if z.ndim == 1 else z[known, j]
            cell[name] = {k: v for k, v in ranking_metrics(y, s).items() if k in ("roc_auc", "pr_auc")}
        out[lab] = cell
    return out


def build_table(args: argparse.Namespace) -> dict[str, object]:
    from profanity_check import predict_prob

    refs = {name: reference_scores(ft, args.work) for name, ft in args.reference}
    table: dict[str, object] = {
        "seed": args.seed,
        "train_rows": TRAIN_ROWS,
        "recipe": " ".join(RECIPE),
        "references": {name: str(ft) for name, ft in args.reference},
        "sources": {},
    }
    for source in args.sources:
        ft = train_without(source, args)
        rows = left_out_rows(ft, source)
        z = score_left_out(ft, rows, args.work)
        columns = {"left_out": z}
        for name, by_key in refs.items():
            columns[name] = np.stack([by_key[(r.text, r.source)] for r in rows])
        columns["alt_profanity_check"] = np.asarray(predict_prob([r.text for r in rows]), dtype=np.float64)
        result = json.loads((ft / "history.json").read_text())["result"]
        table["sources"][source] = {  # type: ignore[index]
            "trained_on_validation_sets": sorted(s for s in VAL_SOURCES if s != source),
            "rows_trained": result["rows_seen"],
            "minutes": round(result["seconds"] / 60, 1),
            "labels": label_table(rows, columns),
        }
        log.info("%s: %s", source, json.dumps(table["sources"][source]["labels"]))  # type: ignore[index]
    return table


def _reference(text: str) -> tuple[str, Path]:
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"--reference wants NAME=FOLDER, got {text!r}")
    return name, Path(path)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--work", type=Path, default=Path("../artifacts"))
    p.add_argument(
        "--val-rows",
        type=Path,
        default=Path("../artifacts/ft/val_rows.jsonl"),
        help="the fixed validation rows of the shipped fine-tune",
    )
    p.add_argument(
        "--rows",
        type=Path,
        default=None,
        help="rows.jsonl written by `train.py --mode frozen` with the same --seed (skips loading --data)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--sources",
        type=lambda s: tuple(x for x in s.split(",") if x),
        default=VAL_SOURCES,
        help="comma-separated validation sets to leave out one at a time (default: all five)",
    )
    p.add_argument(
        "--reference",
        type=_reference,
        action="append",
        default=[],
        help="NAME=FOLDER: a fine-tune that held out all five sets, scored by ship_finetuned",
    )
    p.add_argument("--out", type=Path, default=None, help="default: <work>/loso_finetune.json")
    args = p.parse_args(argv)
    unknown = set(args.sources) - set(VAL_SOURCES)
    if unknown:
        p.error(f"--sources: {sorted(unknown)} are not validation sets {VAL_SOURCES}")
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[logging.StreamHandler(sys.stderr), logging.FileHandler(args.work / "loso_finetune.log")],
    )
    table = build_table(args)
    out = args.out or args.work / "loso_finetune.json"
    out.write_text(json.dumps(table, indent=1) + "\n")
    log.info("wrote %s", out)


if __name__ == "__main__":
    main()
