"""End-to-end fine-tuning of MiniLM + eight heads with the masked multi-label BCE.

Only rows' KNOWN labels contribute to the loss: loss = sum(mask * bce) / sum(mask), where
mask[i, j] = 1 when the data set of row i speaks for label j (a set that says nothing about a
label is not a negative for it).

Validation is by SOURCE: the sets in ``VAL_SOURCES`` are never trained on; grooming
(pj_koutli2023 offender + decoy files) is split by offender, the hand-written templates by
template, and a row-level slice of Hatemoji is held out because it is the only set with enough
threat positives (an in-source slice; said so in the model card). Texts were deduplicated on the
normalised text across all sets before this split, so no text is in both sides.

    python -m models.training.train --mode finetune --rows ../artifacts/rows.jsonl \
        --train-rows 30000 --budget-min 33 --batch-size 32 --max-length 64

writes ``<work>/ft/{encoder/,heads.npz,split.json,history.json}`` and a log with tqdm progress.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

from models.training.common.paths import REPO
from models.training.common.rows import LABELS, VAL_SOURCES, Row, model_text, read_rows
from models.training.data import handwritten
from safechat.model.bundle import EMOJI_WORDS_FILE
from safechat.model.emoji_words import EmojiWords

log = logging.getLogger("safechat.finetune")

GROUP_SPLIT = {"pj_offender": 0.2, "pj_decoy": 0.2, "handwritten": 0.25, "hatemoji_build": 0.3}


def _arrays(rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    y = np.zeros((len(rows), len(LABELS)), np.float32)
    m = np.zeros((len(rows), len(LABELS)), np.float32)
    for i, r in enumerate(rows):
        for j, lab in enumerate(LABELS):
            if lab in r.labels:
                y[i, j] = r.labels[lab]
                m[i, j] = 1.0
    return y, m


def masked_bce(
    logits: torch.Tensor, y: torch.Tensor, m: torch.Tensor, pos_weight: torch.Tensor | None = None
) -> torch.Tensor:
    import torch

    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        logits, y, reduction="none", pos_weight=pos_weight
    )
    return (loss * m).sum() / m.sum().clamp(min=1.0)


def held_sources(train_sources: str = "") -> tuple[str, ...]:
    """The VAL_SOURCES still held out when the comma-separated ``train_sources`` are trained on.

    Raises:
        ValueError: a name that is not one of VAL_SOURCES.
    """
    moved = {s.strip() for s in train_sources.split(",") if s.strip()}
    unknown = moved - set(VAL_SOURCES)
    if unknown:
        raise ValueError(f"--train-sources: {sorted(unknown)} are not validation sources {VAL_SOURCES}")
    return tuple(s for s in VAL_SOURCES if s not in moved)


def split(rows: list[Row], *, seed: int, held: tuple[str, ...] = VAL_SOURCES) -> tuple[list[Row], list[Row]]:
    """(train, validation): whole ``held`` sources, plus a group-level slice of GROUP_SPLIT sources.
    pj offender and decoy files of one offender share a group, so one offender is on one side."""
    rng = random.Random(seed)
    groups: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.source in GROUP_SPLIT:
            groups[r.source].add(r.group)
    val_groups: set[str] = set()
    pj = sorted(groups["pj_offender"] | groups["pj_decoy"])
    val_groups |= set(rng.sample(pj, int(len(pj) * GROUP_SPLIT["pj_offender"])))
    for s in ("handwritten", "hatemoji_build"):
        g = sorted(groups[s])
        val_groups |= set(rng.sample(g, int(len(g) * GROUP_SPLIT[s])))
    train, val = [], []
    for r in rows:
        if r.source in held or (r.source in GROUP_SPLIT and r.group in val_groups):
            val.append(r)
        else:
            train.append(r)
    return train, val


CROSS_NEGATIVES = {  # a positive for the key label is a negative for these labels when its set is silent
    "self_harm": ("threat", "sexual", "bullying", "hate"),
    "threat": ("self_harm",),
}


def impute_cross(rows: list[Row]) -> list[Row]:
    """A self-harm disclosure is neither a threat against others, sexual content, bullying nor hate;
    a threat against others is not self-harm: add those negatives where the set is silent."""
    out = []
    for r in rows:
        extra = {
            neg: 0
            for pos, negs in CROSS_NEGATIVES.items()
            if r.labels.get(pos) == 1
            for neg in negs
            if neg not in r.labels
        }
        out.append(Row(r.text, r.source, {**r.labels, **extra}, r.group, r.meta) if extra else r)
    return out


HANDWRITTEN_EXTRAS: tuple[tuple[str, Callable[..., list[Row]], str], ...] = (
    ("contrast", handwritten.generate_contrast, "group hate and talk about hate"),
    ("swearing", handwritten.generate_swearing, "swearing with and without a target"),
    ("slurs", handwritten.generate_slurs, "identity slur"),
)
"""Training-only hand-written rows added by the flag of the same name (`--contrast N` ...), in order:
flag, generator, what the log calls them."""


def as_model_text(rows: list[Row]) -> list[Row]:
    """``rows`` with their text normalised as the runtime normalises it (hand-written rows)."""
    return [Row(model_text(r.text), r.source, r.labels, r.group) for r in rows]


def balanced_sample(rows: list[Row], *, n: int, seed: int) -> list[Row]:
    """About ``n`` rows: each source gets an equal share (small sources whole, their leftover
    redistributed); within a source, positives first up to half of its share."""
    rng = random.Random(seed)
    by_src: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_src[r.source].append(r)
    srcs = sorted(by_src, key=lambda s: len(by_src[s]))
    out: list[Row] = []
    left = n
    for i, s in enumerate(srcs):
        share = left // (len(srcs) - i)
        rs = by_src[s][:]
        rng.shuffle(rs)
        pos = [r for r in rs if any(v == 1 for v in r.labels.values())]
        neg = [r for r in rs if not any(v == 1 for v in r.labels.values())]
        k_pos = min(len(pos), max(share // 2, share - len(neg)))
        take = pos[:k_pos] + neg[: share - k_pos]
        out += take
        left -= len(take)
    rng.shuffle(out)
    return out


def emoji_words(out: Path) -> EmojiWords:
    """Write the emoji table to ``out/emoji_words.json`` (ship_finetuned copies it into the
    bundle) and return it: training then reads each emoji as its name, as the runtime will."""
    from models.training.data.emoji_table import write

    log.info("emoji table: %d entries in %s", write(out / EMOJI_WORDS_FILE), out / EMOJI_WORDS_FILE)
    return EmojiWords.load(out / EMOJI_WORDS_FILE)


def length_batches(rows: list[Row], lengths: list[int], *, batch_size: int, seed: int) -> list[list[int]]:
    """Random batches with similar lengths (sorted inside pools of 50 batches): less padding."""
    rng = random.Random(seed)
    idx = list(range(len(rows)))
    rng.shuffle(idx)
    pool = batch_size * 50
    batches = []
    for p0 in range(0, len(idx), pool):
        chunk = sorted(idx[p0 : p0 + pool], key=lambda i: lengths[i])
        batches += [chunk[b : b + batch_size] for b in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def encoder_groups(encoder, lr: float, *, decay: float, freeze_embeddings: bool) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """Optimiser groups for the encoder: layer i of n gets ``lr * decay ** (n - 1 - i)`` (layer-wise
    decay: lower layers move less; 1.0 = one rate for all), the embeddings ``lr * decay ** n``, or
    none at all when ``freeze_embeddings`` (their weights then stay the pretrained ones)."""
    layers = list(encoder.encoder.layer)
    n = len(layers)
    groups = [
        {"params": list(layer.parameters()), "lr": lr * decay ** (n - 1 - i)}
        for i, layer in enumerate(layers)
    ]
    embeddings = list(encoder.embeddings.parameters())
    if freeze_embeddings:
        for p in embeddings:
            p.requires_grad_(False)
    else:
        groups.append({"params": embeddings, "lr": lr * decay**n})
    rest = [
        p for name, p in encoder.named_parameters() if not name.startswith(("embeddings.", "encoder.layer."))
    ]
    if rest:
        groups.append({"params": rest, "lr": lr})
    return groups


def run(args: argparse.Namespace) -> None:
    import torch
    from tokenizers import Tokenizer
    from tqdm import tqdm

    from models.training.common.paths import minilm_dir
    from models.training.export.graph import build_graph

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    if args.rows and Path(args.rows).exists():
        rows = read_rows(Path(args.rows))
        log.info("rows from cache %s: %d", args.rows, len(rows))
    else:
        from models.training.data.rows import english_rows

        rows, _ = english_rows(args.data, cap=args.max_per_source, seed=args.seed)
    held = held_sources(getattr(args, "train_sources", ""))
    if getattr(args, "val_rows", ""):
        # a fixed validation set from an earlier run: drop from training every row of a
        # validation source, every text in it and every offender/template group in it
        val = [r for r in read_rows(Path(args.val_rows)) if r.source in held or r.source not in VAL_SOURCES]
        vkeys = {" ".join(r.text.casefold().split()) for r in val}
        vgroups = {r.group for r in val if r.source in GROUP_SPLIT}
        train_all = [
            r
            for r in rows
            if r.source not in held
            and r.group not in vgroups
            and " ".join(r.text.casefold().split()) not in vkeys
        ]
        log.info(
            "fixed validation rows from %s: %d; %d training rows left",
            args.val_rows,
            len(val),
            len(train_all),
        )
    else:
        train_all, val = split(rows, seed=args.seed, held=held)
    if getattr(args, "benign", 0):
        # hand-written benign counter-examples (identity terms used kindly, friendly trash talk,
        # children talking about being bullied), repeated --benign times; training only
        benign = as_model_text(handwritten.generate_benign(seed=args.seed))
        test_list = REPO / "tests/data/neutral_sentences.txt"
        if test_list.exists():  # the neutral list is a held-out test: never train on its sentences
            neutral = {
                " ".join(model_text(t).casefold().split())
                for t in test_list.read_text(encoding="utf-8").splitlines()
                if t.strip() and not t.startswith("#")
            }
            benign = [r for r in benign if " ".join(r.text.casefold().split()) not in neutral]
        train_all = train_all + benign * int(args.benign)
        log.info("added %d hand-written benign rows x %d", len(benign), int(args.benign))
    for flag, generate, what in HANDWRITTEN_EXTRAS:
        times = int(getattr(args, flag, 0) or 0)
        if times:
            extra = as_model_text(generate(seed=args.seed))
            train_all = train_all + extra * times
            log.info("added %d hand-written %s rows x %d", len(extra), what, times)
    childchat_times = int(getattr(args, "childchat", 0) or 0)
    if childchat_times:
        # children's chat: the dev lines of the model's folds (never the test split, never the
        # folds that fit the bank combination and the policy)
        from models.training.data import childchat

        chat = childchat.model_rows()
        train_all = train_all + chat * childchat_times
        log.info(
            "added %d children's chat dev rows (folds %s) x %d",
            len(chat),
            sorted(childchat.MODEL_FOLDS),
            childchat_times,
        )
    if getattr(args, "impute_cross", False):
        train_all = impute_cross(train_all)
    train = balanced_sample(train_all, n=args.train_rows, seed=args.seed)
    out = args.work / (getattr(args, "ft_name", "") or "ft")
    out.mkdir(parents=True, exist_ok=True)
    with (out / "val_rows.jsonl").open("w", encoding="utf-8") as fh:
        for r in val:
            fh.write(
                json.dumps({"text": r.text, "source": r.source, "labels": r.labels, "group": r.group}) + "\n"
            )
    counts = {
        "train_available": dict(Counter(r.source for r in train_all)),
        "train_used": dict(Counter(r.source for r in train)),
        "val": dict(Counter(r.source for r in val)),
        "val_sources": list(held),
        "group_split": GROUP_SPLIT,
    }
    ytr, mtr = _arrays(train)
    counts["train_label_pos"] = {lab: int((ytr[:, j] * mtr[:, j]).sum()) for j, lab in enumerate(LABELS)}
    counts["train_label_known"] = {lab: int(mtr[:, j].sum()) for j, lab in enumerate(LABELS)}
    counts["train_label_pos_by_source"] = {
        lab: dict(Counter(r.source for r in train if r.labels.get(lab) == 1)) for lab in LABELS
    }
    counts["train_label_neg_by_source"] = {
        lab: dict(Counter(r.source for r in train if r.labels.get(lab) == 0)) for lab in LABELS
    }
    (out / "split.json").write_text(json.dumps(counts, indent=1))
    log.info(
        "finetune: %d train rows (of %d available), %d validation rows", len(train), len(train_all), len(val)
    )
    log.info("train label positives/known: %s / %s", counts["train_label_pos"], counts["train_label_known"])

    pos = (ytr * mtr).sum(0)
    neg = ((1 - ytr) * mtr).sum(0)
    pos_weight = torch.tensor(np.clip(neg / np.maximum(pos, 1), 1, 10), dtype=torch.float32)
    log.info("pos_weight %s", dict(zip(LABELS, pos_weight.tolist(), strict=True)))

    d = minilm_dir()
    model = build_graph(np.zeros((len(LABELS), 384), np.float32), np.zeros(len(LABELS), np.float32), d)
    torch.nn.init.normal_(model.heads.weight, std=0.02)
    model.train()
    tok = Tokenizer.from_file(str(d / "tokenizer.json"))
    tok.enable_truncation(args.max_length)
    tok.no_padding()
    describe = emoji_words(out) if getattr(args, "emoji_words", False) else None
    encs = tok.encode_batch([describe(r.text) if describe else r.text for r in train])
    lengths = [len(e.ids) for e in encs]
    log.info("mean tokens %.1f (max_length %d)", float(np.mean(lengths)), args.max_length)
    batches = length_batches(train, lengths, batch_size=args.batch_size, seed=args.seed)
    if args.steps and args.steps < len(batches):
        batches = batches[: args.steps]
    total = len(batches)
    opt = torch.optim.AdamW(
        [
            *encoder_groups(
                model.encoder,
                args.lr_encoder,
                decay=getattr(args, "layer_decay", 1.0),
                freeze_embeddings=getattr(args, "freeze_embeddings", False),
            ),
            {"params": model.heads.parameters(), "lr": args.lr_head},
        ],
        weight_decay=0.01,
    )
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )

    def tensors(idx: list[int]):  # type: ignore[no-untyped-def]
        L = max(lengths[i] for i in idx)
        ids = np.zeros((len(idx), L), np.int64)
        am = np.zeros((len(idx), L), np.int64)
        for k, i in enumerate(idx):
            ids[k, : lengths[i]] = encs[i].ids
            am[k, : lengths[i]] = 1
        y, m = _arrays([train[i] for i in idx])
        return torch.from_numpy(ids), torch.from_numpy(am), torch.from_numpy(y), torch.from_numpy(m)

    history = []
    t0 = time.time()
    bar = tqdm(total=total, desc="finetune", file=sys.stderr, mininterval=10)
    ema = None
    for step, idx in enumerate(batches, 1):
        ids, am, y, m = tensors(idx)
        loss = masked_bce(model(ids, am), y, m, pos_weight)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        history.append({"step": step, "loss": round(loss.item(), 5), "t": round(time.time() - t0, 1)})
        bar.update(1)
        bar.set_postfix(loss=f"{ema:.4f}")
        if step % 100 == 0:
            log.info(
                "step %d/%d loss(ema) %.4f  %.1f s/1000 rows",
                step,
                total,
                ema,
                (time.time() - t0) / (step * args.batch_size) * 1000,
            )
        if args.budget_min and time.time() - t0 > args.budget_min * 60:
            log.warning(
                "time budget of %.0f min reached at step %d/%d: stopping", args.budget_min, step, total
            )
            break
    bar.close()
    model.eval()
    result = {
        "steps": step,
        "planned_steps": total,
        "rows_seen": step * args.batch_size,
        "seconds": round(time.time() - t0, 1),
        "loss_first_100": float(np.mean([h["loss"] for h in history[:100]])),
        "loss_last_100": float(np.mean([h["loss"] for h in history[-100:]])),
        "lr_encoder": args.lr_encoder,
        "lr_head": args.lr_head,
        "batch_size": args.batch_size,
        "layer_decay": getattr(args, "layer_decay", 1.0),
        "freeze_embeddings": getattr(args, "freeze_embeddings", False),
        "max_length": args.max_length,
        "seed": args.seed,
    }
    log.info("finetune result: %s", result)
    model.encoder.save_pretrained(str(out / "encoder"))
    tok_src = d / "tokenizer.json"
    (out / "encoder" / "tokenizer.json").write_bytes(tok_src.read_bytes())
    np.savez(out / "heads.npz", W=model.heads.weight.detach().numpy(), B=model.heads.bias.detach().numpy())
    (out / "history.json").write_text(json.dumps({"result": result, "history": history}, indent=1))


def bench(args: argparse.Namespace) -> None:
    """Seconds per 1000 training rows on a few batches (for sizing --train-rows)."""
    import torch
    from tokenizers import Tokenizer

    from models.training.common.paths import minilm_dir
    from models.training.export.graph import build_graph

    torch.set_num_threads(args.threads)
    rows = read_rows(Path(args.rows))
    train, _ = split(rows, seed=args.seed)
    sample = balanced_sample(train, n=args.batch_size * 8, seed=args.seed)
    d = minilm_dir()
    model = build_graph(np.zeros((8, 384), np.float32), np.zeros(8, np.float32), d).train()
    tok = Tokenizer.from_file(str(d / "tokenizer.json"))
    tok.enable_truncation(args.max_length)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5)
    ts = []
    for b in range(0, len(sample), args.batch_size):
        enc = tok.encode_batch([r.text for r in sample[b : b + args.batch_size]])
        ids = torch.tensor([e.ids for e in enc])
        am = torch.tensor([e.attention_mask for e in enc])
        y, m = _arrays(sample[b : b + args.batch_size])
        t = time.time()
        loss = masked_bce(model(ids, am), torch.from_numpy(y), torch.from_numpy(m))
        opt.zero_grad()
        loss.backward()
        opt.step()
        ts.append(time.time() - t)
        print(f"batch {b // args.batch_size}: seq {ids.shape[1]}  {ts[-1]:.2f}s", flush=True)
    per = np.mean(ts[1:]) / args.batch_size * 1000
    print(f"~{per:.1f} s per 1000 rows (unsorted batches)")
