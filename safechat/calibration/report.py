"""``safechat eval``: metrics at the policy's thresholds, plots, one self-contained HTML report.

Writes ``metrics.json``, ``pr_curves.png``, ``reliability.png``, ``histograms.png`` and
``report.html`` (the PNGs embedded as base64 data URIs, so the file can be mailed on its own).
"""

from __future__ import annotations

import base64
import html
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from safechat.calibration import plots
from safechat.calibration.data import ACTIONS, ScoredData
from safechat.calibration.decisions import decision_metrics
from safechat.calibration.metrics import (
    FloatArray,
    average_precision,
    confusion,
    known,
    known_rows,
    reliability,
    roc_auc,
)
from safechat.policy.policy import LabelRule, Policy
from safechat.types import LABELS, AgeBand

PLOT_FILES = {
    "pr_curves.png": "Precision-recall curves",
    "reliability.png": "Reliability curves",
    "histograms.png": "Score histograms",
}


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def evaluate(data: ScoredData, policy: Policy, *, policy_version: str | None = None) -> dict[str, Any]:
    """All metrics as a JSON-ready dict (``None`` where a value is undefined).

    ``policy_version``: the version the decisions carried (with example banks, the policy's
    version and a digest of the banks); default: the policy's own version.
    """
    present = data.bands_present()
    labels: dict[str, Any] = {}
    for column, label in enumerate(LABELS):
        scores, truth = known(data.scores[:, column], data.truth[:, column])
        by_band: dict[str, Any] = {}
        for band in present:
            band_scores, band_truth = known(
                data.scores[:, column], data.truth[:, column], data.band_rows(band)
            )
            rule = policy.band(band).labels[label]
            counts = confusion(
                band_scores, band_truth, rule.threshold, per_row=_row_thresholds(data, column, band, rule)
            )
            by_band[band.value] = {
                "threshold": counts.threshold,
                "language_thresholds": dict(rule.language_thresholds),
                "precision": _round(counts.precision),
                "recall": _round(counts.recall),
                "f1": _round(counts.f1),
                "confusion": {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn, "tn": counts.tn},
            }
        labels[label.value] = {
            "positives": int(truth.sum()),
            "negatives": int(truth.size - truth.sum()),
            "roc_auc": _round(roc_auc(scores, truth)),
            "pr_auc": _round(average_precision(scores, truth)),
            "ece": _round(reliability(scores, truth).ece) if scores.size else None,
            "bands": by_band,
        }
    harmful = np.any(data.truth == 1, axis=1)
    actions: dict[str, Any] = {}
    for band in present:
        rows = data.band_rows(band)
        actions[band.value] = {
            "lines": int(rows.sum()),
            "all": _action_counts(data.actions[rows]),
            "harmful": _action_counts(data.actions[rows & harmful]),
            "clean": _action_counts(data.actions[rows & ~harmful]),
        }
    return {
        "data": {
            "file": data.source,
            "sha256": data.sha256,
            "lines_scored": data.size,
            "bad_lines": data.problem_count,
            "bands": {band.value: int(data.band_rows(band).sum()) for band in present},
        },
        "model_version": data.model_version,
        "policy_version": policy_version or policy.version,
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "labels": labels,
        "actions": actions,
        "decisions": decision_metrics(data),
    }


def _row_thresholds(data: ScoredData, column: int, band: AgeBand, rule: LabelRule) -> FloatArray | None:
    """Each known line's threshold by its detected language, as the engine applies it; ``None``
    when the rule has no ``language_thresholds`` or the data has no languages."""
    if not rule.language_thresholds or len(data.languages) != data.size:
        return None
    mask = known_rows(data.truth[:, column], data.band_rows(band))
    return np.array([rule.threshold_for(data.languages[i]) for i in np.flatnonzero(mask)], dtype=np.float64)


def _action_counts(codes: np.ndarray[Any, Any]) -> dict[str, int]:
    counts = np.bincount(codes.astype(np.int64), minlength=len(ACTIONS))
    return {action.value: int(counts[i]) for i, action in enumerate(ACTIONS)}


def write_report(
    data: ScoredData, policy: Policy, out_dir: str | Path, *, policy_version: str | None = None
) -> dict[str, Any]:
    """Write metrics.json, the PNGs and report.html into ``out_dir``; returns the metrics.

    Raises:
        PlotsUnavailableError: matplotlib is not installed.
        OSError: ``out_dir`` cannot be written.
    """
    plots.require_matplotlib()
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    metrics = evaluate(data, policy, policy_version=policy_version)
    images = {
        "pr_curves.png": plots.pr_curves_png(data, policy),
        "reliability.png": plots.reliability_png(data),
        "histograms.png": plots.histograms_png(data, policy),
    }
    for name, png in images.items():
        (folder / name).write_bytes(png)
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", "utf-8")
    (folder / "report.html").write_text(render_html(metrics, images), "utf-8")
    return metrics


def _cell(value: Any) -> str:
    if value is None:
        return "<td class=na>n/a</td>"
    if isinstance(value, float):
        return f"<td>{value:.3f}</td>"
    return f"<td>{html.escape(str(value))}</td>"


def _row(values: list[Any], header: bool = False) -> str:
    if header:
        return "<tr>" + "".join(f"<th>{html.escape(str(v))}</th>" for v in values) + "</tr>"
    return "<tr>" + "".join(_cell(v) for v in values) + "</tr>"


def render_html(metrics: dict[str, Any], images: dict[str, bytes]) -> str:
    """The self-contained report: summary, tables, and the plots as data URIs."""
    data = metrics["data"]
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<title>safechat evaluation</title><style>",
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}",
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
        "text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
        ".na{color:#999}img{max-width:100%}",
        "</style></head><body>",
        "<h1>safechat evaluation</h1>",
        f"<p>Data <code>{html.escape(data['file'])}</code> (sha256 <code>{html.escape(data['sha256'])}"
        f"</code>): {data['lines_scored']} lines scored, {data['bad_lines']} bad lines. "
        f"Model <code>{html.escape(metrics['model_version'])}</code>, policy "
        f"<code>{html.escape(metrics['policy_version'])}</code>, {html.escape(metrics['created'])}.</p>",
        "<h2>Per label</h2><p>ROC-AUC and PR-AUC over all lines; precision, recall and F1 at the "
        "policy's threshold for each age band in the data (lines without a band count as under_13). "
        "ECE: expected calibration error (0 = scores match observed frequencies).</p>",
        "<table>",
        _row(
            ["label", "band", "positives", "negatives", "ROC-AUC", "PR-AUC", "ECE", "threshold"]
            + ["precision", "recall", "F1", "TP", "FP", "FN", "TN"],
            header=True,
        ),
    ]
    for name, label in metrics["labels"].items():
        for band, at in label["bands"].items():
            c = at["confusion"]
            parts.append(
                _row(
                    [name, band, label["positives"], label["negatives"], label["roc_auc"], label["pr_auc"]]
                    + [label["ece"], f"{at['threshold']:g}", at["precision"], at["recall"], at["f1"]]
                    + [c["tp"], c["fp"], c["fn"], c["tn"]]
                )
            )
    parts.append(
        "</table><h2>Actions taken</h2><p>Per band: all lines, lines with at least one "
        "harmful label, lines with none.</p><table>"
    )
    parts.append(_row(["band", "lines", *[a.value for a in ACTIONS]], header=True))
    for band, counts in metrics["actions"].items():
        for group in ("all", "harmful", "clean"):
            parts.append(_row([f"{band} ({group})", sum(counts[group].values()), *counts[group].values()]))
    parts.append("</table>")
    parts.extend(_decisions_html(metrics.get("decisions", {})))
    for name, png in images.items():
        encoded = base64.b64encode(png).decode("ascii")
        title = html.escape(PLOT_FILES.get(name, name))
        parts.append(f'<h2>{title}</h2><img alt="{title}" src="data:image/png;base64,{encoded}">')
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _decisions_html(decisions: dict[str, Any]) -> list[str]:
    if not decisions:
        return []
    labels = [label.value for label in LABELS]
    parts = [
        "<h2>What the child sees</h2><p>Per band: the share of harmful lines that got at least the "
        "action they need (and support where the writer needs it), overall and per label; the share "
        "of benign lines given anything but allow; the share of children telling of harm who were "
        "offered support.</p><table>",
        _row(["band", "harmful", *labels, "benign flagged", "help offered"], header=True),
    ]
    for band, at in decisions.items():
        per_label = [at["labels"].get(name, {}).get("share") for name in labels]
        parts.append(
            _row([band, at["harmful"]["share"], *per_label, at["benign"]["share"], at["help"]["share"]])
        )
    parts.append("</table>")
    return parts


__all__ = ["evaluate", "render_html", "write_report"]
