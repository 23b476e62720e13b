"""Several sidecar processes on the same ports, for more throughput than one process gives.

In one Python process the gRPC machinery and the engine's Python steps (normaliser, rules,
policy) share one interpreter lock; the model releases it, the rest does not, so one process
cannot keep two cores busy. With ``processes`` above 1, ``safechat serve`` becomes a supervisor:

- it starts that many sidecar processes; each loads its own model and binds the gRPC (and HTTP)
  port with SO_REUSEPORT, and the kernel spreads client connections over them;
- it serves all their metrics on the one metrics port (prometheus_client's multiprocess mode);
- it announces ``serving`` once every process serves, and forwards SIGTERM and SIGINT, so each
  process drains as a single sidecar would;
- if a process exits on its own, it stops the others and exits with an error: an orchestrator
  then restarts the whole sidecar, rather than keep one that answers some connections only.

Each process keeps its own in-memory conversation state, so a conversation whose calls come over
different connections is tracked in parts; set ``conversation.store=redis://...`` when that
matters (the supervisor warns when the store is in memory). Linux only (SO_REUSEPORT).
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import queue
import signal
import socket
import sys
import tempfile
import threading
import time
from types import FrameType
from typing import Any

from safechat_server.app import Announce, run
from safechat_server.settings import ServerSettings, available_cores

logger = logging.getLogger("safechat.server")

_POLL_S = 0.2
_KILL_MARGIN_S = 5.0  # beyond grpc.grace_s, for a process to finish its drain and exit
_MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def supervise(settings: ServerSettings, *, announce: Announce) -> int:
    """Run ``settings.processes`` sidecar processes until SIGTERM or SIGINT; returns the exit code."""
    if not sys.platform.startswith("linux"):  # elsewhere SO_REUSEPORT does not spread connections
        announce(event="failed", error="processes > 1 needs Linux (SO_REUSEPORT load balancing)")
        return 2
    if settings.conversation.store in ("", "memory", "memory://"):
        logger.warning(
            "%d processes keep their own in-memory conversation state; set conversation.store to "
            "redis://... to track a conversation whose calls come over several connections",
            settings.processes,
        )
    with tempfile.TemporaryDirectory(prefix="safechat-metrics-") as metrics_dir:
        try:
            holds = _Ports.reserve(settings)
        except OSError as err:
            announce(event="failed", error=f"cannot bind: {err.strerror}")
            return 2
        try:
            return _Supervisor(settings, holds, metrics_dir, announce).run()
        finally:
            holds.close()


class _Ports:
    """The ports the processes share, held by sockets that are bound but never listen: a free
    port (0) is chosen once for all, and nothing else can take it while the sidecar runs."""

    def __init__(self, grpc: socket.socket, http: socket.socket | None) -> None:
        self.grpc = grpc
        self.http = http

    @classmethod
    def reserve(cls, settings: ServerSettings) -> _Ports:
        grpc = _hold(settings.grpc.host, settings.grpc.port)
        try:
            http = None if settings.http.port is None else _hold(settings.http.host, settings.http.port)
        except OSError:
            grpc.close()
            raise
        return cls(grpc, http)

    @property
    def grpc_port(self) -> int:
        return int(self.grpc.getsockname()[1])

    @property
    def http_port(self) -> int | None:
        return None if self.http is None else int(self.http.getsockname()[1])

    def close(self) -> None:
        for sock in (self.grpc, self.http):
            if sock is not None:
                sock.close()


def _hold(host: str, port: int) -> socket.socket:
    """A socket bound to ``port`` (0: a free one) with SO_REUSEPORT, after checking that nothing
    holds the port: another sidecar's SO_REUSEPORT sockets would otherwise let this one share
    it unnoticed."""
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    # SO_REUSEADDR as gRPC sets it, so that connections of an earlier run left in TIME_WAIT do
    # not block a restart; a socket that listens on the port still does.
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((address, port))
        port = probe.getsockname()[1]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((address, port))
    except OSError:
        sock.close()
        raise
    return sock


class _Supervisor:
    def __init__(self, settings: ServerSettings, ports: _Ports, metrics_dir: str, announce: Announce) -> None:
        self._settings = settings
        self._ports = ports
        self._metrics_dir = metrics_dir
        self._announce = announce
        self._context = multiprocessing.get_context("spawn")
        self._events: Any = self._context.Queue()
        self._stopping = threading.Event()
        self._kill_after = math.inf  # monotonic time after which a process still draining is killed
        self._children: list[Any] = []

    def run(self) -> int:
        settings = self._settings
        metrics_port = self._serve_metrics() if settings.metrics.enabled else None
        http_port = self._ports.http_port
        self._announce(
            event="listening",
            grpc=f"{settings.grpc.host}:{self._ports.grpc_port}",
            metrics=metrics_port,
            http=None if http_port is None else f"{settings.http.host}:{http_port}",
            processes=settings.processes,
        )
        self._start_children()
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            return self._watch()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _serve_metrics(self) -> int:
        from prometheus_client import CollectorRegistry, start_http_server
        from prometheus_client.multiprocess import MultiProcessCollector

        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self._metrics_dir)  # type: ignore[no-untyped-call]
        server, _ = start_http_server(
            self._settings.metrics.port, addr=self._settings.metrics.host, registry=registry
        )
        return int(server.server_port)

    def _start_children(self) -> None:
        child = _child_settings(self._settings, self._ports.grpc_port, self._ports.http_port)
        # Read by prometheus_client when a process imports it: the children write their metrics
        # to files there, and the supervisor's collector adds them up.
        os.environ[_MULTIPROC_ENV] = self._metrics_dir
        try:
            for index in range(self._settings.processes):
                process = self._context.Process(
                    target=_child_main,
                    args=(child, index, self._events, os.getpid()),
                    name=f"safechat-serve-{index}",
                )
                process.start()
                self._children.append(process)
        finally:
            os.environ.pop(_MULTIPROC_ENV, None)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if not self._stopping.is_set():
            logger.info("signal %d: stopping %d processes", signum, len(self._children))
        self._stop_children()

    def _stop_children(self) -> None:
        if not self._stopping.is_set():
            self._kill_after = time.monotonic() + self._settings.grpc.grace_s + _KILL_MARGIN_S
        self._stopping.set()
        for process in self._children:
            if process.is_alive() and process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)

    def _watch(self) -> int:
        serving: set[int] = set()
        code = 0
        reaped: set[int] = set()
        while True:
            try:
                index, fields = self._events.get(timeout=_POLL_S)
            except queue.Empty:
                pass
            else:
                event = fields.get("event")
                if event == "serving":
                    serving.add(index)
                    if len(serving) == len(self._children) and not self._stopping.is_set():
                        self._announce(event="serving")
                elif event == "failed" and not self._stopping.is_set():
                    self._announce(event="failed", error=f"process {index}: {fields.get('error')}")
                    code = 2
                    self._stop_children()
            if time.monotonic() > self._kill_after:
                self._kill_stragglers()
            for process in self._children:
                if process.is_alive() or process.pid in reaped:
                    continue
                reaped.add(process.pid)
                self._mark_dead(process.pid)
                if not self._stopping.is_set():
                    logger.error(
                        "process %s exited with code %s; stopping the others", process.name, process.exitcode
                    )
                    code = code or 1
                    self._stop_children()
                elif process.exitcode not in (0, None):
                    code = code or 1
            if len(reaped) == len(self._children):
                self._drain_events()
                logger.info("stopped")
                return code

    def _kill_stragglers(self) -> None:
        for process in self._children:
            if process.is_alive():
                logger.error("process %s did not stop within the grace period; killing it", process.name)
                process.kill()
        self._kill_after = math.inf

    def _mark_dead(self, pid: int) -> None:
        from prometheus_client.multiprocess import mark_process_dead

        mark_process_dead(pid, self._metrics_dir)  # type: ignore[no-untyped-call]

    def _drain_events(self) -> None:
        try:
            while True:
                self._events.get_nowait()
        except queue.Empty:
            pass
        self._events.close()


def _child_settings(settings: ServerSettings, grpc_port: int, http_port: int | None) -> ServerSettings:
    """One process's settings: the shared ports, no metrics port of its own, one process, and
    (unless set) the cores shared out: ``batch.workers`` 0 becomes cores / processes."""
    workers = settings.batch.workers or max(1, available_cores() // settings.processes)
    update: dict[str, object] = {
        "processes": 1,
        "grpc": settings.grpc.model_copy(update={"port": grpc_port}),
        "metrics": settings.metrics.model_copy(update={"enabled": False}),
        "batch": settings.batch.model_copy(update={"workers": workers}),
    }
    if http_port is not None:
        update["http"] = settings.http.model_copy(update={"port": http_port})
    return settings.model_copy(update=update)


def _child_main(settings: ServerSettings, index: int, events: Any, supervisor: int) -> None:
    """The body of one sidecar process (run by multiprocessing's spawn)."""
    _end_with(supervisor)
    logging.basicConfig(
        level=settings.log_level, format=f"%(asctime)s %(levelname)s %(name)s [{index}] %(message)s"
    )

    def announce(**fields: object) -> None:
        events.put((index, fields))

    raise SystemExit(run(settings, announce=announce, share_ports=True))


def _end_with(supervisor: int) -> None:
    """Drain and stop (SIGTERM) when the supervisor dies, even by SIGKILL, so that no process
    is left serving on its own (Linux's parent-death signal)."""
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != supervisor:  # it died before the signal was asked for
        os.kill(os.getpid(), signal.SIGTERM)
