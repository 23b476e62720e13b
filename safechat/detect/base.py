"""The common result of every rule detector."""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from safechat.detect.gates import Gate, WordScanner, gates_apply, literal_gate
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


_NOT_BUILT = object()
"""A group's prefilter before its first use."""


class PatternGroup(tuple[Pattern, ...]):
    """Patterns plus a way to skip the ones that cannot match: most messages match none.

    Each pattern has a literal gate (:mod:`safechat.detect.gates`): words one of which every
    match contains. The words of every group's gates are looked for in a text once, in one pass
    (:func:`present_words`), and a group runs only the patterns whose gate has a word that is
    there. Text with a character that matches an ASCII letter when case is ignored (rare: the
    Kelvin sign, a dotless i) gets one search of an alternation of every pattern first instead.

    The gates are derived from the patterns when the group is built, so a pattern added to a
    list is gated like the others."""

    _prefilter: re.Pattern[str] | None | object
    gates: tuple[Gate | None, ...]
    wide_gates: tuple[Gate | None, ...]
    _by_gates: dict[bool, _GateIndex]

    def __new__(cls, patterns: Iterable[Pattern]) -> PatternGroup:
        group = super().__new__(cls, patterns)
        group._prefilter = _NOT_BUILT
        group.gates = tuple(literal_gate(pattern.regex) for pattern in group)
        group.wide_gates = tuple(literal_gate(pattern.regex, ascii_text=False) for pattern in group)
        group._by_gates = {True: _GateIndex(group, group.gates), False: _GateIndex(group, group.wide_gates)}
        _VOCABULARY.add(group._by_gates[True].words | group._by_gates[False].words)
        return group

    @property
    def prefilter(self) -> re.Pattern[str] | None:
        """One alternation of every pattern (None where one cannot be built), compiled on first
        use: only text the gates do not hold for needs it, and compiling every group's at import
        took about a third of the time spent compiling the rules."""
        built = self._prefilter
        if built is _NOT_BUILT:
            built = _alternation(self)
            self._prefilter = built  # two threads may both build it: the same pattern either way
        return cast("re.Pattern[str] | None", built)

    def candidates(self, text: str) -> Sequence[Pattern]:
        """The patterns that might match ``text``; the others cannot."""
        scan = present_words(text)
        if scan is not None:
            ascii_text, present = scan
            return self._by_gates[ascii_text].pick(self, present)
        if self.prefilter is not None and self.prefilter.search(text) is None:
            return ()
        return self

    def mentions(self, text: str) -> bool:
        """Whether any pattern of the group matches somewhere in ``text``."""
        return any(pattern.regex.search(text) for pattern in self.candidates(text))


@dataclass(frozen=True, slots=True)
class _GateIndex:
    """A group's patterns by the words of their gates."""

    always: tuple[Pattern, ...]  # no gate: always run
    always_at: frozenset[int]
    words: frozenset[str]
    by_word: dict[str, tuple[int, ...]]

    def __init__(self, group: tuple[Pattern, ...], gates: tuple[Gate | None, ...]) -> None:
        by_word: dict[str, list[int]] = {}
        for at, gate in enumerate(gates):
            for word in gate or ():
                by_word.setdefault(word, []).append(at)
        always_at = [at for at, gate in enumerate(gates) if gate is None]
        object.__setattr__(self, "always", tuple(group[at] for at in always_at))
        object.__setattr__(self, "always_at", frozenset(always_at))
        object.__setattr__(self, "words", frozenset(by_word))
        object.__setattr__(self, "by_word", {word: tuple(ats) for word, ats in by_word.items()})

    def pick(self, group: tuple[Pattern, ...], present: frozenset[str]) -> Sequence[Pattern]:
        """The patterns, in order, with no gate or a gate word in ``present``."""
        if self.words.isdisjoint(present):
            return self.always
        at = set(self.always_at)
        for word in self.words & present:
            at.update(self.by_word[word])
        return [group[i] for i in sorted(at)]


class _Vocabulary:
    """Every gate word of every pattern group, and one scanner for them, rebuilt when a group
    adds words (groups are built at import or on a detector's first use)."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._lock = threading.Lock()
        self.generation = 0
        self._scanner: tuple[int, WordScanner] | None = None

    def add(self, words: frozenset[str]) -> None:
        with self._lock:
            if not words <= self._words:
                self._words |= words
                self.generation += 1

    def scanner(self) -> tuple[int, WordScanner]:
        built = self._scanner
        if built is not None and built[0] == self.generation:
            return built
        with self._lock:
            built = self._scanner
            if built is None or built[0] != self.generation:
                built = (self.generation, WordScanner(self._words))
                self._scanner = built
            return built


_VOCABULARY = _Vocabulary()


class _LastScan(threading.local):
    """The last text scanned in this thread: every detector scans the same message in turn."""

    text: str | None = None
    generation = -1
    result: tuple[bool, frozenset[str]] | None = None


_LAST = _LastScan()


def present_words(text: str) -> tuple[bool, frozenset[str]] | None:
    """Which gates hold for ``text`` (``True``: the ASCII ones; ``False``: the others, see
    :func:`~safechat.detect.gates.gates_apply`) and the gate words in its lower case; ``None``
    when no gate holds. Remembers the last text per thread."""
    last = _LAST
    if last.text is not None and last.text == text and last.generation == _VOCABULARY.generation:
        return last.result
    generation, scanner = _VOCABULARY.scanner()
    kind = gates_apply(text)
    result = None if kind is None else (kind, scanner.scan(text.lower()))
    last.text, last.generation, last.result = text, generation, result
    return result


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


APOSTROPHE = "['’ʼ]"
"""An apostrophe as typed on phones: straight, curly, the Ukrainian modifier letter."""

# Shared fragments of chat English.
YOU = r"(?:you|u|ya|yu)"
YOUR = r"(?:your|ur|yr|yur)"
YOURE = r"(?:you'?re|youre|ur|you are|u r|u are)"
ARE = r"(?:are|r)"
