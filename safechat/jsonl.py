"""Reading JSON Lines input: one object per line, errors that name the problem, never the text."""

from __future__ import annotations

import json
from typing import Any


class LineError(ValueError):
    """One input line that cannot be used; the message names the problem, never the text."""


def parse_object(raw: str | bytes) -> dict[str, Any]:
    """The JSON object on one line.

    Raises:
        LineError: the line is not UTF-8, not JSON, or not a JSON object.
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
    return data
