"""Online-safety advice (context.safety_advice): a verdict on what someone in general does, in each
children's chat language, settles the grooming words it describes; a groomer's cover story, a
negated "tell your parents" or a threat beside it does not."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.detect.warning import ADVICE_RULE
from safechat.engine import Moderator
from safechat.normalize.pipeline import normalize
from safechat.policy.policy import Policy
from safechat.types import Action, AgeBand
from tests.unit.fixtures import fake_moderator

ADVICE = (
    "if someone online offers u robux for a selfie thats a red flag",
    "when a stranger says keep it between us, block and report",
    "any adult asking for ur snap is a creep tbh",
    "si quelqu'un te demande ton adresse sur fortnite, parles-en a tes parents",
    "wenn dich jemand nach fotos fragt, sag es deinen eltern",
    "si alguien te pide fotos por roblox díselo a tus padres",
    "se qualcuno ti chiede foto in cambio di skin, dillo ai tuoi genitori",
    "se alguém te pedir fotos, conta aos teus pais",
    "als iemand je om foto's vraagt, vertel het je ouders",
    "jeśli ktoś prosi o zdjęcia, powiedz rodzicom",
    "якщо хтось просить фото, скажи батькам",
)
NOT_ADVICE = (
    "dont tell ur parents, if anyone asks ur at a friends",  # a cover story
    "if anyone asks, dont tell ur parents about us",  # negated
    "ur so mature, real friends dont need parents",  # no verdict
    "if anyone snitches thats a red flag, ill stab u after school",  # a threat beside it
)


def _advises(text: str) -> bool:
    return any(hit.rule == ADVICE_RULE for hit in find_rule_hits(normalize(text).text))


@pytest.mark.parametrize("text", ADVICE)
def test_advice_is_found(text: str) -> None:
    assert _advises(text)


@pytest.mark.parametrize("text", NOT_ADVICE)
def test_look_alikes_are_not_advice(text: str) -> None:
    assert not _advises(text)


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return fake_moderator({"robux": {"grooming": 0.7}}, policy=Policy.default())[0]


@pytest.mark.parametrize("band", list(AgeBand))
def test_advice_is_delivered(moderator: Moderator, band: AgeBand) -> None:
    advice = moderator.moderate(ADVICE[0], age_band=band)
    assert advice.action is Action.ALLOW, advice.reasons


def test_the_offer_itself_is_acted_on(moderator: Moderator) -> None:
    offer = moderator.moderate("ill give u robux for a selfie", age_band=AgeBand.UNDER_13)
    assert offer.action is not Action.ALLOW
