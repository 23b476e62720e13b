"""The micro-batcher's workers: runs in flight at once, and a drain that answers every call."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
from safechat_server.batcher import MicroBatcher, Overloaded, Stopped
from safechat_server.settings import BatchSettings, available_cores

from safechat import InvalidInputError, Message


class _Echo:
    """Answers each message with its text; ``gate`` (if given) is waited on inside every run;
    ``remembered`` plays the moderator's decision cache."""

    def __init__(
        self, gate: threading.Barrier | None = None, remembered: dict[str, str] | None = None
    ) -> None:
        self.gate = gate
        self.remembered = remembered or {}
        self.runs: list[list[str]] = []
        self._lock = threading.Lock()

    def cached(self, message: Message) -> str | None:
        if message.text == "too long":
            raise InvalidInputError("item 0: text is too long")
        return self.remembered.get(message.text)

    def moderate_batch(self, messages: Sequence[Message]) -> list[str]:
        if any(m.text == "too long" for m in messages):
            raise InvalidInputError("item 0: text is too long")
        if self.gate is not None:
            self.gate.wait()
        with self._lock:
            self.runs.append([m.text for m in messages])
        return [m.text for m in messages]


def test_two_workers_have_two_runs_in_flight_at_once() -> None:
    # Each run waits until two runs are inside the model: with one worker the barrier breaks.
    echo = _Echo(threading.Barrier(2, timeout=5))
    batcher = MicroBatcher(echo, max_messages=1, max_wait_s=0, queue_size=10, workers=2)  # type: ignore[arg-type]
    first, second = batcher.submit([Message("a")]), batcher.submit([Message("b")])
    assert first.result(10) == ["a"] and second.result(10) == ["b"]
    batcher.stop(5)


def test_one_worker_runs_one_at_a_time() -> None:
    echo = _Echo(threading.Barrier(2, timeout=0.5))
    batcher = MicroBatcher(echo, max_messages=1, max_wait_s=0, queue_size=10, workers=1)  # type: ignore[arg-type]
    future = batcher.submit([Message("a")])
    with pytest.raises(threading.BrokenBarrierError):
        future.result(10)
    batcher.stop(5)


def test_stop_answers_every_queued_call_then_refuses_new_ones() -> None:
    echo = _Echo()
    batcher = MicroBatcher(echo, max_messages=4, max_wait_s=0.001, queue_size=1000, workers=3)  # type: ignore[arg-type]
    futures = [batcher.submit([Message(str(i))]) for i in range(200)]
    batcher.stop(10)
    assert [f.result(0) for f in futures] == [[str(i)] for i in range(200)]
    assert sorted(text for run in echo.runs for text in run) == sorted(str(i) for i in range(200))
    assert all(len(run) <= 4 for run in echo.runs)
    with pytest.raises(Stopped):
        batcher.submit([Message("late")])


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError, match="workers"):
        MicroBatcher(_Echo(), max_messages=1, max_wait_s=0, queue_size=1, workers=0)  # type: ignore[arg-type]


def test_zero_workers_in_the_settings_means_one_per_core() -> None:
    assert BatchSettings().worker_count == available_cores() >= 1
    assert BatchSettings(workers=3).worker_count == 3


def test_a_call_whose_messages_are_all_cached_skips_the_queue_even_when_it_is_full() -> None:
    # One worker held inside a run, a queue of 2 already full: a new message is refused,
    # a cached one is answered at once from the cache, without a run.
    gate, inside = threading.Event(), threading.Event()
    echo = _Echo(remembered={"gg": "cached gg", "lol": "cached lol"})
    original = echo.moderate_batch

    def held(messages: Sequence[Message]) -> list[str]:
        inside.set()
        gate.wait(5)
        return original(messages)

    echo.moderate_batch = held  # type: ignore[method-assign]
    batcher = MicroBatcher(echo, max_messages=1, max_wait_s=0, queue_size=2, workers=1)  # type: ignore[arg-type]
    in_run = batcher.submit([Message("a")])
    assert inside.wait(5)
    queued = batcher.submit([Message("b"), Message("c")])
    with pytest.raises(Overloaded):
        batcher.submit([Message("new")])
    repeat = batcher.submit([Message("gg"), Message("lol")])
    assert repeat.done() and repeat.result(0) == ["cached gg", "cached lol"]
    gate.set()
    assert in_run.result(5) == ["a"] and queued.result(5) == ["b", "c"]
    batcher.stop(5)
    assert [text for run in echo.runs for text in run] == ["a", "b", "c"]
    with pytest.raises(Stopped):
        batcher.submit([Message("gg")])


def test_a_call_with_one_uncached_message_goes_to_the_model_whole() -> None:
    echo = _Echo(remembered={"gg": "cached gg"})
    batcher = MicroBatcher(echo, max_messages=8, max_wait_s=0, queue_size=10, workers=1)  # type: ignore[arg-type]
    assert batcher.submit([Message("gg"), Message("new")]).result(5) == ["gg", "new"]
    batcher.stop(5)
    assert echo.runs == [["gg", "new"]]


def test_a_message_the_cache_lookup_refuses_fails_on_its_future_not_in_submit() -> None:
    echo = _Echo(remembered={"gg": "cached gg"})
    batcher = MicroBatcher(echo, max_messages=8, max_wait_s=0, queue_size=10, workers=1)  # type: ignore[arg-type]
    future = batcher.submit([Message("too long")])
    with pytest.raises(InvalidInputError):
        future.result(5)
    batcher.stop(5)
