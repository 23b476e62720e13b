"""Real sidecars on free loopback ports: in-process (to reach inside) or as `safechat serve`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from safechat_server.app import Sidecar, start
from safechat_server.settings import ServerSettings

from safechat import Moderator, Scores
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.v1 import moderation_pb2_grpc as pb_grpc
from tests.conftest import require

_SCRATCH: list[Path] = []


def _scratch() -> Path:
    """A folder for this test session's default report store (not the working directory)."""
    if not _SCRATCH:
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="safechat-server-tests-")))
    return _SCRATCH[0]


class GatedScorer(FakeScorer):
    """A fake scorer whose model runs, once the test calls :meth:`shut`, wait until it opens
    ``gate`` again.

    While the gate is shut no call can finish: a call that reached the model, or waits behind
    one that did, is provably still in flight, however slow the machine (no sleep races a
    deadline). ``entered`` is set when a run reaches the model with the gate shut. The gate
    starts open, so that a sidecar's warm-up decision goes through.
    """

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.gate.set()

    def shut(self) -> None:
        self.entered.clear()
        self.gate.clear()

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        if not self.gate.is_set():
            self.entered.set()
            self.gate.wait(timeout=120)  # only bounds a broken test: the test opens the gate
        return super().score_batch(texts)

    def moderator(self) -> Moderator:
        """A moderator on the shipped policy scored by this scorer (no reviews queued)."""
        return Moderator(scorer=self, policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False)


@pytest.fixture
def gated(sidecar_factory: Any) -> Iterator[GatedScorer]:
    """A :class:`GatedScorer`; its gate is opened after the test, before the sidecars stop."""
    scorer = GatedScorer()
    yield scorer
    scorer.gate.set()


@pytest.fixture(scope="session")
def real_moderator() -> Moderator:
    return Moderator.load(report_store=f"sqlite:///{_scratch() / 'moderator-reports.db'}")


def settings(**overrides: Any) -> ServerSettings:
    """Settings on free loopback ports, with ``overrides`` (nested dicts) on top; reports and
    queued reviews go to a temporary store unless ``reports`` says otherwise."""
    base: dict[str, Any] = {
        "grpc": {"port": 0, "grace_s": 5.0},
        "metrics": {"port": 0},
        "reports": {"store": f"sqlite:///{_scratch() / 'reports.db'}"},
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return ServerSettings(**base)


@pytest.fixture
def sidecar_factory() -> Iterator[Any]:
    started: list[Sidecar] = []

    def make(moderator: Moderator | None, **overrides: Any) -> Sidecar:
        sidecar = start(settings(**overrides))
        started.append(sidecar)
        if moderator is not None:
            sidecar.serve_with(moderator)
        return sidecar

    yield make
    for sidecar in started:
        sidecar.stop()


def gauge(port: int, name: str) -> float:
    """The value of an unlabelled gauge on the metrics endpoint on ``port``."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not exported")


def channel(port: int) -> grpc.Channel:
    return grpc.insecure_channel(f"127.0.0.1:{port}")


def stub(port: int) -> pb_grpc.ModerationStub:
    return pb_grpc.ModerationStub(channel(port))


def health_status(port: int, service: str = "safechat.v1.Moderation") -> int:
    response = health_pb2_grpc.HealthStub(channel(port)).Check(
        health_pb2.HealthCheckRequest(service=service), timeout=5
    )
    return int(response.status)


@dataclass
class ServeProcess:
    process: subprocess.Popen[str]
    address: str
    port: int
    metrics_port: int
    http_address: str | None = None

    def terminate(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def start_serve(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> ServeProcess:
    """Run `safechat serve` exactly as the README says, on free ports; wait until it is serving."""
    command = [
        sys.executable,
        "-m",
        "safechat.cli.main",
        "serve",
        "--port",
        "0",
        "--metrics-port",
        "0",
        *args,
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    listening: dict[str, Any] = {}
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"safechat serve exited with {process.wait()}")
        event = json.loads(line)
        if event["event"] == "listening":
            listening = event
        elif event["event"] == "serving":
            host, port = listening["grpc"].rsplit(":", 1)
            return ServeProcess(
                process, listening["grpc"], int(port), int(listening["metrics"]), listening.get("http")
            )
        elif event["event"] == "failed":
            raise AssertionError("safechat serve failed to load")
    process.kill()
    raise AssertionError("safechat serve did not become ready in time")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    store = tmp_path_factory.mktemp("reports") / "reports.db"  # not the working directory
    process = start_serve(env={"SAFECHAT_REPORT_STORE": f"sqlite:///{store}"})
    yield process
    process.terminate()


NODE_CLIENT = Path(__file__).resolve().parents[2] / "examples" / "node-client"


def run_node_client(address: str) -> subprocess.CompletedProcess[str]:
    """Run examples/node-client against ``address`` (needs node and `npm ci` there, see .ci/run)."""
    node = shutil.which("node")
    if node is None or not (NODE_CLIENT / "node_modules").is_dir():
        require("the Node client (node and `npm ci --prefix examples/node-client`)")
    return subprocess.run(
        [str(node), str(NODE_CLIENT / "client.js"), address],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
