"""Labelled JSONL: read and validate it line by line, score it in batches, keep only numbers.

One line: ``{"text": "...", "labels": [...] or {"label": 0/1, ...}, "age_band"?: "...",
"needs"?: ..., "support"?: true/false}``. With a list, the listed labels are positives and every
other label is a negative. With a dict, a label the line does not mention is unknown for that
line (neither positive nor negative). ``needs`` is the action the message needs: one action for
every band, or ``{band: action}`` for each band; ``support`` says the writer needs help. Both
are optional; with them, ``safechat eval`` reports whether each message got at least what it
needs. Other keys (``id``...) are ignored. Nothing but the scores, the labels and the bands is kept:
never the text, so 100,000 lines fit in a few megabytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt

from safechat.calibration.progress import Progress
from safechat.engine import Message, Moderator
from safechat.errors import InvalidInputError, SafechatError
from safechat.jsonl import LineError, parse_object
from safechat.language import locale_language
from safechat.types import LABELS, Action, AgeBand, Coverage, Decision

BANDS: tuple[AgeBand, ...] = tuple(AgeBand)
"""Age bands, youngest first; ``ScoredData.bands`` holds indexes into this."""
ACTIONS: tuple[Action, ...] = tuple(Action)
"""Actions, least restrictive first; ``ScoredData.actions`` holds indexes into this."""
UNKNOWN, NEGATIVE, POSITIVE = -1, 0, 1
"""Values of ``ScoredData.truth``."""
MAX_KEPT_PROBLEMS = 100
"""Bad lines remembered individually; more are only counted."""


class DataError(SafechatError):
    """The labelled data file cannot be used (missing, unreadable, or with bad lines)."""


@dataclass(frozen=True, slots=True)
class LabelledLine:
    """One parsed line: its text (kept only until it is scored), truth per label and band."""

    number: int
    text: str
    truth: tuple[int, ...]
    """Per label in :data:`~safechat.types.LABELS` order: 1 positive, 0 negative, -1 unknown."""
    band: AgeBand
    needs: Action | None = None
    """The action the message needs in ``band``; ``None``: not given."""
    wants_support: bool = False
    """The writer needs help (the decision should carry ``support``)."""
    locale: str | None = None
    """The locale sent with the message (``fr``, ``pt-BR``); ``None``: not given."""


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A bad input line: its 1-based number and what is wrong (never its text)."""

    number: int
    problem: str

    def __str__(self) -> str:
        return f"line {self.number}: {self.problem}"


@dataclass(frozen=True)
class ScoredData:
    """Scores and labels of every good line; no text.

    ``scores`` is float32 ``[n, 8]`` (calibrated probabilities, label order ``LABELS``),
    ``truth`` int8 ``[n, 8]`` (1, 0 or -1 = unknown), ``bands`` and ``actions`` int8 ``[n]``
    (indexes into :data:`BANDS` and :data:`ACTIONS`; the action the policy took for the line's band),
    ``languages`` the language detected per line (``None``: not told; empty when not recorded),
    ``needs`` int8 ``[n]`` (index into :data:`ACTIONS` of the action the line needs; -1: not
    given), ``wants_support`` and ``supports`` bool ``[n]`` (the writer needs help; the decision
    offered it). The last three are empty for data recorded without them.
    """

    scores: npt.NDArray[np.float32]
    truth: npt.NDArray[np.int8]
    bands: npt.NDArray[np.int8]
    actions: npt.NDArray[np.int8]
    sha256: str
    source: str
    lines_read: int
    problems: tuple[LineProblem, ...] = ()
    problem_count: int = 0
    model_version: str = ""
    policy_version: str = ""
    fail_closed: int = 0
    languages: tuple[str | None, ...] = ()
    needs: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    wants_support: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    supports: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))

    @property
    def has_needs(self) -> bool:
        """True when lines said what action they need (``needs``)."""
        return self.needs.shape[0] == self.size and bool(np.any(self.needs >= 0))

    @property
    def size(self) -> int:
        """Number of scored lines."""
        return int(self.scores.shape[0])

    def band_rows(self, band: AgeBand) -> npt.NDArray[np.bool_]:
        """Boolean mask of the lines in ``band``."""
        return np.asarray(self.bands == BANDS.index(band))

    def bands_present(self) -> list[AgeBand]:
        """The bands with at least one line, youngest first."""
        seen = set(np.unique(self.bands).tolist())
        return [band for index, band in enumerate(BANDS) if index in seen]


def _truth_from_list(value: list[Any]) -> tuple[int, ...]:
    named: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            raise LineError('"labels" list items must be label names (strings)')
        named.add(_label_name(item))
    return tuple(POSITIVE if label.value in named else NEGATIVE for label in LABELS)


def _truth_from_dict(value: dict[str, Any]) -> tuple[int, ...]:
    given: dict[str, int] = {}
    for key, flag in value.items():
        name = _label_name(key)
        if isinstance(flag, bool):
            flag = int(flag)
        if flag not in (0, 1) or isinstance(flag, float):
            raise LineError(f'"labels.{name}" must be 0 or 1 (or true/false)')
        given[name] = int(flag)
    return tuple(given.get(label.value, UNKNOWN) for label in LABELS)


def _label_name(name: str) -> str:
    if name in {label.value for label in LABELS}:
        return name
    shown = name if len(name) <= 30 and name.isprintable() else name[:30].encode("unicode_escape").decode()
    raise LineError(f"unknown label {shown!r}; known: {[label.value for label in LABELS]}")


def _needs(value: Any) -> dict[AgeBand, Action] | None:
    if value is None:
        return None
    actions = {a.value: a for a in Action}
    if isinstance(value, str) and value in actions:
        return {band: actions[value] for band in AgeBand}
    bands = [b.value for b in AgeBand]
    if (
        isinstance(value, dict)
        and set(value) == set(bands)
        and all(isinstance(v, str) and v in actions for v in value.values())
    ):
        return {AgeBand(k): actions[v] for k, v in value.items()}
    raise LineError(f'"needs" must be one of {list(actions)} or an object giving one for each of {bands}')


def parse_line(
    number: int,
    raw: str | bytes,
    *,
    default_band: AgeBand = AgeBand.UNDER_13,
    band: AgeBand | None = None,
) -> LabelledLine:
    """Parse and validate one labelled line.

    ``age_band`` must name a band exactly when present (a typo must not silently become
    ``under_13``); a missing or null band is ``default_band``. ``band``, when given, replaces
    the line's own band (for scoring one line in every band).

    Raises:
        LineError: not UTF-8 JSON, no non-empty ``text``, bad ``labels``, ``age_band``,
            ``needs`` or ``support``.
    """
    data = parse_object(raw)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LineError('"text" must be a non-empty string')
    labels = data.get("labels")
    if isinstance(labels, list):
        truth = _truth_from_list(labels)
    elif isinstance(labels, dict):
        truth = _truth_from_dict(labels)
    else:
        raise LineError('"labels" must be a list of label names or an object {label: 0 or 1}')
    band_value = data.get("age_band")
    if band_value is None:
        own = default_band
    elif isinstance(band_value, str) and AgeBand.is_known(band_value):
        own = AgeBand(band_value)
    else:
        raise LineError(f'"age_band" must be one of {[b.value for b in AgeBand]} or absent')
    chosen = band or own
    needs = _needs(data.get("needs"))
    support = data.get("support", False)
    if not isinstance(support, bool):
        raise LineError('"support" must be true or false')
    locale = data.get("locale")
    if locale is not None and not (isinstance(locale, str) and locale_language(locale)):
        raise LineError('"locale" must be a language tag such as "fr" or "pt-BR", or absent')
    return LabelledLine(number, text, truth, chosen, needs[chosen] if needs else None, support, locale)


@dataclass
class _Collector:
    scores: list[npt.NDArray[np.float32]] = field(default_factory=list)
    truth: list[npt.NDArray[np.int8]] = field(default_factory=list)
    bands: list[npt.NDArray[np.int8]] = field(default_factory=list)
    actions: list[npt.NDArray[np.int8]] = field(default_factory=list)
    needs: list[int] = field(default_factory=list)
    wants_support: list[bool] = field(default_factory=list)
    supports: list[bool] = field(default_factory=list)
    languages: list[str | None] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    problem_count: int = 0
    fail_closed: int = 0
    scored: int = 0

    def problem(self, number: int, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(LineProblem(number, message))

    def add(self, lines: list[LabelledLine], decisions: list[Decision]) -> None:
        kept = [(line, d) for line, d in zip(lines, decisions, strict=True) if d.scores is not None]
        for line, decision in zip(lines, decisions, strict=True):
            if decision.scores is None and decision.coverage is Coverage.NONE and not decision.fail_closed:
                self.problem(
                    line.number, "no model can read this line's language (coverage none): not scored"
                )
            elif decision.scores is None:
                self.fail_closed += 1
                self.problem(line.number, "the model could not score this line (the engine failed closed)")
        if not kept:
            return
        self.scores.append(
            np.array([[d.scores[label] for label in LABELS] for _, d in kept if d.scores], dtype=np.float32)
        )
        self.truth.append(np.array([line.truth for line, _ in kept], dtype=np.int8))
        self.bands.append(np.array([BANDS.index(line.band) for line, _ in kept], dtype=np.int8))
        self.actions.append(np.array([ACTIONS.index(d.action) for _, d in kept], dtype=np.int8))
        self.languages.extend(d.language for _, d in kept)
        self.needs.extend(-1 if line.needs is None else ACTIONS.index(line.needs) for line, _ in kept)
        self.wants_support.extend(line.wants_support for line, _ in kept)
        self.supports.extend(d.support for _, d in kept)
        self.scored += len(kept)


def _stack(parts: list[npt.NDArray[Any]], shape: tuple[int, ...], dtype: type) -> npt.NDArray[Any]:
    return np.concatenate(parts) if parts else np.zeros(shape, dtype=dtype)


def _lines(handle: BinaryIO, digest: Any, on_bytes: Callable[[int], None]) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(handle, start=1):
        digest.update(raw)
        on_bytes(len(raw))
        yield number, raw


def score_file(
    moderator: Moderator,
    path: str | Path,
    *,
    default_band: AgeBand = AgeBand.UNDER_13,
    batch_size: int = 64,
    keep_going: bool = False,
    progress: Progress | None = None,
    every_band: bool = False,
) -> ScoredData:
    """Stream ``path``, score its good lines in batches, keep scores, labels, bands and actions.

    With ``every_band``, each line is scored once for each age band (its own ``age_band`` is
    ignored), so one file tells how every band's policy treats the same messages.

    Blank lines are skipped. Each bad line is recorded with its number (never its text). Unless
    ``keep_going``, scoring stops at the first bad line but parsing continues, so every bad
    line is reported at once; the caller decides what to do with ``problems``.

    Raises:
        DataError: the file cannot be opened or read.
    """
    file = Path(path)
    digest = hashlib.sha256()
    collector = _Collector()
    batch: list[LabelledLine] = []
    done = {"bytes": 0, "lines": 0}

    def count(n: int) -> None:
        done["bytes"] += n

    def flush() -> None:
        if batch and (keep_going or not collector.problem_count):
            _score_batch(moderator, batch, collector)
        batch.clear()
        if progress is not None:
            progress.update(bytes_done=done["bytes"], lines_done=collector.scored)

    try:
        with file.open("rb") as handle:
            for number, raw in _lines(handle, digest, count):
                done["lines"] = number
                if not raw.strip():
                    continue
                try:
                    if every_band:
                        batch.extend(parse_line(number, raw, band=band) for band in BANDS)
                    else:
                        batch.append(parse_line(number, raw, default_band=default_band))
                except LineError as problem:
                    collector.problem(number, str(problem))
                    continue
                if len(batch) >= batch_size:
                    flush()
            flush()
    except OSError as err:
        raise DataError(f"cannot read data file {file}: {err.strerror}") from None
    if progress is not None:
        progress.close(bytes_done=done["bytes"], lines_done=collector.scored)
    n = len(LABELS)
    return ScoredData(
        scores=_stack(collector.scores, (0, n), np.float32),
        truth=_stack(collector.truth, (0, n), np.int8),
        bands=_stack(collector.bands, (0,), np.int8),
        actions=_stack(collector.actions, (0,), np.int8),
        sha256=digest.hexdigest(),
        source=file.name,
        lines_read=done["lines"],
        problems=tuple(collector.problems),
        problem_count=collector.problem_count,
        model_version=moderator.model_version,
        policy_version=moderator.policy_version,
        fail_closed=collector.fail_closed,
        languages=tuple(collector.languages),
        needs=np.array(collector.needs, dtype=np.int8),
        wants_support=np.array(collector.wants_support, dtype=np.bool_),
        supports=np.array(collector.supports, dtype=np.bool_),
    )


def _score_batch(moderator: Moderator, batch: list[LabelledLine], collector: _Collector) -> None:
    def run(lines: list[LabelledLine]) -> list[Decision]:
        return moderator.moderate_batch(
            [Message(line.text, age_band=line.band, locale=line.locale) for line in lines]
        )

    try:
        collector.add(batch, run(batch))
        return
    except InvalidInputError:
        pass
    for line in batch:  # find the offending lines one by one; keep the rest
        try:
            collector.add([line], run([line]))
        except InvalidInputError as problem:
            collector.problem(line.number, str(problem).split(": ", 1)[-1])
