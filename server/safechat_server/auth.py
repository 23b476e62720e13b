"""The shared-token check: calls must send ``authorization: Bearer <token>``.

The health service stays open so load balancers and Kubernetes probes (which send no metadata)
can reach it.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

import grpc

_OPEN_SERVICES = ("/grpc.health.v1.Health/",)


class TokenInterceptor(grpc.ServerInterceptor):  # type: ignore[misc]
    """Refuses calls without the right bearer token with UNAUTHENTICATED."""

    def __init__(self, token: str) -> None:
        self._expected = f"Bearer {token}".encode()

    def intercept_service(self, continuation: Callable[[Any], Any], details: Any) -> Any:
        if details.method.startswith(_OPEN_SERVICES) or self._authorised(details.invocation_metadata):
            return continuation(details)
        handler = continuation(details)
        if handler is None:
            return None

        def refuse(request: Any, context: grpc.ServicerContext) -> Any:
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or wrong bearer token")

        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(refuse)
        if handler.unary_stream is not None:
            return grpc.unary_stream_rpc_method_handler(refuse)
        if handler.stream_unary is not None:
            return grpc.stream_unary_rpc_method_handler(refuse)
        return grpc.stream_stream_rpc_method_handler(refuse)

    def _authorised(self, metadata: Any) -> bool:
        for key, value in metadata or ():
            if key == "authorization":
                given = value.encode() if isinstance(value, str) else bytes(value)
                return hmac.compare_digest(given, self._expected)
        return False
