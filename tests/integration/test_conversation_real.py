"""The conversation layer on the real shipped bundle."""

from __future__ import annotations

from safechat import Action, Moderator
from safechat.conversation import ChatMessage, ConversationModerator
from tests.unit.test_conversation import FRIENDLY_KIDS, GROOMING_SCRIPT, T0


def test_a_long_friendly_chat_between_children_never_escalates(moderator: Moderator) -> None:
    tracker = ConversationModerator(moderator)
    for i, text in enumerate(FRIENDLY_KIDS * 5):
        sender, reader = ("kid-a", "kid-b") if i % 2 == 0 else ("kid-b", "kid-a")
        result = tracker.moderate(
            ChatMessage(
                "c",
                sender,
                text,
                message_id=str(i),
                recipient=reader,
                sender_age_band="under_13",
                recipient_age_band="under_13",
                timestamp=T0 + 600 * i,
            )
        )
        assert result.decision.action is not Action.ESCALATE, (
            text,
            [r.code for r in result.decision.reasons],
        )


def test_the_grooming_script_escalates_before_the_image_request(moderator: Moderator) -> None:
    tracker = ConversationModerator(moderator)
    actions = [
        tracker.moderate(
            ChatMessage(
                "g",
                "adult",
                text,
                message_id=str(i),
                recipient="kid",
                sender_age_band="adult",
                recipient_age_band="under_13",
                timestamp=T0 + 300 * i,
            )
        ).decision.action
        for i, text in enumerate(GROOMING_SCRIPT)
    ]
    assert Action.ESCALATE in actions[: GROOMING_SCRIPT.index("send me a pic")]
