"""The common result of every rule detector."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from safechat.detect.gates import Gate, gate_search, literal_gate
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
    """Patterns plus two ways to skip the ones that cannot match: most messages match none.

    ASCII text (most chat) is checked against each pattern's literal gate
    (:mod:`safechat.detect.gates`, one precompiled search of a few words per pattern). Other text
    gets one search of an alternation of every pattern first."""

    prefilter: re.Pattern[str] | None
    gates: tuple[Gate | None, ...]
    _gate_searches: tuple[Callable[[str], object] | None, ...]

    def __new__(cls, patterns: Iterable[Pattern]) -> PatternGroup:
        group = super().__new__(cls, patterns)
        group.prefilter = _alternation(group)
        group.gates = tuple(literal_gate(pattern.regex) for pattern in group)
        group._gate_searches = tuple(gate_search(gate) for gate in group.gates)
        return group

    def candidates(self, text: str) -> Sequence[Pattern]:
        """The patterns that might match ``text``; the others cannot."""
        if text.isascii():
            lowered = text.lower()
            return [
                pattern
                for pattern, search in zip(self, self._gate_searches, strict=True)
                if search is None or search(lowered)
            ]
        if self.prefilter is not None and self.prefilter.search(text) is None:
            return ()
        return self


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
    if isinstance(patterns, PatternGroup):
        patterns = patterns.candidates(text)
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
