"""Nearest examples per class: exact for ordinary banks, a projected pre-selection for large ones.

For each query embedding the index returns, for every class (the eight labels and ``benign``),
the mean cosine similarity of the ``k`` most similar examples of that class and the nearest
one's position. Each query's answer depends only on that query and the banks, never on the
other queries in the batch, so batching changes speed, not decisions.

Up to ``exact_up_to`` examples every example is compared. Beyond that, the comparison that costs
most (one dot product per example, the full embedding width) is first made in a narrower space:
the bank's leading principal directions (uncentred, so dot products are kept as well as such a
space can keep them), :data:`PROJECTED_DIMS` wide. The ``candidates`` best examples per class
found there are then compared exactly, so every similarity returned is an exact cosine; an
example can only be missed, never invented. benchmarks/exemplars.py measures the speed and how
often the answer equals the exact one.
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
"""Largest bank compared example by example; larger ones pre-select candidates in a projection.
Measured (benchmarks/exemplars.py, 2 shared cores, 50,000 examples): the pre-selection was only
10-25% faster than comparing every example, so exact search is kept up to here."""
PROJECTED_DIMS = 64
"""Width of the projection that pre-selects candidates in a large bank."""
DEFAULT_CANDIDATES = 16
"""Candidates per class and query, pre-selected in the projection and then compared exactly."""


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
        self._basis: FloatMatrix | None = None
        self._projected: FloatMatrix | None = None
        if self._n > exact_up_to:
            self._build_projection()

    def __len__(self) -> int:
        return self._n

    @property
    def exact(self) -> bool:
        """True when every example is compared with every query."""
        return self._basis is None

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
        if self._basis is None:
            self._search_exact(queries, found)
        else:
            self._search_projected(queries, found)
        return found

    def _search_exact(self, queries: FloatMatrix, found: Neighbours) -> None:
        sims = queries @ self._vectors.T  # one product for the batch; a scratch copy, overwritten below
        rows = np.arange(queries.shape[0])
        for c, (start, end) in enumerate(self._slices):
            if end == start:
                continue
            block = sims[:, start:end]
            best = np.argmax(block, axis=1)
            closest = block[rows, best]
            found.nearest[:, c] = self._position[start + best]
            found.closest[:, c] = closest
            found.similarity[:, c] = _top_mean_of(block, self._k, best, closest)

    def _search_projected(self, queries: FloatMatrix, found: Neighbours) -> None:
        assert self._basis is not None and self._projected is not None
        rough = (queries @ self._basis) @ self._projected.T
        rows = np.arange(queries.shape[0])
        for c, (start, end) in enumerate(self._slices):
            width = end - start
            if width == 0:
                continue
            if width > self._candidates:
                block = rough[:, start:end]
                picked = np.argpartition(block, width - self._candidates, axis=1)[:, -self._candidates :]
            else:
                picked = np.broadcast_to(np.arange(width), (len(rows), width))
            sims = np.einsum("bd,bmd->bm", queries, self._vectors[start + picked])
            best = np.argmax(sims, axis=1)
            found.similarity[:, c] = _top_mean(sims, self._k)
            found.nearest[:, c] = self._position[start + picked[rows, best]]
            found.closest[:, c] = sims[rows, best]

    def _build_projection(self) -> None:
        """The bank's leading uncentred principal directions and the examples projected on them."""
        dims = min(PROJECTED_DIMS, self._vectors.shape[1])
        moments = (self._vectors.T @ self._vectors).astype(np.float64)
        _, directions = np.linalg.eigh(moments)  # ascending eigenvalues
        self._basis = np.ascontiguousarray(directions[:, ::-1][:, :dims], dtype=np.float32)
        self._projected = np.ascontiguousarray(self._vectors @ self._basis, dtype=np.float32)


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
