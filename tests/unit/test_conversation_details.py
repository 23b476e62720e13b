"""The conversation tracker's details that the scenario tests do not pin down (found by
mutation testing of ``safechat/conversation/``; docs/mutation-testing.md): what reaches the
per-message engine, the bounds of the hostility window and of the kept events and ids, the
grooming thresholds at their bound, the evidence a reason carries, and the store's limits."""

from __future__ import annotations

import logging
import math
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from safechat import Action, AgeBand, Decision, Label, Reason, ReasonSource
from safechat.conversation import ChatMessage, ConversationModerator, MemoryStore
from safechat.conversation.risk import STAGE_WEIGHTS, grooming_risk, pairing_factor
from safechat.conversation.store import StoreError, open_store
from safechat.conversation.tracker import review_message
from safechat.detect import GroomingStage
from safechat.engine import Message
from safechat.errors import InvalidInputError
from tests.unit.fixtures import failing_moderator, fake_moderator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

T0 = 1_800_000_000.0
DUMB = {"you are dumb": {"bullying": 0.6}}


def _chat(text: str, i: int = 0, **fields: Any) -> ChatMessage:
    values: dict[str, Any] = {
        "message_id": f"m{i}",
        "recipient": "kid",
        "recipient_age_band": "under_13",
        "timestamp": T0 + i,
    }
    values.update(fields)
    return ChatMessage("c1", values.pop("sender", "writer"), text, **values)


# --- what reaches the per-message engine ------------------------------------------------------


def test_the_message_is_decided_for_the_reader_s_band_locale_and_country() -> None:
    moderator, _ = fake_moderator(DUMB)
    tracker = ConversationModerator(moderator)
    result = tracker.moderate(_chat("you are dumb", recipient_age_band="16_17", locale="fr", country="BE"))
    alone = moderator.moderate("you are dumb", age_band="16_17", locale="fr", country="BE")
    decision = result.decision
    assert decision.age_band is AgeBand.AGE_16_17
    assert decision.locale == "fr"
    assert decision.recipient_prompt is not None and decision.recipient_prompt.helpline is not None
    assert decision.recipient_prompt.helpline.country == "BE"
    assert decision.recipient_prompt == alone.recipient_prompt
    assert decision.sender_prompt == alone.sender_prompt


def test_a_bad_message_in_a_batch_is_named_by_its_index() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    with pytest.raises(InvalidInputError) as err:
        tracker.moderate_many([_chat("hi", 0), _chat("hi", 1), ChatMessage("c1", "", "hi")])
    assert str(err.value) == "item 2: sender must be a non-empty string"
    with pytest.raises(InvalidInputError) as err:
        tracker.moderate_many([_chat("hi", 0), ChatMessage("", "a", "hi")])
    assert str(err.value) == "item 1: conversation_id must be a non-empty string"
    with pytest.raises(InvalidInputError) as err:
        tracker.moderate_many(["hi"])  # type: ignore[list-item]
    assert str(err.value) == "item 0: expected ChatMessage, not str"


# --- hostility --------------------------------------------------------------------------------


def test_by_default_the_last_64_hostile_messages_are_the_evidence() -> None:
    moderator, _ = fake_moderator(DUMB)
    tracker = ConversationModerator(moderator)
    results = tracker.moderate_many([_chat("you are dumb", i, sender="bully") for i in range(70)])
    reason = next(r for r in results[-1].decision.reasons if r.code == "conversation.hostility")
    assert reason.evidence == tuple(f"m{i}" for i in range(6, 70))


# --- the helpline country through every revision of the decision ---------------------------------

GROOMING = {"how old is your sister": {"grooming": 0.95}}


class _DownStore:
    """A store that cannot be reached."""

    def get(self, key: str) -> Any:
        raise StoreError("Redis read failed: ConnectionError")

    def update(self, key: str, change: Any) -> Any:
        raise StoreError("Redis update failed: ConnectionError")


def _helplines(decision: Decision) -> set[str]:
    prompts = [p for p in (decision.sender_prompt, decision.recipient_prompt) if p is not None]
    assert prompts
    return {p.helpline.country for p in prompts if p.helpline is not None}


@pytest.mark.parametrize("store", [MemoryStore, _DownStore])
def test_a_capped_decision_between_children_keeps_the_country_s_helpline(store: Any) -> None:
    moderator, _ = fake_moderator(GROOMING)
    tracker = ConversationModerator(moderator, store=store())
    result = tracker.moderate(
        _chat("how old is your sister", sender_age_band="13_15", recipient_age_band="13_15", country="BE")
    )
    assert result.decision.action is Action.WARN  # capped
    assert _helplines(result.decision) == {"BE"}


def test_a_decision_held_without_the_store_keeps_the_country_s_helpline() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator, store=_DownStore())
    held = tracker.moderate(_chat("see you at 5", sender_age_band="adult", country="BE")).decision
    assert held.fail_closed and held.action is Action.ESCALATE  # the hold raised it: its own prompt
    assert _helplines(held) == {"BE"}


def test_a_decision_raised_by_the_conversation_keeps_the_country_s_helpline() -> None:
    moderator, _ = fake_moderator(DUMB)
    tracker = ConversationModerator(moderator)
    results = tracker.moderate_many(
        [_chat("you are dumb", i, sender=f"user-{i}", country="BE") for i in range(3)]
    )
    assert results[2].decision.action is Action.BLOCK  # dogpiling
    assert _helplines(results[2].decision) == {"BE"}


def test_without_the_store_only_grooming_between_children_is_capped() -> None:
    """A child writing to an adult is not capped: the cap is for grooming signals between
    children, both known to be children."""
    moderator, _ = fake_moderator(GROOMING)
    tracker = ConversationModerator(moderator, store=_DownStore())
    for sender, reader in [("13_15", "adult"), ("adult", "13_15"), (None, "adult")]:
        alone = moderator.moderate("how old is your sister", age_band=reader)
        result = tracker.moderate(
            _chat("how old is your sister", sender_age_band=sender, recipient_age_band=reader)
        )
        assert result.store_unavailable
        assert result.decision.action is alone.action is Action.ESCALATE, (sender, reader)


# --- grooming state ------------------------------------------------------------------------------


def _grooming(tracker: ConversationModerator, text: str, i: int, **fields: Any) -> Any:
    values: dict[str, Any] = {"sender": "adult-1", "sender_age_band": "adult"}
    values.update(fields)
    return tracker.moderate(_chat(text, i, **values))


def test_stages_are_kept_per_sender_and_reader_and_read_back_on_a_neutral_message() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    _grooming(tracker, "how old are you btw", 0)
    shown = _grooming(tracker, "it's our little secret ok", 1)
    assert [s.value for s in shown.stages] == ["probing", "secrecy"]
    neutral = _grooming(tracker, "ok", 2)  # no stage of its own: the pair's stages are read back
    assert neutral.stages == shown.stages
    assert neutral.conversation_risk == pytest.approx(shown.conversation_risk, abs=1e-4)
    assert neutral.conversation_risk > 0
    # another writer, another reader, another conversation: nothing of the first pair
    for fields in ({"sender": "adult-2"}, {"recipient": "kid-2"}):
        other = _grooming(tracker, "ok", 3, **fields)
        assert other.stages == () and other.conversation_risk == 0.0, fields
    other_room = tracker.moderate(
        ChatMessage(
            "c2", "adult-1", "ok", message_id="x", recipient="kid", sender_age_band="adult", timestamp=T0
        )
    )
    assert other_room.stages == () and other_room.conversation_risk == 0.0


def test_a_decision_without_the_store_keeps_its_message_id() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator, store=_DownStore())
    result = tracker.moderate(_chat("hello", 7))
    assert result.message_id == "m7" and result.store_unavailable


def test_the_risk_is_the_pair_s_documented_risk_to_six_places() -> None:
    """One probing question from a 13-15-year-old to another: risk = 1 - exp(-0.25 * 0.5)."""
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    result = _grooming(tracker, "how old are you btw", 0, sender_age_band="13_15", recipient_age_band="13_15")
    raw = grooming_risk({GroomingStage.PROBING: T0}, now=T0, half_life_s=259200.0, factor=0.25)
    assert raw == pytest.approx(1 - math.exp(-0.125))
    assert round(raw, 6) != round(raw, 7)  # the premise: six places are not seven
    assert result.conversation_risk == round(raw, 6)
    adult = _grooming(ConversationModerator(moderator), "how old are you btw", 0)
    assert adult.conversation_risk == round(1 - math.exp(-0.8 * 0.5), 6)


def test_a_message_without_a_stage_of_its_own_is_not_raised_for_the_earlier_ones() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    for i, text in enumerate(["how old are you btw", "it's our little secret ok", "are you alone right now"]):
        _grooming(tracker, text, i)
    later = _grooming(tracker, "ok", 5)
    assert later.conversation_risk > 0.6  # above the escalation risk, from the earlier messages
    assert later.decision.action is Action.ALLOW
    assert not any(r.source is ReasonSource.CONVERSATION for r in later.decision.reasons)


# --- hostility --------------------------------------------------------------------------------


def test_one_writer_s_hostility_is_not_dogpiling_and_two_writers_are() -> None:
    moderator, _ = fake_moderator(DUMB)
    alone = ConversationModerator(moderator).moderate_many(
        [_chat("you are dumb", i, sender="bully") for i in range(3)]
    )
    assert alone[2].decision.reasons[0] == Reason(
        "conversation.hostility",
        Label.BULLYING,
        ReasonSource.CONVERSATION,
        Action.BLOCK,
        evidence=("m0", "m1", "m2"),
    )
    pair = ConversationModerator(moderator).moderate_many(
        [_chat("you are dumb", i, sender=("a", "b", "a")[i]) for i in range(3)]
    )
    assert pair[2].decision.reasons[0].code == "conversation.dogpiling"


def test_the_hostility_window_includes_its_bound() -> None:
    moderator, _ = fake_moderator(DUMB)
    window = moderator.policy.band(AgeBand.UNDER_13).conversation.hostility_window_s
    tracker = ConversationModerator(moderator)
    times = [T0, T0 + window / 2, T0 + window]  # the first is exactly one window before the last
    results = [tracker.moderate(_chat("you are dumb", i, timestamp=t)) for i, t in enumerate(times)]
    assert results[2].decision.action is Action.BLOCK
    later = ConversationModerator(moderator)
    times = [T0, T0 + window / 2, T0 + window + 0.001]
    results = [later.moderate(_chat("you are dumb", i, timestamp=t)) for i, t in enumerate(times)]
    assert results[2].decision.action is Action.WARN


def test_hostility_is_counted_per_reader() -> None:
    moderator, _ = fake_moderator(DUMB)
    tracker = ConversationModerator(moderator)
    readers = ["kid-1", "kid-2", None, "kid-1"]
    results = [tracker.moderate(_chat("you are dumb", i, recipient=r)) for i, r in enumerate(readers)]
    assert [r.decision.action for r in results] == [Action.WARN] * 4  # two at most for one reader


# --- the outage log: its figures (never the text) ------------------------------------------------


class _SwitchableStore(MemoryStore):
    down = False

    def get(self, key: str) -> Any:
        if self.down:
            raise StoreError("Redis read failed: ConnectionError")
        return super().get(key)

    def update(self, key: str, change: Any) -> Any:
        if self.down:
            raise StoreError("Redis update failed: ConnectionError")
        return super().update(key, change)


def test_each_outage_logs_its_own_count_and_a_duration_within_it(caplog: pytest.LogCaptureFixture) -> None:
    moderator, _ = fake_moderator()
    store = _SwitchableStore()
    tracker = ConversationModerator(moderator, store=store)
    caplog.set_level(logging.INFO, logger="safechat.conversation")
    for count in (3, 2):
        caplog.clear()
        before = time.monotonic()
        store.down = True
        tracker.moderate_many([_chat("hello", i) for i in range(count)])
        store.down = False
        tracker.moderate(_chat("hello", 9))
        after = time.monotonic()
        ended = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(ended) == 1
        assert isinstance(ended[0].args, tuple)
        seconds, messages = ended[0].args
        assert messages == count
        assert isinstance(seconds, float) and 0 <= seconds <= after - before


# --- the message a review is queued with -----------------------------------------------------------


def test_a_review_is_queued_with_the_message_s_text_band_locale_country_and_ids() -> None:
    message = _chat("i want to die", 4, sender="kid-9", recipient_age_band="13_15", locale="fr", country="BE")
    assert review_message(message) == Message(
        "i want to die",
        AgeBand.AGE_13_15,
        "fr",
        "BE",
        message_id="m4",
        sender_id="kid-9",
        conversation_id="c1",
    )
    bare = review_message(ChatMessage("c2", "s", "hi"))
    assert bare == Message(
        "hi", AgeBand.UNDER_13, None, None, message_id=None, sender_id="s", conversation_id="c2"
    )


# --- risk ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "reader", "factor"),
    [
        (None, AgeBand.UNDER_13, 0.8),
        (AgeBand.ADULT, AgeBand.AGE_16_17, 0.8),
        (AgeBand.UNDER_13, AgeBand.AGE_13_15, 0.25),
        (AgeBand.AGE_16_17, AgeBand.UNDER_13, 0.25),
        (AgeBand.UNDER_13, AgeBand.ADULT, 0.1),
        (None, AgeBand.ADULT, 0.1),
        (AgeBand.ADULT, AgeBand.ADULT, 0.1),
    ],
)
def test_the_pairing_factor_is_the_documented_one(
    sender: AgeBand | None, reader: AgeBand, factor: float
) -> None:
    assert pairing_factor(sender, reader) == factor


def test_the_risk_is_the_documented_formula() -> None:
    """risk = 1 - exp(-factor * sum of weight(stage) * 0.5 ** (age / half_life)), each stage once."""
    seen = {
        GroomingStage.RAPPORT: T0 - 100.0,
        GroomingStage.MEETING: T0 - 50.0,
        GroomingStage.GIFTS: T0 + 10.0,
    }
    total = 0.3 * 0.5 ** (100 / 400) + 1.0 * 0.5 ** (50 / 400) + 0.7  # a sighting "after now" is now
    assert grooming_risk(seen, now=T0, half_life_s=400.0, factor=0.8) == pytest.approx(
        1 - math.exp(-0.8 * total)
    )
    assert grooming_risk({}, now=T0, half_life_s=400.0, factor=0.8) == 0.0
    assert dict(STAGE_WEIGHTS) == {
        GroomingStage.RAPPORT: 0.3,
        GroomingStage.PROBING: 0.5,
        GroomingStage.PRIVATE_APP: 0.6,
        GroomingStage.GIFTS: 0.7,
        GroomingStage.ISOLATION: 0.8,
        GroomingStage.SECRECY: 0.9,
        GroomingStage.ALONE_CHECK: 0.9,
        GroomingStage.IMAGE_REQUEST: 1.0,
        GroomingStage.MEETING: 1.0,
        GroomingStage.SEXUALISATION: 1.0,
    }


# --- the memory store ----------------------------------------------------------------------------


@pytest.mark.parametrize(("max_keys", "ttl_s"), [(0, 10.0), (-1, 10.0), (5, 0.0), (5, -1.0)])
def test_a_memory_store_refuses_no_room_and_no_time(max_keys: int, ttl_s: float) -> None:
    with pytest.raises(ValueError) as err:
        MemoryStore(max_keys=max_keys, ttl_s=ttl_s)
    assert str(err.value) == "max_keys must be >= 1 and ttl_s > 0"


def test_a_memory_store_of_one_key_keeps_the_last_one() -> None:
    store = MemoryStore(max_keys=1, ttl_s=0.5)
    store.update("a", lambda s: {"n": 1})
    store.update("b", lambda s: {"n": 2})
    assert store.get("a") is None and store.get("b") == {"n": 2} and len(store) == 1


def test_a_memory_store_forgets_after_its_time_to_live_and_not_at_it() -> None:
    now = [T0]
    store = MemoryStore(max_keys=10, ttl_s=100.0, clock=lambda: now[0])
    store.update("k", lambda s: {"n": 1})
    now[0] = T0 + 100.0
    assert store.get("k") == {"n": 1}  # exactly the time to live: still kept
    now[0] = T0 + 100.001
    assert store.get("k") is None and len(store) == 0  # past it: forgotten, and dropped
    store.update("k", lambda s: {"was": s})
    assert store.get("k") == {"was": None}  # an expired state is not handed to the update


def test_a_memory_store_evicts_the_least_recently_updated_key() -> None:
    now = [T0]
    store = MemoryStore(max_keys=2, ttl_s=1000.0, clock=lambda: now[0])
    store.update("a", lambda s: {"n": 1})
    store.update("b", lambda s: {"n": 1})
    now[0] += 1
    store.update("a", lambda s: {"n": (s or {})["n"] + 1})  # "a" is now the newest
    store.update("c", lambda s: {"n": 1})
    assert store.get("b") is None
    assert store.get("a") == {"n": 2} and store.get("c") == {"n": 1}
    now[0] = T0 + 1000.5  # "a" was updated at T0 + 1: its time to live starts there
    assert store.get("a") == {"n": 2}


@pytest.mark.parametrize("url", ["", "memory", "memory://"])
def test_memory_urls_open_a_memory_store_with_the_limits_given(url: str) -> None:
    store = open_store(url, ttl_s=50.0, max_keys=2)
    assert isinstance(store, MemoryStore)
    assert (store._max_keys, store._ttl_s) == (2, 50.0)


@pytest.mark.parametrize(
    ("url", "scheme"), [("mongodb://x", "mongodb"), ("memcached", "memcached"), ("redis", "redis")]
)
def test_an_unknown_store_names_only_its_scheme(url: str, scheme: str) -> None:
    with pytest.raises(StoreError) as err:
        open_store(url)
    assert str(err.value) == f"unknown conversation store {scheme!r}: use memory or redis://"


def test_a_grooming_reason_gives_the_last_five_ids_of_each_stage_as_evidence() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    for i in range(7):
        _grooming(tracker, "how old are you btw", i)
    _grooming(tracker, "how old are you btw", 7, message_id="")  # an empty id is never evidence
    result = _grooming(tracker, "it's our little secret ok", 8)
    reason = next(r for r in result.decision.reasons if r.source is ReasonSource.CONVERSATION)
    assert reason.code == "conversation.grooming.probing+secrecy"
    assert reason.evidence == ("m2", "m3", "m4", "m5", "m6", "m8")


def _with_conversation(**rule: float) -> Any:
    from safechat.policy.policy import Policy

    data = tomllib.loads(
        (Path(__file__).resolve().parents[1] / "data" / "reference_policy.toml").read_text("utf-8")
    )
    data["bands"]["under_13"]["conversation"].update(rule)
    return Policy.from_mapping(data)


@pytest.mark.parametrize(
    ("rule", "action"), [("grooming_warn_risk", Action.WARN), ("grooming_escalate_risk", Action.ESCALATE)]
)
def test_a_grooming_risk_exactly_at_a_threshold_acts(rule: str, action: Action) -> None:
    risk = 1.0 - math.exp(-0.8 * 0.5)  # one probing question from an adult
    bounds = {"grooming_warn_risk": risk, "grooming_escalate_risk": 0.99}
    if rule == "grooming_escalate_risk":
        bounds = {"grooming_warn_risk": 0.1, "grooming_escalate_risk": risk}
    moderator, _ = fake_moderator(policy=_with_conversation(**bounds))
    result = _grooming(ConversationModerator(moderator), "how old are you btw", 0)
    reason = next(r for r in result.decision.reasons if r.source is ReasonSource.CONVERSATION)
    assert reason == Reason(
        "conversation.grooming.probing",
        Label.GROOMING,
        ReasonSource.CONVERSATION,
        action,
        score=risk,
        threshold=risk,
        evidence=("m0",),
    )


def test_a_grooming_reason_names_the_stages_in_the_order_they_were_seen() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    _grooming(tracker, "it's our little secret ok", 0)
    result = _grooming(tracker, "how old are you btw", 1)
    reason = next(r for r in result.decision.reasons if r.source is ReasonSource.CONVERSATION)
    assert reason.code == "conversation.grooming.secrecy+probing"  # not in alphabetical order
    assert [s.value for s in result.stages] == ["secrecy", "probing"]


def test_only_hostile_labels_acted_on_count_towards_hostility() -> None:
    moderator, _ = fake_moderator(
        {"damn this level": {"profanity": 0.9}, "you are a bit dumb": {"bullying": 0.3}}
    )
    tracker = ConversationModerator(moderator)
    swearing = [tracker.moderate(_chat("damn this level", i)).decision for i in range(4)]
    assert all(d.action is Action.WARN for d in swearing)  # warned, but not hostile to the reader
    mild = [tracker.moderate(_chat("you are a bit dumb", 10 + i)).decision for i in range(4)]
    assert all(d.action is Action.ALLOW for d in mild)  # a bullying score not acted on


def test_a_memory_store_s_defaults_are_the_documented_ones() -> None:
    store = MemoryStore()
    assert (store._max_keys, store._ttl_s) == (100_000, 30 * 86_400)


def test_an_unknown_store_url_never_names_more_than_its_scheme() -> None:
    with pytest.raises(StoreError) as err:
        open_store("mongodb://user:secret@db.example:27017/chat")
    assert str(err.value) == "unknown conversation store 'mongodb': use memory or redis://"


def test_open_store_s_defaults_are_the_documented_ones() -> None:
    store = open_store("memory")
    assert isinstance(store, MemoryStore)
    assert (store._max_keys, store._ttl_s) == (100_000, 30 * 86_400)


@pytest.mark.parametrize("url", ["redis://db:6379/0", "rediss://db:6380/1", "unix:///run/redis.sock"])
def test_redis_urls_open_a_redis_store_with_the_url_and_time_to_live(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safechat.conversation import redis_store

    opened: list[tuple[str, float]] = []

    class Recorder:
        def __init__(self, given: str, *, ttl_s: float) -> None:
            opened.append((given, ttl_s))

    monkeypatch.setattr(redis_store, "RedisStore", Recorder)
    assert isinstance(open_store(url, ttl_s=90.0), Recorder)
    assert isinstance(open_store(url), Recorder)
    assert opened == [(url, 90.0), (url, 30 * 86_400)]


def test_apply_names_a_bad_message_as_item_0() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    decision = moderator.moderate("hi")
    with pytest.raises(InvalidInputError) as err:
        tracker.apply(ChatMessage("", "a", "hi"), decision)
    assert str(err.value) == "item 0: conversation_id must be a non-empty string"


def test_a_decision_that_failed_closed_comes_back_as_it_is_without_the_store() -> None:
    moderator = failing_moderator()
    tracker = ConversationModerator(moderator, store=_DownStore())
    for sender, reader in [("13_15", "13_15"), ("adult", "adult")]:
        failed = moderator.moderate("hi", age_band=reader)
        assert failed.fail_closed  # the premise: the engine itself failed closed
        result = tracker.apply(_chat("hi", sender_age_band=sender, recipient_age_band=reader), failed)
        assert result.store_unavailable and result.decision == failed
