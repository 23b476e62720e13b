"""Redis goes away in the middle of a ``ModerateConversation`` stream: the stream stays open and
keeps answering (held fail-closed where an adult or unknown writer talks to a child), the outage
is counted and logged without text, and the store is used again once Redis is back."""

from __future__ import annotations

import logging
import queue
import time
import urllib.request
from collections.abc import Iterator
from typing import Any, TypeAlias

import pytest

from safechat import Moderator
from safechat.conversation.tracker import STORE_UNAVAILABLE
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.v1 import moderation_pb2 as pb
from tests.conftest import KillableRedis
from tests.server.conftest import gauge, stub

SECRET = "it's our little secret ok"
Band: TypeAlias = Any  # a pb.AgeBand value


def _moderator() -> Moderator:
    return Moderator(
        scorer=FakeScorer(), policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False
    )


def _turn(i: int, text: str, *, sender_band: Band, reader_band: Band) -> pb.ConversationMessage:
    return pb.ConversationMessage(
        conversation_id="c-outage",
        message_id=f"m{i}",
        sender=f"writer-{sender_band}",
        recipient="kid-3",
        sender_age_band=sender_band,
        recipient_age_band=reader_band,
        text=text,
        timestamp=1_800_000_000 + 60 * i,
    )


class Stream:
    """One open ``ModerateConversation`` call, fed one message at a time."""

    def __init__(self, port: int) -> None:
        self._requests: queue.Queue[pb.ConversationMessage | None] = queue.Queue()
        self._answers = stub(port).ModerateConversation(self._feed(), timeout=120)

    def _feed(self) -> Iterator[pb.ConversationMessage]:
        while (item := self._requests.get()) is not None:
            yield item

    def ask(self, message: pb.ConversationMessage) -> pb.ConversationDecision:
        self._requests.put(message)
        answer: pb.ConversationDecision = next(self._answers)
        return answer

    def close(self) -> list[pb.ConversationDecision]:
        """End the requests; what else came back (nothing, and no error, for a healthy stream)."""
        self._requests.put(None)
        return list(self._answers)


def _metric(port: int, line_start: str) -> float:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.split()[1])
    return 0.0


def test_a_stream_answers_through_a_redis_outage(
    sidecar_factory: Any, killable_redis: KillableRedis, caplog: pytest.LogCaptureFixture
) -> None:
    import redis

    caplog.set_level(logging.DEBUG)
    sidecar = sidecar_factory(_moderator(), conversation={"store": killable_redis.url})
    assert gauge(sidecar.metrics_port, "safechat_conversation_store_up") == 1
    stream = Stream(sidecar.port)
    adult, kid, child = pb.AGE_BAND_ADULT, pb.AGE_BAND_UNDER_13, pb.AGE_BAND_13_15
    texts: list[str] = []

    def ask(i: int, text: str, sender_band: Band = adult, reader_band: Band = kid) -> pb.ConversationDecision:
        texts.append(text)
        return stream.ask(_turn(i, text, sender_band=sender_band, reader_band=reader_band))

    before = ask(0, "hey, nice build in minecraft")
    assert not before.decision.fail_closed
    assert not [r for r in before.decision.reasons if r.code == STORE_UNAVAILABLE]

    killable_redis.kill()
    held = [ask(i, SECRET) for i in (1, 2)]
    for answer in held:
        assert answer.message_id in ("m1", "m2")
        decision = answer.decision
        assert decision.fail_closed and decision.action == pb.ACTION_ESCALATE  # the default under_13 hold
        assert decision.reasons[0].code == STORE_UNAVAILABLE
        assert decision.reasons[0].source == pb.REASON_SOURCE_CONVERSATION
        assert decision.HasField("scores")  # the message-level decision is still there
    between_children = ask(3, "gg wp", sender_band=child, reader_band=child)
    assert not between_children.decision.fail_closed
    assert between_children.decision.action == pb.ACTION_ALLOW
    assert [r.code for r in between_children.decision.reasons] == [STORE_UNAVAILABLE]
    port = sidecar.metrics_port
    assert _metric(port, 'safechat_conversation_store_unavailable_total{outcome="held"}') == 2
    assert _metric(port, 'safechat_conversation_store_unavailable_total{outcome="message"}') == 1
    assert gauge(port, "safechat_conversation_store_up") == 0

    killable_redis.restart()
    deadline = time.monotonic() + 30
    i = 10
    while True:
        answer = ask(i, "how old are you btw")
        if not [r for r in answer.decision.reasons if r.code == STORE_UNAVAILABLE]:
            break
        assert answer.decision.fail_closed
        assert time.monotonic() < deadline, "the sidecar did not use Redis again once it was back"
        i += 1
        time.sleep(0.05)
    assert not answer.decision.fail_closed and "probing" in answer.stages
    assert gauge(port, "safechat_conversation_store_up") == 1
    assert redis.Redis.from_url(killable_redis.url).keys("safechat:conv:*"), "state is kept in Redis again"
    assert stream.close() == []  # the stream was never ended by the server

    records = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "safechat.conversation"]
    assert [level for level, _ in records] == ["ERROR", "WARNING"], records
    logged = " ".join(record.getMessage() for record in caplog.records)  # every logger, every level
    for text in set(texts):
        assert text not in logged
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    assert SECRET not in metrics
