"""Hurtful words quoted in order to report them (context.reported_quote): the child who passes a
threat on to a teacher is not blocked, and a person looks; a quote alone, or next to the writer's
own threat, is no report."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.detect.reported_quote import RULE, quotes
from safechat.engine import Moderator
from safechat.normalize.pipeline import normalize
from safechat.policy.policy import Policy
from safechat.types import Action, AgeBand, Review, Span
from tests.unit.fixtures import fake_moderator

REPORTED = (
    "kuba napisal marcinowi 'zabije cie po szkole', zrobilam screena i ide z tym do pedagoga",
    "данило написав максу 'вбʼю тебе після уроків', я заскрінила і показала психологині",
    "quoting him so the mods see: 'im gonna bring a gun to school'. please tell someone",
    "то шо написали віці 'йди вбийся' — жесть, всі кидаємо репорти на їхні акаунти",
    "maman un monsieur sur roblox m'a dit « envoie une photo de toi et je te donne 1000 robux », normal ?",
    "the year 11 said 'send nudes' to my friend, she's 12. reporting him",
)
NOT_REPORTED = (
    "'kys' lol",  # a quote alone
    "zabije cie po szkole, powiedz to pedagogowi",  # no quote
    "'nobody likes you' and i'll tell the teacher you cried, zabije cie po szkole",  # own threat outside
    'si ta mère arrive écris juste "météo" et je réponds plus',  # a groomer's code word: "your mum"
    "if ur mum comes in type 'homework' ok",
)


def _reported(text: str) -> list[Span]:
    return [hit.span for hit in find_rule_hits(normalize(text).text) if hit.rule == RULE]


@pytest.mark.parametrize("text", REPORTED)
def test_a_quote_passed_on_to_report_it_is_found(text: str) -> None:
    assert _reported(text)


@pytest.mark.parametrize("text", NOT_REPORTED)
def test_a_quote_alone_or_beside_the_writers_own_harm_is_not(text: str) -> None:
    assert not _reported(text)


def test_quotes_span_their_marks_and_skip_apostrophes_inside_words() -> None:
    text = "he said 'i'll get u' and «tu es mort», it's not ok"
    assert [text[span.start : span.end] for span in quotes(text)] == ["'i'll get u'", "«tu es mort»"]
    assert quotes("it's the kid's phone") == []
    assert quotes("'a") == []


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return fake_moderator({"zabije": {"threat": 0.6}, "gun": {"threat": 0.7}}, policy=Policy.default())[0]


@pytest.mark.parametrize("band", list(AgeBand))
def test_the_reporter_is_not_blocked_and_a_person_looks(moderator: Moderator, band: AgeBand) -> None:
    for text in REPORTED[:3]:
        decision = moderator.moderate(text, age_band=band)
        assert decision.action is Action.ALLOW, (text, decision.reasons)
        assert decision.review is Review.ROUTINE
    threat = moderator.moderate("zabije cie po szkole", age_band=band, locale="pl")
    assert threat.action.severity >= Action.BLOCK.severity


@pytest.mark.parametrize(
    "text",
    [
        "if a random on fortnite says 'i'll gift you a skin if u send a selfie' its a creep, tell ur parents",
        "si un adulte vous dit « envoie une photo et je te donne un skin », dites le a vos parents direct",
    ],
)
def test_telling_others_to_tell_an_adult_is_reporting(text: str) -> None:
    assert _reported(text)


def test_dont_tell_your_parents_is_not() -> None:
    assert not _reported("'our secret' ok? dont tell ur parents")
