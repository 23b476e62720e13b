"""Integration tests run the real shipped bundle; it is loaded once per session."""

from __future__ import annotations

import pytest

from safechat import Moderator


@pytest.fixture(scope="session")
def moderator(tmp_path_factory: pytest.TempPathFactory) -> Moderator:
    # reviews and reports go to a temporary store, never the working directory
    store = tmp_path_factory.mktemp("reports") / "reports.db"
    return Moderator.load(report_store=f"sqlite:///{store}")
