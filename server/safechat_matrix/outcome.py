"""What happens to a message: the pure choice between delivering, masking, holding and refusing.

The Synapse glue (:mod:`safechat_matrix.module`) turns a :class:`Step` into an event, an error
and notices; everything here is plain data, tested without a homeserver.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from safechat import Action, AgeBand, Label, Prompt
from safechat_matrix.bands import has_children

BLOCKED = "ORG.SAFECHAT.BLOCKED"
"""Error code of a message safechat refused (block or escalate); the sender gets a notice."""
WARNED = "ORG.SAFECHAT.WARNED"
"""Error code of a warned message held back once; sending it again delivers it."""
UNAVAILABLE = "ORG.SAFECHAT.UNAVAILABLE"
"""Error code of a message to a room with children refused because safechat could not decide in
time (the sidecar is down or slow): fail closed. Retry later."""
NOT_CHECKABLE = "ORG.SAFECHAT.NOT_CHECKABLE"
"""Error code of a message to a room with children that safechat cannot read: encrypted, or
longer than the text limit."""


class Step(str, enum.Enum):
    """What the module does with one message."""

    DELIVER = "deliver"
    DELIVER_MASKED = "deliver_masked"
    HOLD_WARN = "hold_warn"
    BLOCK = "block"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class Notice:
    """A prompt as the text of a Matrix notice (the prompt's text, then its helpline)."""

    text: str
    label: Label | None
    locale: str

    @classmethod
    def of(cls, prompt: Prompt) -> Notice:
        """The notice that shows ``prompt``."""
        return cls(_with_helpline(prompt.text, prompt), prompt.label, prompt.locale)


def _with_helpline(text: str, prompt: Prompt) -> str:
    line = prompt.helpline
    if line is None:
        return text
    reach = " ".join(part for part in (line.phone, line.url) if part)
    return f"{text}\n\n{line.name}: {reach}" if reach else f"{text}\n\n{line.name}"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The parts of a safechat decision the module uses.

    Attributes:
        action: the decision's action (after the conversation).
        masked_text: the text to deliver instead, for ``mask``.
        sender_prompt: what to tell the writer, if anything.
        recipient_prompt: what to tell the readers, if anything.
        fail_closed: the engine held the message because something failed inside it.
    """

    action: Action
    masked_text: str | None = None
    sender_prompt: Prompt | None = None
    recipient_prompt: Prompt | None = None
    fail_closed: bool = False


def choose(verdict: Verdict | None, *, room_band: AgeBand, released: bool = False) -> Step:
    """The step for a message.

    Args:
        verdict: safechat's verdict, or ``None`` when none came in time (the sidecar is down,
            slow or failing).
        room_band: the room's band (its youngest member's).
        released: the sender already sent this same text, was warned, and sends it again.

    Returns:
        Without a verdict: :attr:`Step.UNAVAILABLE` in a room with children (fail closed), else
        :attr:`Step.DELIVER`. ``allow`` delivers; ``mask`` delivers the masked text (refused
        when there is none to deliver); ``warn`` holds the message once, then delivers it;
        ``block`` and ``escalate`` refuse it.
    """
    if verdict is None:
        return Step.UNAVAILABLE if has_children(room_band) else Step.DELIVER
    action = verdict.action
    if action is Action.ALLOW:
        return Step.DELIVER
    if action is Action.MASK:
        return Step.DELIVER_MASKED if verdict.masked_text else Step.BLOCK
    if action is Action.WARN:
        return Step.DELIVER if released else Step.HOLD_WARN
    return Step.BLOCK


def unreadable_step(room_band: AgeBand) -> Step:
    """The step for a message safechat cannot read (encrypted, over-long): refused in a room with
    children, delivered between adults."""
    return Step.UNAVAILABLE if has_children(room_band) else Step.DELIVER
