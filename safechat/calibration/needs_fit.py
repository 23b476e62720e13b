"""Fit thresholds to what each message needs: ``safechat calibrate --target needs``.

For data whose lines say which action they need in each band (``needs``, ``support``), the
thresholds of every label, per band, are chosen to make the most harmful lines get at least the
action they need (the mean over labels of that share), while at most ``max_flagged`` of the
benign lines get any action other than ``allow``. Support-only labels (self-harm: the message is
delivered and its writer offered help) are not in that search, since a help prompt is not an
action: each gets the lowest threshold at which benign lines get a help prompt they did not need
at most as often as the budget. Decisions are simulated with the engine's own
:func:`~safechat.policy.decide.decide` on the recorded scores, rule hits and evasions, so rules,
context tempering, evasion raising and masking count exactly as at run time.

The search is coordinate ascent from the base policy: label by label, the threshold (and the
high threshold, where the label has one) moves over the score quantiles of the band's lines,
keeping the best value of the mean share less a penalty per unit flagged over the budget and per
unit a label is served below the base policy (no label served worse than before); three passes,
once per penalty in ``_PENALTIES``, keeping the best policy within the budget (the least over it
when none is within). Bands are fitted from the oldest to the youngest, and a younger band's
threshold never goes above the next older band's (stricter for younger children). The actions
themselves are the base policy's. A label with fewer than ``min_positives`` harmful lines in a
band keeps its thresholds there. Every change is recorded in ``provenance``.

With ``language`` (``fit_to_needs(..., language="uk")``), the fit moves that language's own
thresholds (a label's ``language_thresholds`` and ``language_high_thresholds``) instead, from
where the policy has them; every other language's thresholds stay as they are. Give it the cases of
that language only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from safechat.calibration.data import BANDS, DataError, LabelledLine, LineProblem, parse_line
from safechat.calibration.decisions import got_what_it_needs, needs_allow, needs_more_than_allow
from safechat.detect import RuleHit
from safechat.engine import Message, Moderator
from safechat.jsonl import LineError
from safechat.language import locale_language
from safechat.normalize import Evasion
from safechat.policy.decide import decide
from safechat.policy.policy import BandPolicy, LabelRule, Policy
from safechat.types import LABELS, Action, AgeBand, Label, Scores

_PASSES = 3
_CANDIDATES = 20
_PENALTIES = (1.0, 3.0, 10.0, 30.0)
"""Each unit of benign lines flagged over budget costs this much mean share; the fit keeps the
best result within the budgets (the least over them when none is within)."""


@dataclass(frozen=True, slots=True)
class Case:
    """One line in one band: what :func:`decide` needs, and what the line needs. No text."""

    scores: Scores
    hits: tuple[RuleHit, ...]
    evasions: tuple[Evasion, ...]
    language: str | None
    band: AgeBand
    truth: tuple[int, ...]
    needs: Action
    wants_support: bool
    source: str = ""
    """Where the line came from; each source's benign lines have their own budget."""

    @property
    def harmful(self) -> bool:
        return bool(needs_more_than_allow(1 in self.truth, self.needs.severity, self.wants_support))

    @property
    def benign(self) -> bool:
        return bool(needs_allow(1 in self.truth, self.needs.severity))


@dataclass(frozen=True)
class Outcome:
    """How a band policy does on its cases."""

    label_shares: dict[Label, float]
    flagged: float
    flagged_by_source: dict[str, float] = field(default_factory=dict)

    @property
    def mean_share(self) -> float:
        return float(np.mean(list(self.label_shares.values()))) if self.label_shares else 0.0


@dataclass(frozen=True)
class NeedsFit:
    """The fitted policy, and per band the outcome before and after on the fitting data."""

    policy: Policy
    before: dict[AgeBand, Outcome]
    after: dict[AgeBand, Outcome]
    changes: list[str] = field(default_factory=list)


def _served(band: BandPolicy, case: Case) -> bool:
    """Harmful case: it got at least what it needs. Benign case: it was given an action."""
    verdict = decide(band, case.scores, case.hits, case.evasions, language=case.language)
    if case.harmful:
        return bool(
            got_what_it_needs(
                verdict.action.severity, verdict.support, case.needs.severity, case.wants_support
            )
        )
    return verdict.action is not Action.ALLOW


class _Evaluator:
    """Outcomes of candidate band policies, re-deciding only the cases a threshold move can change
    (a case whose score for the label is on the same side of the old and the new threshold keeps
    its decision), so each candidate costs a fraction of a full pass."""

    def __init__(self, band: BandPolicy, cases: Sequence[Case], min_positives: int) -> None:
        self.cases = cases
        self.scores = np.array([[c.scores[label] for label in LABELS] for c in cases], dtype=np.float64)
        harmful = np.array([c.harmful for c in cases], dtype=bool)
        truth = np.array([c.truth for c in cases], dtype=np.int8) == 1
        self.rows = {
            label: harmful & truth[:, j]
            for j, label in enumerate(LABELS)
            if int((harmful & truth[:, j]).sum()) >= min_positives
        }
        self.benign = np.array([c.benign for c in cases], dtype=bool)
        sources = np.array([c.source for c in cases])
        self.sources = {name: self.benign & (sources == name) for name in sorted(set(sources.tolist()))}
        self.served = np.array([_served(band, c) for c in cases], dtype=bool)

    def outcome(self, served: np.ndarray) -> Outcome:
        shares = {label: float(served[rows].mean()) for label, rows in self.rows.items()}
        flagged = float(served[self.benign].mean()) if self.benign.any() else 0.0
        by_source = {name: float(served[rows].mean()) for name, rows in self.sources.items() if rows.any()}
        return Outcome(shares, flagged, by_source)

    def moved(self, old: BandPolicy, new: BandPolicy, label: Label) -> np.ndarray:
        """``served`` under ``new``, which differs from ``old`` in ``label``'s thresholds only."""
        column = self.scores[:, LABELS.index(label)]
        changed = np.zeros(len(self.cases), dtype=bool)
        a, b = old.labels[label], new.labels[label]
        pairs = [(a.threshold, b.threshold), (a.high_threshold, b.high_threshold)]
        languages = {*a.language_thresholds, *b.language_thresholds}
        pairs += [(a.threshold_for(k), b.threshold_for(k)) for k in languages]
        high_languages = {*a.language_high_thresholds, *b.language_high_thresholds}
        pairs += [(a.high_threshold_for(k), b.high_threshold_for(k)) for k in high_languages]
        for before, after in pairs:
            if before is not None and after is not None and before != after:
                changed |= (column >= min(before, after)) & (column < max(before, after))
        served: np.ndarray = np.array(self.served, dtype=bool)
        for i in np.flatnonzero(changed):
            served[i] = _served(new, self.cases[int(i)])
        return served


def outcome(band: BandPolicy, cases: Sequence[Case], *, min_positives: int = 1) -> Outcome:
    """Shares met per label (labels with at least ``min_positives`` harmful cases) and the share
    of benign cases flagged (overall and per source), deciding every case with ``band``."""
    evaluator = _Evaluator(band, cases, min_positives)
    return evaluator.outcome(evaluator.served)


def _excess(result: Outcome, budgets: Mapping[str, float]) -> float:
    """How far the benign lines flagged go over their sources' budgets, summed (0: within)."""
    return sum(max(0.0, flagged - budgets[name]) for name, flagged in result.flagged_by_source.items())


def _objective(
    result: Outcome, budgets: Mapping[str, float], penalty: float, floors: Mapping[Label, float]
) -> float:
    """The mean share served, less ``penalty`` for each unit over the budgets and for each unit a
    label's share falls below its floor (the base policy's: no label served worse than before)."""
    shortfall = sum(max(0.0, floors.get(label, 0.0) - share) for label, share in result.label_shares.items())
    return result.mean_share - penalty * (_excess(result, budgets) + shortfall)


def _with(band: BandPolicy, label: Label, language: str | None = None, **changes: Any) -> BandPolicy:
    """``band`` with ``label``'s rule changed; with ``language``, the threshold changes go to
    that language's own thresholds (a high threshold below the threshold takes it down with it,
    a threshold above the high threshold takes it up)."""
    rule = band.labels[label]
    data = rule.model_dump()
    if language is not None:
        low, high = rule.threshold_for(language), rule.high_threshold_for(language)
        if "threshold" in changes:
            low = changes.pop("threshold")
            high = None if high is None else max(high, low)
        if "high_threshold" in changes:
            high = changes.pop("high_threshold")
            low = min(low, high)
        data["language_thresholds"] = {**rule.language_thresholds, language: low}
        if high is not None:
            data["language_high_thresholds"] = {**rule.language_high_thresholds, language: high}
    elif "threshold" in changes and "en" in rule.language_thresholds:
        data["language_thresholds"] = {**rule.language_thresholds, "en": changes["threshold"]}
    data.update(changes)
    if data.get("high_threshold") is not None and data["high_threshold"] < data["threshold"]:
        data["high_threshold"] = data["threshold"]
    labels = {**band.labels, label: LabelRule.model_validate(data)}
    return band.model_copy(update={"labels": labels})


def _grid(cases: Sequence[Case], label: Label) -> list[float]:
    scores = np.array([c.scores[label] for c in cases], dtype=np.float64)
    quantiles = np.quantile(scores, np.linspace(0.5, 0.995, _CANDIDATES))
    return sorted({round(float(q), 4) for q in quantiles if 0.0 < q < 1.0})


def fit_band(
    band: BandPolicy,
    cases: Sequence[Case],
    *,
    budgets: Mapping[str, float],
    min_positives: int,
    ceilings: dict[Label, float] | None = None,
    language: str | None = None,
    keep_served: bool = True,
    support_budgets: Mapping[str, float] | None = None,
) -> BandPolicy:
    """The band policy with thresholds moved to serve ``cases`` best (see the module docstring).

    ``ceilings``: the highest threshold each label may have (an older band's: a younger band is
    at least as strict); a base threshold above it starts at it. ``language``: move that
    language's own thresholds only. ``keep_served``: no label served worse than under the base;
    off for a language the base never served (one its model could not read), where the base's
    shares are no level to keep. ``support_budgets``: per source, how often benign lines may get a
    help prompt they did not need (default: ``budgets``).
    """
    ceilings = ceilings or {}
    band = _clamped(band, ceilings, language)
    band = _support_thresholds(
        band,
        cases,
        budgets if support_budgets is None else support_budgets,
        min_positives=min_positives,
        ceilings=ceilings,
        language=language,
    )
    # no label served worse than the base policy (in a language's fit too: without floors it traded
    # bullying and hate for sexual and grooming)
    floors = outcome(band, cases, min_positives=min_positives).label_shares if keep_served else {}
    results = [
        _ascend(
            band,
            cases,
            budgets=budgets,
            min_positives=min_positives,
            ceilings=ceilings,
            penalty=penalty,
            floors=floors,
            language=language,
        )
        for penalty in _PENALTIES
    ]
    within = [r for r in results if _excess(r[1], budgets) <= 0.0]
    if within:
        return max(within, key=lambda r: r[1].mean_share)[0]
    return min(results, key=lambda r: _excess(r[1], budgets))[0]


def _support_thresholds(
    band: BandPolicy,
    cases: Sequence[Case],
    budgets: Mapping[str, float],
    *,
    min_positives: int,
    ceilings: dict[Label, float],
    language: str | None = None,
) -> BandPolicy:
    """Each support-only label (action allow, support on) at the lowest threshold at which each
    source's benign lines get a help prompt they did not need at most as often as its budget."""
    for label in LABELS:
        rule = band.labels[label]
        harmful = sum(1 for c in cases if c.harmful and c.truth[LABELS.index(label)] == 1)
        if rule.action is not Action.ALLOW or not rule.support or harmful < min_positives:
            continue
        threshold = 0.0
        for name, budget in budgets.items():
            scores = [c.scores[label] for c in cases if c.benign and c.source == name and not c.wants_support]
            if scores:
                threshold = max(threshold, float(np.quantile(scores, 1.0 - budget)))
        threshold = min(round(threshold, 4), ceilings.get(label, 1.0))
        band = _with(band, label, language, threshold=threshold)
    return band


def _current(rule: LabelRule, name: str, language: str | None) -> float:
    """A label's threshold (``name``: ``threshold`` or ``high_threshold``) for ``language``."""
    if name == "threshold":
        return rule.threshold_for(language)
    high = rule.high_threshold_for(language)
    return 1.0 if high is None else high


def _ascend(
    band: BandPolicy,
    cases: Sequence[Case],
    *,
    budgets: Mapping[str, float],
    min_positives: int,
    ceilings: dict[Label, float],
    penalty: float,
    floors: Mapping[Label, float],
    language: str | None = None,
) -> tuple[BandPolicy, Outcome]:
    """Coordinate ascent on the penalised objective from ``band``; the band and its outcome."""
    evaluator = _Evaluator(band, cases, min_positives)
    # support-only labels (self-harm: allow, with help for the writer) are set by
    # _support_thresholds: a help prompt is not an action, so this search would trade nothing for it
    labels = [label for label in LABELS if band.labels[label].action is not Action.ALLOW]
    # a label with too few harmful lines to measure is searched in a language's fit only, and only
    # upwards: its threshold may rise to spare benign lines, never fall on no evidence
    unmeasured = {label for label in labels if label not in evaluator.rows}
    if language is None:
        labels = [label for label in labels if label not in unmeasured]
    best = _objective(evaluator.outcome(evaluator.served), budgets, penalty, floors)
    for _ in range(_PASSES):
        improved = False
        for label in labels:
            grid = sorted({*_grid(cases, label), *([ceilings[label]] if label in ceilings else [])})
            has_high = band.labels[label].high_threshold is not None
            fields = ["threshold"] + (["high_threshold"] if has_high else [])
            for name in fields:
                for value in grid:
                    if name == "threshold" and value > ceilings.get(label, 1.0):
                        continue
                    if label in unmeasured and value <= _current(band.labels[label], name, language):
                        continue
                    changes = {name: value}
                    if name == "high_threshold" and value < band.labels[label].threshold and language is None:
                        changes["threshold"] = value  # the high threshold takes the threshold down with it
                    try:
                        candidate = _with(band, label, language, **changes)
                    except ValidationError:  # e.g. a high threshold under a language's threshold
                        continue
                    served = evaluator.moved(band, candidate, label)
                    score = _objective(evaluator.outcome(served), budgets, penalty, floors)
                    if score > best + 1e-9:
                        best, band, improved = score, candidate, True
                        evaluator.served = served
        if not improved:
            break
    return band, evaluator.outcome(evaluator.served)


def fit_to_needs(
    policy: Policy,
    cases: Sequence[Case],
    *,
    max_flagged: float = 0.04,
    min_positives: int = 10,
    version: str | None = None,
    keep_flagged: Sequence[str] = (),
    language: str | None = None,
    keep_served: bool = True,
    max_support: float | None = None,
) -> NeedsFit:
    """Fit every band with cases; see the module docstring (``language``: fit that language's
    own thresholds; ``keep_served``: see :func:`fit_band`).

    Each source's benign cases may be flagged at most ``max_flagged``; for the sources in
    ``keep_flagged`` (data from other platforms, say), at most as often as the base policy flags
    them in the band, when that is more. ``max_support``: how often each source's benign cases may
    get a help prompt they did not need (default: the same budgets as for flagging).

    Raises:
        ValueError: ``max_flagged`` or ``max_support`` outside [0, 1).
    """
    if not 0.0 <= max_flagged < 1.0:
        raise ValueError("max_flagged must be in [0, 1)")
    if max_support is not None and not 0.0 <= max_support < 1.0:
        raise ValueError("max_support must be in [0, 1)")
    bands = dict(policy.bands)
    before: dict[AgeBand, Outcome] = {}
    after: dict[AgeBand, Outcome] = {}
    for position in range(len(BANDS) - 1, -1, -1):  # oldest first: it bounds the younger ones
        band = BANDS[position]
        mine = [c for c in cases if c.band is band]
        older = bands[BANDS[position + 1]] if position + 1 < len(BANDS) else None
        ceilings = _ceilings(bands[band], older, language) if older is not None else {}
        if not mine:
            bands[band] = _clamped(bands[band], ceilings, language)
            continue
        before[band] = outcome(bands[band], mine, min_positives=min_positives)
        budgets = {
            name: max(max_flagged, flagged) if name in keep_flagged else max_flagged
            for name, flagged in before[band].flagged_by_source.items()
        }
        bands[band] = fit_band(
            bands[band],
            mine,
            budgets=budgets,
            min_positives=min_positives,
            ceilings=ceilings,
            language=language,
            keep_served=keep_served,
            support_budgets=None if max_support is None else dict.fromkeys(budgets, max_support),
        )
    for band in before:
        after[band] = outcome(bands[band], [c for c in cases if c.band is band], min_positives=min_positives)
    changes = _changes(policy, bands)
    provenance = {
        **policy.provenance,
        "calibrated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "method": f"needs (max benign flagged {max_flagged:g}, min harmful lines {min_positives})"
        + (f", max unneeded help {max_support:g}" if max_support is not None else "")
        + (f", {language} thresholds" if language else ""),
        "base_policy": policy.version,
        "changes": changes,
        "fitting_outcome": {
            band.value: {
                "before": {
                    "mean_share": round(before[band].mean_share, 4),
                    "benign_flagged": round(before[band].flagged, 4),
                },
                "after": {
                    "mean_share": round(after[band].mean_share, 4),
                    "benign_flagged": round(after[band].flagged, 4),
                },
            }
            for band in after
        },
    }
    fitted = policy.model_copy(
        update={"bands": bands, "version": version or f"{policy.version}+needs", "provenance": provenance}
    )
    return NeedsFit(Policy.model_validate(fitted.model_dump()), before, after, changes)


def _changes(policy: Policy, bands: dict[AgeBand, BandPolicy]) -> list[str]:
    notes = []
    for band in BANDS:
        for label in LABELS:
            old, new = policy.bands[band].labels[label], bands[band].labels[label]
            for name in ("threshold", "high_threshold"):
                a, b = getattr(old, name), getattr(new, name)
                if a != b:
                    notes.append(f"{band.value}.{label.value}.{name}: {a:g} -> {b:g}")
            for language, b in new.language_thresholds.items():
                a = old.threshold_for(language)
                if a != b:
                    notes.append(f"{band.value}.{label.value}.language_thresholds.{language}: {a:g} -> {b:g}")
            for language, high in new.language_high_thresholds.items():
                was = old.high_threshold_for(language)
                if was is not None and was != high:
                    notes.append(
                        f"{band.value}.{label.value}.language_high_thresholds.{language}: {was:g} -> {high:g}"
                    )
    return notes


def _clamped(band: BandPolicy, ceilings: Mapping[Label, float], language: str | None = None) -> BandPolicy:
    """``band`` with each threshold (``language``'s) above its ceiling lowered to it."""
    for label, ceiling in ceilings.items():
        if band.labels[label].threshold_for(language) > ceiling:
            band = _with(band, label, language, threshold=ceiling)
    return band


def _ceilings(younger: BandPolicy, older: BandPolicy, language: str | None = None) -> dict[Label, float]:
    """The older band's thresholds (``language``'s), for the labels whose younger action is at
    least as strict; not where the older band's threshold gives nothing (``allow`` without
    support): a threshold that acts on nothing bounds nothing."""
    return {
        label: older.labels[label].threshold_for(language)
        for label in LABELS
        if younger.labels[label].action.severity >= older.labels[label].action.severity
        and (older.labels[label].action is not Action.ALLOW or older.labels[label].support)
    }


def read_lines(path: Path) -> tuple[list[LabelledLine], list[LineProblem]]:
    """Every line of ``path`` once per age band, and the bad lines (by number, never text).

    Raises:
        DataError: the file cannot be read.
    """
    lines: list[LabelledLine] = []
    problems: list[LineProblem] = []
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    lines.extend(parse_line(number, raw, band=band) for band in BANDS)
                except LineError as problem:
                    problems.append(LineProblem(number, str(problem)))
    except OSError as err:
        raise DataError(f"cannot read data file {path}: {err.strerror}") from None
    return lines, problems


def cases_from_lines(
    moderator: Moderator,
    lines: Sequence[LabelledLine],
    *,
    batch_size: int = 64,
    source: str = "",
    heads: bool = True,
    head_overrides: Mapping[str, Mapping[str, float]] | None = None,
) -> list[Case]:
    """Score ``lines`` (each in its own band) and record what :func:`decide` needs, tagged with
    ``source``; lines the engine could not score are left out. The hits are those the engine
    decides with (:meth:`~safechat.engine.Moderator.decision_inputs`): the rules' and, under the
    moderator's policy for the line's band, the heads'. ``heads`` false leaves the heads' hits out:
    for lines the bundle's heads were fitted on, whose hits would overstate what the heads do on
    new messages. ``head_overrides`` (a line's text -> each head's probability, e.g. out of fold)
    replaces the heads' probabilities of the lines it holds, and their hits follow from those."""
    cases: list[Case] = []
    for start in range(0, len(lines), batch_size):
        batch = lines[start : start + batch_size]
        messages = [Message(line.text, age_band=line.band, locale=line.locale) for line in batch]
        decisions = moderator.moderate_batch(messages)
        for line, message, decision in zip(batch, messages, decisions, strict=True):
            if decision.scores is None or line.needs is None:
                continue
            scores, with_heads = decision.scores, heads
            override = head_overrides.get(line.text) if head_overrides is not None else None
            if override is not None:
                scores, with_heads = dataclasses.replace(scores, heads=dict(override)), True
            hits, evasions = moderator.decision_inputs(message, scores, heads=with_heads)
            cases.append(
                Case(
                    scores=scores,
                    hits=tuple(hits),
                    evasions=evasions,
                    language=decision.language or locale_language(line.locale),
                    band=line.band,
                    truth=line.truth,
                    needs=line.needs,
                    wants_support=line.wants_support,
                    source=source,
                )
            )
    return cases
