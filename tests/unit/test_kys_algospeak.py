"""Telling someone to kill themselves in children's algospeak ("sewer slide", "unsubscribe from
life", "take the forever sleep") is ``bullying.kys``; the same words about oneself, in a game or
in a harmless sense are not."""

from __future__ import annotations

import pytest

from safechat.detect.harm import find_harm_phrases
from safechat.normalize import normalize

TOLD_TO_DIE = [
    "do the world a favour and sewer slide",
    "go sewer slide",
    "u should sewerslide fr",
    "just commit sewer slide already",
    "pls unsubscribe from life",
    "go unsubscribe from existence",
    "please delete urself from existence",
    "delete yourself",
    "just go take the forever sleep",
    "take a dirt nap loser",
    "rope is cheap just saying",
    "ropes are cheap btw",
    "nobody would be sad if u went to sleep and didnt wake up",
    "no one would be upset if you disappeared",
    "go to sleep and never wake up",
]

NOT_TOLD_TO_DIE = [
    "i keep having sewer slide thoughts",  # the writer's own thoughts: self-harm, not bullying
    "unsubscribe from my channel if u want idc",
    "delete yourself from the group chat if ur leaving",
    "delete your account and make a new one",
    "i need to take a nap forever lol so tired",
    "this rope is cheap but it holds the tent",
    "jump rope is cheap exercise",
    "nobody would be sad if u skipped the party",
    "go to sleep its 2am",
    "i want to sleep and never wake up",  # the writer's own wish: self-harm ideation, not bullying
    "sewerslide is all i think about lately",  # algospeak as a noun: the writer's own thoughts
    "unsubscribe from life rn honestly",  # a mood, not an order
    "sleep and never wake up, thats the dream",
]


def _kys_hits(text: str) -> list[str]:
    return [h.rule for h in find_harm_phrases(normalize(text).text) if h.rule == "bullying.kys"]


@pytest.mark.parametrize("text", TOLD_TO_DIE)
def test_being_told_to_die_in_algospeak_is_kys(text: str) -> None:
    assert _kys_hits(text)


@pytest.mark.parametrize("text", NOT_TOLD_TO_DIE)
def test_look_alikes_are_not_kys(text: str) -> None:
    assert _kys_hits(text) == []
