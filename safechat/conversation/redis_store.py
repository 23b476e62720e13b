"""A Redis-backed :class:`~safechat.conversation.store.ConversationStore` for several replicas.

Each key is one JSON string with a time to live; updates are optimistic transactions (WATCH /
MULTI), so replicas behind a load balancer never lose each other's updates. Needs the ``redis``
package (the ``server`` extra).
"""

from __future__ import annotations

import json
import random
import time
from typing import Any

from safechat.conversation.store import State, StoreError, Update

_RETRIES = 200


class RedisStore:
    """Conversation state in Redis under ``prefix``; keys expire ``ttl_s`` after their last update."""

    def __init__(self, url: str, *, ttl_s: float = 30 * 86_400, prefix: str = "safechat:conv:") -> None:
        """Connect to ``url`` (``redis://host:port/db``).

        Raises:
            StoreError: the ``redis`` package is missing or the server does not answer.
        """
        try:
            import redis
        except ImportError:
            raise StoreError(
                "the Redis store needs the redis package: pip install 'safechat[server]'"
            ) from None
        self._redis: Any = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError,)
        self._watch_error: type[BaseException] = redis.WatchError
        self._ttl_ms = int(ttl_s * 1000)
        self._prefix = prefix
        try:
            self._redis.ping()
        except self._errors as err:
            raise StoreError(f"cannot reach Redis: {type(err).__name__}") from None

    def get(self, key: str) -> State | None:
        try:
            raw = self._redis.get(self._prefix + key)
        except self._errors as err:
            raise StoreError(f"Redis read failed: {type(err).__name__}") from None
        return None if raw is None else dict(json.loads(raw))

    def update(self, key: str, change: Update) -> State:
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
                    return state
            except self._watch_error:
                time.sleep(random.uniform(0, 0.002))  # another replica won: back off a little, retry
                continue
            except self._errors as err:
                raise StoreError(f"Redis update failed: {type(err).__name__}") from None
        raise StoreError(f"Redis update kept conflicting after {_RETRIES} tries")
