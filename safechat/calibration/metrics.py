"""Binary classification metrics with numpy only (no scikit-learn at runtime).

Every function takes ``scores`` (probabilities in [0, 1]) and ``truth`` (1 positive, 0 negative)
of equal length; rows with unknown truth must be removed first (:func:`known`). A score flags
a line when ``score >= threshold``, as in the policy. Undefined values (precision with nothing
flagged, AUC without both classes) are ``None``, never a made-up number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def known(
    scores: npt.NDArray[np.floating], truth: npt.NDArray[np.integer], rows: BoolArray | None = None
) -> tuple[FloatArray, BoolArray]:
    """Scores (float64) and truth (bool) of the rows whose truth is known (and in ``rows``)."""
    mask = known_rows(truth, rows)
    return scores[mask].astype(np.float64), truth[mask] == 1


def known_rows(truth: npt.NDArray[np.integer], rows: BoolArray | None = None) -> BoolArray:
    """Boolean mask of the rows :func:`known` keeps: truth known (and in ``rows``)."""
    mask = truth >= 0
    return mask & rows if rows is not None else mask


@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts at one threshold, and the rates they give (``None`` when undefined)."""

    threshold: float
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def negatives(self) -> int:
        return self.fp + self.tn

    @property
    def precision(self) -> float | None:
        flagged = self.tp + self.fp
        return self.tp / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.positives if self.positives else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


def confusion(
    scores: FloatArray, truth: BoolArray, threshold: float, *, per_row: FloatArray | None = None
) -> Confusion:
    """Counts of flagged (``score >= threshold``, or ``score >= per_row`` row by row where given)
    against truth."""
    flagged = scores >= (threshold if per_row is None else per_row)
    tp = int(np.sum(flagged & truth))
    fp = int(np.sum(flagged & ~truth))
    fn = int(np.sum(~flagged & truth))
    return Confusion(threshold, tp, fp, fn, int(truth.size) - tp - fp - fn)


@dataclass(frozen=True)
class PRCurve:
    """Precision and recall at every distinct score used as a threshold, highest threshold first."""

    thresholds: FloatArray
    precision: FloatArray
    recall: FloatArray


def pr_curve(scores: FloatArray, truth: BoolArray) -> PRCurve:
    """The precision-recall curve; empty arrays when there are no positives."""
    positives = int(truth.sum())
    if positives == 0 or scores.size == 0:
        empty = np.zeros(0, dtype=np.float64)
        return PRCurve(empty, empty, empty)
    order = np.argsort(-scores, kind="mergesort")
    ordered, hits = scores[order], truth[order]
    last = np.r_[np.flatnonzero(np.diff(ordered)), ordered.size - 1]  # last index of each distinct score
    tps = np.cumsum(hits)[last].astype(np.float64)
    flagged = (last + 1).astype(np.float64)
    return PRCurve(ordered[last], tps / flagged, tps / positives)


def average_precision(scores: FloatArray, truth: BoolArray) -> float | None:
    """PR-AUC as average precision: sum over thresholds of (recall gain) x precision."""
    curve = pr_curve(scores, truth)
    if curve.recall.size == 0:
        return None
    gains = np.diff(np.r_[0.0, curve.recall])
    return float(np.sum(gains * curve.precision))


def _average_ranks(values: FloatArray) -> FloatArray:
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    starts = np.r_[0, np.flatnonzero(np.diff(ordered)) + 1]
    ends = np.r_[starts[1:], ordered.size]
    group_rank = (starts + ends + 1) / 2.0  # mean of the 1-based ranks start+1 .. end
    ranks = np.empty(values.size, dtype=np.float64)
    ranks[order] = np.repeat(group_rank, ends - starts)
    return ranks


def roc_auc(scores: FloatArray, truth: BoolArray) -> float | None:
    """ROC-AUC (Mann-Whitney, ties count half); ``None`` without both classes."""
    positives = int(truth.sum())
    negatives = int(truth.size) - positives
    if positives == 0 or negatives == 0:
        return None
    rank_sum = float(_average_ranks(scores)[truth].sum())
    return (rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives)


@dataclass(frozen=True)
class Reliability:
    """Calibration: per equal-width score bin, the mean score, the fraction positive and the count."""

    mean_score: FloatArray
    fraction_positive: FloatArray
    counts: npt.NDArray[np.int64]
    ece: float | None
    """Expected calibration error: count-weighted mean |fraction positive - mean score|."""


def reliability(scores: FloatArray, truth: BoolArray, *, bins: int = 10) -> Reliability:
    """Reliability curve over ``bins`` equal-width bins of [0, 1]; empty bins are dropped."""
    index = np.clip((scores * bins).astype(np.int64), 0, bins - 1)
    counts = np.bincount(index, minlength=bins)
    sums = np.bincount(index, weights=scores, minlength=bins)
    hits = np.bincount(index, weights=truth.astype(np.float64), minlength=bins)
    used = counts > 0
    mean = sums[used] / counts[used]
    fraction = hits[used] / counts[used]
    total = int(counts.sum())
    ece = float(np.sum(counts[used] * np.abs(fraction - mean)) / total) if total else None
    return Reliability(mean, fraction, counts[used].astype(np.int64), ece)
