"""The common result of every rule detector."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from safechat.types import Label, Span


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One rule that fired.

    Attributes:
        rule: stable code, e.g. ``pii.phone`` or ``grooming.secrecy``.
        label: the label this rule speaks for.
        span: where it fired, in the text the detector was given.
        maskable: True when the span itself is sensitive and should be masked (a phone
            number, not a question about one).
    """

    rule: str
    label: Label
    span: Span
    maskable: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named, precompiled regular expression."""

    rule: str
    regex: re.Pattern[str]
    maskable: bool = False


class PatternGroup(tuple[Pattern, ...]):
    """Patterns plus one alternation of them all: most messages match none, and one search
    of the alternation settles that without a Python-level loop over every pattern."""

    prefilter: re.Pattern[str] | None

    def __new__(cls, patterns: Iterable[Pattern]) -> PatternGroup:
        group = super().__new__(cls, patterns)
        group.prefilter = _alternation(group)
        return group


def _alternation(patterns: tuple[Pattern, ...]) -> re.Pattern[str] | None:
    sources = [p.regex.pattern for p in patterns]
    if not sources or any(_BACKREFERENCE.search(source) for source in sources):
        return None  # group numbers change inside an alternation
    try:
        return re.compile(
            "|".join(f"(?:{_NAMED_GROUP.sub('(?:', source)})" for source in sources), re.IGNORECASE
        )
    except re.error:
        return None


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def compile_patterns(entries: Iterable[tuple[str, str]], *, maskable: bool = False) -> PatternGroup:
    """Compile ``(rule, regex)`` pairs case-insensitively."""
    return PatternGroup(Pattern(rule, re.compile(rx, re.IGNORECASE), maskable) for rule, rx in entries)


def run_patterns(text: str, patterns: Iterable[Pattern], label: Label) -> list[RuleHit]:
    """Every match of every pattern, as hits; overlapping matches of one rule count once."""
    prefilter = getattr(patterns, "prefilter", None)
    if prefilter is not None and prefilter.search(text) is None:
        return []
    hits: list[RuleHit] = []
    taken: dict[str, list[tuple[int, int]]] = {}  # rule -> sorted, non-overlapping spans
    for pattern in patterns:
        spans = taken.setdefault(pattern.rule, [])
        for match in pattern.regex.finditer(text):
            start, end = match.span("hit") if "hit" in pattern.regex.groupindex else match.span()
            if start < 0 or end <= start:
                continue
            at = bisect.bisect_left(spans, (start, end))
            if (at > 0 and spans[at - 1][1] > start) or (at < len(spans) and spans[at][0] < end):
                continue
            spans.insert(at, (start, end))
            hits.append(RuleHit(pattern.rule, label, Span(start, end), pattern.maskable))
    return hits


# Shared fragments of chat English.
YOU = r"(?:you|u|ya|yu)"
YOUR = r"(?:your|ur|yr|yur)"
YOURE = r"(?:you'?re|youre|ur|you are|u r|u are)"
ARE = r"(?:are|r)"
