"""Personal information that must be found (and masked) or left alone, case by case: each test
fails a change to ``safechat/detect/pii.py`` that mutation testing found unnoticed
(docs/mutation-testing.md). A phone number not found is a phone number delivered unmasked."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from safechat.detect import find_pii
from safechat.detect.pii import DEFAULT_REGIONS
from safechat.types import Label


def _found(text: str, regions: Sequence[str] = DEFAULT_REGIONS) -> list[tuple[str, str, bool]]:
    """Each hit as (rule, the text it covers, maskable), in order."""
    return [(h.rule, text[h.span.start : h.span.end], h.maskable) for h in find_pii(text, regions=regions)]


def _phones(text: str, regions: Sequence[str] = DEFAULT_REGIONS) -> list[str]:
    return sorted(covered for rule, covered, _ in _found(text, regions) if rule == "pii.phone")


def test_every_hit_speaks_for_pii() -> None:
    text = "call 07911 123456, email me lily@example.com, whats your address"
    hits = find_pii(text)
    assert {h.rule for h in hits} == {"pii.phone", "pii.email", "pii.request"}
    assert all(h.label is Label.PII for h in hits)


def test_an_email_just_after_a_phone_number_is_masked_too() -> None:
    """Only what lies inside a phone number is not a second finding: an e-mail address right
    after one is."""
    assert _found("07911 123456 lily@example.com") == [
        ("pii.phone", "07911 123456", True),
        ("pii.email", "lily@example.com", True),
    ]


@pytest.mark.parametrize(
    "text",
    ["+44 7700 900123", "0044 7700 900123", "call me +43 1 12345"],
)
def test_an_international_number_is_masked_even_where_no_region_knows_it(text: str) -> None:
    """A number dialled with ``+`` or ``00`` is a phone number whatever its digits: the child's
    own country may not be among the regions, and its numbering plan may be newer than ours."""
    (phone,) = _phones(text)
    assert phone == text.removeprefix("call me ")


@pytest.mark.parametrize(("text", "regions"), [("+49 30 1234", ("GB",)), ("030 12345", ("DE",))])
def test_a_number_of_exactly_eight_digits_is_masked(text: str, regions: tuple[str, ...]) -> None:
    assert _phones(text, regions) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "room 0151 then 020 7946 0018",  # a run too short to be a phone first
        "ref 23456789, call 020 7946 0018",  # a run that is no valid number first
    ],
)
def test_a_phone_number_after_a_run_that_is_not_one_is_masked(text: str) -> None:
    assert _phones(text, ("GB",)) == ["020 7946 0018"]


@pytest.mark.parametrize(
    "text",
    [
        "020 7946 0018 or 0151 23456789",  # valid only in GB, then valid only in DE
        "07911 123456 or 0151 23456789",  # valid in both (DE sees the first again), then only DE
    ],
)
def test_a_second_number_in_another_regions_format_is_masked(text: str) -> None:
    """The regions are tried in turn while a phone-shaped run is left unclaimed: the first
    region's number must not stop the search, nor the second region finding it again."""
    first, second = text.split(" or ")
    assert _phones(text, ("GB", "DE")) == sorted([first, second])


def test_a_lower_case_postcode_shape_is_not_a_postcode_and_stops_nothing() -> None:
    """UK postcodes are written in capitals; "lv1 2xp" is chat. Skipping it must not skip what
    follows (the school)."""
    assert _found("got to lv1 2xp today") == []
    assert _found("got to lv1 2xp, i go to st mary's primary school") == [
        ("pii.school", "st mary's primary school", True),
    ]
    assert _found("my postcode is SW1A 1AA") == [("pii.postcode", "SW1A 1AA", True)]
