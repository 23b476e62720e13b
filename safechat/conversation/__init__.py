"""Conversation-level moderation: grooming is a pattern, not a message.

:class:`ConversationModerator` keeps, per conversation, the grooming stages each sender has shown
towards each reader (with their message ids, never their text) and the hostile messages each
reader has received, and raises a message's action when the pattern calls for it.
"""

from safechat.conversation.risk import STAGE_WEIGHTS, pairing_factor
from safechat.conversation.store import ConversationStore, MemoryStore, open_store
from safechat.conversation.tracker import ChatMessage, ConversationDecision, ConversationModerator

__all__ = [
    "STAGE_WEIGHTS",
    "ChatMessage",
    "ConversationDecision",
    "ConversationModerator",
    "ConversationStore",
    "MemoryStore",
    "open_store",
    "pairing_factor",
]
