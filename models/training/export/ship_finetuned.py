"""Export a fine-tuned checkpoint as ONE int8 ONNX graph, evaluate it exactly like the runtime on
the held-out validation sources next to the current bundle and alt-profanity-check, fit Platt
calibration and choose the default policy thresholds on validation, and (only if it beats the
current bundle there) write the bundle and the policy thresholds.

    python -m models.training.export.ship_finetuned --ft ../artifacts/ft \
        --baseline ../artifacts/starter_bundle --out models/safechat-en-minilm [--write]

Validation rows (``<ft>/val_rows.jsonl``, written by ``finetune.py``) are split in two halves by
group (sha256 of the group id): the CALIBRATION half fits Platt and chooses thresholds; the REPORT
half gives the precision / recall / F1 at those thresholds. ROC-AUC / PR-AUC are over all
validation rows (they do not depend on calibration or thresholds).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any, TypedDict

import numpy as np

from models.training.common import bundle_files
from models.training.common.bundle_files import platt, ranking_metrics
from models.training.common.rows import LABELS, read_rows
from safechat.model.bundle import EMOJI_WORDS_FILE
from safechat.model.emoji_words import EmojiWords
from safechat.policy.policy import Policy
from safechat.types import AgeBand, Label

log = logging.getLogger("safechat.ship")
NAME = "safechat-en-minilm"
VERSION = "0.4.0"
BANDS = ("under_13", "13_15", "16_17", "adult")
# F-beta per band: recall-leaning for the youngest, precision-leaning for adults
BETA = {"under_13": 1.0, "13_15": 0.8, "16_17": 0.65, "adult": 0.5}
# Bounds the shipped unit tests put on the default policy (tests/unit/test_policy.py,
# tests/unit/test_calibration.py and tests/data/policy_cases.jsonl pin some default values:
# under_13 bullying 0.4, under_13 hate 0.4, 13_15 hate 0.5, adult bullying high 0.9);
# thresholds are chosen on validation INSIDE these bounds.
# (band, label) -> (min threshold, max threshold); high thresholds: (min, max)
T_BOUNDS = {
    ("under_13", "bullying"): (0.4, 0.4),
    ("adult", "bullying"): (0.31, 0.9),
    ("under_13", "hate"): (0.4, 0.4),
    ("13_15", "hate"): (0.5, 0.5),
    ("16_17", "hate"): (0.0, 0.6),
    ("adult", "hate"): (0.0, 0.6),
    ("under_13", "sexual"): (0.0, 0.5),
    ("under_13", "self_harm"): (0.0, 0.8),
    ("under_13", "profanity"): (0.0, 0.8),
}
H_BOUNDS = {
    ("under_13", "bullying"): (0.61, 0.9),
    ("adult", "bullying"): (0.9, 0.9),
    ("under_13", "hate"): (0.61, 1.0),
    ("13_15", "hate"): (0.61, 1.0),
    ("under_13", "threat"): (0.0, 0.95),
    ("adult", "threat"): (0.0, 0.95),
    ("under_13", "sexual"): (0.51, 1.0),
}
# labels whose evaluation, calibration and thresholds treat self_harm=1 rows (label unknown) as negatives
IMPUTE_FROM_SELF_HARM = ("threat", "sexual")


def evaluated_rows(rows: list[Any], lab: str) -> np.ndarray:
    """Mask of the rows ``lab`` is evaluated on: its set speaks for it, or (IMPUTE_FROM_SELF_HARM) the
    row is a self-harm disclosure whose set says nothing of it, a negative here: a self-harm
    disclosure is neither a threat against others nor sexual content."""
    return np.array(
        [lab in r.labels or (lab in IMPUTE_FROM_SELF_HARM and r.labels.get("self_harm") == 1) for r in rows]
    )


PROBES = {  # clear cases per label, written for this project; their decisions go into the card
    "bullying": [
        "you are such a loser nobody likes you",
        "you're so ugly and stupid",
        "everyone hates you, just leave the group",
        "you're a fat pig",
        "shut up you worthless idiot",
        "nobody wants you here freak",
    ],
    "hate": [
        "all immigrants are criminals",
        "muslims are terrorists",
        "gay people are disgusting",
        "black people are animals",
        "jews should go back where they came from",
        "women are too stupid to vote",
    ],
    "threat": [
        "i will find you and hurt you",
        "i'm going to kill you tomorrow",
        "i will beat you up after school",
        "i know where you live and i'm coming for you",
        "i'm going to shoot up the school",
    ],
    "sexual": [
        "send me a pic with no clothes on",
        "i want to have sex with you",
        "show me your boobs",
        "let's talk dirty",
        "send nudes",
    ],
    "self_harm": [
        "i cut myself again last night",
        "i want to kill myself",
        "i don't want to live anymore",
        "i'm going to end it all tonight",
        "nobody would care if i died",
    ],
    "profanity": [
        "this is fucking annoying",
        "oh shit i forgot my homework",
        "what the fuck is this game",
        "damn this level is hard",
        "holy shit that was close",
    ],
    "grooming": [
        "don't tell your parents about our chats",
        "are you home alone right now",
        "i'll give you robux if you send a photo",
        "let's meet up, just the two of us, don't tell anyone",
    ],
}
FIXED_SENTENCES = [
    "you are such a loser nobody likes you",
    "gg wp see you tomorrow",
    "what school do you go to?",
    "i want to kill myself",
    "send me a pic with no clothes on",
    "my number is 07700 900123",
    "this is fucking annoying",
    "i will find you and hurt you",
    "are you home alone right now",
    "don't tell your parents about our chats",
    "i love my little sister",
    "all immigrants are criminals",
    "nice shot, you carried the team",
    "go back to your country",
    "i feel like nobody would miss me",
    "let's move this to snapchat",
    "my friend is gay and he is awesome",
    "shut up you stupid idiot",
    "i'm going to shoot up the school",
    "can you help me with my homework",
    "you're so ugly, kill yourself",
    "what a beautiful day at the park",
    "i'll give you robux if you send a photo",
    "damn this level is hard",
    "i was bullied at school today and i feel sad",
    "those people are animals and should be wiped out",
    "how old are you and where do you live",
    "lol you noob get good",
    "we should meet up, just the two of us",
    "i cut myself again last night",
    "the movie was really boring",
    "she's a slut",
]


def export(ft: Path, out: Path, work: Path, *, max_length: int) -> Path:
    """fp32 ONNX (kept under work) and int8 model.onnx + tokenizer + identity calibration in out."""
    from models.training.export.graph import build_graph, export_onnx, quantise

    out.mkdir(parents=True, exist_ok=True)
    h = np.load(ft / "heads.npz")
    graph = build_graph(h["W"].astype(np.float32), h["B"].astype(np.float32), ft / "encoder")
    fp32 = work / f"{ft.name}_model_fp32.onnx"
    export_onnx(graph, fp32)
    quantise(fp32, out / "model.onnx")
    shutil.copyfile(ft / "encoder" / "tokenizer.json", out / "tokenizer.json")
    if (ft / EMOJI_WORDS_FILE).exists():  # trained with --emoji-words
        shutil.copyfile(ft / EMOJI_WORDS_FILE, out / EMOJI_WORDS_FILE)
    write_calibration(out, {lab: (1.0, 0.0) for lab in LABELS})
    write_manifest(out, max_length=max_length, version=VERSION + "-candidate")
    return fp32


def write_calibration(out: Path, cal: dict[str, tuple[float, float]]) -> None:
    (out / "calibration.json").write_text(
        json.dumps(
            {"method": "platt", "labels": {k: {"a": float(a), "b": float(b)} for k, (a, b) in cal.items()}},
            indent=1,
        )
    )


def write_manifest(out: Path, *, max_length: int, version: str, extra_files: tuple[str, ...] = ()) -> None:
    bundle_files.write_manifest(
        out,
        name=NAME,
        version=version,
        max_length=max_length,
        extra_files=extra_files,
        base_model="sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), fine-tuned end to end",
    )


def runtime_logits(bundle_dir: Path, texts: list[str], *, rows_per_run: int = 0) -> np.ndarray:
    """Raw logits exactly as safechat.model.onnx_scorer computes them (``rows_per_run`` 0: its default;
    1 for bundles quantised with one scale per tensor, whose scores depend on the batch)."""
    from safechat.model.bundle import ModelBundle
    from safechat.model.onnx_scorer import ROWS_PER_RUN, OnnxScorer

    scorer = OnnxScorer(ModelBundle.load(bundle_dir), threads=2, rows_per_run=rows_per_run or ROWS_PER_RUN)
    out = np.zeros((len(texts), len(LABELS)), np.float32)
    t = time.time()
    for i in range(0, len(texts), 512):
        out[i : i + 512] = scorer.logits(texts[i : i + 512])
    log.info("scored %d texts with %s in %.0fs", len(texts), bundle_dir, time.time() - t)
    return out


def emoji_words(bundle_dir: Path) -> EmojiWords | None:
    """The bundle's emoji table, when it has one (trained with --emoji-words)."""
    table = bundle_dir / EMOJI_WORDS_FILE
    return EmojiWords.load(table) if table.exists() else None


def fp32_logits(fp32: Path, tokenizer: Path, texts: list[str], *, max_length: int) -> np.ndarray:
    """fp32 ONNX logits, one message per run, unpadded, truncated to max_length tokens; emoji
    written as names when the bundle beside ``tokenizer`` has an emoji table (as at run time)."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    describe = emoji_words(tokenizer.parent)
    if describe is not None:
        texts = [describe(t) for t in texts]

    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(fp32), so, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(tokenizer))
    tok.no_padding()
    tok.enable_truncation(max_length)
    out = []
    for e in tok.encode_batch(texts):
        ids = np.array([e.ids], np.int64)
        out.append(sess.run(["logits"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0])
    return np.array(out, np.float32)


def prf(y: np.ndarray, p: np.ndarray, t: float | None = None) -> dict[str, float | int]:
    """Precision, recall, F1, FPR and counts of ``p >= t`` (of ``p`` itself, boolean, without ``t``)."""
    flag = p >= t if t is not None else p.astype(bool)
    tp = int((flag & (y == 1)).sum())
    fp = int((flag & (y == 0)).sum())
    fn = int((~flag & (y == 1)).sum())
    prec = tp / max(tp + fp, 1)
    rec = tp / max(tp + fn, 1)
    f1 = 2 * prec * rec / max(prec + rec, 1e-9)
    return {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "fpr": round(fp / max(int((y == 0).sum()), 1), 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def best_threshold(y: np.ndarray, p: np.ndarray, beta: float, lo: float, hi: float) -> float:
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    grid = grid[(grid >= lo - 1e-9) & (grid <= hi + 1e-9)]
    if len(grid) == 0:
        return round(float(np.clip(0.5, lo, hi)), 2)
    best, bt = -1.0, float(grid[0])
    for t in grid:
        flag = p >= t
        tp = (flag & (y == 1)).sum()
        fp = (flag & (y == 0)).sum()
        fn = (~flag & (y == 1)).sum()
        prec = tp / max(tp + fp, 1)
        rec = tp / max(tp + fn, 1)
        f = (1 + beta**2) * prec * rec / max(beta**2 * prec + rec, 1e-9)
        if f > best + 1e-9:
            best, bt = f, float(t)
    return bt


class BandThresholds(TypedDict):
    """One band's thresholds for one label (``high_threshold``: None where the policy has none)."""

    threshold: float
    high_threshold: float | None


def choose_thresholds(y: np.ndarray, p: np.ndarray, lab: str) -> dict[str, BandThresholds]:
    """Per band: threshold maximising F-beta on the calibration half inside the test bounds,
    monotone (younger <= older); high threshold = the lowest with precision >= 0.9, else
    midway between threshold and 1, inside bounds and monotone."""
    out: dict[str, BandThresholds] = {}
    prev_t, prev_h = 0.0, 0.0
    for band in BANDS:
        lo, hi = T_BOUNDS.get((band, lab), (0.05, 0.95))
        t = max(best_threshold(y, p, BETA[band], max(lo, prev_t), hi), prev_t)
        grid = np.round(np.arange(0.05, 0.991, 0.01), 2)
        hp = [g for g in grid if g >= t and (p >= g).sum() >= 5 and y[p >= g].mean() >= 0.9]
        h = float(hp[0]) if hp else round(t + (1 - t) / 2, 2)
        hlo, hhi = H_BOUNDS.get((band, lab), (0.0, 0.99))
        h = float(np.clip(max(h, t, prev_h, hlo), 0, hhi))
        out[band] = {"threshold": round(t, 2), "high_threshold": round(h, 2)}
        prev_t, prev_h = t, h
    return out


def policy_thresholds(policy: Policy, lab: str) -> dict[str, BandThresholds]:
    """The thresholds ``policy`` already has for ``lab`` for English messages, per band (high:
    None where absent)."""
    out: dict[str, BandThresholds] = {}
    for band in BANDS:
        rule = policy.band(AgeBand(band)).labels[Label(lab)]
        out[band] = {"threshold": rule.threshold_for("en"), "high_threshold": rule.high_threshold}
    return out


def half(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % 2


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    from profanity_check import predict_prob

    ft: Path = args.ft
    cand = args.work / f"{ft.name}_candidate"
    max_length = (
        json.loads((ft / "history.json").read_text())["result"]["max_length"]
        if not args.max_length
        else args.max_length
    )
    fp32 = args.work / f"{ft.name}_model_fp32.onnx"
    if not (args.cached and fp32.exists() and (cand / "model.onnx").exists()):
        fp32 = export(ft, cand, args.work, max_length=max_length)
    else:
        write_calibration(cand, {lab: (1.0, 0.0) for lab in LABELS})
        write_manifest(cand, max_length=max_length, version=VERSION + "-candidate")
    val = read_rows(ft / "val_rows.jsonl")
    texts = [r.text for r in val]
    src = np.array([r.source for r in val])
    calib_half = np.array([half(r.group) == 0 for r in val])
    cache = args.work / f"{ft.name}_val_scores.npz"
    if args.cached and cache.exists():
        c = np.load(cache)
        z_new, z_old, apc = c["z_new"], c["z_old"], c["apc"]
    else:
        z_new = runtime_logits(cand, texts)
        if args.baseline_scores:  # same validation rows scored earlier (0.1.0 bundle, alt-profanity-check)
            c = np.load(args.baseline_scores)
            z_old, apc = c["z_old"], c["apc"]
            assert len(z_old) == len(texts)
        else:
            z_old = runtime_logits(args.baseline, texts, rows_per_run=1)
            apc = predict_prob(texts)
        np.savez(cache, z_new=z_new, z_old=z_old, apc=apc)
    z_frz = np.load(args.frozen)["z"] if args.frozen and Path(args.frozen).exists() else None
    # int8 vs fp32 on a fixed sample of validation texts and on the fixed sentences
    from safechat.normalize import normalize

    fixed = [normalize(s).text for s in FIXED_SENTENCES]
    # texts that fit one window, so the difference is the quantisation alone (longer texts are
    # scored over several windows at run time but truncated by fp32_logits)
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(cand / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    describe = emoji_words(cand)
    described = [describe(t) for t in texts] if describe is not None else texts
    fits = [i for i, e in enumerate(tok.encode_batch(described)) if len(e.ids) <= max_length]
    picked = fits[:: max(1, len(fits) // 300)][:300]
    sample = [texts[i] for i in picked]
    f_fix = fp32_logits(fp32, cand / "tokenizer.json", fixed, max_length=max_length)
    q_fix = runtime_logits(cand, fixed)
    q_fix_alone = runtime_logits(cand, fixed, rows_per_run=1)
    f_s = fp32_logits(fp32, cand / "tokenizer.json", sample, max_length=max_length)
    q_s = z_new[picked]
    quant = {
        "fixed_n": len(fixed),
        "fixed_max_abs": float(np.abs(f_fix - q_fix).max()),
        "fixed_mean_abs": float(np.abs(f_fix - q_fix).mean()),
        "sample_n": len(sample),
        "sample_max_abs": float(np.abs(f_s - q_s).max()),
        "sample_mean_abs": float(np.abs(f_s - q_s).mean()),
        "sample_p99_abs": float(np.quantile(np.abs(f_s - q_s), 0.99)),
        "batched_vs_alone_max_abs": float(np.abs(q_fix - q_fix_alone).max()),
        "fp32_mb": round(fp32.stat().st_size / 2**20, 1),
        "int8_mb": round((cand / "model.onnx").stat().st_size / 2**20, 1),
    }
    log.info("quant: %s", quant)

    rep: dict[str, Any] = {
        "emoji_words": len(describe) if describe is not None else 0,
        "thresholds_from": "policy" if args.keep_policy else "validation",
        "betas": dict(BETA),
        "val_rows": len(val),
        "val_sources": sorted(set(src)),
        "max_length": max_length,
        "labels": {},
        "quant": quant,
    }
    cal: dict[str, tuple[float, float]] = {}
    probs = np.zeros_like(z_new)  # calibrated probabilities, filled label by label below
    thresholds: dict[str, dict[str, BandThresholds]] = {}
    kept = Policy.from_toml(args.policy) if args.keep_policy else None
    for j, lab in enumerate(LABELS):
        labelled = np.array([lab in r.labels for r in val])
        if not labelled.any():
            continue
        y = np.array([r.labels.get(lab, 0) for r in val])
        e: dict[str, Any] = {"pooled": {}, "per_source": {}}
        known = evaluated_rows(val, lab)
        if lab in IMPUTE_FROM_SELF_HARM:
            e["imputed_negatives_from_self_harm"] = int((known & ~labelled).sum())
        cols = [("finetuned", z_new[:, j]), ("baseline", z_old[:, j]), ("alt_profanity_check", apc)]
        if z_frz is not None:
            cols.append(("frozen_same_split", z_frz[:, j]))
        for name, s in cols:
            e["pooled"][name] = ranking_metrics(y[known], s[known])
        for sname in sorted(set(src[known])):
            m = known & (src == sname)
            e["per_source"][sname] = {name: ranking_metrics(y[m], s[m]) for name, s in cols}
        c = known & calib_half
        r = known & ~calib_half
        if len(set(y[known].tolist())) < 2:  # only in a toy build: nothing to calibrate against
            a, b = 1.0, 0.0
            e["calibration_note"] = "one class only in the validation rows: identity calibration"
        elif (y[c] == 1).sum() >= 3 and (y[c] == 0).sum() >= 3:
            a, b = platt(z_new[c, j], y[c])
        else:
            a, b = platt(z_new[known, j], y[known])
            e["calibration_note"] = (
                "too few positives in the calibration half: Platt fitted on all validation rows"
            )
        cal[lab] = (a, b)
        p = probs[:, j] = 1 / (1 + np.exp(-(a * z_new[:, j] + b)))
        th = policy_thresholds(kept, lab) if kept is not None else choose_thresholds(y[c], p[c], lab)
        thresholds[lab] = th
        e["platt"] = {"a": a, "b": b}
        e["thresholds"] = th
        e["at_threshold_report_half"] = {band: prf(y[r], p[r], th[band]["threshold"]) for band in BANDS}
        e["at_threshold_per_source_report_half"] = {
            sname: {
                "under_13": prf(y[r & (src == sname)], p[r & (src == sname)], th["under_13"]["threshold"])
            }
            for sname in sorted(set(src[r]))
        }
        e["report_half"] = {"n": int(r.sum()), "pos": int(y[r].sum())}
        rep["labels"][lab] = e
        log.info(
            "%-9s pooled ROC-AUC ft %s  baseline %s  apc %s | t=%s",
            lab,
            e["pooled"]["finetuned"]["roc_auc"],
            e["pooled"]["baseline"]["roc_auc"],
            e["pooled"]["alt_profanity_check"]["roc_auc"],
            th,
        )
    write_calibration(cand, cal)
    write_manifest(cand, max_length=max_length, version=VERSION + "-candidate")
    rep["profanity_word_rule"] = word_rule_effect(
        val,
        z_new,
        apc,
        probs=probs,
        report=~calib_half,
        threshold=thresholds["profanity"]["under_13"]["threshold"],
    )
    rep["rule_effect"] = rule_effect(val, probs, args.policy)
    rep["fixed_fp32"] = {"texts": fixed, "fp32_logits": f_fix.round(5).tolist()}
    # neutral sentences: model labels only (probability >= under_13 threshold), both bundles
    neutral = [
        ln.strip()
        for ln in Path(args.neutral).read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    zn = runtime_logits(cand, [normalize(t).text for t in neutral])
    a_all = np.array([cal[k][0] for k in LABELS])
    b_all = np.array([cal[k][1] for k in LABELS])
    pn = 1 / (1 + np.exp(-(a_all * zn + b_all)))
    flagged = {}
    for i, t in enumerate(neutral):
        labs = [k for j, k in enumerate(LABELS) if pn[i, j] >= thresholds[k]["under_13"]["threshold"]]
        if labs:
            flagged[t] = {k: round(float(pn[i, LABELS.index(k)]), 3) for k in labs}
    rep["neutral"] = {"n": len(neutral), "flagged_model_under_13": flagged}
    log.info("neutral flagged by the model at under_13: %d/%d %s", len(flagged), len(neutral), flagged)
    (args.work / f"{ft.name}_ship_metrics.json").write_text(json.dumps(rep, indent=1))
    return rep


def word_rule_effect(
    val: list[Any],
    z_new: np.ndarray,
    apc: np.ndarray,
    *,
    probs: np.ndarray,
    report: np.ndarray,
    threshold: float,
) -> dict[str, Any]:
    """Profanity as the runtime sees it: the model's score, and the word list
    (``safechat.detect.profanity``) on the same normalised text. A hit puts a message above every
    message without one (score + hit), as the rule's action does not wait for the model. Also the
    under_13 decision on the report half: calibrated score (``probs``) >= ``threshold``, alone and
    OR a hit."""
    from safechat.detect import find_profanity

    j = LABELS.index("profanity")
    known = np.array(["profanity" in r.labels for r in val])
    y = np.array([r.labels.get("profanity", 0) for r in val])
    src = np.array([r.source for r in val])
    hit = np.array([bool(find_profanity(r.text)) for r in val], dtype=float)
    model = 1 / (1 + np.exp(-z_new[:, j]))
    cols = {"model": model, "model_and_word_rule": model + hit, "alt_profanity_check": apc}
    flag = probs[:, j] >= threshold
    out: dict[str, Any] = {}
    for name in ["pooled", *(str(s) for s in sorted(set(src[known])))]:
        m = known if name == "pooled" else known & (src == name)
        if len(set(y[m])) < 2:
            continue
        out[name] = {k: ranking_metrics(y[m], v[m]) for k, v in cols.items()}
        out[name]["word_hits"] = {
            "pos": float(hit[m & (y == 1)].mean()),
            "neg": float(hit[m & (y == 0)].mean()),
        }
        out[name]["at_threshold_report_half"] = {
            "threshold": threshold,
            "score": prf(y[m & report], flag[m & report]),
            "score_or_word": prf(y[m & report], (flag | (hit > 0))[m & report]),
        }
    log.info(
        "profanity with the word rule: %s",
        {k: (v["model"]["roc_auc"], v["model_and_word_rule"]["roc_auc"]) for k, v in out.items()},
    )
    return out


# Rules whose effect the card measures: (rule, label, what it does to the decision).
MEASURED_RULES = (
    ("context.disclosure", "bullying", "settles"),
    ("context.game", "threat", "settles"),
    ("bullying.exclusion", "bullying", "adds"),
    ("sexual.solicitation", "sexual", "adds"),
)


def rule_effect(val: list[Any], probs: np.ndarray, policy_path: Path) -> dict[str, Any]:
    """What some runtime rules do on the held-out rows at under_13 (English thresholds): per rule
    and source, how many positives and negatives of its label it fires on, and how many decisions
    it changes. A context rule "settles" a model flag (score >= threshold, below the policy's
    ``tempers_model_below``): a changed positive is recall lost, a changed negative a false alarm
    spared. An explicit-phrase rule "adds" a flag the model missed (score < threshold): a changed
    positive is recall gained, a changed negative a false alarm added."""
    from safechat.detect import find_context, find_harm_phrases

    band = Policy.from_toml(policy_path).band(AgeBand.UNDER_13)
    src = np.array([r.source for r in val])
    fired = [{h.rule for h in find_context(r.text) + find_harm_phrases(r.text)} for r in val]
    out: dict[str, Any] = {}
    for rule, lab, effect in MEASURED_RULES:
        p = probs[:, LABELS.index(lab)]
        t = band.labels[Label(lab)].threshold_for("en")
        known = np.array([lab in r.labels for r in val])
        y = np.array([r.labels.get(lab, 0) for r in val])
        hit = np.array([rule in f for f in fired])
        if effect == "settles":
            bound = band.rule_action(rule).tempers_model_below
            changed = hit & (p >= t) & (p < bound if bound is not None else False)
        else:
            changed = hit & (p < t)
        for name in ["pooled", *(str(x) for x in sorted(set(src[known])))]:
            m = known if name == "pooled" else known & (src == name)
            out.setdefault(rule, {})[name] = {
                "label": lab,
                "effect": effect,
                "pos": int((m & (y == 1)).sum()),
                "neg": int((m & (y == 0)).sum()),
                "pos_hit": int((m & (y == 1) & hit).sum()),
                "neg_hit": int((m & (y == 0) & hit).sum()),
                "pos_changed": int((m & (y == 1) & changed).sum()),
                "neg_changed": int((m & (y == 0) & changed).sum()),
            }
    log.info("rules on the held-out rows: %s", {k: v["pooled"] for k, v in out.items()})
    return out


def update_policy(path: Path, thresholds: dict[str, dict[str, dict[str, float]]]) -> None:
    """Replace only the numbers of threshold / high_threshold in [bands.B.labels.L] sections."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    section = None
    for i, ln in enumerate(lines):
        m = re.match(r"\[bands\.([^.\]]+)\.labels\.([a-z_]+)\]", ln.strip())
        if ln.startswith("["):
            section = (m.group(1), m.group(2)) if m else None
            continue
        if section and section[1] in thresholds:
            for key in ("threshold", "high_threshold"):
                mm = re.match(rf"^{key} = [0-9.]+(.*)$", ln.rstrip("\n"))
                if mm:
                    v = thresholds[section[1]][section[0]][key]
                    lines[i] = f"{key} = {_num(v)}{mm.group(1)}\n"
    path.write_text("".join(lines), encoding="utf-8")


def _num(v: float) -> str:
    s = f"{v:.2f}"
    return s[:-1] if s.endswith("0") else s


def neutral_check(out: Path, neutral: Path, policy: Path) -> dict[str, Any]:
    """decision.labels on the neutral sentences at the default policy, every band (the test's path)."""
    from safechat import Moderator

    texts = [
        ln.strip()
        for ln in neutral.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    mod = Moderator.load(out, policy=policy)
    res: dict[str, Any] = {"n": len(texts), "bands": {}}
    for band in BANDS:
        ds = mod.moderate_batch(texts, age_band=band)
        flagged = {t: [lab.value for lab in d.labels] for t, d in zip(texts, ds, strict=True) if d.labels}
        res["bands"][band] = flagged
    return res


def write_bundle_files(args: argparse.Namespace, rep: dict[str, Any]) -> str:
    """Copy the candidate's graph, tokenizer, calibration and emoji table into ``args.out``, write
    fp32_reference.json and the manifest (version ``args.version``); return the tolerance text."""
    ft: Path = args.ft
    cand = args.work / f"{ft.name}_candidate"
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for f in ("model.onnx", "tokenizer.json", "calibration.json", EMOJI_WORDS_FILE):
        if f == EMOJI_WORDS_FILE and not (cand / f).exists():
            (out / f).unlink(missing_ok=True)
            continue
        shutil.copyfile(cand / f, out / f)
    q = rep["quant"]
    tol_max = max(0.5, round(2 * max(q["fixed_max_abs"], q["sample_p99_abs"]) + 0.05, 2))
    tol_mean = max(0.15, round(2 * q["fixed_mean_abs"] + 0.05, 2))
    tol_text = (
        "Test tolerance (tests/integration/test_model_quality.py, fp32_reference.json): max |logit diff| "
        f"<= {tol_max}, mean <= {tol_mean}. Why: the int8 graph quantises each token's activations with a "
        "scale computed at run time, so the error depends on the message; the bound is about twice the "
        "largest error measured at export (fixed sentences and the 99th percentile on validation texts), "
        "with a floor, so that other CPUs' int8 kernels pass while a wrong graph, tokenizer or head order "
        "(errors of several logits) fails."
    )
    ref = {
        "model_version": args.version,
        "texts_are": "safechat.normalize(text).text",
        "max_length": rep["max_length"],
        "texts": rep["fixed_fp32"]["texts"],
        "fp32_logits": rep["fixed_fp32"]["fp32_logits"],
        "labels": list(LABELS),
        "tolerance": {"max_abs_logit": tol_max, "mean_abs_logit": tol_mean},
        "why": tol_text,
    }
    (out / "fp32_reference.json").write_text(json.dumps(ref, indent=1) + "\n")
    write_manifest(
        out, max_length=rep["max_length"], version=args.version, extra_files=("fp32_reference.json",)
    )
    return tol_text


def write(args: argparse.Namespace, rep: dict[str, Any]) -> None:
    from models.training.evaluate.card import write_card_ft

    ft: Path = args.ft
    out: Path = args.out
    tol_text = write_bundle_files(args, rep)
    if rep.get("thresholds_from") != "policy":
        thresholds = {
            lab: {band: e["thresholds"][band] for band in BANDS} for lab, e in rep["labels"].items()
        }
        update_policy(args.policy, thresholds)
    split = json.loads((ft / "split.json").read_text())
    result = json.loads((ft / "history.json").read_text())["result"]
    loso = json.loads(args.loso.read_text())
    # neutral check needs the bundle (card written after; the manifest above is provisional)
    nc = neutral_check(out, args.neutral, args.policy)
    rep["neutral_moderator"] = nc
    nf = {b: len(v) for b, v in nc["bands"].items()}
    lines = [
        f"Flagged (decision.labels not empty, default policy, the shipped bundle) out of {nc['n']}: "
        + ", ".join(f"{b} {k} ({100 * k / nc['n']:.1f}%)" for b, k in nf.items())
        + "."
    ]
    for t, labs in nc["bands"]["under_13"].items():
        lines.append(f'- under_13: "{t}" -> {", ".join(labs)}')
    history: list[str] = []  # the list's own notes on when each part was written ("# Added ...")
    for ln in args.neutral.read_text(encoding="utf-8").splitlines():
        if ln.startswith("# Added") or (ln.startswith("# ") and history and not history[-1].endswith(".")):
            history.append(ln[2:].strip())
    if history:
        lines.append("\nFrom the list's comments: " + " ".join(history))
    by_model = rep["neutral"]["flagged_model_under_13"]
    settled = sorted(t for t in by_model if t not in nc["bands"]["under_13"])
    lines.append(
        f"\nThe model's scores alone (no rules, under_13 thresholds) flag {len(by_model)} of {nc['n']}; the "
        f"policy's rules, the context rules among them (a child telling of bullying, game banter), leave "
        f"{len(settled)} of them unflagged:"
    )
    lines += [
        f'- unflagged: "{t}" ({", ".join(f"{k} {v}" for k, v in by_model[t].items())})' for t in settled
    ]
    from safechat import Moderator

    mod = Moderator.load(out, policy=args.policy)
    probe_lines = [
        "| intended label | text | under_13 action | labels | intended label flagged? |",
        "|---|---|---|---|---|",
    ]
    probe_hits = {}
    for lab, texts in PROBES.items():
        ds = mod.moderate_batch(texts, age_band="under_13")
        probe_hits[lab] = sum(lab in [x.value for x in d.labels] for d in ds)
        for t, d in zip(texts, ds, strict=True):
            labs = [x.value for x in d.labels]
            probe_lines.append(
                f"| {lab} | {t} | {d.action.value} | {', '.join(labs)} | {'yes' if lab in labs else 'NO'} |"
            )
    rep["probes"] = probe_hits
    lines.append(
        "\n### Probe sentences (clear cases written for this project; decisions of the shipped bundle at "
        "the default policy)\n"
    )
    lines += probe_lines
    targets = []
    for lab, goal in (("bullying", 0.90), ("hate", 0.90), ("threat", 0.85), ("sexual", 0.85)):
        v = rep["labels"][lab]["pooled"]["finetuned"]["roc_auc"]
        targets.append(
            (
                f"{lab} ROC-AUC >= {goal} (pooled held-out)",
                _r(v),
                "met" if v is not None and v >= goal else "MISSED",
            )
        )
    worst = []
    for lab, e in rep["labels"].items():
        for s, v in e["per_source"].items():
            a, b = v["finetuned"]["roc_auc"], v["alt_profanity_check"]["roc_auc"]
            if a is not None and b is not None:
                worst.append((a - b, lab, s))
    worst.sort()
    n_ok = sum(d >= 0.05 for d, _, _ in worst)
    targets.append(
        (
            ">= 0.05 above alt-profanity-check on every (label, held-out source)",
            f"{n_ok}/{len(worst)}; worst: " + "; ".join(f"{lab}/{s} {d:+.3f}" for d, lab, s in worst[:3]),
            "met" if n_ok == len(worst) else "MISSED",
        )
    )
    targets.append(
        (
            "neutral sentences not flagged",
            f"{nf['under_13']}/{nc['n']} flagged at under_13",
            "met" if nf["under_13"] == 0 else "MISSED",
        )
    )
    size = (
        sum(
            (out / f).stat().st_size
            for f in (
                "model.onnx",
                "tokenizer.json",
                "calibration.json",
                "fp32_reference.json",
                EMOJI_WORDS_FILE,
            )
            if (out / f).exists()
        )
        / 2**20
    )
    targets.append(("bundle <= 30 MB", f"{size:.1f} MB (+ card)", "met" if size < 29.5 else "MISSED"))
    bounds = (
        "Bounds from the shipped policy unit tests (tests/unit/test_policy.py, "
        "tests/unit/test_calibration.py, tests/data/policy_cases.jsonl) were respected; they PIN four "
        "values (under_13 bullying 0.4, under_13 hate 0.4, 13_15 hate 0.5, adult bullying high threshold "
        "0.9) and bound others (hate <= 0.6 in every band, sexual under_13 <= 0.5, threat high <= 0.95); "
        "where the validation optimum lay outside, the nearest bound was taken, so those rows are not "
        "validation-optimal. Why precision-leaning betas: validation positive rates (3-50% per source) are "
        "far above real children's chat, so deployed precision will be lower than measured here; and a "
        "first fine-tune with recall-leaning thresholds (beta 1.0 for under_13) flagged 98 of the 163 "
        "neutral sentences, so the neutral list informed the choice of beta (it is not an untouched test "
        "for the betas; no threshold was tuned on it directly)."
    )
    if rep.get("thresholds_from") == "policy":
        bounds = (
            "How the kept thresholds were chosen (for bundle 0.3.0, on the same validation rows, betas "
            "0.5 / 0.4 / 0.35 / 0.3): " + bounds + " Profanity is the exception: policy default-0.5.0 gives "
            "English messages their own threshold, 0.5 (`language_thresholds`), the lowest that maximises "
            "F-beta on the calibration half for the decision as it now runs (the word list OR the score, see "
            "above); other languages keep 0.33, where the multilingual bundle's profanity recall is higher "
            "(the policy's header gives the numbers). The rows below are at the English thresholds."
        )
    write_card_ft(
        out / "MODEL_CARD.md",
        version=args.version,
        rep=rep,
        split=split,
        result=result,
        loso=loso,
        policy_bounds_note=bounds,
        neutral_fp={"text": "\n".join(lines)},
        fixture_tol={"text": tol_text},
        targets=targets,
        soup=json.loads((ft / "soup.json").read_text()) if (ft / "soup.json").exists() else None,
        loso_ft=json.loads(args.loso_ft.read_text()) if args.loso_ft and args.loso_ft.exists() else None,
    )
    write_manifest(
        out, max_length=rep["max_length"], version=args.version, extra_files=("fp32_reference.json",)
    )
    (args.work / f"{ft.name}_ship_metrics.json").write_text(json.dumps(rep, indent=1))
    log.info("bundle written to %s; targets %s; neutral flagged %s", out, targets, nf)


def _r(v: object) -> str:
    return "n/a" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ft", type=Path, default=Path("../artifacts/ft"))
    p.add_argument("--baseline", type=Path, default=Path("../artifacts/starter_bundle"))
    p.add_argument("--work", type=Path, default=Path("../artifacts"))
    p.add_argument("--neutral", type=Path, default=Path("tests/data/neutral_sentences.txt"))
    p.add_argument("--max-length", type=int, default=0)
    p.add_argument("--out", type=Path, default=Path("models/safechat-en-minilm"))
    p.add_argument("--policy", type=Path, default=Path("safechat/policy/data/default_policy.toml"))
    p.add_argument(
        "--loso",
        type=Path,
        default=Path("../artifacts/starter_metrics.json"),
        help="metrics.json of the frozen (proxy) run",
    )
    p.add_argument(
        "--loso-ft",
        type=Path,
        default=Path("../artifacts/loso_finetune.json"),
        help="leave-one-source-out fine-tunes over the validation sets "
        "(models/training/experiments/loso.py); "
        "skipped "
        "when missing",
    )
    p.add_argument(
        "--frozen",
        type=str,
        default="../artifacts/frozen_same_split.npz",
        help="frozen_same_split.py scores (fair baseline)",
    )
    p.add_argument(
        "--baseline-scores", type=str, default="", help="npz with z_old/apc for the same validation rows"
    )
    p.add_argument(
        "--betas",
        type=str,
        default="1.0,0.8,0.65,0.5",
        help="F-beta per band (under_13,13_15,16_17,adult) for the thresholds",
    )
    p.add_argument(
        "--cached", action="store_true", help="reuse the exported candidate and saved validation scores"
    )
    p.add_argument("--write", action="store_true", help="write the bundle and the policy thresholds")
    p.add_argument(
        "--files-only",
        action="store_true",
        help="with --write: write the bundle's model files and manifest only (no policy, no card)",
    )
    p.add_argument("--version", default=VERSION, help="the bundle version written into the manifest")
    p.add_argument(
        "--keep-policy",
        action="store_true",
        help="keep the policy's thresholds (the multilingual bundle shares them); report precision / "
        "recall at them",
    )
    p.add_argument(
        "--reuse", action="store_true", help="reuse <work>/<ft>_ship_metrics.json (no re-export / re-scoring)"
    )
    args = p.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[
            logging.StreamHandler(sys.stderr),
            logging.FileHandler(args.work / f"ship_{args.ft.name}.log"),
        ],
    )
    # strict=False on purpose: a --betas list shorter than BANDS leaves the later bands at their default
    # (and extra values are ignored), as before.
    BETA.update(dict(zip(BANDS, (float(b) for b in args.betas.split(",")), strict=False)))
    rep = (
        evaluate(args)
        if not args.reuse
        else json.loads((args.work / f"{args.ft.name}_ship_metrics.json").read_text())
    )
    if args.write and args.files_only:
        write_bundle_files(args, rep)
    elif args.write:
        write(args, rep)


if __name__ == "__main__":
    main()
