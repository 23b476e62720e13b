"""Warned messages, held back once.

A message whose decision is ``warn`` is not sent the first time: the sender sees the prompt.
If they send the same text to the same room again within ``hold_s`` seconds, it goes through.
Only a salted hash of (room, sender, text) is kept, never the text; entries are bounded (least
recently used) and expire.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class WarnHolds:
    """Which warned messages were held, so that sending one again releases it. Thread-safe."""

    def __init__(
        self,
        *,
        hold_s: float,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
        salt: bytes | None = None,
    ) -> None:
        if hold_s <= 0 or max_entries < 1:
            raise ValueError("hold_s must be > 0 and max_entries >= 1")
        self._hold_s = hold_s
        self._max = max_entries
        self._clock = clock
        self._salt = salt if salt is not None else os.urandom(16)
        self._held: OrderedDict[bytes, float] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._held)

    def _key(self, room_id: str, sender: str, text: str) -> bytes:
        digest = hashlib.sha256(self._salt)
        for part in (room_id, sender, text):
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.digest()

    def release(self, room_id: str, sender: str, text: str) -> bool:
        """True, once, when this sender's same text to this room was held within ``hold_s``
        seconds: send it this time. The hold is used up."""
        key = self._key(room_id, sender, text)
        with self._lock:
            held_at = self._held.pop(key, None)
        return held_at is not None and self._clock() - held_at <= self._hold_s

    def hold(self, room_id: str, sender: str, text: str) -> None:
        """Remember that this message was held back."""
        key = self._key(room_id, sender, text)
        now = self._clock()
        with self._lock:
            self._held[key] = now
            self._held.move_to_end(key)
            while self._held:
                oldest_key, oldest_at = next(iter(self._held.items()))
                if len(self._held) > self._max or now - oldest_at > self._hold_s:
                    del self._held[oldest_key]
                else:
                    break
