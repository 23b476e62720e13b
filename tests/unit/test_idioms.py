"""``context.idiom`` for a parent, a teacher or a brother or sister who will "kill" the writer, in
every children's chat language ("my mum is gonna kill me", "matka mnie zabije"): the threat and
self-harm scores their death words raise are settled, a threat to anyone else is no idiom, and a
very high score or a threat rule in the same message still acts. Written without a native
speaker's review."""

from __future__ import annotations

import pytest

from safechat import Moderator
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand
from tests.unit.fixtures import context_hits

IDIOMS = [
    ("my mum is gonna kill me i lost my new coat", "en"),
    ("mr hughes is gonna murder us if we're late again lol", "en"),
    ("dad's gonna murder me when he sees the scratch", "en"),
    ("my dad will end me if i break another phone", "en"),
    ("over my dead body am i wearing that jumper", "en"),
    ("mama bringt mich um wenn sie das zeugnis sieht", "de"),
    ("ma mère va me tuer j'ai perdu mes clés", "fr"),
    ("je vais me faire tuer par ma daronne", "fr"),
    ("mi madre me va a matar, me he dejado el abrigo", "es"),
    ("mia madre mi ammazza se faccio tardi", "it"),
    ("minha mãe vai me matar quando ver a nota", "pt"),
    ("a minha mãe mata-me se chego tarde", "pt"),
    ("mijn moeder vermoordt me als ze dit ziet", "nl"),
    ("matka mnie zabije za tę jedynkę", "pl"),
    ("мама мене вбʼє за цю двійку", "uk"),
]
THREATS = [
    ("i'm going to kill you after school", "en"),
    ("my brother is gonna kill him tomorrow", "en"),
    ("he is gonna kill me, he said so in the game chat", "en"),
    ("my mum is going to kill my brother lol", "en"),
    ("ich bring dich um", "de"),
    ("je vais te tuer", "fr"),
    ("te voy a matar", "es"),
    ("ti ammazzo", "it"),
    ("vou te matar", "pt"),
    ("ik vermoord je", "nl"),
    ("zabiję cię", "pl"),
    ("я тебе вбʼю", "uk"),
]


def _idiom(text: str) -> bool:
    return bool(context_hits(text, "context.idiom"))


@pytest.mark.parametrize(("text", "locale"), IDIOMS)
def test_a_grown_up_who_will_kill_the_writer_is_an_idiom(text: str, locale: str) -> None:
    assert _idiom(text)


@pytest.mark.parametrize(("text", "locale"), THREATS)
def test_a_threat_to_anyone_but_the_writer_is_no_idiom(text: str, locale: str) -> None:
    assert not _idiom(text)


def _moderator(threat: float) -> Moderator:
    scorer = FakeScorer(
        {"kill me": {"threat": threat}, "mata": {"threat": threat}, "stab": {"threat": threat}}
    )
    return Moderator(scorer=scorer, policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False)


@pytest.mark.parametrize("band", list(AgeBand))
def test_the_idiom_settles_a_moderate_threat_score_but_not_a_high_one(band: AgeBand) -> None:
    text = "my mum is gonna kill me i lost my new coat"
    settled = _moderator(0.6).moderate(text, age_band=band)
    assert settled.action is Action.ALLOW
    tempered = [r.code for r in settled.reasons if r.code.startswith("model.threat")]
    assert tempered and all(code.endswith(".tempered") for code in tempered)
    high = _moderator(0.95).moderate(text, age_band=band)
    assert high.action.severity >= Action.BLOCK.severity


def test_a_threat_rule_in_the_same_message_still_acts() -> None:
    text = "my mum is gonna kill me. and im going to stab you tomorrow at the park"
    decision = _moderator(0.6).moderate(text, age_band=AgeBand.UNDER_13)
    assert any(r.code.startswith("rule.threat") for r in decision.reasons)
    assert decision.action.severity >= Action.BLOCK.severity
