from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AgeBand(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGE_BAND_UNDER_13: _ClassVar[AgeBand]
    AGE_BAND_13_15: _ClassVar[AgeBand]
    AGE_BAND_16_17: _ClassVar[AgeBand]
    AGE_BAND_ADULT: _ClassVar[AgeBand]

class Action(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTION_ESCALATE: _ClassVar[Action]
    ACTION_ALLOW: _ClassVar[Action]
    ACTION_MASK: _ClassVar[Action]
    ACTION_WARN: _ClassVar[Action]
    ACTION_BLOCK: _ClassVar[Action]

class Label(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LABEL_UNSPECIFIED: _ClassVar[Label]
    LABEL_BULLYING: _ClassVar[Label]
    LABEL_HATE: _ClassVar[Label]
    LABEL_THREAT: _ClassVar[Label]
    LABEL_SEXUAL: _ClassVar[Label]
    LABEL_GROOMING: _ClassVar[Label]
    LABEL_SELF_HARM: _ClassVar[Label]
    LABEL_PII: _ClassVar[Label]
    LABEL_PROFANITY: _ClassVar[Label]

class ReasonSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REASON_SOURCE_UNSPECIFIED: _ClassVar[ReasonSource]
    REASON_SOURCE_MODEL: _ClassVar[ReasonSource]
    REASON_SOURCE_RULE: _ClassVar[ReasonSource]
    REASON_SOURCE_EVASION: _ClassVar[ReasonSource]
    REASON_SOURCE_ENGINE: _ClassVar[ReasonSource]
    REASON_SOURCE_CONVERSATION: _ClassVar[ReasonSource]

class Review(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REVIEW_NONE: _ClassVar[Review]
    REVIEW_ROUTINE: _ClassVar[Review]
    REVIEW_URGENT: _ClassVar[Review]

class Coverage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COVERAGE_UNSPECIFIED: _ClassVar[Coverage]
    COVERAGE_TRAINED: _ClassVar[Coverage]
    COVERAGE_ZERO_SHOT: _ClassVar[Coverage]
    COVERAGE_NONE: _ClassVar[Coverage]

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_SENDER: _ClassVar[Role]
    ROLE_RECIPIENT: _ClassVar[Role]

class PromptOption(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROMPT_OPTION_UNSPECIFIED: _ClassVar[PromptOption]
    PROMPT_OPTION_REPORT: _ClassVar[PromptOption]
    PROMPT_OPTION_BLOCK: _ClassVar[PromptOption]
    PROMPT_OPTION_MUTE: _ClassVar[PromptOption]
    PROMPT_OPTION_TALK_TO_SOMEONE: _ClassVar[PromptOption]
    PROMPT_OPTION_EDIT: _ClassVar[PromptOption]
    PROMPT_OPTION_SEND_ANYWAY: _ClassVar[PromptOption]

class ReportReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_REASON_OTHER: _ClassVar[ReportReason]
    REPORT_REASON_BULLYING: _ClassVar[ReportReason]
    REPORT_REASON_HATE: _ClassVar[ReportReason]
    REPORT_REASON_THREAT: _ClassVar[ReportReason]
    REPORT_REASON_SEXUAL: _ClassVar[ReportReason]
    REPORT_REASON_GROOMING: _ClassVar[ReportReason]
    REPORT_REASON_SELF_HARM: _ClassVar[ReportReason]
    REPORT_REASON_PII: _ClassVar[ReportReason]
    REPORT_REASON_SPAM: _ClassVar[ReportReason]

class ReportStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_STATUS_OPEN: _ClassVar[ReportStatus]
    REPORT_STATUS_IN_REVIEW: _ClassVar[ReportStatus]
    REPORT_STATUS_ACTIONED: _ClassVar[ReportStatus]
    REPORT_STATUS_DISMISSED: _ClassVar[ReportStatus]
AGE_BAND_UNDER_13: AgeBand
AGE_BAND_13_15: AgeBand
AGE_BAND_16_17: AgeBand
AGE_BAND_ADULT: AgeBand
ACTION_ESCALATE: Action
ACTION_ALLOW: Action
ACTION_MASK: Action
ACTION_WARN: Action
ACTION_BLOCK: Action
LABEL_UNSPECIFIED: Label
LABEL_BULLYING: Label
LABEL_HATE: Label
LABEL_THREAT: Label
LABEL_SEXUAL: Label
LABEL_GROOMING: Label
LABEL_SELF_HARM: Label
LABEL_PII: Label
LABEL_PROFANITY: Label
REASON_SOURCE_UNSPECIFIED: ReasonSource
REASON_SOURCE_MODEL: ReasonSource
REASON_SOURCE_RULE: ReasonSource
REASON_SOURCE_EVASION: ReasonSource
REASON_SOURCE_ENGINE: ReasonSource
REASON_SOURCE_CONVERSATION: ReasonSource
REVIEW_NONE: Review
REVIEW_ROUTINE: Review
REVIEW_URGENT: Review
COVERAGE_UNSPECIFIED: Coverage
COVERAGE_TRAINED: Coverage
COVERAGE_ZERO_SHOT: Coverage
COVERAGE_NONE: Coverage
ROLE_SENDER: Role
ROLE_RECIPIENT: Role
PROMPT_OPTION_UNSPECIFIED: PromptOption
PROMPT_OPTION_REPORT: PromptOption
PROMPT_OPTION_BLOCK: PromptOption
PROMPT_OPTION_MUTE: PromptOption
PROMPT_OPTION_TALK_TO_SOMEONE: PromptOption
PROMPT_OPTION_EDIT: PromptOption
PROMPT_OPTION_SEND_ANYWAY: PromptOption
REPORT_REASON_OTHER: ReportReason
REPORT_REASON_BULLYING: ReportReason
REPORT_REASON_HATE: ReportReason
REPORT_REASON_THREAT: ReportReason
REPORT_REASON_SEXUAL: ReportReason
REPORT_REASON_GROOMING: ReportReason
REPORT_REASON_SELF_HARM: ReportReason
REPORT_REASON_PII: ReportReason
REPORT_REASON_SPAM: ReportReason
REPORT_STATUS_OPEN: ReportStatus
REPORT_STATUS_IN_REVIEW: ReportStatus
REPORT_STATUS_ACTIONED: ReportStatus
REPORT_STATUS_DISMISSED: ReportStatus

class ModerateRequest(_message.Message):
    __slots__ = ("text", "age_band", "locale", "country", "message_id", "sender_id", "conversation_id")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    AGE_BAND_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SENDER_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    text: str
    age_band: AgeBand
    locale: str
    country: str
    message_id: str
    sender_id: str
    conversation_id: str
    def __init__(self, text: _Optional[str] = ..., age_band: _Optional[_Union[AgeBand, str]] = ..., locale: _Optional[str] = ..., country: _Optional[str] = ..., message_id: _Optional[str] = ..., sender_id: _Optional[str] = ..., conversation_id: _Optional[str] = ...) -> None: ...

class ModerateResponse(_message.Message):
    __slots__ = ("decision",)
    DECISION_FIELD_NUMBER: _ClassVar[int]
    decision: Decision
    def __init__(self, decision: _Optional[_Union[Decision, _Mapping]] = ...) -> None: ...

class ModerateBatchRequest(_message.Message):
    __slots__ = ("messages",)
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[ModerateRequest]
    def __init__(self, messages: _Optional[_Iterable[_Union[ModerateRequest, _Mapping]]] = ...) -> None: ...

class ModerateBatchResponse(_message.Message):
    __slots__ = ("decisions",)
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    decisions: _containers.RepeatedCompositeFieldContainer[Decision]
    def __init__(self, decisions: _Optional[_Iterable[_Union[Decision, _Mapping]]] = ...) -> None: ...

class ConversationMessage(_message.Message):
    __slots__ = ("conversation_id", "message_id", "sender", "recipient", "sender_age_band", "recipient_age_band", "text", "locale", "timestamp", "country")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    SENDER_AGE_BAND_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_AGE_BAND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    message_id: str
    sender: str
    recipient: str
    sender_age_band: AgeBand
    recipient_age_band: AgeBand
    text: str
    locale: str
    timestamp: float
    country: str
    def __init__(self, conversation_id: _Optional[str] = ..., message_id: _Optional[str] = ..., sender: _Optional[str] = ..., recipient: _Optional[str] = ..., sender_age_band: _Optional[_Union[AgeBand, str]] = ..., recipient_age_band: _Optional[_Union[AgeBand, str]] = ..., text: _Optional[str] = ..., locale: _Optional[str] = ..., timestamp: _Optional[float] = ..., country: _Optional[str] = ...) -> None: ...

class ConversationDecision(_message.Message):
    __slots__ = ("conversation_id", "message_id", "decision", "conversation_risk", "stages")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_RISK_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    message_id: str
    decision: Decision
    conversation_risk: float
    stages: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, conversation_id: _Optional[str] = ..., message_id: _Optional[str] = ..., decision: _Optional[_Union[Decision, _Mapping]] = ..., conversation_risk: _Optional[float] = ..., stages: _Optional[_Iterable[str]] = ...) -> None: ...

class SubmitReportRequest(_message.Message):
    __slots__ = ("reporter_id", "reported_id", "reason", "details", "conversation_id", "message_id", "text", "context", "age_band", "locale", "country", "idempotency_key")
    REPORTER_ID_FIELD_NUMBER: _ClassVar[int]
    REPORTED_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    AGE_BAND_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    reporter_id: str
    reported_id: str
    reason: ReportReason
    details: str
    conversation_id: str
    message_id: str
    text: str
    context: _containers.RepeatedScalarFieldContainer[str]
    age_band: AgeBand
    locale: str
    country: str
    idempotency_key: str
    def __init__(self, reporter_id: _Optional[str] = ..., reported_id: _Optional[str] = ..., reason: _Optional[_Union[ReportReason, str]] = ..., details: _Optional[str] = ..., conversation_id: _Optional[str] = ..., message_id: _Optional[str] = ..., text: _Optional[str] = ..., context: _Optional[_Iterable[str]] = ..., age_band: _Optional[_Union[AgeBand, str]] = ..., locale: _Optional[str] = ..., country: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class SubmitReportResponse(_message.Message):
    __slots__ = ("report_id", "received_at", "status", "acknowledgement")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGEMENT_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    received_at: str
    status: ReportStatus
    acknowledgement: Prompt
    def __init__(self, report_id: _Optional[str] = ..., received_at: _Optional[str] = ..., status: _Optional[_Union[ReportStatus, str]] = ..., acknowledgement: _Optional[_Union[Prompt, _Mapping]] = ...) -> None: ...

class Scores(_message.Message):
    __slots__ = ("bullying", "hate", "threat", "sexual", "grooming", "self_harm", "pii", "profanity")
    BULLYING_FIELD_NUMBER: _ClassVar[int]
    HATE_FIELD_NUMBER: _ClassVar[int]
    THREAT_FIELD_NUMBER: _ClassVar[int]
    SEXUAL_FIELD_NUMBER: _ClassVar[int]
    GROOMING_FIELD_NUMBER: _ClassVar[int]
    SELF_HARM_FIELD_NUMBER: _ClassVar[int]
    PII_FIELD_NUMBER: _ClassVar[int]
    PROFANITY_FIELD_NUMBER: _ClassVar[int]
    bullying: float
    hate: float
    threat: float
    sexual: float
    grooming: float
    self_harm: float
    pii: float
    profanity: float
    def __init__(self, bullying: _Optional[float] = ..., hate: _Optional[float] = ..., threat: _Optional[float] = ..., sexual: _Optional[float] = ..., grooming: _Optional[float] = ..., self_harm: _Optional[float] = ..., pii: _Optional[float] = ..., profanity: _Optional[float] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Reason(_message.Message):
    __slots__ = ("code", "label", "source", "action", "score", "threshold", "span", "evidence", "exemplar", "review")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    EXEMPLAR_FIELD_NUMBER: _ClassVar[int]
    REVIEW_FIELD_NUMBER: _ClassVar[int]
    code: str
    label: Label
    source: ReasonSource
    action: Action
    score: float
    threshold: float
    span: Span
    evidence: _containers.RepeatedScalarFieldContainer[str]
    exemplar: str
    review: Review
    def __init__(self, code: _Optional[str] = ..., label: _Optional[_Union[Label, str]] = ..., source: _Optional[_Union[ReasonSource, str]] = ..., action: _Optional[_Union[Action, str]] = ..., score: _Optional[float] = ..., threshold: _Optional[float] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., evidence: _Optional[_Iterable[str]] = ..., exemplar: _Optional[str] = ..., review: _Optional[_Union[Review, str]] = ...) -> None: ...

class Helpline(_message.Message):
    __slots__ = ("country", "name", "phone", "url", "hours")
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    country: str
    name: str
    phone: str
    url: str
    hours: str
    def __init__(self, country: _Optional[str] = ..., name: _Optional[str] = ..., phone: _Optional[str] = ..., url: _Optional[str] = ..., hours: _Optional[str] = ...) -> None: ...

class Prompt(_message.Message):
    __slots__ = ("label", "role", "locale", "age_band", "text", "rule", "options", "helpline")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    AGE_BAND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    HELPLINE_FIELD_NUMBER: _ClassVar[int]
    label: Label
    role: Role
    locale: str
    age_band: AgeBand
    text: str
    rule: str
    options: _containers.RepeatedScalarFieldContainer[PromptOption]
    helpline: Helpline
    def __init__(self, label: _Optional[_Union[Label, str]] = ..., role: _Optional[_Union[Role, str]] = ..., locale: _Optional[str] = ..., age_band: _Optional[_Union[AgeBand, str]] = ..., text: _Optional[str] = ..., rule: _Optional[str] = ..., options: _Optional[_Iterable[_Union[PromptOption, str]]] = ..., helpline: _Optional[_Union[Helpline, _Mapping]] = ...) -> None: ...

class Decision(_message.Message):
    __slots__ = ("action", "scores", "labels", "reasons", "sender_prompt", "recipient_prompt", "masked_text", "support", "age_band", "locale", "evasions", "model_version", "policy_version", "fail_closed", "message_id", "language", "review", "coverage")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    SENDER_PROMPT_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_PROMPT_FIELD_NUMBER: _ClassVar[int]
    MASKED_TEXT_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_FIELD_NUMBER: _ClassVar[int]
    AGE_BAND_FIELD_NUMBER: _ClassVar[int]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    EVASIONS_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    POLICY_VERSION_FIELD_NUMBER: _ClassVar[int]
    FAIL_CLOSED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    REVIEW_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_FIELD_NUMBER: _ClassVar[int]
    action: Action
    scores: Scores
    labels: _containers.RepeatedScalarFieldContainer[Label]
    reasons: _containers.RepeatedCompositeFieldContainer[Reason]
    sender_prompt: Prompt
    recipient_prompt: Prompt
    masked_text: str
    support: bool
    age_band: AgeBand
    locale: str
    evasions: _containers.RepeatedScalarFieldContainer[str]
    model_version: str
    policy_version: str
    fail_closed: bool
    message_id: str
    language: str
    review: Review
    coverage: Coverage
    def __init__(self, action: _Optional[_Union[Action, str]] = ..., scores: _Optional[_Union[Scores, _Mapping]] = ..., labels: _Optional[_Iterable[_Union[Label, str]]] = ..., reasons: _Optional[_Iterable[_Union[Reason, _Mapping]]] = ..., sender_prompt: _Optional[_Union[Prompt, _Mapping]] = ..., recipient_prompt: _Optional[_Union[Prompt, _Mapping]] = ..., masked_text: _Optional[str] = ..., support: _Optional[bool] = ..., age_band: _Optional[_Union[AgeBand, str]] = ..., locale: _Optional[str] = ..., evasions: _Optional[_Iterable[str]] = ..., model_version: _Optional[str] = ..., policy_version: _Optional[str] = ..., fail_closed: _Optional[bool] = ..., message_id: _Optional[str] = ..., language: _Optional[str] = ..., review: _Optional[_Union[Review, str]] = ..., coverage: _Optional[_Union[Coverage, str]] = ...) -> None: ...
