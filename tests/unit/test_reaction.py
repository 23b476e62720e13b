"""A message that is nothing but laughter, an interjection or reacting emoji (``context.reaction``)
at the shipped default policy: it settles the moderate model scores that short, unfamiliar strings
raise ("jajajaja" scored as swearing), never a very high one, and never a message that also says
something to someone."""

from __future__ import annotations

import pytest

from safechat.engine import Moderator
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand

BANDS = list(AgeBand)


def _moderator(keyword: str, scores: dict[str, float]) -> Moderator:
    return Moderator(
        scorer=FakeScorer({keyword: scores}, default=0.0),
        policy=Policy.default(),
        prompts=PromptBook.load(),
        queue_reviews=False,
    )


@pytest.mark.parametrize(
    ("text", "locale", "scores"),
    [
        ("jajajajajaja", "es", {"profanity": 0.7}),
        ("bruuuh 💀💀", "en", {"bullying": 0.6, "profanity": 0.6}),
        ("LMAOOOO 😭😭", "en", {"sexual": 0.5}),
        ("хахахаха", "uk", {"threat": 0.6}),
        ("kkkkkkk rsrsrs", "pt", {"grooming": 0.7}),
    ],
)
def test_a_reaction_alone_is_delivered(text: str, locale: str, scores: dict[str, float]) -> None:
    keyword = next(iter(text.lower().split()))[:3]
    moderator = _moderator(keyword, scores)
    for band in BANDS:
        decision = moderator.moderate(text, age_band=band, locale=locale)
        assert decision.action is Action.ALLOW, band
        assert decision.labels == (), band
        assert any(r.code == "rule.context.reaction" for r in decision.reasons), band


def test_a_very_high_score_is_not_settled() -> None:
    moderator = _moderator("haha", {"sexual": 0.97})
    decision = moderator.moderate("hahahaha", age_band=AgeBand.UNDER_13)
    assert decision.action.severity >= Action.BLOCK.severity


@pytest.mark.parametrize("text", ["hahaha loser", "lol 🍑", "🍆🍆", "ok 🤫", "🤡🤡🤡"])
def test_a_message_that_says_more_is_not_a_reaction(text: str) -> None:
    moderator = _moderator(text.split()[0].lower()[:2], {"bullying": 0.9, "sexual": 0.9, "grooming": 0.9})
    decision = moderator.moderate(text, age_band=AgeBand.UNDER_13)
    assert decision.action is not Action.ALLOW
    assert not any(r.code.startswith("rule.context.reaction") for r in decision.reasons)
