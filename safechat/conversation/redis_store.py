"""A Redis-backed :class:`~safechat.conversation.store.ConversationStore` for several replicas.

Each key is one JSON string with a time to live; updates are optimistic transactions (WATCH /
MULTI), so replicas behind a load balancer never lose each other's updates. Needs the ``redis``
package (the ``server`` extra).

When Redis stops answering, every call raises :class:`StoreError`; after a failure the store
does not wait on Redis again for ``retry_after_s`` (calls fail at once), then one call tries
it: the connection comes back by itself when Redis returns.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from safechat.conversation.store import State, StoreError, Update

_RETRIES = 200
_TIMEOUT_S = 2.0


class RedisStore:
    """Conversation state in Redis under ``prefix``; keys expire ``ttl_s`` after their last update."""

    def __init__(
        self,
        url: str,
        *,
        ttl_s: float = 30 * 86_400,
        prefix: str = "safechat:conv:",
        retry_after_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Connect to ``url`` (``redis://host:port/db``).

        Args:
            retry_after_s: after Redis fails, how long calls fail at once without trying it,
                in seconds (> 0); then one call tries it again.
            clock: monotonic seconds, for ``retry_after_s``.

        Raises:
            StoreError: the ``redis`` package is missing or the server does not answer.
        """
        try:
            import redis
        except ImportError:
            raise StoreError(
                "the Redis store needs the redis package: pip install 'safechat[server]'"
            ) from None
        if retry_after_s <= 0:
            raise ValueError("retry_after_s must be > 0")
        self._redis: Any = redis.Redis.from_url(
            url, socket_timeout=_TIMEOUT_S, socket_connect_timeout=_TIMEOUT_S
        )
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError,)
        self._watch_error: type[BaseException] = redis.WatchError
        self._ttl_ms = int(ttl_s * 1000)
        self._prefix = prefix
        self._retry_after_s = retry_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._down_until: float | None = None  # while set, Redis failed: calls before it fail at once
        try:
            self._redis.ping()
        except self._errors as err:
            raise StoreError(f"cannot reach Redis: {type(err).__name__}") from None

    @property
    def available(self) -> bool:
        """False from a failed call until a call succeeds again."""
        return self._down_until is None

    def get(self, key: str) -> State | None:
        self._gate()
        try:
            raw = self._redis.get(self._prefix + key)
        except self._errors as err:
            self._failed()
            raise StoreError(f"Redis read failed: {type(err).__name__}") from None
        self._answered()
        return None if raw is None else dict(json.loads(raw))

    def update(self, key: str, change: Update) -> State:
        self._gate()
        full = self._prefix + key
        for _ in range(_RETRIES):
            try:
                with self._redis.pipeline() as pipe:
                    pipe.watch(full)
                    raw = pipe.get(full)
                    state = change(None if raw is None else dict(json.loads(raw)))
                    pipe.multi()
                    pipe.set(full, json.dumps(state, separators=(",", ":")), px=self._ttl_ms)
                    pipe.execute()
                    self._answered()
                    return state
            except self._watch_error:
                time.sleep(random.uniform(0, 0.002))  # another replica won: back off a little, retry
                continue
            except self._errors as err:
                self._failed()
                raise StoreError(f"Redis update failed: {type(err).__name__}") from None
        raise StoreError(f"Redis update kept conflicting after {_RETRIES} tries")

    def _gate(self) -> None:
        """Fail at once while Redis is known to be down; past ``retry_after_s``, let this call
        try it (and the others fail at once while it does)."""
        if self._down_until is None:
            return
        with self._lock:
            if self._down_until is None:
                return
            now = self._clock()
            if now < self._down_until:
                raise StoreError("Redis is unavailable")
            # this call tries Redis: others wait for the next turn (a try can take the timeouts)
            self._down_until = now + self._retry_after_s + 2 * _TIMEOUT_S

    def _failed(self) -> None:
        with self._lock:
            self._down_until = self._clock() + self._retry_after_s

    def _answered(self) -> None:
        if self._down_until is not None:
            with self._lock:
                self._down_until = None
