"""CSRF tokens: one per session for every form once signed in; a double-submit cookie for the
sign-in form (there is no session yet). Compared in constant time."""

from __future__ import annotations

import hmac
import secrets

FIELD = "csrf"
"""The hidden form field every console form carries."""

LOGIN_COOKIE = "safechat_console_login"
"""The cookie that holds the sign-in form's token until the sign-in succeeds."""


def new_token() -> str:
    """A fresh unguessable token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def matches(expected: str | None, given: str | None) -> bool:
    """True when both are present and equal (constant-time)."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
