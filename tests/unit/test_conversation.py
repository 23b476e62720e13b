from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from safechat import Action, Label, ReasonSource
from safechat.conversation import ChatMessage, ConversationModerator, MemoryStore, pairing_factor
from safechat.conversation.redis_store import RedisStore
from safechat.conversation.risk import grooming_risk
from safechat.conversation.store import ConversationStore, StoreError, open_store
from safechat.detect import GroomingStage
from safechat.errors import InvalidInputError
from safechat.types import AgeBand
from tests.unit.fixtures import fake_moderator

T0 = 1_800_000_000.0
GROOMING_SCRIPT = [
    "hey, nice build in minecraft",
    "you're so mature for your age",
    "how old are you btw",
    "do your parents check your phone?",
    "it's our little secret ok",
    "add me on snap",
    "send me a pic",
]
FRIENDLY_KIDS = [
    "wanna play fortnite later",
    "yes after dinner",
    "send me a pic of your new puppy",
    "so cute!!",
    "lets meet at the park tomorrow",
    "ok see you at 4",
    "how old is your sister",
    "she is 9",
    "gg wp",
    "see you at school",
]


def _adult_to_child(store: ConversationStore | None = None) -> list[Any]:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator, store=store)
    return [
        tracker.moderate(
            ChatMessage(
                "c1",
                "adult-1",
                text,
                message_id=f"m{i}",
                recipient="kid-1",
                sender_age_band="adult",
                recipient_age_band="under_13",
                timestamp=T0 + 300 * i,
            )
        )
        for i, text in enumerate(GROOMING_SCRIPT)
    ]


def test_grooming_escalates_before_any_explicit_message() -> None:
    results = _adult_to_child()
    actions = [r.decision.action for r in results]
    first = actions.index(Action.ESCALATE)
    assert first < GROOMING_SCRIPT.index("send me a pic")
    escalated = results[first].decision
    reason = next(r for r in escalated.reasons if r.source is ReasonSource.CONVERSATION)
    assert reason.label is Label.GROOMING and reason.action is Action.ESCALATE
    assert reason.code.startswith("conversation.grooming.")
    assert set(reason.evidence) >= {"m1", "m2"}
    assert escalated.labels[0] is Label.GROOMING
    assert escalated.recipient_prompt is not None
    assert [s.value for s in results[first].stages][:2] == ["rapport", "probing"]
    risks = [r.conversation_risk for r in results]
    assert risks == sorted(risks) and risks[-1] > 0.9


def test_a_long_friendly_chat_between_children_never_escalates() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    for i, text in enumerate(FRIENDLY_KIDS * 5):
        sender, reader = ("kid-a", "kid-b") if i % 2 == 0 else ("kid-b", "kid-a")
        result = tracker.moderate(
            ChatMessage(
                "c2",
                sender,
                text,
                message_id=f"k{i}",
                recipient=reader,
                sender_age_band="under_13",
                recipient_age_band="under_13",
                timestamp=T0 + 600 * i,
            )
        )
        assert result.decision.action is not Action.ESCALATE, (i, text, result.decision.reasons)


def test_unknown_age_sender_weighs_like_an_adult_and_risk_fades() -> None:
    assert pairing_factor(None, AgeBand.UNDER_13) == pairing_factor(AgeBand.ADULT, AgeBand.UNDER_13)
    assert pairing_factor(AgeBand.UNDER_13, AgeBand.UNDER_13) < pairing_factor(None, AgeBand.UNDER_13)
    assert pairing_factor(AgeBand.ADULT, AgeBand.ADULT) < pairing_factor(AgeBand.UNDER_13, AgeBand.UNDER_13)
    seen = {GroomingStage.SECRECY: T0, GroomingStage.MEETING: T0}
    fresh = grooming_risk(seen, now=T0, half_life_s=86_400, factor=0.8)
    month = grooming_risk(seen, now=T0 + 30 * 86_400, half_life_s=86_400, factor=0.8)
    assert 0 < month < 0.01 < fresh < 1


def test_a_repeated_stage_counts_once() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    risks = [
        tracker.moderate(
            ChatMessage(
                "c3",
                "a",
                "how old are you",
                message_id=f"r{i}",
                recipient="k",
                sender_age_band="adult",
                timestamp=T0 + i,
            )
        ).conversation_risk
        for i in range(5)
    ]
    assert max(risks) - min(risks) < 1e-3


def test_dogpiling_raises_the_action() -> None:
    moderator, _ = fake_moderator({"you are dumb": {"bullying": 0.6}})
    tracker = ConversationModerator(moderator)
    results = [
        tracker.moderate(
            ChatMessage(
                "room",
                f"user-{i}",
                "you are dumb",
                message_id=f"h{i}",
                recipient="kid",
                recipient_age_band="under_13",
                timestamp=T0 + 10 * i,
            )
        )
        for i in range(3)
    ]
    assert [r.decision.action for r in results] == [Action.WARN, Action.WARN, Action.BLOCK]
    reason = results[2].decision.reasons[0]
    assert reason.code == "conversation.dogpiling" and reason.evidence == ("h0", "h1", "h2")
    later = tracker.moderate(
        ChatMessage("room", "user-9", "you are dumb", message_id="h9", recipient="kid", timestamp=T0 + 7200)
    )
    assert later.decision.action is Action.WARN  # outside the hostility window


def test_state_keeps_ids_and_stages_never_text() -> None:
    store = MemoryStore()
    _adult_to_child(store)
    dumped = json.dumps([store.get(key) for key in list(store._data)])
    for text in GROOMING_SCRIPT:
        assert text not in dumped
    assert "secrecy" in dumped and "m4" in dumped


def test_memory_store_is_bounded_and_forgets() -> None:
    now = [T0]
    store = MemoryStore(max_keys=3, ttl_s=100, clock=lambda: now[0])
    for i in range(5):
        store.update(f"k{i}", lambda _s, i=i: {"n": i})
    assert len(store) == 3 and store.get("k0") is None and store.get("k4") == {"n": 4}
    now[0] += 101
    assert store.get("k4") is None


def test_bad_messages_are_refused() -> None:
    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator)
    with pytest.raises(InvalidInputError, match="conversation_id"):
        tracker.moderate(ChatMessage("", "a", "hi"))
    with pytest.raises(InvalidInputError, match="sender"):
        tracker.moderate(ChatMessage("c", "", "hi"))
    with pytest.raises(StoreError, match="unknown conversation store"):
        open_store("mongodb://x")


def test_redis_store_escalates_like_memory(redis_url: str) -> None:
    store = RedisStore(redis_url, prefix="t1:")
    redis_actions = [r.decision.action for r in _adult_to_child(store)]
    memory_actions = [r.decision.action for r in _adult_to_child()]
    assert redis_actions == memory_actions


def test_two_replicas_share_state_through_redis(redis_url: str) -> None:
    moderator, _ = fake_moderator()
    replicas = [ConversationModerator(moderator, store=RedisStore(redis_url, prefix="t2:")) for _ in range(2)]
    results = [
        replicas[i % 2].moderate(
            ChatMessage(
                "c9",
                "adult",
                text,
                message_id=f"m{i}",
                recipient="kid",
                sender_age_band="adult",
                timestamp=T0 + i,
            )
        )
        for i, text in enumerate(GROOMING_SCRIPT)
    ]
    assert [s.value for s in results[4].stages] == ["rapport", "probing", "alone_check", "secrecy"]


def test_redis_updates_are_not_lost_under_contention(redis_url: str) -> None:
    store = RedisStore(redis_url, prefix="t3:")
    assert store.get("counter") is None  # the test's own database: nothing from an earlier test

    def bump() -> None:
        for _ in range(20):
            store.update("counter", lambda s: {"n": (s or {}).get("n", 0) + 1})

    threads = [threading.Thread(target=bump) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.get("counter") == {"n": 100}


def test_unreachable_redis_is_a_clear_error() -> None:
    from tests.conftest import free_port

    with pytest.raises(StoreError, match="cannot reach Redis"):
        RedisStore(f"redis://127.0.0.1:{free_port()}/0")


def test_grooming_signals_between_children_ask_at_most_for_a_rethink() -> None:
    moderator, _ = fake_moderator(
        {"how old is your sister": {"grooming": 0.95}, "send nudes": {"sexual": 0.95}}
    )
    tracker = ConversationModerator(moderator)

    def send(sender_band: str | None, text: str) -> Any:
        return tracker.moderate(
            ChatMessage(
                "c7",
                f"s-{sender_band}",
                text,
                recipient="kid",
                sender_age_band=sender_band,
                recipient_age_band="under_13",
                timestamp=T0,
            )
        ).decision

    between_children = send("13_15", "how old is your sister")
    assert between_children.action is Action.WARN and between_children.labels[0] is Label.GROOMING
    assert send("adult", "how old is your sister").action is Action.ESCALATE
    assert send(None, "how old is your sister").action is Action.ESCALATE  # unknown age: like an adult
    assert send("13_15", "send nudes").action.severity >= Action.BLOCK.severity  # only grooming is capped
