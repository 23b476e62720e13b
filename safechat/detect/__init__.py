"""Transparent rule detectors. Each returns :class:`RuleHit` objects with spans into the text
it was given (the normalised model text); the engine maps spans back to the original."""

from safechat.detect.base import RuleHit
from safechat.detect.grooming import GroomingStage, find_grooming_signals
from safechat.detect.harm import find_harm_phrases
from safechat.detect.pii import find_pii

__all__ = ["GroomingStage", "RuleHit", "find_grooming_signals", "find_harm_phrases", "find_pii"]
