"""A tiny progress line on stderr for long runs (no dependency)."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """Rewrites one line on ``stream``: percentage (by bytes read), lines done and lines per second.

    Does nothing unless ``enabled``; redraws at most every ``interval_s`` seconds.
    """

    def __init__(
        self, stream: TextIO, *, label: str, total_bytes: int, enabled: bool, interval_s: float = 0.2
    ) -> None:
        self._stream = stream
        self._label = label
        self._total = max(total_bytes, 0)
        self._enabled = enabled
        self._interval = interval_s
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def update(self, *, bytes_done: int, lines_done: int, force: bool = False) -> None:
        """Redraw if enabled and the interval has passed (or ``force``)."""
        if not self._enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self._interval:
            return
        self._last = now
        elapsed = max(now - self._start, 1e-9)
        parts = [f"{self._label}:"]
        if self._total:
            parts.append(f"{min(100.0, 100.0 * bytes_done / self._total):5.1f}%")
        parts.append(f"{lines_done:,} lines, {lines_done / elapsed:,.0f} lines/s")
        self._stream.write("\r" + " ".join(parts) + "\x1b[K")
        self._stream.flush()
        self._drawn = True

    def close(self, *, bytes_done: int, lines_done: int) -> None:
        """Draw the final state and end the line."""
        if not self._enabled:
            return
        self.update(bytes_done=bytes_done, lines_done=lines_done, force=True)
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
