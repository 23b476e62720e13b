from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import grpc
import pytest

from safechat import Moderator
from safechat.v1 import moderation_pb2 as pb
from safechat.v1 import moderation_pb2_grpc as pb_grpc


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return key, cert


def test_tls_serves_encrypted_and_refuses_plaintext(
    tmp_path: Path, sidecar_factory: Any, real_moderator: Moderator
) -> None:
    key, cert = _self_signed(tmp_path)
    sidecar = sidecar_factory(real_moderator, tls={"cert": str(cert), "key": str(key)})
    credentials = grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())
    secure = pb_grpc.ModerationStub(grpc.secure_channel(f"localhost:{sidecar.port}", credentials))
    assert secure.Moderate(pb.ModerateRequest(text="hello"), timeout=10).decision.action == pb.ACTION_ALLOW
    plain = pb_grpc.ModerationStub(grpc.insecure_channel(f"127.0.0.1:{sidecar.port}"))
    with pytest.raises(grpc.RpcError) as err:
        plain.Moderate(pb.ModerateRequest(text="hello"), timeout=3)
    assert err.value.code() is grpc.StatusCode.UNAVAILABLE


def test_tls_settings_are_checked(tmp_path: Path) -> None:
    from pydantic import ValidationError
    from safechat_server.settings import ServerSettings

    with pytest.raises(ValidationError, match="go together"):
        ServerSettings(tls={"cert": str(tmp_path / "cert.pem")})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="file not found"):
        ServerSettings(tls={"cert": str(tmp_path / "c.pem"), "key": str(tmp_path / "k.pem")})  # type: ignore[arg-type]
