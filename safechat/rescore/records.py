"""Chat-history rows for ``safechat rescore``: reading JSONL or Parquet, and checking each row.

A row carries ``message_id``, ``conversation_id``, ``sender``, ``text`` and ``timestamp``
(seconds since the epoch, or an ISO 8601 string), and optionally ``recipient``,
``sender_age_band``, ``recipient_age_band``, ``locale`` and ``country``. A row that cannot be
used is never dropped silently: it becomes a bad row (its position, its message id when it has
one, and what is wrong, never its text).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from safechat.errors import SafechatError
from safechat.types import AgeBand

REQUIRED = ("message_id", "conversation_id", "sender", "text", "timestamp")
OPTIONAL = ("recipient", "sender_age_band", "recipient_age_band", "locale", "country")
ROW = "_row"  # where the row is: JSONL its line number (from 1), Parquet its position (from 0)
PROBLEM = "_problem"  # why a line could not be read as a row at all (bad JSON)
MAX_ID_CHARS = 256


class RescoreError(SafechatError):
    """The input or the output cannot be used (missing file, unknown format, pyarrow missing)."""


def require_pyarrow() -> Any:
    """The ``pyarrow`` module.

    Raises:
        RescoreError: pyarrow is not installed (says how to install it).
    """
    try:
        import pyarrow
        import pyarrow.compute  # noqa: F401  (pa.compute is only an attribute once imported)
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise RescoreError(
            "safechat rescore reads and writes Parquet with pyarrow, which is not installed: "
            "pip install 'safechat[rescore]' (or 'safechat[ray]' for --engine ray)"
        ) from None
    return pyarrow


@dataclass(frozen=True, slots=True)
class ChatRow:
    """One checked row of chat history."""

    row: int | None
    message_id: str
    conversation_id: str
    sender: str
    text: str
    timestamp: float
    recipient: str | None
    sender_age_band: str | None
    recipient_age_band: str | None
    locale: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that could not be used: where it is, its message id if any, and what is wrong."""

    row: int | None
    message_id: str | None
    problem: str


def check_row(record: Mapping[str, Any], *, max_text_chars: int) -> ChatRow | BadRow:
    """``record`` as a :class:`ChatRow`, or a :class:`BadRow` saying which field is wrong."""
    position = record.get(ROW)
    row = None if position is None else int(position)  # None: Parquet read by Ray
    raw_id = record.get("message_id")
    message_id = raw_id if isinstance(raw_id, str) and raw_id else None
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        message_id = str(raw_id)

    def bad(problem: str) -> BadRow:
        return BadRow(row, message_id, problem)

    if record.get(PROBLEM):
        return bad(str(record[PROBLEM]))
    for name in ("message_id", "conversation_id", "sender"):
        value = record.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            continue
        if not isinstance(value, str) or not value:
            return bad(f"{name} is missing or not a non-empty string")
        if len(value) > MAX_ID_CHARS:
            return bad(f"{name} is longer than {MAX_ID_CHARS} characters")
    text = record.get("text")
    if not isinstance(text, str):
        return bad("text is missing or not a string")
    if len(text) > max_text_chars:
        return bad(f"text is longer than {max_text_chars} characters")
    timestamp = _timestamp(record.get("timestamp"))
    if timestamp is None:
        return bad("timestamp is missing or not seconds since the epoch or an ISO 8601 time")
    strings: dict[str, str | None] = {}
    for name in OPTIONAL:
        value = record.get(name)
        if value is None or value == "":
            strings[name] = None
        elif isinstance(value, str):
            strings[name] = value
        else:
            return bad(f"{name} is not a string")
    for name in ("sender_age_band", "recipient_age_band"):
        band = strings[name]
        if band is not None and not AgeBand.is_known(band):
            return bad(f"{name} is not one of {[b.value for b in AgeBand]}")
    return ChatRow(
        row=row,
        message_id=str(record["message_id"]),
        conversation_id=str(record["conversation_id"]),
        sender=str(record["sender"]),
        text=text,
        timestamp=timestamp,
        recipient=strings["recipient"],
        sender_age_band=strings["sender_age_band"],
        recipient_age_band=strings["recipient_age_band"],
        locale=strings["locale"],
        country=strings["country"],
    )


def _timestamp(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value)
        return seconds if math.isfinite(seconds) else None
    if isinstance(value, str) and value:
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):  # a time without an offset is UTC, never this machine's zone
        return (value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)).timestamp()
    return None


def input_format(path: Path) -> str:
    """``jsonl`` or ``parquet``, from the name (a folder is read as Parquet files).

    Raises:
        RescoreError: the path does not exist or its format is unknown.
    """
    if not path.exists():
        raise RescoreError(f"{path}: no such file or folder")
    if path.is_dir() or path.suffix == ".parquet":
        return "parquet"
    if path.suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    raise RescoreError(f"{path}: unknown input format; use .jsonl or .parquet")


def jsonl_records(path: Path, *, chunk_rows: int) -> Iterator[list[dict[str, Any]]]:
    """The lines of a JSONL file as records, ``chunk_rows`` at a time, each with its line
    number (from 1; blank lines are skipped); a line that is not a JSON object becomes a record
    with only a problem."""
    chunk: list[dict[str, Any]] = []
    with path.open("rb") as handle:
        for row, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (ValueError, UnicodeDecodeError):
                record = {PROBLEM: "the line is not valid JSON (UTF-8)"}
            if not isinstance(record, dict):
                record = {PROBLEM: "the line is not a JSON object"}
            record = {key: value for key, value in record.items() if key in (*REQUIRED, *OPTIONAL, PROBLEM)}
            record[ROW] = row
            chunk.append(record)
            if len(chunk) >= chunk_rows:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def parquet_records(path: Path, *, chunk_rows: int) -> Iterator[list[dict[str, Any]]]:
    """The rows of a Parquet file (or of every ``*.parquet`` file in a folder, by name), as
    records, ``chunk_rows`` at a time, each with its row number across the files."""
    pa = require_pyarrow()
    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    row = 0
    for file in files:
        parquet = pa.parquet.ParquetFile(file)
        names = [n for n in parquet.schema_arrow.names if n in (*REQUIRED, *OPTIONAL)]
        for batch in parquet.iter_batches(batch_size=chunk_rows, columns=names):
            records = batch.to_pylist()
            for record in records:
                record[ROW] = row
                row += 1
            yield records


def records_table(records: list[dict[str, Any]]) -> Any:
    """``records`` as a pyarrow table of the input columns (every value kept as read: strings,
    numbers or nulls are checked later, row by row), JSON-encoded where not a plain string."""
    pa = require_pyarrow()
    columns: dict[str, list[Any]] = {name: [] for name in (*REQUIRED, *OPTIONAL, PROBLEM)}
    rows: list[int] = []
    for record in records:
        rows.append(int(record[ROW]))
        for name, values in columns.items():
            value = record.get(name)
            values.append(None if value is None else json.dumps(value, ensure_ascii=False, default=str))
    data = {name: pa.array(values, pa.string()) for name, values in columns.items()}
    data[ROW] = pa.array(rows, pa.int64())
    return pa.table(data)


def decode_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A record of :func:`records_table` back as the values that were read."""
    record: dict[str, Any] = {ROW: row[ROW]}
    for name in (*REQUIRED, *OPTIONAL, PROBLEM):
        value = row.get(name)
        record[name] = None if value is None else json.loads(value)
    return record
