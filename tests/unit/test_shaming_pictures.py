"""A picture of a child's shaming moment, spread (bullying.humiliation): the picture, the spreading
and the shame in one message; a birthday post, a child's own picture or a game clip is none."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.normalize.pipeline import normalize

RULE = "bullying.humiliation"

SHAMING = (
    "posting the vid of noah crying in the changing rooms on my story lol",
    "got a pic of her asleep on the coach with her mouth open, sending it to the whole year",
    "the clip of u slipping in the canteen is going round every group",
    "photoshopped amelias face onto a pig, printing loads for the lockers",
    "still got the recording of him getting rejected, playing it in form tomorrow",
)
NOT_SHAMING = (
    "posting the cutest pic of u for ur bday lol",  # no shame named
    "someone posted a video of me falling and everyones sharing it",  # a child telling of their own
    "my clip of me falling off the map is on my tiktok lol",  # the writer's own
    "send me a pic of the homework pls",  # nothing of a person
    "clip of him crying",  # not spread
)


def _shames(text: str) -> bool:
    return any(hit.rule == RULE for hit in find_rule_hits(normalize(text).text))


@pytest.mark.parametrize("text", SHAMING)
def test_a_shaming_picture_spread_is_humiliation(text: str) -> None:
    assert _shames(text)


@pytest.mark.parametrize("text", NOT_SHAMING)
def test_look_alikes_are_not(text: str) -> None:
    assert not _shames(text)
