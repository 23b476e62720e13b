"""Where decisions come from: the safechat sidecar over gRPC, or the SDK in Synapse's process.

Both take a :class:`~safechat.conversation.ChatMessage` (conversation = Matrix room, sender =
Matrix user) and answer a :class:`~safechat_matrix.outcome.Verdict` within ``timeout_s``, or
raise :class:`ModerationFailed`. Calls block: the module runs them on Synapse's thread pool.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from safechat import Action, AgeBand, Helpline, Label, Prompt, PromptOption, Role
from safechat.conversation import ChatMessage
from safechat.errors import InvalidInputError, SafechatError
from safechat.reports.service import ReportFields
from safechat_matrix.outcome import Verdict

if TYPE_CHECKING:
    import grpc

    from safechat import Decision, Moderator
    from safechat.conversation import ConversationModerator
    from safechat.v1 import moderation_pb2 as pb

logger = logging.getLogger("safechat.matrix")


class ModerationFailed(SafechatError):
    """No verdict: ``kind`` is ``"unavailable"`` (down, slow, overloaded, failing) or
    ``"invalid"`` (the message cannot be checked, e.g. too long). Never carries message text."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


class ReportFailed(SafechatError):
    """A report was not stored; forward it again later (same idempotency key)."""


@dataclass(frozen=True, slots=True)
class Filed:
    """A stored report: its id and what to tell the reporter."""

    report_id: str
    acknowledgement: Prompt


class Backend(Protocol):
    """Decides messages and files reports (blocking calls, bounded by the backend's timeout)."""

    def moderate(self, message: ChatMessage) -> Verdict:
        """The verdict on ``message`` in its conversation.

        Raises:
            ModerationFailed: no verdict within the timeout, or none possible.
        """
        ...

    def report(self, fields: ReportFields) -> Filed:
        """Store a report durably.

        Raises:
            ReportFailed: it was not stored.
        """
        ...

    def close(self) -> None:
        """Release connections and threads."""
        ...


def verdict_of(decision: Decision) -> Verdict:
    """The verdict for a library decision."""
    return Verdict(
        action=decision.action,
        masked_text=decision.masked_text,
        sender_prompt=decision.sender_prompt,
        recipient_prompt=decision.recipient_prompt,
        fail_closed=decision.fail_closed,
    )


class InProcessBackend:
    """The safechat SDK inside Synapse: a :class:`~safechat.Moderator` and a
    :class:`~safechat.conversation.ConversationModerator` on this process's memory or Redis."""

    def __init__(
        self,
        moderator: Moderator,
        conversations: ConversationModerator,
        *,
        timeout_s: float,
        workers: int = 4,
    ) -> None:
        self._moderator = moderator
        self._conversations = conversations
        self._timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="safechat-matrix")

    def moderate(self, message: ChatMessage) -> Verdict:
        future = self._pool.submit(self._conversations.moderate, message)
        try:
            result = future.result(timeout=self._timeout_s)
        except FutureTimeout:
            future.cancel()
            raise ModerationFailed("unavailable", f"no decision within {self._timeout_s} s") from None
        except InvalidInputError as err:
            raise ModerationFailed("invalid", type(err).__name__) from None
        except Exception as err:  # a bug must not let a message through to a child
            raise ModerationFailed("unavailable", type(err).__name__) from None
        return verdict_of(result.decision)

    def report(self, fields: ReportFields) -> Filed:
        try:
            receipt = self._moderator.report(
                reporter_id=fields.reporter_id,
                reported_id=fields.reported_id,
                reason=fields.reason,
                conversation_id=fields.conversation_id,
                message_id=fields.message_id,
                text=fields.text,
                age_band=fields.age_band,
                locale=fields.locale,
                idempotency_key=fields.idempotency_key,
                context=fields.context,
                details=fields.details,
                country=fields.country,
            )
        except SafechatError as err:
            raise ReportFailed(type(err).__name__) from None
        return Filed(receipt.report_id, receipt.acknowledgement)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


_BANDS_TO_PB = {
    AgeBand.UNDER_13: "AGE_BAND_UNDER_13",
    AgeBand.AGE_13_15: "AGE_BAND_13_15",
    AgeBand.AGE_16_17: "AGE_BAND_16_17",
    AgeBand.ADULT: "AGE_BAND_ADULT",
}
_INVALID_CODES = ("INVALID_ARGUMENT", "OUT_OF_RANGE")


class GrpcBackend:
    """The safechat sidecar, over one gRPC channel; every call carries a ``timeout_s`` deadline.

    Each message goes through ``ModerateConversation`` with ``conversation_id`` = the room and
    ``sender`` = the Matrix user, so the sidecar's conversation state (grooming stages,
    hostility) is kept per room and sender. Reconnection backoff is kept short, so that a
    restarted sidecar is used again within seconds.
    """

    def __init__(self, address: str, *, timeout_s: float, token: str | None = None) -> None:
        import grpc

        from safechat.v1 import moderation_pb2 as pb
        from safechat.v1 import moderation_pb2_grpc as pb_grpc

        self._pb = pb
        self._grpc = grpc
        self._timeout_s = timeout_s
        self._metadata = (("authorization", f"Bearer {token}"),) if token else ()
        self._channel: grpc.Channel = grpc.insecure_channel(
            address,
            options=[
                ("grpc.initial_reconnect_backoff_ms", 200),
                ("grpc.min_reconnect_backoff_ms", 200),
                ("grpc.max_reconnect_backoff_ms", 2000),
                ("grpc.keepalive_time_ms", 60_000),
            ],
        )
        self._stub = pb_grpc.ModerationStub(self._channel)

    def moderate(self, message: ChatMessage) -> Verdict:
        pb = self._pb
        item = pb.ConversationMessage(
            conversation_id=message.conversation_id,
            message_id=message.message_id,
            sender=message.sender,
            recipient=message.recipient or "",
            recipient_age_band=self._band(message.recipient_age_band),
            text=message.text,
            locale=message.locale or "",
            country=message.country or "",
            timestamp=message.timestamp or 0.0,
        )
        if message.sender_age_band is not None:
            item.sender_age_band = self._band(message.sender_age_band)
        try:
            answers = self._stub.ModerateConversation(
                iter((item,)), timeout=self._timeout_s, metadata=self._metadata
            )
            answer = next(answers)
            answers.cancel()
        except self._grpc.RpcError as err:
            raise self._failed(err) from None
        except StopIteration:
            raise ModerationFailed("unavailable", "the sidecar answered nothing") from None
        return self._verdict(answer.decision)

    def report(self, fields: ReportFields) -> Filed:
        pb = self._pb
        request = pb.SubmitReportRequest(
            reporter_id=fields.reporter_id,
            reported_id=fields.reported_id,
            reason=pb.ReportReason.Value(f"REPORT_REASON_{fields.reason.name}"),
            details=fields.details or "",
            conversation_id=fields.conversation_id or "",
            message_id=fields.message_id or "",
            text=fields.text or "",
            context=list(fields.context),
            age_band=self._band(fields.age_band),
            locale=fields.locale,
            country=fields.country or "",
            idempotency_key=fields.idempotency_key or "",
        )
        try:
            # storing a report may take longer than deciding a message; it runs in the background
            response = self._stub.SubmitReport(
                request, timeout=max(self._timeout_s, 10.0), metadata=self._metadata
            )
        except self._grpc.RpcError as err:
            raise ReportFailed(str(self._code(err))) from None
        return Filed(response.report_id, self._prompt(response.acknowledgement))

    def close(self) -> None:
        self._channel.close()

    def _band(self, band: AgeBand | str | None) -> int:
        return int(self._pb.AgeBand.Value(_BANDS_TO_PB[AgeBand.parse(band)]))

    def _code(self, err: grpc.RpcError) -> str:
        code = err.code() if callable(getattr(err, "code", None)) else None
        return code.name if code is not None else "UNKNOWN"

    def _failed(self, err: grpc.RpcError) -> ModerationFailed:
        code = self._code(err)
        kind = "invalid" if code in _INVALID_CODES else "unavailable"
        return ModerationFailed(kind, f"the sidecar answered {code}")

    def _verdict(self, decision: pb.Decision) -> Verdict:
        pb = self._pb
        action = Action[pb.Action.Name(decision.action).removeprefix("ACTION_")]
        return Verdict(
            action=action,
            masked_text=decision.masked_text if decision.HasField("masked_text") else None,
            sender_prompt=self._prompt(decision.sender_prompt)
            if decision.HasField("sender_prompt")
            else None,
            recipient_prompt=(
                self._prompt(decision.recipient_prompt) if decision.HasField("recipient_prompt") else None
            ),
            fail_closed=decision.fail_closed,
        )

    def _prompt(self, prompt: pb.Prompt) -> Prompt:
        pb = self._pb
        label_name = pb.Label.Name(prompt.label).removeprefix("LABEL_")
        helpline = None
        if prompt.HasField("helpline"):
            h = prompt.helpline
            helpline = Helpline(h.country, h.name, h.phone or None, h.url or None, h.hours or None)
        options = []
        for option in prompt.options:
            name = pb.PromptOption.Name(option).removeprefix("PROMPT_OPTION_")
            if name in PromptOption.__members__:
                options.append(PromptOption[name])
        band_name = pb.AgeBand.Name(prompt.age_band)
        band = next((b for b, n in _BANDS_TO_PB.items() if n == band_name), AgeBand.UNDER_13)
        return Prompt(
            label=Label[label_name] if label_name in Label.__members__ else None,
            role=Role.RECIPIENT if prompt.role == pb.ROLE_RECIPIENT else Role.SENDER,
            locale=prompt.locale,
            age_band=band,
            text=prompt.text,
            rule=prompt.rule,
            options=tuple(options),
            helpline=helpline,
        )
