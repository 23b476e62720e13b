"""Bad input, faults and privacy in the library: typed errors or safe decisions, never a crash."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from concurrent.futures import Future

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safechat import Action, AgeBand, InvalidInputError, Message, Moderator, Scores
from safechat.conversation import ChatMessage, ConversationModerator, MemoryStore
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from tests.unit.fixtures import failing_moderator, fake_moderator

BAD_TEXTS = {
    "empty": "",
    "whitespace": " \t\n  ",
    "lone surrogates": "hi \ud800 there \udfff",
    "nul and controls": "a\x00b\x01c\x1b[31mred\x7f",
    "bidi overrides": "\u202eevil\u202c \u2066x\u2069",
    "10,000 emoji": "\U0001f600" * 10_000,
    "one character 100,000 times": "a" * 100_000,
    "zero-width soup": "\u200b\u200c\u200d\ufeff" * 1000,
}


@pytest.mark.parametrize("name", list(BAD_TEXTS))
def test_bad_text_gets_a_decision_quickly(name: str) -> None:
    moderator, _ = fake_moderator()
    started = time.perf_counter()
    decision = moderator.moderate(BAD_TEXTS[name])
    assert time.perf_counter() - started < 30  # a hang guard, not a speed test
    assert decision.action in set(Action)
    assert not decision.fail_closed


def test_one_megabyte_is_a_typed_error_naming_the_limit() -> None:
    moderator, _ = fake_moderator()
    with pytest.raises(InvalidInputError, match="limit is 100000"):
        moderator.moderate("x" * 1_000_000)


@pytest.mark.parametrize("bad", [None, 3.5, b"bytes", object(), Message(text=42)])  # type: ignore[arg-type]
def test_wrong_types_are_typed_errors(bad: object) -> None:
    moderator, _ = fake_moderator()
    with pytest.raises(InvalidInputError):
        moderator.moderate_batch([bad])  # type: ignore[list-item]


class _ExplodingScorer(FakeScorer):
    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        raise RuntimeError("boom")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60), band=st.sampled_from([None, "adult", "13_15", "x"]))
def test_no_error_path_returns_allow(text: str, band: str | None) -> None:
    for moderator in (
        failing_moderator(),
        Moderator(scorer=_ExplodingScorer(), policy=Policy.default(), prompts=PromptBook.load()),
    ):
        decision = moderator.moderate(text, age_band=band)
        assert decision.fail_closed and decision.action.severity >= Action.BLOCK.severity


def test_an_exception_inside_one_batch_still_answers_the_others() -> None:
    from safechat_server.batcher import MicroBatcher

    class Picky:
        def cached(self, message: Message) -> None:
            return None

        def moderate_batch(self, messages: Sequence[Message]) -> list[object]:
            if any(m.text == "poison" for m in messages):
                raise RuntimeError("poison in the batch")
            return [m.text for m in messages]

    batcher = MicroBatcher(Picky(), max_messages=64, max_wait_s=0.2, queue_size=100)  # type: ignore[arg-type]
    futures: list[Future[list[object]]] = [
        batcher.submit([Message(text)])
        for text in ("a", "poison", "b")  # type: ignore[misc]
    ]
    assert futures[0].result(5) == ["a"] and futures[2].result(5) == ["b"]
    with pytest.raises(RuntimeError, match="poison"):
        futures[1].result(5)
    batcher.stop(5)


def test_conversation_state_is_bounded_per_conversation_and_overall() -> None:
    moderator, _ = fake_moderator({"you are dumb": {"bullying": 0.6}})
    store = MemoryStore(max_keys=50)
    tracker = ConversationModerator(moderator, store=store, max_events=16)
    for i in range(300):
        tracker.moderate(ChatMessage("room", f"s{i}", "you are dumb", message_id=str(i), recipient="kid"))
    (state,) = [store.get(key) for key in list(store._data) if key.startswith("h|")]
    assert state is not None and len(state["events"]) <= 16
    for i in range(200):
        tracker.moderate(ChatMessage(f"c{i}", "a", "how old are you", message_id=str(i), recipient="k"))
    assert len(store) <= 50


def test_logs_metrics_and_errors_never_hold_message_text(caplog: pytest.LogCaptureFixture) -> None:
    secrets = [f"my secret number {i} is 07700 900{i:03d} and I live at {i} Elm Street" for i in range(50)]
    moderator, _ = fake_moderator({"secret": {"bullying": 0.9}})
    with caplog.at_level(logging.DEBUG):
        decisions = moderator.moderate_batch(secrets)
        failing_moderator().moderate_batch(secrets)
        with pytest.raises(InvalidInputError) as err:
            moderator.moderate("secret " * 50_000)
        assert "secret" not in str(err.value)
    assert caplog.records
    for text in secrets:
        assert text not in caplog.text and "Elm Street" not in caplog.text
    for decision in decisions:
        assert "Elm" not in repr(decision)
    assert AgeBand.parse(None) is AgeBand.UNDER_13
