"""Prometheus metrics: the standard ``grpc_server_*`` names plus safechat's own.

Labels are bounded sets only (method, code, label, action, band, versions): never user ids,
conversation ids or message text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from safechat import Decision

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """All the sidecar's metrics, in their own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        rpc = ["grpc_type", "grpc_service", "grpc_method"]
        self.started = Counter("grpc_server_started_total", "RPCs started on the server.", rpc, registry=r)
        self.handled = Counter(
            "grpc_server_handled_total", "RPCs completed on the server.", [*rpc, "grpc_code"], registry=r
        )
        self.received = Counter(
            "grpc_server_msg_received_total", "Stream messages received on the server.", rpc, registry=r
        )
        self.sent = Counter(
            "grpc_server_msg_sent_total", "Stream messages sent by the server.", rpc, registry=r
        )
        self.handling = Histogram(
            "grpc_server_handling_seconds",
            "Time to handle an RPC.",
            rpc,
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.decisions = Counter(
            "safechat_decisions_total",
            "Decisions by triggered label (or none), action and age band.",
            ["label", "action", "age_band"],
            registry=r,
        )
        self.inference = Histogram(
            "safechat_inference_duration_seconds",
            "Time of one model run.",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.batch_size = Histogram(
            "safechat_batch_messages",
            "Messages per model run.",
            buckets=(1, 2, 4, 8, 16, 32, 64, 128),
            registry=r,
        )
        # multiprocess_mode: how a supervisor (processes > 1) sums its processes' gauges.
        self.model_info = Gauge(
            "safechat_model_info",
            "The loaded model and policy.",
            ["model_version", "policy_version"],
            registry=r,
            multiprocess_mode="livemax",
        )
        self.model_loaded = Gauge(
            "safechat_model_loaded",
            "1 once the model is loaded and warmed up (in every process).",
            registry=r,
            multiprocess_mode="livemin",
        )
        self.inflight = Gauge(
            "safechat_inflight_requests", "RPCs being handled now.", registry=r, multiprocess_mode="livesum"
        )
        self.http_requests = Counter(
            "safechat_http_requests_total",
            "HTTP requests by route and status code.",
            ["route", "code"],
            registry=r,
        )
        self.rejected = Counter(
            "safechat_rejected_total", "Calls refused, by reason.", ["reason"], registry=r
        )
        self.reviews = Counter(
            "safechat_reviews_total",
            "Decisions queued for review in the report store, by priority and outcome (queued, failed).",
            ["review", "outcome"],
            registry=r,
        )
        self.coverage = Counter(
            "safechat_coverage_total",
            "Decisions by whether a model could read the message's language (trained, zero_shot, "
            "none) and age band.",
            ["coverage", "age_band"],
            registry=r,
        )

        self.store_unavailable = Counter(
            "safechat_conversation_store_unavailable_total",
            "Conversation messages decided without the conversation store (it could not be "
            "reached), by outcome: held (fail-closed: an adult or unknown writer to a child) or "
            "message (the message-level decision).",
            ["outcome"],
            registry=r,
        )
        self.store_up = Gauge(
            "safechat_conversation_store_up",
            "1 while the conversation store answers, 0 after a message it could not store "
            "(until one it could).",
            registry=r,
            multiprocess_mode="livemin",
        )

    def observe_run(self, messages: int, seconds: float) -> None:
        self.inference.observe(seconds)
        self.batch_size.observe(messages)

    def observe_decision(self, decision: Decision) -> None:
        band, action = decision.age_band.value, decision.action.value
        labels = [label.value for label in decision.labels] or ["none"]
        for label in labels:
            self.decisions.labels(label=label, action=action, age_band=band).inc()
        self.coverage.labels(coverage=decision.coverage.value, age_band=band).inc()


def _split(full_method: str) -> tuple[str, str]:
    _, service, method = full_method.split("/", 2) if full_method.count("/") >= 2 else ("", "", full_method)
    return service, method


class MetricsInterceptor(grpc.ServerInterceptor):  # type: ignore[misc]
    """Counts and times every RPC under the standard ``grpc_server_*`` names."""

    def __init__(self, metrics: Metrics) -> None:
        self._m = metrics
        # method -> (the handler it wrapped, the wrapper): gRPC asks for the handler on every
        # call, and the servicer's handlers do not change, so each is wrapped once
        self._wrapped: dict[str, tuple[Any, Any]] = {}

    def intercept_service(self, continuation: Callable[[Any], Any], details: Any) -> Any:
        handler = continuation(details)
        if handler is None:
            return None
        known = self._wrapped.get(details.method)
        if known is not None and known[0] is handler:
            return known[1]
        wrapped = self._wrap(handler, details.method)
        self._wrapped[details.method] = (handler, wrapped)
        return wrapped

    def _wrap(self, handler: Any, full_method: str) -> Any:
        service, method = _split(full_method)
        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(
                self._unary(handler.unary_unary, "unary", service, method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        kind = "bidi_stream" if handler.stream_stream is not None else "server_stream"
        if handler.stream_stream is not None:
            return grpc.stream_stream_rpc_method_handler(
                self._streaming(handler.stream_stream, kind, service, method, client_stream=True),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            return grpc.unary_stream_rpc_method_handler(
                self._streaming(handler.unary_stream, kind, service, method, client_stream=False),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler

    def _unary(
        self, behaviour: Callable[..., Any], kind: str, service: str, method: str
    ) -> Callable[..., Any]:
        labels = (kind, service, method)
        started_total = self._m.started.labels(*labels)
        received_total = self._m.received.labels(*labels)
        sent_total = self._m.sent.labels(*labels)

        def wrapped(request: Any, context: grpc.ServicerContext) -> Any:
            started_total.inc()
            received_total.inc()
            self._m.inflight.inc()
            started = time.perf_counter()
            code = "OK"
            try:
                response = behaviour(request, context)
                sent_total.inc()
                return response
            except BaseException:
                code = _code_name(context, default="UNKNOWN")
                raise
            finally:
                if code == "OK":
                    code = _code_name(context, default="OK")
                self._finish(labels, code, started)

        return wrapped

    def _streaming(
        self, behaviour: Callable[..., Any], kind: str, service: str, method: str, *, client_stream: bool
    ) -> Callable[..., Any]:
        labels = (kind, service, method)

        def counted(requests: Iterator[Any]) -> Iterator[Any]:
            for request in requests:
                self._m.received.labels(*labels).inc()
                yield request

        def wrapped(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            self._m.started.labels(*labels).inc()
            self._m.inflight.inc()
            started = time.perf_counter()
            code = "OK"
            try:
                if not client_stream:
                    self._m.received.labels(*labels).inc()
                for response in behaviour(counted(request) if client_stream else request, context):
                    self._m.sent.labels(*labels).inc()
                    yield response
            except BaseException:
                code = _code_name(context, default="UNKNOWN")
                raise
            finally:
                if code == "OK":
                    code = _code_name(context, default="OK")
                self._finish(labels, code, started)

        return wrapped

    def _finish(self, labels: tuple[str, str, str], code: str, started: float) -> None:
        self._m.inflight.dec()
        self._m.handled.labels(*labels, code).inc()
        self._m.handling.labels(*labels).observe(time.perf_counter() - started)


def _code_name(context: grpc.ServicerContext, *, default: str) -> str:
    try:
        code = context.code()
    except Exception:
        return default
    if code is None:
        return default
    return str(code.name) if isinstance(code, grpc.StatusCode) else default
