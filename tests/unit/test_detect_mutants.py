"""What each rule detector finds, with its label and the exact text it covers, for messages that
mix several kinds of harm: each test fails a change to ``safechat/detect/`` that mutation testing
found unnoticed (docs/mutation-testing.md). A hit with the wrong label is acted on under the wrong
label's policy (a slur treated as bullying, a self-harm line as a threat); a hit dropped because
another came first is a message let through."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from safechat.detect import (
    RuleHit,
    find_context,
    find_grooming_signals,
    find_harm_phrases,
    find_profanity,
    find_severe,
)
from safechat.detect.grooming import GroomingStage, stage_of

Found = list[tuple[str, str, str]]


def _found(detector: Callable[[str], list[RuleHit]], text: str) -> Found:
    """Each hit as (rule, label, the text it covers), sorted by where it starts."""
    hits = sorted(detector(text), key=lambda h: (h.span.start, h.rule))
    return [(h.rule, h.label.value, text[h.span.start : h.span.end]) for h in hits]


def test_every_kind_of_harm_phrase_in_one_message_is_found_under_its_label() -> None:
    text = (
        "kys. nobody wants you here. lets all roast him. i will kill you. want to have sex. "
        "bro the gc is a porn dump. i want to die. je veux mourir"
    )
    assert _found(find_harm_phrases, text) == [
        ("bullying.kys", "bullying", "kys"),
        ("bullying.exclusion", "bullying", "nobody wants you"),
        ("bullying.dogpiling", "bullying", "lets all roast him"),
        ("threat.violence", "threat", "i will kill you"),
        ("sexual.solicitation", "sexual", "want to have sex"),
        ("sexual.content", "sexual", "porn"),
        ("self_harm.ideation", "self_harm", "i want to die"),
        ("self_harm.ideation", "self_harm", "je veux mourir"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i'm going to shoot up the school", [("threat.school_attack", "threat", "shoot up the school")]),
        ("je veux mourir", [("self_harm.ideation", "self_harm", "je veux mourir")]),
        ("lets all roast him", [("bullying.dogpiling", "bullying", "lets all roast him")]),
    ],
)
def test_one_harm_phrase_alone(text: str, expected: Found) -> None:
    assert _found(find_harm_phrases, text) == expected


def test_every_severe_form_in_one_message_is_found_under_its_label() -> None:
    text = (
        "posted ur diary in the gc lmao. im gonna beat u up after school. you're a f*ggot. "
        "im posting her address"
    )
    assert _found(find_severe, text) == [
        ("bullying.humiliation", "bullying", "posted ur diary"),
        ("threat.specific", "threat", "im gonna beat u up after school"),
        ("hate.slur", "hate", "you're a f*ggot"),
        ("pii.doxxing", "pii", "posting her address"),
    ]


def test_grooming_signals_are_grooming_and_give_their_stage() -> None:
    text = "you're so mature for your age. don't tell your parents"
    hits = find_grooming_signals(text)
    assert _found(find_grooming_signals, text) == [
        ("grooming.rapport", "grooming", "mature for your age"),
        ("grooming.secrecy", "grooming", "don't tell your parents"),
    ]
    assert [stage_of(hit) for hit in hits] == [GroomingStage.RAPPORT, GroomingStage.SECRECY]


def test_swear_words_are_profanity_and_maskable() -> None:
    hits = find_profanity("what the fuck, shit")
    assert [(h.rule, h.label.value, h.maskable) for h in hits] == [("profanity.word", "profanity", True)] * 2


def test_each_disclosure_spans_its_whole_sentence_under_its_label() -> None:
    """A child telling of bullying, grooming or abuse is supported, not acted against: each
    disclosure covers the sentence it is in (the sentence is what the policy settles), the
    topic only its words."""
    text = (
        "honestly I'm being bullied at school. he said not to tell anyone! my dad hits me when he "
        "is drunk? that's literally a slur, stop\nwe learned about cyberbullying in class today. "
        "I'll crush you at Minecraft later. ich lach mich tot"
    )
    assert _found(find_context, text) == [
        ("context.disclosure", "bullying", "honestly I'm being bullied at school"),
        ("context.disclosure.grooming", "grooming", " he said not to tell anyone"),
        ("context.disclosure.abuse", "threat", " my dad hits me when he is drunk"),
        ("context.counter_speech", "hate", " that's literally a slur, stop"),
        ("context.disclosure.topic", "bullying", "about cyberbullying"),
        ("context.game", "threat", "crush you"),
        ("context.idiom", "threat", "ich lach mich tot"),
    ]
    assert all(hit.maskable is False for hit in find_context(text))  # a disclosure is delivered whole


def test_a_disclosure_at_the_start_runs_to_the_end_when_no_sentence_ends() -> None:
    text = "so I'm being bullied at school and they said nobody likes me"
    assert _found(find_context, text) == [("context.disclosure", "bullying", text)]  # two patterns, one hit


def test_a_disclosure_that_insults_its_reader_is_none_but_the_others_stay() -> None:
    assert _found(find_context, "I'm being bullied at school and you are an idiot") == []
    assert _found(find_context, "you are an idiot. he said not to tell anyone") == [
        ("context.disclosure.grooming", "grooming", " he said not to tell anyone"),
    ]


def test_a_reaction_is_profanity_context() -> None:
    assert _found(find_context, "lmao") == [("context.reaction", "profanity", "lmao")]


@pytest.mark.parametrize(
    "text",
    [
        "I'll crush you later",  # no game named: a threat is read as one
        "I'll crush you at Minecraft later and then stab you for real",  # real-world violence too
    ],
)
def test_game_talk_is_context_only_about_a_game_and_without_real_violence(text: str) -> None:
    assert [rule for rule, _, _ in _found(find_context, text)] == []
