"""Literal gates: words a regular expression cannot match without.

Most chat matches none of the rules, and Python's regular-expression engine tries every pattern
at every position to find that out. A gate is a set of lower-case ASCII strings, one of which
every match of the pattern contains: when none of them is in the (lower-cased, ASCII) text, the
pattern cannot match and is not run. Gates are derived from the parsed pattern, never written by
hand, and are conservative: whatever the parser does not understand gives no gate. A pattern that
needs a letter with no ASCII form in either case (Cyrillic, Greek, "é") cannot match ASCII text at
all: its gate is empty.

Other text gets gates too, derived without that shortcut (:func:`literal_gate` with
``ascii_text=False``), as long as it holds none of the few characters that match an ASCII letter
when case is ignored (:data:`ASCII_LOOKALIKES`, the Kelvin sign for "k"...): every ASCII literal
of a match is then an ASCII character of the text, and the words of the gate are in its lower
case.

A :class:`WordScanner` finds which words of every gate are in a text in one pass (one regular
expression shaped as a trie of the words), so the gates of all patterns cost one search, not one
each.
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

# The standard library's own regular-expression parser (renamed in Python 3.11).
_parser: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")
_c: Any = importlib.import_module("re._constants" if sys.version_info >= (3, 11) else "sre_constants")

Gate = frozenset[str]


ASCII_LOOKALIKES = "\u0130\u0131\u017f\u212a"
"""The characters outside ASCII that a regular expression matches with an ASCII letter when case
is ignored: "İ" and "ı" (for "i"), the long s "ſ" (for "s") and the Kelvin sign (for "k").
A test checks the list against every code point."""

_LOOKALIKE = re.compile(f"[{ASCII_LOOKALIKES}]")


def gates_apply(text: str) -> bool | None:
    """Which gates hold for ``text``: ``True`` the ASCII ones (``text`` is ASCII), ``False`` the
    ones derived with ``ascii_text=False`` (no :data:`ASCII_LOOKALIKES` in it), ``None`` neither."""
    if text.isascii():
        return True
    return None if _LOOKALIKE.search(text) else False


def literal_gate(regex: re.Pattern[str], *, ascii_text: bool = True) -> Gate | None:
    """Strings one of which (lower-cased) is in every text ``regex`` matches; ``None`` when no
    such set can be derived.

    ``ascii_text``: the gate is for ASCII text only (a pattern that needs a letter no ASCII text
    holds gets the empty gate); with ``False`` it holds for any text without
    :data:`ASCII_LOOKALIKES`, lower-cased.
    """
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
    except re.error:  # pragma: no cover - the pattern compiled, so it parses
        return None
    return _sequence(list(parsed), ascii_text)


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


class WordScanner:
    """The words of a fixed set that occur in a text, found in one pass. Immutable; thread-safe."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words: frozenset[str] = frozenset(word for word in words if word)
        # Each match is the longest word that starts at its position; every other word that
        # starts there is a prefix of it, so each word found stands for its prefixes too.
        self._search = re.compile(f"(?=({_trie(self.words)}))").findall if self.words else None
        self._with_prefixes = {
            word: frozenset(word[:end] for end in range(1, len(word) + 1) if word[:end] in self.words)
            for word in self.words
        }

    def scan(self, lowered: str) -> frozenset[str]:
        """The words that are substrings of ``lowered``."""
        if self._search is None:
            return _EMPTY
        found = self._search(lowered)
        if not found:
            return _EMPTY
        with_prefixes = self._with_prefixes
        return frozenset().union(*[with_prefixes[word] for word in set(found)])


def _trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` as a trie (a common prefix is matched once), longest first."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root)


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _sequence(items: list[tuple[Any, Any]], ascii_text: bool) -> Gate | None:
    """The best gate of a sequence: any one item's requirement holds for the whole."""
    candidates: list[Gate] = []
    run: list[str] = []
    for op, arg in items:
        if ascii_text and _never_ascii(op, arg):
            return _EMPTY  # a letter ASCII text cannot hold: no ASCII text matches
        char = _ascii_literal(op, arg)
        if char is not None:
            run.append(char)
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _item(op, arg, ascii_text)
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return max(candidates, key=_strength, default=None)


def _item(op: Any, arg: Any, ascii_text: bool) -> Gate | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]), ascii_text)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _sequence(list(branch), ascii_text)
            if found is None:
                return None  # a branch with no requirement: the alternation has none
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
        return _sequence(list(arg[2]), ascii_text)
    if op is _c.ASSERT:  # a lookahead or lookbehind that must hold: the text holds what it needs
        return _sequence(list(arg[1]), ascii_text)
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
