"""What reaches a person for a child reader (policy default-0.9.1, the shipped bundles): an adult's
grooming line in English escalates at the grooming threshold for English messages, and doxxing
escalates in every language whether or not the model reads a threat in it; the ordinary messages
that look like them are left alone."""

from __future__ import annotations

import pytest

from safechat import Moderator
from safechat.types import Action

GROOMING = [
    "im 23 but age is just a number right",
    "send a face pic so i know ur not a catfish",
    "can we facetime? just for a minute",
]

DOXXING = [
    ("hier die nummer von jannik 0176 48291733, spammt ihn voll", "de"),
    ("son num c'est le 06 43 91 27 58, spammez le toute la nuit", "fr"),
    ("il numero di chiara è 347 218 9054, spammatela tutti stanotte", "it"),
    ("oskar's phone is 07700 900277 call him at 3am lol", "en"),
]

ORDINARY = [
    ("can u send me the homework pic", "en"),
    ("see u at the park at 4", "en"),
    ("u coming to my party saturday?", "en"),
    ("my mums number is 07700 900123", "en"),
    ("hab morgen mathe, ruf mich nach der schule an", "de"),
]


@pytest.mark.parametrize("band", ["under_13", "13_15"])
@pytest.mark.parametrize("text", GROOMING)
def test_an_adults_grooming_line_reaches_a_person(moderator: Moderator, text: str, band: str) -> None:
    decision = moderator.moderate(text, age_band=band, locale="en")
    assert decision.action is Action.ESCALATE
    assert "model.grooming.high" in [reason.code for reason in decision.reasons]


@pytest.mark.parametrize("band", ["under_13", "13_15"])
@pytest.mark.parametrize(("text", "locale"), DOXXING)
def test_doxxing_escalates_without_a_threat_score(
    moderator: Moderator, text: str, locale: str, band: str
) -> None:
    decision = moderator.moderate(text, age_band=band, locale=locale)
    assert decision.action is Action.ESCALATE
    assert "rule.pii.doxxing" in [reason.code for reason in decision.reasons]


@pytest.mark.parametrize(("text", "locale"), ORDINARY)
def test_what_looks_like_them_is_not_escalated(moderator: Moderator, text: str, locale: str) -> None:
    decision = moderator.moderate(text, age_band="under_13", locale=locale)
    assert decision.action.severity < Action.BLOCK.severity
