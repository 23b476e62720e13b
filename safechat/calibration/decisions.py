"""What a child sees: did each message get at least the action it needs?

For data whose lines say what they need (``needs``, ``support``; see
:mod:`safechat.calibration.data`), per age band:

- **harmful** lines (a positive label, and an action other than ``allow`` or the writer's
  support needed): the share that got at least the action needed, and support where needed;
  overall and per label;
- **benign** lines (no positive label, ``allow`` needed): the share given any other action;
- **help**: benign lines whose writer needs help (a child telling of harm): the share whose
  decision offered support.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from safechat.calibration.data import ScoredData
from safechat.types import LABELS

_Mask = npt.NDArray[np.bool_]


def needs_more_than_allow(positive: Any, needs: Any, wants_support: Any) -> Any:
    """Harmful: a positive label, and an action above ``allow`` or the writer's support needed.
    ``needs`` is the action's severity (0 = allow); scalars or arrays alike."""
    return np.logical_and(positive, np.logical_or(np.greater(needs, 0), wants_support))


def needs_allow(positive: Any, needs: Any) -> Any:
    """Benign: no positive label, and ``allow`` needed."""
    return np.logical_and(np.logical_not(positive), np.equal(needs, 0))


def got_what_it_needs(action: Any, support: Any, needs: Any, wants_support: Any) -> Any:
    """At least the action needed (severities), and support where the writer needs it."""
    return np.logical_and(
        np.greater_equal(action, needs), np.logical_or(support, np.logical_not(wants_support))
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _count(hit: _Mask, rows: _Mask) -> dict[str, Any]:
    lines, met = int(rows.sum()), int((hit & rows).sum())
    return {"lines": lines, "met": met, "share": _share(met, lines)}


def _flagged(flagged: _Mask, rows: _Mask) -> dict[str, Any]:
    lines, count = int(rows.sum()), int((flagged & rows).sum())
    return {"lines": lines, "flagged": count, "share": _share(count, lines)}


def decision_metrics(data: ScoredData) -> dict[str, Any]:
    """Per band in the data: ``harmful`` (overall and ``labels``), ``benign`` and ``help``.

    Returns an empty dict when the data says nothing about the actions lines need.
    """
    if not data.has_needs:
        return {}
    positive = data.truth == 1
    any_positive = positive.any(axis=1)
    known_need = data.needs >= 0
    harmful = known_need & needs_more_than_allow(any_positive, data.needs, data.wants_support)
    met = got_what_it_needs(data.actions, data.supports, data.needs, data.wants_support)
    benign = known_need & needs_allow(any_positive, data.needs)
    flagged = data.actions > 0
    result: dict[str, Any] = {}
    for band in data.bands_present():
        rows = data.band_rows(band)
        band_harmful = rows & harmful
        result[band.value] = {
            "harmful": _count(met, band_harmful),
            "labels": {
                label.value: _count(met, band_harmful & positive[:, column])
                for column, label in enumerate(LABELS)
                if bool((band_harmful & positive[:, column]).any())
            },
            "benign": _flagged(flagged, rows & benign),
            "help": _count(data.supports, rows & benign & data.wants_support),
        }
    return result


def summary_lines(metrics: dict[str, Any]) -> list[str]:
    """One line per band: harmful lines acted on, per label, and benign lines flagged."""
    lines = []
    for band, at in metrics.items():
        labels = " ".join(
            f"{name} {v['share']:.2f}" for name, v in at["labels"].items() if v["share"] is not None
        )
        harmful = at["harmful"]["share"]
        benign = at["benign"]["share"]
        lines.append(
            f"{band:9} harmful acted on {'n/a' if harmful is None else f'{harmful:.2f}'} ({labels}); "
            f"benign flagged {'n/a' if benign is None else f'{benign:.3f}'}"
        )
    return lines
