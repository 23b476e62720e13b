"""Browser tests: Playwright for Python driving Debian's chromium (Playwright's own browser
download cannot be reached here). One sidecar with the console, and one chat demo, per module.

Screenshots for the docs are written where ``SAFECHAT_SCREENSHOTS`` points (e.g. docs/images),
and nowhere when it is unset.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from safechat import Moderator
from tests.conftest import require
from tests.server.conftest import real_moderator  # noqa: F401  (the shipped model, loaded once a session)

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long enough passphrase"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("SAFECHAT_CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless chromium (fails in CI when missing, skips elsewhere; see tests.conftest.require)."""
    executable = chromium_path()
    if importlib.util.find_spec("playwright") is None or executable is None:
        require("Playwright for Python (the browser extra) and Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


def load_demo() -> ModuleType:
    """examples/chat_demo/app.py as a module."""
    spec = importlib.util.spec_from_file_location("chat_demo_app", ROOT / "examples" / "chat_demo" / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


class ThreadedServer:
    """An ASGI app served by uvicorn on a free loopback port, on a daemon thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])
        self._server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()


@dataclass
class Stack:
    """The sidecar (HTTP API and console) and the chat demo in front of it."""

    sidecar: Any
    demo: ThreadedServer

    @property
    def console_url(self) -> str:
        return f"http://127.0.0.1:{self.sidecar.http.port}/console"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.sidecar.http.port}"

    @property
    def demo_url(self) -> str:
        return f"http://127.0.0.1:{self.demo.port}/"

    @property
    def tables(self) -> Any:
        return self.sidecar.http.front.console.store


@pytest.fixture(scope="module")
def stack(real_moderator: Moderator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:  # noqa: F811
    from safechat_server.app import start
    from safechat_server.console.accounts import Account, Role, hash_password

    from safechat.reports.types import utc_now
    from tests.server.conftest import settings

    store = tmp_path_factory.mktemp("browser") / "reports.db"
    sidecar = start(
        settings(
            http={"port": 0},
            reports={"store": f"sqlite:///{store}"},
            console={"enabled": True, "secure_cookies": False},  # plain http on loopback
        )
    )
    sidecar.serve_with(real_moderator)
    tables = sidecar.http.front.console.store
    for name, role in (("rita", Role.REVIEWER), ("ada", Role.ADMIN)):
        tables.add_account(Account(name, role, hash_password(PASSWORD), utc_now()))
    demo_module = load_demo()
    demo = ThreadedServer(
        demo_module.create_app(demo_module.SafechatClient(f"http://127.0.0.1:{sidecar.http.port}"))
    )
    yield Stack(sidecar, demo)
    demo.stop()
    sidecar.stop()


def screenshot(page: Any, name: str) -> None:
    """Save a PNG of ``page`` for the docs, when SAFECHAT_SCREENSHOTS names a folder."""
    folder = os.environ.get("SAFECHAT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)
