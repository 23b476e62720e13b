"""Train the safechat-en-minilm classifier and write the model bundle.

    python -m models.training.train --data ../shared/data --out models/safechat-en-minilm \
        [--mode frozen|finetune] [--max-per-source 4000] [--seed 0] [--work ../artifacts]

mode ``frozen`` (the shipped bundle): the all-MiniLM-L6-v2 encoder is frozen; mean-pooled
embeddings of the normalised text are computed once (cached under --work) and one logistic
head per label is trained on the rows whose data set speaks for that label (masked loss).
Evaluation: out-of-source predictions for every row (leave-one-source-out where the other
sources still hold both classes, else grouped 5-fold CV: by offender for grooming, by template
for the hand-written sets); Platt calibration is fitted on those out-of-source logits and
applied to the head trained on all rows (CalibratedClassifierCV(ensemble=False) style).

mode ``finetune``: end-to-end fine-tuning of MiniLM with masked multi-label BCE (see
``finetune.py``); only smoke-tested on tiny samples so far.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from models.training.common.bundle_files import platt, ranking_metrics
from models.training.common.paths import minilm_dir
from models.training.common.rows import LABELS
from models.training.data.rows import english_rows, write_rows

log = logging.getLogger("safechat.train")


# ---------------------------------------------------------------- embeddings
def int8_embedder(work: Path) -> Path:
    """The shipped encoder + pooling, quantised exactly as the bundle's graph (identity head)."""
    from models.training.export import graph as export

    path = work / "embedder_int8.onnx"
    if not path.exists():
        eye = np.eye(384, dtype=np.float32)
        graph = export.build_graph(eye, np.zeros(384, np.float32), minilm_dir())
        export.export_onnx(graph, work / "embedder_fp32.onnx")
        export.quantise(work / "embedder_fp32.onnx", path)
    return path


def embed_int8(texts: list[str], *, work: Path, max_length: int, batch: int = 64) -> np.ndarray:
    """Embeddings from the int8 encoder that ships in model.onnx (what the heads see at run
    time), cached under ``work`` in chunks."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    batch = 1  # dynamic int8: activation scales depend on the whole input tensor
    key = "\n".join(texts) + f"|{max_length}|int8|b1-unpadded"

    def embedder() -> tuple[np.ndarray, Callable[[list[str]], np.ndarray]]:
        so = ort.SessionOptions()
        so.intra_op_num_threads = 2
        sess = ort.InferenceSession(str(int8_embedder(work)), so, providers=["CPUExecutionProvider"])
        tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
        tok.enable_truncation(max_length)
        tok.no_padding()  # as safechat.model.onnx_scorer: one message per run, no padding
        order = np.argsort([len(e.ids) for e in tok.encode_batch(texts)], kind="stable")

        def run(part: list[str]) -> np.ndarray:
            enc = tok.encode_batch(part)
            feed = {
                "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            }
            logits: np.ndarray = sess.run(["logits"], feed)[0]
            return logits

        return order, run

    return _embed_in_chunks(texts, key=key, work=work, batch=batch, what="int8", embedder=embedder)


def embed(texts: list[str], *, work: Path, max_length: int, batch: int = 64) -> np.ndarray:
    """Mean-pooled fp32 MiniLM embeddings (float32, [n, 384]) cached under ``work``."""
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel

    def embedder() -> tuple[np.ndarray, Callable[[list[str]], np.ndarray]]:
        torch.set_num_threads(2)
        model = BertModel.from_pretrained(str(minilm_dir())).eval()
        tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
        tok.enable_truncation(max_length)
        tok.no_padding()
        order = np.argsort([len(e.ids) for e in tok.encode_batch(texts)], kind="stable")
        tok.enable_padding(pad_id=0, pad_token="[PAD]")

        def run(part: list[str]) -> np.ndarray:
            enc = tok.encode_batch(part)
            ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
            am = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
            with torch.inference_mode():
                hs = model(input_ids=ids, attention_mask=am).last_hidden_state
                m = am.unsqueeze(-1).to(hs.dtype)
                pooled: np.ndarray = ((hs * m).sum(1) / m.sum(1).clamp(min=1e-9)).numpy()
            return pooled

        return order, run

    return _embed_in_chunks(
        texts, key="\n".join(texts) + f"|{max_length}", work=work, batch=batch, what="", embedder=embedder
    )


def _embed_in_chunks(
    texts: list[str],
    *,
    key: str,
    work: Path,
    batch: int,
    what: str,
    embedder: Callable[[], tuple[np.ndarray, Callable[[list[str]], np.ndarray]]],
) -> np.ndarray:
    """``texts`` embedded ([n, 384] float32), cached under ``work`` by the sha256 of ``key``: the
    whole result, and each chunk of 4,096 texts (in the length order ``embedder`` gives, with the
    function that embeds a batch) as it is done, so a cut-off run resumes. ``embedder`` is called
    only when the whole result is not cached; ``what`` names the encoder in the log."""
    from tqdm import tqdm

    h = hashlib.sha256(key.encode()).hexdigest()[:16]
    path = work / f"emb_{h}.npy"
    named = f" ({what})" if what else ""
    if path.exists():
        log.info("%sembeddings from cache %s", f"{what} " if what else "", path)
        cached: np.ndarray = np.load(path)
        return cached
    chunk_dir = work / f"emb_{h}_chunks"
    chunk_dir.mkdir(parents=True, exist_ok=True)
    order, run = embedder()
    out = np.zeros((len(texts), 384), dtype=np.float32)
    chunk, t0 = 4096, time.time()
    desc = f"embed {what} chunks" if what else "embed chunks"
    for c0 in tqdm(range(0, len(texts), chunk), desc=desc, file=sys.stderr):
        idx = order[c0 : c0 + chunk]
        cp = chunk_dir / f"{c0:07d}.npy"
        if cp.exists():
            out[idx] = np.load(cp)
            continue
        part = np.zeros((len(idx), 384), dtype=np.float32)
        for b0 in range(0, len(idx), batch):
            done_part = run([texts[i] for i in idx[b0 : b0 + batch]])
            part[b0 : b0 + len(done_part)] = done_part
        np.save(cp, part)
        out[idx] = part
        done = min(c0 + chunk, len(texts))
        log.info("embedded%s %d/%d (%.0f texts/s)", named, done, len(texts), done / (time.time() - t0 + 1e-9))
    np.save(path, out)
    return out


# ---------------------------------------------------------------- heads and evaluation
def source_weights(y: np.ndarray, src: np.ndarray, mode: str) -> np.ndarray | None:
    """Per-row weights: 'none' -> None (class-balanced only); 'sqrt' -> each (source, class)
    cell weighs sqrt(n_cell) in total, so large sources dominate less."""
    if mode == "none":
        return None
    w = np.ones(len(y))
    for s in set(src):
        for c in (0, 1):
            m = (src == s) & (y == c)
            if m.any():
                w[m] = 1.0 / np.sqrt(m.sum())
    weights: np.ndarray = w * len(y) / w.sum()
    return weights


def fit_head(x: np.ndarray, y: np.ndarray, *, c: float, seed: int, weight: np.ndarray | None = None):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=seed)
    clf.fit(x, y, sample_weight=weight)
    return clf


def grouped_cv_logits(
    x: np.ndarray, y: np.ndarray, grp: np.ndarray, *, c: float, seed: int, weight: np.ndarray | None
) -> np.ndarray:
    """Grouped 5-fold CV over all sources together (rows held out, sources seen)."""
    from sklearn.model_selection import GroupKFold

    oof = np.full(len(y), np.nan)
    for tr, te in GroupKFold(n_splits=5).split(x, y, groups=grp):
        if len(set(y[tr])) == 2:
            clf = fit_head(x[tr], y[tr], c=c, seed=seed, weight=None if weight is None else weight[tr])
            oof[te] = clf.decision_function(x[te])
    return oof


def oof_logits(
    x: np.ndarray,
    y: np.ndarray,
    src: np.ndarray,
    grp: np.ndarray,
    *,
    c: float,
    seed: int,
    weight: np.ndarray | None = None,
    min_class: int = 20,
) -> tuple[np.ndarray, dict[str, str]]:
    """Out-of-source logits for each row: leave-one-source-out where possible, else grouped
    5-fold CV over the remaining (non-LOSO) sources."""
    from sklearn.model_selection import GroupKFold

    oof = np.full(len(y), np.nan)
    scheme: dict[str, str] = {}
    sources = sorted(set(src))
    grp_src: dict[str, set[str]] = defaultdict(set)
    for g, s in zip(grp, src, strict=True):
        grp_src[g].add(s)
    shared = {s for g, ss in grp_src.items() if len(ss) > 1 for s in ss}
    cv_sources = []
    for s in sources:
        rest = src != s
        if s not in shared and (y[rest] == 1).sum() >= min_class and (y[rest] == 0).sum() >= min_class:
            clf = fit_head(x[rest], y[rest], c=c, seed=seed, weight=None if weight is None else weight[rest])
            oof[~rest] = clf.decision_function(x[~rest])
            scheme[s] = "leave-source-out"
        else:
            cv_sources.append(s)
    if cv_sources:
        in_cv = np.isin(src, cv_sources)
        idx = np.where(in_cv)[0]
        n_splits = min(5, len(set(grp[idx])))
        for _tr_i, te_i in GroupKFold(n_splits=n_splits).split(idx, groups=grp[idx]):
            te = idx[te_i]
            train_mask = np.ones(len(y), bool)
            train_mask[te] = False
            if len(set(y[train_mask])) < 2:
                continue
            clf = fit_head(
                x[train_mask],
                y[train_mask],
                c=c,
                seed=seed,
                weight=None if weight is None else weight[train_mask],
            )
            oof[te] = clf.decision_function(x[te])
        for s in cv_sources:
            scheme[s] = (
                "grouped-5-fold ("
                + (
                    "by offender"
                    if s.startswith("pj_")
                    else "by template"
                    if s == "handwritten"
                    else "by group"
                )
                + ", within "
                + "+".join(cv_sources)
                + ")"
            )
    return oof, scheme


def train_frozen(args: argparse.Namespace) -> None:
    work: Path = args.work
    rows, dstats = english_rows(args.data, cap=args.max_per_source, seed=args.seed)
    texts = [r.text for r in rows]
    write_rows(rows, work / "rows.jsonl")
    if args.embedder == "int8":
        x_raw = embed_int8(texts, work=work, max_length=args.max_length)
    else:
        x_raw = embed(texts, work=work, max_length=args.max_length)
    # all-MiniLM-L6-v2 has a few dead output dimensions (std ~ 0): they carry no signal, and
    # dividing by their std would give huge head weights that int8 quantisation noise explodes.
    mu, std = x_raw.mean(0), x_raw.std(0)
    live = std > 1e-3
    sd = np.where(live, std, 1.0)
    x = np.where(live, (x_raw - mu) / sd, 0.0).astype(np.float32)
    log.info("embedding dims: %d live, %d dead (ignored)", int(live.sum()), int((~live).sum()))
    src = np.array([r.source for r in rows])
    grp = np.array([r.group or f"row{i}" for i, r in enumerate(rows)])

    report: dict[str, object] = {
        "rows": len(rows),
        "dedup": dstats,
        "max_length": args.max_length,
        "C": args.c,
        "embedder": args.embedder,
        "source_weighting": args.source_weighting,
        "labels": {},
    }
    W = np.zeros((len(LABELS), x.shape[1]), np.float32)
    B = np.zeros(len(LABELS), np.float32)
    calib: dict[str, dict[str, float]] = {}
    for j, lab in enumerate(LABELS):
        known = np.array([lab in r.labels for r in rows])
        y = np.array([r.labels.get(lab, -1) for r in rows])[known]
        xl, sl, gl = x[known], src[known], grp[known]
        t = time.time()
        wl = source_weights(y, sl, args.source_weighting)
        oof, scheme = oof_logits(xl, y, sl, gl, c=args.c, seed=args.seed, weight=wl)
        cv = grouped_cv_logits(xl, y, gl, c=args.c, seed=args.seed, weight=wl)
        clf = fit_head(xl, y, c=args.c, seed=args.seed, weight=wl)
        # Platt on the out-of-source logits; where those do not rank at all (pooled ROC-AUC < 0.65,
        # i.e. the sources disagree on where a label starts), on the grouped-CV logits instead.
        pooled = ranking_metrics(y, oof)
        a, b = platt(oof, y)
        calib_on = "out-of-source (leave-source-out / grouped CV)"
        if (pooled["roc_auc"] or 0) < 0.65 or a <= 0.05:
            a, b = platt(cv, y)
            calib_on = "grouped 5-fold CV over all sources (out-of-source logits did not rank well enough)"
        calib[lab] = {"a": a, "b": b}
        # fold the standardisation into the head: w.(e-mu)/sd + b0
        coef = np.where(live, clf.coef_[0], 0.0)
        W[j] = coef / sd
        B[j] = float(clf.intercept_[0] - (coef * mu / sd).sum())
        per_src = {}
        for s in sorted(set(sl)):
            m = sl == s
            ok = m & ~np.isnan(oof)
            prob = 1 / (1 + np.exp(-(a * oof[ok] + b)))
            flags = {
                f"flag_rate_at_0.5_{n}": (
                    round(float((prob[y[ok] == c] >= 0.5).mean()), 4) if (y[ok] == c).any() else None
                )
                for n, c in (("neg", 0), ("pos", 1))
            }
            per_src[s] = {
                **ranking_metrics(y[m], oof[m]),
                **flags,
                "eval": scheme[s],
                "contribution": {"rows": int(m.sum()), "pos": int(y[m].sum())},
            }
        entry = {
            "pooled_out_of_source": pooled,
            "in_source_grouped_cv": ranking_metrics(y, cv),
            "per_source": per_src,
            "platt": calib[lab],
            "calibrated_on": calib_on,
        }
        if lab == "grooming":
            pj = np.isin(sl, ["pj_offender", "pj_decoy"])
            entry["pj_offender_vs_decoy"] = ranking_metrics(y[pj], oof[pj])
        report["labels"][lab] = entry  # type: ignore[index]
        log.info(
            "%-9s rows=%d pos=%d pooled=%s  (%.0fs)",
            lab,
            len(y),
            int(y.sum()),
            entry["pooled_out_of_source"],
            time.time() - t,
        )
    src_counts = Counter(src)
    report["source_rows"] = dict(sorted(src_counts.items()))
    np.savez(work / "heads.npz", W=W, B=B, mu=mu, sd=sd, live=live)
    (work / "metrics.json").write_text(json.dumps(report, indent=1))
    (work / "calibration.json").write_text(json.dumps({"method": "platt", "labels": calib}, indent=1))
    # sanity: folded head on raw embeddings == sklearn on standardised
    log.info("wrote heads, metrics and calibration under %s", work)

    from models.training.export import graph as export

    export.build_bundle(
        out=args.out,
        heads=work / "heads.npz",
        calibration=work / "calibration.json",
        metrics=work / "metrics.json",
        work=work,
        sample_texts=texts[:: max(1, len(texts) // args.check_texts)][: args.check_texts],
    )


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--out", type=Path, default=Path("models/safechat-en-minilm"))
    p.add_argument("--mode", choices=["frozen", "finetune"], default="frozen")
    p.add_argument("--max-per-source", type=int, default=4000)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument(
        "--embedder",
        choices=["int8", "fp32"],
        default="int8",
        help="frozen: train heads on the int8 (shipped) or fp32 encoder",
    )
    p.add_argument("--source-weighting", choices=["none", "sqrt"], default="none")
    p.add_argument("--c", type=float, default=0.01, help="inverse L2 strength of the logistic heads")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--work", type=Path, default=Path("../artifacts"))
    p.add_argument(
        "--steps",
        type=int,
        default=0,
        help="finetune: cap on optimiser steps (0: one pass over --train-rows)",
    )
    p.add_argument("--batch-size", type=int, default=32, help="finetune: batch size")
    p.add_argument(
        "--rows",
        type=str,
        default="",
        help="finetune: cached rows.jsonl written by the frozen run (skips loading)",
    )
    p.add_argument(
        "--train-rows", type=int, default=30000, help="finetune: size of the balanced training sample"
    )
    p.add_argument(
        "--budget-min", type=float, default=0.0, help="finetune: stop after this many minutes (0: no limit)"
    )
    p.add_argument("--lr-encoder", type=float, default=5e-5)
    p.add_argument("--lr-head", type=float, default=1e-3)
    p.add_argument(
        "--layer-decay", type=float, default=1.0, help="finetune: layer-wise learning-rate decay (1.0: none)"
    )
    p.add_argument(
        "--freeze-embeddings", action="store_true", help="finetune: keep the pretrained embeddings"
    )
    p.add_argument("--threads", type=int, default=2)
    p.add_argument(
        "--val-rows",
        type=str,
        default="",
        help="finetune: fixed validation rows (jsonl) from an earlier split",
    )
    p.add_argument(
        "--train-sources",
        type=str,
        default="",
        help="finetune: comma-separated validation sources to train on instead (they leave validation)",
    )
    p.add_argument("--ft-name", type=str, default="ft", help="finetune: output folder under --work")
    p.add_argument(
        "--benign",
        type=int,
        default=0,
        help="finetune: repeat the hand-written benign counter-examples this many times (0: none)",
    )
    p.add_argument(
        "--swearing",
        type=int,
        default=0,
        help="finetune: repeat the hand-written swearing rows (with and without a target) this many times "
        "(0: none)",
    )
    p.add_argument(
        "--slurs",
        type=int,
        default=0,
        help="finetune: repeat the hand-written slur rows (group hate, and reported by a child) this many "
        "times (0: none)",
    )
    p.add_argument(
        "--contrast",
        type=int,
        default=0,
        help="finetune: repeat the hand-written group-hate contrast rows this many times (0: none)",
    )
    p.add_argument(
        "--childchat",
        type=int,
        default=0,
        help="finetune: repeat the children's chat dev rows of the model's folds this many times (0: none)",
    )
    p.add_argument(
        "--impute-cross",
        action="store_true",
        help="finetune: self_harm=1 -> threat/sexual/bullying/hate=0, threat=1 -> self_harm=0 where unknown",
    )
    p.add_argument(
        "--emoji-words",
        action="store_true",
        help="finetune: write each emoji as its name (the bundle ships the table)",
    )
    p.add_argument("--bench", action="store_true", help="finetune: only time a few batches")
    p.add_argument(
        "--check-texts",
        type=int,
        default=512,
        help="frozen: texts scored by torch, the fp32 and the int8 graph to check the export",
    )
    args = p.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[
            logging.StreamHandler(sys.stderr),
            logging.FileHandler(args.work / f"train_{args.mode}.log"),
        ],
    )
    random.seed(args.seed)
    np.random.seed(args.seed)
    t = time.time()
    if args.mode == "frozen":
        train_frozen(args)
    else:
        from models.training.train import finetune

        finetune.bench(args) if args.bench else finetune.run(args)
    log.info("done in %.1f min", (time.time() - t) / 60)


if __name__ == "__main__":
    main()
