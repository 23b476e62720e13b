"""Example banks: labelled example messages that safety teams extend without retraining.

Each bundle with an embedding output can compare a message with labelled examples in its own
sentence-embedding space; the bundle's fitted weights combine that similarity with the model's
score (:mod:`safechat.exemplars.weights`). The policy names the banks in use
(``[exemplars] banks``); ``safechat exemplars add|list|remove`` edits them.
"""

from safechat.exemplars.bank import BENIGN, CLASSES, Example, ExemplarBank
from safechat.exemplars.index import ExemplarIndex, Neighbours
from safechat.exemplars.scorer import BankedScorer
from safechat.exemplars.weights import ExemplarWeights, LabelWeights

__all__ = [
    "BENIGN",
    "CLASSES",
    "BankedScorer",
    "Example",
    "ExemplarBank",
    "ExemplarIndex",
    "ExemplarWeights",
    "LabelWeights",
    "Neighbours",
]
