"""A scorer that combines a bundle's model scores with similarity to the policy's example banks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from safechat.blas import one_blas_thread
from safechat.errors import ExemplarBankError, InferenceError
from safechat.exemplars.bank import CLASSES, ExemplarBank
from safechat.exemplars.index import ExemplarIndex
from safechat.exemplars.weights import ExemplarWeights
from safechat.model.coverage import Reader
from safechat.model.onnx_scorer import OnnxScorer
from safechat.types import LABELS, ExemplarMatch, Scores

_LABEL_COLUMNS = tuple((label, CLASSES.index(label.value)) for label in LABELS)
"""Each label and its column in the index's per-class results."""


class BankedScorer:
    """A :class:`~safechat.model.scorer.Scorer`: the model's logits and the message's nearest
    bank examples, combined by the bundle's fitted weights. Each :class:`Scores` carries, per
    label, the nearest positive example's id (``Scores.matches``). Thread-safe."""

    def __init__(self, model: OnnxScorer, banks: Sequence[ExemplarBank], weights: ExemplarWeights) -> None:
        """Index ``banks`` for ``model``.

        Raises:
            ExemplarBankError: the bundle has no embedding output, a bank was embedded by another
                bundle or has the wrong width, or two banks share an example id.
        """
        if not model.embeds:
            raise ExemplarBankError(f"{model.version} has no embedding output; its banks cannot be used")
        for bank in banks:
            if bank.space != model.version:
                raise ExemplarBankError(
                    f"a bank embedded by {bank.space!r} cannot be used with {model.version!r}; "
                    "re-embed it with 'safechat exemplars rebuild'"
                )
        width = weights.head_width()
        wrong = [bank.dim for bank in banks if width is not None and bank.dim != width]
        if wrong:
            raise ExemplarBankError(f"a bank's embeddings are {wrong[0]} wide; {model.version} gives {width}")
        ids = [example_id for bank in banks for example_id in bank.ids]
        if len(set(ids)) != len(ids):
            counts = Counter(ids)
            duplicate = next(i for i in ids if counts[i] > 1)
            raise ExemplarBankError(f"example id {duplicate!r} is in more than one bank")
        self._model = model
        self._weights = weights
        self._ids = ids
        vectors = (
            np.concatenate([bank.unit_vectors() for bank in banks])
            if banks
            else np.zeros((0, 1), dtype=np.float32)
        )
        classes = np.array([CLASSES.index(c) for bank in banks for c in bank.classes], dtype=np.intp)
        self._index = ExemplarIndex(vectors, classes, k=weights.k)

    @property
    def version(self) -> str:
        return self._model.version

    @property
    def reader(self) -> Reader:
        """What the model's bundle can read."""
        return self._model.reader

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        if not texts:
            return []
        try:
            encoded = self._model.encode(texts)
            assert encoded.embeddings is not None
            neighbours = self._index.search(encoded.embeddings)
            with one_blas_thread():  # small products: threads would only spin on the model's cores
                probabilities = self._weights.probabilities(encoded.logits, neighbours, encoded.embeddings)
            heads = self._model.heads(encoded)
        except InferenceError:
            raise
        except Exception as err:
            raise InferenceError(f"model run failed: {type(err).__name__}") from None
        results = []
        for row, values in enumerate(probabilities):
            matches = tuple(
                ExemplarMatch(label, self._ids[int(position)], float(neighbours.closest[row, column]))
                for label, column in _LABEL_COLUMNS
                if (position := neighbours.nearest[row, column]) >= 0
            )
            results.append(Scores.of(values.tolist(), matches=matches, heads=heads[row]))
        return results
