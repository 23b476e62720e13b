from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.server.conftest import ServeProcess, run_node_client

ROOT = Path(__file__).resolve().parents[2]


def test_regenerating_the_stubs_changes_nothing(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            "-I",
            str(ROOT / "proto"),
            f"--python_out={tmp_path}",
            f"--pyi_out={tmp_path}",
            f"--grpc_python_out={tmp_path}",
            str(ROOT / "proto" / "safechat" / "v1" / "moderation.proto"),
        ],
        check=True,
    )
    for name in ("moderation_pb2.py", "moderation_pb2.pyi", "moderation_pb2_grpc.py"):
        generated = (tmp_path / "safechat" / "v1" / name).read_bytes()
        assert generated == (ROOT / "safechat" / "v1" / name).read_bytes(), f"{name} is stale: regenerate it"


def test_the_node_client_gets_decisions(served: ServeProcess) -> None:
    result = run_node_client(served.address)
    assert result.returncode == 0, result.stderr
    calls = {record["call"]: record for record in map(json.loads, result.stdout.splitlines())}
    assert calls["Health.Check"]["status"] == "SERVING"
    assert calls["Moderate"]["action"] == "ACTION_MASK"
    assert calls["Moderate"]["masked_text"] == "add me on snap: *********"
    assert [d["action"] for d in calls["ModerateBatch"]["decisions"]] == ["ACTION_ALLOW", "ACTION_BLOCK"]
    conversation = calls["ModerateConversation"]["decisions"]
    assert [d["message_id"] for d in conversation] == ["c-1-1", "c-1-2"]
    assert conversation[0]["action"] == "ACTION_ALLOW"
    assert conversation[1]["action"] in ("ACTION_WARN", "ACTION_BLOCK", "ACTION_ESCALATE")


def test_the_python_client_example_runs(served: ServeProcess) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "grpc_client.py"), served.address],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "mask" in result.stdout and "add me on snap: *********" in result.stdout
