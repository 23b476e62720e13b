"""Literal gates: words a regular expression cannot match without.

Most chat matches none of the rules, and Python's regular-expression engine tries every pattern
at every position to find that out. A gate is a set of lower-case ASCII strings, one of which
every match of the pattern contains: when none of them is in the (lower-cased, ASCII) text, the
pattern cannot match and is not run. Gates are derived from the parsed pattern, never written by
hand, and are conservative: whatever the parser does not understand gives no gate. A pattern that
needs a letter with no ASCII form in either case (Cyrillic, Greek, "é") cannot match ASCII text at
all: its gate is empty.
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
from collections.abc import Callable
from typing import Any

# The standard library's own regular-expression parser (renamed in Python 3.11).
_parser: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")
_c: Any = importlib.import_module("re._constants" if sys.version_info >= (3, 11) else "sre_constants")

Gate = frozenset[str]


def literal_gate(regex: re.Pattern[str]) -> Gate | None:
    """Strings one of which (lower-cased) is in every text ``regex`` matches; ``None`` when no
    such set can be derived."""
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
    except re.error:  # pragma: no cover - the pattern compiled, so it parses
        return None
    return _sequence(list(parsed))


def could_match(gate: Gate | None, lowered_ascii: str) -> bool:
    """False only when ``gate`` proves the pattern cannot match this lower-cased ASCII text."""
    return gate is None or any(word in lowered_ascii for word in gate)


def gate_search(gate: Gate | None) -> Callable[[str], object] | None:
    """:func:`could_match` as one precompiled search (truthy when a word of ``gate`` is in the
    text); ``None`` for no gate."""
    if gate is None:
        return None
    if not gate:
        return _never
    return re.compile("|".join(re.escape(word) for word in sorted(gate, key=len, reverse=True))).search


def _never(_text: str) -> None:
    """The search of an empty gate: no ASCII text can match."""
    return None


def _sequence(items: list[tuple[Any, Any]]) -> Gate | None:
    """The best gate of a sequence: any one item's requirement holds for the whole."""
    candidates: list[Gate] = []
    run: list[str] = []
    for op, arg in items:
        if _never_ascii(op, arg):
            return _EMPTY  # a letter ASCII text cannot hold: no ASCII text matches
        char = _ascii_literal(op, arg)
        if char is not None:
            run.append(char)
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _item(op, arg)
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return max(candidates, key=_strength, default=None)


def _item(op: Any, arg: Any) -> Gate | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _sequence(list(branch))
            if found is None:
                return None  # a branch with no requirement: the alternation has none
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
        return _sequence(list(arg[2]))
    return None


def _ascii_literal(op: Any, arg: Any) -> str | None:
    """The character of a plain ASCII literal, lower-cased; None for anything else (non-ASCII
    letters may match ASCII ones when case is ignored, so they never gate)."""
    if op is _c.LITERAL and arg < 128:
        return chr(arg).lower()
    return None


def _never_ascii(op: Any, arg: Any) -> bool:
    """A literal letter that neither it nor any case of it is ASCII ("ж", "é"; not the Kelvin
    sign, which matches "k" when case is ignored)."""
    return op is _c.LITERAL and arg >= 128 and not _ascii_case_of(chr(arg))


@functools.cache
def _ascii_case_of(char: str) -> bool:
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    return any(pattern.fullmatch(chr(code)) for code in range(128))


_EMPTY: Gate = frozenset()


def _strength(gate: Gate) -> tuple[int, int]:
    """Prefer an empty gate (nothing ASCII matches), then gates whose shortest word is longest,
    then those with fewer words."""
    if not gate:
        return (sys.maxsize, 0)
    return (min(len(word) for word in gate), -len(gate))
