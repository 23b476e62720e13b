"""The HTTP server's own limits, for every request (API and console alike).

:class:`BodyLimit` is an ASGI middleware that reads the request body itself before the app sees
any of it: it refuses a declared ``Content-Length`` over the limit without reading a byte, counts
the bytes of a streamed (chunked) body as they arrive and answers ``413`` as soon as the count
passes the limit, and answers ``408`` when the whole body has not arrived within the body
timeout. At most ``max_bytes`` of one request body is ever held in memory; the app gets the
body only once it is complete and within the limit.

:class:`SlowClientProtocol` is uvicorn's h11 protocol with a header timeout: a connection that
has not sent a complete request line and headers within ``header_timeout_s`` of connecting (or
of its first byte after a response) is closed. Idle keep-alive connections are closed by
uvicorn's own ``timeout_keep_alive``.

Neither ever logs or echoes a body byte.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]

_STATUS = {408: "DEADLINE_EXCEEDED", 413: "RESOURCE_EXHAUSTED"}


class BodyLimit:
    """Wraps an ASGI app so that no request body over ``max_bytes`` (or slower than
    ``body_timeout_s`` seconds in all) reaches it.

    ``on_reject`` is called with ``"too_large"`` or ``"body_timeout"`` for each refusal (metrics).
    """

    def __init__(
        self,
        app: Asgi,
        *,
        max_bytes: int,
        body_timeout_s: float,
        on_reject: Callable[[str], None] | None = None,
    ) -> None:
        if max_bytes < 0 or body_timeout_s <= 0:
            raise ValueError("max_bytes must be >= 0 and body_timeout_s > 0")
        self._app = app
        self._max = max_bytes
        self._timeout = body_timeout_s
        self._on_reject = on_reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self._max:
            await self._refuse(send, 413, f"request body is {declared} bytes; the limit is {self._max}")
            return
        try:
            body, disconnected = await asyncio.wait_for(self._read(receive), self._timeout)
        except _TooLarge:
            await self._refuse(send, 413, f"request body is over the limit of {self._max} bytes")
            return
        except asyncio.TimeoutError:
            await self._refuse(send, 408, f"the request body did not arrive within {self._timeout:g} seconds")
            return
        if disconnected:
            return  # the client went away mid-body: nobody to answer
        await self._app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> tuple[bytes, bool]:
        """The whole body (at most ``max_bytes``), and whether the client disconnected first.

        Raises:
            _TooLarge: the body passed ``max_bytes``; the rest is never read.
        """
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"", True
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self._max:
                raise _TooLarge
            if chunk:
                chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), False

    async def _refuse(self, send: Send, code: int, message: str) -> None:
        if self._on_reject is not None:
            self._on_reject("too_large" if code == 413 else "body_timeout")
        body = json.dumps(
            {"error": {"code": code, "message": message, "status": _STATUS[code], "details": []}}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": code,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),  # the rest of the body is never read
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    """The body passed the limit."""


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the app the whole body once, then the client's own events."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class SlowClientProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections that are slow to send their headers.

    Set ``header_timeout_s`` on the class (see :func:`slow_client_protocol`).
    """

    header_timeout_s: float = 10.0
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:
            if self._header_timer is None:  # the first bytes of the next request
                self._arm_header_timer()
        else:  # the request line and headers are in
            self._disarm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def slow_client_protocol(header_timeout_s: float) -> type[SlowClientProtocol]:
    """A :class:`SlowClientProtocol` with its own header timeout, for ``uvicorn.Config(http=...)``."""
    return type("SlowClientProtocol", (SlowClientProtocol,), {"header_timeout_s": header_timeout_s})
