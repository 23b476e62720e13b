"""``safechat score``: the JSONL contract.

Input: one ``{"id": ..., "text": ..., "age_band"?: ..., "locale"?: ...}`` per line.
Output: one ``{"id": ..., "scores": {...all eight labels...}, "labels": [...], "action": ...,
"support": ..., "review": ..., "coverage": ...}`` per good input line, in input order
(``support``: show the writer help; ``review``: ``null``, ``"routine"`` or ``"urgent"``, a person
must look; ``coverage``: ``"trained"``, ``"zero_shot"`` or ``"none"``, whether a model could read
the message's language; with ``none`` the scores are ``null``).

With ``--conversation`` each line also carries ``conversation_id``, ``sender``, ``recipient``
(optional), ``sender_age_band``, ``recipient_age_band`` and an optional ``timestamp`` (seconds),
in conversation order; each output line adds ``conversation_risk`` and ``stages``.

Lines are read ahead in windows of ``batch_size`` (default 1024) and decided together: the model
runs them sorted by length, so short chat is not padded to its longest neighbour, and the answers
come out in input order. Memory stays flat whatever the input's size. From a pipe or a terminal, a
window is answered as soon as no more lines are waiting, so a live stream is not held back.
While one full window is scored by the model (in a background thread, :meth:`Moderator.start_batch`),
the next is read, normalised and checked against the rules and the one before is decided and
written: the two cores both work.

A malformed line is reported on stderr with its line number (never its text) and skipped; the
exit code is then 1.
"""

from __future__ import annotations

import json
import os
import select
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from safechat.calibration.progress import Progress
from safechat.cli.render import review_json, score_json
from safechat.conversation import ChatMessage, ConversationDecision, ConversationModerator
from safechat.engine import Message, Moderator, PendingBatch
from safechat.errors import InvalidInputError
from safechat.jsonl import LineError, parse_object
from safechat.types import Decision


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    id: Any
    item: Message | ChatMessage


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise LineError(f'"{key}" must be a string')
    return value


def parse_line(number: int, raw: str | bytes, *, conversation: bool = False) -> _Line:
    """Parse one input line.

    Raises:
        LineError: the line is not UTF-8 JSON, or a field is missing or of the wrong type.
    """
    data = parse_object(raw)
    if "id" not in data:
        raise LineError('missing "id"')
    text = data.get("text")
    if not isinstance(text, str):
        raise LineError('"text" must be a string')
    locale = _optional_str(data, "locale")  # None: the message's own language, else en
    if not conversation:
        return _Line(number, data["id"], Message(text, _optional_str(data, "age_band"), locale))
    conversation_id, sender = _optional_str(data, "conversation_id"), _optional_str(data, "sender")
    if not conversation_id or not sender:
        raise LineError('"conversation_id" and "sender" are required with --conversation')
    timestamp = data.get("timestamp")
    if timestamp is not None and (isinstance(timestamp, bool) or not isinstance(timestamp, (int, float))):
        raise LineError('"timestamp" must be a number of seconds')
    return _Line(
        number,
        data["id"],
        ChatMessage(
            conversation_id=conversation_id,
            sender=sender,
            text=text,
            message_id=str(data["id"]),
            recipient=_optional_str(data, "recipient"),
            sender_age_band=_optional_str(data, "sender_age_band"),
            recipient_age_band=_optional_str(data, "recipient_age_band"),
            locale=locale,
            timestamp=float(timestamp) if timestamp is not None else None,
        ),
    )


DEFAULT_WINDOW = 1024
"""Lines read ahead and decided together by default."""


def run_score(
    moderator: Moderator | ConversationModerator,
    source: Iterable[str | bytes],
    out: TextIO,
    err: TextIO,
    *,
    batch_size: int = DEFAULT_WINDOW,
    progress: Progress | None = None,
) -> int:
    """Score every line of ``source`` to ``out``; returns 0, or 1 if any line was malformed.

    Args:
        batch_size: lines read ahead and decided together (the window the model sorts by
            length); from a pipe or a terminal, fewer when no more lines are waiting.
        progress: redrawn as lines are read (bytes read against the file's size).

    A :class:`ConversationModerator` reads conversation lines and keeps their state.
    """
    conversation = isinstance(moderator, ConversationModerator)
    more_waiting = _more_waiting(source)
    failed = False
    batch: list[_Line] = []
    bytes_read = lines_read = 0
    in_flight: list[tuple[list[_Line], PendingBatch]] = []  # at most one window: the model scores it

    def finish_in_flight() -> None:
        for lines, pending in in_flight:
            for line, result in zip(lines, pending.result(), strict=True):
                _write(out, line, result)
            out.flush()
        in_flight.clear()

    def flush(*, hold: bool = False) -> None:
        """Answer the window; with ``hold``, leave it scoring while the next one is read (its
        answers come out before the next window's)."""
        nonlocal failed
        if not batch:
            return
        lines = list(batch)
        batch.clear()
        started = _start(moderator, lines)
        finish_in_flight()
        if started is None:
            failed |= _answer(moderator, lines, out, err)
            out.flush()
            return
        in_flight.append((lines, started))
        if not hold:
            finish_in_flight()

    for number, raw in enumerate(source, start=1):
        bytes_read += len(raw)
        lines_read = number
        if progress is not None:
            progress.update(bytes_done=bytes_read, lines_done=lines_read)
        if raw.strip():  # blank lines carry no message
            try:
                batch.append(parse_line(number, raw, conversation=conversation))
            except LineError as problem:
                err.write(f"safechat score: line {number}: {problem}\n")
                failed = True
        if len(batch) >= batch_size:
            flush(hold=more_waiting())
        elif batch and not more_waiting():
            flush()
    flush()
    finish_in_flight()
    if progress is not None:
        progress.close(bytes_done=bytes_read, lines_done=lines_read)
    return 1 if failed else 0


def input_size(source: object) -> int | None:
    """The size in bytes of ``source`` when it is a regular file (for progress), else ``None``."""
    mode_size = _mode_and_size(source)
    return mode_size[1] if mode_size and stat.S_ISREG(mode_size[0]) else None


def _mode_and_size(source: object) -> tuple[int, int] | None:
    fileno = getattr(source, "fileno", None)
    if fileno is None:
        return None
    try:
        info = os.fstat(fileno())
    except (OSError, ValueError):  # closed, or a stream with no descriptor
        return None
    return info.st_mode, info.st_size


def _more_waiting(source: object) -> Callable[[], bool]:
    """For a pipe or a terminal: whether another line can be read at once (else the window is
    answered now, not when it fills). For a file or any other iterable: always true."""
    mode_size = _mode_and_size(source)
    if mode_size is None or stat.S_ISREG(mode_size[0]):
        return lambda: True
    descriptor = source.fileno()  # type: ignore[attr-defined]

    def ready() -> bool:
        try:
            return bool(select.select([descriptor], [], [], 0)[0])
        except (OSError, ValueError):
            return True

    return ready


def _start(moderator: Moderator | ConversationModerator, lines: list[_Line]) -> PendingBatch | None:
    """The window's model run started in the background; ``None`` for a conversation moderator
    (its state runs message by message) or a window with a line the moderator refuses (answered
    line by line instead)."""
    if isinstance(moderator, ConversationModerator):
        return None
    try:
        return moderator.start_batch([line.item for line in lines])  # type: ignore[misc]
    except InvalidInputError:
        return None


def _run(
    moderator: Moderator | ConversationModerator, lines: list[_Line]
) -> list[Decision | ConversationDecision]:
    if isinstance(moderator, ConversationModerator):
        return list(moderator.moderate_many([line.item for line in lines]))  # type: ignore[misc]
    return list(moderator.moderate_batch([line.item for line in lines]))  # type: ignore[misc]


def _answer(
    moderator: Moderator | ConversationModerator, batch: list[_Line], out: TextIO, err: TextIO
) -> bool:
    """Write results for ``batch``; True when some line had to be reported instead."""
    try:
        results = _run(moderator, batch)
    except InvalidInputError:
        failed = False
        for line in batch:  # find the offending lines one by one; answer the rest, in order
            try:
                (result,) = _run(moderator, [line])
            except InvalidInputError as problem:
                reason = str(problem).split(": ", 1)[-1]
                err.write(f"safechat score: line {line.number}: {reason}\n")
                failed = True
                continue
            _write(out, line, result)
        return failed
    for line, result in zip(batch, results, strict=True):
        _write(out, line, result)
    return False


def _write(out: TextIO, line: _Line, result: Decision | ConversationDecision) -> None:
    decision = result.decision if isinstance(result, ConversationDecision) else result
    record: dict[str, Any] = {
        "id": line.id,
        "scores": score_json(decision),
        "labels": [label.value for label in decision.labels],
        "action": decision.action.value,
        "support": decision.support,
        "review": review_json(decision),
        "coverage": decision.coverage.value,
    }
    if isinstance(result, ConversationDecision):
        record["conversation_risk"] = result.conversation_risk
        record["stages"] = [stage.value for stage in result.stages]
    out.write(json.dumps(record) + "\n")  # ASCII escapes: valid whatever the ids hold
