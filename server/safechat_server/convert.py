"""Conversion between protobuf messages and safechat's types. No logic of its own."""

from __future__ import annotations

from dataclasses import dataclass, replace

from safechat import (
    Action,
    AgeBand,
    Coverage,
    Decision,
    Label,
    Message,
    Prompt,
    PromptOption,
    Reason,
    ReasonSource,
    Review,
    Role,
)
from safechat.conversation import ChatMessage
from safechat.reports.types import MAX_ID_CHARS
from safechat.v1 import moderation_pb2 as pb

_BANDS = {
    pb.AGE_BAND_UNDER_13: AgeBand.UNDER_13,
    pb.AGE_BAND_13_15: AgeBand.AGE_13_15,
    pb.AGE_BAND_16_17: AgeBand.AGE_16_17,
    pb.AGE_BAND_ADULT: AgeBand.ADULT,
}
_BANDS_TO_PB = {band: number for number, band in _BANDS.items()}
_ACTIONS = {
    Action.ALLOW: pb.ACTION_ALLOW,
    Action.MASK: pb.ACTION_MASK,
    Action.WARN: pb.ACTION_WARN,
    Action.BLOCK: pb.ACTION_BLOCK,
    Action.ESCALATE: pb.ACTION_ESCALATE,
}
_LABELS = {label: pb.Label.Value(f"LABEL_{label.name}") for label in Label}
_SOURCES = {source: pb.ReasonSource.Value(f"REASON_SOURCE_{source.name}") for source in ReasonSource}
_ROLES = {Role.SENDER: pb.ROLE_SENDER, Role.RECIPIENT: pb.ROLE_RECIPIENT}
_OPTIONS = {option: pb.PromptOption.Value(f"PROMPT_OPTION_{option.name}") for option in PromptOption}
_REVIEWS: dict[Review | None, pb.Review] = {
    None: pb.REVIEW_NONE,
    Review.ROUTINE: pb.REVIEW_ROUTINE,
    Review.URGENT: pb.REVIEW_URGENT,
}


_COVERAGES: dict[Coverage, pb.Coverage] = {
    Coverage.TRAINED: pb.COVERAGE_TRAINED,
    Coverage.ZERO_SHOT: pb.COVERAGE_ZERO_SHOT,
    Coverage.NONE: pb.COVERAGE_NONE,
}


def coverage_to_pb(coverage: Coverage) -> pb.Coverage:
    """The protobuf value of a decision's coverage (never ``COVERAGE_UNSPECIFIED``)."""
    return _COVERAGES[coverage]


def review_to_pb(review: Review | None) -> pb.Review:
    """The protobuf value of a review; ``REVIEW_NONE`` (0) for none."""
    return _REVIEWS[review]


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One invalid request field, for a ``google.rpc.BadRequest`` field violation."""

    field: str
    description: str


def age_band(number: int, field: str) -> AgeBand:
    """The band for an enum number; an undefined number is a :class:`FieldProblem`."""
    band: AgeBand | None = _BANDS.get(number)  # type: ignore[call-overload]
    if band is None:
        raise InvalidField(FieldProblem(field, f"unknown age band {number}"))
    return band


class InvalidField(ValueError):
    """A request field that cannot be used; carries the :class:`FieldProblem`."""

    def __init__(self, problem: FieldProblem) -> None:
        super().__init__(f"{problem.field}: {problem.description}")
        self.problem = problem


def message_from_request(request: pb.ModerateRequest, *, max_text_chars: int, field: str = "") -> Message:
    """The library message for a request (without its ids: see :func:`review_message`).

    Raises:
        InvalidField: empty or over-long text, an unknown age band, a malformed locale, an id
            longer than 256 characters.
    """
    prefix = f"{field}." if field else ""
    for name in ("message_id", "sender_id", "conversation_id"):
        check_id(getattr(request, name), f"{prefix}{name}")
    return to_message(
        text=request.text,
        band=age_band(request.age_band, f"{prefix}age_band"),
        locale=request.locale,
        country=request.country,
        max_text_chars=max_text_chars,
        prefix=prefix,
    )


def review_message(message: Message, *, message_id: str, sender_id: str, conversation_id: str) -> Message:
    """``message`` with the ids a review of its decision is queued with (empty: none)."""
    return replace(
        message,
        message_id=message_id or None,
        sender_id=sender_id or None,
        conversation_id=conversation_id or None,
    )


def check_id(value: str, field: str) -> None:
    """An app id (message, sender, conversation): at most 256 characters.

    Raises:
        InvalidField: naming ``field`` and the limit.
    """
    if len(value) > MAX_ID_CHARS:
        raise InvalidField(FieldProblem(field, f"is {len(value)} characters; the limit is {MAX_ID_CHARS}"))


def to_message(
    *, text: str, band: AgeBand, locale: str, country: str, max_text_chars: int, prefix: str
) -> Message:
    """Validate the fields of one message to moderate.

    Raises:
        InvalidField: naming the field and the limit, never the text.
    """
    if not text:
        raise InvalidField(FieldProblem(f"{prefix}text", "must not be empty"))
    if len(text) > max_text_chars:
        raise InvalidField(
            FieldProblem(f"{prefix}text", f"is {len(text)} characters; the limit is {max_text_chars}")
        )
    check_locale(locale, country, prefix=prefix)
    return Message(text=text, age_band=band, locale=locale or None, country=country or None)


def check_locale(locale: str, country: str, *, prefix: str = "") -> None:
    """A language tag (``en``, ``fr-BE``; empty allowed) and an optional ISO 3166-1 alpha-2 country.

    Raises:
        InvalidField: naming ``<prefix>locale`` or ``<prefix>country``.
    """
    if len(locale) > 35 or not all(c.isalnum() or c in "-_" for c in locale):
        raise InvalidField(FieldProblem(f"{prefix}locale", "must be a language tag such as en or fr-BE"))
    if country and (len(country) != 2 or not country.isalpha()):
        raise InvalidField(FieldProblem(f"{prefix}country", "must be an ISO 3166-1 alpha-2 code"))


def chat_message(item: pb.ConversationMessage, index: int, max_text_chars: int) -> ChatMessage:
    """The library's conversation message for stream item ``index``.

    Raises:
        InvalidField: a missing conversation id or sender, bad text, an unknown band.
    """
    prefix = f"messages[{index}]."
    if not item.conversation_id:
        raise InvalidField(FieldProblem(f"{prefix}conversation_id", "must not be empty"))
    if not item.sender:
        raise InvalidField(FieldProblem(f"{prefix}sender", "must not be empty"))
    sender_band = (
        age_band(item.sender_age_band, f"{prefix}sender_age_band")
        if item.HasField("sender_age_band")
        else None
    )
    message = to_message(
        text=item.text,
        band=age_band(item.recipient_age_band, f"{prefix}recipient_age_band"),
        locale=item.locale,
        country=item.country,
        max_text_chars=max_text_chars,
        prefix=prefix,
    )
    return ChatMessage(
        conversation_id=item.conversation_id,
        sender=item.sender,
        text=message.text,
        message_id=item.message_id,
        recipient=item.recipient or None,
        sender_age_band=sender_band,
        recipient_age_band=message.age_band,
        locale=message.locale,
        country=message.country,
        timestamp=item.timestamp or None,
    )


def decision_to_pb(decision: Decision, *, message_id: str = "") -> pb.Decision:
    """The protobuf form of a decision."""
    out = pb.Decision(
        action=_ACTIONS[decision.action],
        labels=[_LABELS[label] for label in decision.labels],
        reasons=[_reason(r) for r in decision.reasons],
        support=decision.support,
        age_band=_BANDS_TO_PB[decision.age_band],
        locale=decision.locale,
        evasions=list(decision.evasions),
        model_version=decision.model_version,
        policy_version=decision.policy_version,
        fail_closed=decision.fail_closed,
        language=decision.language or "",
        message_id=message_id,
        review=review_to_pb(decision.review),
        coverage=coverage_to_pb(decision.coverage),
    )
    if decision.scores is not None:
        out.scores.CopyFrom(pb.Scores(**decision.scores.as_dict()))
    if decision.masked_text is not None:
        out.masked_text = decision.masked_text
    if decision.sender_prompt is not None:
        out.sender_prompt.CopyFrom(_prompt(decision.sender_prompt))
    if decision.recipient_prompt is not None:
        out.recipient_prompt.CopyFrom(_prompt(decision.recipient_prompt))
    return out


def _reason(reason: Reason) -> pb.Reason:
    out = pb.Reason(
        code=reason.code,
        label=_LABELS[reason.label] if reason.label is not None else pb.LABEL_UNSPECIFIED,
        source=_SOURCES[reason.source],
        action=_ACTIONS[reason.action],
        review=review_to_pb(reason.review),
    )
    if reason.score is not None:
        out.score = reason.score
    if reason.threshold is not None:
        out.threshold = reason.threshold
    if reason.span is not None:
        out.span.CopyFrom(pb.Span(start=reason.span.start, end=reason.span.end))
    out.evidence.extend(reason.evidence)
    if reason.exemplar is not None:
        out.exemplar = reason.exemplar
    return out


def _prompt(prompt: Prompt) -> pb.Prompt:
    out = pb.Prompt(
        label=_LABELS[prompt.label] if prompt.label is not None else pb.LABEL_UNSPECIFIED,
        role=_ROLES[prompt.role],
        locale=prompt.locale,
        age_band=_BANDS_TO_PB[prompt.age_band],
        text=prompt.text,
        rule=prompt.rule,
        options=[_OPTIONS[o] for o in prompt.options],
    )
    if prompt.helpline is not None:
        h = prompt.helpline
        out.helpline.CopyFrom(
            pb.Helpline(
                country=h.country, name=h.name, phone=h.phone or "", url=h.url or "", hours=h.hours or ""
            )
        )
    return out


def prompt_to_pb(prompt: Prompt) -> pb.Prompt:
    """The protobuf form of a prompt."""
    return _prompt(prompt)
