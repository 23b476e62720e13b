"""Fakes for the engine's seams, for tests of code that uses safechat.

``FakeScorer`` gives chosen scores to texts containing chosen words, so a test can pin an
outcome without a model; ``FailingScorer`` always fails, to exercise failing closed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from safechat.errors import InferenceError
from safechat.model.coverage import READS_EVERYTHING, Reader
from safechat.types import LABELS, Label, Scores


class FakeScorer:
    """A :class:`~safechat.model.scorer.Scorer` driven by keywords.

    Args:
        rules: keyword (matched case-insensitively against the model text) -> label scores.
            A text matching several keywords gets the maximum per label.
        default: the score of every label for text no keyword matches.
        reader: what the scorer says it can read (``Decision.coverage``); default: every
            language and script, as if it were trained on all.
    """

    def __init__(
        self,
        rules: Mapping[str, Mapping[Label | str, float]] | None = None,
        *,
        default: float = 0.01,
        version: str = "fake-scorer 0",
        reader: Reader = READS_EVERYTHING,
    ) -> None:
        self._rules = {
            keyword.lower(): {Label(label): float(p) for label, p in scores.items()}
            for keyword, scores in (rules or {}).items()
        }
        self._default = default
        self._version = version
        self._reader = reader
        self.calls: list[int] = []
        """Batch sizes seen, in order (to test batching)."""

    @property
    def version(self) -> str:
        return self._version

    @property
    def reader(self) -> Reader:
        """What this fake says it can read."""
        return self._reader

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        self.calls.append(len(texts))
        return [self._score(text) for text in texts]

    def _score(self, text: str) -> Scores:
        values = {label: self._default for label in LABELS}
        lowered = text.lower()
        for keyword, scores in self._rules.items():
            if keyword in lowered:
                for label, probability in scores.items():
                    values[label] = max(values[label], probability)
        return Scores.from_values(values)


class FailingScorer:
    """A scorer whose every call raises :class:`InferenceError`."""

    @property
    def version(self) -> str:
        return "failing-scorer 0"

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        raise InferenceError("this scorer always fails")
