"""What mutation testing of ``safechat/detect/imminence.py`` found unchecked (issue 29): the label of
every hit, a message whose qualifiers are found by more than one group (a phrase imminent by itself
beside a stated intent, a goodbye both an intent and an implied intent take), and how each phrase
of the data file is made a regular expression (whole words only, ' matching ’ too).

The phrases are compiled once, on first use, so a run of mutants in one process (``scripts/
mutation.py --in-process``) sees ``_phrase`` and ``_compile`` only through the calls made here."""

from __future__ import annotations

import re

import pytest

from safechat.detect import imminence
from safechat.detect.base import run_patterns
from safechat.detect.imminence import find_imminence
from safechat.types import Label


def _hits(text: str) -> list[tuple[str, str]]:
    """Each hit as (kind, the text it covers), in the order found."""
    return [(hit.rule.rsplit(".", 1)[1], text[hit.span.start : hit.span.end]) for hit in find_imminence(text)]


@pytest.mark.parametrize(
    "text",
    [
        "by the time you read this",  # imminent by itself
        "i've been saving up pills",  # imminent by itself
        "i'm going to kill myself tonight",  # a time with a stated intent
        "this is it. i have the pills",  # the means with an implied intent
        "im going to end it tonight. tell my mum i love her",
    ],
)
def test_every_hit_is_self_harm(text: str) -> None:
    hits = find_imminence(text)
    assert hits
    assert all(hit.label is Label.SELF_HARM for hit in hits)
    assert all(hit.rule in imminence.IMMINENCE_RULES for hit in hits)


def test_a_phrase_imminent_by_itself_and_a_qualifier_of_the_intent_both_count() -> None:
    # two goodbyes of one rule, far apart: the second (a goodbye only with the intent) is kept
    text = "by the time you read this. i'm going to kill myself. thanks for everything"
    assert sorted(_hits(text)) == [
        ("goodbye", "by the time you read this"),
        ("goodbye", "thanks for everything"),
    ]


def test_an_overlapping_qualifier_of_another_kind_is_kept() -> None:
    # the plan (imminent by itself) ends in "tonight", the intent's time: both count
    text = "i'm going to kill myself. giving away all my plushies, i won't need them after tonight"
    assert sorted(_hits(text)) == [
        ("plan", "giving away all my plushies, i won't need them after tonight"),
        ("time", "tonight"),
    ]


@pytest.mark.parametrize(
    "text", ["i'm going to kill myself. goodbye world", "i'm going to kill myself. bye forever"]
)
def test_a_goodbye_found_with_the_intent_and_the_implied_intent_counts_once(text: str) -> None:
    # both the intent's and the implied intent's goodbyes take "goodbye world" and "bye forever"
    assert _hits(text) == [("goodbye", text.split(". ", 1)[1])]


def test_a_goodbye_with_a_stated_intent_is_not_taken_back_by_see_you() -> None:
    # "see you" takes back only a goodbye imminent by itself, not one that qualifies an intent
    text = "bye forever, see you monday. i'm going to kill myself tonight"
    assert sorted(_hits(text)) == [("goodbye", "bye forever"), ("time", "tonight")]
    assert _hits("bye forever, see you monday") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i\u2019m going to kill myself tonight", [("time", "tonight")]),
        ("i\u2019ve been saving up pills", [("plan", "i\u2019ve been saving up pills")]),
        ("i'm going to kill myself tonightly", []),
        ("i've been saving up pillsx", []),
    ],
)
def test_the_shipped_phrases_take_both_apostrophes_and_whole_words_only(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _hits(text) == expected


def test_a_phrase_is_a_whole_word_or_phrase_with_either_apostrophe() -> None:
    phrase = re.compile(imminence._phrase("(?:i'm|im) gone"), re.IGNORECASE)
    assert phrase.search("so i'm gone now")
    assert phrase.search("so I\u2019m gone now")
    assert phrase.search("im gone")
    assert not phrase.search("him gone")  # "im" inside a word
    assert not phrase.search("i'm goner")
    assert not phrase.search("i`m gone")  # only ' and ’ stand for '
    assert imminence._phrase("bye") == r"(?<!\w)(?:bye)(?!\w)"


def test_compiled_phrases_keep_their_rule_and_find_whole_phrases() -> None:
    group = imminence._compile([("self_harm.imminent.goodbye", "(?:i'm|im) gone"), ("intent", "end it")])
    assert [pattern.rule for pattern in group] == ["self_harm.imminent.goodbye", "intent"]
    text = "when i\u2019m gone, end it. friend it"
    hits = run_patterns(text, group, Label.SELF_HARM)
    assert [(hit.rule, text[hit.span.start : hit.span.end]) for hit in hits] == [
        ("self_harm.imminent.goodbye", "i\u2019m gone"),
        ("intent", "end it"),
    ]
    assert run_patterns("i'm gonex, blend it", group, Label.SELF_HARM) == []
