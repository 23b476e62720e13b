"""Signed-in sessions and sign-in rate limiting.

A session is a random token in a cookie (``Secure`` unless turned off for plain http on
loopback, ``HttpOnly``, ``SameSite=Strict``, path ``/console``); only its SHA-256 is stored.
Failed sign-ins are counted per account and per client address in a sliding window, in this
process's memory: over the limit, sign-in is refused (429) until the window has passed.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

ADDRESS_FACTOR = 4
"""An address may fail this many times as often as one account before it is refused."""

COOKIE = "safechat_console"
"""The session cookie's name."""


def new_session_token() -> str:
    """A fresh session token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the store keeps of a session token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class CookiePolicy:
    """How session cookies are set."""

    secure: bool
    max_age_s: int

    def header(self, name: str, value: str, *, max_age_s: int | None = None) -> str:
        """A ``Set-Cookie`` value for ``name``; an empty ``value`` with ``max_age_s=0`` deletes it."""
        parts = [f"{name}={value}", "Path=/console", "HttpOnly", "SameSite=Strict"]
        parts.append(f"Max-Age={self.max_age_s if max_age_s is None else max_age_s}")
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)


class LoginLimiter:
    """Counts failed sign-ins per key (``user:NAME``, ``addr:IP``) in a sliding window. Thread-safe.

    Args:
        attempts: failures allowed per account within ``window_s`` seconds; an address (which
            may be shared by a team) is allowed :data:`ADDRESS_FACTOR` times as many.
        clock: monotonic seconds (a test may pass its own).
    """

    def __init__(
        self, *, attempts: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._attempts = attempts
        self._address_attempts = attempts * ADDRESS_FACTOR
        self._window = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        seen = self._failures.setdefault(key, deque())
        while seen and now - seen[0] >= self._window:
            seen.popleft()
        return seen

    def blocked(self, *keys: str) -> bool:
        """True when any of ``keys`` has used up its failures."""
        now = self._clock()
        with self._lock:
            return any(len(self._recent(key, now)) >= self._limit(key) for key in keys)

    def _limit(self, key: str) -> int:
        return self._address_attempts if key.startswith("addr:") else self._attempts

    def failed(self, *keys: str) -> None:
        """Count one failure against each of ``keys``."""
        now = self._clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
            if len(self._failures) > 100_000:  # bound the memory an attacker can make us use
                for key in [k for k, v in self._failures.items() if not self._recent(k, now)]:
                    del self._failures[key]

    def succeeded(self, key: str) -> None:
        """Forget the failures of ``key`` (the account signed in)."""
        with self._lock:
            self._failures.pop(key, None)
