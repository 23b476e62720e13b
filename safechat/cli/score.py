"""``safechat score``: the JSONL contract.

Input: one ``{"id": ..., "text": ..., "age_band"?: ..., "locale"?: ...}`` per line.
Output: one ``{"id": ..., "scores": {...all eight labels...}, "labels": [...], "action": ...}``
per good input line, in input order. A malformed line is reported on stderr with its line
number (never its text) and skipped; the exit code is then 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from safechat.cli.render import score_json
from safechat.engine import Message, Moderator
from safechat.errors import InvalidInputError


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    id: Any
    message: Message


class LineError(ValueError):
    """One input line that cannot be scored; the message names the problem, never the text."""


def parse_line(number: int, raw: str | bytes) -> _Line:
    """Parse one input line.

    Raises:
        LineError: the line is not UTF-8, or not a JSON object with a string ``text`` and an ``id``.
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise LineError(f"not valid UTF-8 (byte {err.start})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise LineError(f"not valid JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(data, dict):
        raise LineError("not a JSON object")
    if "id" not in data:
        raise LineError('missing "id"')
    text = data.get("text")
    if not isinstance(text, str):
        raise LineError('"text" must be a string')
    band = data.get("age_band")
    if band is not None and not isinstance(band, str):
        raise LineError('"age_band" must be a string')
    locale = data.get("locale", "en")
    if not isinstance(locale, str):
        raise LineError('"locale" must be a string')
    return _Line(number, data["id"], Message(text, band, locale or "en"))


def run_score(
    moderator: Moderator,
    source: Iterable[str | bytes],
    out: TextIO,
    err: TextIO,
    *,
    batch_size: int = 32,
) -> int:
    """Score every line of ``source`` to ``out``; returns 0, or 1 if any line was malformed."""
    failed = False
    batch: list[_Line] = []

    def flush() -> None:
        nonlocal failed
        if not batch:
            return
        failed |= _answer(moderator, batch, out, err)
        batch.clear()
        out.flush()

    for number, raw in enumerate(source, start=1):
        if not raw.strip():  # blank lines carry no message
            continue
        try:
            batch.append(parse_line(number, raw))
        except LineError as problem:
            err.write(f"safechat score: line {number}: {problem}\n")
            failed = True
            continue
        if len(batch) >= batch_size:
            flush()
    flush()
    return 1 if failed else 0


def _answer(moderator: Moderator, batch: list[_Line], out: TextIO, err: TextIO) -> bool:
    """Write decisions for ``batch``; True when some line had to be reported instead."""
    try:
        decisions = moderator.moderate_batch([line.message for line in batch])
    except InvalidInputError:
        failed = False
        for line in batch:  # find the offending lines one by one; answer the rest
            try:
                (decision,) = moderator.moderate_batch([line.message])
            except InvalidInputError as problem:
                reason = str(problem).split(": ", 1)[-1]
                err.write(f"safechat score: line {line.number}: {reason}\n")
                failed = True
                continue
            _write(out, line, decision)
        return failed
    for line, decision in zip(batch, decisions, strict=True):
        _write(out, line, decision)
    return False


def _write(out: TextIO, line: _Line, decision: Any) -> None:
    record = {
        "id": line.id,
        "scores": score_json(decision),
        "labels": [label.value for label in decision.labels],
        "action": decision.action.value,
    }
    out.write(json.dumps(record) + "\n")  # ASCII escapes: valid whatever the ids hold
