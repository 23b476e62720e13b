"""The multilingual bundle's evaluation: per set and language, offensive-of-any-kind,
leave-one-language-out, and the hand-written sentences of every language."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from models.training.common.bundle_files import ranking_metrics
from models.training.common.rows import LABELS, model_text
from models.training.data.multi_handwritten import KINDS, SENTENCES
from models.training.export.multi_graph import encode, run_graph
from models.training.train.multi_heads import probabilities, train_heads

log = logging.getLogger("safechat.multi")


OFFENCE = ("bullying", "hate", "profanity", "threat")  # "offensive of any kind" = max of these


def offensive_target(rows: list[dict[str, Any]], y: np.ndarray) -> np.ndarray:
    """1 = offensive of any kind, 0 = none of bullying/hate/profanity/threat, -1 = unknown."""
    idx = [LABELS.index(k) for k in OFFENCE]
    t = np.full(len(rows), -1, np.int8)
    for i, r in enumerate(rows):
        if r["offensive"] in ("0", "1"):
            t[i] = int(r["offensive"])
        elif (y[i, idx] == 1).any():
            t[i] = 1
        elif (y[i, idx] == 0).all():
            t[i] = 0
    return t


def evaluate(
    rows: list[dict[str, Any]],
    y: np.ndarray,
    logits: np.ndarray,
    cal: dict[str, Any],
    groups: dict[str, np.ndarray],
) -> dict[str, Any]:
    """Per group of rows (a set, a language): ROC/PR-AUC per label it speaks for, plus offensive-any."""
    prob = probabilities(logits, cal)
    off = offensive_target(rows, y)
    off_score = prob[:, [LABELS.index(k) for k in OFFENCE]].max(1)
    res = {}
    for name, m in groups.items():
        entry = {}
        for j, label in enumerate(LABELS):
            k = m & (y[:, j] >= 0)
            if k.sum() and 0 < y[k, j].sum() < k.sum():
                entry[label] = ranking_metrics(y[k, j], logits[k, j])
        k = m & (off >= 0)
        if k.sum() and 0 < off[k].sum() < k.sum():
            entry["offensive_any"] = ranking_metrics(off[k], off_score[k])
        res[name] = entry
    return res


def test_groups(rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    src = np.array([r["source"] if r["lang"] != "en" else "english" for r in rows])
    lang = np.array([r["lang"] for r in rows])
    test = np.array([r["split"] == "test" for r in rows])
    shipped = np.array([r["shipped"] for r in rows])
    g = {f"set:{s}": test & (src == s) for s in sorted(set(src[test]))}
    g |= {f"lang:{la}": test & (lang == la) & shipped for la in sorted(set(lang[test & shipped]))}
    g |= {f"lang_eval_only:{la}": test & (lang == la) & ~shipped for la in sorted(set(lang[test & ~shipped]))}
    return g


def leave_one_language_out(
    rows: list[dict[str, Any]],
    x: np.ndarray,
    y: np.ndarray,
    cs: dict[str, Any],
    cal: dict[str, Any],
    seed: int,
) -> dict[str, Any]:
    """Heads retrained without language L's training rows, tested on L's test splits (all its sets)."""
    lang = np.array([r["lang"] for r in rows])
    split = np.array([r["split"] for r in rows])
    train = split == "train"
    res = {}
    for la in sorted(set(lang[train]) - {"en"}):
        t = time.time()
        keep = train & (lang != la)
        W, B = train_heads(x[keep], y[keep], cs=cs, seed=seed, only=OFFENCE)
        logits = x @ W.T + B
        m = (split == "test") & (lang == la)
        groups = {
            f"set:{s}": m & (np.array([r["source"] for r in rows]) == s)
            for s in sorted({r["source"] for r, mm in zip(rows, m, strict=True) if mm})
        }
        res[la] = evaluate(rows, y, logits, cal, groups)
        log.info("leave-one-language-out %s: %.0fs", la, time.time() - t)
    return res


def handwritten_scores(
    bundle: Path, calibration: dict[str, dict[str, float]], threshold: float = 0.5
) -> dict[str, Any]:
    """Calibrated probabilities of every sentence through the bundle's graph; per language, how
    many of the 3 sentences of each label reach ``threshold`` on that label, and how many neutral
    sentences reach it on any label."""
    items = [
        (lang, kind, text) for lang, kinds in SENTENCES.items() for kind in KINDS for text in kinds[kind]
    ]
    logits = run_graph(
        bundle / "model.onnx", encode(bundle / "tokenizer.json", [model_text(t) for _, _, t in items])
    )
    prob = probabilities(logits, calibration)
    rows: list[dict[str, Any]] = []
    summary: dict[str, dict[str, int]] = {}
    for (lang, kind, text), p in zip(items, prob, strict=True):
        flagged = [k for k, v in zip(LABELS, p, strict=True) if v >= threshold]
        target = float(p[LABELS.index(kind)]) if kind != "neutral" else float(p.max())
        rows.append(
            {
                "lang": lang,
                "kind": kind,
                "text": text,
                "p_target": round(target, 3),
                "flagged": flagged,
                "probs": {k: round(float(v), 3) for k, v in zip(LABELS, p, strict=True)},
            }
        )
        s = summary.setdefault(lang, {k: 0 for k in KINDS})
        s[kind] += int(kind in flagged) if kind != "neutral" else int(bool(flagged))
    return {"threshold": threshold, "per_language": summary, "sentences": rows}


if __name__ == "__main__":
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else "models/safechat-multi-e5")
    calibration = json.loads((bundle / "calibration.json").read_text())["labels"]
    print(json.dumps(handwritten_scores(bundle, calibration)["per_language"], indent=1))
