"""Public value types: labels, actions, age bands, spans, reasons, prompts and decisions.

Every result the library returns is a frozen dataclass or an enum. None of these types
puts message text in its ``repr``; the only field that holds message text
(:attr:`Decision.masked_text`) is excluded from it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field


class Label(str, enum.Enum):
    """The eight harms safechat scores. Each is an independent calibrated probability."""

    BULLYING = "bullying"
    HATE = "hate"
    THREAT = "threat"
    SEXUAL = "sexual"
    GROOMING = "grooming"
    SELF_HARM = "self_harm"
    PII = "pii"
    PROFANITY = "profanity"

    def __str__(self) -> str:
        return self.value


LABELS: tuple[Label, ...] = tuple(Label)
"""All labels in the model's output order."""


class Action(str, enum.Enum):
    """What the app should do with a message, ordered from least to most restrictive.

    ``allow`` < ``mask`` < ``warn`` < ``block`` < ``escalate``. Compare actions with
    :attr:`severity` or :meth:`most_restrictive`, never by their string values.
    """

    ALLOW = "allow"
    MASK = "mask"
    WARN = "warn"
    BLOCK = "block"
    ESCALATE = "escalate"

    def __str__(self) -> str:
        return self.value

    @property
    def severity(self) -> int:
        """0 for ``allow`` up to 4 for ``escalate``."""
        return _ACTION_ORDER.index(self)

    @property
    def delivers(self) -> bool:
        """True when the message reaches the recipient (possibly masked or after a warning)."""
        return self.severity <= Action.WARN.severity

    @staticmethod
    def most_restrictive(actions: Iterator[Action] | tuple[Action, ...] | list[Action]) -> Action:
        """The most restrictive of ``actions``; ``allow`` when there are none."""
        return max(actions, key=lambda a: a.severity, default=Action.ALLOW)


_ACTION_ORDER = (Action.ALLOW, Action.MASK, Action.WARN, Action.BLOCK, Action.ESCALATE)


class AgeBand(str, enum.Enum):
    """The age band of a user. A missing or unknown band is treated as ``under_13``."""

    UNDER_13 = "under_13"
    AGE_13_15 = "13_15"
    AGE_16_17 = "16_17"
    ADULT = "adult"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: AgeBand | str | None) -> AgeBand:
        """The band named by ``value``; ``under_13`` (the safest) for ``None``, blanks or unknown names."""
        if isinstance(value, AgeBand):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace("-", "_")
            for band in cls:
                if band.value == key:
                    return band
        return cls.UNDER_13

    @classmethod
    def is_known(cls, value: str) -> bool:
        """True when ``value`` names a band exactly (``under_13``, ``13_15``, ``16_17``, ``adult``)."""
        return value in {b.value for b in cls}


class Role(str, enum.Enum):
    """Who a prompt is for."""

    SENDER = "sender"
    RECIPIENT = "recipient"

    def __str__(self) -> str:
        return self.value


class PromptOption(str, enum.Enum):
    """Structured choices the app renders as buttons next to a prompt."""

    REPORT = "report"
    BLOCK = "block"
    MUTE = "mute"
    TALK_TO_SOMEONE = "talk_to_someone"
    EDIT = "edit"
    SEND_ANYWAY = "send_anyway"

    def __str__(self) -> str:
        return self.value


class Review(str, enum.Enum):
    """Whether a person must look at a message, whatever its action: a child in crisis is helped,
    not silenced, so a delivered message can ask for review too.

    ``routine``: a person looks in the normal course (a child telling of grooming or abuse, an
    escalation). ``urgent``: a person looks now (a child at imminent risk of self-harm). Compare
    reviews with :attr:`priority` or :meth:`most_urgent`, never by their string values.
    """

    ROUTINE = "routine"
    URGENT = "urgent"

    def __str__(self) -> str:
        return self.value

    @property
    def priority(self) -> int:
        """1 for ``routine``, 2 for ``urgent``."""
        return 2 if self is Review.URGENT else 1

    @staticmethod
    def most_urgent(reviews: Iterable[Review | None]) -> Review | None:
        """The most urgent of ``reviews``; ``None`` when none asks for review."""
        return max((r for r in reviews if r is not None), key=lambda r: r.priority, default=None)


class Coverage(str, enum.Enum):
    """Whether the model that scored a message could read its language.

    ``trained``: the bundle that scored it was fine-tuned on the language (or the message is
    too short to tell and the bundle reads its script: "gg", "lol"). ``zero_shot``: the
    multilingual encoder was pretrained on the language but its heads had no fine-tuning data
    in it (scores are weaker: the multilingual model card measures how much). ``none``: no
    bundle can read it (a script the vocabulary does not hold, a language no encoder was
    pretrained on): no model scores it, and the policy's ``unread_action`` applies.
    """

    TRAINED = "trained"
    ZERO_SHOT = "zero_shot"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


class ReasonSource(str, enum.Enum):
    """What produced a reason: a model score, a transparent rule, an evasion, or the engine itself."""

    MODEL = "model"
    RULE = "rule"
    EVASION = "evasion"
    CONVERSATION = "conversation"
    ENGINE = "engine"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into the original message text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a label was triggered: a score crossing a threshold, or a rule firing.

    ``code`` is stable and machine-readable, e.g. ``model.bullying``, ``rule.pii.phone``,
    ``rule.grooming.secrecy``, ``evasion.homoglyph`` or ``engine.fail_closed``.
    ``score`` and ``threshold`` are in [0, 1]: a calibrated probability (model reasons) or the
    conversation risk (conversation reasons); ``span`` points into the original text (rule
    reasons only); ``evidence`` lists the ids of earlier messages that led to a conversation
    reason, for a human reviewer. ``exemplar`` (model reasons, when the policy's example banks
    took part) is the id of the bank example most like the message for the reason's label:
    an id, never the example's text. ``review`` is set when this reason asks a person to look
    (see :class:`Review`), e.g. ``rule.self_harm.imminent.time`` with ``urgent``.
    """

    code: str
    label: Label | None
    source: ReasonSource
    action: Action
    score: float | None = None
    threshold: float | None = None
    span: Span | None = None
    evidence: tuple[str, ...] = ()
    exemplar: str | None = None
    review: Review | None = None


@dataclass(frozen=True, slots=True)
class Helpline:
    """A place a child can get help now."""

    country: str
    name: str
    phone: str | None
    url: str | None
    hours: str | None = None


@dataclass(frozen=True, slots=True)
class Prompt:
    """A short, kind, child-facing text plus the buttons the app should offer."""

    label: Label | None
    role: Role
    locale: str
    age_band: AgeBand
    text: str
    rule: str
    options: tuple[PromptOption, ...]
    helpline: Helpline | None


@dataclass(frozen=True, slots=True)
class ExemplarMatch:
    """The example in the banks most like a message, for one label (ids only, never text).

    ``similarity`` is the cosine similarity of the two sentence embeddings, in [-1, 1].
    """

    label: Label
    exemplar_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Scores(Mapping[Label, float]):
    """Calibrated probability in [0, 1] for each of the eight labels (a read-only mapping).

    ``matches`` holds, per label, the nearest positive example in the policy's example banks
    when banks took part in the scores (empty otherwise). ``heads`` holds the bundle's heads'
    probabilities by kind (``"disclosure"``: a child telling of harm done to them; ``"self_harm"``:
    a message about hurting oneself; ``"bullying"``, ``"hate"``, ``"sexual"``, ``"grooming"``: a
    message that reads like children's chat of the label; :mod:`safechat.model.support_head`),
    empty when the bundle has none. Neither takes part in equality.
    """

    bullying: float
    hate: float
    threat: float
    sexual: float
    grooming: float
    self_harm: float
    pii: float
    profanity: float
    matches: tuple[ExemplarMatch, ...] = field(default=(), compare=False, kw_only=True)
    heads: Mapping[str, float] = field(default_factory=dict, compare=False, kw_only=True)

    def __getitem__(self, label: Label | str) -> float:
        value: float = getattr(self, Label(label).value)
        return value

    def __iter__(self) -> Iterator[Label]:
        return iter(LABELS)

    def __len__(self) -> int:
        return len(LABELS)

    @classmethod
    def from_values(cls, values: Mapping[Label, float]) -> Scores:
        """Build from a mapping that has every label."""
        return cls.of([float(values[label]) for label in LABELS])

    @classmethod
    def of(
        cls,
        values: Sequence[float],
        *,
        matches: tuple[ExemplarMatch, ...] = (),
        heads: Mapping[str, float] | None = None,
    ) -> Scores:
        """Build from eight probabilities in label order (:data:`LABELS`)."""
        if len(values) != len(LABELS):
            raise ValueError(f"need {len(LABELS)} scores, not {len(values)}")
        v = [float(x) for x in values]
        return cls(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], matches=matches, heads=dict(heads or {}))

    @classmethod
    def zeros(cls) -> Scores:
        """All labels at 0.0."""
        return cls.of([0.0] * len(LABELS))

    def match(self, label: Label) -> ExemplarMatch | None:
        """The nearest bank example for ``label``, or ``None`` when banks took no part."""
        return next((m for m in self.matches if m.label is label), None)

    def as_dict(self) -> dict[str, float]:
        """Label name -> probability, in label order (for JSON)."""
        return {label.value: self[label] for label in LABELS}


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome for one message.

    Attributes:
        action: what the app should do with the message.
        scores: calibrated probabilities for all eight labels; ``None`` when the decision
            failed closed before the model could score the message, or when no model could
            read it (``coverage`` ``none``).
        labels: the labels that were triggered, by a score or a rule, most severe first.
        reasons: every score that crossed a threshold and every rule that fired.
        sender_prompt: what to show the writer, or ``None`` when nothing needs saying.
        recipient_prompt: what to show the reader, or ``None``.
        masked_text: the message with masked spans replaced, when the action is ``mask``;
            excluded from ``repr``.
        support: show the writer help (self-harm, or a child telling of harm done to them):
            never a punishment. ``sender_prompt`` is then the help to show.
        age_band: the band the policy was applied for.
        locale: the locale of the prompts.
        evasions: names of the evasion techniques the normaliser undid.
        model_version: the name and version of the bundle that scored the message.
        policy_version: the policy's version string.
        fail_closed: True when an internal error produced this decision.
        language: the message's language (ISO 639-1) when it could be told, else ``None``.
        review: ``None``, or :class:`Review` ``routine`` / ``urgent`` when a person must look at
            the message, whether or not it is delivered (``escalate`` always asks for at least
            ``routine``; a fail-closed decision never does). The most urgent review any reason
            asks for.
        coverage: whether the model that scored the message could read its language
            (:class:`Coverage`): ``trained``, ``zero_shot`` or ``none`` (no model scored it;
            the band's ``unread_action`` applied, reason ``model.unread``).
    """

    action: Action
    scores: Scores | None
    labels: tuple[Label, ...]
    reasons: tuple[Reason, ...]
    sender_prompt: Prompt | None
    recipient_prompt: Prompt | None
    masked_text: str | None = field(default=None, repr=False)
    support: bool = False
    age_band: AgeBand = AgeBand.UNDER_13
    locale: str = "en"
    evasions: tuple[str, ...] = ()
    model_version: str = ""
    policy_version: str = ""
    fail_closed: bool = False
    language: str | None = None
    review: Review | None = None
    coverage: Coverage = Coverage.TRAINED

    @property
    def delivered(self) -> bool:
        """True when the message reaches the recipient."""
        return self.action.delivers
