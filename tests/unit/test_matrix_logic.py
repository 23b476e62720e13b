"""The Matrix module's pure logic: age bands, the room's band, warn-once holds, the step chosen
for a verdict (fail closed included), the configuration, and the event rewrites. No homeserver."""

from __future__ import annotations

import json
from typing import Any

import pytest
from safechat_matrix.bands import (
    band_from_record,
    band_record,
    has_children,
    locale_from_record,
    youngest,
)
from safechat_matrix.config import ConfigProblem, parse
from safechat_matrix.holds import WarnHolds
from safechat_matrix.module import SafechatModule, _sender_and_body
from safechat_matrix.outcome import Notice, Step, Verdict, choose, unreadable_step

from safechat import Action, AgeBand, Helpline, Label, Prompt, Role

KEY = b"k" * 32
ALICE = "@alice:example.org"


# ---- age bands ----------------------------------------------------------------------------


@pytest.mark.parametrize("band", list(AgeBand))
def test_a_signed_band_reads_back(band: AgeBand) -> None:
    assert band_from_record(KEY, ALICE, band_record(KEY, ALICE, band)) is band


@pytest.mark.parametrize(
    "record",
    [
        None,
        "adult",
        {},
        {"age_band": "adult"},  # what a user could write themselves: no signature
        {"age_band": "adult", "signature": "0" * 64},
        {"age_band": "grown_up", "signature": "0" * 64},
        {"age_band": 3, "signature": "x"},
        {"age_band": "adult", "signature": None},
    ],
)
def test_a_missing_unsigned_or_forged_band_is_unknown(record: Any) -> None:
    assert band_from_record(KEY, ALICE, record) is None


def test_a_band_signed_for_someone_else_or_with_another_key_is_unknown() -> None:
    record = band_record(KEY, "@bob:example.org", AgeBand.ADULT)
    assert band_from_record(KEY, ALICE, record) is None
    assert band_from_record(b"other-key-0123456789", "@bob:example.org", record) is None
    changed = {**band_record(KEY, ALICE, AgeBand.UNDER_13), "age_band": "adult"}
    assert band_from_record(KEY, ALICE, changed) is None


@pytest.mark.parametrize(
    ("bands", "room"),
    [
        ([], AgeBand.UNDER_13),
        ([None], AgeBand.UNDER_13),
        ([AgeBand.ADULT, None], AgeBand.UNDER_13),
        ([AgeBand.ADULT, AgeBand.ADULT], AgeBand.ADULT),
        ([AgeBand.ADULT, AgeBand.AGE_16_17, AgeBand.ADULT], AgeBand.AGE_16_17),
        ([AgeBand.AGE_16_17, AgeBand.AGE_13_15], AgeBand.AGE_13_15),
        ([AgeBand.AGE_13_15, AgeBand.UNDER_13, AgeBand.ADULT], AgeBand.UNDER_13),
    ],
)
def test_a_rooms_band_is_its_youngest_members_and_unknown_is_under_13(
    bands: list[AgeBand | None], room: AgeBand
) -> None:
    assert youngest(bands) is room
    assert youngest(reversed(bands)) is room


def test_only_an_all_adult_room_has_no_children() -> None:
    assert not has_children(AgeBand.ADULT)
    assert all(has_children(band) for band in AgeBand if band is not AgeBand.ADULT)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"locale": "fr-BE", "country": "be"}, ("fr-BE", "BE")),
        ({"locale": "pl"}, ("pl", None)),
        ({"locale": "en; DROP", "country": "GBR"}, (None, None)),
        ({"locale": 7, "country": 7}, (None, None)),
        ({"locale": "x" * 36}, (None, None)),
        (None, (None, None)),
    ],
)
def test_a_users_locale_is_read_or_ignored_when_malformed(record: Any, expected: tuple[Any, Any]) -> None:
    assert locale_from_record(record) == expected


# ---- warned messages, held once -------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_held_message_is_released_once_when_sent_again() -> None:
    holds = WarnHolds(hold_s=60, clock=Clock())
    assert not holds.release("!r", ALICE, "add me on insta")  # never held: no free pass
    holds.hold("!r", ALICE, "add me on insta")
    assert holds.release("!r", ALICE, "add me on insta")
    assert not holds.release("!r", ALICE, "add me on insta")  # used up
    assert len(holds) == 0


def test_only_the_same_text_from_the_same_sender_in_the_same_room_is_released() -> None:
    holds = WarnHolds(hold_s=60, clock=Clock())
    holds.hold("!r", ALICE, "add me on insta")
    assert not holds.release("!other", ALICE, "add me on insta")
    assert not holds.release("!r", "@bob:example.org", "add me on insta")
    assert not holds.release("!r", ALICE, "add me on snap")
    # parts are length-prefixed: moving characters between them makes another key
    assert not holds.release("!r" + ALICE[:1], ALICE[1:], "add me on insta")
    assert holds.release("!r", ALICE, "add me on insta")


def test_a_hold_expires() -> None:
    clock = Clock()
    holds = WarnHolds(hold_s=60, clock=clock)
    holds.hold("!r", ALICE, "t")
    clock.now += 61
    assert not holds.release("!r", ALICE, "t")


def test_holds_are_bounded_and_keep_no_text() -> None:
    holds = WarnHolds(hold_s=60, max_entries=3, clock=Clock())
    for index in range(5):
        holds.hold("!r", ALICE, f"message {index}")
    assert len(holds) == 3
    assert not holds.release("!r", ALICE, "message 0")  # the oldest went first
    assert holds.release("!r", ALICE, "message 4")
    assert b"message" not in b"".join(holds._held)  # salted digests only


def test_holds_refuse_nonsense_bounds() -> None:
    with pytest.raises(ValueError):
        WarnHolds(hold_s=0)
    with pytest.raises(ValueError):
        WarnHolds(hold_s=1, max_entries=0)


# ---- the step for a verdict ----------------------------------------------------------------

MINOR_BANDS = [AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17]


@pytest.mark.parametrize("band", MINOR_BANDS)
def test_no_verdict_fails_closed_in_a_room_with_children(band: AgeBand) -> None:
    assert choose(None, room_band=band) is Step.UNAVAILABLE
    assert unreadable_step(band) is Step.UNAVAILABLE


def test_no_verdict_delivers_between_adults() -> None:
    assert choose(None, room_band=AgeBand.ADULT) is Step.DELIVER
    assert unreadable_step(AgeBand.ADULT) is Step.DELIVER


@pytest.mark.parametrize("band", list(AgeBand))
@pytest.mark.parametrize(
    ("verdict", "released", "step"),
    [
        (Verdict(Action.ALLOW), False, Step.DELIVER),
        (Verdict(Action.MASK, masked_text="call me on *****"), False, Step.DELIVER_MASKED),
        (Verdict(Action.MASK, masked_text=None), False, Step.BLOCK),  # nothing safe to deliver
        (Verdict(Action.MASK, masked_text=""), False, Step.BLOCK),
        (Verdict(Action.WARN), False, Step.HOLD_WARN),
        (Verdict(Action.WARN), True, Step.DELIVER),
        (Verdict(Action.BLOCK), False, Step.BLOCK),
        (Verdict(Action.BLOCK), True, Step.BLOCK),  # sending again never releases a block
        (Verdict(Action.ESCALATE), False, Step.BLOCK),
        (Verdict(Action.ESCALATE, fail_closed=True), True, Step.BLOCK),
    ],
)
def test_each_action_has_its_step(band: AgeBand, verdict: Verdict, released: bool, step: Step) -> None:
    assert choose(verdict, room_band=band, released=released) is step


def test_a_notice_shows_the_prompt_and_its_helpline() -> None:
    prompt = Prompt(
        label=Label.BULLYING,
        role=Role.SENDER,
        locale="en",
        age_band=AgeBand.UNDER_13,
        text="That could hurt someone.",
        rule="Be kind",
        options=(),
        helpline=Helpline("GB", "Childline", "0800 1111", "https://www.childline.org.uk"),
    )
    notice = Notice.of(prompt)
    assert notice.text.startswith("That could hurt someone.")
    assert "Childline: 0800 1111 https://www.childline.org.uk" in notice.text
    assert (notice.label, notice.locale) == (Label.BULLYING, "en")


# ---- configuration --------------------------------------------------------------------------

GOOD = {"band_key": "s" * 16}


def test_the_smallest_configuration_has_safe_defaults() -> None:
    config = parse(GOOD)
    assert config.sidecar == "127.0.0.1:50051"
    assert config.timeout_s == 0.5
    assert config.refuse_encrypted and not config.in_process


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ({}, "band_key"),
        ({"band_key": "short"}, "band_key"),
        ({**GOOD, "timout_s": 1}, "timout_s"),  # a misspelt key is never ignored
        ({**GOOD, "timeout_s": 0}, "timeout_s"),
        ({**GOOD, "timeout_s": 60}, "timeout_s"),
        ({**GOOD, "sidecar": "localhost"}, "sidecar"),
        ({**GOOD, "sidecar": "localhost:99999"}, "sidecar"),
        ({**GOOD, "report_url": "https://x/{user}"}, "report_url"),
        ({**GOOD, "policy": "p.toml"}, "policy needs in_process"),
        ({**GOOD, "max_in_flight": 0}, "max_in_flight"),
    ],
)
def test_a_bad_configuration_names_its_field(raw: dict[str, Any], path: str) -> None:
    with pytest.raises(ConfigProblem, match=path):
        parse(raw)


def test_a_configuration_error_never_shows_a_secret() -> None:
    secret = "top-secret-band-key"
    with pytest.raises(ConfigProblem) as caught:
        parse({"band_key": secret, "token": "tok-secret", "timeout_s": "soon"})
    assert secret not in str(caught.value) and "tok-secret" not in str(caught.value)
    assert "timeout_s" in str(caught.value)


def test_a_configuration_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(ConfigProblem):
        parse(["band_key"])  # type: ignore[arg-type]


# ---- event rewrites and report rows ----------------------------------------------------------


class FakeEvent:
    def __init__(self, content: dict[str, Any]) -> None:
        self.content = content

    def get_dict(self) -> dict[str, Any]:
        return {"type": "m.room.message", "room_id": "!r", "sender": ALICE, "content": self.content}


def test_a_masked_event_carries_only_the_masked_text() -> None:
    event = FakeEvent(
        {
            "msgtype": "m.text",
            "body": "* call me on 07700 900123",
            "format": "org.matrix.custom.html",
            "formatted_body": "<b>call me on 07700 900123</b>",
            "m.new_content": {"msgtype": "m.text", "body": "call me on 07700 900123", "formatted_body": "x"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": "$old"},
        }
    )
    masked = SafechatModule._masked(event, "* call me on ***** ******")  # type: ignore[arg-type]
    assert "07700" not in json.dumps(masked)
    assert masked["content"]["body"] == "* call me on ***** ******"
    assert masked["content"]["m.new_content"]["body"] == "call me on ***** ******"
    assert masked["content"]["m.relates_to"] == {"rel_type": "m.replace", "event_id": "$old"}
    assert masked["room_id"] == "!r" and masked["type"] == "m.room.message"


def test_html_is_dropped_in_rooms_with_children_and_plain_events_are_left_alone() -> None:
    html = FakeEvent({"msgtype": "m.text", "body": "hi", "format": "h", "formatted_body": "<i>other</i>"})
    plain = SafechatModule._plain(html)  # type: ignore[arg-type]
    assert plain is not None and plain["content"] == {"msgtype": "m.text", "body": "hi"}
    assert SafechatModule._plain(FakeEvent({"msgtype": "m.text", "body": "hi"})) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (json.dumps({"sender": ALICE, "content": {"body": "hey"}}), (ALICE, "hey")),
        (json.dumps({"sender": ALICE, "content": {"url": "mxc://x"}}), (ALICE, None)),
        (json.dumps({"sender": 5, "content": "x"}), (None, None)),
        (json.dumps([1, 2]), (None, None)),
        ("{not json", (None, None)),
        (None, (None, None)),
    ],
)
def test_a_reported_events_sender_and_text_are_read_safely(
    raw: str | None, expected: tuple[Any, Any]
) -> None:
    assert _sender_and_body(raw) == expected
