"""Integration tests run the real shipped bundle; it is loaded once per session."""

from __future__ import annotations

import pytest

from safechat import Moderator


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    return Moderator.load()
