"""The grooming risk of one sender towards one reader, from the stages seen so far.

risk = 1 - exp(-factor * sum over distinct stages of weight(stage) * 0.5 ** (age / half_life))

A stage counts once however often it is repeated (its latest sighting), so risk grows with the
*variety* of grooming behaviour, as the stage models in the literature describe, and fades when
the behaviour stops. ``factor`` reflects who is talking to whom: an adult or unknown-age sender
writing to a child is the case that matters most.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from safechat.detect.grooming import GroomingStage
from safechat.types import AgeBand

STAGE_WEIGHTS: Mapping[GroomingStage, float] = {
    GroomingStage.RAPPORT: 0.3,
    GroomingStage.PROBING: 0.5,
    GroomingStage.PRIVATE_APP: 0.6,
    GroomingStage.GIFTS: 0.7,
    GroomingStage.ISOLATION: 0.8,
    GroomingStage.SECRECY: 0.9,
    GroomingStage.ALONE_CHECK: 0.9,
    GroomingStage.IMAGE_REQUEST: 1.0,
    GroomingStage.MEETING: 1.0,
    GroomingStage.SEXUALISATION: 1.0,
}
"""How much each stage says on its own (1.0: the strongest signals)."""

_MINORS = frozenset({AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17})


def pairing_factor(sender: AgeBand | None, reader: AgeBand) -> float:
    """How much grooming signals weigh for this pair.

    ``sender=None`` means the sender's age is unknown, treated like an adult.
    Adult or unknown to a minor: 0.8; minor to minor: 0.25; anyone to an adult: 0.1.
    """
    if reader not in _MINORS:
        return 0.1
    if sender is None or sender not in _MINORS:
        return 0.8
    return 0.25


def grooming_risk(
    last_seen: Mapping[GroomingStage, float], *, now: float, half_life_s: float, factor: float
) -> float:
    """Risk in [0, 1] from each stage's latest sighting (seconds since the epoch)."""
    total = 0.0
    for stage, seen in last_seen.items():
        age = max(0.0, now - seen)
        total += STAGE_WEIGHTS[stage] * 0.5 ** (age / half_life_s)
    return 1.0 - math.exp(-factor * total)
