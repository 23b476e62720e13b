"""A bounded, thread-safe cache of model scores keyed by the model text.

Chat repeats itself ("gg", "lol", "ok"): the model's scores are a pure function of the
normalised text, so a repeat costs a dictionary lookup instead of a model run. Only scores are
cached (rules and the policy still run for every message), and keys live only in memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

from safechat.types import Scores


class ScoreCache:
    """Least-recently-used map from model text to :class:`Scores`; ``size=0`` disables it."""

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError("cache size must be >= 0")
        self._size = size
        self._data: OrderedDict[str, Scores] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def scores(self, texts: Sequence[str], compute: Callable[[list[str]], list[Scores]]) -> list[Scores]:
        """Scores for ``texts``: cached ones looked up, the others computed in one call (each
        distinct text once) and remembered."""
        if self._size == 0:
            return compute(list(texts))
        found: dict[str, Scores] = {}
        with self._lock:
            for text in texts:
                cached = self._data.get(text)
                if cached is not None:
                    self._data.move_to_end(text)
                    found[text] = cached
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            computed = compute(missing)
            found.update(zip(missing, computed, strict=True))
            with self._lock:
                for text, value in zip(missing, computed, strict=True):
                    self._data[text] = value
                    self._data.move_to_end(text)
                while len(self._data) > self._size:
                    self._data.popitem(last=False)
        with self._lock:
            self.misses += len(missing)
            self.hits += len(texts) - len(missing)
        return [found[text] for text in texts]
