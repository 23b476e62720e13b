"""The disclosure head: does a message read like a child telling of harm done to them?

Children tell of bullying, threats, strangers and pictures in more ways than rules can list ("mum
can we talk tonight. its about school and its not good", "they pretend im invisible"). The bundle's
sentence embedding places such messages near each other, so a logistic head on it, fitted on the
project's children's chat ``dev`` lines (``models/training/train/disclosure_head.py``), reads the
ones no rule words. Its hit, ``context.disclosure.similar``, offers the writer support and nothing
else: it settles no score and never lowers an action, so a harmful message it misreads keeps its
action and only gains a help prompt.

Each bundle has its own head (``disclosure_heads/<bundle name>.json``), fitted in that bundle's
embedding space: a head whose ``space`` is not the loaded model's version is not used.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

from safechat.errors import BundleError

logger = logging.getLogger(__name__)

RULE = "context.disclosure.similar"
"""The rule code of the head's hit."""

FIRES_AT = 0.5
"""A message reads as a disclosure when the head's probability is at least this (the fitted
threshold is folded into the bias)."""

_PACKAGE = "safechat.model.disclosure_heads"


@dataclass(frozen=True, slots=True)
class DisclosureHead:
    """A logistic head on unit-length sentence embeddings of one model (``space``)."""

    space: str
    weights: npt.NDArray[np.float32]
    bias: float

    @classmethod
    def from_json(cls, text: str) -> DisclosureHead:
        """Parse and check a head file.

        Raises:
            BundleError: the file is not a head (no space, weights that are not a finite vector,
                a bias that is not a finite number).
        """
        try:
            raw = json.loads(text)
            space = raw["space"]
            weights = np.asarray(raw["weights"], dtype=np.float32)
            bias = float(raw["bias"])
        except (ValueError, KeyError, TypeError) as err:
            raise BundleError(f"not a disclosure head: {type(err).__name__}") from None
        if not isinstance(space, str) or not space:
            raise BundleError("a disclosure head names the model whose embeddings it reads (space)")
        if weights.ndim != 1 or weights.size == 0 or not np.isfinite(weights).all() or not np.isfinite(bias):
            raise BundleError("a disclosure head's weights are a finite vector and its bias a finite number")
        return cls(space, weights, bias)

    def to_json(self) -> str:
        return json.dumps(
            {"space": self.space, "bias": self.bias, "weights": [round(float(w), 6) for w in self.weights]}
        )

    def probabilities(self, embeddings: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """The head's probability per row of ``embeddings`` ``[n, dim]``.

        Raises:
            BundleError: the embeddings are not as wide as the head.
        """
        if embeddings.ndim != 2 or embeddings.shape[1] != self.weights.size:
            raise BundleError(f"the disclosure head reads {self.weights.size}-wide embeddings")
        logits = embeddings.astype(np.float32) @ self.weights + np.float32(self.bias)
        probabilities: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return probabilities


def shipped_head(name: str, version: str) -> DisclosureHead | None:
    """The shipped head for the bundle ``name`` when it was fitted for ``version`` (the model's
    version string); ``None`` when there is none or it belongs to another version."""
    source = resources.files(_PACKAGE) / f"{name}.json"
    if not source.is_file():
        return None
    head = DisclosureHead.from_json(source.read_text("utf-8"))
    if head.space != version:
        logger.info("the disclosure head of %s is for %s, not %s: not used", name, head.space, version)
        return None
    return head
