"""English bullying rules and words told of, quoted or objected to (safechat/detect/reported.py):
a child telling what was said to them, passing a quote to an adult, or objecting to the words is not
aiming them at the reader."""

from __future__ import annotations

import pytest

from safechat.detect.harm import find_harm_phrases
from safechat.detect.reported import unless_reported
from safechat.detect.severity import find_severe
from safechat.normalize import normalize
from safechat.types import Label

_REPORTED = {
    "bullying.kys",
    "bullying.exclusion",
    "bullying.dogpiling",
    "bullying.humiliation",
    "pii.doxxing",
}


def _bullying_rules(text: str) -> set[str]:
    model_text = normalize(text).text
    return {hit.rule for hit in (*find_harm_phrases(model_text), *find_severe(model_text))} & _REPORTED


@pytest.mark.parametrize(
    "text",
    [
        "someone in my clan told me kys and i left",
        "the same guy keeps telling me to go die",
        "every time i join he spams kys noob at me",
        "i got told nobody wants me here",
        "miss, amir said 'nobody wants u here' to the new girl",
        "nobody deserves to be told to kys. delete it",
        "telling someone to kys is never a joke",
        "we dont tell people to drink bleach here, last warning",
        "can we not with the go die jokes",
        "stop spamming kys under her posts",
        "not cool to screenshot her messages and post them. delete it",
        "no doxxing. posting someone's address is a ban",
        "a group spammed my name and said they'd dox me",
    ],
)
def test_words_told_of_or_objected_to_are_not_aimed_at_the_reader(text: str) -> None:
    assert _bullying_rules(text) == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("kys", "bullying.kys"),
        ("'go die' lol", "bullying.kys"),
        ("go die already nobody likes u", "bullying.kys"),
        ("everyone hates you", "bullying.exclusion"),
        ("nobody wants to sit with u, ur gross", "bullying.exclusion"),
        ("everyone spam L at him", "bullying.dogpiling"),
        ("i told u before, kys", "bullying.kys"),
        ("posted ur diary in the gc lmao", "bullying.humiliation"),
        ("heres her address lol", "pii.doxxing"),
    ],
)
def test_the_words_aimed_at_the_reader_still_fire(text: str, rule: str) -> None:
    assert rule in _bullying_rules(text)


def test_only_the_bullying_rules_are_dropped() -> None:
    text = "he told me kys, i know where you live"
    rules = {hit.rule for hit in find_harm_phrases(normalize(text).text)}
    assert "bullying.kys" not in rules
    assert "threat.stalking" in rules


def test_no_bullying_hit_leaves_the_hits_as_they_are() -> None:
    hits = find_harm_phrases("i know where you live")
    assert unless_reported("i know where you live", hits) == hits
    assert all(hit.label is not Label.BULLYING for hit in hits)
