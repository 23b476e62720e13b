"""A real Synapse homeserver with the safechat module, a real sidecar, and Matrix clients.

Synapse runs as a child process (tests/matrix/homeserver.py). The sidecar runs in this process on
the real shipped model, on a fixed free port, so a test can stop it and start it again on the
same address. Without Synapse or matrix-nio (the ``matrix`` extra) the tests fail in CI and are
skipped on a developer machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import free_port, require
from tests.matrix.homeserver import (
    Account,
    Homeserver,
    quote,
    register,
    running_homeserver,
    safechat_module,
    set_band,
)

TIMEOUT_S = 2.0  # the module's timeout_s here (the default is 0.5 s; this machine is shared)
REPORT_POLL_S = 0.3


@dataclass
class Sidecar:
    """The safechat sidecar the module calls; ``stop`` and ``start`` keep its address."""

    port: int
    store_url: str
    moderator: Any
    running: Any = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        from safechat_server.app import start
        from safechat_server.settings import ServerSettings

        settings = ServerSettings(
            grpc={"port": self.port, "grace_s": 1.0},
            metrics={"enabled": False, "port": 0},
            reports={"store": self.store_url},
        )
        self.running = start(settings)
        self.running.serve_with(self.moderator)

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop()
            self.running = None


@pytest.fixture(scope="session")
def sidecar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidecar]:
    pytest.importorskip("grpc")
    from safechat import Moderator

    folder = tmp_path_factory.mktemp("sidecar")
    # the sidecar queues reviews itself, in its own store; the moderator does not
    moderator = Moderator.load(queue_reviews=False)
    running = Sidecar(free_port(), f"sqlite:///{folder / 'reports.db'}", moderator)
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def matrix_installed() -> None:
    """Synapse and matrix-nio are installed: else fail in CI, skip on a developer machine."""
    try:
        import nio  # noqa: F401
        import synapse  # noqa: F401
    except ImportError:
        require("Synapse and matrix-nio (pip install -e '.[matrix]')")


@pytest.fixture(scope="session")
def homeserver(matrix_installed: None, sidecar: Sidecar) -> Iterator[Homeserver]:
    module = safechat_module(sidecar.address, timeout_s=TIMEOUT_S, report_poll_s=REPORT_POLL_S)
    with running_homeserver([module]) as server:
        yield server


@pytest.fixture(scope="session")
def admin(homeserver: Homeserver) -> Account:
    return register(homeserver, "admin", admin=True)


@pytest.fixture
def accounts(homeserver: Homeserver, admin: Account) -> Callable[..., Account]:
    """Make an account with an age band set by the admin (``band=None``: never set, unknown)."""

    def make(name: str, band: str | None, locale: str | None = None) -> Account:
        account = register(homeserver, name)
        if band is not None:
            set_band(homeserver, admin, account, band)
        if locale is not None:
            path = f"/_matrix/client/v3/user/{quote(account.user_id)}/account_data/org.safechat.locale"
            status, body = homeserver.api("PUT", path, {"locale": locale}, token=account.token)
            assert status == 200, body
        return account

    return make
