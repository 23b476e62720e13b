"""The ``safechat.v1.Moderation`` servicer: validate, queue for the batcher, convert back.

A verdict of block is a successful call. Errors use the specific codes of CONVENTIONS.md:
INVALID_ARGUMENT (with ``google.rpc.BadRequest`` field violations, never the text),
RESOURCE_EXHAUSTED (queue full), DEADLINE_EXCEEDED, UNAVAILABLE (not ready or shutting down).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, TimeoutError
from functools import partial
from typing import Any, TypeVar

import grpc
from google.protobuf import any_pb2
from google.protobuf.message import DecodeError
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from safechat import Decision, Message, Moderator
from safechat.conversation import ConversationDecision, ConversationModerator
from safechat.conversation.tracker import review_message as chat_review_message
from safechat.errors import ReportStoreError
from safechat.reports.service import ReportFields, ReportService
from safechat.reports.types import ReportReceipt
from safechat.v1 import moderation_pb2 as pb
from safechat.v1 import moderation_pb2_grpc as pb_grpc
from safechat_server.batcher import MicroBatcher, Overloaded, Stopped
from safechat_server.convert import (
    FieldProblem,
    InvalidField,
    chat_message,
    decision_to_pb,
    message_from_request,
    review_message,
)
from safechat_server.metrics import Metrics
from safechat_server.reports import receipt_to_pb, report_fields
from safechat_server.settings import ServerSettings

logger = logging.getLogger("safechat.server")

_T = TypeVar("_T")

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Moderation"].full_name


class NotReady(RuntimeError):
    """The model has not finished loading."""


class ModerationServicer(pb_grpc.ModerationServicer):  # type: ignore[misc]
    """Serves moderation once :meth:`ready` has been given a batcher."""

    def __init__(self, settings: ServerSettings, metrics: Metrics) -> None:
        self._settings = settings
        self._metrics = metrics
        self._batcher: MicroBatcher | None = None
        self._conversations: ConversationModerator | None = None
        self._moderator: Moderator | None = None
        self._reports = ReportService(settings.report_store_url)  # opened on the first report

    def ready(
        self,
        batcher: MicroBatcher,
        conversations: ConversationModerator,
        *,
        moderator: Moderator | None = None,
    ) -> None:
        """Start answering calls: per-message decisions from ``batcher``, conversation state
        from ``conversations``, reports' evidence from ``moderator``."""
        self._conversations = conversations
        self._moderator = moderator
        self._metrics.store_up.set(1)  # the store answered when it was opened
        self._batcher = batcher

    def close(self) -> None:
        """Close the report store (after the listener has stopped)."""
        self._reports.close()

    def SubmitReport(  # noqa: N802
        self, request: pb.SubmitReportRequest, context: grpc.ServicerContext
    ) -> pb.SubmitReportResponse:
        fields = self._validated(context, lambda: report_fields(request, max_text_chars=self._max_chars))
        try:
            receipt = self.submit_report(fields)
        except NotReady:
            context.abort(grpc.StatusCode.UNAVAILABLE, "the model is still loading; retry the report")
        except ReportStoreError:
            context.abort(
                grpc.StatusCode.UNAVAILABLE, "the report was not stored; retry with the same idempotency_key"
            )
        return receipt_to_pb(receipt)

    def submit_report(self, fields: ReportFields) -> ReportReceipt:
        """Store a validated report (the gRPC and HTTP faces share this).

        Raises:
            NotReady: the model is still loading.
            ReportStoreError: the report was not stored; the client should retry with the same key.
        """
        moderator = self._moderator
        if moderator is None:
            self._metrics.rejected.labels(reason="not_ready").inc()
            raise NotReady("the model is still loading")
        try:
            return self._reports.submit(moderator, fields)
        except ReportStoreError:
            logger.error("a report could not be stored; the client is told to retry")
            self._metrics.rejected.labels(reason="report_store").inc()
            raise

    def queue_review(self, decision: Decision, message: Message) -> None:
        """Queue a decision that asks for review in the report store, under the message's id (the
        gRPC and HTTP faces share this). Nothing without a review or a message id. A store that
        fails is logged and counted, never raised: the decision still goes back to the app."""
        if decision.review is None or not message.message_id:
            return
        try:
            self._reports.queue_review(
                decision,
                text=message.text,
                message_id=message.message_id,
                sender_id=message.sender_id,
                conversation_id=message.conversation_id,
            )
        except ReportStoreError:
            logger.error("a %s review could not be queued; the decision is answered", decision.review.value)
            self._metrics.reviews.labels(review=decision.review.value, outcome="failed").inc()
            return
        self._metrics.reviews.labels(review=decision.review.value, outcome="queued").inc()

    def Moderate(self, request: pb.ModerateRequest, context: grpc.ServicerContext) -> pb.ModerateResponse:  # noqa: N802
        self._check_budget(context)
        message = self._validated(
            context, lambda: message_from_request(request, max_text_chars=self._max_chars)
        )
        (decision,) = self._decide([message], context)
        self.queue_review(decision, _with_ids(message, request))
        return pb.ModerateResponse(decision=decision_to_pb(decision, message_id=request.message_id))

    def ModerateBatch(  # noqa: N802
        self, request: pb.ModerateBatchRequest, context: grpc.ServicerContext
    ) -> pb.ModerateBatchResponse:
        self._check_budget(context)
        limit = self._settings.grpc.max_batch_messages
        if len(request.messages) > limit:
            self._invalid(
                context,
                [FieldProblem("messages", f"has {len(request.messages)} items; the limit is {limit}")],
            )
        messages = [
            self._validated(
                context,
                partial(message_from_request, r, max_text_chars=self._max_chars, field=f"messages[{i}]"),
            )
            for i, r in enumerate(request.messages)
        ]
        decisions = self._decide(messages, context) if messages else []
        for message, decision, item in zip(messages, decisions, request.messages, strict=True):
            self.queue_review(decision, _with_ids(message, item))
        return pb.ModerateBatchResponse(
            decisions=[
                decision_to_pb(d, message_id=r.message_id)
                for d, r in zip(decisions, request.messages, strict=True)
            ]
        )

    def ModerateConversation(  # noqa: N802
        self, request_iterator: Iterator[pb.ConversationMessage], context: grpc.ServicerContext
    ) -> Iterator[pb.ConversationDecision]:
        for index, item in enumerate(request_iterator):
            if not context.is_active():
                return
            self._check_budget(context)
            chat = self._validated(context, partial(chat_message, item, index, self._max_chars))
            message = Message(chat.text, chat.recipient_age_band, chat.locale, chat.country)
            (decision,) = self._decide([message], context)
            # a store that cannot be reached is not raised: the message-level decision, held
            # fail-closed where an adult or unknown writer talks to a child (the tracker logs it)
            result = self._conversations.apply(chat, decision)  # type: ignore[union-attr]
            self._observe_store(result)
            self.queue_review(result.decision, chat_review_message(chat))
            yield pb.ConversationDecision(
                conversation_id=item.conversation_id,
                message_id=item.message_id,
                decision=decision_to_pb(result.decision, message_id=item.message_id),
                conversation_risk=result.conversation_risk,
                stages=[stage.value for stage in result.stages],
            )

    def _observe_store(self, result: ConversationDecision) -> None:
        if result.store_unavailable:
            outcome = "held" if result.decision.fail_closed else "message"
            self._metrics.store_unavailable.labels(outcome=outcome).inc()
            self._metrics.store_up.set(0)
        else:
            self._metrics.store_up.set(1)

    @property
    def _max_chars(self) -> int:
        return self._settings.grpc.max_text_chars

    def _validated(self, context: grpc.ServicerContext, build: Callable[[], _T]) -> _T:
        try:
            return build()
        except InvalidField as err:
            self._invalid(context, [err.problem])
            raise  # unreachable: abort raises

    def _invalid(self, context: grpc.ServicerContext, problems: Sequence[FieldProblem]) -> None:
        self._metrics.rejected.labels(reason="invalid").inc()
        bad = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=p.field, description=p.description)
                for p in problems
            ]
        )
        detail = any_pb2.Any()
        detail.Pack(bad)
        summary = "; ".join(f"{p.field} {p.description}" for p in problems)
        status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message=summary, details=[detail])
        context.abort_with_status(rpc_status.to_status(status))

    def _check_budget(self, context: grpc.ServicerContext) -> None:
        remaining = context.time_remaining()
        if remaining is not None and remaining * 1000 < self._settings.batch.min_budget_ms:
            self._metrics.rejected.labels(reason="deadline").inc()
            context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline leaves no time to moderate")

    def _decide(self, messages: list[Message], context: grpc.ServicerContext) -> list[Decision]:
        batcher = self._batcher
        if batcher is None:
            self._metrics.rejected.labels(reason="not_ready").inc()
            context.abort(grpc.StatusCode.UNAVAILABLE, "the model is still loading")
        try:
            future = batcher.submit(messages)  # type: ignore[union-attr]
        except Overloaded:
            self._metrics.rejected.labels(reason="overloaded").inc()
            context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "too many messages waiting; retry with backoff")
        except Stopped:
            context.abort(grpc.StatusCode.UNAVAILABLE, "shutting down")
        context.add_callback(future.cancel)
        try:
            decisions = future.result(timeout=context.time_remaining())
        except TimeoutError:
            future.cancel()
            self._metrics.rejected.labels(reason="deadline").inc()
            context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "moderation did not finish before the deadline")
        except CancelledError:
            context.abort(grpc.StatusCode.CANCELLED, "the call was cancelled")
        except Exception:
            logger.exception("moderation failed for a call of %d messages", len(messages))
            context.abort(grpc.StatusCode.INTERNAL, "moderation failed")
        for decision in decisions:
            self._metrics.observe_decision(decision)
        return decisions


def _with_ids(message: Message, request: pb.ModerateRequest) -> Message:
    return review_message(
        message,
        message_id=request.message_id,
        sender_id=request.sender_id,
        conversation_id=request.conversation_id,
    )


def _parse(message_type: type[_T], data: bytes, context: grpc.ServicerContext) -> _T:
    """Decode a request ourselves, so a malformed one (e.g. text that is not UTF-8) is
    INVALID_ARGUMENT rather than the INTERNAL that gRPC gives for a failed deserialiser."""
    try:
        return message_type.FromString(data)  # type: ignore[attr-defined,no-any-return]
    except DecodeError:
        context.abort(
            grpc.StatusCode.INVALID_ARGUMENT,
            "the request is not valid safechat.v1 protobuf (strings must be valid UTF-8)",
        )
        raise  # unreachable: abort raises


def add_to_server(servicer: ModerationServicer, server: grpc.Server) -> None:
    """Register ``servicer`` with requests decoded by :func:`_parse`."""

    def unary(
        method: Callable[[Any, grpc.ServicerContext], Any], request_type: type
    ) -> grpc.RpcMethodHandler:
        def behaviour(data: bytes, context: grpc.ServicerContext) -> Any:
            return method(_parse(request_type, data, context), context)

        return grpc.unary_unary_rpc_method_handler(
            behaviour, request_deserializer=None, response_serializer=lambda m: m.SerializeToString()
        )

    def stream(data: Iterator[bytes], context: grpc.ServicerContext) -> Iterator[pb.ConversationDecision]:
        requests = (_parse(pb.ConversationMessage, item, context) for item in data)
        yield from servicer.ModerateConversation(requests, context)

    handlers = {
        "Moderate": unary(servicer.Moderate, pb.ModerateRequest),
        "ModerateBatch": unary(servicer.ModerateBatch, pb.ModerateBatchRequest),
        "SubmitReport": unary(servicer.SubmitReport, pb.SubmitReportRequest),
        "ModerateConversation": grpc.stream_stream_rpc_method_handler(
            stream, request_deserializer=None, response_serializer=lambda m: m.SerializeToString()
        ),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
