"""One BLAS thread for safechat's own matrix products.

numpy's BLAS library (OpenBLAS in the wheels) runs a product of any size on every core, and its
threads then spin, waiting for more work, on the cores the model's next onnxruntime run needs.
safechat's products are small (the example bank's search, the heads on the sentence embedding,
the bank's combination): on two cores they gain little from more threads and the spinning slowed
the model's runs by about a third (BENCHMARKS.md, Example banks). :func:`one_blas_thread` runs a
block with the BLAS library on one thread and sets it back afterwards; the host application's
own products are left as they were.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import ThreadpoolController

_LOCK = threading.RLock()
"""Held while the BLAS library is on one thread, so that two threads never interleave setting and
restoring its thread count (reentrant: such blocks may nest)."""


@functools.cache
def _controller() -> ThreadpoolController:
    """The process's BLAS thread pools (found on first use, once numpy has loaded its BLAS)."""
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with the BLAS library on one thread."""
    with _LOCK, _controller().limit(limits=1, user_api="blas"):
        yield


def _reset_after_fork() -> None:
    """A forked child gets a fresh lock: the parent's may have been held by a thread the child
    does not have."""
    global _LOCK
    _LOCK = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)
