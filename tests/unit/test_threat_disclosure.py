"""A child telling of a threat made to them (context.disclosure.threat): help and a person who
looks, not an escalation of the teller; the writer's own threat is not a disclosure."""

from __future__ import annotations

import pytest

from safechat.engine import Moderator
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand, Review
from tests.unit.fixtures import context_hits

_RULE = "context.disclosure.threat"


def _fires(text: str) -> bool:
    return bool(context_hits(text, _RULE))


@pytest.mark.parametrize(
    "text",
    [
        "a boy in year 10 said hes going to beat me up after school and im scared",
        "some girls said they'll jump me at the park, my mum thinks im being dramatic",
        "he said if i tell a teacher he'll hurt my little sister",
        "i got told i'll get stabbed if i go to the park",
        "someone in the gc posted my address and said theyre coming round",
        "my ex is threatening to send a pic of me to everyone",
        "this kid threatened to hack my account",
        "i keep getting texts saying they know where i live",
        "a kid showed me a knife in his bag",
        "an older boy followed me from the bus stop to my road",
        "the older kids keep saying they'll find me after school",
        "i keep getting threatening messages from a random account",
    ],
)
def test_a_threat_told_of_is_a_disclosure(text: str) -> None:
    assert _fires(text)


@pytest.mark.parametrize(
    "text",
    [
        "i'll beat u up after school",  # the writer's own threat
        "i said i'll beat him up if he does it again",
        "he said he'll get u after school",  # passed on to the reader
        "they're gonna jump you at the park",
        "mum said she'll kill me if im late again",  # "kill" is a child's idiom
        "sir is gonna murder us if we're late",
        "she followed me on insta lol",  # a follow on an app
        "he followed me back on tiktok",
        "my brother said he'll get me a new controller",  # a present
        "someone said they'd beat me at chess",  # a game
        "you said you'd hurt me, you idiot",  # the reader, and an insult at them
    ],
)
def test_the_writers_own_threat_or_an_idiom_is_not(text: str) -> None:
    assert not _fires(text)


def test_a_message_that_insults_its_reader_is_no_disclosure() -> None:
    assert _fires("they said they'll jump me at the park")
    assert not _fires("they said they'll jump me at the park, ur such a loser for laughing")


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    scorer = FakeScorer({"beat": {"threat": 0.7}, "jump": {"threat": 0.7}})
    return Moderator(scorer=scorer, policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False)


@pytest.mark.parametrize("band", [AgeBand.UNDER_13, AgeBand.AGE_13_15])
def test_the_teller_gets_help_and_a_person_looks(moderator: Moderator, band: AgeBand) -> None:
    told = moderator.moderate("a boy said hes going to beat me up after school. who do i tell", age_band=band)
    assert told.action is Action.ALLOW
    assert told.support
    assert told.review is Review.ROUTINE
    assert told.sender_prompt is not None
    threat = moderator.moderate("im going to beat u up after school", age_band=band)
    assert threat.action.severity >= Action.BLOCK.severity
