"""Micro-batching: concurrent calls are gathered into one ``moderate_batch`` run.

``workers`` threads take turns at the queue, so that many runs can be in flight at once (the
model releases the GIL while it runs). A free worker starts a run with what is waiting; calls that
arrive while every worker is busy are gathered into the next run. A call waits at most
``max_wait_s`` for company; a run holds at most ``max_messages``. When
more than ``queue_size`` messages are waiting, new calls are refused at once (the servicer
answers RESOURCE_EXHAUSTED) instead of queueing without bound. If a run fails, each call of it
is retried alone, so one bad call cannot sink the others. A call whose messages all have a
cached decision (a repeated "gg", "lol") is answered at once, in the caller's thread: it never
queues, so it costs no hand-over between threads and is not refused when the queue is full.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from safechat import Decision, Message, Moderator, SafechatError

logger = logging.getLogger("safechat.server")


class Overloaded(RuntimeError):
    """Too many messages are already waiting."""


class Stopped(RuntimeError):
    """The batcher is shutting down and takes no new calls."""


@dataclass(slots=True)
class _Job:
    messages: Sequence[Message]
    future: Future[list[Decision]]


RunObserver = Callable[[int, float], None]
"""Called after each model run with (messages in the run, seconds it took)."""


class MicroBatcher:
    """Gathers calls into model runs on ``workers`` threads."""

    def __init__(
        self,
        moderator: Moderator,
        *,
        max_messages: int,
        max_wait_s: float,
        queue_size: int,
        workers: int = 1,
        on_run: RunObserver | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._moderator = moderator
        self._max_messages = max_messages
        self._max_wait_s = max_wait_s
        self._queue_size = queue_size
        self._on_run = on_run
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._waiting = 0
        self._lock = threading.Lock()
        self._stopped = False
        self._threads = [
            threading.Thread(target=self._work, name=f"safechat-batcher-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, messages: Sequence[Message]) -> Future[list[Decision]]:
        """Queue ``messages`` for the next run; the future resolves to their decisions, in order
        (already resolved when every message has a cached decision).

        Raises:
            Overloaded: the queue is full.
            Stopped: the batcher is shutting down.
        """
        remembered = self._remembered(messages)
        job = _Job(messages, Future())
        with self._lock:
            if self._stopped:
                raise Stopped("shutting down")
            if remembered is None:
                if self._waiting + len(messages) > self._queue_size:
                    raise Overloaded(f"more than {self._queue_size} messages waiting")
                self._waiting += len(messages)
                # queued under the lock, so that no call can land behind stop()'s end markers
                self._jobs.put(job)
        if remembered is not None:
            job.future.set_result(remembered)
        return job.future

    def _remembered(self, messages: Sequence[Message]) -> list[Decision] | None:
        """The cached decisions when every message has one (no queue, no worker), else ``None``.
        A message the moderator refuses is not cached: it goes to a run, which reports the error
        on the call's future as before."""
        decisions = []
        for message in messages:
            try:
                decision = self._moderator.cached(message)
            except SafechatError:
                return None
            if decision is None:
                return None
            decisions.append(decision)
        return decisions

    def stop(self, timeout: float | None = None) -> None:
        """Finish the calls already queued, then stop the workers (each takes one of the
        end markers queued behind the calls)."""
        with self._lock:
            self._stopped = True
            for _ in self._threads:
                self._jobs.put(None)
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))

    def _work(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                return
            jobs = [first]
            size = len(first.messages)
            deadline = time.monotonic() + self._max_wait_s
            stop_after = False
            while size < self._max_messages:
                remaining = deadline - time.monotonic()
                try:
                    job = self._jobs.get(timeout=remaining) if remaining > 0 else self._jobs.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    stop_after = True
                    break
                jobs.append(job)
                size += len(job.messages)
            self._run(jobs)
            if stop_after:
                return

    def _run(self, jobs: list[_Job]) -> None:
        live = [job for job in jobs if job.future.set_running_or_notify_cancel()]
        with self._lock:
            self._waiting -= sum(len(job.messages) for job in jobs)
        if not live:
            return
        messages = [m for job in live for m in job.messages]
        started = time.perf_counter()
        try:
            decisions = self._moderator.moderate_batch(messages)
        except Exception:
            logger.exception("a batch of %d failed; retrying its calls one by one", len(messages))
            self._run_alone(live)
            return
        finally:
            if self._on_run is not None:
                self._on_run(len(messages), time.perf_counter() - started)
        first = 0
        for job in live:
            job.future.set_result(decisions[first : first + len(job.messages)])
            first += len(job.messages)

    def _run_alone(self, jobs: list[_Job]) -> None:
        for job in jobs:
            try:
                job.future.set_result(self._moderator.moderate_batch(job.messages))
            except Exception as err:
                job.future.set_exception(err)
