"""End-to-end fine-tuning of MiniLM + eight heads with the masked multi-label BCE.

Only rows' KNOWN labels contribute to the loss: loss = sum(mask * bce) / sum(mask), where
mask[i, j] = 1 when the data set of row i speaks for label j. Status: smoke-tested for a few
steps on a tiny sample on CPU; it has NOT been run long enough to ship. It writes a checkpoint
(encoder + heads) under <work>/finetune/ and never touches the shipped bundle.

    python -m models.training.train --mode finetune --max-per-source 40 --steps 5 --batch-size 8
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time

import numpy as np

from models.training.sources import LABELS, Row

log = logging.getLogger("safechat.finetune")


def _arrays(rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    y = np.zeros((len(rows), len(LABELS)), np.float32)
    m = np.zeros((len(rows), len(LABELS)), np.float32)
    for i, r in enumerate(rows):
        for j, lab in enumerate(LABELS):
            if lab in r.labels:
                y[i, j] = r.labels[lab]
                m[i, j] = 1.0
    return y, m


def masked_bce(logits, y, m, pos_weight=None):  # type: ignore[no-untyped-def]
    import torch

    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none", pos_weight=pos_weight)
    return (loss * m).sum() / m.sum().clamp(min=1.0)


def run(args: argparse.Namespace) -> None:
    import torch
    from tokenizers import Tokenizer
    from tqdm import tqdm

    from models.training.export import build_graph
    from models.training.train import load_all, minilm_dir, normalise_and_dedup, sample_per_source

    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    rows = load_all(args.data, seed=args.seed)
    rows, _ = normalise_and_dedup(rows)
    rows = sample_per_source(rows, cap=args.max_per_source, seed=args.seed)
    # hold out 20% of groups (offender / template / row) for a validation loss
    groups = sorted({r.group for r in rows})
    rng = random.Random(args.seed)
    val_groups = set(rng.sample(groups, max(1, len(groups) // 5)))
    train = [r for r in rows if r.group not in val_groups]
    val = [r for r in rows if r.group in val_groups]
    log.info("finetune: %d train rows, %d validation rows", len(train), len(val))

    ytr, mtr = _arrays(train)
    pos = (ytr * mtr).sum(0)
    neg = ((1 - ytr) * mtr).sum(0)
    pos_weight = torch.tensor(np.clip(neg / np.maximum(pos, 1), 1, 50), dtype=torch.float32)

    d = minilm_dir()
    model = build_graph(np.zeros((len(LABELS), 384), np.float32), np.zeros(len(LABELS), np.float32), d)
    model.train()
    tok = Tokenizer.from_file(str(d / "tokenizer.json"))
    tok.enable_truncation(args.max_length)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    opt = torch.optim.AdamW(
        [
            {"params": model.encoder.parameters(), "lr": 2e-5},
            {"params": model.heads.parameters(), "lr": 1e-3},
        ],
        weight_decay=0.01,
    )

    def batch(rs: list[Row]):  # type: ignore[no-untyped-def]
        enc = tok.encode_batch([r.text for r in rs])
        y, m = _arrays(rs)
        return (
            torch.tensor([e.ids for e in enc]),
            torch.tensor([e.attention_mask for e in enc]),
            torch.from_numpy(y),
            torch.from_numpy(m),
        )

    out = args.work / "finetune"
    out.mkdir(parents=True, exist_ok=True)
    history = []
    t0 = time.time()
    order = list(range(len(train)))
    step = 0
    bar = tqdm(total=args.steps, desc="finetune", file=sys.stderr)
    while step < args.steps:
        rng.shuffle(order)
        for b0 in range(0, len(order), args.batch_size):
            ids, am, y, m = batch([train[i] for i in order[b0 : b0 + args.batch_size]])
            loss = masked_bce(model(ids, am), y, m, pos_weight)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            history.append({"step": step, "loss": float(loss)})
            bar.update(1)
            bar.set_postfix(loss=f"{float(loss):.4f}")
            if step >= args.steps:
                break
    bar.close()
    model.eval()
    vl, vn = 0.0, 0
    with torch.inference_mode():
        for b0 in range(0, len(val), 64):
            ids, am, y, m = batch(val[b0 : b0 + 64])
            vl += float(masked_bce(model(ids, am), y, m, pos_weight)) * len(y)
            vn += len(y)
    result = {"steps": step, "train_loss_first": history[0]["loss"], "train_loss_last": history[-1]["loss"],
              "val_masked_bce": vl / max(vn, 1), "seconds": round(time.time() - t0, 1)}
    log.info("finetune result: %s", result)
    model.encoder.save_pretrained(str(out / "encoder"))
    np.savez(out / "heads.npz", W=model.heads.weight.detach().numpy(), B=model.heads.bias.detach().numpy())
    (out / "history.json").write_text(json.dumps({"result": result, "history": history}, indent=1))
