"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from safechat import Moderator


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    """The shipped moderator (both bundles, the default policy), loaded once for the tests that check
    a decision with the real bundles; a module that needs another one defines its own."""
    return Moderator.load()
