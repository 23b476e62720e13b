"""Fit each label's threshold per age band to a precision or recall target.

Rules, in order:

1. For each band with data and each label with at least ``min_positives`` known positives in
   that band, pick the threshold: for ``precision=p`` the lowest score whose precision is >= p
   (the most recall at that precision); for ``recall=r`` the highest score whose recall is >= r.
   Thresholds are rounded *down* to 4 decimals where that flags no further line (else 6).
2. Everything else keeps the base policy's threshold, and provenance says why
   (``not_in_data``, ``not_selected``, ``too_few_positives``, ``target_unreachable``).
3. Younger bands stay at least as strict as older ones: a younger band's threshold is lowered
   to the next older band's when it is above it (never loosening an older band).
4. ``high_threshold`` is raised to the threshold where it would fall below it.

Every adjustment is recorded in the new policy's ``provenance`` table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Literal

from safechat.calibration.data import BANDS, ScoredData
from safechat.calibration.metrics import BoolArray, FloatArray, confusion, known, pr_curve
from safechat.policy.policy import Policy
from safechat.types import LABELS, AgeBand, Label

DEFAULT_MIN_POSITIVES = 20
"""Fewer known positives than this in a band: the label keeps the base threshold there."""

Status = Literal["fitted", "not_in_data", "not_selected", "too_few_positives", "target_unreachable"]


@dataclass(frozen=True, slots=True)
class Target:
    """What to reach: ``precision`` or ``recall`` at least ``value`` (0 < value <= 1)."""

    metric: Literal["precision", "recall"]
    value: float

    @classmethod
    def parse(cls, text: str) -> Target:
        """Parse ``precision=0.9`` or ``recall=0.8``.

        Raises:
            ValueError: anything else, or a value outside (0, 1].
        """
        name, _, number = text.partition("=")
        name = name.strip().lower()
        try:
            value = float(number)
        except ValueError:
            value = math.nan
        if name not in ("precision", "recall") or not 0.0 < value <= 1.0:
            raise ValueError(f"target must be precision=P or recall=R with 0 < value <= 1, not {text!r}")
        return cls("precision" if name == "precision" else "recall", value)

    def __str__(self) -> str:
        return f"{self.metric}={self.value:g}"


_MARGIN = 1e-7
"""Kept between a written threshold and the score it admits: the engine compares float64 scores."""


def _written(score: float, lower: float) -> float:
    """A short threshold that still flags ``score`` and not ``lower`` (the next lower score)."""
    for decimals in (4, 6):
        step = 10.0**-decimals
        candidate = round(math.floor((score - _MARGIN) / step) * step, decimals)
        if lower < candidate:
            return max(0.0, candidate)
    return max(0.0, score - _MARGIN)


def fit_threshold(scores: FloatArray, truth: BoolArray, target: Target) -> float | None:
    """The threshold that meets ``target`` on these scores, or ``None`` when none does."""
    curve = pr_curve(scores, truth)
    if curve.thresholds.size == 0:
        return None
    if target.metric == "recall":
        reached = curve.recall >= target.value - 1e-12
        index = int(reached.argmax())  # highest threshold reaching the recall
    else:
        reached = curve.precision >= target.value - 1e-12
        if not reached.any():
            return None
        index = int(reached.size - 1 - reached[::-1].argmax())  # lowest threshold keeping the precision
    lower = float(curve.thresholds[index + 1]) if index + 1 < curve.thresholds.size else -math.inf
    return _written(float(curve.thresholds[index]), lower)


@dataclass(frozen=True, slots=True)
class Entry:
    """The outcome for one label in one band."""

    band: AgeBand
    label: Label
    status: Status
    base_threshold: float
    fitted: float | None
    threshold: float
    positives: int
    negatives: int
    precision: float | None = None
    recall: float | None = None
    clamped_from: float | None = None
    high_threshold_raised_from: float | None = None

    def provenance(self) -> dict[str, Any]:
        """This entry as a TOML-ready table (no ``None`` values)."""
        table: dict[str, Any] = {
            "status": self.status,
            "threshold": self.threshold,
            "base_threshold": self.base_threshold,
            "positives": self.positives,
            "negatives": self.negatives,
        }
        optional = {
            "fitted_threshold": self.fitted,
            "precision": None if self.precision is None else round(self.precision, 4),
            "recall": None if self.recall is None else round(self.recall, 4),
            "clamped_from": self.clamped_from,
            "high_threshold_raised_from": self.high_threshold_raised_from,
        }
        table.update({key: value for key, value in optional.items() if value is not None})
        return table


@dataclass(frozen=True)
class Calibration:
    """The calibrated policy and what happened to every label in every band."""

    policy: Policy
    entries: tuple[Entry, ...]
    adjustments: tuple[str, ...]


def calibrate(
    base: Policy,
    data: ScoredData,
    target: Target,
    *,
    bands: Sequence[AgeBand] | None = None,
    min_positives: int = DEFAULT_MIN_POSITIVES,
    version: str | None = None,
    created: datetime | None = None,
) -> Calibration:
    """Fit thresholds on ``data`` and return a new policy built on ``base``.

    Args:
        base: the policy whose actions, rules and other thresholds are kept.
        data: scored labelled lines (:func:`safechat.calibration.data.score_file`).
        target: the precision or recall to reach per label and band.
        bands: the bands to fit (default: every band present in ``data``).
        min_positives: labels with fewer known positives in a band keep the base threshold.
        version: the new policy's version (default: base version + data hash).
        created: the timestamp recorded in provenance (default: now, UTC).
    """
    selected = set(bands) if bands is not None else set(BANDS)
    present = set(data.bands_present())
    entries: dict[tuple[AgeBand, Label], Entry] = {}
    for band in BANDS:
        rows = data.band_rows(band)
        for label in LABELS:
            entries[band, label] = _fit_one(
                base, data, rows, band, label, target, band in present, band in selected, min_positives
            )
    adjustments = _clamp_bands(entries, data)
    adjustments += _raise_high(entries, base)
    policy = _build(base, data, target, entries, adjustments, min_positives, version, created, bands)
    return Calibration(policy, tuple(entries.values()), tuple(adjustments))


def _fit_one(
    base: Policy,
    data: ScoredData,
    rows: BoolArray,
    band: AgeBand,
    label: Label,
    target: Target,
    present: bool,
    selected: bool,
    min_positives: int,
) -> Entry:
    base_threshold = base.band(band).labels[label].threshold
    column = LABELS.index(label)
    scores, truth = known(data.scores[:, column], data.truth[:, column], rows)
    positives, negatives = int(truth.sum()), int(truth.size - truth.sum())
    fitted: float | None = None
    status: Status
    if not selected:
        status = "not_selected"
    elif not present or truth.size == 0:
        status = "not_in_data"
    elif positives < min_positives:
        status = "too_few_positives"
    else:
        fitted = fit_threshold(scores, truth, target)
        status = "fitted" if fitted is not None else "target_unreachable"
    threshold = fitted if fitted is not None else base_threshold
    return _measured(
        Entry(band, label, status, base_threshold, fitted, threshold, positives, negatives), scores, truth
    )


def _measured(entry: Entry, scores: FloatArray, truth: BoolArray) -> Entry:
    if truth.size == 0:
        return entry
    counts = confusion(scores, truth, entry.threshold)
    return replace(entry, precision=counts.precision, recall=counts.recall)


def _clamp_bands(entries: dict[tuple[AgeBand, Label], Entry], data: ScoredData) -> list[str]:
    notes: list[str] = []
    for label in LABELS:
        column = LABELS.index(label)
        for younger, older in reversed(list(zip(BANDS, BANDS[1:], strict=False))):
            young, old = entries[younger, label], entries[older, label]
            if young.threshold <= old.threshold:
                continue
            notes.append(
                f"bands.{younger.value}.labels.{label.value}.threshold lowered from {young.threshold:g} "
                f"to {old.threshold:g} ({older.value}'s): younger bands stay at least as strict"
            )
            scores, truth = known(data.scores[:, column], data.truth[:, column], data.band_rows(younger))
            clamped = replace(young, threshold=old.threshold, clamped_from=young.threshold)
            entries[younger, label] = _measured(replace(clamped, precision=None, recall=None), scores, truth)
    return notes


def _raise_high(entries: dict[tuple[AgeBand, Label], Entry], base: Policy) -> list[str]:
    notes: list[str] = []
    for (band, label), entry in entries.items():
        high = base.band(band).labels[label].high_threshold
        if high is not None and high < entry.threshold:
            notes.append(
                f"bands.{band.value}.labels.{label.value}.high_threshold raised from {high:g} "
                f"to {entry.threshold:g} (must be >= threshold)"
            )
            entries[band, label] = replace(entry, high_threshold_raised_from=high)
    return notes


def _build(
    base: Policy,
    data: ScoredData,
    target: Target,
    entries: dict[tuple[AgeBand, Label], Entry],
    adjustments: list[str],
    min_positives: int,
    version: str | None,
    created: datetime | None,
    bands: Sequence[AgeBand] | None,
) -> Policy:
    dumped = base.model_dump(mode="json", exclude_none=True)
    for (band, label), entry in entries.items():
        rule = dumped["bands"][band.value]["labels"][label.value]
        rule["threshold"] = entry.threshold
        if entry.status == "fitted":
            # fitted on the team's own data, in its languages: the shipped languages' own go
            rule.pop("language_thresholds", None)
            rule.pop("language_high_thresholds", None)
        if entry.high_threshold_raised_from is not None:
            rule["high_threshold"] = entry.threshold
    when = (created or datetime.now(timezone.utc)).astimezone(timezone.utc)
    present = [band.value for band in data.bands_present()]
    kept = [
        f"{e.band.value}.{e.label.value}: {e.status}"
        + (f" ({e.positives} < {min_positives})" if e.status == "too_few_positives" else "")
        for e in entries.values()
        if e.status != "fitted" and e.band.value in present and e.status != "not_selected"
    ]
    dumped["version"] = version or f"{base.version}+cal.{data.sha256[:8]}"
    dumped["description"] = f"Calibrated with safechat calibrate for {target} on {data.source}."
    dumped["provenance"] = {
        "tool": "safechat calibrate",
        "created": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data_file": data.source,
        "data_sha256": data.sha256,
        "data_lines": data.size,
        "model_version": data.model_version,
        "base_policy": base.version,
        "target": str(target),
        "min_positives": min_positives,
        "bands_in_data": present,
        "bands_fitted": sorted(
            {e.band.value for e in entries.values() if e.status == "fitted"},
            key=[b.value for b in BANDS].index,
        ),
        "bands_kept_base": [b.value for b in BANDS if b.value not in present or (bands and b not in bands)],
        "kept_base_threshold": kept,
        "adjustments": adjustments,
        "thresholds": {
            band.value: {label.value: entries[band, label].provenance() for label in LABELS} for band in BANDS
        },
    }
    return Policy.from_mapping(dumped, source="calibrated policy")
