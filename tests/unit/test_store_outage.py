"""When the conversation store goes away: every message is still answered, held fail-closed where
an adult or unknown writer talks to a child, and the store is used again when it comes back."""

from __future__ import annotations

import logging
import time

import pytest

from safechat import Action, Review
from safechat.conversation import ChatMessage, ConversationModerator, MemoryStore
from safechat.conversation.redis_store import RedisStore
from safechat.conversation.store import State, StoreError, Update
from safechat.conversation.tracker import STORE_UNAVAILABLE
from safechat.policy.policy import Policy
from safechat.types import Decision, ReasonSource
from tests.conftest import KillableRedis
from tests.unit.fixtures import fake_moderator

T0 = 1_800_000_000.0
SECRET = "do your parents check your phone?"
IMMINENT = "i'm going to kill myself tonight"


class SwitchableStore:
    """A memory store that raises :class:`StoreError` while ``down`` is set."""

    def __init__(self) -> None:
        self.inner = MemoryStore()
        self.down = False

    def get(self, key: str) -> State | None:
        if self.down:
            raise StoreError("Redis read failed: ConnectionError")
        return self.inner.get(key)

    def update(self, key: str, change: Update) -> State:
        if self.down:
            raise StoreError("Redis update failed: ConnectionError")
        return self.inner.update(key, change)


def _message(text: str, sender: str | None, reader: str | None, i: int = 0) -> ChatMessage:
    return ChatMessage(
        "c-out",
        "writer",
        text,
        message_id=f"m{i}",
        recipient="reader",
        sender_age_band=sender,
        recipient_age_band=reader,
        timestamp=T0 + 60 * i,
    )


def _note(decision: Decision) -> list[str]:
    return [r.code for r in decision.reasons if r.code == STORE_UNAVAILABLE]


@pytest.mark.parametrize(
    ("sender", "reader", "held"),
    [
        ("adult", "under_13", True),
        (None, "16_17", True),  # an unknown writer weighs like an adult
        ("adult", None, True),  # an unknown reader is under 13
        ("13_15", "under_13", False),
        ("16_17", "16_17", False),
        ("adult", "adult", False),
        (None, "adult", False),
    ],
)
def test_a_message_is_held_where_the_conversation_matters(
    sender: str | None, reader: str | None, held: bool
) -> None:
    moderator, _ = fake_moderator()
    store = SwitchableStore()
    tracker = ConversationModerator(moderator, store=store)
    store.down = True
    message = _message("see you at 5", sender, reader)
    alone = moderator.moderate("see you at 5", age_band=reader)
    result = tracker.moderate(message)
    decision = result.decision
    assert result.store_unavailable and result.stages == () and result.conversation_risk == 0.0
    assert decision.fail_closed is held
    assert _note(decision) == [STORE_UNAVAILABLE]
    assert decision.scores == alone.scores  # the message-level decision is still given
    if held:
        band_action = moderator.policy.band(decision.age_band).fail_closed_action
        assert decision.action is band_action
        assert band_action.severity >= Action.BLOCK.severity
        first = decision.reasons[0]
        assert (first.code, first.source, first.action) == (
            STORE_UNAVAILABLE,
            ReasonSource.CONVERSATION,
            band_action,
        )
        assert decision.sender_prompt is not None  # "held while we check it"
    else:
        assert decision.action is alone.action is Action.ALLOW
        assert [r.action for r in decision.reasons if r.code == STORE_UNAVAILABLE] == [Action.ALLOW]


def test_a_held_message_keeps_its_own_help_and_review() -> None:
    """A child in crisis is helped, not silenced, even when the store is down."""
    moderator, _ = fake_moderator(policy=Policy.default(), default=0.0)  # the shipped imminence rules
    store = SwitchableStore()
    tracker = ConversationModerator(moderator, store=store)
    store.down = True
    decision = tracker.moderate(_message(IMMINENT, "adult", "under_13")).decision
    alone = moderator.moderate(IMMINENT, age_band="under_13")
    assert alone.review is Review.URGENT and alone.support
    assert decision.fail_closed and decision.action.severity >= Action.BLOCK.severity
    assert decision.review is Review.URGENT and decision.support
    assert decision.sender_prompt == alone.sender_prompt  # the help, not the "held" text
    assert decision.recipient_prompt == alone.recipient_prompt
    assert {r.code for r in alone.reasons} < {r.code for r in decision.reasons}


def test_between_children_grooming_signals_stay_capped_without_the_store() -> None:
    moderator, _ = fake_moderator({"how old is your sister": {"grooming": 0.95}})
    store = SwitchableStore()
    tracker = ConversationModerator(moderator, store=store)
    alone = moderator.moderate("how old is your sister", age_band="13_15")
    assert alone.action.severity > Action.WARN.severity  # what the cap must bring down
    store.down = True
    result = tracker.moderate(_message("how old is your sister", "13_15", "13_15"))
    assert result.store_unavailable and not result.decision.fail_closed
    assert result.decision.action is Action.WARN


def test_the_outage_is_logged_once_each_way_without_text(caplog: pytest.LogCaptureFixture) -> None:
    moderator, _ = fake_moderator()
    store = SwitchableStore()
    tracker = ConversationModerator(moderator, store=store)
    caplog.set_level(logging.INFO, logger="safechat.conversation")
    tracker.moderate(_message("hello there", "adult", "under_13", 0))
    assert not caplog.records
    store.down = True
    texts = [f"private words number {i}" for i in range(3)]
    results = tracker.moderate_many([_message(t, "adult", "under_13", i + 1) for i, t in enumerate(texts)])
    assert all(r.store_unavailable and r.decision.fail_closed for r in results)
    store.down = False
    back = tracker.moderate(_message(SECRET, "adult", "under_13", 9))
    assert not back.store_unavailable and not back.decision.fail_closed
    tracker.moderate(_message("and again", "adult", "under_13", 10))
    records = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert [level for level, _ in records] == ["ERROR", "WARNING"], records
    assert "unavailable (Redis" in records[0][1]
    assert "3 messages were decided without it" in records[1][1]
    logged = " ".join(message for _, message in records)
    for text in [*texts, SECRET, "hello there"]:
        assert text not in logged


def test_the_redis_store_fails_fast_while_down_and_comes_back(killable_redis: KillableRedis) -> None:
    now = [0.0]
    store = RedisStore(killable_redis.url, retry_after_s=5.0, clock=lambda: now[0])
    store.update("k", lambda s: {"n": 1})
    killable_redis.kill()
    with pytest.raises(StoreError, match="Redis update failed"):
        store.update("k", lambda s: {"n": 2})
    assert not store.available
    killable_redis.restart()
    with pytest.raises(StoreError, match="Redis is unavailable"):  # not tried before retry_after_s
        store.get("k")
    now[0] = 5.0
    assert store.get("k") is None  # tried again: a fresh, empty server
    assert store.available
    assert store.update("k", lambda s: {"n": (s or {}).get("n", 0) + 1}) == {"n": 1}


def test_the_library_answers_through_a_redis_outage(killable_redis: KillableRedis) -> None:
    """A real redis-server killed between two messages and started again: the tracker never
    raises, holds the adult's messages to the child while Redis is gone, and uses Redis again
    once it is back."""
    import redis

    moderator, _ = fake_moderator()
    tracker = ConversationModerator(moderator, store=RedisStore(killable_redis.url, retry_after_s=0.05))
    first = tracker.moderate(_message("hey, nice build in minecraft", "adult", "under_13", 0))
    assert not first.store_unavailable and not first.decision.fail_closed
    killable_redis.kill()
    during = [tracker.moderate(_message(SECRET, "adult", "under_13", i)) for i in range(1, 4)]
    for result in during:
        assert result.store_unavailable and result.decision.fail_closed
        assert result.decision.action is Action.ESCALATE  # the reference policy's under_13 hold
        assert result.decision.reasons[0].code == STORE_UNAVAILABLE
    kids = tracker.moderate(_message("gg wp", "13_15", "13_15", 5))
    assert kids.store_unavailable and not kids.decision.fail_closed and kids.decision.action is Action.ALLOW
    killable_redis.restart()
    deadline = time.monotonic() + 30
    i = 10
    while True:
        result = tracker.moderate(_message(SECRET, "adult", "under_13", i))
        if not result.store_unavailable:
            break
        assert time.monotonic() < deadline, "the tracker did not use Redis again once it was back"
        i += 1
        time.sleep(0.02)
    assert not result.decision.fail_closed and result.stages  # state is kept again
    assert redis.Redis.from_url(killable_redis.url).keys("safechat:conv:*")
