"""The HTTP server's own limits, against a real server on loopback, over raw sockets.

No timing is asserted: a slow client is simulated by sending part of a request and then
nothing; the socket timeouts below only stop a broken server from hanging the test.
"""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from safechat import Moderator

LIMIT = 4096
SETTINGS: dict[str, Any] = {
    "http": {"port": 0, "header_timeout_s": 0.5, "body_timeout_s": 0.5},
    "grpc": {"max_receive_bytes": LIMIT},
}


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=15)


def _read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        data += chunk
    return data


def _status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def _body(response: bytes) -> dict[str, Any]:
    return json.loads(response.split(b"\r\n\r\n", 1)[1])  # type: ignore[no-any-return]


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


HEAD = (
    b"POST /v1/moderate HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
    b"transfer-encoding: chunked\r\n\r\n"
)


def _metric(sidecar: Any, reason: str) -> float:
    return float(sidecar.metrics.rejected.labels(reason=reason)._value.get())


def test_a_chunked_body_over_the_limit_is_refused_before_it_ends(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(None, **SETTINGS)
    with _connect(sidecar.http.port) as sock:
        sock.sendall(HEAD)
        for _ in range(6):  # 6 KiB of a body that never ends: no terminating chunk is ever sent
            sock.sendall(_chunk(b'"' * 1024))
        response = _read_all(sock)
    assert _status(response) == 413
    assert b"connection: close" in response.lower()
    assert _body(response)["error"]["message"] == f"request body is over the limit of {LIMIT} bytes"
    assert _metric(sidecar, "too_large") == 1


def test_a_declared_length_over_the_limit_is_refused_unread(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(None, **SETTINGS)
    with _connect(sidecar.http.port) as sock:
        sock.sendall(b"POST /v1/moderate HTTP/1.1\r\nHost: x\r\ncontent-length: 300000000\r\n\r\n")
        response = _read_all(sock)  # not one byte of the 300 MB was sent
    assert _status(response) == 413
    assert _body(response)["error"]["message"] == f"request body is 300000000 bytes; the limit is {LIMIT}"


def test_a_chunked_body_within_the_limit_reaches_the_handler(
    sidecar_factory: Any, real_moderator: Moderator
) -> None:
    sidecar = sidecar_factory(real_moderator, **SETTINGS)
    payload = json.dumps({"text": "you are so ugly nobody likes you", "age_band": "13_15"}).encode()
    with _connect(sidecar.http.port) as sock:
        sock.sendall(HEAD.replace(b"\r\n\r\n", b"\r\nconnection: close\r\n\r\n"))
        for start in range(0, len(payload), 10):
            sock.sendall(_chunk(payload[start : start + 10]))
        sock.sendall(b"0\r\n\r\n")
        response = _read_all(sock)
    assert _status(response) == 200
    assert _body(response)["decision"]["age_band"] == "13_15"


def test_a_client_slow_to_send_its_headers_is_cut_off(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(None, **SETTINGS)
    with _connect(sidecar.http.port) as sock:
        sock.sendall(b"POST /v1/moderate HTTP/1.1\r\nHost: x\r\n")  # and the rest never comes
        assert _read_all(sock) == b""  # closed by the server, without an answer
    with _connect(sidecar.http.port) as idle:  # connects and sends nothing at all
        assert _read_all(idle) == b""


def test_a_client_slow_to_send_its_body_gets_408(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(None, **SETTINGS)
    with _connect(sidecar.http.port) as sock:
        sock.sendall(b'POST /v1/moderate HTTP/1.1\r\nHost: x\r\ncontent-length: 100\r\n\r\n{"text":')
        response = _read_all(sock)
    assert _status(response) == 408
    assert "did not arrive within 0.5 seconds" in _body(response)["error"]["message"]
    assert _metric(sidecar, "body_timeout") == 1


@pytest.mark.parametrize("size", [LIMIT, LIMIT + 1])
def test_the_limit_is_exact(sidecar_factory: Any, size: int) -> None:
    sidecar = sidecar_factory(None, **SETTINGS)
    body = b'{"text": "' + b"a" * (size - 12) + b'"}'
    assert len(body) == size
    head = HEAD.replace(b"\r\n\r\n", b"\r\nconnection: close\r\n\r\n")
    with _connect(sidecar.http.port) as sock:
        sock.sendall(head + _chunk(body[:1000]) + _chunk(body[1000:]) + b"0\r\n\r\n")
        response = _read_all(sock)
    # within the limit the handler answers (503: no model in this test); over it, 413
    assert _status(response) == (503 if size == LIMIT else 413)
