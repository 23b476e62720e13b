"""Evaluation plots as PNG bytes (matplotlib, Agg; ``pip install 'safechat[plots]'``).

Figures are built with :class:`matplotlib.figure.Figure` (no pyplot, no global state, no window).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from safechat.calibration.data import ScoredData
from safechat.calibration.metrics import known, pr_curve, reliability
from safechat.errors import SafechatError
from safechat.policy.policy import Policy
from safechat.types import LABELS, Label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

PLOTS_HINT = "pip install 'safechat[plots]'"
DPI = 80
_BAND_COLOURS = {"under_13": "#d62728", "13_15": "#ff7f0e", "16_17": "#2ca02c", "adult": "#1f77b4"}


class PlotsUnavailableError(SafechatError):
    """matplotlib is not installed."""


def require_matplotlib() -> None:
    """Fail early, before any scoring, when matplotlib is missing.

    Raises:
        PlotsUnavailableError: with the install command.
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise PlotsUnavailableError(f"plots need matplotlib: {PLOTS_HINT}") from None


def _grid(title: str, draw: Callable[[Axes, int, Label], None]) -> bytes:
    require_matplotlib()
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(12, 5.6), dpi=DPI, layout="constrained")
    axes = figure.subplots(2, 4)
    for index, label in enumerate(LABELS):
        axis = axes.flat[index]
        draw(axis, index, label)
        axis.set_title(axis.get_title() or label.value, fontsize=10)
        axis.tick_params(labelsize=8)
    figure.suptitle(title, fontsize=11)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _empty(axis: Axes, message: str) -> None:
    axis.text(0.5, 0.5, message, ha="center", va="center", transform=axis.transAxes, fontsize=9)
    axis.set_xticks([])
    axis.set_yticks([])


def pr_curves_png(data: ScoredData, policy: Policy) -> bytes:
    """Precision-recall curve per label, with each present band's operating point."""

    def draw(axis: Axes, column: int, label: Label) -> None:
        scores, truth = known(data.scores[:, column], data.truth[:, column])
        curve = pr_curve(scores, truth)
        if curve.recall.size == 0:
            _empty(axis, "no positives")
            return
        axis.plot(np.r_[0.0, curve.recall], np.r_[1.0, curve.precision], drawstyle="steps-post", lw=1.4)
        drawn = False
        for band in data.bands_present():
            threshold = policy.band(band).labels[label].threshold
            flagged = scores >= threshold
            if flagged.any():
                drawn = True
                precision = float(truth[flagged].mean())
                recall = float((flagged & truth).sum() / truth.sum())
                axis.plot(recall, precision, "o", color=_BAND_COLOURS[band.value], label=band.value, ms=6)
        axis.set_xlim(0, 1.02)
        axis.set_ylim(0, 1.05)
        axis.set_xlabel("recall", fontsize=8)
        axis.set_ylabel("precision", fontsize=8)
        if drawn:
            axis.legend(fontsize=7, loc="lower left")

    return _grid("Precision-recall (dots: the policy's threshold per band)", draw)


def reliability_png(data: ScoredData) -> bytes:
    """Reliability (calibration) curve per label: mean score against fraction positive."""

    def draw(axis: Axes, column: int, label: Label) -> None:
        scores, truth = known(data.scores[:, column], data.truth[:, column])
        if scores.size == 0:
            _empty(axis, "no labelled lines")
            return
        curve = reliability(scores, truth)
        axis.plot([0, 1], [0, 1], ls="--", color="grey", lw=1)
        axis.plot(curve.mean_score, curve.fraction_positive, "-o", ms=3, lw=1.4)
        axis.set_xlim(0, 1)
        axis.set_ylim(0, 1)
        axis.set_xlabel("mean score", fontsize=8)
        axis.set_ylabel("fraction positive", fontsize=8)
        ece = "n/a" if curve.ece is None else f"{curve.ece:.3f}"
        axis.set_title(f"{label.value} (ECE {ece})")

    return _grid("Reliability: a calibrated model follows the diagonal", draw)


def histograms_png(data: ScoredData, policy: Policy) -> bytes:
    """Score histograms per label, positives against negatives, with the band thresholds."""
    edges = [i / 20 for i in range(21)]

    def draw(axis: Axes, column: int, label: Label) -> None:
        scores, truth = known(data.scores[:, column], data.truth[:, column])
        if scores.size == 0:
            _empty(axis, "no labelled lines")
            return
        axis.hist(scores[~truth], bins=edges, alpha=0.6, label=f"negative ({int((~truth).sum())})")
        axis.hist(scores[truth], bins=edges, alpha=0.6, label=f"positive ({int(truth.sum())})")
        for band in data.bands_present():
            threshold = policy.band(band).labels[label].threshold
            axis.axvline(threshold, color=_BAND_COLOURS[band.value], ls=":", lw=1.2)
        axis.set_yscale("log")
        axis.set_xlabel("score", fontsize=8)
        axis.legend(fontsize=7)

    return _grid("Score histograms (dotted: the policy's threshold per band present)", draw)
