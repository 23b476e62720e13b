"""What may be said about a message outside the decision: a salted fingerprint and a length.

The salt is random per process, so fingerprints correlate log lines of one process without
letting anyone test a guessed text against logs from another.
"""

from __future__ import annotations

import hashlib
import hmac
import os

_SALT = os.urandom(16)


def fingerprint(text: str) -> str:
    """A 12-hex-digit salted hash of ``text``, safe to log."""
    data = text.encode("utf-8", "surrogatepass")
    return hmac.new(_SALT, data, hashlib.sha256).hexdigest()[:12]


def describe(text: str) -> str:
    """``"fp=<fingerprint> len=<n>"`` for logs and traces, never the text itself."""
    return f"fp={fingerprint(text)} len={len(text)}"
