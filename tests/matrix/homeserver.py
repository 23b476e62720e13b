"""A real Synapse homeserver for the Matrix tests and the load benchmark: loopback only, SQLite
in a temporary folder, no federation listener and no trusted key servers (nothing dials out),
and accounts made by shared-secret registration."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tests.conftest import free_port

SHARED_SECRET = "safechat-test-registration-secret"
BAND_KEY = "safechat-test-band-key-0123456789"
NOTICES = "safechat"

_T = TypeVar("_T")


def wait_for(what: str, probe: Callable[[], _T | None], *, timeout: float = 30.0, every: float = 0.1) -> _T:
    """Call ``probe`` until it returns something other than ``None``; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


@dataclass
class Homeserver:
    url: str
    server_name: str
    log: Path

    def api(self, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
        """One client-server API call; returns the status and the JSON body."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"{}")

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text("utf-8", "replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def homeserver_yaml(folder: Path, port: int, modules: list[dict[str, Any]]) -> str:
    """A loopback-only homeserver.yaml (JSON is YAML) for ``folder``, with ``modules``."""
    config = {
        "server_name": "localhost",
        "pid_file": str(folder / "homeserver.pid"),
        "listeners": [
            {
                "port": port,
                "type": "http",
                "tls": False,
                "bind_addresses": ["127.0.0.1"],
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {"name": "sqlite3", "args": {"database": str(folder / "homeserver.db")}},
        "log_config": str(folder / "log.yaml"),
        "media_store_path": str(folder / "media"),
        "signing_key_path": str(folder / "signing.key"),
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "report_stats": False,
        "enable_metrics": False,
        "registration_shared_secret": SHARED_SECRET,
        "macaroon_secret_key": "safechat-test-macaroon",
        "form_secret": "safechat-test-form",
        "url_preview_enabled": False,
        "federation_domain_whitelist": [],
        "rc_message": {"per_second": 1000, "burst_count": 1000},
        "rc_registration": {"per_second": 1000, "burst_count": 1000},
        "rc_login": {"address": {"per_second": 1000, "burst_count": 1000}},
        "rc_joins": {"local": {"per_second": 1000, "burst_count": 1000}},
        "rc_invites": {"per_room": {"per_second": 1000, "burst_count": 1000}},
        "server_notices": {
            "system_mxid_localpart": NOTICES,
            "system_mxid_display_name": "Safety notices",
            "room_name": "Safety notices",
            "auto_join": True,
        },
        "modules": modules,
    }
    return json.dumps(config, indent=2)  # YAML is a superset of JSON


LOG_YAML = """\
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(levelname)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    filename: {log}
    formatter: precise
loggers:
  safechat.matrix:
    level: INFO
root:
  level: WARNING
  handlers: [file]
disable_existing_loggers: false
"""


@contextmanager
def running_homeserver(modules: list[dict[str, Any]]) -> Iterator[Homeserver]:
    """A Synapse child process on a free loopback port, on SQLite in a temporary folder, with
    ``modules``; stopped (and the folder removed) on exit."""
    folder = Path(tempfile.mkdtemp(prefix="safechat-synapse-"))
    port = free_port()
    log = folder / "homeserver.log"
    (folder / "log.yaml").write_text(LOG_YAML.format(log=log), "utf-8")
    config = folder / "homeserver.yaml"
    config.write_text(homeserver_yaml(folder, port, modules), "utf-8")
    command = [sys.executable, "-m", "synapse.app.homeserver", "-c", str(config)]
    try:
        subprocess.run([*command, "--generate-keys"], check=True, capture_output=True, timeout=120)
        with (folder / "stderr.txt").open("wb") as stderr:  # the child keeps its own copy of the file
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    server = Homeserver(f"http://127.0.0.1:{port}", "localhost", log)

    def healthy() -> bool | None:
        if process.poll() is not None:
            stderr = (folder / "stderr.txt").read_text("utf-8", "replace")[-3000:]
            raise AssertionError(f"Synapse exited with {process.returncode}:\n{stderr}\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "/health", timeout=2) as response:
                return True if response.status == 200 else None
        except OSError:
            return None

    try:
        wait_for("Synapse to answer /health", healthy, timeout=90, every=0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)


def safechat_module(sidecar: str, **config: Any) -> dict[str, Any]:
    """The ``modules:`` entry of the safechat module calling the sidecar at ``sidecar``."""
    return {
        "module": "safechat_matrix.SafechatModule",
        "config": {"sidecar": sidecar, "band_key": BAND_KEY, **config},
    }


def set_band(server: Homeserver, admin: Account, user: Account, band: str) -> None:
    """Set ``user``'s age band through the module's admin endpoint."""
    status, body = server.api(
        "PUT",
        "/_synapse/client/safechat/v1/age_band",
        {"user_id": user.user_id, "age_band": band},
        token=admin.token,
    )
    assert status == 200, body


@dataclass(frozen=True)
class Account:
    user_id: str
    token: str
    device_id: str


_accounts = iter(range(1_000_000))


def register(server: Homeserver, name: str, *, admin: bool = False) -> Account:
    """A new account (a unique localpart starting with ``name``), via shared-secret registration."""
    localpart = f"{name}{os.getpid()}x{next(_accounts)}"
    status, nonce = server.api("GET", "/_synapse/admin/v1/register")
    assert status == 200, nonce
    password = "pw-" + localpart
    mac = hmac.new(SHARED_SECRET.encode(), digestmod=hashlib.sha1)
    mac.update(b"\x00".join([nonce["nonce"].encode(), localpart.encode(), password.encode()]))
    mac.update(b"\x00admin" if admin else b"\x00notadmin")
    status, body = server.api(
        "POST",
        "/_synapse/admin/v1/register",
        {
            "nonce": nonce["nonce"],
            "username": localpart,
            "password": password,
            "admin": admin,
            "mac": mac.hexdigest(),
        },
    )
    assert status == 200, body
    return Account(body["user_id"], body["access_token"], body["device_id"])


def quote(value: str) -> str:
    return urllib.parse.quote(value, safe="")
