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


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _count(hit: _Mask, rows: _Mask) -> dict[str, Any]:
    lines, met = int(rows.sum()), int((hit & rows).sum())
    return {"lines": lines, "met": met, "share": _share(met, lines)}


def decision_metrics(data: ScoredData) -> dict[str, Any]:
    """Per band in the data: ``harmful`` (overall and ``labels``), ``benign`` and ``help``.

    Returns an empty dict when the data says nothing about the actions lines need.
    """
    if not data.has_needs:
        return {}
    positive = data.truth == 1
    any_positive = positive.any(axis=1)
    known_need = data.needs >= 0
    harmful = any_positive & known_need & ((data.needs > 0) | data.wants_support)
    met = (data.actions >= data.needs) & (~data.wants_support | data.supports)
    benign = ~any_positive & known_need & (data.needs == 0)
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
            "benign": {
                "lines": int((rows & benign).sum()),
                "flagged": int((rows & benign & flagged).sum()),
                "share": _share(int((rows & benign & flagged).sum()), int((rows & benign).sum())),
            },
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
