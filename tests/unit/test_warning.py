"""A child warning others about someone (context.warning): the grooming words they pass on do not
escalate the warning, and a person looks; a groomer's own request, or a threat beside the
warning, is read as usual."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.detect.warning import RULE
from safechat.engine import Moderator
from safechat.normalize.pipeline import normalize
from safechat.policy.policy import Policy
from safechat.types import Action, AgeBand, Review
from tests.unit.fixtures import fake_moderator

WARNINGS = (
    "heads up theres a guy in the roblox server offering free robux for pics, dont reply and block him",
    "we should all block and report that guy in the lobby asking girls if theyre home alone",
    "ojo en roblox con un tal xXdanielXx, le pide fotos a las niñas a cambio de robux, bloqueadlo",
    "attention sur roblox ya un mec qui propose des robux contre des photos, bloquez le",
    "дівчата не додавайте того шо пише на сервері шо йому 14, він в усіх фотки просить",
    "ten typ pisze do dziewczyn na serwerze, nie odpisujcie tylko zablokujcie go",
)
NOT_WARNINGS = (
    "add me on snap and dont reply to him",  # the writer's own request
    "i'll give you free robux, dont tell ur parents",  # no warning at all
    "block him or i'll stab you after school",  # a threat beside it
)


def _warns(text: str) -> bool:
    return any(hit.rule == RULE for hit in find_rule_hits(normalize(text).text))


@pytest.mark.parametrize("text", WARNINGS)
def test_a_warning_about_someone_is_found(text: str) -> None:
    assert _warns(text)


@pytest.mark.parametrize("text", NOT_WARNINGS)
def test_a_groomers_request_or_a_threat_is_no_warning(text: str) -> None:
    assert not _warns(text)


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return fake_moderator({"robux": {"grooming": 0.6}}, policy=Policy.default())[0]


@pytest.mark.parametrize("band", list(AgeBand))
def test_the_warning_is_delivered_and_a_person_looks(moderator: Moderator, band: AgeBand) -> None:
    warned = moderator.moderate(WARNINGS[0], age_band=band)
    assert warned.action is Action.ALLOW, warned.reasons
    assert warned.review is Review.ROUTINE
    offer = moderator.moderate("i'll give you free robux if u send pics", age_band=band)
    assert offer.action is not Action.ALLOW or band is AgeBand.ADULT


def test_an_exclusion_campaign_keeps_its_bullying_action(moderator: Moderator) -> None:
    strict, _ = fake_moderator({"unfriend": {"bullying": 0.9}}, policy=Policy.default())
    decision = strict.moderate("everyone unfriend him on roblox at the same time so he notices")
    assert decision.action.severity >= Action.BLOCK.severity


@pytest.mark.parametrize(
    "text",
    [
        "ignore them, your parents dont understand you like i do",
        "block her, ur mum doesnt need to see our chats",
        "bloquez-le, tes parents comprennent rien",
    ],
)
def test_cutting_a_child_off_from_their_family_is_no_warning(text: str) -> None:
    assert not _warns(text)
