"""Start, serve and stop the sidecar.

Order matters: the listener and the health service come up first, reporting NOT_SERVING; the
model loads and answers one warm-up decision; only then does health flip to SERVING. On
SIGTERM or SIGINT: health goes NOT_SERVING for good, new calls are refused, in-flight calls get
``grace_s`` seconds, then the batcher drains and the process exits.
"""

from __future__ import annotations

import json
import logging
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass
from types import FrameType

import grpc
import uvicorn
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from prometheus_client import start_http_server

from safechat import Moderator
from safechat.conversation import ConversationModerator, open_store
from safechat_server.auth import TokenInterceptor
from safechat_server.batcher import MicroBatcher
from safechat_server.console import Console
from safechat_server.http_api import HttpFront
from safechat_server.limits import slow_client_protocol
from safechat_server.metrics import Metrics, MetricsInterceptor
from safechat_server.servicer import SERVICE_NAME, ModerationServicer, add_to_server
from safechat_server.settings import ServerSettings

logger = logging.getLogger("safechat.server")

WARM_UP_TEXT = "safechat warm-up message"


@dataclass
class Sidecar:
    """A running sidecar (used by ``safechat serve`` and by tests)."""

    settings: ServerSettings
    server: grpc.Server
    health: health.HealthServicer
    servicer: ModerationServicer
    metrics: Metrics
    port: int
    metrics_port: int | None
    batcher: MicroBatcher | None = None
    http: HttpServer | None = None

    def load_and_warm_up(self) -> None:
        """Load the model, run one decision, then report SERVING.

        Raises:
            SafechatError: the bundle or policy is broken; health stays NOT_SERVING.
        """
        model = self.settings.model
        # the servicer queues reviews itself (in the report store of the settings), message id and all
        moderator = Moderator.load(
            bundle=model.bundle, policy=model.policy, threads=model.threads, queue_reviews=False
        )
        self.serve_with(moderator)

    def serve_with(self, moderator: Moderator) -> None:
        """Warm ``moderator`` up with one decision, start the batcher, report SERVING."""
        moderator.moderate(WARM_UP_TEXT)
        batch = self.settings.batch
        self.batcher = MicroBatcher(
            moderator,
            max_messages=batch.max_messages,
            max_wait_s=batch.max_wait_ms / 1000,
            queue_size=batch.queue_size,
            workers=batch.worker_count,
            on_run=self.metrics.observe_run,
        )
        conversation = self.settings.conversation
        store = open_store(conversation.store, ttl_s=conversation.ttl_s, max_keys=conversation.max_keys)
        if self.http is not None:
            self.http.front.batcher = self.batcher
            self.http.front.submit_report = self.servicer.submit_report
            self.http.front.queue_review = self.servicer.queue_review
        self.servicer.ready(self.batcher, ConversationModerator(moderator, store=store), moderator=moderator)
        self.metrics.model_info.labels(moderator.model_version, moderator.policy_version).set(1)
        self.metrics.model_loaded.set(1)
        for name in ("", SERVICE_NAME):
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    def stop(self) -> None:
        """Drain: NOT_SERVING, refuse new calls, let in-flight ones finish, stop the batcher."""
        self.health.enter_graceful_shutdown()
        if self.http is not None:
            self.http.stop(self.settings.grpc.grace_s)
        self.server.stop(self.settings.grpc.grace_s).wait()
        if self.batcher is not None:
            self.batcher.stop(timeout=self.settings.grpc.grace_s)
        self.servicer.close()
        self.metrics.model_loaded.set(0)


def start(settings: ServerSettings, *, share_ports: bool = False) -> Sidecar:
    """Bind the listener and metrics port; health is NOT_SERVING until `Sidecar.load_and_warm_up`.

    ``share_ports``: bind the gRPC and HTTP ports with SO_REUSEPORT, so that the processes of
    one supervised sidecar listen on the same ports (:mod:`safechat_server.supervisor`).
    """
    metrics = Metrics()
    interceptors: list[grpc.ServerInterceptor] = [MetricsInterceptor(metrics)]
    if settings.token is not None:
        interceptors.append(TokenInterceptor(settings.token.get_secret_value()))
    g = settings.grpc
    options = [
        ("grpc.max_receive_message_length", g.max_receive_bytes),
        ("grpc.keepalive_time_ms", g.keepalive_time_ms),
        ("grpc.keepalive_timeout_ms", g.keepalive_timeout_ms),
        ("grpc.http2.min_recv_ping_interval_without_data_ms", g.min_ping_interval_ms),
        ("grpc.http2.max_ping_strikes", 2),
        ("grpc.so_reuseport", 1 if share_ports else 0),
    ]
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=g.workers, thread_name_prefix="safechat-grpc"),
        interceptors=interceptors,
        options=options,
    )
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    servicer = ModerationServicer(settings, metrics)
    add_to_server(servicer, server)
    if g.reflection:
        names = (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME)
        reflection.enable_server_reflection(names, server)
    address = f"{g.host}:{g.port}"
    port = (
        server.add_secure_port(address, _credentials(settings))
        if settings.tls.enabled
        else server.add_insecure_port(address)
    )
    server.start()
    metrics_port: int | None = None
    if settings.metrics.enabled:
        http, _ = start_http_server(
            settings.metrics.port, addr=settings.metrics.host, registry=metrics.registry
        )
        metrics_port = int(http.server_port)
    http_api = (
        HttpServer.start(settings, metrics, share_port=share_ports)
        if settings.http.port is not None
        else None
    )
    return Sidecar(settings, server, health_servicer, servicer, metrics, port, metrics_port, http=http_api)


class HttpServer:
    """The HTTP/JSON API served by uvicorn on its own thread, beside the gRPC server."""

    def __init__(self, front: HttpFront, server: uvicorn.Server, sock: socket.socket) -> None:
        self.front = front
        self._server = server
        self._socket = sock
        self.port = int(sock.getsockname()[1])
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="safechat-http", daemon=True
        )

    @classmethod
    def start(cls, settings: ServerSettings, metrics: Metrics, *, share_port: bool = False) -> HttpServer:
        console = None
        if settings.console.enabled:
            console = Console(settings.console, store_url=settings.report_store_url)
        front = HttpFront(settings, metrics, console=console)
        family = socket.AF_INET6 if ":" in settings.http.host else socket.AF_INET
        # IPPROTO_TCP explicitly: asyncio turns Nagle off only for sockets that say so, and with
        # Nagle on, a keep-alive client waits ~40 ms (delayed ACK) for every response body.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if share_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((settings.http.host, settings.http.port or 0))
        http = settings.http
        config = uvicorn.Config(
            front.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            http=slow_client_protocol(http.header_timeout_s),
            timeout_keep_alive=http.keep_alive_s,
            h11_max_incomplete_event_size=http.max_header_bytes,
        )
        server = cls(front, uvicorn.Server(config), sock)
        if console is not None:
            console.start()
        server._thread.start()
        deadline = time.monotonic() + 10
        while not server._server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        return server

    def stop(self, grace_s: float) -> None:
        """Finish in-flight requests (up to ``grace_s``), then close."""
        self._server.should_exit = True
        self._thread.join(grace_s + 1)
        self._socket.close()
        if self.front.console is not None:
            self.front.console.stop()


def _credentials(settings: ServerSettings) -> grpc.ServerCredentials:
    tls = settings.tls
    assert tls.cert is not None and tls.key is not None
    pair = [(tls.key.read_bytes(), tls.cert.read_bytes())]
    if tls.client_ca is not None:
        return grpc.ssl_server_credentials(
            pair, root_certificates=tls.client_ca.read_bytes(), require_client_auth=True
        )
    return grpc.ssl_server_credentials(pair)


def serve(settings: ServerSettings) -> int:
    """Run until SIGTERM or SIGINT; returns the exit code.

    Prints one JSON line on stdout when listening (with the ports) and one when serving. With
    ``processes`` above 1, a supervisor runs that many sidecar processes on the same ports.
    """
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if settings.processes > 1:
        from safechat_server.supervisor import supervise

        return supervise(settings, announce=_announce)
    return run(settings, announce=_announce)


Announce = Callable[..., None]
"""Reports a lifecycle event (``event=...`` plus fields); ``safechat serve`` prints JSON lines."""


def run(settings: ServerSettings, *, announce: Announce, share_ports: bool = False) -> int:
    """One sidecar process, from binding the ports to the end of the drain; returns the exit code."""
    sidecar = start(settings, share_ports=share_ports)
    announce(
        event="listening",
        grpc=f"{settings.grpc.host}:{sidecar.port}",
        metrics=sidecar.metrics_port,
        http=f"{settings.http.host}:{sidecar.http.port}" if sidecar.http is not None else None,
    )
    stopping = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            return
        stopping.set()
        logger.info("signal %d: draining for up to %.1fs", signum, settings.grpc.grace_s)
        threading.Thread(target=sidecar.stop, name="safechat-shutdown").start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        sidecar.load_and_warm_up()
    except Exception as err:
        logger.error("model failed to load; health stays NOT_SERVING: %s", err)
        announce(event="failed", error=str(err))
        sidecar.health.enter_graceful_shutdown()
        sidecar.server.stop(0)
        return 2
    if not stopping.is_set():
        announce(event="serving")
    sidecar.server.wait_for_termination()
    if sidecar.batcher is not None:
        sidecar.batcher.stop(timeout=settings.grpc.grace_s)
    logger.info("stopped")
    return 0


def _announce(**fields: object) -> None:
    print(json.dumps(fields), flush=True)
    sys.stdout.flush()
