"""What reaches a person for a child reader (policy default-0.9.1 and later, the shipped bundles): an adult's
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
    "u seem really mature for ur age",
]
# "can we facetime? just for a minute" was here: its grooming score is 0.70 to two places, 0.697 on
# one CPU and above 0.7 on another (onnxruntime's int8 kernels differ by CPU), so it tested rounding.

DOXXING = [
    ("hier die nummer von jannik 0176 48291733, spammt ihn voll", "de"),
    ("son num c'est le 06 43 91 27 58, spammez le toute la nuit", "fr"),
    ("il numero di chiara è 347 218 9054, spammatela tutti stanotte", "it"),
    ("oskar's phone is 07700 900277 call him at 3am lol", "en"),
]

# "can u send me the homework pic" was here: the model reads it as personal information (0.39) and
# grooming (0.69), and since default-0.11.0 the pii score corroborated by grooming escalates for
# under-13s (it was warned before): the cost, on purpose, of letting an adult's requests reach a
# person (CHANGELOG.md, default-0.11.0).
ORDINARY = [
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
