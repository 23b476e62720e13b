"""Nearest examples per class: exact for ordinary banks, an inverted-file index for large ones.

For each query embedding the index returns, for every class (the eight labels and ``benign``),
the mean cosine similarity of the ``k`` most similar examples of that class and the nearest
one's position. Each query's answer depends only on that query and the banks, never on the
other queries in the batch, so batching changes speed, not decisions.

Up to ``exact_up_to`` examples every example is compared. Beyond that, examples are grouped
into lists by k-means (seeded, so the same banks always give the same lists) and a query is
compared with the examples of its ``nprobe`` nearest lists only: what a bank of 50,000 examples
needs to stay within a fraction of a millisecond per message (benchmarks/bench_exemplars.py
measures it and how often the approximate answer equals the exact one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from safechat.exemplars.bank import CLASSES

FloatMatrix = npt.NDArray[np.float32]
IndexMatrix = npt.NDArray[np.intp]

DEFAULT_K = 3
"""Neighbours averaged per class."""
EXACT_UP_TO = 65_536
"""Largest bank compared example by example; larger ones use the inverted-file index. Measured
(benchmarks/exemplars.py, 2 cores): at 50,000 examples the exact search took 0.72 ms a message
and the inverted lists, searched one query at a time, 1.16 ms, so exact search is kept up to here."""
DEFAULT_NPROBE = 12
"""Lists searched per query in the inverted-file index."""
_KMEANS_ROUNDS = 8


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
        nprobe: int = DEFAULT_NPROBE,
    ) -> None:
        """``vectors``: unit rows ``[n, dim]``; ``classes``: each row's index into :data:`CLASSES`."""
        if vectors.ndim != 2 or classes.shape != (vectors.shape[0],):
            raise ValueError("vectors must be [n, dim] and classes [n]")
        if k < 1:
            raise ValueError("k must be at least 1")
        self._k = k
        self._n = int(vectors.shape[0])
        order = np.argsort(classes, kind="stable")
        self._position = order.astype(np.intp)  # sorted row -> caller's position
        self._vectors = np.ascontiguousarray(vectors[order], dtype=np.float32)
        self._classes = np.asarray(classes[order], dtype=np.intp)
        bounds = np.searchsorted(self._classes, np.arange(len(CLASSES) + 1))
        self._slices = [(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        self._lists: list[tuple[FloatMatrix, npt.NDArray[np.intp], npt.NDArray[np.intp]]] = []
        self._centroids: FloatMatrix | None = None
        self._nprobe = nprobe
        if self._n > exact_up_to:
            self._build_lists()

    def __len__(self) -> int:
        return self._n

    @property
    def exact(self) -> bool:
        """True when every example is compared with every query."""
        return self._centroids is None

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
        if self._centroids is None:
            self._search_exact(queries, found)
        else:
            for row in range(b):
                self._search_lists(
                    queries[row], found.similarity[row], found.nearest[row], found.closest[row]
                )
        return found

    def _search_exact(self, queries: FloatMatrix, found: Neighbours) -> None:
        sims = queries @ self._vectors.T
        rows = np.arange(queries.shape[0])
        for c, (start, end) in enumerate(self._slices):
            if end == start:
                continue
            block = sims[:, start:end]
            best = np.argmax(block, axis=1)
            found.similarity[:, c] = _top_mean(block, self._k)
            found.nearest[:, c] = self._position[start + best]
            found.closest[:, c] = block[rows, best]

    def _search_lists(
        self, query: FloatMatrix, similarity: FloatMatrix, nearest: IndexMatrix, closest: FloatMatrix
    ) -> None:
        assert self._centroids is not None
        probed = np.argpartition(-(self._centroids @ query), self._nprobe - 1)[: self._nprobe]
        parts = [self._lists[int(i)] for i in np.sort(probed)]
        unsorted = np.concatenate([vectors @ query for vectors, _, _ in parts])
        members = np.concatenate([c for _, c, _ in parts])
        order = np.lexsort((-unsorted, members))
        sims = unsorted[order]
        classes = members[order]
        rows = np.concatenate([r for _, _, r in parts])[order]
        bounds = np.searchsorted(classes, np.arange(len(CLASSES) + 1))
        for c in range(len(CLASSES)):
            start, end = int(bounds[c]), int(bounds[c + 1])
            if end > start:
                similarity[c] = float(sims[start : min(end, start + self._k)].mean())
                nearest[c] = self._position[rows[start]]
                closest[c] = sims[start]

    def _build_lists(self) -> None:
        count = max(1, int(np.sqrt(self._n)))
        self._nprobe = max(1, min(self._nprobe, count))
        rng = np.random.default_rng(0)
        centroids = self._vectors[rng.choice(self._n, size=count, replace=False)].copy()
        for _ in range(_KMEANS_ROUNDS):
            assignment = np.argmax(self._vectors @ centroids.T, axis=1)
            for i in range(count):
                members = self._vectors[assignment == i]
                if len(members):
                    mean = members.mean(axis=0)
                    centroids[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        assignment = np.argmax(self._vectors @ centroids.T, axis=1)
        for i in range(count):
            rows = np.flatnonzero(assignment == i).astype(np.intp)
            self._lists.append((np.ascontiguousarray(self._vectors[rows]), self._classes[rows], rows))
        self._centroids = centroids


def _top_mean(block: FloatMatrix, k: int) -> npt.NDArray[np.float32]:
    """Mean of each row's ``k`` largest values (all of them when the row is shorter)."""
    width = block.shape[1]
    if width <= k:
        return np.asarray(block.mean(axis=1), dtype=np.float32)
    top = np.partition(block, width - k, axis=1)[:, width - k :]
    return np.asarray(top.mean(axis=1), dtype=np.float32)
