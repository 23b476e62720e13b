"""Transparent rule detectors. Each returns :class:`RuleHit` objects with spans into the text
it was given (the normalised model text); the engine maps spans back to the original."""

from collections.abc import Sequence

from safechat.detect.banter import RULE as BANTER_RULE
from safechat.detect.banter import find_banter
from safechat.detect.base import RuleHit
from safechat.detect.context import CONTEXT_PATTERNS, find_context
from safechat.detect.emoji_threats import EMOJI_THREAT_RULE, find_emoji_threats
from safechat.detect.grooming import GROOMING_PATTERNS, GroomingStage, find_grooming_signals
from safechat.detect.harm import HARM_PATTERNS, find_harm_phrases
from safechat.detect.imminence import IMMINENCE_RULES, find_imminence
from safechat.detect.incitement import INCITEMENT_PATTERNS, find_incitement
from safechat.detect.pii import DEFAULT_REGIONS, PII_PATTERNS, find_pii
from safechat.detect.profanity import PROFANITY_PATTERNS, find_profanity
from safechat.detect.reported_quote import RULE as REPORTED_QUOTE_RULE
from safechat.detect.reported_quote import find_reported_quotes
from safechat.detect.severity import SEVERITY_PATTERNS, find_severe
from safechat.detect.warning import ADVICE_RULE, find_advice, find_warnings
from safechat.detect.warning import RULE as WARNING_RULE
from safechat.model.support_head import HEAD_RULES


def find_rule_hits(text: str, *, regions: Sequence[str] = DEFAULT_REGIONS) -> list[RuleHit]:
    """Every detector's hits on ``text`` (the normalised model text): personal information (for
    ``regions``), grooming signals, explicit harm phrases, the severe forms of harm (humiliation,
    slurs at a person, specific threats, doxxing), calls on others to hurt someone, threats written
    in emoji, imminent self-harm risk,
    swear words and context, the quotes passed on to report them (``context.reported_quote``,
    which the hits of harm outside a quote stop), warnings about someone (``context.warning``),
    online-safety advice (``context.safety_advice``) and
    friends' mock insults (``context.banter``, which any hit of harm stops)."""
    harm = (
        find_grooming_signals(text)
        + find_harm_phrases(text)
        + find_severe(text)
        + find_incitement(text)
        + find_emoji_threats(text)
    )
    imminence = find_imminence(text)
    return (
        find_pii(text, regions=regions)
        + harm
        + imminence
        + find_profanity(text)
        + find_context(text)
        + find_reported_quotes(text, harm)
        + find_warnings(text, harm)
        + find_advice(text, harm)
        + find_banter(text, harm + imminence)
    )


def rule_codes() -> frozenset[str]:
    """Every rule code a detector can produce, plus each prefix of one (the family ``pii``, and
    ``self_harm.imminent`` for ``self_harm.imminent.time``...)."""
    codes = {
        p.rule
        for p in (
            *PII_PATTERNS,
            *GROOMING_PATTERNS,
            *HARM_PATTERNS,
            *SEVERITY_PATTERNS,
            *INCITEMENT_PATTERNS,
            *PROFANITY_PATTERNS,
            *CONTEXT_PATTERNS,
        )
    }
    codes |= {
        "pii.phone",
        EMOJI_THREAT_RULE,
        REPORTED_QUOTE_RULE,
        WARNING_RULE,
        ADVICE_RULE,
        BANTER_RULE,
        *IMMINENCE_RULES,
        *HEAD_RULES,
    }
    prefixes = {".".join(code.split(".")[:end]) for code in codes for end in range(1, code.count(".") + 1)}
    return frozenset(codes | prefixes)


__all__ = [
    "GroomingStage",
    "RuleHit",
    "find_banter",
    "find_context",
    "find_emoji_threats",
    "find_grooming_signals",
    "find_harm_phrases",
    "find_imminence",
    "find_incitement",
    "find_pii",
    "find_profanity",
    "find_rule_hits",
    "find_severe",
    "rule_codes",
]
