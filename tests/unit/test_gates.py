from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safechat.detect import context, grooming, harm, imminence, pii, profanity, severity
from safechat.detect.base import PatternGroup, compile_patterns, present_words, run_patterns
from safechat.detect.gates import (
    ASCII_LOOKALIKES,
    WordScanner,
    could_match,
    gate_search,
    gates_apply,
    literal_gate,
)
from safechat.normalize import normalize
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
        (r"^(?=.*?\b(?:je poste|qui veut))(?=.*?sa photo)", {"sa photo"}),  # lookaheads must hold
        (r"(?<=hey )you", {"hey "}),  # and lookbehinds
        (r"(?!hello)\w+", None),  # a negative one requires nothing
        (r"(?=.*ж)\w+", set()),
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


# --- the one-pass gates (issue 26): every group's candidates against running every pattern ---

_DATA = Path(__file__).parents[1] / "data"
_DEVSETS = Path(__file__).parents[2] / "devsets"


def _every_group() -> list[PatternGroup]:
    """Every pattern group of every detector, found in the detector modules (a group added to a
    module is checked too) and in the imminence rules compiled from their data file."""
    groups: dict[int, PatternGroup] = {}
    for module in (context, grooming, harm, imminence, pii, profanity, severity):
        for value in vars(module).values():
            if isinstance(value, PatternGroup):
                groups[id(value)] = value
    compiled = imminence._patterns()
    for field in dataclasses.fields(compiled):
        groups[id(getattr(compiled, field.name))] = getattr(compiled, field.name)
    return list(groups.values())


def _texts() -> list[str]:
    """Positive and negative cases of every rule (tests/data), some children's chat, and each in
    upper case, with an emoji (text outside ASCII) and with a Kelvin sign (a look-alike of "k")."""
    texts: list[str] = []
    for path in sorted(_DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts += [
                    record[key] for key in ("text", "input", "original") if isinstance(record.get(key), str)
                ]
    neutral = (_DATA / "neutral_sentences.txt").read_text(encoding="utf-8").splitlines()
    texts += [line for line in neutral if line and not line.startswith("#")]
    for devset in sorted(_DEVSETS.glob("childchat-*/messages.jsonl")):
        lines = devset.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines[::15] if line.strip()]
    texts = list(dict.fromkeys(texts))
    normalised = [normalize(text).text for text in texts]
    variants = [
        f(text) for text in texts[::3] for f in (str.upper, lambda t: t + " 😭", lambda t: "\u212a " + t)
    ]
    return list(dict.fromkeys(texts + normalised + variants))


def test_every_pattern_that_matches_is_a_candidate() -> None:
    """The one-pass gates never skip a pattern that matches: on every rule's positive and negative
    test cases and on children's chat, each group's candidates hold every pattern that finds a
    match, in the group's order (so the hits are those of running every pattern: a skipped
    pattern finds nothing)."""
    groups = _every_group()
    assert len(groups) >= 30
    texts = _texts()
    assert len(texts) > 2_000
    for text in texts:
        for group in groups:
            at = {id(pattern): position for position, pattern in enumerate(group)}
            positions = [at[id(pattern)] for pattern in group.candidates(text)]
            matching = [position for position, pattern in enumerate(group) if pattern.regex.search(text)]
            assert set(matching) <= set(positions), (group[0].rule, len(text))
            assert positions == sorted(set(positions))  # in order: the hits equal running every pattern


def test_the_gates_skip_most_patterns_of_plain_chat() -> None:
    """What the one pass is for: a message that needs no rule runs few patterns."""
    groups = _every_group()
    ran = sum(len(group.candidates("lol gg that was a good round")) for group in groups)
    assert ran < sum(len(group) for group in groups) / 10


def test_the_ascii_lookalikes_are_every_code_point_that_matches_an_ascii_letter() -> None:
    everything = "".join(chr(code) for code in range(128, sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    found: set[str] = set()
    for code in range(128):
        found |= set(re.compile(re.escape(chr(code)), re.IGNORECASE).findall(everything))
    assert found == set(ASCII_LOOKALIKES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain", True), ("emoji 😭", False), ("ça va", False), ("\u212aill", None), ("ı", None)],
)
def test_which_gates_apply(text: str, expected: bool | None) -> None:
    assert gates_apply(text) is expected


def test_wide_gates_keep_words_beside_letters_outside_ascii() -> None:
    assert _gate("é") == frozenset()  # no ASCII text can match
    assert literal_gate(re.compile("é", re.IGNORECASE), ascii_text=False) is None
    assert literal_gate(re.compile(r"(?:хочу|want) to", re.IGNORECASE), ascii_text=False) == frozenset(
        {" to"}
    )
    assert literal_gate(re.compile(r"très bien", re.IGNORECASE), ascii_text=False) == frozenset({"s bien"})


_SCANNED = sorted({"you", "your", "ur", "u", "kill", "skill", "ill", " ", "a b", "meet up", "'s", "c.t", "x"})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_SCANNED, "y", "o", "k", "s", "é", "!", "."]), max_size=10).map("".join))
def test_the_word_scanner_finds_every_word_that_is_a_substring(text: str) -> None:
    scanner = WordScanner(_SCANNED)
    assert scanner.scan(text) == frozenset(word for word in _SCANNED if word in text)


def test_an_empty_word_scanner_finds_nothing() -> None:
    assert WordScanner([]).scan("anything") == frozenset()


def test_a_group_built_later_is_scanned_too() -> None:
    """Groups built after the first scan (the imminence rules compile on first use) add their
    words: the scanner is rebuilt, and a text scanned before is scanned again."""
    text = "zqxjv sighting"
    before = present_words(text)
    assert before is not None and "zqxjv" not in before[1]
    group = compile_patterns([("test.rare", r"\bzqxjv\b")])
    assert list(group.candidates(text)) == list(group)
    after = present_words(text)
    assert after is not None and "zqxjv" in after[1]


def test_a_groups_prefilter_is_built_on_first_use_and_kept() -> None:
    """Only text the gates do not hold for (an ASCII look-alike in it) needs a group's
    alternation of every pattern: it is not compiled when the group is built."""
    from safechat.detect.base import _NOT_BUILT, PatternGroup, compile_patterns

    group = compile_patterns([("a.rule", r"\bhello\b"), ("b.rule", r"\bthere\b")])
    assert isinstance(group, PatternGroup)
    assert group._prefilter is _NOT_BUILT  # noqa: SLF001
    built = group.prefilter
    assert built is not None and built.search("say HELLO") and not built.search("nothing")
    assert group.prefilter is built
