"""The HTTP/JSON face of the sidecar, on the same engine (the same micro-batcher) as gRPC.

Routes: ``POST /v1/moderate``, ``POST /v1/moderate:batch``, ``POST /v1alpha1/comments:analyze``
(Perspective-compatible), ``GET /healthz`` (alive), ``GET /readyz`` (model loaded and warmed up),
``GET /openapi.json``. The same limits, token check and metrics as gRPC; the body limit holds
while the body streams in (:mod:`safechat_server.limits`). Errors are JSON in
Google's style: ``{"error": {"code", "message", "status", "details"}}``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from safechat import Coverage, Decision, Message
from safechat.cli.render import decision_json, prompt_json
from safechat.errors import ReportStoreError
from safechat.reports.service import InvalidReportField, ReportFields, validate
from safechat.reports.types import MAX_CONTEXT_MESSAGES, MAX_DETAILS_CHARS, MAX_ID_CHARS, ReportReceipt
from safechat_server import perspective
from safechat_server.batcher import MicroBatcher, Overloaded, Stopped
from safechat_server.console import Console
from safechat_server.limits import BodyLimit
from safechat_server.metrics import Metrics
from safechat_server.servicer import NotReady
from safechat_server.settings import ServerSettings

logger = logging.getLogger("safechat.server")

_OPEN_PATHS = ("/healthz", "/readyz", "/openapi.json", "/docs", "/docs/oauth2-redirect")
_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "RESOURCE_EXHAUSTED",
    429: "RESOURCE_EXHAUSTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
    500: "INTERNAL",
}


class ApiError(Exception):
    def __init__(self, code: int, message: str, details: Sequence[dict[str, Any]] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = list(details)


def _error(code: int, message: str, details: Sequence[dict[str, Any]] = ()) -> JSONResponse:
    body = {
        "error": {
            "code": code,
            "message": message,
            "status": _STATUS.get(code, "UNKNOWN"),
            "details": list(details),
        }
    }
    return JSONResponse(body, status_code=code)


class ModerateBody(BaseModel):
    """One message to moderate."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1, description="The message as the sender wrote it; the per-text limit applies."
    )
    age_band: Literal["under_13", "13_15", "16_17", "adult"] | None = Field(
        default=None, description="The band of the youngest reader; absent means under_13."
    )
    locale: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_-]{1,35}$",
        description="Prompt language, e.g. fr-BE; absent: the message's own language if known, else en.",
    )
    country: str | None = Field(
        default=None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 for the helpline."
    )
    message_id: str = Field(
        default="",
        max_length=MAX_ID_CHARS,
        description="Echoed in the decision. A decision that asks for review is queued under it, once.",
    )
    sender_id: str = Field(default="", max_length=MAX_ID_CHARS, description="The writer, kept with a review.")
    conversation_id: str = Field(
        default="", max_length=MAX_ID_CHARS, description="The conversation, kept with a review."
    )


class BatchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    messages: list[ModerateBody]


class ReportBody(BaseModel):
    """A child's report (see ``Moderator.report``)."""

    model_config = ConfigDict(extra="forbid")

    reporter_id: str = Field(
        max_length=MAX_ID_CHARS, pattern=r"\S", description="The reporting child's id, as the app knows it."
    )
    reported_id: str = Field(max_length=MAX_ID_CHARS, pattern=r"\S", description="The reported user's id.")
    reason: Literal["bullying", "hate", "threat", "sexual", "grooming", "self_harm", "pii", "spam", "other"]
    details: str | None = Field(
        default=None, max_length=MAX_DETAILS_CHARS, description="The child's own words."
    )
    conversation_id: str | None = Field(default=None, max_length=MAX_ID_CHARS)
    message_id: str | None = Field(default=None, max_length=MAX_ID_CHARS)
    text: str | None = Field(default=None, description="The reported message.")
    context: list[str] = Field(
        default_factory=list, max_length=MAX_CONTEXT_MESSAGES, description="Earlier messages, oldest first."
    )
    age_band: Literal["under_13", "13_15", "16_17", "adult"] | None = None
    locale: str = Field(default="en", pattern=r"^[A-Za-z0-9_-]{1,35}$")
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
    idempotency_key: str | None = Field(
        default=None, max_length=MAX_ID_CHARS, description="A retry with the same key is stored once."
    )


class ReceiptOut(BaseModel):
    report_id: str
    received_at: str
    status: str
    acknowledgement: dict[str, Any] | None


class ErrorBody(BaseModel):
    error: dict[str, Any]


class DecisionOut(BaseModel):
    """The decision for one message (see the Python API's Decision)."""

    action: Literal["allow", "mask", "warn", "block", "escalate"]
    scores: dict[str, float | None]
    labels: list[str]
    reasons: list[dict[str, Any]]
    masked_text: str | None
    support: bool
    sender_prompt: dict[str, Any] | None
    recipient_prompt: dict[str, Any] | None
    age_band: str
    locale: str
    evasions: list[str]
    model_version: str
    policy_version: str
    fail_closed: bool
    language: str | None
    review: Literal["routine", "urgent"] | None
    coverage: Literal["trained", "zero_shot", "none"] = Field(
        description="Whether a model could read the message's language; with none, no model "
        "scored it (scores null) and the band's unread action applied (reason model.unread)."
    )
    message_id: str


class ModerateOut(BaseModel):
    decision: DecisionOut


class BatchOut(BaseModel):
    decisions: list[DecisionOut]


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 413, 429, 503, 504)
}


class HttpFront:
    """Builds the FastAPI app over a sidecar's batcher (``None`` until the model is ready)."""

    def __init__(self, settings: ServerSettings, metrics: Metrics, *, console: Console | None = None) -> None:
        self._settings = settings
        self._metrics = metrics
        self.batcher: MicroBatcher | None = None
        self.submit_report: Callable[[ReportFields], ReportReceipt] | None = None
        self.queue_review: Callable[[Decision, Message], None] | None = None
        self.console = console
        self.app = self._build()

    def _decide(self, messages: list[Message]) -> list[Decision]:
        batcher = self.batcher
        if batcher is None:
            raise ApiError(503, "the model is still loading")
        try:
            future = batcher.submit(messages)
        except Overloaded:
            self._metrics.rejected.labels(reason="overloaded").inc()
            raise ApiError(429, "too many messages waiting; retry with backoff") from None
        except Stopped:
            raise ApiError(503, "shutting down") from None
        try:
            decisions = future.result(timeout=self._settings.http.timeout_s)
        except TimeoutError:
            future.cancel()
            self._metrics.rejected.labels(reason="deadline").inc()
            raise ApiError(504, "moderation did not finish in time") from None
        for decision in decisions:
            self._metrics.observe_decision(decision)
        return decisions

    def _queue(self, decisions: Sequence[Decision], bodies: Sequence[ModerateBody]) -> None:
        """Queue the decisions that ask for review, under their message ids."""
        queue = self.queue_review
        if queue is None:
            return
        for decision, body in zip(decisions, bodies, strict=True):
            if decision.review is not None and body.message_id:
                ids = Message(
                    body.text,
                    body.age_band,
                    body.locale,
                    body.country,
                    message_id=body.message_id,
                    sender_id=body.sender_id or None,
                    conversation_id=body.conversation_id or None,
                )
                queue(decision, ids)

    def _message(self, body: ModerateBody, field: str) -> Message:
        limit = self._settings.grpc.max_text_chars
        if len(body.text) > limit:
            description = f"is {len(body.text)} characters; the limit is {limit}"
            raise ApiError(400, f"{field}text {description}", [_violation(f"{field}text", description)])
        return Message(body.text, body.age_band, body.locale, body.country)

    def _authorised(self, request: Request) -> bool:
        token = self._settings.token
        if token is None:
            return True
        expected = token.get_secret_value()
        given = request.query_params.get("key") or ""
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer "):
            given = header[len("Bearer ") :]
        return hmac.compare_digest(given.encode(), expected.encode())

    def _build(self) -> FastAPI:
        app = FastAPI(
            title="safechat",
            version="1",
            description="Moderation for children's chat: the HTTP/JSON face of the safechat sidecar.",
        )
        max_bytes = self._settings.grpc.max_receive_bytes
        front = self

        @app.middleware("http")
        async def guard(request: Request, call_next: Any) -> Any:
            path = request.url.path
            console = path == "/console" or path.startswith("/console/")  # its own sign-in
            if path not in _OPEN_PATHS and not console and not front._authorised(request):
                if path.startswith("/v1alpha1/"):
                    return _error(
                        400,
                        "API key not valid. Please pass a valid API key.",
                        [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}],
                    )
                return _error(401, "missing or wrong bearer token")
            response = await call_next(request)
            front._metrics.http_requests.labels(route=_route(path), code=str(response.status_code)).inc()
            return response

        # outermost (added last): no body over the limit, or slower than the timeout, gets in
        app.add_middleware(
            BodyLimit,
            max_bytes=max_bytes,
            body_timeout_s=self._settings.http.body_timeout_s,
            on_reject=lambda reason: front._metrics.rejected.labels(reason=reason).inc(),
        )

        @app.exception_handler(ApiError)
        async def api_error(request: Request, err: ApiError) -> JSONResponse:
            if err.code == 400:
                front._metrics.rejected.labels(reason="invalid").inc()
            return _error(err.code, err.message, err.details)

        @app.exception_handler(perspective.PerspectiveError)
        async def perspective_error(request: Request, err: perspective.PerspectiveError) -> JSONResponse:
            return JSONResponse(err.body(), status_code=400)

        @app.exception_handler(RequestValidationError)
        async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
            front._metrics.rejected.labels(reason="invalid").inc()
            violations = [
                _violation(
                    ".".join(str(p) for p in problem["loc"] if p != "body") or "(body)", str(problem["msg"])
                )
                for problem in err.errors()
            ]
            summary = "; ".join(
                f"{v['fieldViolations'][0]['field']}: {v['fieldViolations'][0]['description']}"
                for v in violations
            )
            return _error(400, summary or "invalid request", violations)

        @app.exception_handler(StarletteHTTPException)
        async def http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
            return _error(err.status_code, str(err.detail))

        if self.console is not None:
            self.console.install(app)

        @app.get("/healthz", summary="Alive", responses={200: {"description": "the process is alive"}})
        def healthz() -> dict[str, str]:
            return {"status": "alive"}

        @app.get("/readyz", summary="Ready", responses={503: {"model": ErrorBody}})
        def readyz() -> Any:
            if front.batcher is None:
                return _error(503, "the model is still loading")
            return {"status": "ready"}

        @app.post(
            "/v1/moderate", response_model=ModerateOut, responses=_ERRORS, summary="Moderate one message"
        )
        def moderate(body: ModerateBody) -> dict[str, Any]:
            (decision,) = front._decide([front._message(body, "")])
            front._queue([decision], [body])
            return {"decision": {**decision_json(decision), "message_id": body.message_id}}

        @app.post(
            "/v1/moderate:batch", response_model=BatchOut, responses=_ERRORS, summary="Moderate many messages"
        )
        def moderate_batch(body: BatchBody) -> dict[str, Any]:
            limit = front._settings.grpc.max_batch_messages
            if len(body.messages) > limit:
                description = f"has {len(body.messages)} items; the limit is {limit}"
                raise ApiError(400, f"messages {description}", [_violation("messages", description)])
            messages = [front._message(m, f"messages[{i}].") for i, m in enumerate(body.messages)]
            decisions = front._decide(messages) if messages else []
            front._queue(decisions, body.messages)
            return {
                "decisions": [
                    {**decision_json(d), "message_id": m.message_id}
                    for d, m in zip(decisions, body.messages, strict=True)
                ]
            }

        @app.post(
            "/v1/reports", response_model=ReceiptOut, responses=_ERRORS, summary="Report a message or a user"
        )
        def report(body: ReportBody) -> dict[str, Any]:
            submit = front.submit_report
            if submit is None:
                raise ApiError(503, "the model is still loading; retry the report")
            try:
                fields = validate(
                    **body.model_dump(exclude={"age_band"}),
                    age_band=body.age_band,
                    max_text_chars=front._settings.grpc.max_text_chars,
                )
            except InvalidReportField as err:
                raise ApiError(
                    400, f"{err.field} {err.problem}", [_violation(err.field, err.problem)]
                ) from None
            try:
                receipt = submit(fields)
            except (NotReady, ReportStoreError):
                raise ApiError(
                    503, "the report was not stored; retry with the same idempotency_key"
                ) from None
            return {
                "report_id": receipt.report_id,
                "received_at": receipt.received_at,
                "status": receipt.status.value,
                "acknowledgement": prompt_json(receipt.acknowledgement),
            }

        @app.post(
            "/v1alpha1/comments:analyze",
            summary="Perspective-compatible analysis",
            responses={400: {"model": ErrorBody}, 503: {"model": ErrorBody}},
        )
        def analyze(body: perspective.PerspectiveRequest) -> dict[str, Any]:
            perspective.check_languages(body)
            text = body.comment.text
            limit = front._settings.grpc.max_text_chars
            if len(text) > limit:
                raise perspective.PerspectiveError(
                    f"Comment text too long: {len(text)} characters; the limit is {limit}.",
                    error_type="COMMENT_TOO_LONG",
                )
            spans = perspective.sentences(text) if body.spanAnnotations else []
            messages = [Message(text, "adult")] + [Message(text[b:e], "adult") for b, e in spans]
            decisions = front._decide(messages)
            _check_readable(decisions[0], body)
            summary = _scores(decisions[0])
            span_scores = [  # a sentence no model can read has no score to give
                (b, e, _scores(d)) for (b, e), d in zip(spans, decisions[1:], strict=True) if not _unread(d)
            ]
            return perspective.response(body, summary, span_scores, decisions[0].language)

        return app


def _unread(decision: Decision) -> bool:
    """True when no model could read the text (coverage none): it has no scores to give."""
    return decision.coverage is Coverage.NONE and not decision.fail_closed


def _check_readable(decision: Decision, body: perspective.PerspectiveRequest) -> None:
    """Perspective's answer to a language it does not support, for a comment no model can read.

    Raises:
        perspective.PerspectiveError: ``LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE``.
    """
    if not _unread(decision):
        return
    attribute = next(iter(body.requestedAttributes))
    detected = [decision.language] if decision.language else []
    raise perspective.PerspectiveError(
        f"Attribute {attribute} does not support request languages: {decision.language or 'und'}",
        error_type="LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
        extra={
            "languageNotSupportedByAttributeError": {"detectedLanguages": detected, "attribute": attribute}
        },
    )


def _scores(decision: Decision) -> Any:
    if decision.scores is None:
        raise ApiError(503, "the model failed; try again")
    return decision.scores


def _violation(field: str, description: str) -> dict[str, Any]:
    return {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        "fieldViolations": [{"field": field, "description": description}],
    }


def _route(path: str) -> str:
    known = (
        "/v1/moderate",
        "/v1/moderate:batch",
        "/v1/reports",
        "/v1alpha1/comments:analyze",
        "/healthz",
        "/readyz",
    )
    if path == "/console" or path.startswith("/console/"):
        return "/console"
    return path if path in known else "other"
