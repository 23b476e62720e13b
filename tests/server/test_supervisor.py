"""`safechat serve --processes N`: several sidecar processes on the same ports."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import grpc
import pytest
from safechat_server.settings import ServerSettings, available_cores
from safechat_server.supervisor import _child_settings

from safechat.v1 import moderation_pb2 as pb
from safechat.v1 import moderation_pb2_grpc as pb_grpc
from tests.server.conftest import ServeProcess, start_serve

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="--processes needs Linux")


def _children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        match = re.match(rf"^{name}(?:\{{(.*)\}})? (\S+)$", line)
        if match and all(f'{k}="{v}"' in (match.group(1) or "") for k, v in labels.items()):
            total += float(match.group(2))
    return total


def _own_connection(address: str) -> pb_grpc.ModerationStub:
    """A stub on a connection of its own (gRPC shares one per target unless told not to)."""
    return pb_grpc.ModerationStub(
        grpc.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)])
    )


@pytest.fixture
def report_env(tmp_path: Path) -> dict[str, str]:
    return {"SAFECHAT_REPORT_STORE": f"sqlite:///{tmp_path / 'reports.db'}"}


def test_two_processes_share_the_ports_the_metrics_and_the_shutdown(report_env: dict[str, str]) -> None:
    served = start_serve("--processes", "2", "--http-port", "0", env=report_env)
    try:
        children = _children(served.process.pid)
        assert len(children) >= 2  # the two sidecars (and multiprocessing's resource tracker)
        calls = 12
        for n in range(calls):
            response = _own_connection(served.address).Moderate(
                pb.ModerateRequest(text=f"good game everyone {n}", message_id=str(n)), timeout=10
            )
            assert response.decision.message_id == str(n)
        request = urllib.request.Request(
            f"http://{served.http_address}/v1/moderate",
            data=json.dumps({"text": "see you tomorrow"}).encode(),
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{served.metrics_port}/metrics", timeout=10) as page:
            metrics = page.read().decode()
        assert _metric(metrics, "grpc_server_started_total", grpc_method="Moderate") == calls
        assert _metric(metrics, "safechat_model_loaded") == 1  # the least of the two processes
        assert _metric(metrics, "safechat_decisions_total") == calls + 1
    finally:
        code = served.terminate()
    assert code == 0
    _assert_all_end(children)  # the sidecars, and the resource tracker soon after


def test_a_process_that_dies_stops_the_sidecar_with_an_error(report_env: dict[str, str]) -> None:
    served: ServeProcess = start_serve("--processes", "2", env=report_env)
    sidecars = [pid for pid in _children(served.process.pid) if b"spawn_main" in _cmdline(pid)]
    assert len(sidecars) == 2
    os.kill(sidecars[0], signal.SIGKILL)
    assert served.process.wait(timeout=30) == 1
    assert not _alive(sidecars[1])


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _serve_events(*args: str, env: dict[str, str]) -> tuple[int, list[dict[str, object]]]:
    process = subprocess.run(
        [sys.executable, "-m", "safechat.cli.main", "serve", "--metrics-port", "0", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    return process.returncode, [json.loads(line) for line in process.stdout.splitlines()]


def test_a_model_that_cannot_load_fails_the_whole_sidecar(report_env: dict[str, str], tmp_path: Path) -> None:
    code, events = _serve_events(
        "--port", "0", "--processes", "2", "--bundle", str(tmp_path / "missing"), env=report_env
    )
    assert code == 2
    assert events[-1]["event"] == "failed"
    assert not any(event["event"] == "serving" for event in events)


def test_a_port_taken_by_another_program_is_a_clear_failure(report_env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        code, events = _serve_events("--port", str(port), "--processes", "2", env=report_env)
    assert code == 2
    assert events == [{"event": "failed", "error": "cannot bind: Address already in use"}]
    assert time.monotonic() - started < 60


def test_a_second_supervised_sidecar_cannot_join_the_first_ones_port(report_env: dict[str, str]) -> None:
    served = start_serve("--processes", "2", env=report_env)
    try:
        code, events = _serve_events("--port", str(served.port), "--processes", "2", env=report_env)
    finally:
        served.terminate()
    assert code == 2
    assert events == [{"event": "failed", "error": "cannot bind: Address already in use"}]


def test_child_settings_share_the_ports_and_the_cores() -> None:
    settings = ServerSettings(processes=2, http={"port": 0})  # type: ignore[arg-type]
    child = _child_settings(settings, grpc_port=5005, http_port=8088)
    assert (child.processes, child.grpc.port, child.http.port, child.metrics.enabled) == (
        1,
        5005,
        8088,
        False,
    )
    assert child.batch.workers == max(1, available_cores() // 2)
    pinned = _child_settings(ServerSettings(processes=2, batch={"workers": 3}), 1, None)  # type: ignore[arg-type]
    assert pinned.batch.workers == 3 and pinned.http.port is None


def test_the_processes_end_when_the_supervisor_is_killed(report_env: dict[str, str]) -> None:
    served = start_serve("--processes", "2", env=report_env)
    sidecars = [pid for pid in _children(served.process.pid) if b"spawn_main" in _cmdline(pid)]
    served.process.kill()
    served.process.wait(timeout=10)
    _assert_all_end(sidecars)


def _assert_all_end(pids: list[int], within_s: float = 30) -> None:
    deadline = time.monotonic() + within_s
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in pids if _alive(pid)]


def test_a_process_that_does_not_drain_in_time_is_killed(report_env: dict[str, str]) -> None:
    served = start_serve("--processes", "2", env={**report_env, "SAFECHAT_GRPC__GRACE_S": "1"})
    sidecars = [pid for pid in _children(served.process.pid) if b"spawn_main" in _cmdline(pid)]
    os.kill(sidecars[0], signal.SIGSTOP)  # it cannot act on SIGTERM now
    started = time.monotonic()
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=30) == 1
    assert time.monotonic() - started < 20  # grace 1 s plus the margin, not forever
    _assert_all_end(sidecars)
