"""Nearest examples per class: exact for ordinary banks, an 8-bit pre-selection for large ones.

For each query embedding the index returns, for every class (the eight labels and ``benign``),
the mean cosine similarity of the ``k`` most similar examples of that class and the nearest
one's position. Each query's answer depends only on that query and the banks, never on the
other queries in the batch, so batching changes speed, not decisions.

Up to ``exact_up_to`` examples every example is compared in float32. Beyond that, the comparison
that costs most (one dot product per example, the full embedding width) is first made in 8-bit
integers: each query, scaled to use the 8-bit range, times the examples held as int8 (a unit
vector times 127, as the banks store them), in onnxruntime's integer product, which uses the
CPU's 8-bit dot-product instructions where it has them; the ``candidates`` best examples per
class found there (onnxruntime's ``TopK``) are then compared exactly in float32, so every
similarity returned is an exact cosine; an example can only be missed, never invented.
benchmarks/exemplars.py measures the speed and how often the answer equals the exact one.

A large search (:data:`PARALLEL_FROM` comparisons or more) shares its classes out over the cores,
on the index's own threads, each class's product with the BLAS library (or onnxruntime) on one
thread (see :func:`_pool` for why); the answer is the same as on one thread.
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from safechat.blas import one_blas_thread
from safechat.exemplars.bank import CLASSES, int8_of_unit

FloatMatrix = npt.NDArray[np.float32]
IndexMatrix = npt.NDArray[np.intp]

DEFAULT_K = 3
"""Neighbours averaged per class."""
EXACT_UP_TO = 16_384
"""Largest bank compared example by example in float32; larger ones pre-select candidates in
8-bit integers. The shipped English bank (12,156 examples) is searched exactly."""
DEFAULT_CANDIDATES = 16
"""Candidates per class and query, pre-selected in 8-bit integers and then compared exactly."""
_ZERO_POINT = np.array(128, dtype=np.uint8)
"""The 8-bit queries are unsigned, offset by this (onnxruntime's integer product takes u8 x s8)."""


@dataclass(frozen=True, slots=True)
class Neighbours:
    """Per query and class: ``similarity`` (mean of the top-``k`` cosines; 0 when the class has
    no example), ``nearest`` (the position of the most similar example; -1 when none) and
    ``closest`` (that example's cosine; 0 when none)."""

    similarity: FloatMatrix
    nearest: IndexMatrix
    closest: FloatMatrix


class ExemplarIndex:
    """Search unit vectors grouped by class. Thread-safe (read-only after construction)."""

    def __init__(
        self,
        vectors: FloatMatrix,
        classes: npt.NDArray[np.integer],
        *,
        k: int = DEFAULT_K,
        exact_up_to: int = EXACT_UP_TO,
        candidates: int = DEFAULT_CANDIDATES,
    ) -> None:
        """``vectors``: unit rows ``[n, dim]``; ``classes``: each row's index into :data:`CLASSES`;
        ``candidates`` (at least ``k``): examples per class compared exactly in a large bank.

        Raises:
            ValueError: shapes that do not match, ``k`` below 1 or ``candidates`` below ``k``.
        """
        if vectors.ndim != 2 or classes.shape != (vectors.shape[0],):
            raise ValueError("vectors must be [n, dim] and classes [n]")
        if k < 1:
            raise ValueError("k must be at least 1")
        if candidates < k:
            raise ValueError("candidates must be at least k")
        self._k = k
        self._n = int(vectors.shape[0])
        order = np.argsort(classes, kind="stable")
        self._position = order.astype(np.intp)  # sorted row -> caller's position
        self._vectors = np.ascontiguousarray(vectors[order], dtype=np.float32)
        self._classes = np.asarray(classes[order], dtype=np.intp)
        bounds = np.searchsorted(self._classes, np.arange(len(CLASSES) + 1))
        self._slices = [(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        self._candidates = candidates
        self._groups = _balanced_groups([b - a for a, b in self._slices], _cores())
        self._columns: list[npt.NDArray[np.int8]] | None = None
        self._top = np.array([candidates], dtype=np.int64)  # the pre-selection's k, as a graph input
        if self._n > exact_up_to:  # each class's examples in int8, one column each
            quantized = int8_of_unit(self._vectors)
            self._columns = [np.ascontiguousarray(quantized[a:b].T) for a, b in self._slices]

    def __len__(self) -> int:
        return self._n

    @property
    def exact(self) -> bool:
        """True when every example is compared with every query in float32."""
        return self._columns is None

    def search(self, queries: FloatMatrix) -> Neighbours:
        """Neighbours of each unit row of ``queries`` ``[b, dim]``."""
        b = int(queries.shape[0])
        found = Neighbours(
            np.zeros((b, len(CLASSES)), dtype=np.float32),
            np.full((b, len(CLASSES)), -1, dtype=np.intp),
            np.zeros((b, len(CLASSES)), dtype=np.float32),
        )
        if b == 0 or self._n == 0:
            return found
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        transposed = np.ascontiguousarray(queries.T)
        quantized = None if self._columns is None else _quantized(queries)

        def search_classes(classes: tuple[int, ...]) -> None:
            for c in classes:
                if quantized is None:
                    self._search_exact(c, transposed, found)
                else:
                    self._search_preselected(c, queries, quantized, found)

        groups = self._groups if b * self._n >= PARALLEL_FROM else (tuple(range(len(CLASSES))),)
        with one_blas_thread():
            waiting = [_pool().submit(search_classes, group) for group in groups[1:]]
            search_classes(groups[0])  # the largest group on this thread, the others on the pool's
            for future in waiting:
                future.result()
        return found

    def _search_exact(self, c: int, transposed: FloatMatrix, found: Neighbours) -> None:
        """Class ``c``'s neighbours of the queries (given as columns, ``[dim, b]``)."""
        start, end = self._slices[c]
        if end == start:
            return
        # examples x queries is the faster product (one example per row); each query then a row
        block = np.ascontiguousarray((self._vectors[start:end] @ transposed).T)
        rows = np.arange(block.shape[0])
        best = np.argmax(block, axis=1)
        closest = block[rows, best]
        found.nearest[:, c] = self._position[start + best]
        found.closest[:, c] = closest
        found.similarity[:, c] = _top_mean_of(block, self._k, best, closest)

    def _search_preselected(
        self, c: int, queries: FloatMatrix, quantized: npt.NDArray[np.uint8], found: Neighbours
    ) -> None:
        """Class ``c``'s neighbours, pre-selected in 8-bit integers (``quantized``: the queries as
        :func:`_quantized` gives them) and compared exactly."""
        assert self._columns is not None
        start, end = self._slices[c]
        width = end - start
        if width == 0:
            return
        rows = np.arange(queries.shape[0])
        if width > self._candidates:
            feed = {
                "queries": quantized,
                "examples": self._columns[c],
                "zero_point": _ZERO_POINT,
                "k": self._top,
            }
            picked = _candidates_session().run(["indices"], feed)[0]
        else:
            picked = np.broadcast_to(np.arange(width), (len(rows), width))
        sims = np.einsum("bd,bmd->bm", queries, self._vectors[start + picked])
        best = np.argmax(sims, axis=1)
        found.similarity[:, c] = _top_mean(sims, self._k)
        found.nearest[:, c] = self._position[start + picked[rows, best]]
        found.closest[:, c] = sims[rows, best]


def _quantized(queries: FloatMatrix) -> npt.NDArray[np.uint8]:
    """Each query scaled so that its largest component is 127, rounded, offset by 128: 8-bit
    queries for the integer product (the scale does not change the order of a query's examples)."""
    largest = np.maximum(np.abs(queries).max(axis=1, keepdims=True), 1e-12)
    scaled = np.clip(np.rint(queries * (127.0 / largest)), -127, 127) + 128
    result: npt.NDArray[np.uint8] = scaled.astype(np.uint8)
    return result


@functools.cache
def _candidates_session() -> ort.InferenceSession:
    """onnxruntime's session for the 8-bit pre-selection (safechat/exemplars/data/int8_candidates.onnx,
    written by models/training/export/bank_search_graph.py): one thread that sleeps when idle, so
    the index's own threads share the classes out."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    graph = resources.files("safechat.exemplars.data").joinpath("int8_candidates.onnx").read_bytes()
    return ort.InferenceSession(graph, sess_options=options, providers=["CPUExecutionProvider"])


def _reset_after_fork() -> None:
    """A forked child starts with none of its parent's threads: a pool and an onnxruntime session
    made on its first search (safechat.blas gives it a fresh lock)."""
    _pool.cache_clear()
    _candidates_session.cache_clear()


PARALLEL_FROM = 250_000
"""Smallest search (queries times examples) whose classes are shared out over the cores; below
it, the calling thread searches every class."""


@functools.cache
def _cores() -> int:
    """Cores this process may run on, at most 4."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        available = os.cpu_count() or 1
    return max(1, min(4, available))


@functools.cache
def _pool() -> ThreadPoolExecutor:
    """The search's own worker threads (they sleep when idle).

    Why not let the BLAS library use the cores: OpenBLAS runs a product this size on every core,
    and its threads then spin, waiting for more work, on the cores the model's next run needs; on
    two cores that made the model's run about 40% slower than without the bank
    (benchmarks/exemplars.py, BENCHMARKS.md). Here each class's product runs on one BLAS thread,
    and the classes are shared out over these threads and the caller's."""
    return ThreadPoolExecutor(max_workers=max(1, _cores() - 1), thread_name_prefix="safechat-bank")


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def _balanced_groups(sizes: list[int], parts: int) -> tuple[tuple[int, ...], ...]:
    """The classes (indices into ``sizes``, their example counts) shared out into at most
    ``parts`` groups of about equal work, largest class first, each to the lightest group; the
    heaviest group first. Classes without examples are left out (one empty group when no class
    has one)."""
    loads = [0] * max(1, parts)
    groups: list[list[int]] = [[] for _ in loads]
    for c in sorted((c for c, size in enumerate(sizes) if size), key=lambda c: -sizes[c]):
        lightest = loads.index(min(loads))
        groups[lightest].append(c)
        loads[lightest] += sizes[c]
    order = sorted(range(len(groups)), key=lambda g: -loads[g])
    kept = tuple(tuple(groups[g]) for g in order if groups[g])
    return kept or ((),)


_FEW = 8
"""Up to this many neighbours, :func:`_top_mean_of` finds them by repeated maxima, not a partition."""


def _top_mean_of(
    block: FloatMatrix, k: int, best: IndexMatrix, closest: FloatMatrix
) -> npt.NDArray[np.float32]:
    """:func:`_top_mean` of ``block``, given each row's largest value ``closest`` at ``best``;
    ``block`` may be overwritten.

    For a few neighbours, each next one is the maximum once the ones before are set aside: a
    pass of ``argmax`` each (vectorised), several times faster than a partition of every row.
    The mean is of the same values, so it differs from :func:`_top_mean` by float rounding
    only (the order of the sum)."""
    width = block.shape[1]
    if width <= k or k > _FEW:
        return _top_mean(block, k)
    rows = np.arange(block.shape[0])
    tops = [closest]
    at = best
    for _ in range(k - 1):
        block[rows, at] = -np.inf
        at = np.argmax(block, axis=1)
        tops.append(block[rows, at])
    return np.asarray(np.stack(tops, axis=1).mean(axis=1), dtype=np.float32)


def _top_mean(block: FloatMatrix, k: int) -> npt.NDArray[np.float32]:
    """Mean of each row's ``k`` largest values (all of them when the row is shorter)."""
    width = block.shape[1]
    if width <= k:
        return np.asarray(block.mean(axis=1), dtype=np.float32)
    top = np.partition(block, width - k, axis=1)[:, width - k :]
    return np.asarray(top.mean(axis=1), dtype=np.float32)
