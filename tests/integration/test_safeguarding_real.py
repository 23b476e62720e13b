"""Safeguarding with the real shipped bundle and default policy (issue 24, items 2 and 3): the
model's scores must not undo what the rules and the policy promise a child."""

from __future__ import annotations

import pytest

from safechat import Action, Label, Moderator, Review

ALL_BANDS = ["under_13", "13_15", "16_17", "adult"]

IMMINENT = [
    "i'm going to kill myself tonight",
    "i've written my note. i'm going to end it after school",
    "i know how i'm going to do it, i'm going to jump off the bridge",
    "by the time you read this i'll be gone",
    "je vais me suicider ce soir",
    "ich bringe mich heute Nacht um",
]
TOLD = [
    ("i'm being bullied at school and i don't know what to do", None),
    ("they call me a fat pig every day at school", None),
    ("they call me a f*g because i'm gay", None),
    ("a man online keeps asking me for photos and says to keep it secret", Review.ROUTINE),
    ("someone i met in a game asked me to send pics of myself", Review.ROUTINE),
    ("my uncle touches me and says it's our secret", Review.ROUTINE),
    ("my dad hits me when he is drunk", Review.ROUTINE),
]


@pytest.mark.parametrize("text", IMMINENT)
def test_imminent_risk_is_delivered_with_help_and_an_urgent_review(moderator: Moderator, text: str) -> None:
    for band in ALL_BANDS:
        decision = moderator.moderate(text, age_band=band)
        assert decision.delivered and decision.support and decision.review is Review.URGENT, band
        assert decision.sender_prompt is not None and decision.sender_prompt.label is Label.SELF_HARM
        assert decision.recipient_prompt is not None and decision.recipient_prompt.label is Label.SELF_HARM
        assert decision.sender_prompt.helpline is not None


def test_passive_thoughts_get_help_and_no_review(moderator: Moderator) -> None:
    decision = moderator.moderate("sometimes i wish i could just disappear", age_band="under_13")
    assert decision.action is Action.ALLOW and decision.support and decision.review is None
    assert decision.sender_prompt is not None and decision.sender_prompt.label is Label.SELF_HARM
    assert decision.recipient_prompt is None


SELF_HARM_HEAD = "rule.self_harm.similar"
HURTING = [
    ("i keep cutting again and i cant stop", "en"),
    ("nobody would even notice if i was gone", "en"),
    ("je veux plus vivre, personne me comprend", "fr"),
    ("nie chce mi się już żyć", "pl"),
    ("non ce la faccio più a vivere così", "it"),
    ("я не хочу більше жити", "uk"),
]
NOT_HURTING = [
    ("see you at practice tomorrow", "en"),
    ("wir sehen uns morgen in der schule", "de"),
    ("me muero de risa jajaja", "es"),
    ("ik ga dood van het lachen", "nl"),
]


@pytest.mark.parametrize(("text", "locale"), HURTING)
def test_the_self_harm_head_offers_help_in_words_no_rule_lists(
    moderator: Moderator, text: str, locale: str
) -> None:
    for band in ALL_BANDS:
        decision = moderator.moderate(text, age_band=band, locale=locale)
        assert SELF_HARM_HEAD in {r.code for r in decision.reasons}, band
        assert decision.action is Action.ALLOW and decision.support and decision.review is None, band
        assert decision.sender_prompt is not None and decision.sender_prompt.label is Label.SELF_HARM


MEANS_AT_HAND = [
    ("i've got the pills in my drawer and i keep looking at them", "en"),
    ("i keep a blade hidden in my pencil case", "en"),
    ("tengo las pastillas en mi cuarto, ya no aguanto más", "es"),
]
EVERYDAY_MEANS = ["my mum gave me tablets for my headache", "grandad cuts the rope for the swing tomorrow"]


@pytest.mark.parametrize(("text", "locale"), MEANS_AT_HAND)
def test_self_harm_with_the_means_at_hand_reaches_a_person(
    moderator: Moderator, text: str, locale: str
) -> None:
    """No intent phrase, so the rules alone do not call it imminent; the self-harm head's reading
    stands for the intent: an urgent review, help, and the reader told how to help."""
    for band in ALL_BANDS:
        decision = moderator.moderate(text, age_band=band, locale=locale)
        assert decision.review is Review.URGENT and decision.support and decision.delivered, band
        assert decision.recipient_prompt is not None and decision.recipient_prompt.label is Label.SELF_HARM


@pytest.mark.parametrize("text", EVERYDAY_MEANS)
def test_everyday_pills_and_rope_are_not_self_harm(moderator: Moderator, text: str) -> None:
    decision = moderator.moderate(text, age_band="under_13")
    assert decision.review is None and not decision.support


@pytest.mark.parametrize(("text", "locale"), NOT_HURTING)
def test_the_self_harm_head_leaves_ordinary_chat_and_laughing_idioms(
    moderator: Moderator, text: str, locale: str
) -> None:
    decision = moderator.moderate(text, age_band="under_13", locale=locale)
    assert SELF_HARM_HEAD not in {r.code for r in decision.reasons}
    assert not decision.support


@pytest.mark.parametrize(("text", "review"), TOLD)
def test_a_child_who_tells_gets_help_never_a_bullying_or_hate_action(
    moderator: Moderator, text: str, review: Review | None
) -> None:
    for band in ALL_BANDS:
        decision = moderator.moderate(text, age_band=band)
        assert decision.support and decision.review is review, band
        acting = [
            r.code
            for r in decision.reasons
            if r.label in (Label.BULLYING, Label.HATE) and r.action is not Action.ALLOW
        ]
        assert not acting, (band, acting)
        assert decision.sender_prompt is not None and decision.sender_prompt.label is None  # the help prompt
        assert decision.sender_prompt.helpline is not None
