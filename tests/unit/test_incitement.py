"""Calling others to hurt someone (threat.incitement): found in every children's chat language and
escalated for children; a fight told of, a call to play, or words objected to are not incitement."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.detect.incitement import RULE
from safechat.engine import Moderator
from safechat.normalize.pipeline import normalize
from safechat.policy.policy import Policy
from safechat.types import Action, AgeBand, Label
from tests.unit.fixtures import fake_moderator

# Written for this test, not taken from the children's chat sets.
INCITEMENTS = (
    "somebody should batter josh at the gates tmrw",
    "first one to smack her gets 800 robux",
    "who wants to jump him after school",
    "beat him up at lunch, whos in",
    "10 quid to whoever trips him in pe",
    "if anyone sees him at the shops u know what to do",
    "quelqu'un devrait lui casser la gueule demain",
    "wer verprügelt ihn morgen nach der schule? ich zahl 10 euro",
    "alguien deberia darle una paliza al de 2º",
    "qualcuno dovrebbe pestare quello della 3B",
    "alguém devia dar uma surra no lucas amanhã",
    "wie helpt me om hem in elkaar te slaan na school",
    "ktoś powinien mu przywalić na przerwie",
    "хтось має йому вломити після уроків",
)
NOT_INCITEMENTS = (
    "who wants to play after school",
    "lets go punch a wall lol jk",
    "someone should beat the boss in the next round",  # "beat" alone is winning
    "whoever punches the tree first in minecraft gets my diamonds",  # a game named, nothing real
    "my cousin got beaten up last year and now he does boxing",  # told of, no call
    "they told me someone should beat me up",  # aimed at the writer
    "alguien deberia ayudarle con los deberes",
    "wer hilft mir morgen beim umzug? ich zahl die pizza",
    "chi viene al cinema stasera?",
    "ktoś powinien mu pomóc z matmą",
)


def _incites(text: str) -> bool:
    return any(hit.rule == RULE for hit in find_rule_hits(normalize(text).text))


@pytest.mark.parametrize("text", INCITEMENTS)
def test_a_call_to_hurt_someone_is_found(text: str) -> None:
    assert _incites(text)


@pytest.mark.parametrize("text", NOT_INCITEMENTS)
def test_play_help_and_fights_told_of_are_not_incitement(text: str) -> None:
    assert not _incites(text)


def test_a_hit_is_labelled_threat() -> None:
    hits = [hit for hit in find_rule_hits(normalize(INCITEMENTS[0]).text) if hit.rule == RULE]
    assert hits and all(hit.label is Label.THREAT for hit in hits)


def test_objecting_to_the_words_drops_the_hit() -> None:
    assert _incites("someone should jump him after school")
    assert not _incites("they said someone should jump him after school, thats not ok, i told miss")


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return fake_moderator({}, policy=Policy.default())[0]


@pytest.mark.parametrize("band", [AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17])
def test_children_reading_incitement_get_it_escalated(moderator: Moderator, band: AgeBand) -> None:
    decision = moderator.moderate("someone should jump him after school fr", age_band=band)
    assert decision.action is Action.ESCALATE, decision.reasons
    assert any(reason.code == f"rule.{RULE}" for reason in decision.reasons)


def test_adults_get_it_blocked(moderator: Moderator) -> None:
    decision = moderator.moderate("someone should jump him after school fr", age_band=AgeBand.ADULT)
    assert decision.action in (Action.BLOCK, Action.ESCALATE), decision.reasons
