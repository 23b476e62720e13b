"""Moderation that knows the conversation.

For each message: the per-message decision (for the reader's band), then the conversation:
- grooming: the stages this sender has shown towards this reader accumulate (latest sighting
  and message ids per stage); a message that adds a stage is raised to warn or escalate when the
  risk crosses the band's thresholds, with the stages and message ids as evidence;
- hostility: hostile messages to one reader within a window, from one sender or several
  (dogpiling), raise the action to the band's ``hostility_action``.
Only stage names, timestamps, sender ids and message ids are kept: never message text.

When the store cannot be reached, each message still gets an answer: its message-level decision,
held fail-closed (the band's ``fail_closed_action``, ``fail_closed`` set, reason
``conversation.store_unavailable``) where the conversation matters, i.e. an adult or
unknown-age writer and a reader under 18; otherwise the message-level decision with that reason
as a note. The outage is logged once when it starts and once when the store answers again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from safechat.conversation.risk import grooming_risk, pairing_factor
from safechat.conversation.store import ConversationStore, MemoryStore, State, StoreError
from safechat.detect.grooming import GroomingStage
from safechat.engine import Message, Moderator
from safechat.errors import InvalidInputError
from safechat.policy.policy import ConversationRule
from safechat.types import Action, AgeBand, Decision, Label, Reason, ReasonSource

_HOSTILE = frozenset({Label.BULLYING, Label.HATE, Label.THREAT})
_MINORS = frozenset({AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17})
_IDS_PER_STAGE = 5
_GROOMING_RULE = "rule.grooming."
_STAGE_NAMES = frozenset(stage.value for stage in GroomingStage)
STORE_UNAVAILABLE = "conversation.store_unavailable"
"""The reason code of a decision made without the conversation store (it could not be reached)."""

logger = logging.getLogger("safechat.conversation")


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message of a conversation, given in conversation order.

    ``recipient=None`` means everyone in the conversation. ``sender_age_band=None`` means the
    sender's age is unknown (weighed like an adult's); ``recipient_age_band=None`` means under 13.
    ``timestamp`` is in seconds since the epoch; ``None`` means now.
    """

    conversation_id: str
    sender: str
    text: str
    message_id: str = ""
    recipient: str | None = None
    sender_age_band: AgeBand | str | None = None
    recipient_age_band: AgeBand | str | None = None
    locale: str | None = None
    country: str | None = None
    timestamp: float | None = None


@dataclass(frozen=True, slots=True)
class ConversationDecision:
    """A message's decision with the conversation taken into account.

    Attributes:
        message_id: the message's id, as given.
        decision: the decision, raised by conversation reasons where the pattern calls for it.
        conversation_risk: grooming risk in [0, 1] of this sender towards this reader.
        stages: the grooming stages seen so far from this sender towards this reader, oldest first.
        store_unavailable: True when the conversation store could not be reached: the decision
            is the message-level one (held fail-closed where the conversation matters), and
            ``conversation_risk`` and ``stages`` are 0 and empty because they are not known.
    """

    message_id: str
    decision: Decision
    conversation_risk: float
    stages: tuple[GroomingStage, ...]
    store_unavailable: bool = False


class ConversationModerator:
    """Wraps a :class:`Moderator` with conversation state. Thread-safe if the store is."""

    def __init__(
        self,
        moderator: Moderator,
        *,
        store: ConversationStore | None = None,
        max_events: int = 64,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Args:
        moderator: the per-message engine.
        store: where state lives; default a bounded in-memory store.
        max_events: most hostile-message events kept per reader.
        clock: seconds since the epoch, for messages without a timestamp.
        """
        self._moderator = moderator
        self._store: ConversationStore = store if store is not None else MemoryStore()
        self._max_events = max_events
        self._clock = clock
        self._outage = _Outage()

    def moderate(self, message: ChatMessage) -> ConversationDecision:
        """Moderate one message in its conversation.

        Raises:
            InvalidInputError: a missing conversation id or sender, or bad text.
        """
        return self.moderate_many([message])[0]

    def moderate_many(self, messages: Sequence[ChatMessage]) -> list[ConversationDecision]:
        """Moderate messages in conversation order: one model run, then the state in order.

        A decision that asks for review (after the conversation) is queued under the message's
        id when the moderator queues reviews (:attr:`Moderator.queues_reviews`)."""
        for index, message in enumerate(messages):
            _check(index, message)
        decisions = self._moderator.moderate_batch(
            [Message(m.text, AgeBand.parse(m.recipient_age_band), m.locale, m.country) for m in messages]
        )
        results = [self.apply(m, d) for m, d in zip(messages, decisions, strict=True)]
        if self._moderator.queues_reviews:
            for message, result in zip(messages, results, strict=True):
                self._moderator.queue_review_safely(result.decision, review_message(message))
        return results

    def apply(self, message: ChatMessage, decision: Decision) -> ConversationDecision:
        """Take the conversation into account for ``decision``, the per-message decision of
        ``message`` (for the reader's band), and record what the message showed.

        For callers that compute per-message decisions themselves (the sidecar batches them);
        they queue the decision's review themselves (:func:`review_message` gives the message).
        A store that cannot be reached is never raised (see the module's docstring).
        """
        _check(0, message)
        reader = AgeBand.parse(message.recipient_age_band)
        sender = None if message.sender_age_band is None else AgeBand.parse(message.sender_age_band)
        try:
            result = self._apply(message, decision, reader, sender)
        except StoreError as err:
            self._outage.began(err)
            return self._without_store(message, decision, reader, sender)
        self._outage.ended()
        return result

    def _without_store(
        self, message: ChatMessage, decision: Decision, reader: AgeBand, sender: AgeBand | None
    ) -> ConversationDecision:
        """The message-level decision, held fail-closed where the conversation matters."""
        matters = reader in _MINORS and sender not in _MINORS
        note = Reason(STORE_UNAVAILABLE, None, ReasonSource.CONVERSATION, Action.ALLOW)
        if matters:
            decided = self._moderator.hold(decision, note, country=message.country)
        elif decision.fail_closed:
            decided = decision
        else:
            decided = replace(decision, reasons=(*decision.reasons, note))
        if sender in _MINORS and reader in _MINORS:
            decided = self._moderator.cap(decided, Label.GROOMING, Action.WARN, country=message.country)
        return ConversationDecision(message.message_id, decided, 0.0, (), store_unavailable=True)

    def _apply(
        self, message: ChatMessage, decision: Decision, reader: AgeBand, sender: AgeBand | None
    ) -> ConversationDecision:
        now = message.timestamp if message.timestamp is not None else self._clock()
        rule = self._moderator.policy.band(reader).conversation
        new_stages = _stages_in(decision)
        key = _grooming_key(message)
        if new_stages:
            state = self._store.update(key, lambda s: _add_stages(s, new_stages, now, message.message_id))
        else:
            state = self._store.get(key) or {}
        seen = _last_seen(state)
        risk = grooming_risk(
            seen, now=now, half_life_s=rule.half_life_s, factor=pairing_factor(sender, reader)
        )
        reasons: list[Reason] = []
        if new_stages and not decision.fail_closed:
            reason = _grooming_reason(risk, rule, seen, state)
            if reason is not None:
                reasons.append(reason)
        if _is_hostile(decision):
            reasons.extend(self._hostility(message, now, rule))
        amended = self._moderator.amend(decision, reasons, country=message.country)
        if sender in _MINORS and reader in _MINORS:
            # Grooming is an adult grooming a child: between children the app says are children,
            # its signals ("how old is your sister") ask for a rethink at most, never an escalation.
            amended = self._moderator.cap(amended, Label.GROOMING, Action.WARN, country=message.country)
        stages = tuple(sorted(seen, key=lambda stage: seen[stage]))
        return ConversationDecision(message.message_id, amended, round(risk, 6), stages)

    def _hostility(self, message: ChatMessage, now: float, rule: ConversationRule) -> list[Reason]:
        key = f"h|{message.conversation_id}|{message.recipient or '*'}"

        def add(state: State | None) -> State:
            events = [e for e in (state or {}).get("events", []) if now - e[0] <= rule.hostility_window_s]
            events.append([now, message.sender, message.message_id])
            return {"events": events[-self._max_events :]}

        events = self._store.update(key, add)["events"]
        if len(events) < rule.hostility_messages:
            return []
        senders = {event[1] for event in events}
        code = "conversation.dogpiling" if len(senders) > 1 else "conversation.hostility"
        return [
            Reason(
                code,
                Label.BULLYING,
                ReasonSource.CONVERSATION,
                rule.hostility_action,
                evidence=tuple(str(event[2]) for event in events),
            )
        ]


class _Outage:
    """Logs when the store stops answering and when it answers again (never any text)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._since: float | None = None
        self._messages = 0

    def began(self, err: StoreError) -> None:
        with self._lock:
            self._messages += 1
            if self._since is not None:
                return
            self._since = time.monotonic()
        logger.error(
            "the conversation store is unavailable (%s): messages are decided without it, held "
            "fail-closed where an adult or unknown writer talks to a child, until it answers again",
            err,
        )

    def ended(self) -> None:
        if self._since is None:
            return
        with self._lock:
            if self._since is None:
                return
            seconds, messages = time.monotonic() - self._since, self._messages
            self._since, self._messages = None, 0
        logger.warning(
            "the conversation store answers again after %.1f s; %d messages were decided without it",
            seconds,
            messages,
        )


def review_message(message: ChatMessage) -> Message:
    """``message`` as the :class:`Message` a review of its decision is queued with: its text, its
    message id, its writer and its conversation."""
    return Message(
        message.text,
        AgeBand.parse(message.recipient_age_band),
        message.locale,
        message.country,
        message_id=message.message_id or None,
        sender_id=message.sender,
        conversation_id=message.conversation_id,
    )


def _check(index: int, message: ChatMessage) -> None:
    if not isinstance(message, ChatMessage):
        raise InvalidInputError(f"item {index}: expected ChatMessage, not {type(message).__name__}")
    if not isinstance(message.conversation_id, str) or not message.conversation_id:
        raise InvalidInputError(f"item {index}: conversation_id must be a non-empty string")
    if not isinstance(message.sender, str) or not message.sender:
        raise InvalidInputError(f"item {index}: sender must be a non-empty string")


def _grooming_key(message: ChatMessage) -> str:
    return f"g|{message.conversation_id}|{message.sender}|{message.recipient or '*'}"


def _stages_in(decision: Decision) -> list[GroomingStage]:
    stages: list[GroomingStage] = []
    for reason in decision.reasons:
        # a settled hit (".tempered") is a child telling of grooming, not a stage shown to them
        if reason.code.startswith(_GROOMING_RULE) and not reason.code.endswith(".tempered"):
            name = reason.code[len(_GROOMING_RULE) :].removesuffix(".corroborated")
            if name not in _STAGE_NAMES:  # a grooming hit with no stage (the grooming head's)
                continue
            stage = GroomingStage(name)
            if stage not in stages:
                stages.append(stage)
    return stages


def _add_stages(state: State | None, stages: list[GroomingStage], now: float, message_id: str) -> State:
    known: dict[str, dict[str, Any]] = dict((state or {}).get("stages", {}))
    for stage in stages:
        ids: list[str] = list(known.get(stage.value, {}).get("ids", []))
        if message_id:
            ids.append(message_id)
        known[stage.value] = {"t": now, "ids": ids[-_IDS_PER_STAGE:]}
    return {"stages": known}


def _last_seen(state: State) -> dict[GroomingStage, float]:
    return {GroomingStage(name): float(entry["t"]) for name, entry in state.get("stages", {}).items()}


def _grooming_reason(
    risk: float, rule: ConversationRule, seen: dict[GroomingStage, float], state: State
) -> Reason | None:
    if risk >= rule.grooming_escalate_risk:
        action, threshold = Action.ESCALATE, rule.grooming_escalate_risk
    elif risk >= rule.grooming_warn_risk:
        action, threshold = Action.WARN, rule.grooming_warn_risk
    else:
        return None
    evidence = [str(i) for entry in state.get("stages", {}).values() for i in entry.get("ids", [])]
    stages = "+".join(stage.value for stage in sorted(seen, key=lambda s: seen[s]))
    return Reason(
        f"conversation.grooming.{stages}",
        Label.GROOMING,
        ReasonSource.CONVERSATION,
        action,
        score=risk,
        threshold=threshold,
        evidence=tuple(dict.fromkeys(evidence)),
    )


def _is_hostile(decision: Decision) -> bool:
    return decision.action.severity >= Action.WARN.severity and any(
        label in _HOSTILE for label in decision.labels
    )
