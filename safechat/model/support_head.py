"""Heads on the sentence embedding, fitted on children's chat: support heads and harm heads.

Children tell of bullying, threats and strangers, and of wanting to hurt themselves, in more ways
than rules can list ("mum can we talk tonight. its about school and its not good", "they pretend
im invisible", "i just want to sleep and not wake up"). The bundle's sentence embedding places
such messages near each other, so a small head on it (logistic, or a perceptron with one hidden
layer), fitted on the project's children's chat ``dev`` lines
(``models/training/train/support_head.py``), reads the ones no rule words. The same
holds for harm written the way children and the adults who target them write, which a model fitted
on tweets and forums ranks too low to act on. Support heads, one per kind of help:

- ``disclosure``: a child telling of harm done to them. Its hit, ``context.disclosure.similar``,
  offers the disclosure help (it is not their fault, how to report, someone to talk to).
- ``self_harm``: a message about hurting or killing oneself. Its hit, ``self_harm.similar``, offers
  the self-harm help (someone to talk to, the helpline for the child's country).

A support head's hit offers the writer support and nothing else: it settles no score and never
lowers an action (the default policy asks no review for it either), so a harmful message a head
misreads keeps its action and only gains a help prompt. The policy refuses an entry for a support
head's rule that would do more.

Harm heads, one per label where children's chat showed one pays (``bullying``, ``hate``,
``threat``, ``sexual``, ``grooming``: :data:`HARM_KINDS`; a bundle ships the ones that pay in its
embedding): a message that reads like the ``dev`` lines of the
label. Its hit (``bullying.similar``, ...) is a rule hit of that label and gives the action of the
policy's entry for it, as any rule does. Each is fitted to fire on at most 0.5% of the ordinary
``dev`` lines and of the other platforms' ordinary messages in the bundle's example bank (its
negatives, with the ``dev`` lines of other labels), so it adds to what the model's score and the
rules find without moving their thresholds. In a conversation the grooming head's hit names no
grooming stage. A harm head does not fire where a context rule settles its label (game talk, a child
speaking up), nor where the disclosure head reads a child telling of harm done to them: that child
is answered with help, never blocked.

The ordinary head (``ordinary``) reads the other way: a message like the ordinary ``dev`` lines that
share words with harm (friends' trash talk, "ur dead" said of a match, meeting at named places and
times, counter-speech quoting a slur, a child telling of harm), where a model fitted on tweets and
forums reads bullying, threats or personal information. Its hit, ``context.ordinary.similar``, is
a context rule's: it never raises an action, and its policy entry settles the model's moderate
scores of the labels it names (``tempers_model_below``, ``tempers_labels``), as the game and
counter-speech rules do for the phrases they know; the harm heads of those labels then do not fire
either. The rules' own hits stand. It is fitted to fire on at most 1% of the harmful ``dev`` lines
and of the other platforms' harmful messages in the bundle's example bank, out of fold.

A policy without a head's entry never gets its hit. Each bundle has its own heads
(``support_heads/<bundle name>.<kind>.json``), fitted in that bundle's embedding space: a head whose
``space`` is not the loaded model's version is not used, and a bundle without a kind's file has no
such head.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from safechat.errors import BundleError
from safechat.types import Label

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HeadKind:
    """What a head reads: its name (the file suffix and the key in
    :attr:`safechat.types.Scores.heads`), the rule code of its hit and that hit's label.
    ``yields_to_context``: the head does not fire where a context rule in the message settles its
    label (a laughing idiom settles self-harm); a disclosure head's label only routes its help, so
    a child objecting to what was done to them ("its not funny") keeps it. ``support_only``: the
    hit offers help and nothing else (a support head); a harm head's hit acts as its policy entry
    says, and yields to the disclosure head too. ``settles``: the hit is a context rule's (the
    ordinary head): it raises nothing, and settles model scores as its policy entry says."""

    name: str
    rule: str
    label: Label
    yields_to_context: bool
    support_only: bool = True
    settles: bool = False

    @property
    def acts(self) -> bool:
        """A harm head: its hit gives its policy entry's action."""
        return not self.support_only and not self.settles


DISCLOSURE = HeadKind("disclosure", "context.disclosure.similar", Label.BULLYING, yields_to_context=False)
"""A child telling of harm done to them."""

SELF_HARM = HeadKind("self_harm", "self_harm.similar", Label.SELF_HARM, yields_to_context=True)
"""A message about hurting or killing oneself ("ik ga dood van het lachen" is laughing: the
idiom's context rule stops it)."""

SUPPORT_KINDS: tuple[HeadKind, ...] = (DISCLOSURE, SELF_HARM)
"""The support heads: their hits offer help and nothing else."""

HARM_KINDS: tuple[HeadKind, ...] = tuple(
    HeadKind(label.value, f"{label.value}.similar", label, yields_to_context=True, support_only=False)
    for label in (Label.BULLYING, Label.HATE, Label.THREAT, Label.SEXUAL, Label.GROOMING)
)
"""The harm heads: a message that reads like children's chat of the label (see the module
docstring)."""

ORDINARY = HeadKind(
    "ordinary",
    "context.ordinary.similar",
    Label.BULLYING,
    yields_to_context=False,
    support_only=False,
    settles=True,
)
"""Ordinary children's chat that shares words with harm: friends' trash talk, in-game killing,
arrangements naming places and times, counter-speech, a child telling of harm (see the module
docstring)."""

CONTEXT_KINDS: tuple[HeadKind, ...] = (ORDINARY,)
"""The heads whose hit is context: it explains the model's scores rather than flags the message."""

HEAD_KINDS: tuple[HeadKind, ...] = (*SUPPORT_KINDS, *CONTEXT_KINDS, *HARM_KINDS)
"""Every kind of head, in the order their hits are added."""

HEAD_RULES: frozenset[str] = frozenset(kind.rule for kind in HEAD_KINDS)
"""The rule codes of the heads' hits."""

SUPPORT_RULES: frozenset[str] = frozenset(kind.rule for kind in SUPPORT_KINDS)
"""The rule codes of the support heads' hits: support only (see the module docstring)."""

FIRES_AT = 0.5
"""A head fires when its probability is at least this (the fitted threshold is folded into the
bias)."""

_PACKAGE = "safechat.model.support_heads"


@dataclass(frozen=True, slots=True)
class HiddenLayer:
    """A head's hidden layer: ``relu(embedding @ weights + bias)``, ``weights`` ``[dim, width]``.
    In the head file the weights are half-precision floats, little-endian, row after row, in
    base64 (``weights_f16``, with their ``shape``), so a head of 384 x 128 takes 131 KB."""

    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> HiddenLayer:
        """The layer as a head file holds it.

        Raises:
            ValueError, KeyError, TypeError, binascii.Error: it is not such a layer.
        """
        shape = raw["shape"]
        if not isinstance(shape, list) or len(shape) != 2:
            raise ValueError("a hidden layer's shape is [dim, width]")
        rows, width = int(shape[0]), int(shape[1])
        packed = base64.b64decode(str(raw["weights_f16"]), validate=True)
        if len(packed) != rows * width * 2:
            raise ValueError("the hidden weights do not fill their shape")
        weights = np.frombuffer(packed, dtype="<f2").reshape(rows, width).astype(np.float32)
        return cls(weights, np.asarray(raw["bias"], dtype=np.float32))

    def to_raw(self) -> dict[str, object]:
        """The layer as a head file holds it (the weights rounded to half precision)."""
        return {
            "shape": list(self.weights.shape),
            "bias": [round(float(b), 6) for b in self.bias],
            "weights_f16": base64.b64encode(self.weights.astype("<f2").tobytes()).decode("ascii"),
        }


@dataclass(frozen=True, slots=True)
class SupportHead:
    """A head on unit-length sentence embeddings of one model (``space``): logistic on the
    embedding, or on a hidden layer of rectified units when it has one (a one-layer perceptron,
    which reads children's chat better than a linear head at the same false-alarm budget:
    models/training/experiments/README.md)."""

    space: str
    weights: npt.NDArray[np.float32]
    bias: float
    hidden: HiddenLayer | None = None

    @classmethod
    def from_json(cls, text: str) -> SupportHead:
        """Parse and check a head file.

        Raises:
            BundleError: the file is not a head (no space, weights that are not a finite vector,
                a bias that is not a finite number, a hidden layer whose shapes do not fit).
        """
        try:
            raw = json.loads(text)
            space = raw["space"]
            weights = np.asarray(raw["weights"], dtype=np.float32)
            bias = float(raw["bias"])
            hidden = None if raw.get("hidden") is None else HiddenLayer.from_raw(raw["hidden"])
        except (ValueError, KeyError, TypeError, binascii.Error) as err:
            raise BundleError(f"not a support head: {type(err).__name__}") from None
        if not isinstance(space, str) or not space:
            raise BundleError("a support head names the model whose embeddings it reads (space)")
        if weights.ndim != 1 or weights.size == 0 or not np.isfinite(weights).all() or not np.isfinite(bias):
            raise BundleError("a support head's weights are a finite vector and its bias a finite number")
        if hidden is not None and (
            hidden.weights.ndim != 2
            or hidden.weights.shape[1] != weights.size
            or hidden.bias.shape != (weights.size,)
            or not np.isfinite(hidden.weights).all()
            or not np.isfinite(hidden.bias).all()
        ):
            raise BundleError(
                "a support head's hidden layer is a finite [dim, width] matrix and width-long bias,"
                " width the length of its weights"
            )
        return cls(space, weights, bias, hidden)

    def to_json(self) -> str:
        raw: dict[str, object] = {"space": self.space, "bias": self.bias}
        if self.hidden is not None:
            raw["hidden"] = self.hidden.to_raw()
        raw["weights"] = [round(float(w), 6) for w in self.weights]
        return json.dumps(raw)

    @property
    def width(self) -> int:
        """How wide the embeddings it reads are."""
        return int(self.hidden.weights.shape[0] if self.hidden is not None else self.weights.size)

    def probabilities(self, embeddings: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """The head's probability per row of ``embeddings`` ``[n, dim]``.

        Raises:
            BundleError: the embeddings are not as wide as the head.
        """
        if embeddings.ndim != 2 or embeddings.shape[1] != self.width:
            raise BundleError(f"the support head reads {self.width}-wide embeddings")
        features = embeddings.astype(np.float32)
        if self.hidden is not None:
            features = np.maximum(features @ self.hidden.weights + self.hidden.bias, np.float32(0.0))
        logits = features @ self.weights + np.float32(self.bias)
        probabilities: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return probabilities


def head_file(name: str, kind: HeadKind) -> str:
    """The file name of the bundle ``name``'s head of ``kind``."""
    return f"{name}.{kind.name}.json"


def shipped_head(name: str, version: str, kind: HeadKind) -> SupportHead | None:
    """The shipped head of ``kind`` for the bundle ``name`` when it was fitted for ``version`` (the
    model's version string); ``None`` when there is none or it belongs to another version."""
    source = resources.files(_PACKAGE) / head_file(name, kind)
    if not source.is_file():
        return None
    head = SupportHead.from_json(source.read_text("utf-8"))
    if head.space != version:
        logger.info("the %s head of %s is for %s, not %s: not used", kind.name, name, head.space, version)
        return None
    return head


def shipped_heads(name: str, version: str) -> Mapping[HeadKind, SupportHead]:
    """Every shipped head of the bundle ``name`` fitted for ``version``, by kind."""
    found = {kind: shipped_head(name, version, kind) for kind in HEAD_KINDS}
    return {kind: head for kind, head in found.items() if head is not None}
