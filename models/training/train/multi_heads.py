"""The multilingual heads: one logistic regression per label on frozen int8 embeddings, C chosen on
validation, standardisation folded into the linear layer; Platt probabilities."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from models.training.common.rows import LABELS

log = logging.getLogger("safechat.multi")


def fit_head(x: np.ndarray, y: np.ndarray, c: float, seed: int):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed).fit(x, y)


def label_matrix(rows: list[dict[str, Any]]) -> np.ndarray:
    """[n, 8] with 1 / 0 / -1 (unknown)."""
    return np.array([[r["labels"].get(k, -1) for k in LABELS] for r in rows], np.int8)


def train_heads(
    x: np.ndarray, y: np.ndarray, *, cs: dict[str, float], seed: int, only: tuple[str, ...] = LABELS
) -> tuple[np.ndarray, np.ndarray]:
    """Folded heads W [8, d], B [8] on raw embeddings; standardisation from ``x`` itself."""
    mu, sd = x.mean(0), np.maximum(x.std(0), 1e-6)
    z = (x - mu) / sd
    W = np.zeros((len(LABELS), x.shape[1]), np.float32)
    B = np.zeros(len(LABELS), np.float32)
    for j, label in enumerate(LABELS):
        known = y[:, j] >= 0
        if label not in only or len(set(y[known, j])) < 2:
            B[j] = -10.0
            continue
        clf = fit_head(z[known], y[known, j], cs[label], seed)
        W[j] = clf.coef_[0] / sd
        B[j] = float(clf.intercept_[0] - (clf.coef_[0] * mu / sd).sum())
    return W, B


def choose_c(
    x: np.ndarray, y: np.ndarray, xv: np.ndarray, yv: np.ndarray, grid: tuple[float, ...], seed: int
) -> dict[str, float]:
    """Per label, the C of ``grid`` with the best validation ROC-AUC."""
    from sklearn.metrics import roc_auc_score

    mu, sd = x.mean(0), np.maximum(x.std(0), 1e-6)
    z, zv = (x - mu) / sd, (xv - mu) / sd
    best = {}
    for j, label in enumerate(LABELS):
        k, kv = y[:, j] >= 0, yv[:, j] >= 0
        scores = {}
        for c in grid:
            clf = fit_head(z[k], y[k, j], c, seed)
            scores[c] = roc_auc_score(yv[kv, j], clf.decision_function(zv[kv]))
        best[label] = max(scores, key=lambda c: (round(scores[c], 4), -c))
        log.info("C for %-9s %s -> %s", label, {c: round(s, 4) for c, s in scores.items()}, best[label])
    return best


def probabilities(logits: np.ndarray, cal: dict[str, dict[str, float]]) -> np.ndarray:
    a = np.array([cal[k]["a"] for k in LABELS])
    b = np.array([cal[k]["b"] for k in LABELS])
    p: np.ndarray = 1 / (1 + np.exp(-(a * logits + b)))
    return p
