"""Friends' mock insults (context.banter): a kind word to the reader in the same message settles a
moderate bullying score; a high score, a rule of harm, a taken-back kindness or a third person
keeps the decision."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.detect.banter import RULE
from safechat.engine import Moderator
from safechat.normalize.pipeline import normalize
from safechat.policy.policy import Policy
from safechat.types import Action, AgeBand
from tests.unit.fixtures import fake_moderator

BANTER = (
    "ur literally the worst at mario kart lol love u tho",
    "omg u absolute clown 😂 ilysm",
    "loser. rematch?",
    "u fell off the map AGAIN 💀 wanna go again",
    "ur so slow at this but ill carry u",
    "idiot u forgot ur lunch, u can borrow mine",
    "bot 🤖 jk ur good",
    "t'es vraiment nul mdr, on relance une partie?",
    "du bist so ein noob haha, noch eine runde?",
    "eres malisimo jaja pero te quiero",
    "sei proprio scarso ahah ti voglio bene",
    "és mesmo nabo 😂 mas eu te ajudo",
    "je bent echt slecht hahaha, nog een rondje?",
    "ale z ciebie łamaga xd, pomogę ci z tym levelem",
    "ти такий нуб 😂 го ще",
)
NOT_BANTER = (
    "ur so ugly lol",  # no kind word
    "thx for help idiots",  # thanks are how a team is raged at
    "jeszcze raz mnie zgłosisz to pożałujesz",  # "once more" as a threat's condition
    "ur so fat 😂 jk not jk",  # the kindness taken back
    "she is such a loser lol ily",  # a third person
    "kys lol ily",  # a rule of harm
    "here we go again",  # no invitation
    "en revanche ça c'est nul",  # French "on the other hand"
    "ill teach u a lesson",  # a threat, not help
)


def _banter(text: str) -> bool:
    return any(hit.rule == RULE for hit in find_rule_hits(normalize(text).text))


@pytest.mark.parametrize("text", BANTER)
def test_a_kind_word_beside_the_insult_is_found(text: str) -> None:
    assert _banter(text)


@pytest.mark.parametrize("text", NOT_BANTER)
def test_look_alikes_are_not_banter(text: str) -> None:
    assert not _banter(text)


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return fake_moderator({"worst": {"bullying": 0.7}, "trash": {"bullying": 0.95}}, policy=Policy.default())[
        0
    ]


@pytest.mark.parametrize("band", list(AgeBand))
def test_a_moderate_bullying_score_is_settled(moderator: Moderator, band: AgeBand) -> None:
    teased = moderator.moderate(BANTER[0], age_band=band)
    assert teased.action is Action.ALLOW, teased.reasons
    codes = [reason.code for reason in teased.reasons]
    assert any(code.startswith("model.bullying") and code.endswith(".tempered") for code in codes)


def test_the_insult_alone_is_acted_on(moderator: Moderator) -> None:
    alone = moderator.moderate("ur literally the worst at mario kart lol", age_band=AgeBand.UNDER_13)
    assert alone.action is not Action.ALLOW


def test_a_high_score_still_acts(moderator: Moderator) -> None:
    text = "ur trash at this lol love u tho"
    assert _banter(text)
    harsh = moderator.moderate(text, age_band=AgeBand.UNDER_13)
    assert harsh.action is not Action.ALLOW
