"""A bounded, thread-safe cache of model scores keyed by the model text.

Chat repeats itself ("gg", "lol", "ok"): the model's scores are a pure function of the
normalised text, so a repeat costs a dictionary lookup instead of a model run. Only scores are
cached here, and keys live only in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from safechat.cache import LruCache
from safechat.types import Scores


class ScoreCache:
    """Least-recently-used map from model text to :class:`Scores`; ``size=0`` disables it."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: LruCache[str, Scores] = LruCache(size)

    def __len__(self) -> int:
        return len(self._entries)

    def scores(self, texts: Sequence[str], compute: Callable[[list[str]], list[Scores]]) -> list[Scores]:
        """Scores for ``texts``: cached ones looked up, the others computed in one call (each
        distinct text once) and remembered."""
        if self._size == 0:
            return compute(list(texts))
        found: dict[str, Scores] = {}
        missing: list[str] = []
        for text in dict.fromkeys(texts):
            cached = self._entries.get(text)
            if cached is None:
                missing.append(text)
            else:
                found[text] = cached
        if missing:
            for text, value in zip(missing, compute(missing), strict=True):
                found[text] = value
                self._entries.put(text, value)
        return [found[text] for text in texts]
