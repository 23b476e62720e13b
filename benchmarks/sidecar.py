"""Start a real `safechat serve` for a benchmark and wait until it is serving."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping


def start_sidecar(
    *,
    http: bool = False,
    processes: int = 1,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> tuple[subprocess.Popen[str], str, str | None]:
    """The server process (metrics off, free ports), its gRPC address and, with ``http``, its
    HTTP address, once SERVING. ``env`` and ``cwd``: the server's environment and working folder
    (default: this process's).

    Raises:
        RuntimeError: the server exited or failed to load before serving.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "safechat.cli.main", "serve", "--port", "0", "--no-metrics"]
        + (["--http-port", "0"] if http else [])
        + (["--processes", str(processes)] if processes > 1 else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=None if env is None else dict(env),
        cwd=cwd,
    )
    assert process.stdout is not None
    address, http_address = "", None
    for line in process.stdout:
        event = json.loads(line)
        address = event.get("grpc", address)
        http_address = event.get("http", http_address)
        if event["event"] == "serving":
            return process, address, http_address
        if event["event"] == "failed":
            break
    process.kill()
    raise RuntimeError("safechat serve did not start")
