"""Explicit phrases the policy must never miss, whatever the model says: telling someone to
kill themselves ("kys"), explicit threats of violence, and a writer saying they want to hurt
themselves.

The first is bullying aimed at a person, the second a threat, the third a call for support,
never punishment.
"""

from __future__ import annotations

from safechat.detect.base import YOU, YOUR, RuleHit, compile_patterns, run_patterns
from safechat.types import Label

_ENCOURAGEMENT = compile_patterns(
    (
        ("bullying.kys", r"\bkys\b"),
        (
            "bullying.kys",
            r"\b(?:go |just |should |pls |please )?(?:kill|neck|hang|end) (?:your ?self|urself|yourselves|ursel?f)\b",
        ),
        ("bullying.kys", rf"\b(?:go die|i hope {YOU} die|hope {YOU} die|{YOU} should die|drink bleach)\b"),
        ("bullying.kys", r"\bno ?one would (?:care|miss you) if you died\b"),
    )
)

_THREATS = compile_patterns(
    (
        # "I'll kill you" is also game talk: the policy asks the model to corroborate it.
        (
            "threat.violence",
            rf"\bi(?:'ll| will|'m going to| am going to|m gonna|'m gonna| am gonna| gonna) (?:kill|stab|shoot|murder|beat up|hurt|strangle|punch) (?:{YOU}|your (?:family|mum|mom|dad|sister|brother|friends))\b",
        ),
        (
            "threat.school_attack",
            r"\b(?:shoot|bomb|blow) up (?:the|our|my|your|this) (?:school|class|classroom)\b",
        ),
        ("threat.school_attack", r"\bschool shooting tomorrow\b|\bbring(?:ing)? a (?:gun|knife) to school\b"),
        (
            "threat.stalking",
            rf"\bi know where {YOU} live\b|\bi(?:'ll| will) find {YOU}\b|\bwatch {YOUR} back\b",
        ),
    )
)

_SELF_HARM = compile_patterns(
    (
        (
            "self_harm.ideation",
            r"\bi (?:want|wanna|need|am going|'?m going|'?m gonna|am gonna) to (?:die|kill myself|end it all|end my life|disappear forever)\b",
        ),
        ("self_harm.ideation", r"\bi (?:want|wanna) (?:to )?(?:die|kill myself|end it all|end my life)\b"),
        ("self_harm.ideation", r"\b(?:kill|killing|hurt|hurting|cut|cutting) myself\b"),
        ("self_harm.ideation", r"\b(?:end|ending) my (?:own )?life\b"),
        (
            "self_harm.ideation",
            r"\bi(?:'?m| am) (?:thinking about|thinking of|planning) (?:suicide|killing myself|ending it)\b",
        ),
        ("self_harm.ideation", r"\b(?:i don'?t|i dont|i do not) want to (?:live|be alive|exist) any ?more\b"),
        ("self_harm.ideation", r"\b(?:better off|be better) (?:dead|without me)\b"),
        ("self_harm.ideation", r"\bsuicidal\b"),
    )
)


HARM_PATTERNS = (*_ENCOURAGEMENT, *_THREATS, *_SELF_HARM)


def find_harm_phrases(text: str) -> list[RuleHit]:
    """Hits for telling someone to kill themselves (``bullying.kys``), explicit threats
    (``threat.violence``, ``threat.school_attack``, ``threat.stalking``) and a writer expressing
    self-harm or suicidal thoughts (``self_harm.ideation``)."""
    hits = run_patterns(text, _ENCOURAGEMENT, Label.BULLYING)
    hits += run_patterns(text, _THREATS, Label.THREAT)
    hits += run_patterns(text, _SELF_HARM, Label.SELF_HARM)
    return hits
