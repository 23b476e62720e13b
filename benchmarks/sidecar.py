"""Start a real `safechat serve` for a benchmark and wait until it is serving."""

from __future__ import annotations

import json
import subprocess
import sys


def start_sidecar() -> tuple[subprocess.Popen[str], str]:
    """The server process (metrics off, free port) and its gRPC address, once SERVING.

    Raises:
        RuntimeError: the server exited or failed to load before serving.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "safechat.cli.main", "serve", "--port", "0", "--no-metrics"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    address = ""
    for line in process.stdout:
        event = json.loads(line)
        address = event.get("grpc", address)
        if event["event"] == "serving":
            return process, address
        if event["event"] == "failed":
            break
    process.kill()
    raise RuntimeError("safechat serve did not start")
