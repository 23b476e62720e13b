from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safechat.detect import grooming, harm, pii
from safechat.detect.base import run_patterns
from safechat.detect.gates import could_match, gate_search, literal_gate
from safechat.types import Label


def _gate(pattern: str) -> frozenset[str] | None:
    return literal_gate(re.compile(pattern, re.IGNORECASE))


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"\bhello there\b", {"hello there"}),
        (r"\bHeLLo\b", {"hello"}),  # case is ignored: the gate is lower case
        (r"\b(?:cat|dog)s\b", {"cat", "dog"}),  # longer words win over the single "s"
        (r"(?:abc)?x", {"x"}),  # an optional part requires nothing
        (r"(?P<hit>meet (?:up|me))", {"meet "}),
        (r"a{2,}b", {"a"}),
        (r"a*", None),
        (r"(?:abc|\d+)", None),  # one branch needs no literal, so the alternation gives no gate
        (r"[abc]\d", None),
        (r"é", set()),  # no case of "é" is ASCII: no ASCII text can match
        (r"хочу померти", set()),
        (r"(?:хочу|want) to", {"want"}),  # the Cyrillic branch needs nothing ASCII text can hold
        ("\u212a", None),  # the Kelvin sign matches "k" when case is ignored
        ("\u017f", None),  # so does the long s "s"
        (r"stra(?:ß|ss)e", {"stra"}),
    ],
)
def test_literal_gate(pattern: str, gate: set[str] | None) -> None:
    assert _gate(pattern) == (None if gate is None else frozenset(gate))


def test_could_match_and_its_compiled_search_agree() -> None:
    gate = frozenset({"cat", "dog", "c.t", "meet up"})
    search = gate_search(gate)
    assert search is not None and gate_search(None) is None
    for text, expected in (
        ("hot dogs", True),
        ("hot chips", False),
        ("a c.t", True),
        ("a cut", False),
        ("meet", False),
    ):
        assert could_match(gate, text) is expected
        assert bool(search(text)) is expected
    assert could_match(None, "anything")
    never = gate_search(frozenset())
    assert never is not None and not never("any ascii text at all") and not could_match(frozenset(), "x")


_GROUPS = (
    pii._SHARING,
    pii._REQUESTS,
    grooming.GROOMING_PATTERNS,
    harm._THREATS,
    harm._SELF_HARM,
    harm._ENCOURAGEMENT,
    harm._SELF_HARM_OTHER_LANGUAGES,
)
_WORDS = sorted({word.strip() for group in _GROUPS for gate in group.gates if gate for word in gate} - {""})


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.sampled_from(["you", "me", "u", "my", "@", "1", "x"])),
        max_size=8,
    ).map(" ".join)
)
def test_gated_groups_find_what_every_pattern_finds(text: str) -> None:
    """Text built from the gates' own words, so that gates open and close: skipping gated
    patterns must never lose a hit."""
    for group in _GROUPS:
        assert run_patterns(text, group, Label.PII) == run_patterns(text, tuple(group), Label.PII)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["хочу", "померти", "не", "жити", "я", "ich", "will", "sterben", "é", "quiero", "morir", "i"]
        ),
        max_size=6,
    ).map(" ".join)
)
def test_gated_groups_find_what_every_pattern_finds_in_any_script(text: str) -> None:
    for group in _GROUPS:
        assert run_patterns(text, group, Label.SELF_HARM) == run_patterns(text, tuple(group), Label.SELF_HARM)
