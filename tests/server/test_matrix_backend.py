"""The Matrix module's backends against real sidecars on loopback (no homeserver): verdicts come
back whole, a sidecar that is down or slow gives no verdict within the timeout, reports are
stored, and the in-process SDK keeps the same promises."""

from __future__ import annotations

import time
from typing import Any

import pytest
from safechat_matrix.backend import GrpcBackend, InProcessBackend, ModerationFailed

from safechat import Action, AgeBand, Label, Moderator, Role
from safechat.conversation import ChatMessage, ConversationModerator
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.reports.service import validate
from safechat.testing import FakeScorer
from tests.conftest import free_port
from tests.server.conftest import GatedScorer

TIMEOUT_S = 0.5


def fake_moderator(**kwargs: Any) -> Moderator:
    scorer = FakeScorer({"loser": {Label.BULLYING: 0.99}})
    return Moderator(
        scorer=scorer, policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False, **kwargs
    )


def chat(text: str, *, room: str = "!room:test", sender: str = "@a:test", **kwargs: Any) -> ChatMessage:
    fields: dict[str, Any] = {"recipient_age_band": AgeBand.UNDER_13, "locale": "en", "message_id": "$e1"}
    return ChatMessage(conversation_id=room, sender=sender, text=text, **{**fields, **kwargs})


def test_a_verdict_comes_back_whole_with_its_prompts(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(fake_moderator())
    backend = GrpcBackend(f"127.0.0.1:{sidecar.port}", timeout_s=5)
    try:
        masked = backend.moderate(chat("call me on 07700 900123"))
        assert masked.action is Action.MASK
        assert masked.masked_text is not None and "900123" not in masked.masked_text
        blocked = backend.moderate(chat("you are a loser", locale="fr"))
        assert blocked.action in (Action.BLOCK, Action.ESCALATE)
        assert blocked.sender_prompt is not None and blocked.sender_prompt.role is Role.SENDER
        assert blocked.sender_prompt.locale == "fr" and blocked.sender_prompt.label is Label.BULLYING
        assert blocked.sender_prompt.helpline is not None
        assert blocked.recipient_prompt is not None and blocked.recipient_prompt.role is Role.RECIPIENT
        assert backend.moderate(chat("see you at practice")).action is Action.ALLOW
    finally:
        backend.close()


def test_conversation_state_is_kept_per_room_and_sender(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(fake_moderator())
    backend = GrpcBackend(f"127.0.0.1:{sidecar.port}", timeout_s=5)
    # stages that warn alone (checking the child is alone would escalate by itself)
    stages = ["you're so mature for your age", "how old are you?", "wanna meet up this weekend?"]
    try:
        together = [backend.moderate(chat(t, message_id=f"$a{i}")) for i, t in enumerate(stages)]
        # the same messages spread over rooms, or over senders, build no pattern
        rooms = [
            backend.moderate(chat(t, room=f"!r{i}:test", message_id=f"$b{i}")) for i, t in enumerate(stages)
        ]
        senders = [
            backend.moderate(chat(t, room="!s:test", sender=f"@s{i}:test", message_id=f"$c{i}"))
            for i, t in enumerate(stages)
        ]
    finally:
        backend.close()
    assert together[-1].action is Action.ESCALATE
    assert rooms[-1].action is Action.WARN and senders[-1].action is Action.WARN


def test_a_stopped_sidecar_gives_no_verdict_at_once() -> None:
    backend = GrpcBackend(f"127.0.0.1:{free_port()}", timeout_s=TIMEOUT_S)
    try:
        started = time.monotonic()
        with pytest.raises(ModerationFailed) as caught:
            backend.moderate(chat("dinner is at six"))
        assert caught.value.kind == "unavailable"
        assert time.monotonic() - started < TIMEOUT_S + 0.5
        assert "dinner" not in str(caught.value)
    finally:
        backend.close()


def test_a_slow_sidecar_gives_no_verdict_within_the_timeout(sidecar_factory: Any, gated: GatedScorer) -> None:
    sidecar = sidecar_factory(gated.moderator())
    backend = GrpcBackend(f"127.0.0.1:{sidecar.port}", timeout_s=TIMEOUT_S)
    try:
        backend.moderate(chat("warm the channel up"))
        gated.shut()
        started = time.monotonic()
        with pytest.raises(ModerationFailed) as caught:
            backend.moderate(chat("a message the model is still reading"))
        elapsed = time.monotonic() - started
        assert gated.entered.is_set()  # the model really was busy with it
        assert caught.value.kind == "unavailable"
        assert elapsed < TIMEOUT_S + 0.5, elapsed
    finally:
        gated.gate.set()
        backend.close()


def test_text_the_sidecar_refuses_is_not_checkable(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(fake_moderator(), grpc={"max_text_chars": 10})
    backend = GrpcBackend(f"127.0.0.1:{sidecar.port}", timeout_s=5)
    try:
        with pytest.raises(ModerationFailed) as caught:
            backend.moderate(chat("a message longer than ten characters"))
        assert caught.value.kind == "invalid"
    finally:
        backend.close()


def test_a_report_is_stored_once_by_the_sidecar(sidecar_factory: Any) -> None:
    sidecar = sidecar_factory(fake_moderator())
    backend = GrpcBackend(f"127.0.0.1:{sidecar.port}", timeout_s=5)
    fields = validate(
        reporter_id="@kid:test",
        reported_id="@bully:test",
        reason="bullying",
        details=None,
        conversation_id="!room:test",
        message_id="$e1",
        text="you are a loser",
        context=[],
        age_band=AgeBand.AGE_13_15,
        locale="de",
        country=None,
        idempotency_key="matrix-report:test:1",
        max_text_chars=4096,
    )
    try:
        first, again = backend.report(fields), backend.report(fields)
    finally:
        backend.close()
    assert first.report_id and again.report_id == first.report_id
    assert first.acknowledgement.locale == "de" and first.acknowledgement.text


def test_the_in_process_sdk_gives_verdicts_and_times_out_like_the_sidecar() -> None:
    gated = GatedScorer()
    moderator = gated.moderator()
    backend = InProcessBackend(moderator, ConversationModerator(moderator), timeout_s=TIMEOUT_S)
    try:
        assert backend.moderate(chat("call me on 07700 900123")).action is Action.MASK
        gated.shut()
        started = time.monotonic()
        with pytest.raises(ModerationFailed) as caught:
            backend.moderate(chat("a message the model is still reading"))
        assert caught.value.kind == "unavailable"
        assert time.monotonic() - started < TIMEOUT_S + 0.5
    finally:
        gated.gate.set()
        backend.close()


def test_the_in_process_sdk_refuses_bad_input_as_not_checkable() -> None:
    moderator = fake_moderator()
    backend = InProcessBackend(moderator, ConversationModerator(moderator), timeout_s=5)
    try:
        with pytest.raises(ModerationFailed) as caught:
            backend.moderate(chat("hello", sender=""))
        assert caught.value.kind == "invalid"
    finally:
        backend.close()
