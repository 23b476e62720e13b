"""Where conversation state lives: a bounded in-memory store, or Redis for several replicas.

State is a small JSON-able dict per key (stage sightings with message ids, hostile-message
events): never message text. Every store bounds its size and forgets a key ``ttl_s`` after its
last update.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from safechat.errors import SafechatError

State = dict[str, Any]


class StoreError(SafechatError):
    """The conversation store is misconfigured, cannot be reached or keeps conflicting."""


Update = Callable[[State | None], State]


class ConversationStore(Protocol):
    """An atomic read-modify-write map from keys to small JSON-able states."""

    def update(self, key: str, change: Update) -> State:
        """Apply ``change`` to the state at ``key`` (``None`` if absent or expired) atomically,
        store the result and return it."""
        ...

    def get(self, key: str) -> State | None:
        """The state at ``key``, or ``None``."""
        ...


class MemoryStore:
    """In-process store: least-recently-used eviction beyond ``max_keys``, time to live per key.

    Thread-safe. Lost on restart and not shared between processes: use a Redis store for
    several sidecar replicas.
    """

    def __init__(
        self, *, max_keys: int = 100_000, ttl_s: float = 30 * 86_400, clock: Callable[[], float] = time.time
    ):
        if max_keys < 1 or ttl_s <= 0:
            raise ValueError("max_keys must be >= 1 and ttl_s > 0")
        self._max_keys = max_keys
        self._ttl_s = ttl_s
        self._clock = clock
        self._data: OrderedDict[str, tuple[float, State]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: str) -> State | None:
        with self._lock:
            return self._live(key)

    def update(self, key: str, change: Update) -> State:
        with self._lock:
            state = change(self._live(key))
            self._data[key] = (self._clock(), state)
            self._data.move_to_end(key)
            while len(self._data) > self._max_keys:
                self._data.popitem(last=False)
            return state

    def _live(self, key: str) -> State | None:
        entry = self._data.get(key)
        if entry is None:
            return None
        stored_at, state = entry
        if self._clock() - stored_at > self._ttl_s:
            del self._data[key]
            return None
        return state


def open_store(url: str, *, ttl_s: float = 30 * 86_400, max_keys: int = 100_000) -> ConversationStore:
    """A store from a URL: ``memory`` (bounded, in-process) or ``redis://host:port/db``.

    Raises:
        StoreError: an unknown scheme, or Redis cannot be reached.
    """
    if url in ("", "memory", "memory://"):
        return MemoryStore(max_keys=max_keys, ttl_s=ttl_s)
    if url.startswith(("redis://", "rediss://", "unix://")):
        from safechat.conversation.redis_store import RedisStore

        return RedisStore(url, ttl_s=ttl_s)
    raise StoreError(f"unknown conversation store {url.split(':', 1)[0]!r}: use memory or redis://")
