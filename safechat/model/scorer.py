"""The seam between the engine and whatever produces label probabilities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from safechat.types import Scores


@runtime_checkable
class Scorer(Protocol):
    """Turns model texts (already normalised) into calibrated label probabilities.

    Implementations must be safe to call from several threads at once.
    """

    @property
    def version(self) -> str:
        """Name and version of the model, e.g. ``safechat-en-minilm 0.1.0``."""
        ...

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        """One :class:`Scores` per text, in order.

        Raises:
            safechat.errors.InferenceError: when the model cannot score the batch.
        """
        ...
