"""How a bundle combines its model score with a message's similarity to the example banks.

``exemplar_weights.json`` in a bundle holds, per label, a logistic model fitted on held-out
folds (models/training/train/exemplars.py): the calibrated probability is

    sigmoid(logit * w_logit + positive * w_positive + benign * w_benign
            + nearest_positive * w_nearest_positive + nearest_benign * w_nearest_benign
            + embedding . head + bias)

where ``logit`` is the model's raw logit for the label, ``positive`` the mean cosine similarity
of the message to its ``k`` nearest examples of the label, ``benign`` to its ``k`` nearest
benign look-alikes, ``nearest_positive`` and ``nearest_benign`` the cosine of the nearest one,
and ``head`` (for the labels where it generalised across data sets; absent elsewhere) a linear
head on the sentence embedding fitted on the bank's examples. Adding
examples to a bank moves ``positive`` or ``benign`` for the messages near them, so a safety team
teaches a new phrasing without retraining.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, field_validator

from safechat.errors import BundleError
from safechat.exemplars.bank import BENIGN, CLASSES
from safechat.exemplars.index import Neighbours
from safechat.model.bundle import every_label, finite, read_bundle_file
from safechat.types import LABELS, Label

_FloatArray = npt.NDArray[np.float32]


class LabelWeights(BaseModel):
    """One label's logistic combination."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    logit: float
    positive: float
    benign: float
    bias: float
    nearest_positive: float = 0.0
    nearest_benign: float = 0.0
    head: tuple[float, ...] | None = None

    @field_validator("logit", "positive", "benign", "bias", "nearest_positive", "nearest_benign")
    @classmethod
    def _finite(cls, value: float) -> float:
        return finite(value)

    @field_validator("head")
    @classmethod
    def _finite_head(cls, value: tuple[float, ...] | None) -> tuple[float, ...] | None:
        return value if value is None else tuple(finite(v) for v in value)


class ExemplarWeights(BaseModel):
    """``exemplar_weights.json``: the neighbour count and every label's weights."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    method: str = Field(pattern="^logistic$")
    k: int = Field(ge=1, le=50)
    labels: dict[Label, LabelWeights]

    @field_validator("labels")
    @classmethod
    def _every_label(cls, labels: dict[Label, LabelWeights]) -> dict[Label, LabelWeights]:
        return every_label(labels)

    @classmethod
    def load(cls, path: Path) -> ExemplarWeights:
        """Read and validate the file.

        Raises:
            BundleError: missing or invalid.
        """
        return read_bundle_file(cls, path)

    def head_width(self) -> int | None:
        """The embedding width the heads expect (``None`` when no label has one).

        Raises:
            BundleError: two heads differ in width.
        """
        widths = {len(w.head) for w in self.labels.values() if w.head is not None}
        if len(widths) > 1:
            raise BundleError(f"exemplar weights: heads of different widths {sorted(widths)}")
        return widths.pop() if widths else None

    def probabilities(
        self, logits: _FloatArray, neighbours: Neighbours, embeddings: _FloatArray
    ) -> _FloatArray:
        """Combined probabilities ``[n, 8]`` from raw logits ``[n, 8]``, the neighbours and the
        sentence embeddings ``[n, dim]``."""
        benign = neighbours.similarity[:, CLASSES.index(BENIGN)]
        nearest_benign = neighbours.closest[:, CLASSES.index(BENIGN)]
        z = np.empty_like(logits)
        for column, label in enumerate(LABELS):
            w = self.labels[label]
            c = CLASSES.index(label.value)
            z[:, column] = (
                logits[:, column] * w.logit
                + neighbours.similarity[:, c] * w.positive
                + benign * w.benign
                + neighbours.closest[:, c] * w.nearest_positive
                + nearest_benign * w.nearest_benign
                + w.bias
            )
            if w.head is not None:
                z[:, column] += embeddings @ np.asarray(w.head, dtype=np.float32)
        result: _FloatArray = (1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))).astype(np.float32)
        return result
