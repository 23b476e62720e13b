"""The signs a child gives of self-harm without naming it (self_harm.ideation, which offers help and
acts on nothing): scars hidden under sleeves, arms scratched till they bled, a blade used again, a
relapse, a painless way asked for, "kms" beside what they cannot take any more; in English and the
eight children's chat languages. Their everyday look-alikes are not read so."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.normalize.pipeline import normalize
from safechat.policy.policy import Policy
from safechat.types import Action, AgeBand
from tests.unit.fixtures import fake_moderator

SIGNS = (
    "always wear a hoodie in summer so nobody sees my wrists",
    "how can i get the scars to fade before the school trip",
    "i scratched my legs again last night till they bled",
    "used the razor again. 2 weeks clean ruined",
    "kms fr i cant take this anymore",
    "whats the most painless way to die",
    "trage lange ärmel damit keiner meine narben sieht",
    "je porte des manches longues pour cacher mes bras",
    "llevo manga larga hasta en verano por los cortes",
    "porto le maniche lunghe anche a giugno per le cicatrici",
    "escondo os cortes com a camisola de manga comprida",
    "ik ben teruggevallen na 2 maanden",
    "żyletka znowu w piórniku",
    "ношу довгі рукави щоб ніхто не бачив шрами",
)
LOOK_ALIKES = (
    "my maths marks are so bad mum saw them",  # grades
    "i cut my finger making toast",  # an accident
    "kms this homework is so long lol",  # hyperbole
    "the dentist said it would be painless",  # no way to die
    "wear long sleeves its freezing on the trip",  # nothing hidden
    "ich hab nen rückwärtssalto gelernt",  # no relapse
)


def _signs(text: str) -> bool:
    return any(hit.rule.startswith("self_harm") for hit in find_rule_hits(normalize(text).text))


@pytest.mark.parametrize("text", SIGNS)
def test_a_sign_of_self_harm_is_read(text: str) -> None:
    assert _signs(text)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_everyday_look_alikes_are_not(text: str) -> None:
    assert not _signs(text)


def test_the_child_is_offered_help_and_the_message_delivered() -> None:
    moderator = fake_moderator(policy=Policy.default())[0]
    decision = moderator.moderate(SIGNS[0], age_band=AgeBand.UNDER_13)
    assert decision.action is Action.ALLOW
    assert decision.support
